package dev.hoglink.ui.inventory;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.service.inventory.RepoCounts;
import dev.hoglink.service.inventory.SharingIndex;
import java.util.function.BooleanSupplier;

/**
 * Which installations the rows use and how many repositories each can access: a row's own "shared with" count
 * updates at once, the other rows of those installations in batches, so 2,000 projects sharing one
 * installation do not cost 2,000 x 2,000 updates. Part of {@link ProjectRowsLoader}; UI thread only, except
 * {@link #repos()}, which the reading threads fill.
 */
final class RowSharing {

    static final int SHARING_BATCH = 25;

    private final RepoCounts repos = new RepoCounts();
    private final SharingIndex<ProjectRowViewModel> sharing = new SharingIndex<>();
    private final BooleanSupplier busy;
    private int changesSinceFlush;
    private boolean bulk;

    /** @param busy whether a load is going on (then other rows update in batches) */
    RowSharing(BooleanSupplier busy) {
        this.busy = busy;
    }

    RepoCounts repos() {
        return repos;
    }

    /** Records which installations a row uses. */
    void track(ProjectRowViewModel row) {
        sharing.track(row, row.links().stream().map(GitHubLink::installationId).toList());
        update(row);
        if (!bulk && (++changesSinceFlush >= SHARING_BATCH || !busy.getAsBoolean())) {
            flush();
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
        if (sharing.untrack(row)) {
            flush();
        }
    }

    void flush() {
        changesSinceFlush = 0;
        sharing.drainAffected().forEach(this::update);
    }

    private void update(ProjectRowViewModel row) {
        GitHubLink primary = row.primaryLink();
        row.setSharedWith(primary == null ? 0 : sharing.others(primary.installationId()));
        row.updateRepoCount(repos.counts());
    }

    void clear() {
        sharing.clear();
        repos.clear();
    }
}
