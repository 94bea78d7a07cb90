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
}
