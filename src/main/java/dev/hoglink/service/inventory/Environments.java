package dev.hoglink.service.inventory;

import dev.hoglink.api.dto.ProjectRefDto;
import dev.hoglink.api.dto.TeamBasicDto;
import dev.hoglink.model.Project;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * PostHog environments as inventory rows. Each environment is a team with its own GitHub rows (integration routes
 * take the team id); an organization's {@code teams} lists every team the user can see, each with the
 * {@code project_id} of its project, while {@code …/projects/} lists projects only (docs/api-notes.md N13, N20).
 * A team that is not its project's primary team becomes a row of its own, named "Project / Environment", so link,
 * unlink, OAuth, the audit and the history all work per team.
 */
final class Environments {

    private Environments() {
    }

    /**
     * The teams that {@code projects} (one row per project) leaves out, as rows named "Project / Environment".
     * PostHog lists a project only when its own team is visible (posthog/api/project.py), while the organization's
     * {@code projects} names every project with a visible team (posthog/api/organization.py): an environment whose
     * project's main team is hidden is named under that project from {@code organizationProjects}.
     */
    static List<Project> extraTeams(List<Project> projects, List<ProjectRefDto> organizationProjects,
                                    List<TeamBasicDto> teams, String organizationId) {
        Map<Long, String> names = new HashMap<>();
        organizationProjects.forEach(p -> {
            if (p.id() != null) {
                names.put(p.id(), p.name());
            }
        });
        projects.forEach(p -> names.put(p.id(), p.name()));
        Set<Long> shown = new HashSet<>();
        projects.forEach(p -> shown.add(p.id()));
        List<Project> out = new ArrayList<>();
        for (TeamBasicDto t : teams) {
            if (t.id() == null || shown.contains(t.id())) {
                continue;
            }
            // A project's own main team that the list missed (its offset pages can skip one: no order) is the
            // project itself, as in allTeams; only other teams are "Project / Environment".
            boolean primary = t.projectId() == null || t.projectId().equals(t.id());
            out.add(primary ? new Project(t.id(), names.getOrDefault(t.id(), name(t)), organizationId, null)
                    : row(t, names.get(t.projectId()), organizationId));
            shown.add(t.id());
        }
        return out;
    }

    /** Every team of the organization as a row (for a key that may not list projects), named as above. */
    static List<Project> allTeams(List<ProjectRefDto> projects, List<TeamBasicDto> teams, String organizationId) {
        Map<Long, String> names = new HashMap<>();
        projects.forEach(p -> {
            if (p.id() != null) {
                names.put(p.id(), p.name());
            }
        });
        List<Project> out = new ArrayList<>();
        for (TeamBasicDto t : teams) {
            if (t.id() == null) {
                continue;
            }
            boolean primary = t.projectId() == null || t.projectId().equals(t.id());
            out.add(primary ? new Project(t.id(), names.getOrDefault(t.id(), name(t)), organizationId, null)
                    : row(t, names.get(t.projectId()), organizationId));
        }
        return out;
    }

    /** The projects, each followed by its other environments; environments of no listed project at the end. */
    static List<Project> merged(List<Project> projects, List<Project> environments) {
        if (environments.isEmpty()) {
            return projects;
        }
        Map<Long, List<Project>> under = new HashMap<>();
        List<Project> orphans = new ArrayList<>();
        Set<Long> listed = new HashSet<>();
        projects.forEach(p -> listed.add(p.id()));
        for (Project e : environments) {
            if (e.parentId() != null && listed.contains(e.parentId())) {
                under.computeIfAbsent(e.parentId(), k -> new ArrayList<>()).add(e);
            } else {
                orphans.add(e);
            }
        }
        List<Project> out = new ArrayList<>(projects.size() + environments.size());
        for (Project p : projects) {
            out.add(p);
            out.addAll(under.getOrDefault(p.id(), List.of()));
        }
        out.addAll(orphans);
        return out;
    }

    private static Project row(TeamBasicDto t, String projectName, String organizationId) {
        String name = projectName == null ? name(t) : projectName + " / " + name(t);
        return new Project(t.id(), name, organizationId, null, projectName == null ? null : t.projectId(), name(t));
    }

    private static String name(TeamBasicDto t) {
        return t.name() == null || t.name().isBlank() ? "Unnamed environment" : t.name();
    }
}
