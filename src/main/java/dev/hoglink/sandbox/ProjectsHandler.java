package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Projects (E3): an organization's projects, one project by organization, one project by id, and one team
 * (a project's main one or another environment) by id under {@code /api/environments/}.
 */
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
        // The same ProjectViewSet as /api/projects/{id}/ (Gate.urlProject), its rows narrowed to the URL's organization
        World.Team t = Gate.urlProject(w, ex, ex.segments.get(4));
        if (!t.orgId.equals(o.id)) {
            throw ApiError.notFound();
        }
        Gate.requireMethod(ex, "GET");
        return Response.json(200, JsonViews.projectDetail(w, ex, t));
    }

    /**
     * {@code GET /api/projects/{id}/}: a project's detail, the user's level on it being its main team's
     * (posthog/api/project.py {@code ProjectSerializer.get_effective_membership_level}: {@code project.teams.get(pk=
     * project.pk)}). An environment's own team id is no project's id: 404 ({@link Gate#urlProject}).
     */
    Response detail(World w, Exchange ex) {
        World.Team t = gate.project(w, ex);
        Gate.requireMethod(ex, "GET");
        return Response.json(200, JsonViews.projectDetail(w, ex, t));
    }

    /**
     * {@code GET /api/environments/{id}/}: one team's detail (posthog/api/team/team_serializer.py TeamSerializer),
     * with the user's level on that team itself, decided by its own rules (docs/api-notes.md NM2).
     */
    Response environmentDetail(World w, Exchange ex) {
        World.Team t = gate.environment(w, ex);
        Gate.requireMethod(ex, "GET");
        return Response.json(200, JsonViews.environmentDetail(w, ex, t));
    }
}
