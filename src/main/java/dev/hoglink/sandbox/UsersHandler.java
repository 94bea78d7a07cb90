package dev.hoglink.sandbox;

import static dev.hoglink.sandbox.JsonViews.json;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.List;

/** Users (E1, {@code /api/users/}) and the personal API keys themselves (N1, {@code /api/personal_api_keys/}). */
final class UsersHandler {

    private final Gate gate;

    UsersHandler(Gate gate) {
        this.gate = gate;
    }

    Response me(World w, Exchange ex) {
        Gate.requireMethod(ex, "GET");
        if (!ex.segments.get(2).equals("@me")) {
            throw ApiError.denied("You do not have permission to perform this action.");
        }
        // /api/users/@me/ replaces the default throttles (contract §1): no throttle here.
        World.User u = ex.user;
        ObjectNode n = JsonViews.basicUser(u);
        n.put("is_staff", false);
        n.put("date_joined", SeedWorld.EPOCH.minus(Duration.ofDays(300)).toString());
        w.team(u.currentTeamId).ifPresentOrElse(t -> n.set("team", JsonViews.basicTeam(w, t)), () -> n.putNull("team"));
        w.org(u.currentOrgId).ifPresentOrElse(o -> n.set("organization", JsonViews.fullOrg(w, ex, o)),
                () -> n.putNull("organization"));
        ArrayNode orgs = n.putArray("organizations");
        for (World.Org o : w.organizations) {
            if (w.orgLevel(u.id, o.id) >= 0) {
                orgs.add(JsonViews.basicOrg(w, u, o));
            }
        }
        return Response.json(200, n);
    }

    Response currentKey(World w, Exchange ex) {
        Gate.requireMethod(ex, "GET");
        gate.throttle(ex);
        return Response.json(200, keyJson(ex.key));
    }

    static ObjectNode keyJson(World.PersonalKey k) {
        ObjectNode n = json();
        n.put("id", k.id);
        n.put("label", k.label);
        n.putNull("value");
        n.put("mask_value", k.maskValue);
        n.put("created_at", k.createdAt);
        n.put("last_used_at", k.lastUsedAt);
        n.put("user_id", k.userId);
        ArrayNode scopes = n.putArray("scopes");
        (k.scopes.isEmpty() ? List.of("*") : k.scopes).forEach(scopes::add);
        if (k.scopedTeams.isEmpty()) {
            n.putNull("scoped_teams");
        } else {
            k.scopedTeams.forEach(n.putArray("scoped_teams")::add);
        }
        if (k.scopedOrganizations.isEmpty()) {
            n.putNull("scoped_organizations");
        } else {
            k.scopedOrganizations.forEach(n.putArray("scoped_organizations")::add);
        }
        return n;
    }
}
