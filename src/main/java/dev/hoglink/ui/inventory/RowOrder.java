package dev.hoglink.ui.inventory;

import dev.hoglink.model.GitHubLink;
import java.time.Instant;
import java.util.Comparator;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * The projects table's order as one comparator over rows, built from the table's sort order. Each column sorts
 * by a key read straight from the row: the table's own comparator reads every compared row through the column's
 * cell value factory, which builds a binding per call (thousands per sort at 2,000 rows). The columns' own
 * comparators order the same way.
 */
final class RowOrder {

    private final Map<TableColumn<ProjectRowViewModel, ?>, Comparator<ProjectRowViewModel>> byColumn =
            new IdentityHashMap<>();
    private final UnaryOperator<ProjectRowViewModel> parentOf;

    /** @param parentOf an environment's project row (null when none): environments stay under their project */
    RowOrder(UnaryOperator<ProjectRowViewModel> parentOf) {
        this.parentOf = parentOf;
    }

    RowOrder column(TableColumn<ProjectRowViewModel, ?> column, Comparator<ProjectRowViewModel> order) {
        byColumn.put(column, order);
        return this;
    }

    /** The rows' order for the table's sort order now; null (the loaded order) when nothing is sorted. */
    Comparator<ProjectRowViewModel> of(TableView<ProjectRowViewModel> table) {
        Comparator<ProjectRowViewModel> all = null;
        for (TableColumn<ProjectRowViewModel, ?> c : table.getSortOrder()) {
            Comparator<ProjectRowViewModel> one = byColumn.get(c);
            if (one == null) {
                continue;
            }
            if (c.getSortType() == TableColumn.SortType.DESCENDING) {
                one = one.reversed();
            }
            all = all == null ? one : all.thenComparing(one);
        }
        return all == null ? null : grouped(all);
    }

    /**
     * Projects in the given order, each followed by its other environments (in the same order among themselves):
     * rows are compared by their project's row first.
     */
    private Comparator<ProjectRowViewModel> grouped(Comparator<ProjectRowViewModel> base) {
        return (a, b) -> {
            ProjectRowViewModel pa = group(a);
            ProjectRowViewModel pb = group(b);
            if (pa != pb) {
                int c = base.compare(pa, pb);
                return c != 0 ? c : Long.compare(pa.id(), pb.id());
            }
            if (a == b) {
                return 0;
            }
            if (a == pa || b == pb) {
                return a == pa ? -1 : 1; // the project above its environments
            }
            int c = base.compare(a, b);
            return c != 0 ? c : Long.compare(a.id(), b.id());
        };
    }

    private ProjectRowViewModel group(ProjectRowViewModel row) {
        ProjectRowViewModel parent = parentOf.apply(row);
        return parent == null ? row : parent;
    }

    // ---- the keys, as the columns show them ---------------------------------------------------------------

    static final Comparator<ProjectRowViewModel> NAME = Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT));

    static final Comparator<ProjectRowViewModel> STATUS = Comparator.comparing(ProjectRowViewModel::state)
            .thenComparing(r -> r.statusDetailProperty().get());

    /** Rows without a link last, as the account column's nullsLast does. */
    static final Comparator<ProjectRowViewModel> ACCOUNT = Comparator.comparing(
            (ProjectRowViewModel r) -> r.primaryLink() == null ? null : r.accountName().toLowerCase(Locale.ROOT),
            Comparator.nullsLast(Comparator.naturalOrder()));

    static final Comparator<ProjectRowViewModel> INSTALLATION = Comparator.comparingLong(r -> number(r.installationId()));

    static final Comparator<ProjectRowViewModel> REPOSITORIES = Comparator.comparingInt(
            r -> !r.linksKnown() || r.links().isEmpty() ? -2 : Math.max(-1, r.repoCount()));

    static final Comparator<ProjectRowViewModel> SHARED = Comparator.comparingInt(
            r -> r.linksKnown() && !r.links().isEmpty() ? r.sharedWith() : -1);

    /** By age: the latest read first, rows never read last. */
    static final Comparator<ProjectRowViewModel> READ = Comparator.comparing(ProjectRowViewModel::readAt,
            Comparator.nullsLast(Comparator.<Instant>reverseOrder()));

    static final Comparator<ProjectRowViewModel> CREATED = Comparator.comparing(
            (ProjectRowViewModel r) -> {
                GitHubLink l = r.primaryLink();
                return l == null ? null : l.createdAt() == null ? Instant.EPOCH : l.createdAt();
            }, Comparator.nullsLast(Comparator.naturalOrder()));

    private static long number(String s) {
        if (s.isEmpty()) {
            return Long.MAX_VALUE;
        }
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE - 1;
        }
    }
}
