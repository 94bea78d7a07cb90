package dev.hoglink.ui.inventory;

import dev.hoglink.service.inventory.InventoryService;
import dev.hoglink.service.inventory.ProjectReads;
import java.time.Instant;
import java.util.function.LongFunction;
import java.util.function.LongPredicate;

/**
 * The rows and the connection's one store of reads ({@link ProjectReads}): a read made elsewhere over the same
 * connection (the audit window) updates its row, its age and the status bar's "Updated … ago", and spares the
 * window's own read of it; the shown data's age is the oldest row's read. Part of {@link ProjectRowsLoader};
 * UI thread only (the store's reports are brought to it).
 */
final class RowReads {

    private final InventoryViewModel vm;
    private final RowSharing sharing;
    private final LongFunction<ProjectRowViewModel> rowOf;
    private final LongPredicate spareOwnRead;
    private InventoryService followed;
    private Runnable unfollow = () -> { };
    /** Rows or read times looked at to find the data's age, counted for the cost test. */
    long ageWork;

    /**
     * @param rowOf        the row of a project, or null
     * @param spareOwnRead told a project was read elsewhere: drops the window's queued read of it; false when the
     *                     window's own read is out (its answer follows, so the report is left to it)
     */
    RowReads(InventoryViewModel vm, RowSharing sharing, LongFunction<ProjectRowViewModel> rowOf,
             LongPredicate spareOwnRead) {
        this.vm = vm;
        this.sharing = sharing;
        this.rowOf = rowOf;
        this.spareOwnRead = spareOwnRead;
    }

    /** Follows this connection's store (once per service); a service with no store is not followed. */
    void follow(InventoryService s) {
        if (s == followed) {
            return;
        }
        unfollow.run();
        followed = s;
        unfollow = s.reads().map(store -> store.listen((id, read) -> vm.runner.onUiThread(() -> readElsewhere(id, read))))
                .orElse(() -> { });
    }

    /** When the window's own read of a project was made (the store's time of it, else now). */
    Instant readTime(long projectId) {
        return followed == null ? vm.clock.instant() : followed.reads().flatMap(store -> store.get(projectId))
                .map(ProjectReads.Read::at).orElse(vm.clock.instant());
    }

    private void readElsewhere(long id, ProjectReads.Read read) {
        if (followed == null) {
            return;
        }
        ProjectRowViewModel row = rowOf.apply(id);
        if (row == null || (row.readAt() != null && !read.at().isAfter(row.readAt()))) {
            return;
        }
        if (!spareOwnRead.test(id)) {
            return; // the window's own read: its answer follows
        }
        row.showLinks(read.links(), sharing.repos().counts(), false);
        row.setReadAt(read.at());
        sharing.track(row);
        if (!vm.busy.get()) {
            updateDataTime();
            vm.updateFreshness();
        }
    }

    /**
     * How old the shown data is: the oldest read among the rows (the data is as old as its oldest part), and the
     * newest, so the status bar can say both. Rows never read (failed) do not count.
     */
    void updateDataTime() {
        ReadTimes times = vm.table().readTimes(); // kept in order as rows are read: O(log N), not a pass over the rows
        ageWork++;
        Instant oldest = times.oldest();
        if (oldest != null) {
            vm.dataTime.set(oldest);
            vm.newestRead = times.newest();
        }
    }
}
