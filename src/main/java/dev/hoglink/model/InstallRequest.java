package dev.hoglink.model;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A request to install PostHog's GitHub App that waits for a GitHub organization owner (PostHog's
 * GitHubInstallRequest; docs/api-notes.md NE1). PostHog learns the outcome only from GitHub's
 * {@code installation.created} webhook, which names who asked; a request whose asker PostHog could not
 * identify is {@link Status#UNIDENTIFIED} and can never be approved.
 *
 * @param githubLogin    the GitHub login that asked; empty when unknown
 * @param installationId the installation once approved, else null
 * @param accountLogin   the GitHub account it landed on once approved, else null
 * @param resolvedAt     when an owner approved it, else null
 */
public record InstallRequest(String id, Status status, String githubLogin, String installationId,
                             String accountLogin, String accountType, Instant requestedAt, Instant resolvedAt) {

    /** PostHog's GitHubInstallRequest.Status, plus OTHER for a value this Hoglink does not know. */
    public enum Status {
        PENDING, APPROVED, UNIDENTIFIED, OTHER;

        public static Status of(String value) {
            return switch (value == null ? "" : value) {
                case "pending" -> PENDING;
                case "approved" -> APPROVED;
                case "unidentified" -> UNIDENTIFIED;
                default -> OTHER;
            };
        }
    }

    public InstallRequest {
        githubLogin = githubLogin == null ? "" : githubLogin;
        status = status == null ? Status.OTHER : status;
    }

    /**
     * The user's install requests and the app's install page, as PostHog lists them; {@code supported} is false
     * on a PostHog that does not have the endpoint yet (it answered 404).
     */
    public record Listing(List<InstallRequest> requests, Optional<URI> installUrl, boolean supported) {

        public Listing {
            requests = List.copyOf(requests);
            installUrl = installUrl == null ? Optional.empty() : installUrl;
        }

        public static final Listing UNSUPPORTED = new Listing(List.of(), Optional.empty(), false);

        /** Whether any request still waits for an owner: only then is the list worth asking again. */
        public boolean anyPending() {
            return requests.stream().anyMatch(r -> r.status() == Status.PENDING);
        }
    }

    /** What the admin sends the GitHub organization owner, with the app's install page. */
    public static String ownerMessage(URI installUrl) {
        return "Could you approve the PostHog GitHub app for our organization? Open " + installUrl
                + ", choose our organization and approve the pending request. Thank you!";
    }
}
