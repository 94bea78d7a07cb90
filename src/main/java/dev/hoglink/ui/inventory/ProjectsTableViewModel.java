package dev.hoglink.ui.inventory;

import dev.hoglink.model.ProjectState;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;
import javafx.beans.Observable;
import javafx.beans.binding.Bindings;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The projects table's state: every row of the organization, the search text and filter chips, the rows as
 * shown (filtered, then sorted as the table sorts), the selected row and the multi-selection. The
 * {@link InventoryViewModel} fills the rows; the table view binds to the rest. Changed on the UI thread only.
 */
public final class ProjectsTableViewModel {

    private final ObservableList<ProjectRowViewModel> rows = FXCollections.observableArrayList(
            r -> new Observable[] {r.stateProperty(), r.statusDetailProperty(), r.linksProperty(), r.sharedWithProperty(),
                r.repoCountProperty(), r.readAtProperty()});
    private final ObservableList<ProjectRowViewModel> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final FilteredList<ProjectRowViewModel> filtered = new FilteredList<>(rows);
    /** Sorted as the table sorts; a changed row moves to its place in O(log N) comparisons (SortedList sorts anew). */
    private final SortedRows<ProjectRowViewModel> sorted = new SortedRows<>(filtered);
    private final StringProperty searchText = new SimpleStringProperty("");
    private final BooleanProperty chipConnected = new SimpleBooleanProperty();
    private final BooleanProperty chipNotConnected = new SimpleBooleanProperty();
    private final BooleanProperty chipShared = new SimpleBooleanProperty();
    private final BooleanProperty chipProblems = new SimpleBooleanProperty();
    private final ObjectProperty<ProjectRowViewModel> selectedRow = new SimpleObjectProperty<>();
    private final ObservableList<ProjectRowViewModel> selectedRows = FXCollections.observableArrayList();
    /** The clock's time at the last tick: the "Read" cells on screen make their age text from it, one tick for all. */
    private final ObjectProperty<java.time.Instant> now = new SimpleObjectProperty<>(java.time.Instant.EPOCH);

    /** Every row by project id, for an environment's project (kept as rows come and go). */
    private final java.util.Map<Long, ProjectRowViewModel> byId = new java.util.HashMap<>();
    /** The rows' read times in order: the data's age without a pass over the rows. */
    private final ReadTimes readTimes = new ReadTimes();

    ProjectsTableViewModel() {
        // Kept change by change (a page of a load adds its rows): rebuilt from every row per page, a paged load of
        // N rows cost N x N / page size.
        rows.addListener((javafx.collections.ListChangeListener<ProjectRowViewModel>) c -> {
            while (c.next()) {
                if (c.wasPermutated() || c.wasUpdated()) {
                    continue;
                }
                for (ProjectRowViewModel r : c.getRemoved()) {
                    byId.remove(r.id(), r);
                    readTimes.forget(r);
                }
                for (ProjectRowViewModel r : c.getAddedSubList()) {
                    byId.put(r.id(), r);
                    readTimes.follow(r);
                }
            }
        });
        filtered.predicateProperty().bind(Bindings.createObjectBinding(this::filter,
                searchText, chipConnected, chipNotConnected, chipShared, chipProblems));
    }

    /** What the empty table says, given the connection, the load and the organization. */
    String placeholder(boolean connected, boolean loading, boolean problemShown, boolean organizationChosen) {
        if (!connected) {
            return "No connection yet";
        }
        if (rows.isEmpty()) {
            if (loading) {
                return "Loading projects…";
            }
            if (problemShown) {
                return "Nothing to show";
            }
            return organizationChosen ? "This organization has no projects" : "No organization selected";
        }
        return filtered.isEmpty() ? "No project matches the search and filters" : "";
    }

    /** The row of the project this row is another environment of, when that project is loaded; else null. */
    public ProjectRowViewModel parentOf(ProjectRowViewModel row) {
        Long parent = row.project().parentId();
        return parent == null ? null : byId.get(parent);
    }

    /** The row of this project, or null. */
    ProjectRowViewModel row(long projectId) {
        return byId.get(projectId);
    }

    /** The rows' read times (oldest, newest). */
    ReadTimes readTimes() {
        return readTimes;
    }

    /** The rows, for the inventory view model that loads them. */
    ObservableList<ProjectRowViewModel> mutableRows() {
        return rows;
    }

    /**
     * Makes {@code next} the rows. When it holds the same rows in the same order (the usual end of a paged load,
     * or a refresh where nothing moved) the list is left alone: a replace of every row makes the table rebuild
     * all its cells, a pulse long enough to be felt with thousands of rows.
     */
    void replaceRows(List<ProjectRowViewModel> next) {
        if (!sameRows(rows, next)) {
            rows.setAll(next);
        }
    }

    private static boolean sameRows(List<ProjectRowViewModel> a, List<ProjectRowViewModel> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The Problems chip's tip: the states its filter keeps, in the GitHub column's words, from the model so it cannot
     * drift ("Projects shown as Unavailable, Token error, No installation or Couldn't load").
     */
    public static String problemsChipTip() {
        List<String> labels = Arrays.stream(ProjectState.values()).filter(ProjectState::isProblem)
                .map(ProjectState::label).toList();
        return "Projects shown as " + (labels.size() == 1 ? labels.get(0)
                : String.join(", ", labels.subList(0, labels.size() - 1)) + " or " + labels.get(labels.size() - 1));
    }

    /** Search (name, id, account, installation id, creator) and chips: Shared narrows; the state chips add up. */
    private Predicate<ProjectRowViewModel> filter() {
        String needle = searchText.get() == null ? "" : searchText.get().trim().toLowerCase(Locale.ROOT);
        boolean anyStatus = chipConnected.get() || chipNotConnected.get() || chipProblems.get();
        boolean c = chipConnected.get();
        boolean nc = chipNotConnected.get();
        boolean p = chipProblems.get();
        boolean shared = chipShared.get();
        return row -> {
            if (!row.matches(needle)) {
                return false;
            }
            if (shared && !row.isShared()) {
                return false;
            }
            if (!anyStatus) {
                return true;
            }
            RowState s = row.state();
            return (c && s == RowState.CONNECTED) || (nc && s == RowState.NOT_CONNECTED) || (p && s.isProblem());
        };
    }

    /** Clears the search and every chip. */
    public void clearFilters() {
        searchText.set("");
        chipConnected.set(false);
        chipNotConnected.set(false);
        chipShared.set(false);
        chipProblems.set(false);
    }

    /** Every row of the loaded organization, unfiltered. */
    public ObservableList<ProjectRowViewModel> rows() {
        return readOnlyRows;
    }

    /**
     * Places of the shown rows that a row moving to its sorted place must not disturb: the table's selected rows
     * (JavaFX drops the selection of a row outside the span a moved row is told to cross).
     */
    public void keepSelectedIn(java.util.function.Supplier<? extends List<Integer>> selectedPlaces) {
        sorted.keepInPermutations(selectedPlaces);
    }

    /** The rows as shown: filtered, then sorted by {@link #sortOrderProperty()} (bind it to the table's). */
    public ObservableList<ProjectRowViewModel> visibleRows() {
        return sorted;
    }

    /** The shown rows' order (null: the loaded order). */
    public ObjectProperty<java.util.Comparator<? super ProjectRowViewModel>> sortOrderProperty() {
        return sorted.comparatorProperty();
    }

    public StringProperty searchTextProperty() {
        return searchText;
    }

    public BooleanProperty chipConnectedProperty() {
        return chipConnected;
    }

    public BooleanProperty chipNotConnectedProperty() {
        return chipNotConnected;
    }

    public BooleanProperty chipSharedProperty() {
        return chipShared;
    }

    public BooleanProperty chipProblemsProperty() {
        return chipProblems;
    }

    /** The time of the last tick (once a second), for the rows' ages. */
    public javafx.beans.value.ObservableValue<java.time.Instant> nowProperty() {
        return now;
    }

    void tick(java.time.Instant at) {
        now.set(at);
    }

    /** The project whose details show. */
    public ObjectProperty<ProjectRowViewModel> selectedRowProperty() {
        return selectedRow;
    }

    /** The projects selected in the table (several with Ctrl/Shift), for bulk actions; kept by the table view. */
    public ObservableList<ProjectRowViewModel> selectedRows() {
        return selectedRows;
    }
}
