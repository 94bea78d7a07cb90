package dev.hoglink.service.github;

import dev.hoglink.api.NotFoundException;
import dev.hoglink.api.PostHogApi;
import dev.hoglink.api.dto.GitHubInstallRequestsDto;
import dev.hoglink.model.InstallRequest;
import dev.hoglink.service.ApiFailures;
import java.net.URI;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The signed-in user's requests to install PostHog's GitHub App that wait on a GitHub organization owner
 * ({@code /api/users/@me/integrations/github/install_requests/}, docs/api-notes.md NE1): list and dismiss.
 * Synchronous; call it off the UI thread. Failures come as {@link dev.hoglink.service.ServiceException}.
 */
public final class InstallRequestService {

    private final PostHogApi api;

    public InstallRequestService(PostHogApi api) {
        this.api = Objects.requireNonNull(api);
    }

    /** The requests, newest first; {@link InstallRequest.Listing#UNSUPPORTED} when PostHog has no such endpoint. */
    public InstallRequest.Listing list() {
        GitHubInstallRequestsDto dto;
        try {
            dto = api.githubInstallRequests();
        } catch (NotFoundException e) {
            return InstallRequest.Listing.UNSUPPORTED;
        } catch (dev.hoglink.api.ApiException e) {
            throw ApiFailures.toService(e);
        }
        List<InstallRequest> requests = new ArrayList<>();
        for (GitHubInstallRequestsDto.Item i : dto.results()) {
            if (i == null || i.id() == null) {
                continue;
            }
            requests.add(new InstallRequest(i.id(), InstallRequest.Status.of(i.status()), i.githubLogin(),
                    i.installationId(), i.accountLogin(), i.accountType(), instant(i.requestedAt()),
                    instant(i.resolvedAt())));
        }
        requests.sort((a, b) -> b.requestedAt() == null || a.requestedAt() == null ? 0
                : b.requestedAt().compareTo(a.requestedAt()));
        return new InstallRequest.Listing(requests, installUrl(dto.installUrl()), true);
    }

    /**
     * Dismisses a request. A request already gone (404) counts as dismissed, as PostHog's own page treats it.
     *
     * @return false when it was already gone
     */
    public boolean dismiss(String requestId) {
        try {
            api.dismissGitHubInstallRequest(requestId);
            return true;
        } catch (NotFoundException e) {
            return false;
        } catch (dev.hoglink.api.ApiException e) {
            throw ApiFailures.toService(e);
        }
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /** Only a web address is offered to open or to send: anything else is dropped. */
    static Optional<URI> installUrl(String raw) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(raw.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            return (scheme.equals("https") || scheme.equals("http")) && u.getHost() != null && u.getRawUserInfo() == null
                    ? Optional.of(u) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }
}
