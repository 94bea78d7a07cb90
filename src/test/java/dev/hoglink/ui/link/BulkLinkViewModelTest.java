package dev.hoglink.ui.link;

import static dev.hoglink.ui.link.LinkTestSupport.HOST;
import static dev.hoglink.ui.link.LinkTestSupport.entries;
import static dev.hoglink.ui.link.LinkTestSupport.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiErrors;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.ui.common.ManualTaskRunner;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.link.BulkItem.State;
import dev.hoglink.ui.link.BulkLinkViewModel.Step;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BulkLinkViewModelTest {

    @TempDir
    Path dir;

    private final FakeLinkApi api = new FakeLinkApi();
    private final List<Set<Long>> touched = new ArrayList<>();
    private final Map<Long, List<GitHubLink>> current = new HashMap<>();
    private ActionJournal journal;

    @BeforeEach
    void world() {
        journal = LinkTestSupport.journal(dir, new LinkTestSupport.MutableClock());
        api.linked(101, 7, "12345678", "acme", true).offers("12345678", "acme", 101L, "Web");
    }

    private BulkLinkViewModel vm(TaskRunner runner, long... ids) {
        List<LinkService.Target> targets = new ArrayList<>();
        for (long id : ids) {
            targets.add(target(id, "P" + id));
        }
        return new BulkLinkViewModel(runner, new LinkService(api, journal, HOST), targets, current,
                InstallationFacts.NONE, touched::add);
    }

    private static State state(BulkLinkViewModel vm, int i) {
        return vm.items().get(i).state();
    }

    @Test
    void previewListsEveryTargetAndSkipsOnesAlreadyUsingTheInstallation() {
        current.put(103L, List.of(new GitHubLink(8, "12345678", "acme", null, "all", null, true, null, null, "")));
        BulkLinkViewModel vm = vm(new SameThreadTaskRunner(), 102, 103, 104);
        vm.load();
        assertEquals(Step.PREVIEW, vm.stepProperty().get());
        assertEquals(List.of(State.WAITING, State.SKIPPED, State.WAITING),
                vm.items().stream().map(BulkItem::state).toList());
        assertEquals("2 projects will use the GitHub App installation on acme (id 12345678), one after another.",
                vm.summaryProperty().get());
        assertTrue(vm.canStart().get());
    }

    @Test
    void linksOneAfterAnotherWithOneResultPerProjectAndListsWhatWasNotLinked() {
        api.linkFailuresByProject.put(103L, ApiErrors.forbidden("API key does not have access to the requested project: ID 103."));
        ManualTaskRunner runner = new ManualTaskRunner();
        BulkLinkViewModel vm = vm(runner, 102, 103, 104);
        vm.load();
        runner.runAll();
        vm.start();
        assertEquals(1, runner.pendingCount(), "one request at a time");
        assertEquals(State.RUNNING, state(vm, 0));
        assertEquals(State.WAITING, state(vm, 1));
        runner.runAll();
        assertEquals(Step.SUMMARY, vm.stepProperty().get());
        assertEquals(List.of(State.LINKED, State.FAILED, State.LINKED), vm.items().stream().map(BulkItem::state).toList());
        assertTrue(vm.items().get(1).message().contains("limited to other projects"));
        assertEquals("Linked: P102, P104. Not linked: P103. See each project's reason below.", vm.summaryProperty().get());
        assertEquals(1, vm.failedProperty().get());
        assertEquals(Set.of(102L, 103L, 104L), touched.get(0));
        List<JournalEntry> lines = entries(journal);
        assertEquals(3, lines.size());
        assertEquals(List.of(JournalEntry.Outcome.OK, JournalEntry.Outcome.FAILED, JournalEntry.Outcome.OK),
                lines.stream().map(JournalEntry::outcome).toList());
    }

    @Test
    void retryFailedSendsOnlyTheProjectsThatWereNotLinked() {
        api.linkFailuresByProject.put(103L, ApiErrors.server());
        BulkLinkViewModel vm = vm(new SameThreadTaskRunner(), 102, 103);
        vm.load();
        vm.start();
        assertEquals(State.FAILED, state(vm, 1));
        api.linkFailuresByProject.clear();
        vm.retryFailed();
        assertEquals(List.of(State.LINKED, State.LINKED), vm.items().stream().map(BulkItem::state).toList());
        assertEquals(List.of(101L, 101L, 101L), api.linkRequests.stream().map(r -> r.sourceTeamId()).toList());
        assertEquals(3, api.linkRequests.size());
        assertEquals("Linked: P102, P103.", vm.summaryProperty().get());
    }

    @Test
    void stopEndsTheJobAfterTheRequestInFlightAndSendsNoMore() {
        ManualTaskRunner runner = new ManualTaskRunner();
        BulkLinkViewModel vm = vm(runner, 102, 103, 104);
        vm.load();
        runner.runAll();
        vm.start();
        vm.stop();
        runner.runAll();
        assertEquals(1, api.linkRequests.size());
        assertEquals(List.of(State.LINKED, State.NOT_RUN, State.NOT_RUN), vm.items().stream().map(BulkItem::state).toList());
        assertTrue(vm.summaryProperty().get().endsWith("the job was stopped."));
        vm.retryFailed();
        runner.runAll();
        assertEquals(3, api.linkRequests.size());
        assertFalse(vm.items().stream().anyMatch(i -> i.state() != State.LINKED));
    }

    @Test
    void aThrottledAnswerHoldsTheRemainingProjectsBackInsteadOfSendingThem() {
        api.linkFailuresByProject.put(102L, ApiErrors.throttled(java.time.Duration.ofSeconds(12)));
        BulkLinkViewModel vm = vm(new SameThreadTaskRunner(), 102, 103, 104);
        vm.load();
        vm.start();
        assertEquals(List.of(State.FAILED, State.NOT_RUN, State.NOT_RUN), vm.items().stream().map(BulkItem::state).toList());
        assertEquals("Not sent: PostHog asked to wait 12 s. Use Retry failed after that.", vm.items().get(1).message());
        assertEquals(1, api.linkRequests.size());
        api.linkFailuresByProject.clear();
        vm.retryFailed();
        assertEquals(4, api.linkRequests.size());
        assertTrue(vm.items().stream().allMatch(i -> i.state() == State.LINKED));
    }

    @Test
    void aProjectWhoseAnswerWasLostIsReadBackOnRetryNotSentAgain() {
        api.applyBeforeLinkFailure = true;
        api.linkFailures.add(ApiErrors.network(true));
        BulkLinkViewModel vm = vm(new SameThreadTaskRunner(), 102);
        vm.load();
        api.readFailure = ApiErrors.network(false);
        vm.start();
        assertEquals(State.UNKNOWN, state(vm, 0));
        api.readFailure = null;
        vm.retryFailed();
        assertEquals(State.LINKED, state(vm, 0));
        assertEquals(1, api.linkRequests.size());
        assertEquals(List.of(JournalEntry.Outcome.UNKNOWN, JournalEntry.Outcome.OK),
                entries(journal).stream().map(JournalEntry::outcome).toList());
    }
}
