package dev.hoglink.model;

import java.time.Instant;

/**
 * One GitHub integration row of a project.
 *
 * @param integrationId       the integration's id in PostHog
 * @param installationId      the GitHub App installation id (digits, as a string)
 * @param repositorySelection {@code all} or {@code selected}, as GitHub reports it; may be null
 * @param shared              another project uses the same installation (PostHog's installation_shared)
 * @param createdBy           who linked it, as shown to people (name or email); may be null
 * @param createdAt           when; may be null
 * @param errors              PostHog's error code for the row (e.g. TOKEN_REFRESH_FAILED) or empty
 */
public record GitHubLink(long integrationId, String installationId, String accountName, AccountType accountType,
                         String repositorySelection, LinkStatus status, boolean shared, String createdBy,
                         Instant createdAt, String errors) {

    public GitHubLink {
        accountType = accountType == null ? AccountType.UNKNOWN : accountType;
        status = status == null ? LinkStatus.CONNECTED : status;
        errors = errors == null ? "" : errors;
    }

    /** Whether this row is a problem, by the one rule of {@link ProjectState}. */
    public boolean hasProblem() {
        return state().isProblem();
    }

    /** This row's state, by the one rule of {@link ProjectState}. */
    public ProjectState state() {
        return ProjectState.of(this);
    }

    /** Whether the row names a GitHub App installation; one that does not cannot be used or shared. */
    public boolean hasInstallation() {
        return installationId != null && !installationId.isBlank();
    }

    /**
     * The installation's settings page on GitHub, where an owner changes which repositories it can reach:
     * {@code github.com/organizations/ACCOUNT/settings/installations/ID} for an organization, else
     * {@code github.com/settings/installations/ID} (PostHog's frontend/src/lib/integrations/githubInstallationUrl.ts);
     * empty when the row names no installation.
     */
    public java.util.Optional<java.net.URI> settingsPage() {
        if (installationId == null || !installationId.matches("[1-9]\\d{0,19}")) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(java.net.URI.create(accountType == AccountType.ORGANIZATION && accountName != null
                && accountName.matches("[A-Za-z0-9-]+")
                ? "https://github.com/organizations/" + accountName + "/settings/installations/" + installationId
                : "https://github.com/settings/installations/" + installationId));
    }

    /**
     * What the installation may reach, in words: "All repositories in acme (30)" when it has access to all of
     * the account's repositories (GitHub's {@code repository_selection} "all", which PostHog mirrors into the
     * integration's config), "Selected repositories in acme (12)" otherwise.
     *
     * @param count the number of repositories it can reach, or a negative number while unknown
     */
    public String repositoryScope(int count) {
        String where = accountName == null || accountName.isBlank() ? "" : " in " + accountName;
        String what = "all".equals(repositorySelection) ? "All repositories"
                : "selected".equals(repositorySelection) ? "Selected repositories" : "Repositories";
        return what + where + (count >= 0 ? " (" + count + ")" : "");
    }
}
