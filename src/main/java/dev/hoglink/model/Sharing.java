package dev.hoglink.model;

/**
 * Whether an installation a project uses is shared, by one rule for the projects table, the detail pane, the audit
 * and its exports. Two facts go in: how many other projects of this organization that Hoglink read use the
 * installation, and PostHog's {@code installation_shared} on the project's row, which counts the rows of every team
 * of every organization (docs/api-notes.md NH35). Three readings come out:
 * <ul>
 *   <li>shared with N other projects: other projects of this organization use it (projects of other organizations
 *       may too; PostHog does not say);</li>
 *   <li>shared elsewhere: no other project of this organization that was read uses it, but PostHog says another
 *       project does: one of another organization, or one the user cannot access;</li>
 *   <li>only this project.</li>
 * </ul>
 * Either of the first two is "shared": another project uses the installation, so unlinking it here leaves the
 * GitHub App installed.
 *
 * @param otherProjects  other projects of this organization, among those read, that use the installation
 * @param postHogShared  PostHog's installation_shared for the project's row
 */
public record Sharing(int otherProjects, boolean postHogShared) {

    /** The table's word for shared elsewhere. */
    public static final String ELSEWHERE = "elsewhere";

    /** Who "elsewhere" is. */
    private static final String ELSEWHERE_WHO = "a project of another organization, or one you cannot access";

    /** What "elsewhere" means, for tips and the export's documentation. */
    public static final String ELSEWHERE_MEANS = "PostHog says another project uses this installation, one not "
            + "listed here: " + ELSEWHERE_WHO + ".";

    public static final Sharing NONE = new Sharing(0, false);

    public Sharing {
        otherProjects = Math.max(0, otherProjects);
    }

    /** Another project, of this organization or not, uses the installation. */
    public boolean shared() {
        return otherProjects > 0 || postHogShared;
    }

    /** Other projects of this organization use the installation. */
    public boolean inThisOrganization() {
        return otherProjects > 0;
    }

    /** Only PostHog's flag says another project uses it: none of this organization that was read does. */
    public boolean elsewhere() {
        return otherProjects == 0 && postHogShared;
    }

    /** The Shared column's text: "2 other projects", "elsewhere" or "only this project". */
    public String word() {
        if (otherProjects > 0) {
            return otherProjects + (otherProjects == 1 ? " other project" : " other projects");
        }
        return postHogShared ? ELSEWHERE : "only this project";
    }

    /** In full, for the detail pane, the audit and screen readers: the same words as {@link #word()}. */
    public String description() {
        if (otherProjects > 0) {
            return "shared with " + word();
        }
        return postHogShared ? "shared elsewhere" : "only this project";
    }

    /**
     * What the projects table's Shared filter keeps, in the Shared column's words: the rows that {@link #shared()},
     * in this organization ("2 other projects") or elsewhere (with what that means).
     */
    public static String filterTip() {
        return "Projects whose installation another project uses too: \"" + new Sharing(2, false).word()
                + "\" of this organization, or \"" + ELSEWHERE + "\" when PostHog says one not listed here does ("
                + ELSEWHERE_WHO + ").";
    }

    /** What the short words leave out: for "elsewhere" only, null otherwise. */
    public String tip() {
        return elsewhere() ? "Shared elsewhere: " + ELSEWHERE_MEANS : null;
    }
}
