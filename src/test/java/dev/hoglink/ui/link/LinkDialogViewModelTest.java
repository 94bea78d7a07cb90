package dev.hoglink.ui.link;

import static dev.hoglink.ui.link.LinkTestSupport.HOST;
import static dev.hoglink.ui.link.LinkTestSupport.entries;
import static dev.hoglink.ui.link.LinkTestSupport.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiErrors;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.service.link.LinkResult;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.support.TestClock;
import dev.hoglink.ui.common.ManualTaskRunner;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.link.LinkDialogViewModel.Remedy;
import dev.hoglink.ui.link.LinkDialogViewModel.Step;
import dev.hoglink.ui.link.LinkDialogViewModel.Tone;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

class LinkDialogViewModelTest {

    @TempDir
    Path dir;

    private final FakeLinkApi api = new FakeLinkApi();
    private final TestClock clock = new TestClock(LinkTestSupport.START);
    private final List<URI> opened = new ArrayList<>();
    private final List<LinkResult> linked = new ArrayList<>();
    private final List<List<JournalEntry>> journalAtSuccess = new ArrayList<>();
    private int oauthStarts;
    private ActionJournal journal;

    @BeforeEach
    void world() {
        journal = LinkTestSupport.journal(dir, clock);
        api.linked(101, 7, "12345678", "acme", true).linked(103, 8, "12345678", "acme", true)
                .offers("12345678", "acme", 101L, "Web");
    }

    private LinkDialogViewModel vm(TaskRunner runner) {
        LinkService service = new LinkService(api, journal, HOST);
        return new LinkDialogViewModel(runner, service, target(102, "Mobile"),
                LinkTestSupport.facts("12345678", List.of("Web", "API"), 42), clock, opened::add, () -> oauthStarts++,
                r -> {
                    linked.add(r);
                    try {
                        journalAtSuccess.add(entries(journal));
                    } catch (java.io.UncheckedIOException unreadable) {
                        journalAtSuccess.add(List.of());
                    }
                });
    }

    private LinkDialogViewModel confirmed() {
        LinkDialogViewModel vm = vm(new SameThreadTaskRunner());
        vm.load();
        vm.next();
        assertEquals(Step.CONFIRM, vm.stepProperty().get());
        return vm;
    }

    /** The confirm step on a runner the test drives, its list read. */
    private LinkDialogViewModel confirmed(ManualTaskRunner runner) {
        LinkDialogViewModel vm = vm(runner);
        vm.load();
        runner.runAll();
        vm.next();
        assertEquals(Step.CONFIRM, vm.stepProperty().get());
        return vm;
    }

    /**
     * A member picks an installation no project in the organization uses yet (from their personal GitHub account):
     * PostHog refuses it without admin access to the project, and the confirmation says so before anything is sent,
     * in the words of the bulk plan and of PostHog's refusal. An admin is told nothing of it. On the old code the
     * member's confirmation said nothing.
     */
    @Test
    void aMembersConfirmationOfAnInstallationNoProjectUsesSaysItNeedsAnAdmin() {
        api.available.clear();
        api.offers("55555555", "ada-personal", null, null);
        String needs = "No project in this organization uses the installation on ada-personal (id 55555555) yet, and "
                + "linking it first needs admin access to Mobile. Ask an admin of Mobile (a project admin, or an admin "
                + "or owner of the organization) to link it.";
        for (boolean member : new boolean[] {true, false}) {
            LinkDialogViewModel vm = vm(new SameThreadTaskRunner());
            vm.setBelowAdmin(() -> member);
            vm.load();
            vm.next();
            String confirmation = vm.confirmationProperty().get();
            assertEquals(member, confirmation.endsWith(" " + needs), confirmation);
        }
    }

    /**
     * Mobile's only GitHub row names no installation (as Docs' in the sandbox): the confirmation does not say it
     * "already uses acme" and will then use two installations. On the old code it did.
     */
    @Test
    void aRowWithoutAnInstallationIsNotCalledAnInstallationTheProjectUses() {
        api.linked(102, 9, "", "acme", true);
        LinkDialogViewModel vm = confirmed();
        String confirmation = vm.confirmationProperty().get();
        assertFalse(confirmation.contains("already uses"), confirmation);
        assertFalse(confirmation.contains("two installations"), confirmation);
    }

    /**
     * GitHubAvailableInstallationSerializer declares source_team_name (allow_null) but the team_services.py copies read
     * never fill it, so PostHog sends null beside the source's team id (NH36): the loaded row names it, here an
     * environment.
     */
    @Test
    void aSourceProjectPostHogDoesNotNameIsNamedFromTheLoadedRows() {
        api.available.clear();
        api.offers("12345678", "acme", 402L, null);
        InstallationFacts known = LinkTestSupport.facts("12345678", List.of("Stark Web / Stark Web Staging"), 42);
        InstallationFacts facts = new InstallationFacts() {
            // InstallationFacts.projectName (written without @Override so the test also runs on code without it)
            public java.util.Optional<String> projectName(long projectId) {
                return projectId == 402 ? java.util.Optional.of("Stark Web / Stark Web Staging")
                        : java.util.Optional.empty();
            }

            @Override
            public List<String> projectsUsing(String installationId, long exceptProjectId) {
                return known.projectsUsing(installationId, exceptProjectId);
            }

            @Override
            public int knownRepoCount(String installationId) {
                return known.knownRepoCount(installationId);
            }

            @Override
            public java.util.Optional<Source> sourceOf(String installationId) {
                return java.util.Optional.empty();
            }
        };
        LinkDialogViewModel vm = new LinkDialogViewModel(new SameThreadTaskRunner(), new LinkService(api, journal, HOST),
                target(102, "Mobile"), facts, clock, opened::add, () -> oauthStarts++, linked::add);
        vm.load();
        assertEquals("Stark Web / Stark Web Staging (id 402)", vm.options().get(0).source());
    }

    /**
     * Unnamed by PostHog (NH36) and not among the loaded rows (a key limited to some projects): the picker says the
     * name is unknown; "Project (id 104)" read like a project called Project.
     */
    @Test
    void aSourceNoOneNamedSaysItsNameIsUnknown() {
        api.available.clear();
        api.offers("87654321", "acme-labs", 104L, null);
        LinkDialogViewModel vm = vm(new SameThreadTaskRunner());
        vm.load();
        assertEquals("Name unknown (id 104)", vm.options().get(0).source());
    }

    /** available_installations' source_team_id null: no team of this organization links it (NH32), not "no project". */
    @Test
    void anInstallationOnlyYourGitHubSeesIsUnusedInThisOrganizationNotEverywhere() {
        OptionRow row = new OptionRow(new dev.hoglink.model.InstallationOption("87654321", "acme-oss",
                dev.hoglink.model.AccountType.ORGANIZATION, null, null, null), 3, List.of(), java.util.Optional.empty());
        assertEquals(", which no project in this organization uses yet", row.usedByText());
    }

    private static OptionRow row(String id, dev.hoglink.model.LinkStatus health) {
        return new OptionRow(new dev.hoglink.model.InstallationOption(id, "acct-" + id,
                dev.hoglink.model.AccountType.ORGANIZATION, 104L, "Docs", null), 3, List.of("Docs"),
                health == null ? java.util.Optional.empty()
                        : java.util.Optional.of(new InstallationFacts.Health(health, "")));
    }

    /**
     * "Can be linked" is PostHog's offer; a health Hoglink did not see (no project it read uses the installation: a
     * key limited to other projects, or no project uses it yet) is said above the list too, not read as checked.
     */
    @Test
    void theListSaysWhichInstallationsItCouldNotCheck() {
        dev.hoglink.model.LinkStatus ok = dev.hoglink.model.LinkStatus.CONNECTED;
        assertEquals("2 installations can be linked. Pick one.", OptionRow.listText(List.of(row("1", ok), row("2", ok))));
        assertEquals("2 installations can be linked; none is checked.",
                OptionRow.listText(List.of(row("1", null), row("2", null))));
        assertEquals("1 installation can be linked; it is not checked.", OptionRow.listText(List.of(row("1", null))));
        assertEquals("2 of 3 installations can be linked; 1 is broken (see Status) and cannot be chosen, 1 is not "
                + "checked.", OptionRow.listText(List.of(row("1", ok), row("2", null),
                        row("3", dev.hoglink.model.LinkStatus.UNAVAILABLE))));
    }

    @Test
    void aProjectSomeoneElseLinkedWhileTheDialogWaitedIsReportedAsTheirsAndNothingIsSent() throws Exception {
        LinkDialogViewModel vm = confirmed();
        // While the confirmation waits, another admin links Mobile to the same installation.
        api.linked(102, 99, "12345678", "acme", true);
        vm.link();
        assertTrue(api.linkRequests.isEmpty(), "PostHog would only update that row and answer 200, read as ours");
        assertEquals(LinkResult.Kind.LINKED_MEANWHILE, vm.lastResult().kind());
        assertTrue(vm.lastResult().message().contains("by someone else"), vm.lastResult().message());
        assertEquals(List.of("not_sent linked_meanwhile"), entries(journal).stream()
                .map(e -> e.outcome().wireName() + " " + e.errorCode()).toList(), "Hoglink changed nothing: not sent");
        assertEquals(Step.DONE, vm.stepProperty().get());
    }

    @Test
    void aSwitchWhoseLinkSomeoneElseMadeMeanwhileSaysSoInItsFirstStep() {
        api.linked(102, 5, "555", "other", true).linked(104, 6, "555", "other", true);
        LinkDialogViewModel vm = vm(new SameThreadTaskRunner());
        vm.load();
        vm.next();
        assertTrue(vm.switchPlan().offeredProperty().get(), "Mobile uses one other, shared, installation");
        vm.switchPlan().chosenProperty().set(true);
        api.linked(102, 99, "12345678", "acme", true); // another admin links Mobile while the confirmation waits
        vm.link();
        assertEquals(LinkResult.Kind.LINKED_MEANWHILE, vm.lastResult().kind());
        String first = vm.switchPlan().steps().get(0);
        assertFalse(first.endsWith(": done."), first);
        assertTrue(first.contains("someone else") && first.contains("nothing was sent"), first);
    }

    @Test
    void preselectsTheOnlyInstallationAndStatesExactlyWhatWillHappen() {
        LinkDialogViewModel vm = vm(new SameThreadTaskRunner());
        vm.load();
        assertEquals(Step.PICK, vm.stepProperty().get());
        assertEquals(1, vm.options().size());
        OptionRow row = vm.selectedProperty().get();
        assertEquals("12345678", row.option().installationId());
        assertEquals("Web (id 101)", row.source());
        assertEquals("42", row.repos());
        assertEquals("Mobile (id 102) will use the GitHub App installation on acme (id 12345678), already used by Web "
                + "and API.", vm.confirmationProperty().get());
    }

    @Test
    void leavesTheChoiceOpenWhenSeveralInstallationsAreOffered() {
        api.offers("87654321", "acme-labs", 104L, "Docs");
        LinkDialogViewModel vm = vm(new SameThreadTaskRunner());
        vm.load();
        assertEquals(2, vm.options().size());
        assertNull(vm.selectedProperty().get());
        assertFalse(vm.canNext().get());
    }

    @Test
    void doesNotOfferAnInstallationTheProjectAlreadyUses() {
        api.linked(102, 9, "12345678", "acme", true);
        LinkDialogViewModel vm = vm(new SameThreadTaskRunner());
        vm.load();
        assertTrue(vm.options().isEmpty());
        assertTrue(vm.listTextProperty().get().contains("Start the OAuth bootstrap"));
        assertEquals(Remedy.START_OAUTH, vm.remedyProperty().get());
    }

    @Test
    void linkSendsInstallationSourceAndDiscoveryIdAndJournalsBeforeReportingSuccess() {
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(List.of(new LinkExistingRequest(101L, "12345678", "5b0c0000-0000-4000-8000-000000000001")),
                api.linkRequests);
        assertEquals(Step.DONE, vm.stepProperty().get());
        assertEquals(Tone.SUCCESS, vm.toneProperty().get());
        assertEquals(1, linked.size());
        List<JournalEntry> atSuccess = journalAtSuccess.get(0);
        assertEquals(1, atSuccess.size(), "the journal line is on disk when success is reported");
        JournalEntry e = atSuccess.get(0);
        assertEquals(JournalEntry.Action.LINK, e.action());
        assertEquals(JournalEntry.Outcome.OK, e.outcome());
        assertEquals(HOST, e.host());
        assertEquals("0189-acme", e.organizationId());
        assertEquals(102L, e.projectId());
        assertEquals("12345678", e.installationId());
        assertNull(e.errorCode());
    }

    @Test
    void aSecondLinkWhileTheFirstIsInFlightSendsNothing() {
        ManualTaskRunner runner = new ManualTaskRunner();
        LinkDialogViewModel vm = confirmed(runner);
        vm.link();
        vm.link();
        assertFalse(vm.canLink().get(), "disabled while in flight");
        assertEquals(1, runner.pendingCount());
        runner.runAll();
        vm.link();
        runner.runAll();
        assertEquals(1, api.linkRequests.size());
        assertEquals(1, vm.requestsSent());
    }

    @Test
    void personalGitHubRequiredOffersToOpenThePersonalIntegrationsPage() {
        api.linkFailures.add(ApiErrors.validation("github_link_existing_personal_github_required",
                "You must connect your personal GitHub account (via Linked Accounts) before linking an existing "
                        + "installation, to confirm you have access to the GitHub App installation."));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertTrue(vm.messageProperty().get().contains("link your personal GitHub account in PostHog"));
        assertEquals(Remedy.OPEN_PERSONAL_INTEGRATIONS, vm.remedyProperty().get());
        vm.runRemedy();
        assertEquals(List.of(URI.create(HOST + "/project/102/settings/user-personal-integrations")), opened);
        assertEquals("github_link_existing_personal_github_required", entries(journal).get(0).errorCode());
        assertEquals(JournalEntry.Outcome.FAILED, entries(journal).get(0).outcome());
        assertTrue(vm.canLink().get(), "the user may try again after linking GitHub");
    }

    @Test
    void aFailedGitHubCheckAsksToRetryThenToReconnect() {
        api.linkFailures.add(ApiErrors.validation("invalid_input", "Failed to verify installation access"));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.GITHUB_VERIFY_FAILED, vm.lastResult().kind());
        // team_services.py (newest): this answer comes from a failed call to GitHub, so trying again comes first
        assertTrue(vm.messageProperty().get().contains("Try again in a moment; if it keeps failing, your personal "
                + "GitHub link may have expired: reconnect GitHub in PostHog"), vm.messageProperty().get());
        assertEquals(Remedy.OPEN_PERSONAL_INTEGRATIONS, vm.remedyProperty().get());
    }

    @Test
    void adoptionNeedingAdminSaysWhoCanDoIt() {
        api.linkFailures.add(ApiErrors.validation("github_adoption_admin_required", "Linking a GitHub installation "
                + "that no project has connected yet requires admin access to this project. Ask a project admin to link it."));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.ADOPTION_NEEDS_ADMIN, vm.lastResult().kind());
        // PostHog gives organization admins admin access to every project: they can link it too
        assertTrue(vm.messageProperty().get().contains("Ask an admin of Mobile (a project admin, or an admin or owner "
                + "of the organization) to link it."), vm.messageProperty().get());
        assertEquals(Remedy.NONE, vm.remedyProperty().get());
        // The same request would be refused the same way: no Try again for it, but Back picks another.
        assertFalse(vm.canLink().get(), "no Try again of a request PostHog refuses for the user's role");
        vm.back();
        assertEquals(Step.PICK, vm.stepProperty().get());
    }

    @Test
    void multipleInstallationsReturnsToThePicker() {
        api.linkFailures.add(ApiErrors.validation("invalid_input", "Your organization has multiple GitHub "
                + "installations; specify which one to link via installation_id"));
        api.offers("87654321", "acme-labs", 104L, "Docs");
        LinkDialogViewModel vm = vm(new SameThreadTaskRunner());
        vm.load();
        vm.selectedProperty().set(vm.options().get(0));
        vm.next();
        vm.link();
        assertEquals(LinkResult.Kind.MULTIPLE_INSTALLATIONS, vm.lastResult().kind());
        assertEquals(Step.PICK, vm.stepProperty().get());
        assertEquals(2, vm.options().size());
        assertTrue(vm.messageProperty().get().contains("pick the one Mobile should use"));
    }

    /**
     * Offered with no source project ("no project in this organization uses it yet"), the installation was meanwhile
     * linked to a project the user cannot access: the confirmation would contradict the refusal beneath it, and Try
     * again would be refused the same way. The dialog is back at the list, read again, which no longer offers it.
     */
    @Test
    void anOrphanRefusalReadsTheListAgainInsteadOfStandingByTheConfirmation() {
        api.available.clear();
        api.offers("87654321", "cy-gh", null, null).offers("12345678", "acme", 101L, "Web");
        api.linkFailures.add(ApiErrors.validation("github_link_existing_orphan_installation",
                "No team in your organization has this GitHub installation linked"));
        LinkDialogViewModel vm = vm(new SameThreadTaskRunner());
        vm.load();
        vm.selectedProperty().set(vm.options().get(0));
        vm.next();
        assertTrue(vm.confirmationProperty().get().contains("which no project in this organization uses yet"));
        api.available.remove(0); // a project the user cannot access has it now: no longer offered
        vm.link();
        assertEquals(LinkResult.Kind.ORPHAN, vm.lastResult().kind());
        assertEquals(Step.PICK, vm.stepProperty().get(), "back at the list, with no Try again");
        assertEquals(List.of("12345678"), vm.options().stream().map(o -> o.option().installationId()).toList());
        assertEquals("12345678", vm.selectedProperty().get().option().installationId(), "the one left, as ever");
        assertTrue(vm.messageProperty().get().startsWith("No project you can access in this organization has the "
                + "installation on cy-gh (id 87654321) linked; a project you cannot access may have it."),
                vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().endsWith(" The installations below were read again."),
                vm.messageProperty().get());
        assertEquals(Remedy.START_OAUTH, vm.remedyProperty().get());
    }

    @Test
    void orphanInstallationOffersTheOAuthBootstrap() {
        api.linkFailures.add(ApiErrors.validation("github_link_existing_orphan_installation",
                "No team in your organization has this GitHub installation linked"));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(Remedy.START_OAUTH, vm.remedyProperty().get());
        vm.runRemedy();
        assertEquals(1, oauthStarts);
        assertEquals("github_link_existing_orphan_installation", entries(journal).get(0).errorCode());
    }

    @Test
    void installationAccessDeniedExplainsWhoCanSeeIt() {
        api.linkFailures.add(ApiErrors.validation("installation_access_denied", "You do not have access to this GitHub installation"));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.INSTALLATION_ACCESS_DENIED, vm.lastResult().kind());
        assertTrue(vm.messageProperty().get().contains("Your GitHub account cannot access the installation on acme"));
    }

    @Test
    void otherInvalidInputShowsPostHogsDetail() {
        api.linkFailures.add(ApiErrors.validation("invalid_input", "Target team not found in your organization"));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.INVALID_INPUT, vm.lastResult().kind());
        assertTrue(vm.messageProperty().get().contains("Target team not found in your organization."));
        assertEquals("invalid_input", entries(journal).get(0).errorCode());
    }

    @Test
    void aSourceProjectThatLostTheInstallationMeanwhileIsNamedAndTheListIsReadAgain() {
        api.linkFailures.add(ApiErrors.validation("invalid_input", "Source team does not have a GitHub integration"));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.SOURCE_GONE, vm.lastResult().kind());
        assertTrue(vm.lastResult().message().startsWith("Web no longer uses the installation on acme (id 12345678)"),
                vm.lastResult().message());
        assertEquals(Step.PICK, vm.stepProperty().get(), "the installations are read again");
        assertTrue(vm.messageProperty().get().contains(LinkDialogViewModel.SOURCE_GONE_READ_AGAIN),
                vm.messageProperty().get());
        assertFalse(vm.messageProperty().get().contains("read the installations again"),
                "no advice to do what the dialog did: " + vm.messageProperty().get());
        assertEquals(JournalEntry.Outcome.FAILED, entries(journal).get(0).outcome());
    }

    @Test
    void missingScopeNamesTheScope() {
        api.linkFailures.add(ApiErrors.forbidden("API key missing required scope 'integration:write'"));
        LinkDialogViewModel vm = confirmed();
        java.util.List<String> told = new java.util.ArrayList<>();
        vm.setOnRefused(() -> told.add("reread"));
        vm.setOnKeyReadOnly(() -> told.add("read-only"));
        vm.link();
        assertEquals(java.util.List.of("read-only"), told, "the window's buttons learn it at once");
        assertEquals(LinkResult.Kind.MISSING_SCOPE, vm.lastResult().kind());
        assertEquals("integration:write", vm.lastResult().missingScope());
        // The window's words for a read-only key, as the buttons' explanation and the bulk link say it (NJ4).
        assertTrue(vm.messageProperty().get().contains(dev.hoglink.model.Capabilities.READ_ONLY),
                vm.messageProperty().get());
    }

    /** A sign-in refused for missing integration:write is called a sign-in throughout, never "this key". */
    @Test
    void aSignInsRefusalForMissingWriteDoesNotCallItAKey() {
        api.grantedScopes = java.util.Optional.of(java.util.List.of("project:read", "integration:read"));
        api.linkFailures.add(ApiErrors.forbidden("API key missing required scope 'integration:write'"));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        String message = vm.messageProperty().get();
        assertTrue(message.startsWith(dev.hoglink.model.Capabilities.READ_ONLY_SIGN_IN), message);
        assertFalse(message.contains("key"), message);
    }

    @Test
    void anotherForbiddenAnswerShowsTheRefusal() {
        api.linkFailures.add(ApiErrors.forbidden("API key does not have access to the requested project: ID 102."));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.FORBIDDEN, vm.lastResult().kind());
        assertTrue(vm.messageProperty().get().contains("limited to other projects"));
    }

    /** PostHog's hourly throttle asks for up to an hour: the countdown says minutes, not thousands of seconds. */
    @Test
    void anHoursThrottleCountsDownInMinutesAndSeconds() {
        api.linkFailures.add(ApiErrors.throttled(Duration.ofSeconds(3_600)));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals("Try again in 60 min 00 s", vm.countdownProperty().get());
        clock.advance(Duration.ofSeconds(188));
        vm.tick();
        assertEquals("Try again in 56 min 52 s", vm.countdownProperty().get());
    }

    @Test
    void throttledShowsALiveCountdownAndBlocksLinkingUntilTheWaitIsOver() {
        api.linkFailures.add(ApiErrors.throttled(Duration.ofSeconds(12)));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.THROTTLED, vm.lastResult().kind());
        assertEquals("Try again in 12 s", vm.countdownProperty().get());
        assertFalse(vm.canLink().get());
        clock.advance(Duration.ofSeconds(5));
        vm.tick();
        assertEquals("Try again in 7 s", vm.countdownProperty().get());
        vm.link();
        assertEquals(1, api.linkRequests.size(), "no request during the wait");
        clock.advance(Duration.ofSeconds(7));
        vm.tick();
        assertEquals("", vm.countdownProperty().get());
        assertTrue(vm.canLink().get());
        vm.link();
        assertEquals(2, api.linkRequests.size());
        assertEquals(Step.DONE, vm.stepProperty().get());
    }

    @Test
    void lostAnswerAfterSendingReadsBackAndReportsTheLinkWithoutResending() {
        api.applyBeforeLinkFailure = true;
        api.linkFailures.add(ApiErrors.network(true));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, vm.lastResult().kind());
        assertEquals(1, api.linkRequests.size());
        assertEquals(Step.DONE, vm.stepProperty().get());
        assertEquals(1, linked.size());
        assertEquals(JournalEntry.Outcome.OK, entries(journal).get(0).outcome());
    }

    @ParameterizedTest
    @ValueSource(ints = {200, 502, 504})
    void anAnswerThatCannotBeReadAfterSendingIsReadBackNotReportedAsAFailure(int status) {
        api.applyBeforeLinkFailure = true;
        api.linkFailures.add(status == 200 ? ApiErrors.unreadableSuccess(status) : ApiErrors.gateway(status));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, vm.lastResult().kind(),
                vm.messageProperty().get());
        assertEquals(1, api.linkRequests.size(), "never resent");
        assertEquals(JournalEntry.Outcome.OK, entries(journal).get(0).outcome(), "the journal records the link made");
        // The journal (and the history read from it) names what the window says happened, not a broken connection.
        assertEquals(status == 200 ? "unreadable_answer" : "gateway_" + status, entries(journal).get(0).errorCode());
        assertTrue(vm.messageProperty().get().startsWith(status == 200 ? "PostHog's answer to the request could not be read."
                : "A gateway answered " + status + " after the request was sent."), vm.messageProperty().get());
        assertEquals(1, linked.size());
    }

    @Test
    void postHogsOwn500IsARefusalAndNotReadBack() {
        api.linkFailures.add(ApiErrors.server());
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.SERVER, vm.lastResult().kind());
        assertEquals(JournalEntry.Outcome.FAILED, entries(journal).get(0).outcome());
    }

    @Test
    void lostAnswerWhenNothingWasLinkedSaysSoAndAllowsTryingAgain() {
        api.linkFailures.add(ApiErrors.network(true));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.NOT_LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, vm.lastResult().kind());
        assertTrue(vm.messageProperty().get().contains("not linked"));
        assertEquals(JournalEntry.Outcome.FAILED, entries(journal).get(0).outcome());
        assertTrue(vm.canLink().get());
    }

    @Test
    void lostAnswerWithNoWayToReadBackIsUnknownUntilCheckedAgain() {
        api.applyBeforeLinkFailure = true;
        api.linkFailures.add(ApiErrors.network(true));
        LinkDialogViewModel vm = confirmed();
        api.readFailure = ApiErrors.network(false);
        vm.link();
        assertEquals(LinkResult.Kind.UNKNOWN, vm.lastResult().kind());
        assertFalse(vm.canLink().get(), "never resent blindly");
        assertEquals(Remedy.CHECK_AGAIN, vm.remedyProperty().get());
        assertEquals(JournalEntry.Outcome.UNKNOWN, entries(journal).get(0).outcome());
        api.readFailure = null;
        vm.runRemedy();
        assertEquals(LinkResult.Kind.LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, vm.lastResult().kind());
        assertEquals(1, api.linkRequests.size());
        assertEquals(JournalEntry.Outcome.OK, entries(journal).get(1).outcome());
        assertEquals(1, linked.size());
    }

    @Test
    void failureBeforeSendingSaysNothingWasSent() {
        api.linkFailures.add(ApiErrors.network(false));
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.NOT_SENT, vm.lastResult().kind());
        assertTrue(vm.messageProperty().get().startsWith("Nothing was sent"));
        assertEquals("not_sent", entries(journal).get(0).outcome().wireName(), "journaled as what the window says");
    }

    @Test
    void rejectedKeyMissingProjectAndServerErrorEachGetTheirOwnMessage() {
        api.linkFailures.add(ApiErrors.unauthenticated());
        api.linkFailures.add(ApiErrors.notFound());
        api.linkFailures.add(ApiErrors.server());
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(LinkResult.Kind.AUTH, vm.lastResult().kind());
        assertEquals(Tone.ERROR, vm.toneProperty().get());
        vm.link();
        assertEquals(LinkResult.Kind.NOT_FOUND, vm.lastResult().kind());
        assertTrue(vm.messageProperty().get().contains("did not find"));
        vm.link();
        assertEquals(LinkResult.Kind.SERVER, vm.lastResult().kind());
        assertEquals(3, entries(journal).size());
    }

    @Test
    void aBrokenSourceProjectNoRowNamesIsSaidByItsId() {
        // PostHog sends no source_team_name (NH36) and no loaded row names project 101: its id names it.
        api.available.clear();
        api.offers("12345678", "acme", 101L, null);
        api.linkFailures.add(ApiErrors.server());
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(Remedy.ASK_GITHUB, vm.remedyProperty().get(), vm.messageProperty().get());
        api.refreshStatuses.add(java.util.Optional.of("unavailable"));
        vm.runRemedy();
        assertTrue(vm.messageProperty().get().contains("PostHog now reports it unavailable on project id 101;"),
                vm.messageProperty().get());
    }

    @Test
    void aServerErrorThatPostHogsRowsDoNotExplainOffersToAskGitHubAndReportsEachAnswer() {
        List<Long> reread = new ArrayList<>();
        api.linkFailures.add(ApiErrors.server());
        api.linkFailures.add(ApiErrors.server());
        api.linkFailures.add(ApiErrors.server());
        LinkDialogViewModel vm = confirmed();
        vm.setOnRowChanged(reread::add);
        vm.link();
        assertEquals(Remedy.ASK_GITHUB, vm.remedyProperty().get(), "Web's row still reads connected");
        assertTrue(vm.messageProperty().get().contains("PostHog still reports acme working"), vm.messageProperty().get());
        assertTrue(api.refreshes.isEmpty(), "nothing is asked before the user says so");

        api.refreshStatuses.add(java.util.Optional.of("connected"));
        vm.runRemedy();
        assertEquals(List.of(7L), api.refreshes, "Web's row, the one PostHog names as the installation's source");
        assertEquals("PostHog reports acme working: GitHub answered it, or did within the last 30 s. The server error "
                + "may have come from something else; nothing was linked. Try again in a moment.", vm.messageProperty().get());
        assertEquals(Remedy.NONE, vm.remedyProperty().get());
        assertTrue(reread.isEmpty());

        vm.link();
        api.refreshStatuses.add(java.util.Optional.empty());
        vm.runRemedy();
        assertTrue(vm.messageProperty().get().contains("did not say whether GitHub refused it"), vm.messageProperty().get());
        assertEquals(Remedy.OPEN_GITHUB_SETTINGS, vm.remedyProperty().get());

        vm.link();
        api.refreshStatuses.add(java.util.Optional.of("unavailable"));
        vm.runRemedy();
        assertTrue(vm.messageProperty().get().contains("installation itself is broken"), vm.messageProperty().get());
        assertTrue(vm.messageProperty().get().contains("PostHog now reports it unavailable on Web"), vm.messageProperty().get());
        assertEquals(List.of(101L), reread, "the table reads Web's row again");
        assertEquals(3, api.linkRequests.size(), "asking links nothing");
        assertFalse(vm.inFlightProperty().get());
        assertFalse(vm.canLink().get(), "a broken installation cannot be linked, as in the list");
        assertFalse(vm.options().get(0).available(), "the list shows it broken too");
    }

    @Test
    void theQuestionBelongsToItsAttemptAndItsInstallation() {
        api.linkFailures.add(ApiErrors.server());
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertEquals(Remedy.ASK_GITHUB, vm.remedyProperty().get());
        vm.back();
        assertEquals(Remedy.NONE, vm.remedyProperty().get(), "back to the list: the question goes");
        assertEquals("", vm.messageProperty().get());
        vm.runRemedy();
        assertTrue(api.refreshes.isEmpty(), "nothing asked about an installation no longer in question");
    }

    @Test
    void aLateExplanationOfAnEarlierAttemptDoesNotOverwriteTheNextOne() {
        api.linkFailures.add(ApiErrors.server());
        ManualTaskRunner runner = new ManualTaskRunner();
        LinkDialogViewModel vm = confirmed(runner);
        vm.link();
        runner.runNext(); // the link's 500; its explanation (a read of Web's rows) is queued
        vm.link(); // the user tries again at once, and this time it links
        runner.runNewest(); // the second link answers first
        runner.runAll(); // then the first attempt's explanation
        assertEquals(LinkResult.Kind.LINKED, vm.lastResult().kind());
        assertEquals(Remedy.NONE, vm.remedyProperty().get());
        assertFalse(vm.messageProperty().get().contains("server error"), vm.messageProperty().get());
    }

    @Test
    void aJournalThatCannotBeWrittenTurnsSuccessIntoAWarning() throws Exception {
        Path blocked = dir.resolve("blocked");
        Files.createDirectories(blocked.resolve("journal.jsonl")); // a folder where the file should be
        journal = LinkTestSupport.journal(blocked, clock);
        LinkDialogViewModel vm = confirmed();
        vm.link();
        assertTrue(vm.lastResult().linked());
        assertFalse(vm.lastResult().journaled());
        assertEquals(Tone.WARNING, vm.toneProperty().get());
        assertTrue(vm.messageProperty().get().contains("could not be written to the action journal"));
    }
}
