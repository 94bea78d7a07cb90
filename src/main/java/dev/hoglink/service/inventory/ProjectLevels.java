package dev.hoglink.service.inventory;

import dev.hoglink.api.PostHogApi;
import dev.hoglink.api.dto.ProjectDetailDto;
import dev.hoglink.model.Project;

/**
 * Where PostHog states the user's level on one row of the projects table (docs/api-notes.md NM1, NM2), read the same
 * way by the window, the bulk plan and the command line.
 */
public final class ProjectLevels {

    private ProjectLevels() {
    }

    /**
     * The user's level on this project or environment as PostHog states it (8 admin, 1 member), or null when it
     * states none. A project's comes from its detail; an environment that is not its project's main one is decided by
     * its own rules, not its project's, and only its own team detail states it (its team id is no project's id: the
     * project detail answers it 404). One request. Throws {@link dev.hoglink.api.ApiException} when the read fails.
     */
    public static Integer read(PostHogApi api, Project project) {
        ProjectDetailDto detail = project.parentId() == null ? api.project(project.id()) : api.environment(project.id());
        Integer level = detail.effectiveMembershipLevel();
        return level == null || level <= 0 ? null : level;
    }
}
