package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Projects (E3): an organization's projects, one project by organization, one project by id. */
final class ProjectsHandler {

    private final Gate gate;

    ProjectsHandler(Gate gate) {
        this.gate = gate;
    }

    Response ofOrganization(World w, Exchange ex) {
        if (!Gate.isSafe(ex.method) && w.orgLevel(ex.user.id, ex.segments.get(2).equals("@current") ? ex.user.currentOrgId : ex.segments.get(2)) < 0) {
            // OrganizationAdminWritePermissions: a write by a non-member does not learn the organization exists.
            throw ApiError.notFound("Organization not found.");
        }
        World.Org o = gate.org(w, ex);
        Gate.requireMethod(ex, "GET");
        String search = ex.query.getOrDefault("search", "").toLowerCase(Locale.ROOT);
        List<JsonNode> items = new ArrayList<>();
        for (World.Team t : Gate.listedProjects(w, ex, o.id)) {
            if (search.isEmpty() || t.name.toLowerCase(Locale.ROOT).contains(search)) {
                // ProjectBackwardCompatBasicSerializer (posthog/api/shared.py): the team's fields but no project_id
                com.fasterxml.jackson.databind.node.ObjectNode item = JsonViews.basicTeam(w, t);
                item.remove("project_id");
                items.add(item);
            }
        }
        return Response.json(200, Paging.paginate(ex, items));
    }

    Response ofOrganizationDetail(World w, Exchange ex) {
        World.Org o = gate.org(w, ex);
        String raw = ex.segments.get(4);
        int id;
        if (raw.equals("@current")) {
            id = ex.user.currentTeamId;
        } else if (raw.matches("\\d{1,9}")) {
            id = Integer.parseInt(raw);
        } else {
            throw ApiError.notFound();
        }
        World.Team t = w.team(id).filter(x -> x.orgId.equals(o.id)).orElseThrow(ApiError::notFound);
        if (!w.canSee(ex.user.id, t)) {
            throw ApiError.notFound();
        }
        Gate.requireMethod(ex, "GET");
        return Response.json(200, JsonViews.fullTeam(w, ex, t));
    }

    Response detail(World w, Exchange ex) {
        World.Team t = gate.team(w, ex);
        Gate.requireMethod(ex, "GET");
        return Response.json(200, JsonViews.fullTeam(w, ex, t));
    }
}
