package dev.hoglink.service.inventory;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.PermissionException;
import dev.hoglink.api.PostHogApi;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.api.dto.UserDto;
import dev.hoglink.model.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A personal API key limited to some projects ({@code scoped_teams}): PostHog refuses it every organization
 * endpoint with one fixed text (posthog/permissions.py, docs/api-notes.md N10, N20), but {@code /api/users/@me/}
 * still names the user's organizations and the current one's teams, and each team it may reach answers on its
 * project endpoints. So the projects it can reach are the current organization's teams whose GitHub rows it may
 * read; a team outside the key answers 403 "API key does not have access to the requested project".
 */
public final class ScopedKey {

    /** PostHog's refusal of an organization endpoint to a key limited to projects. */
    public static final String PROJECTS_ONLY = "API keys with scoped projects are only supported on project-based endpoints.";
    private static final String NO_ACCESS = "API key does not have access to the requested project";

    private ScopedKey() {
    }

    /** Whether this refusal means "the key is limited to projects", not "the user lacks a right". */
    public static boolean limitedToProjects(ApiException e) {
        return e instanceof PermissionException && e.detail() != null && e.detail().strip().equals(PROJECTS_ONLY);
    }

    /**
     * The projects of {@code organizationId} the key reaches, each probed once; empty when the organization is not
     * the user's current one (PostHog names only that one's teams to such a key).
     */
    public static List<Project> reachableProjects(PostHogApi api, String organizationId) {
        UserDto me = api.me();
        OrganizationDto current = me.organization();
        if (current == null || organizationId == null || !organizationId.equals(current.id())) {
            return List.of();
        }
        List<Project> out = new ArrayList<>();
        for (Project p : Environments.allTeams(current.projects(), current.teams(), organizationId)) {
            if (reaches(api, p.id())) {
                out.add(p);
            }
        }
        return out;
    }

    private static boolean reaches(PostHogApi api, long teamId) {
        try {
            api.githubIntegrations(teamId);
            return true;
        } catch (PermissionException e) {
            if (e.detail() != null && e.detail().startsWith(NO_ACCESS)) {
                return false;
            }
            return true; // reachable, but another right is missing: the inventory shows that per project
        }
    }

    /** The sentence the connection check and the window show for a key limited to projects. */
    public static String projectsNote(List<Project> reachable) {
        return "This API key is limited to " + reachable.size() + " project" + (reachable.size() == 1 ? "" : "s")
                + (reachable.isEmpty() ? "" : " (" + String.join(", ", reachable.stream().map(Project::name).toList())
                + ")") + ", so only those are shown and organization-wide pages are not available. Use a key "
                + "without a project limit to see every project.";
    }

    /** The sentence for a key limited to organizations, or empty when it is not. */
    public static Optional<String> organizationsNote(List<String> scopedOrganizationNames) {
        if (scopedOrganizationNames.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("This API key is limited to the organization" + (scopedOrganizationNames.size() == 1 ? " "
                : "s ") + String.join(", ", scopedOrganizationNames) + "; other organizations are not shown.");
    }
}
