package dev.hoglink.service.oauth;

import dev.hoglink.service.ApiFailures;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.api.ApiException;
import dev.hoglink.api.PostHogApi;
import dev.hoglink.api.Sleeper;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.OAuthUrlDto;
import dev.hoglink.api.dto.UserDto;
import dev.hoglink.model.AvailableInstallations;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth bootstrap (contract E7, §3.2): mints a GitHub authorize link for a project and installation,
 * checks it with {@link OAuthUrlValidator} before it leaves the app, then watches the project's GitHub
 * integrations until the new row for that installation appears, the link's 15 minutes run out, or the user
 * cancels. The launch and its result are written to the {@link ActionJournal}.
 *
 * <p>Synchronous and thread-agnostic: call it off the UI thread. Time comes from the injected clock and
 * every wait from the injected sleeper, so tests run the whole watch without sleeping.
 */
public final class OAuthService {

    private static final Logger LOGGER = LoggerFactory.getLogger(OAuthService.class);
    /** The journal's times as its History tab shows them ("2026-12-07 10:14 UTC"), never a raw instant. */
    private static final java.time.format.DateTimeFormatter UNTIL =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(java.time.ZoneOffset.UTC);

    /** How long PostHog keeps the state token of a minted link (§3.2). */
    public static final Duration LINK_LIFETIME = Duration.ofMinutes(15);
    /** The normal gap between two looks at the project's integrations: 20 requests a minute at most. */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(3);
    /** The longest gap after repeated failures. */
    public static final Duration MAX_POLL_INTERVAL = Duration.ofSeconds(30);

    /** How a watch ended. */
    public enum Status { COMPLETED, EXPIRED, CANCELLED, FAILED }

    /**
     * The end of a watch.
     *
     * @param link    the new integration (COMPLETED only)
     * @param message a sentence for the user
     * @param error   the failure (FAILED only)
     */
    public record WatchResult(Status status, GitHubLink link, String message, ServiceException error) {
    }

    /** What the caller learns while waiting (called on the watching thread). */
    public record Progress(int checks, Instant lastCheck, String problem, Duration nextCheckIn) {
    }

    /** A minted, accepted link and what is needed to recognise its result. */
    public static final class Launch {
        private final Organization organization;
        private final Project project;
        private final String installationId;
        private final URI url;
        private final Instant mintedAt;
        private final Map<Long, RowMark> before;
        private final AtomicBoolean cancelled = new AtomicBoolean();
        private final AtomicBoolean recorded = new AtomicBoolean();

        Launch(Organization organization, Project project, String installationId, URI url, Instant mintedAt,
               Map<Long, RowMark> before) {
            this.organization = organization;
            this.project = project;
            this.installationId = installationId;
            this.url = url;
            this.mintedAt = mintedAt;
            this.before = Map.copyOf(before);
        }

        public Project project() {
            return project;
        }

        public Organization organization() {
            return organization;
        }

        public String installationId() {
            return installationId;
        }

        /** The checked authorize link; it carries a single-use state token, so it is never logged. */
        public URI url() {
            return url;
        }

        public Instant mintedAt() {
            return mintedAt;
        }

        public Instant expiresAt() {
            return mintedAt.plus(LINK_LIFETIME);
        }

        public boolean isCancelled() {
            return cancelled.get();
        }

        /**
         * Tells a running watch to stop, without I/O (safe on the UI thread); {@link OAuthService#cancel}
         * then records it. Call this before interrupting the watching thread so the reason is kept.
         */
        public void requestCancel() {
            cancelled.set(true);
        }

        @Override
        public String toString() {
            return "Launch[project=" + project.id() + ", installation=" + installationId + ", minted=" + mintedAt + "]";
        }
    }

    /** The minted link was refused by the validator; it was not opened. */
    public static final class UrlRefusedException extends ServiceException {
        private static final long serialVersionUID = 1L;

        private final boolean notGitHub;

        UrlRefusedException(String reason, boolean notGitHub) {
            super(Kind.INVALID_RESPONSE, reason, "oauth_url_refused", null, null, null);
            this.notGitHub = notGitHub;
        }

        /** The link is not on GitHub's sign-in page (its scheme, host, port or path): OAuthUrlValidator.Refused. */
        public boolean notGitHub() {
            return notGitHub;
        }
    }

    private final PostHogApi api;
    private final PostHogHost host;
    private final OAuthUrlValidator validator;
    private final ActionJournal journal;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param sandbox         true on the built-in sandbox, whose own origin stands in for github.com
     * @param enterpriseHosts GitHub Enterprise hosts the admin trusts (see {@link OAuthSettings})
     */
    public OAuthService(PostHogApi api, PostHogHost host, boolean sandbox, Set<String> enterpriseHosts,
                        ActionJournal journal, Clock clock, Sleeper sleeper) {
        this(api, host, sandbox, enterpriseHosts, journal, clock, sleeper, Optional.empty());
    }

    /**
     * @param siteUrl the connection profile's public site address (PostHog's SITE_URL) when it differs from
     *                {@code host}: PostHog's authorize link may return there (docs/api-notes.md N14, NE4)
     */
    public OAuthService(PostHogApi api, PostHogHost host, boolean sandbox, Set<String> enterpriseHosts,
                        ActionJournal journal, Clock clock, Sleeper sleeper, Optional<java.net.URI> siteUrl) {
        this.api = Objects.requireNonNull(api);
        this.host = Objects.requireNonNull(host);
        this.journal = Objects.requireNonNull(journal);
        this.clock = Objects.requireNonNull(clock);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.validator = new OAuthUrlValidator(host.uri(), enterpriseHosts,
                sandbox ? Optional.of(host.uri()) : Optional.empty(), Objects.requireNonNull(siteUrl));
    }

    public Clock clock() {
        return clock;
    }

    /** The PostHog user whose key this is, as shown to people: "Name <email>", or the email. */
    public String currentUser() {
        UserDto me = ApiFailures.call(api::me);
        String name = ((me.firstName() == null ? "" : me.firstName()) + " "
                + (me.lastName() == null ? "" : me.lastName())).strip();
        String email = me.email() == null ? "" : me.email();
        if (name.isEmpty()) {
            return email.isEmpty() ? "user " + me.id() : email;
        }
        return email.isEmpty() ? name : name + " <" + email + ">";
    }

    public AvailableInstallations installations(long projectId) {
        var dto = ApiFailures.call(() -> api.availableInstallations(projectId));
        return new AvailableInstallations(dto.discoveryId(), dto.personalGithubLogin(), dto.personalDiscoveryStatus(),
                dto.installations().stream().map(i -> HttpInventoryService.option(i, dto.discoveryId())).toList());
    }

    /** The path PostHog returns the browser to after approval (relative, as E7 requires). */
    static String nextPath(long projectId) {
        return "/project/" + projectId + "/settings/environment-integrations";
    }

    /**
     * Notes the project's current GitHub rows, mints a link, checks it and journals the launch. Minting again
     * for the same user makes any earlier link stop working.
     *
     * @throws IllegalArgumentException when the installation id is not one PostHog accepts
     * @throws UrlRefusedException      when the link is not GitHub's authorize page for this host
     * @throws ServiceException         when PostHog refuses or cannot be reached
     */
    public Launch mint(Organization organization, Project project, String installationId) {
        String id = installationId == null ? "" : installationId.strip();
        InstallationIds.problem(id).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        Map<Long, RowMark> before = snapshot(project.id());
        Instant mintedAt = clock.instant();
        OAuthUrlDto dto;
        try {
            dto = ApiFailures.call(() -> api.oauthAuthorize(project.id(), id, nextPath(project.id())));
        } catch (ServiceException e) {
            record(entry(JournalEntry.Action.OAUTH_LAUNCH, JournalEntry.Outcome.FAILED, organization, project, id)
                    .error(e.code(), e.getMessage()).build());
            throw e;
        }
        OAuthUrlValidator.Result checked = validator.validate(dto.oauthUrl());
        if (checked instanceof OAuthUrlValidator.Refused refused) {
            LOGGER.warn("Refused the authorize link minted for project {}: {}", project.id(), refused.reason());
            record(entry(JournalEntry.Action.OAUTH_LAUNCH, JournalEntry.Outcome.FAILED, organization, project, id)
                    .error("oauth_url_refused", refused.reason()).build());
            throw new UrlRefusedException(refused.reason(), refused.notGitHub());
        }
        Launch launch = new Launch(organization, project, id, ((OAuthUrlValidator.Accepted) checked).url(), mintedAt, before);
        record(entry(JournalEntry.Action.OAUTH_LAUNCH, JournalEntry.Outcome.OK, organization, project, id)
                .time(mintedAt).message("Authorize link created; it expires at " + launch.expiresAt() + ".").build());
        LOGGER.info("Minted an authorize link for project {} and installation {}", project.id(), id);
        return launch;
    }

    /**
     * What identifies one state of a row: when it was created, who last connected it, and when its installation
     * token was last fetched and for how long.
     */
    record RowMark(Instant createdAt, Long createdBy, Long refreshedAt, Long expiresIn) {
        static RowMark of(IntegrationDto i) {
            return new RowMark(i.createdAt() == null ? Instant.EPOCH : i.createdAt().toInstant(),
                    i.createdBy() == null ? null : i.createdBy().id(),
                    i.config() == null ? null : i.config().refreshedAt(),
                    i.config() == null ? null : i.config().expiresIn());
        }

        /**
         * Whether PostHog renews this row's token by itself at {@code refreshedAt}: its refresh_integrations task
         * (every minute) and api_request mint a row's installation token again once it is past half its life
         * (GitHubIntegrationBase.access_token_expired: {@code now > refreshed_at + expires_in - max(1,
         * expires_in / 2)}), and refresh_access_token writes the new {@code refreshed_at} and nothing else a person
         * would see (posthog/tasks/integrations.py, posthog/models/github_integration_base.py). A row without an
         * expiry is never renewed that way.
         */
        boolean renewedOnSchedule(long refreshedAt) {
            return this.refreshedAt != null && expiresIn != null
                    && refreshedAt >= this.refreshedAt + expiresIn - Math.max(1, expiresIn / 2);
        }
    }

    private Map<Long, RowMark> snapshot(long projectId) {
        Map<Long, RowMark> rows = new HashMap<>();
        for (IntegrationDto i : ApiFailures.call(() -> api.githubIntegrations(projectId))) {
            if (i.id() != null) {
                rows.put(i.id(), RowMark.of(i));
            }
        }
        return rows;
    }

    /**
     * Polls the project's GitHub integrations until the new row for the launch's installation appears, the
     * link expires, or {@link #cancel} is called (or the thread is interrupted). Waits {@link #POLL_INTERVAL}
     * between looks, doubling up to {@link #MAX_POLL_INTERVAL} after failures and honouring PostHog's
     * Retry-After. Stops at once when the key is refused or the project is gone. Journals the result once.
     */
    public WatchResult watch(Launch launch, java.util.function.Consumer<Progress> progress) {
        Duration delay = POLL_INTERVAL;
        int checks = 0;
        Map<Long, RowMark> marks = new HashMap<>(launch.before);
        while (true) {
            if (launch.isCancelled()) {
                return cancelled(launch);
            }
            Instant now = clock.instant();
            if (!now.isBefore(launch.expiresAt())) {
                return finish(launch, new WatchResult(Status.EXPIRED, null,
                        "The link expired 15 minutes after it was created, before the new integration appeared.", null));
            }
            String problem = null;
            try {
                List<IntegrationDto> rows = api.githubIntegrations(launch.project.id());
                checks++;
                Optional<IntegrationDto> found = rows.stream().filter(r -> isNew(launch, marks, r)).findFirst();
                if (found.isPresent()) {
                    GitHubLink link = HttpInventoryService.link(found.get());
                    return finish(launch, new WatchResult(Status.COMPLETED, link, connectedText(launch.project, link),
                            null));
                }
                delay = POLL_INTERVAL;
            } catch (ApiException e) {
                checks++;
                ServiceException se = ApiFailures.toService(e);
                switch (se.kind()) {
                    case AUTH, PERMISSION, NOT_FOUND -> {
                        return finish(launch, new WatchResult(Status.FAILED, null, se.getMessage(), se));
                    }
                    case THROTTLED -> {
                        Duration wait = se.retryAfter().orElse(delay.multipliedBy(2));
                        delay = max(wait, delay.multipliedBy(2));
                    }
                    default -> delay = delay.multipliedBy(2);
                }
                if (delay.compareTo(MAX_POLL_INTERVAL) > 0 && se.kind() != ServiceException.Kind.THROTTLED) {
                    delay = MAX_POLL_INTERVAL;
                }
                problem = se.getMessage();
                LOGGER.info("Checking project {} for the new integration failed ({}); next look in {}",
                        launch.project.id(), se.kind(), delay);
            }
            Duration left = Duration.between(clock.instant(), launch.expiresAt());
            Duration wait = delay.compareTo(left) < 0 ? delay : (left.isNegative() ? Duration.ZERO : left);
            progress.accept(new Progress(checks, clock.instant(), problem, wait));
            if (launch.isCancelled()) {
                return cancelled(launch);
            }
            try {
                sleeper.sleep(wait);
            } catch (InterruptedException e) {
                WatchResult r = cancelled(launch); // journal first: an interrupted thread cannot write files
                Thread.currentThread().interrupt();
                return r;
            }
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    /**
     * The result for this installation: a row id that was not there before, the same row created again, or
     * (when the project already had the row; PostHog then updates it in place, keeping id and creation
     * time) the row connected again since the link was minted: by another user, or its installation token
     * fetched again before PostHog's own renewal was due. A renewal on schedule becomes the row's new state to
     * compare with (the approval may still follow), never the result.
     */
    private static boolean isNew(Launch launch, Map<Long, RowMark> marks, IntegrationDto r) {
        if (r.id() == null || !"github".equals(r.kind()) || !launch.installationId.equals(r.installationId())) {
            return false;
        }
        RowMark was = marks.get(r.id());
        if (was == null) {
            return true;
        }
        RowMark now = RowMark.of(r);
        if (!was.createdAt().equals(now.createdAt())) {
            return true;
        }
        if (now.createdBy() != null && !now.createdBy().equals(was.createdBy())) {
            return true;
        }
        if (now.refreshedAt() == null || now.refreshedAt().equals(was.refreshedAt())
                || now.refreshedAt() < launch.mintedAt.getEpochSecond()) {
            return false;
        }
        if (was.renewedOnSchedule(now.refreshedAt())) {
            marks.put(r.id(), now);
            return false;
        }
        return true;
    }

    /**
     * Stops waiting for this launch and journals that (once). The link itself stays valid until it expires
     * or a newer one is minted, so the outcome is recorded as unknown.
     */
    public WatchResult cancel(Launch launch, String why) {
        launch.cancelled.set(true);
        return finish(launch, new WatchResult(Status.CANCELLED, null, why, null));
    }

    /**
     * Ends the wait because the user says the browser showed a failure or that they denied the request: PostHog
     * records neither anywhere Hoglink can read (see {@link SetupErrors}), so the user's word, with the code
     * they saw when they gave one, is what the journal keeps ({@code error_code} = the code, or
     * {@code user_reported}).
     */
    public WatchResult reportFailed(Launch launch, SetupErrors.Explained why) {
        launch.cancelled.set(true);
        String code = why.code().isEmpty() ? "user_reported" : why.code();
        ServiceException error = new ServiceException(ServiceException.Kind.VALIDATION, why.sentence(), code, null, null, null);
        return finish(launch, new WatchResult(Status.FAILED, null, why.sentence(), error));
    }

    /**
     * "Docs is now connected to the GitHub App installation on acme (id 10000001).": the project and the installation,
     * named as the link dialog names installations; PostHog's integration id means nothing to an admin.
     */
    static String connectedText(Project project, GitHubLink link) {
        return project.name() + " is now connected to "
                + dev.hoglink.model.InstallationName.full(link.accountName(), link.installationId()) + ".";
    }

    /** The watch noticed a cancel: {@link #cancel} journals it with its reason; an interrupt alone is journaled here. */
    private WatchResult cancelled(Launch launch) {
        WatchResult r = new WatchResult(Status.CANCELLED, null, "Stopped waiting.", null);
        return launch.isCancelled() ? r : finish(launch, r);
    }

    private WatchResult finish(Launch launch, WatchResult result) {
        if (!launch.recorded.compareAndSet(false, true)) {
            return result;
        }
        JournalEntry.Builder b = switch (result.status()) {
            // The journal keeps PostHog's integration id for support; the admin's message leaves it out.
            case COMPLETED -> entry(JournalEntry.Action.OAUTH_COMPLETE, JournalEntry.Outcome.OK, launch)
                    .message(result.message() + (result.link() == null ? ""
                            : " PostHog integration " + result.link().integrationId() + "."));
            case EXPIRED -> entry(JournalEntry.Action.OAUTH_COMPLETE, JournalEntry.Outcome.FAILED, launch)
                    .error("expired", result.message());
            case CANCELLED -> entry(JournalEntry.Action.OAUTH_COMPLETE, JournalEntry.Outcome.UNKNOWN, launch)
                    .error(JournalEntry.CANCELLED, result.message() + " The link could still be approved until "
                            + UNTIL.format(launch.expiresAt()) + ".");
            case FAILED -> entry(JournalEntry.Action.OAUTH_COMPLETE, JournalEntry.Outcome.FAILED, launch)
                    .error(result.error() == null ? "failed" : result.error().code(), result.message());
        };
        record(b.build());
        LOGGER.info("OAuth bootstrap for project {} ended: {}", launch.project.id(), result.status());
        return result;
    }

    private JournalEntry.Builder entry(JournalEntry.Action action, JournalEntry.Outcome outcome, Launch launch) {
        return entry(action, outcome, launch.organization, launch.project, launch.installationId);
    }

    private JournalEntry.Builder entry(JournalEntry.Action action, JournalEntry.Outcome outcome, Organization org,
                                       Project project, String installationId) {
        return JournalEntry.builder(action, outcome).host(host.url())
                .organization(org == null ? project.organizationId() : org.id(), org == null ? null : org.name())
                .project(project.id(), project.name()).installationId(installationId);
    }

    private void record(JournalEntry e) {
        try {
            journal.append(e);
        } catch (IOException ex) {
            // The action itself happened; losing its journal line must not hide that from the user.
            LOGGER.error("Cannot write the OAuth {} entry to the action journal", e.action().wireName(), ex);
        }
    }
}
