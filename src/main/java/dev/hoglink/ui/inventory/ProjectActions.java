package dev.hoglink.ui.inventory;

import dev.hoglink.model.GitHubLink;

/**
 * What the detail pane's buttons do with the selected project: the link and OAuth features' commands, given
 * to the pane when the composition root builds it (a test passes its own).
 */
public interface ProjectActions {

    /** "Link existing installation…" for a project. */
    void link(ProjectRowViewModel row);

    /** "Start OAuth bootstrap…" for a project. */
    void startOAuth(ProjectRowViewModel row);

    /** "Unlink…" of one of the project's integrations. */
    void unlink(ProjectRowViewModel row, GitHubLink link);

    /** "Manage on GitHub…": the installation of one of the project's integrations, in its GitHub settings. */
    void manageOnGitHub(ProjectRowViewModel row, GitHubLink link);

    /** The installation's settings page on GitHub, opened as it is (nothing is sent to PostHog). */
    void openRepositoryAccess(GitHubLink link);
}
