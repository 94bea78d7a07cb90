package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.service.link.ApplyOutcome;
import dev.hoglink.service.link.LinkPlan;
import dev.hoglink.service.link.PlanOutcome;
import dev.hoglink.service.link.PlanResult;
import dev.hoglink.service.link.PlanSandbox;
import dev.hoglink.service.link.PlanService;
import dev.hoglink.ui.common.ManualTaskRunner;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.link.BulkLinkViewModel.Step;
import dev.hoglink.ui.link.MarkedProjects.Scope;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan-then-apply view model over the real client and the sandbox, with tasks run inline or by hand. */
class BulkLinkViewModelTest {

    @TempDir
    Path home;
    private SandboxServer sandbox;
    private final LinkTestSupport.ScriptedDialogs dialogs = new LinkTestSupport.ScriptedDialogs();
    private final List<Set<Long>> touched = new ArrayList<>();
    private final List<LinkPlan> linked = new ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private BulkLinkViewModel vm(PlanSandbox s, TaskRunner runner, long... selected) {
        return vm(s, runner, InstallationFacts.NONE, selected);
    }

    private BulkLinkViewModel vm(PlanSandbox s, TaskRunner runner, InstallationFacts facts, long... selected) {
        List<Long> notConnected = s.links.entrySet().stream().filter(e -> e.getValue().isEmpty()).map(e -> e.getKey()).toList();
        MarkedProjects marked = MarkedProjects.of(s.targets(selected),
                s.targets(s.projects.keySet().stream().mapToLong(Long::longValue).toArray()),
                s.targets(notConnected.stream().mapToLong(Long::longValue).toArray()));
        BulkLinkViewModel vm = new BulkLinkViewModel(runner, dialogs, s.plans, s.acme, marked, s.capabilities(),
                s.allLinks(), facts);
        vm.setOnTouched(touched::add);
        vm.setOnLinked(linked::add);
        return vm;
    }

    /** Checkout, Search and Billing (108-110) marked, the options read, installation 10000001 chosen. */
    private BulkLinkViewModel checkoutSearchBillingOnto10000001(PlanSandbox owner, ManualTaskRunner runner) {
        BulkLinkViewModel vm = vm(owner, runner, 108, 109, 110);
        vm.load();
        runner.runAll();
        pick(vm, "10000001");
        return vm;
    }

    private static void pick(BulkLinkViewModel vm, String installationId) {
        vm.options().stream().filter(o -> o.option().installationId().equals(installationId)).findFirst()
                .ifPresent(vm.selectedProperty()::set);
    }

    /**
     * While the window's refresh failed, the plan (made from the rows' links) says it is from the earlier read; it
     * still offers to send (PostHog decides each link).
     */
    @Test
    void aPlanMadeFromRowsOfAnEarlierReadSaysSo() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        InstallationFacts earlier = new InstallationFacts() {
            @Override
            public String earlierRead() {
                return "the read of 5 min ago";
            }

            @Override
            public List<String> projectsUsing(String installationId, long exceptProjectId) {
                return List.of();
            }

            @Override
            public int knownRepoCount(String installationId) {
                return -1;
            }

            @Override
            public java.util.Optional<Source> sourceOf(String installationId) {
                return java.util.Optional.empty();
            }
        };
        BulkLinkViewModel vm = vm(owner, new SameThreadTaskRunner(), earlier, 101, 108, 109, 110);
        vm.load();
        pick(vm, "10000001");
        assertEquals("What each project uses, and so the plan, is from the read of 5 min ago; the refresh after it "
                + "failed.", vm.summaryProperty().get());
        assertEquals(3, vm.toSendProperty().get(), "it still offers to send");
    }

    @Test
    void thePlanCountsEachOutcomeAndApplySendsExactlyTheTickedRows() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        BulkLinkViewModel vm = vm(owner, new SameThreadTaskRunner(), 101, 108, 109, 110);
        vm.load();
        assertEquals(Step.PLAN, vm.stepProperty().get());
        pick(vm, "10000001");
        assertEquals(List.of(PlanOutcome.ALREADY_LINKED, PlanOutcome.WILL_LINK, PlanOutcome.WILL_LINK, PlanOutcome.WILL_LINK),
                vm.items().stream().map(PlanItem::predicted).toList());
        assertEquals("Will link: 3 · Already linked: 1", vm.countsProperty().get());
        vm.items().get(0).applyProperty().set(true); // an already linked row cannot be ticked
        assertFalse(vm.items().get(0).apply());
        vm.items().get(2).applyProperty().set(false);
        assertEquals(2, vm.toSendProperty().get());
        vm.apply();
        assertEquals(Step.RESULT, vm.stepProperty().get());
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.LINKED),
                List.of(vm.items().get(1).outcome(), vm.items().get(3).outcome()));
        assertEquals(null, vm.items().get(2).outcome());
        // Web was in the plan, as already linked: it reads so in the result too, as on the command line.
        assertEquals("Linked: 2 · Already linked: 1 · Not in the plan: 1", vm.countsProperty().get());
        assertEquals(List.of(ApplyOutcome.ALREADY_LINKED, ApplyOutcome.LINKED, ApplyOutcome.NOT_IN_PLAN,
                ApplyOutcome.LINKED), vm.result().rows().stream().map(PlanResult.Row::outcome).toList());
        List<Long> sent = owner.journal.readAll().entries().stream().filter(e -> e.action() == JournalEntry.Action.LINK)
                .map(JournalEntry::projectId).toList();
        assertEquals(List.of(108L, 110L), sent, "exactly the planned set, in order");
        assertEquals(Set.of(108L, 110L), touched.get(0));
        assertEquals(List.of(108L, 110L), linked.get(0).planned().stream().map(LinkPlan.Row::projectId).toList());
        assertTrue(owner.plans.unfinished().isEmpty(), "a finished run is closed in the plan journal");
    }

    /**
     * The key's scopes were readable when the window opened (it may write), then integration:write and the right to
     * read them were taken away: PostHog refuses the first project with 403 "API key missing required scope
     * 'integration:write'", which it would answer every project. The rest are not sent, and the result says why once,
     * in the words the window uses for a read-only key (docs/api-notes.md NJ4).
     */
    @Test
    void aScopeRefusalOfTheFirstProjectHoldsTheRestAndSaysWhyOnceInTheReadOnlyWords() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        BulkLinkViewModel vm = vm(owner, new SameThreadTaskRunner(), 108, 109, 110);
        java.util.concurrent.atomic.AtomicInteger toldReadOnly = new java.util.concurrent.atomic.AtomicInteger();
        vm.setOnKeyReadOnly(toldReadOnly::incrementAndGet);
        vm.load();
        pick(vm, "10000001");
        sandbox.setKeyScopes(sandbox.key("owner"), List.of("user:read", "organization:read", "project:read",
                "integration:read"));

        vm.apply();
        assertEquals(1, toldReadOnly.get(), "the window's buttons learn it too (ProjectPermissions.refusedForMissingWrite)");

        assertEquals(Step.RESULT, vm.stepProperty().get());
        assertEquals(List.of(ApplyOutcome.REFUSED, ApplyOutcome.NOT_SENT, ApplyOutcome.NOT_SENT),
                vm.items().stream().map(PlanItem::outcome).toList());
        assertEquals("Refused by PostHog: 1 · Not sent: 2", vm.countsProperty().get());
        List<PlanResult.Row> rows = vm.result().rows();
        assertEquals(dev.hoglink.model.Capabilities.READ_ONLY, rows.get(0).detail());
        assertEquals("Not sent: " + dev.hoglink.model.Capabilities.READ_ONLY, rows.get(1).detail());
        assertEquals("Not sent: " + dev.hoglink.model.Capabilities.READ_ONLY, rows.get(2).detail());
        String summary = vm.summaryProperty().get();
        assertTrue(summary.contains("Search (id 109) and Billing (id 110) were not sent: "
                + dev.hoglink.model.Capabilities.READ_ONLY), summary);
        assertEquals(1, summary.split("it lacks integration:write", -1).length - 1, summary);
        assertEquals(List.of(108L), owner.journal.readAll().entries().stream()
                .filter(e -> e.action() == JournalEntry.Action.LINK).map(JournalEntry::projectId).toList(),
                "one request, not one per project");
    }

    @Test
    void theScopeChoosesSelectedAllInTheFilterOrAllNotConnected() {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        BulkLinkViewModel vm = vm(owner, new SameThreadTaskRunner());
        assertEquals(Scope.NOT_CONNECTED, vm.scopeProperty().get(), "nothing selected: all not connected");
        vm.load();
        pick(vm, "10000002");
        long notConnected = owner.links.values().stream().filter(List::isEmpty).count();
        assertEquals(notConnected, vm.items().size());
        vm.scopeProperty().set(Scope.IN_FILTER);
        assertEquals(24, vm.items().size());
        assertEquals("All not connected (" + notConnected + ")", vm.marked().label(Scope.NOT_CONNECTED));
    }

    @Test
    void applyOrResumePressedTwiceSendsEachProjectOnce() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        ManualTaskRunner runner = new ManualTaskRunner();
        BulkLinkViewModel vm = checkoutSearchBillingOnto10000001(owner, runner);
        vm.apply();
        vm.apply(); // Enter pressed twice: the second lands before the plan is written
        runner.runNext();
        runner.runNext();
        vm.stop();
        runner.runAll();
        assertEquals(1, vm.resumableProperty().get());
        vm.resumeRest();
        vm.resumeRest();
        runner.runAll();
        assertEquals(List.of(108L, 109L, 110L), owner.journal.readAll().entries().stream()
                .filter(e -> e.action() == JournalEntry.Action.LINK).map(JournalEntry::projectId).toList(),
                "each project sent once, in order");
    }

    @Test
    void progressSaysNofMFollowsTheCurrentProjectAndStopEndsBetweenProjects() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        ManualTaskRunner runner = new ManualTaskRunner();
        BulkLinkViewModel vm = checkoutSearchBillingOnto10000001(owner, runner);
        vm.apply();
        runner.runNext(); // the plan is written to the plan journal before the first request
        assertEquals(1, owner.plans.unfinished().size());
        assertEquals("Linking 1 of 3: Checkout (id 108)", vm.progressProperty().get());
        assertEquals(108, vm.currentProperty().get().projectId());
        runner.runNext();
        assertEquals("Linking 2 of 3: Search (id 109)", vm.progressProperty().get());
        assertEquals(109, vm.currentProperty().get().projectId());
        vm.stop();
        runner.runAll();
        assertEquals(Step.RESULT, vm.stepProperty().get());
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.LINKED, ApplyOutcome.STOPPED),
                vm.items().stream().map(PlanItem::outcome).toList());
        assertEquals("Linked: 2 · Stopped before it was sent: 1", vm.countsProperty().get());
        assertEquals(1, vm.resumableProperty().get());
        PlanService.Unfinished u = owner.plans.unfinished().get(0);
        assertEquals("1 of 3 not done", u.summary());

        // The next start offers it; resuming sends only what is left, after checking it again.
        BulkLinkViewModel again = BulkLinkViewModel.resuming(new SameThreadTaskRunner(), dialogs, owner.plans, u);
        assertEquals(Step.PLAN, again.stepProperty().get());
        assertEquals(1, again.toSendProperty().get());
        assertTrue(again.summaryProperty().get().startsWith("1 of 3 not done"), again.summaryProperty().get());
        again.apply();
        assertEquals(ApplyOutcome.LINKED, again.items().get(2).outcome());
        assertTrue(owner.plans.unfinished().isEmpty());
        assertEquals(3, owner.journal.readAll().entries().stream().filter(e -> e.action() == JournalEntry.Action.LINK).count(),
                "each project was sent once");
    }

    /**
     * Resume sends the rows the last run left: while it runs, the last run's headline ("They stay in the journal:
     * Resume sends them") and counts ("Stopped before it was sent: 2") are no longer true and are not shown; the
     * result counts the rows anew.
     */
    @Test
    void whileResumingTheLastRunsHeadlineAndCountsGiveWayAndTheResultCountsAnew() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        ManualTaskRunner runner = new ManualTaskRunner();
        BulkLinkViewModel vm = checkoutSearchBillingOnto10000001(owner, runner);
        vm.apply();
        runner.runNext(); // the plan is written
        vm.stop(); // after Checkout
        runner.runAll();
        assertEquals("Linked: 1 · Stopped before it was sent: 2", vm.countsProperty().get());
        assertTrue(vm.summaryProperty().get().contains("Resume sends them"), vm.summaryProperty().get());

        vm.resumeRest();
        runner.runNext(); // PostHog is asked again which project offers the installation
        runner.runNext(); // Search is linked; Billing is being sent
        assertEquals(Step.RUNNING, vm.stepProperty().get());
        assertEquals(ApplyOutcome.LINKED, vm.items().get(1).outcome());
        assertEquals("", vm.countsProperty().get(), "the last run's counts no longer hold");
        assertEquals("Resuming: 2 projects left are sent, each checked again first.", vm.summaryProperty().get());

        runner.runAll();
        assertEquals(Step.RESULT, vm.stepProperty().get());
        assertEquals("Linked: 3", vm.countsProperty().get());
        assertEquals("", vm.summaryProperty().get(), "nothing is left to resume: " + vm.summaryProperty().get());
    }

    /**
     * A bulk run hands the undo the GitHub row each project it linked uses through its link, as PostHog answered it,
     * and a resumed run those of the projects an earlier run linked, from the plan journal (docs/api-notes.md NH25).
     * The undo then leaves a project someone else unlinked and linked again since (a new row, theirs) and undoes the
     * rest. On the old code the undo deleted their row too and counted it as undone.
     */
    @Test
    void aBulkRunsUndoRemovesOnlyTheRowsItsLinksMade() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        ManualTaskRunner runner = new ManualTaskRunner();
        BulkLinkViewModel vm = checkoutSearchBillingOnto10000001(owner, runner);
        vm.apply();
        runner.runNext(); // the plan is written; Checkout is sent
        runner.runNext(); // Search is sent
        vm.stop();
        runner.runAll();
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.LINKED, ApplyOutcome.STOPPED),
                vm.items().stream().map(PlanItem::outcome).toList());
        assertEquals(java.util.Map.of(108L, rowOf(owner, 108), 109L, rowOf(owner, 109)), vm.linkedRows());

        BulkLinkViewModel again = BulkLinkViewModel.resuming(new SameThreadTaskRunner(), dialogs, owner.plans,
                owner.plans.unfinished().get(0));
        again.apply();
        assertEquals(ApplyOutcome.LINKED, again.items().get(2).outcome());
        java.util.Map<Long, Long> rows = again.linkedRows();
        assertEquals(java.util.Map.of(108L, rowOf(owner, 108), 109L, rowOf(owner, 109), 110L, rowOf(owner, 110)), rows,
                "the earlier run's rows from the plan journal, the resumed one's from PostHog's answer");

        // Someone else unlinks Search and links it again: a new row, theirs.
        dev.hoglink.api.PostHogClient other = dev.hoglink.api.PostHogClient.builder(sandbox.baseUri().toString(),
                dev.hoglink.api.ApiKey.of(sandbox.key("admin"))).rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .build();
        other.deleteIntegration(109, rows.get(109L));
        long theirs = other.linkExisting(109, dev.hoglink.api.dto.LinkExistingRequest.ofSourceProject(101, "10000001",
                null)).id();
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000001", "acme", java.util.stream.LongStream.of(108, 109, 110)
                .mapToObj(id -> new dev.hoglink.service.link.LinkService.Target(owner.acme, owner.projects.get(id)))
                .toList(), rows));

        undo.undo(owner.plans.links(), List.of("Web"), ids -> { });

        assertEquals(List.of("SUCCESS:Undone: 2 projects unlinked from acme. Search was linked again to acme by someone "
                + "else since (another integration); Hoglink's link is already gone, so nothing was undone for it."),
                dialogs.notices);
        owner.reread();
        assertTrue(owner.links.get(108L).isEmpty());
        assertTrue(owner.links.get(110L).isEmpty());
        assertEquals(List.of(theirs), owner.links.get(109L).stream().map(l -> l.integrationId()).toList(),
                "their row stays");
    }

    private static long rowOf(PlanSandbox s, long projectId) {
        return s.plans.links().links(projectId).stream().filter(l -> "10000001".equals(l.installationId()))
                .findFirst().orElseThrow().integrationId();
    }

    /**
     * Stop (the button, Escape, closing the window) says what it does until the result shows; asked while the plan is
     * still being written, before the first request, it sends nothing.
     */
    @Test
    void stopSaysItStopsAfterTheProjectBeingSentAndStopBeforeTheFirstRequestSendsNothing() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        ManualTaskRunner runner = new ManualTaskRunner();
        BulkLinkViewModel vm = checkoutSearchBillingOnto10000001(owner, runner);
        vm.apply();
        runner.runNext(); // the plan is written; Checkout is being sent
        vm.stop();
        assertEquals("Stopping after Checkout (id 108), whose request is already sent: the projects after it will not "
                + "be sent. Resume can send them.", vm.statusProperty().get());
        assertTrue(vm.stopRequestedProperty().get());
        runner.runAll();
        assertEquals("", vm.statusProperty().get(), "the result says what happened");
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.STOPPED, ApplyOutcome.STOPPED),
                vm.items().stream().map(PlanItem::outcome).toList());

        vm.resumeRest();
        vm.stop(); // PostHog is being asked again which project offers the installation
        assertEquals("Stopping: nothing will be sent. Resume can send the plan later.", vm.statusProperty().get());
        runner.runAll();
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.STOPPED, ApplyOutcome.STOPPED),
                vm.items().stream().map(PlanItem::outcome).toList());
        assertEquals("Resume 2 not sent", vm.resumeTextProperty().get());
        assertEquals(1, owner.journal.readAll().entries().stream().filter(e -> e.action() == JournalEntry.Action.LINK)
                .count(), "only Checkout was sent");
    }

    /** A link sent whose answer never came is not "not sent": the Resume button says what the headline says. */
    @Test
    void aRunCutOffAfterASendOffersToResumeWhatIsNotDoneNotWhatIsNotSent() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        BulkLinkViewModel vm = vm(owner, new SameThreadTaskRunner(), 108, 109, 110);
        vm.load();
        pick(vm, "10000001");
        sandbox.onceBefore("POST", "/api/projects/109/integrations/github/link_existing/?",
                () -> sandbox.knobs().setFaults(dev.hoglink.sandbox.FaultSpec.parse("drop=1")));
        vm.apply();
        assertEquals(ApplyOutcome.UNKNOWN, vm.items().get(1).outcome(), vm.items().get(1).detail());
        assertEquals("Resume 2 not done", vm.resumeTextProperty().get());
        // The outcome's label holds no colon of its own, so its count reads "label: n" as every other does.
        assertTrue(vm.countsProperty().get().contains("Unknown (check again): 1"), vm.countsProperty().get());
    }

    /** Checkout, Search and Billing applied onto 10000001 after {@code fault}: the first fails, the rest are held. */
    private BulkLinkViewModel heldAfterTheFirst(PlanSandbox owner, Runnable fault) {
        BulkLinkViewModel vm = vm(owner, new SameThreadTaskRunner(), 108, 109, 110);
        vm.load();
        pick(vm, "10000001");
        fault.run();
        vm.apply();
        assertEquals(List.of(ApplyOutcome.ERROR, ApplyOutcome.NOT_SENT, ApplyOutcome.NOT_SENT),
                vm.items().stream().map(PlanItem::outcome).toList(), vm.items().get(0).detail());
        return vm;
    }

    @Test
    void aServerErrorHoldsTheRestOfTheRunWithWhyAndTheyWaitToBeResumed() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        // PostHog has not noticed the suspension
        BulkLinkViewModel vm = heldAfterTheFirst(owner, () -> sandbox.setInstallationStatus("10000001", "suspended", false));
        assertTrue(vm.items().get(2).detail().startsWith("Not sent: PostHog answered Checkout with a server error"),
                vm.items().get(2).detail());
        assertEquals(1, owner.journal.readAll().entries().stream().filter(e -> e.action() == JournalEntry.Action.LINK)
                .count(), "one request, not one per project");
        assertEquals(1, owner.plans.unfinished().size());
        // Nobody stopped the run: the held rows read "Not sent" in the counts, the result file and Resume alike.
        assertEquals("Failed: 1 · Not sent: 2", vm.countsProperty().get());
        assertEquals("Resume 2 not sent", vm.resumeTextProperty().get());
        com.fasterxml.jackson.databind.JsonNode file = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
                dev.hoglink.service.link.PlanFiles.write(vm.result(), dev.hoglink.service.link.PlanFiles.Format.JSON));
        assertEquals(2, file.path("counts").path("not_sent").asInt(), file.toString());
        assertTrue(file.path("counts").path("stopped").isMissingNode(), file.toString());
        assertEquals("not_sent", file.path("projects").get(2).path("result").asText());
    }

    /**
     * GitHub's rate limit, passed on by PostHog with an hour's Retry-After, holds the rest of the run: the refused row
     * and the held ones say the same wait, in minutes.
     */
    @Test
    void anHoursRateLimitHoldsTheRestAndEveryRowSaysTheSameWait() {
        BulkLinkViewModel vm = heldAfterTheFirst(new PlanSandbox(sandbox, "owner", home),
                () -> sandbox.knobs().setGitHubRateLimitSeconds(3_600));
        assertTrue(vm.items().get(0).detail().contains("Try again in 60 min."), vm.items().get(0).detail());
        assertEquals("Not sent: GitHub is rate-limiting PostHog. Resume the plan in 60 min.", vm.items().get(2).detail());
    }

    /**
     * The plan links from Secret Lab, which loses the installation mid-run (someone unlinks it): the rest is held,
     * and Resume asks PostHog again which project offers it (Checkout, linked first) instead of naming Secret Lab
     * again, as the hold's text says (docs/api-notes.md NH23).
     */
    @Test
    void resumeAfterTheSourceProjectLostTheInstallationLinksFromAProjectThatStillHasIt() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        dev.hoglink.api.PostHogClient other = dev.hoglink.api.PostHogClient.builder(sandbox.baseUri().toString(),
                dev.hoglink.api.ApiKey.of(sandbox.key("owner"))).rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .build();
        long secretLabRow = other.githubIntegrations(124).get(0).id();
        BulkLinkViewModel vm = vm(owner, new SameThreadTaskRunner(), 108, 109, 110);
        vm.load();
        pick(vm, SeedWorld.INST_SECRET_ORPHAN);
        assertEquals(Long.valueOf(124), vm.selectedProperty().get().option().sourceProjectId());
        sandbox.onceBefore("POST", "/api/projects/109/integrations/github/link_existing/?",
                () -> other.deleteIntegration(124, secretLabRow));
        vm.apply();
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.REFUSED, ApplyOutcome.NOT_SENT),
                vm.items().stream().map(PlanItem::outcome).toList());
        assertTrue(vm.items().get(2).detail().startsWith("Not sent: the project this plan links from no longer uses"),
                vm.items().get(2).detail());

        vm.resumeRest();

        assertEquals(ApplyOutcome.LINKED, vm.items().get(2).outcome(), vm.items().get(2).detail());
        assertTrue(owner.plans.links().links(110).stream()
                .anyMatch(l -> SeedWorld.INST_SECRET_ORPHAN.equals(l.installationId())), "Billing was linked");
    }

    /** Someone else: a second client of the same organization. */
    private dev.hoglink.api.PostHogClient other() {
        return dev.hoglink.api.PostHogClient.builder(sandbox.baseUri().toString(),
                dev.hoglink.api.ApiKey.of(sandbox.key("owner"))).rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .build();
    }

    /** Secret Lab (124), the source of a plan of installation 10000005, is unlinked just before {@code projectId} is sent. */
    private void secretLabLosesTheInstallationBefore(long projectId) {
        dev.hoglink.api.PostHogClient other = other();
        long secretLabRow = other.githubIntegrations(124).get(0).id();
        sandbox.onceBefore("POST", "/api/projects/" + projectId + "/integrations/github/link_existing/?",
                () -> other.deleteIntegration(124, secretLabRow));
    }

    private List<Long> linksSent(PlanSandbox s) throws Exception {
        return s.journal.readAll().entries().stream().filter(e -> e.action() == JournalEntry.Action.LINK)
                .map(JournalEntry::projectId).toList();
    }

    /**
     * Search is refused only because Secret Lab, the project the plan links from, lost the installation: Resume
     * tells beforehand that it asks PostHog again and sends Search too, then sends it from Checkout, which PostHog
     * offers now, as the command line's resume does; the dialog's and the result's header name Checkout, the
     * source the rows sent on Resume used, and each row its own.
     */
    @Test
    void resumeSendsAgainAProjectRefusedOnlyBecauseTheSourceWasGoneAndTheResultNamesTheSourceUsed() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        BulkLinkViewModel vm = vm(owner, new SameThreadTaskRunner(), 108, 109, 110);
        vm.load();
        pick(vm, SeedWorld.INST_SECRET_ORPHAN);
        secretLabLosesTheInstallationBefore(109);
        vm.apply();
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.REFUSED, ApplyOutcome.NOT_SENT),
                vm.items().stream().map(PlanItem::outcome).toList());
        assertEquals(2, vm.resumableProperty().get(), "Search is left to resume, not only Billing");
        String before = vm.summaryProperty().get();
        assertTrue(before.startsWith("2 of 3 not done"), before);
        assertTrue(before.contains("Search was refused because Secret Lab (id 124), the project the link was taken "
                + "from, no longer used the installation."), before);
        assertTrue(before.contains("Resume asks PostHog again which project offers the installation"), before);

        vm.resumeRest();

        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.LINKED, ApplyOutcome.LINKED),
                vm.items().stream().map(PlanItem::outcome).toList(), vm.items().get(1).detail());
        assertEquals(List.of(108L, 109L, 109L, 110L), linksSent(owner), "Search sent again once, Checkout not");
        assertTrue(owner.plans.links().links(109).stream()
                .anyMatch(l -> SeedWorld.INST_SECRET_ORPHAN.equals(l.installationId())), "Search was linked");
        LinkPlan.Installation header = vm.result().plan().installation();
        assertEquals(Long.valueOf(108), header.sourceProjectId());
        assertEquals("Checkout", header.sourceProjectName());
        assertEquals(new PlanResult.Source(108L, "Checkout"), PlanResult.Source.of(vm.selectedProperty().get().option()),
                "the installation the dialog shows names the source the resumed rows were sent from");
        assertEquals(List.of(new PlanResult.Source(124L, "Secret Lab"), new PlanResult.Source(108L, "Checkout"),
                new PlanResult.Source(108L, "Checkout")),
                vm.result().rows().stream().map(PlanResult.Row::source).toList(), "each row names its own source");
        String after = vm.summaryProperty().get();
        assertTrue(after.contains("Sent from Secret Lab (id 124) for 1 project, then from Checkout (id 108) for 2"),
                after);
        LinkPlan journaled = dev.hoglink.service.link.PlanFiles.readPlan(java.nio.file.Files.readAllBytes(
                home.resolve("plans").resolve(vm.result().plan().id() + ".plan")));
        assertEquals(Long.valueOf(108), journaled.installation().sourceProjectId(),
                "the plan journal names the source the rest was sent from");
        assertTrue(owner.plans.unfinished().isEmpty(), "every project ended: the plan is closed");
    }

    /**
     * The last project is refused because the source lost the installation: nothing is held after it, yet it is
     * not done. The plan stays open, the next start offers it with that project ticked, and it links from a
     * project that still uses the installation; the result and the plan journal name that project as the source.
     */
    @Test
    void aLastProjectRefusedBecauseTheSourceWasGoneIsOfferedAtTheNextStartAndSentFromTheNewSource() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        BulkLinkViewModel vm = vm(owner, new SameThreadTaskRunner(), 108, 109);
        vm.load();
        pick(vm, SeedWorld.INST_SECRET_ORPHAN);
        secretLabLosesTheInstallationBefore(109);
        vm.apply();
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.REFUSED),
                vm.items().stream().map(PlanItem::outcome).toList());
        assertEquals(1, vm.resumableProperty().get());

        List<PlanService.Unfinished> open = owner.plans.unfinished();
        assertEquals(1, open.size(), "the plan is not closed while Search waits");
        assertEquals(List.of(109L), open.get(0).remaining().stream().map(LinkPlan.Row::projectId).toList());
        BulkLinkViewModel again = BulkLinkViewModel.resuming(new SameThreadTaskRunner(), dialogs, owner.plans, open.get(0));
        assertEquals(1, again.toSendProperty().get());
        String before = again.summaryProperty().get();
        assertTrue(before.startsWith("1 of 2 not done"), before);
        assertTrue(before.contains("Search was refused because the project the link was taken from no longer used "
                + "the installation."), before);
        assertTrue(before.contains("PostHog is asked again which project offers it"), before);

        again.apply();

        assertEquals(ApplyOutcome.LINKED, again.items().get(1).outcome(), again.items().get(1).detail());
        assertEquals(List.of(108L, 109L, 109L), linksSent(owner));
        assertEquals(Long.valueOf(108), again.result().plan().installation().sourceProjectId());
        assertTrue(owner.plans.unfinished().isEmpty(), "done: the plan is closed");
    }

    /** A project PostHog refused for its own reason (here: no personal GitHub link any more) is not sent again. */
    @Test
    void resumeDoesNotSendAgainAProjectRefusedForAnotherReason() throws Exception {
        sandbox.addPersonalGitHubLink(SeedWorld.DEE, "10000001", "dee-gh", true);
        PlanSandbox dee = new PlanSandbox(sandbox, "member_unlinked", home);
        ManualTaskRunner runner = new ManualTaskRunner();
        BulkLinkViewModel vm = vm(dee, runner, 108, 109, 110);
        vm.load();
        runner.runAll();
        pick(vm, "10000001");
        runner.runAll(); // a member's plan reads her level on each project first
        assertEquals(3, vm.toSendProperty().get());
        sandbox.onceBefore("POST", "/api/projects/109/integrations/github/link_existing/?",
                () -> sandbox.removePersonalGitHubLinks(SeedWorld.DEE));
        vm.apply();
        runner.runNext(); // the plan is written
        runner.runNext(); // Checkout; Search is being sent
        vm.stop();
        runner.runAll(); // Search refused; Billing not sent
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.REFUSED, ApplyOutcome.STOPPED),
                vm.items().stream().map(PlanItem::outcome).toList(), vm.items().get(1).detail());
        assertEquals(1, vm.resumableProperty().get());
        sandbox.addPersonalGitHubLink(SeedWorld.DEE, "10000001", "dee-gh", true);

        vm.resumeRest();
        runner.runAll();

        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.REFUSED, ApplyOutcome.LINKED),
                vm.items().stream().map(PlanItem::outcome).toList());
        assertEquals(List.of(108L, 109L, 110L), linksSent(dee), "Search is not sent again");
    }

    @Test
    void aMembersPlanReadsTheirPersonalGitHubLinks() {
        PlanSandbox dee = new PlanSandbox(sandbox, "member_unlinked", home);
        BulkLinkViewModel vm = vm(dee, new SameThreadTaskRunner(), 108, 109);
        vm.load();
        pick(vm, "10000001");
        assertEquals("Needs your personal GitHub link: 2  —  0 to link", vm.countsProperty().get());
        sandbox.addPersonalGitHubLink(SeedWorld.DEE, "10000001", "dee-gh", true);
        BulkLinkViewModel after = vm(dee, new SameThreadTaskRunner(), 108, 109);
        after.load();
        pick(after, "10000001");
        assertEquals("Will link: 2", after.countsProperty().get());
        after.apply();
        assertEquals("Linked: 2", after.countsProperty().get());
    }
}
