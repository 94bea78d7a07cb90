package dev.hoglink.ui.inventory;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import javafx.collections.ListChangeListener;
import javafx.scene.control.IndexedCell;
import javafx.scene.control.TableView;
import javafx.scene.control.skin.VirtualFlow;

/**
 * Tells which rows the table shows on screen, in order, whenever that changes: a scroll, a filter or search, a
 * sort, a resize. The inventory reads those rows first, so the order follows the user.
 */
final class ScreenRows {

    /** Rows assumed on screen before the table has laid any out (a 700 px window shows about this many). */
    static final int BEFORE_LAYOUT = 30;

    private final TableView<ProjectRowViewModel> table;
    private final Consumer<List<ProjectRowViewModel>> onChange;
    private List<ProjectRowViewModel> last = List.of();

    private ScreenRows(TableView<ProjectRowViewModel> table, Consumer<List<ProjectRowViewModel>> onChange) {
        this.table = table;
        this.onChange = onChange;
    }

    static void follow(TableView<ProjectRowViewModel> table, Consumer<List<ProjectRowViewModel>> onChange) {
        ScreenRows s = new ScreenRows(table, onChange);
        table.getItems().addListener((ListChangeListener<ProjectRowViewModel>) c -> {
            while (c.next()) {
                if (c.wasAdded() || c.wasRemoved() || c.wasPermutated()) {
                    s.report(); // a status update does not move rows; a filter, a sort or new rows do
                    return;
                }
            }
        });
        // After every layout pulse (a scroll, a resize, a sort, cells laid out anew): 30-odd rows compared.
        Runnable afterLayout = s::report;
        table.sceneProperty().addListener((o, was, now) -> {
            if (was != null) {
                was.removePostLayoutPulseListener(afterLayout);
            }
            if (now != null) {
                now.addPostLayoutPulseListener(afterLayout);
            }
        });
        if (table.getScene() != null) {
            table.getScene().addPostLayoutPulseListener(afterLayout);
        }
    }

    /** The rows on screen now, first to last. */
    List<ProjectRowViewModel> rows() {
        List<ProjectRowViewModel> items = table.getItems();
        int first = 0;
        int last = Math.min(items.size(), BEFORE_LAYOUT) - 1;
        if (table.lookup(".virtual-flow") instanceof VirtualFlow<?> flow && flow.getFirstVisibleCell() != null) {
            IndexedCell<?> a = flow.getFirstVisibleCell();
            IndexedCell<?> b = flow.getLastVisibleCell();
            first = Math.max(0, a.getIndex());
            last = Math.min(items.size() - 1, b == null ? first + BEFORE_LAYOUT : b.getIndex());
        }
        List<ProjectRowViewModel> rows = new ArrayList<>(Math.max(0, last - first + 1));
        for (int i = first; i <= last && i < items.size(); i++) {
            rows.add(items.get(i));
        }
        return rows;
    }

    private void report() {
        List<ProjectRowViewModel> now = rows();
        if (!now.equals(last)) {
            last = now;
            onChange.accept(now);
        }
    }
}
