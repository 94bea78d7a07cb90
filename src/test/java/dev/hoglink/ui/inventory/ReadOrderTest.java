package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.service.inventory.ProjectReads;
import dev.hoglink.support.DemoData;
import dev.hoglink.support.TestClock;
import dev.hoglink.ui.common.ManualTaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The order the window reads rows in, and what it says about their ages and the hour's budget: the rows on
 * screen and the selected project first, following the user; a project just changed first of all; the stalest
 * first on a refresh; reads made elsewhere over the connection (the audit) update the rows and their ages; a spent
 * budget stops the reads, says when they go again and resumes them then. Driven by a runner that runs one task
 * when told and a clock the test moves: no sleeps.
 */
class ReadOrderTest {

    static final String HOST = "https://us.posthog.com";
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    final TestClock clock = new TestClock(NOW);
    final ProjectReads store = new ProjectReads(clock);
    final FakeInventoryService fake = DemoData.acme().keepReadsIn(store);
    final ManualTaskRunner runner = new ManualTaskRunner();

    /** One read at a time, so the order of reads is the order of the queue. */
    InventoryViewModel connected() {
        InventoryViewModel vm = new InventoryViewModel(runner, null, clock, 1);
        vm.zone = ZoneOffset.UTC;
        vm.connect(HOST, fake, null);
        runner.runNext(); // organizations
        return vm;
    }

    List<Long> readsAfter(int before) {
        List<Long> all = fake.linkCalls();
        return all.subList(before, all.size());
    }

    List<ProjectRowViewModel> rows(InventoryViewModel vm, long... ids) {
        return java.util.Arrays.stream(ids).mapToObj(vm::row).toList();
    }

    @Test
    void theRowsOnScreenAreReadFirstAndTheOrderFollowsTheUserAsTheyScroll() {
        InventoryViewModel vm = connected();
        runner.runNext(); // projects: 101..110 queued, 101 out
        vm.showing(rows(vm, 108, 109, 110)); // the user scrolled to the end
        runner.runNext(); // 101
        runner.runNext();
        runner.runNext();
        vm.showing(rows(vm, 104, 105)); // and back up
        runner.runAll();
        assertEquals(List.of(101L, 108L, 109L, 110L, 104L, 105L, 102L, 103L, 106L, 107L), fake.linkCalls());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void theSelectedProjectIsReadNextThenTheRowsOnScreen() {
        InventoryViewModel vm = connected();
        runner.runNext(); // projects
        vm.showing(rows(vm, 103, 104));
        vm.selectedRowProperty().set(vm.row(109));
        runner.runAll();
        assertEquals(List.of(101L, 109L, 103L, 104L), fake.linkCalls().subList(0, 4));
    }

    @Test
    void aProjectJustChangedIsReadBeforeEverythingElseInTheQueue() {
        InventoryViewModel vm = connected();
        runner.runNext(); // projects
        vm.showing(rows(vm, 102, 103));
        vm.refreshProjects(Set.of(107L)); // a link just changed 107
        runner.runAll();
        assertEquals(List.of(101L, 107L, 102L, 103L), fake.linkCalls().subList(0, 4));
    }

    @Test
    void aRefreshReadsTheStalestRowsFirst() {
        InventoryViewModel vm = connected();
        runner.runAll();
        // 105 and 103 were read again later (fresher); the rest are from the first load.
        clock.advance(Duration.ofMinutes(10));
        vm.refreshProjects(Set.of(105L));
        runner.runAll();
        clock.advance(Duration.ofMinutes(10));
        vm.refreshProjects(Set.of(103L));
        runner.runAll();
        int before = fake.linkCalls().size();
        vm.refresh();
        runner.runAll();
        List<Long> order = readsAfter(before);
        assertEquals(10, order.size());
        assertEquals(List.of(105L, 103L), order.subList(8, 10), "the freshest last: " + order);
    }

    @Test
    void aReadTheAuditMadeUpdatesTheRowItsAgeAndTheWindowsUpdatedText() {
        InventoryViewModel vm = connected();
        runner.runAll();
        assertEquals("Updated just now", vm.freshnessTextProperty().get());
        clock.advance(Duration.ofHours(1));
        vm.updateFreshness();
        assertEquals("Updated 1 hour ago", vm.freshnessTextProperty().get());
        fake.link(105, 40, "999", "acme-new", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada@acme.io");
        // The audit window reads every project over the same connection (its own threads, the same store).
        for (ProjectRowViewModel r : vm.rows()) {
            fake.githubLinks(r.id());
        }
        assertEquals("999", vm.row(105).installationId(), "the row shows the audit's read");
        assertEquals(clock.instant(), vm.row(105).readAt());
        assertEquals("Updated just now", vm.freshnessTextProperty().get());
    }

    @Test
    void afterALongLoadTheStatusBarSaysHowOldTheOldestRowIs() {
        InventoryViewModel vm = connected();
        runner.runNext(); // projects
        for (int i = 0; i < 10; i++) {
            runner.runNext();
            clock.advance(Duration.ofSeconds(30)); // a 5-minute load
        }
        runner.runAll();
        assertFalse(vm.busyProperty().get());
        vm.tick(); // the view's timer
        Instant oldest = vm.rows().stream().map(ProjectRowViewModel::readAt).min(Instant::compareTo).orElseThrow();
        assertTrue(Duration.between(oldest, clock.instant()).toMinutes() >= 4);
        assertEquals("Updated just now (oldest row " + TimeAgo.text(Duration.between(oldest, clock.instant())) + ")",
                vm.freshnessTextProperty().get());
    }

    @Test
    void aSpentBudgetStopsTheReadsSaysWhenTheyGoAgainCountsDownAndResumesThen() {
        InventoryViewModel vm = connected();
        runner.runNext(); // projects
        runner.runNext(); // 101
        runner.runNext(); // 102
        ServiceException spent = ServiceException.throttled(Duration.ofMinutes(23));
        fake.failProject(103, spent);
        runner.runNext(); // 103: the budget is spent
        int before = fake.linkCalls().size();
        assertEquals(0, runner.pendingCount(), "nothing more is sent");
        assertEquals(ReadBudget.TITLE, vm.bannerTitleProperty().get());
        assertTrue(vm.bannerTextProperty().get().contains("8 projects wait"), vm.bannerTextProperty().get());
        assertTrue(vm.bannerTextProperty().get().contains("at 10:23, in 23 min 00 s."), vm.bannerTextProperty().get());
        assertFalse(vm.busyProperty().get());

        clock.advance(Duration.ofMinutes(10));
        vm.tick();
        assertTrue(vm.bannerTextProperty().get().contains("in 13 min 00 s."), "a live countdown: " + vm.bannerTextProperty().get());
        assertEquals(0, runner.pendingCount());

        fake.healProject(103);
        clock.advance(Duration.ofMinutes(13));
        vm.tick();
        assertEquals("", vm.bannerTitleProperty().get());
        runner.runAll();
        assertEquals(8, readsAfter(before).size(), "the waiting projects are read once the budget is back");
        assertTrue(vm.rows().stream().allMatch(r -> r.linksKnown()));
    }

    /** PostHog's hourly throttle asks for up to an hour: the banner counts it down in minutes and seconds. */
    @Test
    void anHoursWaitIsCountedDownInMinutesAndSeconds() {
        InventoryViewModel vm = connected();
        runner.runNext(); // projects
        fake.failProject(101, ServiceException.throttled(Duration.ofHours(1)));
        runner.runNext(); // 101: the budget is spent for an hour
        assertTrue(vm.bannerTextProperty().get().endsWith("at 11:00, in 60 min 00 s."), vm.bannerTextProperty().get());
        clock.advance(Duration.ofSeconds(188));
        vm.tick();
        assertTrue(vm.bannerTextProperty().get().endsWith("in 56 min 52 s."), vm.bannerTextProperty().get());
    }
}
