package dev.hoglink.ui.inventory;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.service.inventory.RepoCounts;
import dev.hoglink.service.inventory.SharingIndex;
import java.util.Collection;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Which installations the rows use and how many repositories each can access: a row's own "shared with" count
 * updates at once; during a load, the rows on screen every {@link #SHARING_BATCH} reads and every other row of
 * the installations touched only once the reads since the last such update reach a share of the rows
 * ({@link #FULL_UPDATE_SHARE}), and at the end of the load. So the rows updated over a load add up to a few times
 * the rows, not rows x reads / installations (10,000 projects over 50 installations made about 800,000 row
 * updates, each one a change event through the table's lists). Part of {@link ProjectRowsLoader}; UI thread only,
 * except {@link #repos()}, which the reading threads fill.
 */
final class RowSharing {

    static final int SHARING_BATCH = 25;
    /** Every row of the touched installations is updated once the reads since the last such update reach 1/4 of the rows. */
    static final int FULL_UPDATE_SHARE = 4;

    private final RepoCounts repos = new RepoCounts();
    private final SharingIndex<ProjectRowViewModel> sharing = new SharingIndex<>();
    private final BooleanSupplier busy;
    private final IntSupplier rowCount;
    private final Supplier<Collection<ProjectRowViewModel>> onScreen;
    /** Told at once which installations gained or lost a project (the detail pane's cards follow them). */
    private Consumer<Set<String>> usersChanged = ids -> { };
    private int changesSinceFlush;
    private int changesSinceScreen;
    private boolean bulk;

    /**
     * @param busy     whether a load is going on (then other rows update in batches)
     * @param rowCount how many rows there are
     * @param onScreen the rows the user sees now (updated at every batch)
     */
    RowSharing(BooleanSupplier busy, IntSupplier rowCount, Supplier<Collection<ProjectRowViewModel>> onScreen) {
        this.busy = busy;
        this.rowCount = rowCount;
        this.onScreen = onScreen;
    }

    RepoCounts repos() {
        return repos;
    }

    /**
     * Tells {@code listener} the installations that gained or lost a project, as each change is recorded (not in
     * the rows' batches): one listener, the detail pane's, which redraws only the cards of those installations.
     */
    void onUsersChanged(Consumer<Set<String>> listener) {
        usersChanged = listener == null ? ids -> { } : listener;
    }

    /** How many tracked rows other than {@code row} use the installation: the rows' own count, for any link. */
    int othersThan(ProjectRowViewModel row, String installationId) {
        return sharing.othersThan(row, installationId);
    }

    /** Records which installations a row uses. */
    void track(ProjectRowViewModel row) {
        Set<String> changed = sharing.track(row, row.links().stream().map(GitHubLink::installationId).toList());
        update(row);
        changesSinceFlush++;
        if (!bulk) {
            if (!busy.getAsBoolean() || changesSinceFlush >= Math.max(SHARING_BATCH, rowCount.getAsInt() / FULL_UPDATE_SHARE)) {
                flush();
            } else if (++changesSinceScreen >= SHARING_BATCH) {
                changesSinceScreen = 0;
                onScreen.get().forEach(this::update);
            }
        }
        if (!changed.isEmpty()) {
            usersChanged.accept(changed);
        }
    }

    /** Tracks many rows, updating the others once at the end. */
    void trackAll(Iterable<ProjectRowViewModel> rows) {
        bulk = true;
        try {
            rows.forEach(this::track);
        } finally {
            bulk = false;
        }
        flush();
    }

    void untrack(ProjectRowViewModel row) {
        Set<String> left = sharing.installationsOf(row);
        if (sharing.untrack(row)) {
            flush();
            if (!left.isEmpty()) {
                usersChanged.accept(left);
            }
        }
    }

    /** Updates every row of the installations touched since the last flush. */
    void flush() {
        changesSinceFlush = 0;
        changesSinceScreen = 0;
        sharing.drainAffected().forEach(this::update);
    }

    private void update(ProjectRowViewModel row) {
        GitHubLink primary = row.primaryLink();
        row.setSharedWith(primary == null ? 0 : sharing.others(primary.installationId()));
        row.updateRepoCount(repos.counts());
    }

    void clear() {
        Set<String> all = sharing.installations();
        sharing.clear();
        repos.clear();
        if (!all.isEmpty()) {
            usersChanged.accept(all);
        }
    }
}
