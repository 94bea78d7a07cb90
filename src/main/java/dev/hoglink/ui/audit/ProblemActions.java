package dev.hoglink.ui.audit;

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
}
