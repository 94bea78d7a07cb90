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
            split.getProperties().put(WANTED, positions.clone());
        }
    }

    private static final String WANTED = "hoglink.wantedDividers";

    /**
     * Keeps the divider where the user put it. A SplitPane pushes its divider aside when the window gets too narrow
     * for its sides' minimum widths and leaves it there when the window grows again, so columns stay hidden. This
     * remembers the positions set by a drag (or {@link #restore}) and asks for them again whenever the width changes;
     * the SplitPane still clamps them while the window is narrow.
     */
    public static void keepDividers(SplitPane split) {
        split.getProperties().put(WANTED, split.getDividerPositions());
        boolean[] dragging = {false};
        split.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_PRESSED, e -> {
            for (javafx.scene.Node n = e.getPickResult().getIntersectedNode(); n != null && n != split; n = n.getParent()) {
                if (n.getStyleClass().contains("split-pane-divider")) {
                    dragging[0] = true;
                    return;
                }
            }
        });
        split.addEventFilter(javafx.scene.input.MouseEvent.MOUSE_RELEASED, e -> {
            if (dragging[0]) {
                dragging[0] = false;
                split.getProperties().put(WANTED, split.getDividerPositions());
            }
        });
        split.widthProperty().addListener((o, a, b) -> {
            double[] wanted = wantedDividers(split);
            if (wanted.length == split.getDividers().size()) {
                split.setDividerPositions(wanted);
            }
        });
    }

    /** The positions the user chose (what {@link #keepDividers} restores), or the current ones. */
    public static double[] wantedDividers(SplitPane split) {
        return split.getProperties().get(WANTED) instanceof double[] d ? d.clone() : split.getDividerPositions();
    }
}
