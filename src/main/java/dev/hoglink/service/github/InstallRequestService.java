package dev.hoglink.service.github;

import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import java.io.IOException;

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
 * ({@code /api/users/@me/integrations/github/install_requests/}, docs/api-notes.md NE1): list and dismiss (each
 * dismissal journaled, as every change is).
 * Synchronous; call it off the UI thread. Failures come as {@link dev.hoglink.service.ServiceException}.
 */
public final class InstallRequestService {

    private static final org.slf4j.Logger LOGGER = org.slf4j.LoggerFactory.getLogger(InstallRequestService.class);

    private final PostHogApi api;
    private final ActionJournal journal;
    private final String host;

    /**
     * @param journal where every dismissal is recorded, as every other change is
     * @param host    the PostHog address, for the journal
     */
    public InstallRequestService(PostHogApi api, ActionJournal journal, String host) {
        this.api = Objects.requireNonNull(api);
        this.journal = Objects.requireNonNull(journal, "journal");
        this.host = Objects.requireNonNull(host, "host");
    }

    /**
     * What a dismissal did.
     *
     * @param wasThere       false when PostHog no longer had the request (404): already dismissed
     * @param journalProblem null when the dismissal is in the action journal, else what went wrong writing it
     */
    public record Dismissal(boolean wasThere, String journalProblem) {
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
        return new InstallRequest.Listing(requests, installUrl(dto.installUrl(), host), true);
    }

    /** Dismisses the request with this id; see {@link #dismiss(InstallRequest)}. */
    public Dismissal dismiss(String requestId) {
        return dismiss(requestId, null, null);
    }

    /**
     * Dismisses a request and journals the outcome, as every change is journaled: done, already gone (a 404: no longer
     * in PostHog's list, as its own page treats it, but dismissed by someone else, so journaled as already removed, as
     * an unlink that finds its row gone is), refused, or sent without an answer. Never resent.
     *
     * @throws dev.hoglink.service.ServiceException when PostHog refused it or the answer was lost (both journaled)
     */
    public Dismissal dismiss(InstallRequest request) {
        return dismiss(request.id(), request.accountLogin(), request.installationId());
    }

    private Dismissal dismiss(String requestId, String account, String installationId) {
        String what = "install request " + requestId + (account == null || account.isBlank() ? "" : " for " + account);
        String attempt = journal.sending(entry(JournalEntry.Outcome.SENDING, installationId, null, what, null));
        try {
            api.dismissGitHubInstallRequest(requestId);
            return new Dismissal(true, record(JournalEntry.Outcome.OK, installationId, null, what + ": dismissed",
                    attempt));
        } catch (NotFoundException e) {
            return new Dismissal(false, record(JournalEntry.Outcome.ALREADY_REMOVED, installationId, null,
                    what + ": already gone (PostHog 404)", attempt));
        } catch (dev.hoglink.api.ApiException e) {
            boolean lost = e instanceof dev.hoglink.api.NetworkException n && n.mayHaveReachedServer();
            String problem = record(lost ? JournalEntry.Outcome.UNKNOWN : JournalEntry.Outcome.FAILED, installationId,
                    e.code(), what + (lost ? ": sent, but no answer came back" : ": refused ("
                            + (e.status() > 0 ? "PostHog " + e.status() : "not sent") + ")"), attempt);
            if (problem != null) {
                LOGGER.warn("{}", problem);
            }
            throw ApiFailures.toService(e);
        } catch (RuntimeException e) {
            ActionJournal.abandon(attempt);
            throw e;
        }
    }

    private JournalEntry entry(JournalEntry.Outcome outcome, String installationId, String code, String note,
            String attempt) {
        return JournalEntry.builder(JournalEntry.Action.DISMISS_INSTALL_REQUEST, outcome).host(host)
                .installationId(installationId).error(code, note).attempt(attempt).build();
    }

    /** Appends the entry; null when it is on disk, else a sentence saying it could not be written. */
    private String record(JournalEntry.Outcome outcome, String installationId, String code, String note,
            String attempt) {
        try {
            journal.append(entry(outcome, installationId, code, note, attempt));
            return null;
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Cannot write the action journal {}", journal.file(), e);
            return "It could not be written to the action journal (" + journal.file() + "): "
                    + e.getClass().getSimpleName() + ".";
        }
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }

    /**
     * Only GitHub's own page is offered to open or to send to an organization owner: https on github.com, its
     * default port, no user-info. A PostHog on this computer (the sandbox) may name a page on itself, its GitHub
     * stand-in. Anything else a server names (another host, a look-alike, plain http) is dropped.
     */
    static Optional<URI> installUrl(String raw, String postHogHost) {
        if (raw == null || raw.isBlank()) {
            return Optional.empty();
        }
        try {
            URI u = new URI(raw.strip());
            String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(java.util.Locale.ROOT);
            if (u.getHost() == null || u.getRawUserInfo() != null) {
                return Optional.empty();
            }
            boolean gitHub = scheme.equals("https") && u.getHost().equalsIgnoreCase("github.com")
                    && (u.getPort() == -1 || u.getPort() == 443);
            return gitHub || onThisComputersPostHog(u, postHogHost) ? Optional.of(u) : Optional.empty();
        } catch (java.net.URISyntaxException e) {
            return Optional.empty();
        }
    }

    private static boolean onThisComputersPostHog(URI u, String postHogHost) {
        URI base;
        try {
            base = dev.hoglink.api.HostAddress.normalise(postHogHost);
        } catch (RuntimeException e) {
            return false;
        }
        return base.getHost() != null && dev.hoglink.api.HostAddress.isLoopback(base.getHost())
                && dev.hoglink.api.HostAddress.sameOrigin(base, u);
    }
}
