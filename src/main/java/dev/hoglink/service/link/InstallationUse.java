package dev.hoglink.service.link;

/**
 * What PostHog's link refusals and available installations tell about who uses an installation, worded once so
 * the link dialog, the bulk plan, the history (window, exports, CLI) say the same (docs/api-notes.md NH32).
 * <ul>
 * <li>An installation offered with no source project (available_installations' {@code source_team_id: null}) or
 * refused with {@code github_adoption_admin_required} is linked to no team of <em>this</em> organization; another
 * organization's project may use it (posthog/api/github_callback/team_services.py reads one organization only).</li>
 * <li>{@code github_link_existing_orphan_installation} for a chosen installation: none of the teams the caller can
 * access in this organization has it; newer PostHog raises it only when a team the caller cannot access has it.</li>
 * </ul>
 */
public final class InstallationUse {

    /** The words before the installation in {@link #unusedInOrganization}. */
    public static final String NO_PROJECT_IN_ORGANIZATION_USES = "no project in this organization uses";

    private InstallationUse() {
    }

    /** "no project in this organization uses acme (id 1) yet". */
    public static String unusedInOrganization(String installation) {
        return NO_PROJECT_IN_ORGANIZATION_USES + " " + installation + " yet";
    }

    /** "no project you can access in this organization has the installation on acme linked". */
    public static String notLinkedWhereAccessible(String who, String installation) {
        return "no project " + who + " can access in this organization has " + installation + " linked";
    }

    /** The text with its first letter in capitals. */
    public static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
