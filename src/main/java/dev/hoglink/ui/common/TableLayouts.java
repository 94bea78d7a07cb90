package dev.hoglink.ui.common;

import dev.hoglink.ui.common.UiPreferences.ColumnState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** Captures and restores column order, widths and visibility, and split divider positions. */
public final class TableLayouts {

    private TableLayouts() {
    }

    public static List<ColumnState> capture(TableView<?> table) {
        List<ColumnState> out = new ArrayList<>();
        for (TableColumn<?, ?> c : table.getColumns()) {
            if (c.getId() != null) {
                out.add(new ColumnState(c.getId(), c.getWidth() > 0 ? c.getWidth() : c.getPrefWidth(), c.isVisible()));
            }
        }
        return out;
    }

    /** Applies saved states; unknown ids are skipped and columns missing from the list keep their place at the end. */
    public static <S> void restore(TableView<S> table, List<ColumnState> states) {
        if (states == null || states.isEmpty()) {
            return;
        }
        Map<String, TableColumn<S, ?>> byId = new HashMap<>();
        table.getColumns().forEach(c -> byId.put(c.getId(), c));
        List<TableColumn<S, ?>> ordered = new ArrayList<>();
        for (ColumnState s : states) {
            TableColumn<S, ?> c = byId.remove(s.id());
            if (c != null) {
                if (s.width() > 10) {
                    c.setPrefWidth(s.width());
                }
                c.setVisible(s.visible());
                ordered.add(c);
            }
        }
        table.getColumns().stream().filter(byId::containsValue).forEach(ordered::add);
        table.getColumns().setAll(ordered);
    }

    public static void restore(SplitPane split, double[] positions) {
        if (positions != null && positions.length == split.getDividers().size()) {
            split.setDividerPositions(positions);
        }
    }
}
