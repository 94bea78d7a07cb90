package dev.hoglink.ui.link;

import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.ProjectState;
import dev.hoglink.ui.inventory.ProjectDetailViewModel;
import java.util.Optional;

import dev.hoglink.model.InstallationOption;
import java.util.List;

/**
 * One installation in the picker.
 *
 * @param repoCount repositories it can access, or -1 when unknown
 * @param usedBy    loaded projects already using it (names)
 */
public record OptionRow(InstallationOption option, int repoCount, List<String> usedBy,
                        Optional<InstallationFacts.Health> health) {

    public OptionRow {
        usedBy = List.copyOf(usedBy);
        health = health == null ? Optional.empty() : health;
    }

    public OptionRow(InstallationOption option, int repoCount, List<String> usedBy) {
        this(option, repoCount, usedBy, Optional.empty());
    }

    /** False when the inventory knows the installation is broken (suspended, uninstalled, token error). */
    public boolean available() {
        return health.map(h -> h.status() == LinkStatus.CONNECTED).orElse(true);
    }

    /**
     * The Status column: what the loaded inventory knows about the installation, in the detail pane's words for the
     * same status ("Connected", "Unavailable: uninstalled or suspended on GitHub", "Token error (CODE)").
     */
    public String status() {
        return health.map(h -> ProjectDetailViewModel.statusText(ProjectState.of(h.status()), h.errors()))
                .orElse("Not checked");
    }

    /** Why this installation cannot be chosen, or an empty string when it can. */
    public String unavailableReason() {
        if (available()) {
            return "";
        }
        String what = health.get().status() == LinkStatus.UNAVAILABLE
                ? " is suspended or uninstalled on GitHub, so PostHog cannot get a token for it"
                : " is in token error: " + ProjectState.TOKEN_ERROR_REASON + (health.get().errors().isBlank() ? ""
                : " (" + health.get().errors() + ")");
        return dev.hoglink.service.link.InstallationUse.sentence(the()) + what + ". Linking it would fail. Fix it on GitHub first "
                + "(its settings page), or pick another installation.";
    }

    /** After PostHog's bare 500 on a link of this installation, which the inventory shows broken (N24). */
    public String brokenLinkMessage() {
        return "PostHog could not link " + the() + " because the installation itself is "
                + "broken (" + status() + "): PostHog could not get a token for "
                + "it from GitHub, and answers that with a plain server error. This is not an outage. Fix the "
                + "installation on GitHub, then link again.";
    }

    /** GitHub's settings page of the installation, or null. */
    public String gitHubSettingsUrl() {
        return dev.hoglink.service.audit.AuditReport.gitHubUrl(option.accountName(), option.accountType(),
                option.installationId());
    }

    public String account() {
        return option.accountName() == null || option.accountName().isBlank() ? "installation " + option.installationId()
                : option.accountName();
    }

    public String source() {
        if (option.fromPersonalAccount()) {
            return "None yet (your GitHub sees it)";
        }
        String name = option.sourceProjectName();
        // PostHog may leave the name out (NH36), and a project this connection did not load cannot name it: said so,
        // not as "Project (id 104)", which read like a project called Project.
        return (name == null || name.isBlank() ? "Name unknown" : name) + " (id " + option.sourceProjectId() + ")";
    }

    public String repos() {
        return repoCount < 0 ? "–" : Integer.toString(repoCount);
    }

    /** "acme (id 12345678)". */
    public String describe() {
        return dev.hoglink.model.InstallationName.of(option.accountName(), option.installationId());
    }

    /** "the installation on acme (id 12345678)", or "installation 12345678" without an account, inside a sentence. */
    private String the() {
        return dev.hoglink.model.InstallationName.the(option.accountName(), option.installationId());
    }

    /** "already used by Web and API", or an empty string. */
    public String usedByText() {
        if (usedBy.isEmpty()) {
            return option.fromPersonalAccount()
                    ? ", which " + dev.hoglink.service.link.InstallationUse.NO_PROJECT_IN_ORGANIZATION_USES + " yet" : "";
        }
        return ", already used by " + joinNames(usedBy);
    }

    static String joinNames(List<String> names) {
        return dev.hoglink.util.Names.join(names);
    }

    /** "acme", or "installation 123" when the row names no account. */
    static String accountOf(dev.hoglink.model.GitHubLink l) {
        return dev.hoglink.service.link.InstallationUse.account(l);
    }

    private static final List<String> COUNTS = List.of("one", "two", "three", "four", "five", "six");

    /**
     * What the project will have after the link, when it has GitHub already (PostHog keeps one GitHub row per
     * project and installation, so a second installation is added, not swapped): " Web already uses acme, so it
     * will then use two installations: acme and acme-labs." Empty when the project has no GitHub yet.
     */
    static String resultWith(String project, List<String> current, OptionRow row) {
        if (current.isEmpty()) {
            return "";
        }
        List<String> after = new java.util.ArrayList<>(current);
        after.add(row.account());
        String n = after.size() <= COUNTS.size() ? COUNTS.get(after.size() - 1) : Integer.toString(after.size());
        return " " + project + " already uses " + joinNames(current) + ", so it will then use " + n
                + " installations: " + joinNames(after) + ". To replace " + joinNames(current)
                + " instead, unlink it afterwards.";
    }

    /**
     * PostHog's personal integrations settings page of the project (the frontend's
     * {@code urls.settings('user-personal-integrations')}), where a user links their GitHub account.
     */
    public static java.net.URI personalIntegrationsPage(String host, long projectId) {
        String base = host.endsWith("/") ? host.substring(0, host.length() - 1) : host;
        return java.net.URI.create(base + "/project/" + projectId + "/settings/user-personal-integrations");
    }


    /** Above the picker: how many of the rows can be linked, or why none can. */
    static String listText(List<OptionRow> rows) {
        if (rows.isEmpty()) {
            return "No other project in this organization has a GitHub installation you can link. Start the OAuth "
                    + "bootstrap to connect one through GitHub.";
        }
        long broken = rows.stream().filter(r -> !r.available()).count();
        long unchecked = rows.stream().filter(r -> r.health.isEmpty()).count();
        String said = broken == 0 ? (rows.size() == 1 ? "1 installation can be linked." : rows.size()
                + " installations can be linked.") : (rows.size() - broken) + " of " + rows.size()
                + " installations can be linked; " + broken + " " + (broken == 1 ? "is" : "are")
                + " broken (see Status) and cannot be chosen.";
        if (unchecked > 0) {
            // "Not checked" in Status: no project Hoglink read uses it (a key limited to other projects, or no
            // project uses it yet), so "can be linked" is PostHog's offer, not a health Hoglink saw.
            String which = unchecked == rows.size() ? (unchecked == 1 ? "it is not checked" : "none is checked")
                    : unchecked + (unchecked == 1 ? " is not checked" : " are not checked");
            said = said.substring(0, said.length() - 1) + (broken == 0 ? "; " : ", ") + which + ".";
        }
        return broken == 0 && unchecked == 0 && rows.size() > 1 ? said + " Pick one." : said;
    }

    /** Whether the picker's filter text matches this row: every word in account, type, id, project or status. */
    boolean matches(String filter) {
        if (filter == null || filter.isBlank()) {
            return true;
        }
        String hay = (account() + " " + option().accountType().label() + " " + option().installationId() + " " + source()
                + " " + status()).toLowerCase(java.util.Locale.ROOT);
        for (String word : filter.toLowerCase(java.util.Locale.ROOT).strip().split("\\s+")) {
            if (!hay.contains(word)) {
                return false;
            }
        }
        return true;
    }
}
