package dev.hoglink.service.oauth;

import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiErrors;
import dev.hoglink.api.Sleeper;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SandboxClock;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthServiceTest {

    static final Instant START = Instant.parse("2026-08-10T09:00:00Z");
    static final Organization ORG = new Organization("org-1", "Acme Analytics", "acme", Organization.OWNER);
    static final Project PROJECT = new Project(110, "Docs", "org-1", START);

    @TempDir
    Path dir;

    final SandboxClock clock = new SandboxClock(START);
    final List<Duration> sleeps = new ArrayList<>();
    final FakeOAuthApi api = new FakeOAuthApi();
    Sleeper sleeper = d -> {
        sleeps.add(d);
        clock.advance(d);
    };
    ActionJournal journal;

    OAuthService service(boolean sandbox, Set<String> enterprise, String host) {
        journal = new ActionJournal(dir.resolve("journal.jsonl"), clock);
        return new OAuthService(api, PostHogHost.parse(host), sandbox, enterprise, journal, clock, d -> sleeper.sleep(d));
    }

    OAuthService service() {
        return service(false, Set.of(), FakeOAuthApi.HOST);
    }

    List<JournalEntry> entries() throws IOException {
        return journal.readAll().entries();
    }

    @Test
    void mintSendsTheInstallationWithARelativeNextAndJournalsTheLaunch() throws IOException {
        OAuthService.Launch launch = service().mint(ORG, PROJECT, " 10000001 ");

        assertEquals(List.of("110:10000001"), api.mintedFor);
        assertEquals("/project/110/settings/environment-integrations", api.nexts.get(0));
        assertEquals(FakeOAuthApi.GOOD_URL, launch.url().toString());
        assertEquals(START.plus(Duration.ofMinutes(15)), launch.expiresAt());
        JournalEntry e = entries().get(0);
        assertEquals(JournalEntry.Action.OAUTH_LAUNCH, e.action());
        assertEquals(JournalEntry.Outcome.OK, e.outcome());
        assertEquals(110L, e.projectId());
        assertEquals("10000001", e.installationId());
        assertEquals("Acme Analytics", e.organizationName());
        assertFalse(e.message().contains("state"), "the single-use link is never written down");
    }

    @Test
    void mintRefusesInstallationIdsPostHogWouldRefuseWithoutCallingIt() {
        OAuthService s = service();
        for (String bad : List.of("", "007", "12a4", "-5", "123456789012345678901", "1 2")) {
            assertThrows(IllegalArgumentException.class, () -> s.mint(ORG, PROJECT, bad), bad);
        }
        assertTrue(api.mintedFor.isEmpty());
        assertTrue(InstallationIds.problem("1").isEmpty());
        assertTrue(InstallationIds.problem("12345678901234567890").isEmpty());
    }

    @Test
    void aLinkThatDoesNotLeadToGitHubIsRefusedAndJournaledAsAFailedLaunch() throws IOException {
        api.oauthUrl = "https://github.com.evil.com/login/oauth/authorize?client_id=a&state=b"
                + "&redirect_uri=https%3A%2F%2Fus.posthog.com%2Fcomplete%2Fgithub-link%2F";
        OAuthService s = service();

        OAuthService.UrlRefusedException e = assertThrows(OAuthService.UrlRefusedException.class,
                () -> s.mint(ORG, PROJECT, "10000001"));

        assertTrue(e.getMessage().contains("github.com.evil.com, not to GitHub"), e.getMessage());
        assertTrue(e.getMessage().contains("It was not opened."), e.getMessage());
        JournalEntry j = entries().get(0);
        assertEquals(JournalEntry.Outcome.FAILED, j.outcome());
        assertEquals("oauth_url_refused", j.errorCode());
    }

    @Test
    void aSandboxLinkIsAcceptedOnlyInSandboxModeAndAnEnterpriseHostOnlyWhenConfigured() {
        String sandboxUrl = "http://127.0.0.1:8010/login/oauth/authorize?client_id=a&state=b"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8010%2Fcomplete%2Fgithub-link%2F";
        api.oauthUrl = sandboxUrl;
        assertEquals(sandboxUrl, service(true, Set.of(), "http://127.0.0.1:8010").mint(ORG, PROJECT, "1").url().toString());
        assertThrows(OAuthService.UrlRefusedException.class,
                () -> service(false, Set.of(), "http://127.0.0.1:8010").mint(ORG, PROJECT, "1"));

        api.oauthUrl = FakeOAuthApi.GOOD_URL.replace("github.com", "ghe.acme.io");
        assertThrows(OAuthService.UrlRefusedException.class, () -> service().mint(ORG, PROJECT, "1"));
        assertEquals("ghe.acme.io", service(false, Set.of("GHE.acme.io"), FakeOAuthApi.HOST)
                .mint(ORG, PROJECT, "1").url().getHost());
    }

    @Test
    void aMintRefusedByPostHogIsJournaledAndReported() throws IOException {
        api.mintFailure = ApiErrors.notFound();
        OAuthService s = service();
        ServiceException e = assertThrows(ServiceException.class, () -> s.mint(ORG, PROJECT, "10000001"));
        assertEquals(ServiceException.Kind.NOT_FOUND, e.kind());
        assertEquals(JournalEntry.Outcome.FAILED, entries().get(0).outcome());
    }

    @Test
    void watchFindsTheNewRowForTheInstallationAndIgnoresOldRowsAndOtherInstallations() throws IOException {
        var old = FakeOAuthApi.row(1, "10000001", "0");
        api.then(List.of(old)) // before minting
                .then(List.of(old))
                .then(List.of(old, FakeOAuthApi.row(2, "10000002", "1")))
                .then(List.of(old, FakeOAuthApi.row(2, "10000002", "1"), FakeOAuthApi.row(3, "10000001", "2")));
        OAuthService s = service();
        OAuthService.Launch launch = s.mint(ORG, PROJECT, "10000001");
        List<OAuthService.Progress> seen = new ArrayList<>();

        OAuthService.WatchResult r = s.watch(launch, seen::add);

        assertEquals(OAuthService.Status.COMPLETED, r.status());
        assertEquals(3L, r.link().integrationId());
        // Said as the rest of the app names installations, not by PostHog's internal integration id.
        assertEquals("Docs is now connected to the GitHub App installation on acme (id 10000001).", r.message());
        assertEquals(List.of(Duration.ofSeconds(3), Duration.ofSeconds(3)), sleeps);
        assertEquals(2, seen.size());
        assertEquals(2, seen.get(1).checks());
        JournalEntry done = entries().get(1);
        assertEquals(JournalEntry.Action.OAUTH_COMPLETE, done.action());
        assertEquals(JournalEntry.Outcome.OK, done.outcome());
        assertTrue(done.message().endsWith(" PostHog integration 3."), done.message());
    }

    @Test
    void theSameRowCreatedAgainForTheInstallationCountsAsTheResult() {
        api.then(List.of(FakeOAuthApi.row(5, "10000001", "0")))
                .then(List.of(FakeOAuthApi.row(5, "10000001", "0")))
                .then(List.of(FakeOAuthApi.row(5, "10000001", "30")));
        OAuthService s = service();
        OAuthService.WatchResult r = s.watch(s.mint(ORG, PROJECT, "10000001"), p -> { });
        assertEquals(OAuthService.Status.COMPLETED, r.status());
        assertEquals(5L, r.link().integrationId());
        assertEquals(1, sleeps.size());
    }

    @Test
    void anExistingRowUpdatedInPlaceAfterMintingCountsButAnOlderRefreshDoesNot() {
        long minted = START.getEpochSecond();
        api.then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted - 600)))
                .then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted - 600)))
                .then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted - 300))) // refreshed, but before the link was minted
                .then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted + 7)));
        OAuthService s = service();
        OAuthService.WatchResult r = s.watch(s.mint(ORG, PROJECT, "10000001"), p -> { });
        assertEquals(OAuthService.Status.COMPLETED, r.status());
        assertEquals(2, sleeps.size(), "the older refresh was not taken for the result");
    }

    /**
     * PostHog renews every GitHub row's installation token by itself once it is past half its life (the
     * per-minute refresh_integrations task, posthog/tasks/integrations.py; refresh_access_token in
     * posthog/models/github_integration_base.py writes the new refreshed_at and a float expires_in). That renewal is
     * not the approval: only a fetch before the renewal was due (or by another user) is.
     */
    @Test
    void postHogsOwnTokenRenewalOfTheExistingRowIsNotTheApproval() {
        long minted = START.getEpochSecond();
        // Fetched 1,790 s before the link: PostHog renews it 10 s after the link was minted.
        api.then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted - 1790)))
                .then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted - 1790)))
                .then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted + 12))) // PostHog's renewal
                .then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted + 12)))
                .then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted + 70))); // the approval
        OAuthService s = service();
        OAuthService.WatchResult r = s.watch(s.mint(ORG, PROJECT, "10000001"), p -> { });
        assertEquals(OAuthService.Status.COMPLETED, r.status());
        assertEquals(3, sleeps.size(), "the renewal was not taken for the result; the approval after it was");
    }

    @Test
    void onlyPostHogsTokenRenewalDuringTheWaitEndsExpiredNotCompleted() {
        long minted = START.getEpochSecond();
        api.then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted - 1790)))
                .then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted + 12)));
        OAuthService s = service();
        OAuthService.WatchResult r = s.watch(s.mint(ORG, PROJECT, "10000001"), p -> { });
        assertEquals(OAuthService.Status.EXPIRED, r.status());
    }

    @Test
    void anotherUserConnectingTheRowAgainIsTheResultWhateverTheTokensAge() {
        long minted = START.getEpochSecond();
        api.then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted - 1790)))
                .then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted - 1790)))
                .then(List.of(FakeOAuthApi.row(5, "10000001", "0", minted + 12, 43L)));
        OAuthService s = service();
        OAuthService.WatchResult r = s.watch(s.mint(ORG, PROJECT, "10000001"), p -> { });
        assertEquals(OAuthService.Status.COMPLETED, r.status());
        assertEquals(1, sleeps.size());
    }

    @Test
    void watchBacksOffAfterFailuresUpToThirtySecondsAndReturnsToThreeAfterASuccess() {
        api.then(List.of()).then(ApiErrors.network()).then(ApiErrors.server()).then(ApiErrors.network())
                .then(ApiErrors.network()).then(ApiErrors.network()).then(List.of()).then(List.of())
                .then(List.of(FakeOAuthApi.row(9, "10000001", "1")));
        OAuthService s = service();
        List<OAuthService.Progress> seen = new ArrayList<>();
        OAuthService.WatchResult r = s.watch(s.mint(ORG, PROJECT, "10000001"), seen::add);

        assertEquals(OAuthService.Status.COMPLETED, r.status());
        assertEquals(List.of(6L, 12L, 24L, 30L, 30L, 3L, 3L), sleeps.stream().map(Duration::toSeconds).toList());
        assertTrue(seen.get(0).problem() != null, "the UI learns why checking is slow");
        assertNull(seen.get(5).problem());
    }

    @Test
    void watchWaitsAsLongAsPostHogAsksWhenThrottled() {
        api.then(List.of()).then(ApiErrors.throttled(Duration.ofSeconds(45))).then(List.of(FakeOAuthApi.row(9, "10000001", "1")));
        OAuthService s = service();
        assertEquals(OAuthService.Status.COMPLETED, s.watch(s.mint(ORG, PROJECT, "10000001"), p -> { }).status());
        assertEquals(List.of(Duration.ofSeconds(45)), sleeps);
    }

    @Test
    void watchExpiresFifteenMinutesAfterMintingAndJournalsTheExpiry() throws IOException {
        OAuthService s = service();
        OAuthService.Launch launch = s.mint(ORG, PROJECT, "10000001");
        clock.advance(Duration.ofSeconds(1)); // time spent before the watch starts still counts

        OAuthService.WatchResult r = s.watch(launch, p -> { });

        assertEquals(OAuthService.Status.EXPIRED, r.status());
        assertEquals(START.plus(Duration.ofMinutes(15)), clock.instant(), "the last wait ends exactly at expiry");
        assertEquals(Duration.ofSeconds(2), sleeps.get(sleeps.size() - 1));
        assertTrue(api.polls.get() < 15 * 60 / 3 + 2, "at most one look every 3 seconds: " + api.polls.get());
        JournalEntry j = entries().get(1);
        assertEquals(JournalEntry.Outcome.FAILED, j.outcome());
        assertEquals("expired", j.errorCode());
    }

    @Test
    void watchStopsAtOnceWhenTheKeyIsRefused() throws IOException {
        api.then(List.of()).then(ApiErrors.unauthenticated());
        OAuthService s = service();
        OAuthService.WatchResult r = s.watch(s.mint(ORG, PROJECT, "10000001"), p -> { });
        assertEquals(OAuthService.Status.FAILED, r.status());
        assertEquals(ServiceException.Kind.AUTH, r.error().kind());
        assertTrue(sleeps.isEmpty());
        assertEquals("authentication_failed", entries().get(1).errorCode());
    }

    @Test
    void cancellingDuringAWaitEndsTheWatchAndIsJournaledOnceAsUnknown() throws IOException {
        OAuthService s = service();
        OAuthService.Launch launch = s.mint(ORG, PROJECT, "10000001");
        AtomicReference<OAuthService.WatchResult> fromCancel = new AtomicReference<>();
        sleeper = d -> {
            sleeps.add(d);
            clock.advance(d);
            if (sleeps.size() == 2) {
                fromCancel.set(s.cancel(launch, "Cancelled in Hoglink."));
            }
        };

        OAuthService.WatchResult r = s.watch(launch, p -> { });

        assertEquals(OAuthService.Status.CANCELLED, r.status());
        assertEquals(OAuthService.Status.CANCELLED, fromCancel.get().status());
        assertEquals(2, api.polls.get() - 1, "no look after the cancel");
        List<JournalEntry> all = entries();
        assertEquals(2, all.size(), "one launch, one result");
        assertEquals(JournalEntry.Outcome.UNKNOWN, all.get(1).outcome());
        assertEquals("cancelled", all.get(1).errorCode());
        assertTrue(all.get(1).cancelledByAdmin(), "the audit reads it back as a cancel, not a failure");
        assertTrue(all.get(1).message().contains("could still be approved"), all.get(1).message());
        // read by people in the audit's History tab: a time as they show it, not "…T10:14:43.33Z"
        assertTrue(all.get(1).message().matches(".*until \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} UTC\\.$"), all.get(1).message());
    }

    @Test
    void anInterruptedWaitEndsAsCancelled() {
        OAuthService s = service();
        OAuthService.Launch launch = s.mint(ORG, PROJECT, "10000001");
        sleeper = d -> {
            throw new InterruptedException();
        };
        assertEquals(OAuthService.Status.CANCELLED, s.watch(launch, p -> { }).status());
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    }

    @Test
    void theCurrentUserIsShownByNameAndEmail() {
        assertEquals("Ada Lovelace <ada@acme.io>", service().currentUser());
        assertEquals(Optional.of("10000007"), service().installations(110).installations().stream()
                .filter(o -> o.sourceProjectId() == null).map(o -> o.installationId()).findFirst());
    }
}
