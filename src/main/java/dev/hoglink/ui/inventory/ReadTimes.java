package dev.hoglink.ui.inventory;

import java.time.Instant;
import java.util.TreeMap;
import javafx.beans.value.ChangeListener;

/**
 * The rows' read times, counted in order, so the data's age (the oldest read) and the newest read are known in
 * O(log N) when a row is read again, instead of a pass over every row per read (an audit reading every project
 * while the window was idle made N x N row visits). Kept by {@link ProjectsTableViewModel} as rows come and go and
 * their read times change; UI thread only.
 */
final class ReadTimes {

    private final TreeMap<Instant, Integer> counts = new TreeMap<>();
    /** One listener for every row: a row's read time changed. */
    private final ChangeListener<Instant> onChange = (o, was, now) -> {
        remove(was);
        add(now);
    };

    void follow(ProjectRowViewModel row) {
        add(row.readAt());
        row.readAtProperty().addListener(onChange);
    }

    void forget(ProjectRowViewModel row) {
        row.readAtProperty().removeListener(onChange);
        remove(row.readAt());
    }

    /** The oldest read among the rows; null when no row was read. */
    Instant oldest() {
        return counts.isEmpty() ? null : counts.firstKey();
    }

    /** The newest read among the rows; null when no row was read. */
    Instant newest() {
        return counts.isEmpty() ? null : counts.lastKey();
    }

    private void add(Instant at) {
        if (at != null) {
            counts.merge(at, 1, Integer::sum);
        }
    }

    private void remove(Instant at) {
        if (at != null) {
            counts.computeIfPresent(at, (k, n) -> n == 1 ? null : n - 1);
        }
    }
}
