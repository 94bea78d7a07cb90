package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.support.TestClock;
import dev.hoglink.ui.common.ManualTaskRunner;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import org.junit.jupiter.api.Test;

/**
 * Loading an organization costs in proportion to its projects: the row changes that reach the table (each one a
 * change event through the filtered and sorted lists and the table's listeners) are counted over a whole load at
 * two sizes. Before, each batch of reads updated every other row of the installations it touched, so 4x the
 * projects made about 13x the row changes (10,000 projects did not finish loading in five minutes). Counted, not
 * timed; one task runs at a time (no threads, no sleeps).
 */
class LoadCostTest {

    static final Organization ORG = new Organization("org-l", "Large", "large", Organization.OWNER);
    static final String[] WORDS = {"web", "mobile", "api", "data", "docs", "billing", "labs", "search"};

    /** N projects, in pages of 100 as PostHog sends them; two in three linked to one of 50 installations. */
    static FakeInventoryService organization(int n) {
        return new FakeInventoryService().pagesOf(100).withLargeOrganization(ORG, n, WORDS, 0);
    }

    /**
     * Loads N projects and returns how many row changes the table was told of (rows added, removed, updated) and
     * how many values of sharing and repository counts the rows were given.
     */
    static long rowChangesOfALoad(int n) {
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = new InventoryViewModel(runner, null, new TestClock(Instant.parse("2026-11-24T10:00:00Z")), 8);
        long[] changes = {0};
        vm.table().visibleRows().addListener((ListChangeListener<ProjectRowViewModel>) c -> {
            while (c.next()) {
                changes[0] += c.wasUpdated() || c.wasPermutated() ? c.getTo() - c.getFrom()
                        : c.getAddedSize() + c.getRemovedSize();
            }
        });
        // Every row's sharing and repository count watched, as a table that showed every row (or sorted or filtered
        // by them) would: each value a row is given is counted.
        javafx.beans.value.ChangeListener<Number> counted = (o, was, now) -> changes[0]++;
        vm.rows().addListener((ListChangeListener<ProjectRowViewModel>) c -> {
            while (c.next()) {
                for (ProjectRowViewModel r : c.getAddedSubList()) {
                    r.sharedWithProperty().addListener(counted);
                    r.repoCountProperty().addListener(counted);
                }
            }
        });
        vm.connect("https://us.posthog.com", organization(n), ORG.id());
        runner.runAll();

        assertFalse(vm.busyProperty().get());
        assertEquals(n, vm.rows().size());
        // The batching leaves every row right at the end: each shares its installation with all its other users.
        Map<String, Integer> users = new HashMap<>();
        vm.rows().forEach(r -> users.merge(r.installationId(), 1, Integer::sum));
        for (ProjectRowViewModel r : vm.rows()) {
            assertEquals(r.installationId().isEmpty() ? 0 : users.get(r.installationId()) - 1, r.sharedWith(), r.toString());
            assertEquals(r.installationId().isEmpty() ? RowState.NOT_CONNECTED : RowState.CONNECTED, r.state());
        }
        return changes[0];
    }

    /** {@code cost} of 4,000 projects is at most {@code factor} times that of 1,000; the message gives both. */
    static void assertGrowsAtMost(int factor, String counted, String per, java.util.function.IntToLongFunction cost) {
        long small = cost.applyAsLong(1_000);
        long large = cost.applyAsLong(4_000);
        assertTrue(large <= factor * small, "1,000 projects: " + small + " " + counted + "; 4,000: " + large
                + " (" + String.format(java.util.Locale.ROOT, "%.1f", (double) large / small) + "x for 4x the " + per + ")");
    }

    @Test
    void aLoadsRowChangesGrowInProportionToItsProjects() {
        assertGrowsAtMost(5, "row changes", "projects", LoadCostTest::rowChangesOfALoad);
    }

    /**
     * Loads N projects with the table sorted (by status, then sharing, then id, as a click on a header does) and
     * returns how many comparisons the shown rows' order made; checks the rows end up sorted and all shown.
     */
    static long comparisonsOfASortedLoad(int n) {
        ManualTaskRunner runner = new ManualTaskRunner();
        InventoryViewModel vm = new InventoryViewModel(runner, null, new TestClock(Instant.parse("2026-11-24T10:00:00Z")), 8);
        long[] comparisons = {0};
        java.util.Comparator<ProjectRowViewModel> order = RowOrder.STATUS.thenComparing(RowOrder.SHARED)
                .thenComparingLong(ProjectRowViewModel::id);
        vm.table().sortOrderProperty().set((a, b) -> {
            comparisons[0]++;
            return order.compare(a, b);
        });
        vm.connect("https://us.posthog.com", organization(n), ORG.id());
        runner.runAll();

        assertFalse(vm.busyProperty().get());
        java.util.List<ProjectRowViewModel> shown = java.util.List.copyOf(vm.table().visibleRows());
        assertEquals(n, shown.size());
        java.util.List<ProjectRowViewModel> expected = new java.util.ArrayList<>(vm.rows());
        expected.sort(order);
        assertEquals(expected, shown, "the shown rows are the rows, sorted");
        return comparisons[0];
    }

    @Test
    void aSortedLoadsComparisonsGrowAsNLogN() {
        // N log N from 1,000 to 4,000 rows is 4.8x; N x N is 16x (SortedList sorted anew for every row change).
        assertGrowsAtMost(6, "comparisons", "projects", LoadCostTest::comparisonsOfASortedLoad);
    }

    /**
     * Loads N projects, then the audit reads every one of them over the same connection while the window is idle;
     * returns the work done to keep the data's age (rows or read times looked at). Checks the age follows: the
     * oldest read until the last old row is read again.
     */
    static long ageWorkOfAnAudit(int n) {
        ManualTaskRunner runner = new ManualTaskRunner();
        TestClock clock = new TestClock(Instant.parse("2026-11-24T10:00:00Z"));
        FakeInventoryService f = organization(n).keepReadsIn(new dev.hoglink.service.inventory.ProjectReads(clock));
        InventoryViewModel vm = new InventoryViewModel(runner, null, clock, 8);
        vm.connect("https://us.posthog.com", f, ORG.id());
        runner.runAll();
        assertFalse(vm.busyProperty().get());
        Instant loaded = vm.dataTimeProperty().get();
        clock.advance(java.time.Duration.ofHours(1));
        long before = vm.rowsLoader.reads.ageWork;
        java.util.List<ProjectRowViewModel> rows = java.util.List.copyOf(vm.rows());
        for (int i = 0; i < rows.size(); i++) {
            f.githubLinks(rows.get(i).id()); // the audit's read, on its own thread in the app
            clock.advance(java.time.Duration.ofMillis(10));
            assertEquals(i < rows.size() - 1 ? loaded : rows.get(0).readAt(), vm.dataTimeProperty().get(),
                    "the data is as old as its oldest row, after " + (i + 1) + " reads");
        }
        return vm.rowsLoader.reads.ageWork - before;
    }

    @Test
    void anAuditsReadsKeepTheDataAgeInProportionToTheReads() {
        assertGrowsAtMost(5, "looked at", "reads", LoadCostTest::ageWorkOfAnAudit);
    }
}
