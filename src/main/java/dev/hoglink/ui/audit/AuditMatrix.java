package dev.hoglink.ui.audit;

import dev.hoglink.model.LinkStatus;
import dev.hoglink.service.audit.AuditReport.InstallationAudit;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.collections.ListChangeListener;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.Tooltip;
import javafx.scene.control.skin.TableColumnHeader;

/**
 * The matrix table: the Project column, then one column per installation the filter keeps. The Project column
 * stays in place while the table scrolls sideways: its cells and header are shifted by the horizontal scroll
 * offset and drawn above the others. Rows are virtualised (only the visible ones exist); the table has no fixed
 * cell size, since with one the row skin drops the cells of columns scrolled out of view, the Project column's
 * among them.
 */
final class AuditMatrix {

    static final String PROJECT_COLUMN_ID = "matrixProjectColumn";

    private final TableView<MatrixRow> table;
    private final AuditMatrixViewModel vm;
    private final DoubleProperty scrollX = new SimpleDoubleProperty();
    private final TableColumn<MatrixRow, MatrixRow> project = new TableColumn<>("Project");
    private ScrollBar hbar;
    private Node header;

    AuditMatrix(TableView<MatrixRow> table, AuditMatrixViewModel vm) {
        this.table = table;
        this.vm = vm;
        project.setId(PROJECT_COLUMN_ID);
        project.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        project.setPrefWidth(180);
        project.setCellFactory(c -> new StickyCell());
        table.setItems(vm.visibleRows());
        table.setPlaceholder(new Label("No project matches the filters."));
        vm.visibleColumns().addListener((ListChangeListener<InstallationAudit>) c -> build());
        vm.rows().addListener((ListChangeListener<MatrixRow>) c -> fitProjectColumn());
        vm.visibleRows().addListener((ListChangeListener<MatrixRow>) c -> fitProjectColumn()); // a filter can hide a project
        scrollX.addListener((o, a, b) -> pinHeader());
        table.needsLayoutProperty().addListener((o, a, b) -> {
            if (!b) {
                attach();
            }
        });
        build();
    }

    /** The horizontal scroll offset the Project column is held against (0 when nothing is scrolled). */
    double scrollOffset() {
        return scrollX.get();
    }

    private void build() {
        fitProjectColumn();
        List<TableColumn<MatrixRow, ?>> cols = new ArrayList<>();
        cols.add(project);
        for (InstallationAudit i : vm.visibleColumns()) {
            cols.add(column(i));
        }
        table.getColumns().setAll(cols);
        header = null;
    }

    /**
     * Wide enough for the longest name shown (bold, about 8.5 px a character; an environment's, plain, about 8 px,
     * with its indent or the note of its project), within 180-360 px, or 480 px for an environment whose project's
     * row is not shown: at a fixed 180 px a long name was cut beside a thousand empty pixels, and the note's project
     * must not read "environment of project St…". Measured on the rows shown, since a filter can hide a project.
     */
    private void fitProjectColumn() {
        double longest = 0;
        boolean lone = false;
        for (MatrixRow r : vm.visibleRows()) {
            boolean environment = r.project().project().parentId() != null;
            boolean under = environment && vm.underItsProject(r);
            lone |= environment && !under;
            longest = Math.max(longest, !environment ? AuditTexts.matrixName(r.project()).length() * 8.5
                    : under ? AuditTexts.matrixName(r.project()).length() * 8 + 18 : cellText(r, false).length() * 8);
        }
        project.setPrefWidth(Math.min(lone ? 480 : 360, Math.max(180, longest + 30)));
    }

    /** "Stark Web Staging", or with no row of its project shown "Stark Web Staging · environment of project …". */
    private static String cellText(MatrixRow r, boolean under) {
        String note = under ? "" : AuditTexts.matrixNote(r.project());
        return AuditTexts.matrixName(r.project()) + (note.isEmpty() ? "" : " · " + note);
    }

    /** Finds the table's horizontal scroll bar and the Project column's header once they exist. */
    private void attach() {
        if (hbar == null) {
            for (Node n : table.lookupAll(".scroll-bar")) {
                if (n instanceof ScrollBar b && b.getOrientation() == Orientation.HORIZONTAL) {
                    hbar = b;
                    scrollX.bind(b.valueProperty());
                }
            }
        }
        if (header == null || header.getScene() == null) {
            header = table.lookupAll(".column-header").stream()
                    .filter(n -> n instanceof TableColumnHeader h && h.getTableColumn() == project)
                    .findFirst().orElse(null);
            pinHeader();
        }
    }

    private void pinHeader() {
        if (header != null) {
            header.setViewOrder(-1);
            header.setTranslateX(scrollX.get());
        }
    }

    private TableColumn<MatrixRow, LinkStatus> column(InstallationAudit i) {
        TableColumn<MatrixRow, LinkStatus> col = new TableColumn<>();
        col.setPrefWidth(Math.max(90, i.account().length() * 9 + 40));
        col.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue().cell(i.installationId()).orElse(null)));
        col.setCellFactory(c -> new StatusCell());
        Label head = new Label(i.account());
        head.setTooltip(new Tooltip(i.account() + " · installation " + i.installationId()));
        col.setGraphic(head);
        return col;
    }

    private static final javafx.css.PseudoClass OK = javafx.css.PseudoClass.getPseudoClass("ok");
    private static final javafx.css.PseudoClass WARN = javafx.css.PseudoClass.getPseudoClass("warn");
    private static final javafx.css.PseudoClass BAD = javafx.css.PseudoClass.getPseudoClass("bad");

    /**
     * A status cell: its style class is set once and its colour is a pseudo-class, so the 51 cells of each row
     * that comes into view change state without a change of their style class list (cheaper restyling).
     */
    private static final class StatusCell extends TableCell<MatrixRow, LinkStatus> {
        private LinkStatus shown;

        StatusCell() {
            getStyleClass().add("matrix-cell");
        }

        @Override
        protected void updateItem(LinkStatus s, boolean empty) {
            super.updateItem(s, empty);
            LinkStatus next = empty ? null : s;
            if (next != shown) {
                pseudoClassStateChanged(OK, next == LinkStatus.CONNECTED);
                pseudoClassStateChanged(WARN, next == LinkStatus.TOKEN_ERROR);
                pseudoClassStateChanged(BAD, next == LinkStatus.UNAVAILABLE);
                shown = next;
            }
            if (empty || s == null) {
                setText(empty ? null : "·");
                setAccessibleText(empty ? null : "not linked");
                return;
            }
            setText(switch (s) {
                case CONNECTED -> "✔";
                case TOKEN_ERROR -> "⚠";
                case UNAVAILABLE -> "✖";
            });
            setAccessibleText(AuditTexts.statusLabel(s));
        }
    }

    private static final javafx.css.PseudoClass UNDER_PROJECT = javafx.css.PseudoClass.getPseudoClass("under-project");
    private static final javafx.css.PseudoClass ENVIRONMENT = javafx.css.PseudoClass.getPseudoClass("environment");

    /**
     * A Project cell: held in place against the horizontal scroll, above the cells it covers. It names a row as the
     * projects table does: an environment by its own name, indented under its project's row, or, with no such row
     * shown, followed by its project (cut first when narrow: the name stays); the tip says its project either way.
     */
    private final class StickyCell extends TableCell<MatrixRow, MatrixRow> {
        private final Tooltip tip = new Tooltip();

        StickyCell() {
            getStyleClass().add("matrix-sticky");
            setViewOrder(-1);
            translateXProperty().bind(scrollX);
        }

        @Override
        protected void updateItem(MatrixRow row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setText(null);
                setTooltip(null);
                setAccessibleText(null);
                pseudoClassStateChanged(UNDER_PROJECT, false);
                pseudoClassStateChanged(ENVIRONMENT, false);
                return;
            }
            boolean under = vm.underItsProject(row);
            pseudoClassStateChanged(UNDER_PROJECT, under);
            pseudoClassStateChanged(ENVIRONMENT, row.project().project().parentId() != null);
            setText(cellText(row, under));
            tip.setText(AuditTexts.matrixTip(row.project()));
            setTooltip(tip);
            setAccessibleText(row.project().project().inText());
        }
    }
}
