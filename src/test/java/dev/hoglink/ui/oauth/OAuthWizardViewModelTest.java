package dev.hoglink.ui.oauth;

import dev.hoglink.ui.common.BrowserLauncher;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.Sleeper;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SandboxClock;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.oauth.FakeOAuthApi;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.ui.common.ManualTaskRunner;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.oauth.OAuthWizardViewModel.Outcome;
import dev.hoglink.ui.oauth.OAuthWizardViewModel.Step;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OAuthWizardViewModelTest {

    static final Instant START = Instant.parse("2026-08-10T09:00:00Z");
    static final Organization ORG = new Organization("org-1", "Acme Analytics", "acme", Organization.OWNER);
    static final Project DOCS = new Project(110, "Docs", "org-1", START);
    static final Project BLOG = new Project(111, "Blog", "org-1", START);

    @TempDir
    Path dir;

    final SandboxClock clock = new SandboxClock(START);
    final FakeOAuthApi api = new FakeOAuthApi();
    final List<URI> opened = new ArrayList<>();
    final List<String> copied = new ArrayList<>();
    final List<Set<Long>> refreshed = new ArrayList<>();
    final ManualTicker ticker = new ManualTicker();
    Sleeper sleeper = clock::advance;
    ActionJournal journal;

    static final class ManualTicker implements Ticker {
        Runnable tick;
        boolean running;

        @Override
        public Runnable every(Duration period, Runnable t) {
            assertEquals(Duration.ofSeconds(1), period);
            tick = t;
            running = true;
            return () -> running = false;
        }
    }

    OAuthWizardViewModel wizard(TaskRunner runner, BrowserLauncher browser) {
        journal = new ActionJournal(dir.resolve("journal.jsonl"), clock);
        OAuthService service = new OAuthService(api, PostHogHost.parse(FakeOAuthApi.HOST), false, Set.of(), journal,
                clock, d -> sleeper.sleep(d));
        OAuthWizardViewModel vm = new OAuthWizardViewModel(service, runner, ticker, browser, copied::add, ORG,
                List.of(DOCS, BLOG), DOCS, refreshed::add);
        vm.start();
        return vm;
    }

    OAuthWizardViewModel wizard(TaskRunner runner) {
        return wizard(runner, opened::add);
    }

    /** Up to the point where the link is minted and the watch is queued but not run. */
    OAuthWizardViewModel mintedAndWaiting(ManualTaskRunner runner) {
        OAuthWizardViewModel vm = wizard(runner);
        runner.runAll(); // installations and the current user
        vm.next();
        vm.next();
        assertTrue(runner.runNext(), "the mint");
        assertEquals(Step.OPEN, vm.step());
        assertEquals(1, runner.pendingCount(), "the watch is queued");
        return vm;
    }

    List<JournalEntry> journal() throws IOException {
        return journal.readAll().entries();
    }

    /** The link's page never shows "The link expires in ." : its countdown is set before the page is. */
    @Test
    void theCountdownIsSetBeforeTheOpenLinkPageShows() {
        ManualTaskRunner runner = new ManualTaskRunner();
        OAuthWizardViewModel vm = wizard(runner);
        runner.runAll();
        List<String> atOpen = new java.util.ArrayList<>();
        vm.stepProperty().addListener((o, a, b) -> {
            if (b == Step.OPEN) {
                atOpen.add(vm.countdownProperty().get());
            }
        });
        vm.next();
        vm.next();
        assertTrue(runner.runNext(), "the mint");
        assertEquals(1, atOpen.size());
        assertFalse(atOpen.get(0).isEmpty(), "the countdown when the page showed: '" + atOpen.get(0) + "'");
    }

    @Test
    void theProjectsInstallationsAreListedAndTheFirstIsChosen() {
        OAuthWizardViewModel vm = wizard(new SameThreadTaskRunner());
        assertEquals(2, vm.choice().installations().size());
        assertEquals("10000001", vm.choice().installationIdProperty().get());
        assertEquals("acme (id 10000001) · Organization · used by Web",
                InstallationChoiceViewModel.describe(vm.choice().installations().get(0)), "named as the link dialogs name it");
        assertEquals("Ada Lovelace <ada@acme.io>", vm.currentUserProperty().get(), "the explanation names the key's user");
        assertTrue(vm.canNextBinding().get());
    }

    @Test
    void theReadFirstSentenceNamesTheInstallationByItsAccountWhenKnownAndByItsIdOtherwise() {
        OAuthWizardViewModel vm = wizard(new SameThreadTaskRunner());
        assertEquals("Hoglink will ask PostHog for a one-time GitHub sign-in link that connects the installation on "
                + "acme (id 10000001) to Docs (id 110).", vm.choice().summary(), "listed by PostHog: its account");
        vm.choice().installationIdProperty().set("10000009");
        assertEquals("Hoglink will ask PostHog for a one-time GitHub sign-in link that connects installation 10000009 "
                + "to Docs (id 110).", vm.choice().summary(), "typed and known nowhere: its id alone");
        vm.choice().setKnownLinks(p -> List.of(new dev.hoglink.model.GitHubLink(7, "10000009", "globex",
                dev.hoglink.model.AccountType.ORGANIZATION, "all", dev.hoglink.model.LinkStatus.CONNECTED, false, null,
                null, "")));
        assertTrue(vm.choice().summary().contains("connects the installation on globex (id 10000009) to Docs"),
                "the project's own link names it: " + vm.choice().summary());
    }

    @Test
    void aTypedInstallationIdIsValidatedAsPostHogDoesAndBlocksNext() {
        OAuthWizardViewModel vm = wizard(new SameThreadTaskRunner());
        vm.choice().installationIdProperty().set("0123");
        assertEquals("An installation id does not start with 0.", vm.choice().installationErrorProperty().get());
        assertFalse(vm.canNextBinding().get());
        vm.next();
        assertEquals(Step.CHOOSE, vm.step());
        vm.choice().installationIdProperty().set("98765432");
        assertEquals("", vm.choice().installationErrorProperty().get());
        vm.next();
        assertEquals(Step.EXPLAIN, vm.step());
        vm.back();
        assertEquals(Step.CHOOSE, vm.step());
    }

    @Test
    void theRoundTripFinishesWhenTheNewIntegrationAppearsShowsItAndRefreshesTheRow() throws IOException {
        api.then(List.of()).then(List.of()).then(List.of(FakeOAuthApi.row(77, "10000001", "1")));
        OAuthWizardViewModel vm = wizard(new SameThreadTaskRunner());
        vm.next();
        vm.next();

        assertEquals(Outcome.COMPLETED, vm.outcomeProperty().get());
        assertEquals(Step.WAIT, vm.step());
        assertEquals(77L, vm.resultLinkProperty().get().integrationId());
        assertTrue(vm.resultTextProperty().get().startsWith("Docs is now connected to"), vm.resultTextProperty().get());
        assertFalse(vm.resultTextProperty().get().contains("integration 77"), vm.resultTextProperty().get());
        assertFalse(OAuthWizardView.describe(vm.resultLinkProperty().get()).contains("77"),
                OAuthWizardView.describe(vm.resultLinkProperty().get()));
        assertEquals(List.of(Set.of(110L)), refreshed);
        assertFalse(ticker.running, "the countdown stops");
        assertTrue(vm.finishedBinding().get());
        assertFalse(vm.canMintAgainBinding().get());
        assertEquals(List.of(JournalEntry.Action.OAUTH_LAUNCH, JournalEntry.Action.OAUTH_COMPLETE),
                journal().stream().map(JournalEntry::action).toList());
    }

    @Test
    void aRefusedLinkShowsWhyAndIsNeverOpenedOrCopied() {
        api.oauthUrl = "javascript:alert(1)";
        OAuthWizardViewModel vm = wizard(new SameThreadTaskRunner());
        vm.next();
        vm.next();

        assertEquals(Step.CREATE, vm.step());
        assertTrue(vm.mintErrorProperty().get().contains("It was not opened."), vm.mintErrorProperty().get());
        assertEquals("", vm.urlProperty().get());
        vm.openInBrowser();
        vm.copyLink();
        assertTrue(opened.isEmpty());
        assertTrue(copied.isEmpty());
        assertTrue(vm.canBackBinding().get(), "the user can go back and choose again");
        assertEquals(0, api.polls.get() - 1, "nothing is watched");
    }

    /** PostHog refuses a credential without integration:write the same for every project (api-notes NJ4). */
    @Test
    void aRefusalForMissingIntegrationWriteReadsAsTheWindowsReadOnlySentenceAndTellsTheWindow() {
        api.mintFailure = dev.hoglink.api.ApiErrors.forbidden("API key missing required scope 'integration:write'");
        OAuthWizardViewModel vm = wizard(new SameThreadTaskRunner());
        List<String> told = new ArrayList<>();
        vm.setOnKeyReadOnly(() -> told.add("read-only"), () -> dev.hoglink.model.Capabilities.READ_ONLY_SIGN_IN);
        vm.next();
        vm.next();

        assertEquals(Step.CREATE, vm.step());
        assertEquals(dev.hoglink.model.Capabilities.READ_ONLY_SIGN_IN, vm.mintErrorProperty().get());
        assertEquals(List.of("read-only"), told);
        assertEquals("", vm.urlProperty().get());
    }

    @Test
    void openingTheLinkUsesTheLauncherAndMovesToWaitingAndCopyPutsItOnTheClipboard() {
        ManualTaskRunner runner = new ManualTaskRunner();
        OAuthWizardViewModel vm = mintedAndWaiting(runner);
        vm.copyLink();
        assertEquals(List.of(FakeOAuthApi.GOOD_URL), copied);
        vm.openInBrowser();
        assertEquals(Step.OPEN, vm.step(), "nothing is claimed before the launcher answers");
        assertEquals("Opening your browser…", vm.noticeProperty().get());
        assertTrue(runner.runNewest(), "the launch, off the UI thread");
        assertEquals(List.of(URI.create(FakeOAuthApi.GOOD_URL)), opened);
        assertEquals(Step.WAIT, vm.step());
        assertTrue(vm.noticeProperty().get().startsWith("Opened in your browser"), vm.noticeProperty().get());
    }

    @Test
    void aBrowserThatCannotOpenLeavesTheUserOnTheOpenStepWithAHint() {
        ManualTaskRunner runner = new ManualTaskRunner();
        OAuthWizardViewModel vm = wizard(runner, u -> {
            throw new UnsupportedOperationException("no browser");
        });
        runner.runAll();
        vm.next();
        vm.next();
        runner.runNext();
        vm.openInBrowser();
        assertTrue(runner.runNewest(), "the launch");
        assertEquals(Step.OPEN, vm.step());
        assertTrue(vm.launchErrorProperty().get().contains("Copy the link"), vm.launchErrorProperty().get());
        assertTrue(vm.launchErrorProperty().get().contains("UnsupportedOperationException"));
        assertFalse(vm.launchErrorProperty().get().contains("no browser"), "only a LaunchFailedException's text is shown");
        assertEquals("", vm.noticeProperty().get(), "no claim that it opened");
        assertFalse(vm.openingProperty().get());
    }

    @Test
    void theCountdownFollowsTheClockFromMinting() {
        ManualTaskRunner runner = new ManualTaskRunner();
        OAuthWizardViewModel vm = mintedAndWaiting(runner);
        assertEquals("15 min 00 s", vm.countdownProperty().get(), "with units: \"15:00\" reads as a time of day");
        clock.advance(Duration.ofSeconds(61));
        ticker.tick.run();
        assertEquals("13 min 59 s", vm.countdownProperty().get());
        assertEquals(899.0 - 60, vm.timeLeftProperty().get() * 900, 0.01);
    }

    /** The last two minutes count in seconds, as every wait under two minutes is said. */
    @Test
    void theLastTwoMinutesCountInSeconds() {
        ManualTaskRunner runner = new ManualTaskRunner();
        OAuthWizardViewModel vm = mintedAndWaiting(runner);
        clock.advance(Duration.ofSeconds(781));
        ticker.tick.run();
        assertEquals("119 s", vm.countdownProperty().get());
    }

    /**
     * PostHog's hourly throttle refuses a check and asks for an hour: the next check is at the link's expiry, and the
     * status says it in minutes, not as "900 s".
     */
    @Test
    void anHoursThrottleWhileCheckingSaysTheNextCheckInMinutes() {
        api.then(List.of()).then(dev.hoglink.api.ApiErrors.throttled(Duration.ofSeconds(3_600)))
                .then(List.of(FakeOAuthApi.row(80, "10000001", "4")));
        List<String> statuses = new ArrayList<>();
        OAuthWizardViewModel[] wizard = new OAuthWizardViewModel[1];
        sleeper = d -> {
            if (wizard[0] != null && statuses.isEmpty()) {
                ticker.tick.run();
                statuses.add(wizard[0].statusProperty().get());
            }
            clock.advance(d);
        };
        ManualTaskRunner runner = new ManualTaskRunner();
        wizard[0] = mintedAndWaiting(runner);
        runner.runAll();
        assertEquals(1, statuses.size(), statuses.toString());
        assertTrue(statuses.get(0).endsWith("; trying again in 15 min."), statuses.get(0));
    }

    @Test
    void onExpiryTheWizardExplainsAndOffersANewLinkWhichMintsAgain() throws IOException {
        OAuthWizardViewModel vm = wizard(new SameThreadTaskRunner());
        vm.next();
        vm.next(); // nothing ever appears; the fake sleeper runs the clock to expiry

        assertEquals(Outcome.EXPIRED, vm.outcomeProperty().get());
        assertEquals("0 s", vm.countdownProperty().get());
        assertEquals(0.0, vm.timeLeftProperty().get());
        assertTrue(vm.resultTextProperty().get().contains("Create a new link"), vm.resultTextProperty().get());
        assertTrue(vm.canMintAgainBinding().get());
        assertEquals("expired", journal().get(1).errorCode());

        api.then(List.of()).then(List.of(FakeOAuthApi.row(78, "10000001", "20")));
        vm.mintAgain();
        assertEquals(2, api.mintedFor.size());
        assertEquals(Outcome.COMPLETED, vm.outcomeProperty().get());
    }

    @Test
    void cancelWhileWaitingStopsTheWatchAndJournalsItOnce() throws IOException {
        ManualTaskRunner runner = new ManualTaskRunner();
        OAuthWizardViewModel vm = mintedAndWaiting(runner);
        vm.openInBrowser();
        int polls = api.polls.get();

        vm.cancel();
        runner.runAll();
        vm.cancel(); // closing the window after Cancel calls it again

        assertEquals(Outcome.CANCELLED, vm.outcomeProperty().get());
        assertEquals(polls, api.polls.get(), "the watch never ran");
        assertFalse(ticker.running);
        List<JournalEntry> entries = journal();
        assertEquals(2, entries.size());
        assertEquals(JournalEntry.Outcome.UNKNOWN, entries.get(1).outcome());
        assertEquals("cancelled", entries.get(1).errorCode());
        assertTrue(entries.get(1).message().startsWith("Cancelled in Hoglink."), entries.get(1).message());
    }

    @Test
    void aNewLinkAfterCancelIsWatchedAgain() {
        ManualTaskRunner runner = new ManualTaskRunner();
        OAuthWizardViewModel vm = mintedAndWaiting(runner);
        vm.cancel();
        runner.runAll();
        api.then(List.of()).then(List.of(FakeOAuthApi.row(79, "10000001", "3"))); // the look before minting, then the row
        vm.mintAgain();
        runner.runAll();
        assertEquals(Outcome.COMPLETED, vm.outcomeProperty().get());
        assertEquals(79L, vm.resultLinkProperty().get().integrationId());
    }

    @Test
    void cancelWhileTheLinkIsBeingCreatedRecordsTheLaunchAsCancelledAndNeverWatches() throws IOException {
        ManualTaskRunner runner = new ManualTaskRunner();
        OAuthWizardViewModel vm = wizard(runner);
        runner.runAll();
        vm.next();
        vm.next();
        vm.cancel();
        runner.runAll();

        assertEquals(1, api.polls.get(), "only the look before minting");
        assertNull(ticker.tick, "no countdown");
        assertEquals(List.of(JournalEntry.Outcome.OK, JournalEntry.Outcome.UNKNOWN),
                journal().stream().map(JournalEntry::outcome).toList());
    }

    @Test
    void aNewLinkWhileWaitingReplacesTheOldOneInTheJournal() throws IOException {
        ManualTaskRunner runner = new ManualTaskRunner();
        OAuthWizardViewModel vm = mintedAndWaiting(runner);
        vm.mintAgain();
        runner.runNext(); // the first watch, cancelled: skipped
        runner.runNext(); // the cancel of the first launch
        runner.runNext(); // the second mint
        assertEquals(Step.OPEN, vm.step());
        List<JournalEntry> entries = journal();
        assertEquals(3, entries.size());
        assertTrue(entries.get(1).message().startsWith("Replaced by a new link."), entries.get(1).message());
        assertEquals(JournalEntry.Action.OAUTH_LAUNCH, entries.get(2).action());
    }

    @Test
    void changingTheProjectReloadsItsInstallations() {
        ManualTaskRunner runner = new ManualTaskRunner();
        OAuthWizardViewModel vm = wizard(runner);
        runner.runAll();
        vm.choice().selectedProjectProperty().set(BLOG);
        assertTrue(vm.choice().installationsLoadingProperty().get());
        assertTrue(vm.choice().installations().isEmpty());
        runner.runAll();
        assertFalse(vm.choice().installationsLoadingProperty().get());
        assertEquals(2, vm.choice().installations().size());
    }

    /** The Open step names the user to be signed in as, or says whose while it is unread or unreadable. */
    @Test
    void theOpenStepNamesTheUserTheBrowserMustBeSignedInAs() {
        assertEquals("The link is ready and checked. Open it in a browser signed in to PostHog as Ada Owner "
                + "<ada@acme.test>.", OAuthWizardViewModel.openIntro("Ada Owner <ada@acme.test>", false));
        assertEquals("The link is ready and checked. Open it in a browser signed in to PostHog as Ada Owner "
                + "<ada@acme.test>, or scan the code on another device.",
                OAuthWizardViewModel.openIntro("Ada Owner <ada@acme.test>", true));
        String unread = "The link is ready and checked. Open it in a browser signed in to PostHog as the same user "
                + "whose API key Hoglink uses.";
        assertEquals(unread, OAuthWizardViewModel.openIntro("", false));
        assertEquals(unread, OAuthWizardViewModel.openIntro("(could not be read: Cannot reach 127.0.0.1:8010.)", false));
    }

    /**
     * A link PostHog builds for a server that is not GitHub (here plain http to this computer, as a sandbox run on its
     * own and connected as a self-hosted PostHog gives) is refused, and the wizard says that Try again would be refused
     * the same way and what works instead, not only that the link was not opened.
     */
    @Test
    void aRefusedLinkSaysANewOneWouldBeRefusedTooAndWhatWorksInstead() {
        api.oauthUrl = "http://127.0.0.1:8010/login/oauth/authorize?client_id=a&state=b"
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A8010%2Fcomplete%2Fgithub-link%2F";
        OAuthWizardViewModel vm = wizard(new SameThreadTaskRunner());
        vm.next();
        vm.next();

        assertEquals(Step.CREATE, vm.step());
        assertEquals("The authorize link does not use https. It was not opened. A new link from this PostHog would be "
                + "refused the same way: Hoglink opens only GitHub's sign-in page, over https on github.com or on a "
                + "GitHub Enterprise host named in github.enterprise.hosts in oauth.properties in the config folder. "
                + "Link existing installation… needs no browser.", vm.mintErrorProperty().get());
    }

    /**
     * A link on GitHub's sign-in page that would return elsewhere than the connected PostHog is refused for that, and
     * the hosts Hoglink opens (https on github.com, GitHub Enterprise hosts) do not mend it: the wizard does not offer
     * them as the way forward. On the old code every refusal carried that advice.
     */
    @Test
    void aLinkRefusedForItsReturnAddressIsNotToldToChangeGitHubHosts() {
        api.oauthUrl = "https://github.com/login/oauth/authorize?client_id=a&state=b"
                + "&redirect_uri=https%3A%2F%2Fevil.example%2Fcomplete%2Fgithub-link%2F";
        OAuthWizardViewModel vm = wizard(new SameThreadTaskRunner());
        vm.next();
        vm.next();

        assertEquals(Step.CREATE, vm.step());
        String said = vm.mintErrorProperty().get();
        assertTrue(said.startsWith("The authorize link would return to "), said);
        assertTrue(said.endsWith("It was not opened."), said);
        assertFalse(said.contains("github.enterprise.hosts"), said);
    }
}
