package dev.hoglink.service.link;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationName;
import dev.hoglink.util.Names;
import java.util.ArrayList;
import java.util.List;

/**
 * What PostHog's link refusals and available installations tell about who uses an installation, worded once so
 * the link dialog, the bulk plan, the history (window, exports, CLI) say the same (docs/api-notes.md NH32).
 * <ul>
 * <li>An installation offered with no source project (available_installations' {@code source_team_id: null}) or
 * refused with {@code github_adoption_admin_required} is linked to no team of <em>this</em> organization; another
 * organization's project may use it (posthog/api/github_callback/team_services.py reads one organization only).</li>
 * <li>{@code github_link_existing_orphan_installation} for a chosen installation: none of the teams the caller can
 * access in this organization has it; newer PostHog raises it only when a team the caller cannot access has it.</li>
 * <li>A link adds a row beside the project's other installations: PostHog keeps one GitHub row per project and
 * installation ({@code update_or_create} keyed on team, kind and installation id, docs/api-notes.md N25), so a
 * project that had one installation uses two afterwards, not the new one instead.</li>
 * </ul>
 */
public final class InstallationUse {

    /** The words before the installation in {@link #unusedInOrganization}. */
    public static final String NO_PROJECT_IN_ORGANIZATION_USES = "no project in this organization uses";

    /**
     * What is left after PostHog's uninstall failed at the last project's unlink ({@link #uninstallFailed}): said
     * after it in the unlink's result and the history's line of the journal alike.
     */
    public static final String STILL_INSTALLED_UNUSED = "it is still installed there, with no PostHog project using it";

    private InstallationUse() {
    }

    /**
     * "PostHog could not uninstall the GitHub App from acme": PostHog's {@code uninstall_completed} with outcome
     * {@code failed} (docs/api-notes.md NH20), in the unlink's result, the journal's line and PostHog's own record in
     * the history alike.
     */
    public static String uninstallFailed(String account) {
        return "PostHog could not uninstall the GitHub App from " + account;
    }

    /** "no project in this organization uses acme (id 1) yet". */
    public static String unusedInOrganization(String installation) {
        return NO_PROJECT_IN_ORGANIZATION_USES + " " + installation + " yet";
    }

    /**
     * Why a link of an installation no project in the organization uses yet needs an admin of the project (PostHog's
     * {@code github_adoption_admin_required}, docs/api-notes.md N23): said by a bulk plan and the link dialog before
     * sending, and by PostHog's refusal after, in these words.
     */
    public static String adoptionNeedsAdmin(String installation, String project) {
        return sentence(unusedInOrganization(installation)) + ", and linking it first needs admin access to " + project
                + ". Ask an admin of " + project + " (a project admin, or an admin or owner of the organization) to "
                + "link it.";
    }

    /** "no project you can access in this organization has the installation on acme linked". */
    public static String notLinkedWhereAccessible(String who, String installation) {
        return "no project " + who + " can access in this organization has " + installation + " linked";
    }

    /** The text with its first letter in capitals. */
    public static String sentence(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }

    /** "acme", or "installation 123" when the row names no account: how a list of a project's installations names one. */
    public static String account(GitHubLink link) {
        return account(link.accountName(), link.installationId());
    }

    private static String account(String accountName, String installationId) {
        return accountName == null || accountName.isBlank() ? "installation " + installationId : accountName;
    }

    /**
     * What a project uses after a link that PostHog answered with its row, in the link dialog's result, a bulk link's
     * result and the command line alike: "Web now uses the GitHub App installation on acme (id 1)." when it had no
     * other installation, "Web now uses 2 GitHub installations: acme-secret and acme-labs." when it keeps
     * {@code kept} (the accounts of its other installations, {@link #account}) beside it.
     */
    public static String nowUses(String project, List<String> kept, String account, String installationId) {
        if (kept.isEmpty()) {
            return project + " now uses " + InstallationName.full(account, installationId) + ".";
        }
        List<String> after = new ArrayList<>(kept);
        after.add(account(account, installationId));
        return project + " now uses " + after.size() + " GitHub installations: " + Names.join(after) + ".";
    }

    /**
     * The accounts of the project's installations other than {@code installationId} ({@link #account}), in the
     * order of its rows: what it keeps when that installation is linked. A row naming no installation is none (it
     * cannot be used; the audit lists it as a problem): counted, it read "Docs now uses 2 GitHub installations: acme
     * and acme".
     */
    public static List<String> others(List<GitHubLink> links, String installationId) {
        return links.stream().filter(l -> l.hasInstallation() && !java.util.Objects.equals(installationId,
                        l.installationId()))
                .map(InstallationUse::account)
                .toList();
    }

    /**
     * A bulk plan's word for a project that will keep its other installations: "Secret Lab keeps acme-secret too:
     * PostHog adds the installation beside it."
     */
    public static String keeps(String project, List<String> kept) {
        return project + " keeps " + Names.join(kept) + " too: PostHog adds the installation beside "
                + (kept.size() == 1 ? "it" : "them") + ".";
    }
}
