package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
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
        FakeInventoryService f = new FakeInventoryService().pagesOf(100);
        f.addOrganization(ORG);
        for (int i = 1; i <= n; i++) {
            long id = 1000 + i;
            f.addProject(ORG.id(), id, WORDS[i % WORDS.length] + " " + i);
            if (i % 3 != 0) {
                int inst = i % 50;
                f.link(id, 500_000 + i, Integer.toString(90_000_000 + inst), "acme-" + inst, AccountType.ORGANIZATION,
                        LinkStatus.CONNECTED, "user" + (i % 20) + "@acme.io");
            }
        }
        return f;
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

    @Test
    void aLoadsRowChangesGrowInProportionToItsProjects() {
        long small = rowChangesOfALoad(1_000);
        long large = rowChangesOfALoad(4_000);
        assertTrue(large <= 5 * small, "1,000 projects: " + small + " row changes; 4,000: " + large
                + " (" + String.format(java.util.Locale.ROOT, "%.1f", (double) large / small) + "x for 4x the projects)");
    }
}
