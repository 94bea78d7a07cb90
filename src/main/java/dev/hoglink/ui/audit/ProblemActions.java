package dev.hoglink.ui.audit;

import java.util.List;

/**
 * What the problems list's one-click buttons do. The app's one forwards to the inventory's link and OAuth
 * actions on that project's row and to the browser; tests record the calls.
 */
public interface ProblemActions {

    /** True when the link feature is installed and the project has a row. */
    boolean canLink(long projectId);

    void link(long projectId);

    /** Links the same installation to the same project again, after one confirmation (a token error's fix). */
    void relink(long projectId, String installationId);

    /** True when the OAuth wizard is installed and the project has a row. */
    boolean canStartOAuth(long projectId);

    void startOAuth(long projectId);

    /** Opens an https://github.com/... page in the system browser. */
    void openOnGitHub(String url);

    /** True when the bulk link can be opened for these projects (each has a row, the key may link). */
    default boolean canLinkAll(List<Long> projectIds) {
        return false;
    }

    /** Opens the bulk link ("Link N projects…") for exactly these projects. */
    default void linkAll(List<Long> projectIds) {
    }
}
