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

    /** {@code /api/users/}: a non-staff caller's queryset holds only themselves (posthog/api/user.py). */
    Response list(World w, Exchange ex) {
        Gate.requireMethod(ex, "GET");
        return Response.json(200, Paging.paginate(ex, List.of(userJson(w, ex))));
    }

    /** {@code /api/users/@me/}; any other user is refused with PostHog's own words. */
    Response detail(World w, Exchange ex) {
        Gate.requireMethod(ex, "GET");
        if (!ex.segments.get(2).equals("@me")) {
            throw ApiError.denied("As a non-staff user you're only allowed to access the `@me` user instance.");
        }
        // UserViewSet replaces the default throttles (contract §1): no personal-key throttle here.
        return Response.json(200, userJson(w, ex));
    }

    /**
     * {@code /api/users/@me/integrations/}: the caller's personal GitHub links, oldest first, not paginated
     * (posthog/api/user_integration.py {@code UserIntegrationViewSet.list}; it filters kind github itself and
     * ignores {@code ?kind=}). {@code uses_shared_installation} is about the user's current project.
     */
    Response personalIntegrations(World w, Exchange ex) {
        Gate.requireMethod(ex, "GET");
        java.util.Set<String> onCurrentTeam = new java.util.HashSet<>();
        w.integrations.stream().filter(i -> "github".equals(i.kind) && i.teamId == ex.user.currentTeamId)
                .forEach(i -> i.installationId().ifPresent(onCurrentTeam::add));
        ObjectNode n = json();
        ArrayNode results = n.putArray("results");
        w.personalLinksOf(ex.user.id).stream()
                .sorted(java.util.Comparator.comparing((World.PersonalLink p) -> p.createdAt).thenComparingInt(p -> p.id))
                .forEach(p -> {
                    ObjectNode o = results.addObject();
                    o.put("kind", "github");
                    o.put("installation_id", p.installationId);
                    World.AppInstallation inst = w.installation(p.installationId).orElse(null);
                    o.put("repository_selection", inst == null ? null : inst.repositorySelection);
                    if (inst == null) {
                        o.putNull("account");
                    } else {
                        o.putObject("account").put("type", inst.accountType).put("name", inst.accountName);
                    }
                    o.put("uses_shared_installation", onCurrentTeam.contains(p.installationId));
                    o.put("created_at", p.createdAt);
                });
        return Response.json(200, n);
    }

    /**
     * posthog/api/user.py {@code UserSerializer} (commit 000e575c): its readable fields in {@code Meta.fields} order, as
     * PostHog answers a personal API key (no web session, so nothing about impersonation or re-authentication), the
     * current organization in full and the others in the basic form (docs/api-notes.md NN2).
     */
    private static ObjectNode userJson(World w, Exchange ex) {
        World.User u = ex.user;
        ObjectNode n = json();
        n.put("date_joined", SeedWorld.EPOCH.minus(Duration.ofDays(300)).toString());
        n.put("uuid", u.uuid);
        n.put("distinct_id", u.distinctId);
        n.put("first_name", u.firstName);
        n.put("last_name", u.lastName);
        n.put("email", u.email);
        n.putNull("pending_email");
        n.put("is_email_verified", true);
        n.putObject("notification_settings");
        n.putArray("notification_locks");
        n.put("anonymize_data", false);
        n.put("allow_impersonation", true);
        n.putNull("toolbar_mode");
        n.put("has_password", true);
        n.put("id", u.id);
        n.put("is_staff", false);
        n.put("is_impersonated", false);
        n.putNull("is_impersonated_until");
        n.putNull("is_impersonated_read_only");
        n.putNull("is_impersonated_reason");
        n.putNull("sensitive_session_expires_at");
        n.putNull("fresh_reauth_expires_at");
        w.team(u.currentTeamId).ifPresentOrElse(t -> n.set("team", JsonViews.basicTeam(w, t)), () -> n.putNull("team"));
        w.org(u.currentOrgId).ifPresentOrElse(o -> n.set("organization", JsonViews.fullOrg(w, ex, o)),
                () -> n.putNull("organization"));
        ArrayNode orgs = n.putArray("organizations");
        for (World.Org o : w.organizations) {
            if (w.orgLevel(u.id, o.id) >= 0) {
                orgs.add(JsonViews.basicOrg(w, u, o));
            }
        }
        n.putObject("events_column_config").put("active", "DEFAULT");
        n.put("is_2fa_enabled", false);
        n.put("has_social_auth", false);
        n.put("has_sso_enforcement", false);
        n.putObject("has_seen_product_intro_for");
        n.putArray("scene_personalisation");
        n.putNull("theme_mode");
        n.putNull("hedgehog_config");
        n.put("allow_sidebar_suggestions", false);
        n.putNull("shortcut_position");
        n.putNull("role_at_organization");
        n.put("passkeys_enabled_for_2fa", false);
        n.put("hide_mcp_hints", false);
        n.putNull("ui_configuration");
        n.putNull("onboarding_skipped_at");
        n.putNull("onboarding_skipped_reason");
        n.putNull("onboarding_skipped_organization_id");
        n.putNull("onboarding_delegated_to_invite");
        n.putNull("onboarding_delegated_to_organization_id");
        n.putNull("onboarding_delegation_accepted_at");
        // get_is_organization_first_user: the membership was not made by an invite; the sandbox's owners made theirs
        int level = u.currentOrgId == null ? -1 : w.orgLevel(u.id, u.currentOrgId);
        if (level < 0) {
            n.putNull("is_organization_first_user");
        } else {
            n.put("is_organization_first_user", level == 15);
        }
        n.putArray("active_realtime_notification_types");
        n.putArray("pending_invites");
        // get_requires_credential_review: a user with a personal API key who has not acknowledged it
        n.put("requires_credential_review", w.keys.stream().anyMatch(k -> k.userId == u.id));
        return n;
    }

    /** {@code /api/personal_api_keys/}: the caller's own keys, as a plain array (no pagination). */
    Response keys(World w, Exchange ex) {
        refuseKeyWrites(ex);
        Gate.requireMethod(ex, "GET");
        gate.throttle(ex);
        ArrayNode arr = SandboxState.MAPPER.createArrayNode();
        w.keys.stream().filter(k -> k.userId == ex.user.id).forEach(k -> arr.add(keyJson(k)));
        return Response.json(200, arr);
    }

    /** {@code /api/personal_api_keys/{id}/}: one of the caller's keys; another user's key is not found. */
    Response key(World w, Exchange ex) {
        refuseKeyWrites(ex);
        Gate.requireMethod(ex, "GET");
        gate.throttle(ex);
        String id = ex.segments.get(2);
        World.PersonalKey k = w.keys.stream().filter(x -> x.id.equals(id) && x.userId == ex.user.id).findFirst()
                .orElseThrow(ApiError::notFound);
        return Response.json(200, keyJson(k));
    }

    /** A personal API key cannot create, change or delete keys (test_cannot_create_other_keys, test_cannot_edit_self). */
    private static void refuseKeyWrites(Exchange ex) {
        if (!Gate.isSafe(ex.method)) {
            throw ApiError.denied("This action does not support Personal API Key access");
        }
    }

    Response currentKey(World w, Exchange ex) {
        refuseKeyWrites(ex);
        Gate.requireMethod(ex, "GET");
        gate.throttle(ex);
        return Response.json(200, keyJson(ex.key));
    }

    static ObjectNode keyJson(World.PersonalKey k) {
        ObjectNode n = json();
        n.put("id", k.id);
        n.put("label", k.label);
        n.putNull("description");
        n.putNull("value");
        n.put("mask_value", k.maskValue);
        n.put("created_at", k.createdAt);
        n.put("last_used_at", k.lastUsedAt);
        n.putNull("last_rolled_at");
        n.put("user_id", k.userId);
        n.put("is_legacy_hashing", false);
        n.putNull("local_dev_value");
        ArrayNode scopes = n.putArray("scopes");
        // The newest serializer shows a key stored without scopes as [] (it used to say ["*"]), as it is judged.
        Gate.scopesOf(k).forEach(scopes::add);
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
