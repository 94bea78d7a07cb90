package dev.hoglink.ui.audit;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.ui.common.StateTone;
import dev.hoglink.ui.theme.AppIcon;
import java.util.ArrayList;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import javafx.scene.shape.CubicCurve;
import javafx.scene.shape.Line;
import javafx.util.Duration;

/**
 * The audit's installation → projects diagram, drawn with plain shapes (a label per installation, a chip per
 * shown project, a curve between them), in as many columns as the width allows.
 *
 * <p>The diagram is one stop for Tab, however many nodes it has: Tab enters it on the node last visited (the first at
 * the start) and the next Tab leaves it. Inside, Down and Up walk the nodes in order (an installation, then its
 * projects), Right goes from an installation to its first project and from a project to the next installation,
 * Left back to the installation, Home and End to the first and last; Enter or Space does what a click does. As in
 * a list, the selection follows the focus: the installation or project that has the focus is the one Details
 * describes, whether the keyboard or a click put it there (a click focuses the node, so the next arrow key goes on
 * from it). Hovering shows a node's tip and changes nothing else, so Details never names another node than the one
 * with the ring. A focused node scrolls into view, and keeps its focus when the diagram is drawn again (a group
 * expanded, the window resized, the audit reloaded).
 */
final class AuditDiagram {

    static final double NODE_WIDTH = 180;
    static final double PROJECT_X = 230;
    static final double PROJECT_WIDTH = 150;
    static final double COLUMN_WIDTH = 390;
    static final double ROW = 30;
    static final double GROUP_GAP = 22;
    /** Groups with more rows than this are drawn with one trunk line and a sticky label. */
    static final int TRUNK_ROWS = 8;

    private final AuditViewModel vm;
    private final ScrollPane diagramScroll;
    private final Pane diagramPane;
    private int columns = -1;
    private final List<StickyLabel> sticky = new ArrayList<>();
    /** The keyboard's stops in the order Tab visits them. */
    private final List<Stop> stops = new ArrayList<>();
    /** The id of the node Tab enters the diagram on: the one last focused. */
    private String current;

    AuditDiagram(AuditViewModel vm, ScrollPane diagramScroll, Pane diagramPane) {
        this.vm = vm;
        this.diagramScroll = diagramScroll;
        this.diagramPane = diagramPane;
        diagramPane.setAccessibleText("Installations and their projects");
        diagramPane.setAccessibleHelp("Arrow keys move between installations and projects; Details shows the one "
                + "with the focus");
        diagramScroll.vvalueProperty().addListener((o, a, b) -> keepLabelsInView());
        diagramScroll.viewportBoundsProperty().addListener((o, a, b) -> keepLabelsInView());
    }

    /** The columns of the last drawing. */
    int columns() {
        return columns;
    }


    /**
     * How wide a project's chip may be in this column: {@link #PROJECT_WIDTH} beside a next column, and up to the
     * view's right edge in the last one, so "Stark Web Staging" is not cut beside hundreds of empty pixels.
     */
    double chipWidth(int col, double width) {
        if (col < columns - 1) {
            return PROJECT_WIDTH;
        }
        return Math.max(PROJECT_WIDTH, width - (16 + col * COLUMN_WIDTH + PROJECT_X) - 16);
    }

    int columnsFor(double width) {
        return Math.max(1, (int) ((width - 16) / COLUMN_WIDTH));
    }

    /** Lays the groups out in columns, each next group in the shortest column. */
    void draw() {
        String focused = focusedId();
        sticky.clear();
        stops.clear();
        List<Node> nodes = new ArrayList<>();
        List<Node> edges = new ArrayList<>();
        double width = diagramScroll.getViewportBounds() == null ? 0 : diagramScroll.getViewportBounds().getWidth();
        columns = columnsFor(width);
        double[] heights = new double[columns];
        java.util.Arrays.fill(heights, 16);
        if (vm.diagram().isEmpty()) {
            Label empty = new Label(vm.busyProperty().get() || vm.reportProperty().get() == null
                    ? "The diagram appears once the audit is read." : "No installation and no project.");
            empty.getStyleClass().add("diagram-empty");
            empty.relocate(16, 16);
            nodes.add(empty);
        }
        for (DiagramGroup g : vm.diagram()) {
            int col = 0;
            for (int i = 1; i < heights.length; i++) {
                if (heights[i] < heights[col]) {
                    col = i;
                }
            }
            double x0 = 16 + col * COLUMN_WIDTH;
            double top = heights[col];
            int rows = g.shown().size() + (g.hidden() > 0 || g.expanded() ? 1 : 0);
            double blockHeight = Math.max(ROW, rows * ROW);
            // The installation at the top of its projects, not beside their middle: an expanded group of 80 would
            // put it 1,000 px below its first project. While such a group scrolls, its label stays in view.
            int group = stops.isEmpty() ? 0 : stops.get(stops.size() - 1).group() + 1;
            Label inst = installationNode(g);
            stops.add(new Stop(inst, group, true));
            double instY = top;
            inst.relocate(x0, instY);
            nodes.add(inst);
            double startX = x0 + NODE_WIDTH;
            double startY = instY + 16;
            boolean trunk = rows > TRUNK_ROWS;
            if (trunk) { // one line down the group, a short branch to each project: readable at any length
                double trunkX = startX + 24;
                Line down = new Line(trunkX, startY, trunkX, top + (rows - 1) * ROW + 13);
                Line out = new Line(startX, startY, trunkX, startY);
                down.getStyleClass().add("diagram-edge");
                out.getStyleClass().add("diagram-edge");
                edges.add(down);
                edges.add(out);
                sticky.add(new StickyLabel(inst, top, top + blockHeight));
            }
            for (int r = 0; r < rows; r++) {
                double y = top + r * ROW;
                Label chip;
                if (r < g.shown().size()) {
                    chip = projectChip(g, g.shown().get(r));
                } else {
                    chip = moreChip(g);
                }
                stops.add(new Stop(chip, group, false));
                chip.relocate(x0 + PROJECT_X, y + 2);
                chip.setMaxWidth(chipWidth(col, width));
                nodes.add(chip);
                double endX = x0 + PROJECT_X;
                double endY = y + 13;
                javafx.scene.shape.Shape edge = trunk ? new Line(startX + 24, endY, endX, endY)
                        : new CubicCurve(startX, startY, startX + 30, startY, endX - 30, endY, endX, endY);
                edge.getStyleClass().add("diagram-edge");
                if (r < g.shown().size()) {
                    String sev = chipSeverity(g, g.shown().get(r));
                    if (!sev.isEmpty()) {
                        edge.getStyleClass().add(sev);
                    }
                }
                edges.add(edge);
            }
            heights[col] = top + blockHeight + GROUP_GAP;
        }
        double maxHeight = 0;
        for (double h : heights) {
            maxHeight = Math.max(maxHeight, h);
        }
        List<Node> all = new ArrayList<>(edges);
        all.addAll(nodes);
        diagramPane.getChildren().setAll(all);
        diagramPane.setPrefSize(16 + columns * COLUMN_WIDTH, maxHeight + 16);
        diagramPane.setMinHeight(maxHeight + 16);
        keepLabelsInView();
        refocus(focused);
    }

    // ------------------------------------------------------------------ keyboard

    /** One keyboard stop: a node, the index of its group, and whether it is the group's installation. */
    private record Stop(Label node, int group, boolean installation) {
    }

    /** The id of the diagram node that has the focus, or null when the focus is elsewhere. */
    private String focusedId() {
        if (diagramPane.getScene() == null) {
            return null;
        }
        Node owner = diagramPane.getScene().getFocusOwner();
        return owner != null && owner.getParent() == diagramPane ? owner.getId() : null;
    }

    /**
     * After a drawing: the node last visited (same id, else the first) is again the one Tab enters on, and gets the
     * focus back when {@code focused} says a diagram node had it.
     */
    private void refocus(String focused) {
        if (stops.isEmpty()) {
            return;
        }
        Label entry = stops.stream().map(Stop::node).filter(n -> n.getId() != null && n.getId().equals(current))
                .findFirst().orElse(stops.get(0).node());
        makeCurrent(entry);
        if (focused != null) {
            entry.requestFocus();
        }
    }

    /** Makes {@code node} the diagram's one Tab stop. */
    private void makeCurrent(Label node) {
        for (Stop s : stops) {
            s.node().setFocusTraversable(s.node() == node);
        }
        current = node.getId();
    }

    /**
     * Makes {@code node} a stop for the keyboard and the mouse: a press focuses it, a click and Enter or Space run
     * {@code action}, and gaining the focus runs {@code onFocus} (showing the node's details; null for none).
     */
    private void keyboard(Label node, Runnable action, Runnable onFocus, String help) {
        node.setFocusTraversable(false); // the current node alone is a Tab stop: see makeCurrent
        node.setAccessibleRole(javafx.scene.AccessibleRole.BUTTON);
        node.setAccessibleHelp(help);
        node.setOnMousePressed(e -> {
            if (e.isPrimaryButtonDown()) {
                node.requestFocus();
                e.consume(); // or the scroll pane around takes the focus for itself
            }
        });
        node.setOnMouseClicked(e -> {
            if (e.getButton() == javafx.scene.input.MouseButton.PRIMARY) {
                action.run();
            }
        });
        node.setOnKeyPressed(e -> {
            Label target = switch (e.getCode()) {
                case ENTER, SPACE -> {
                    action.run();
                    yield node;
                }
                case DOWN -> step(node, 1);
                case UP -> step(node, -1);
                case RIGHT -> sideways(node, 1);
                case LEFT -> sideways(node, -1);
                case HOME -> stops.isEmpty() ? null : stops.get(0).node();
                case END -> stops.isEmpty() ? null : stops.get(stops.size() - 1).node();
                default -> null;
            };
            if (target != null) { // consumed, or the scroll pane around would scroll instead
                e.consume();
                if (target != node && target.getScene() != null) {
                    target.requestFocus();
                }
            }
        });
        node.focusedProperty().addListener((o, was, is) -> {
            if (is) {
                makeCurrent(node);
                reveal(node);
                if (onFocus != null) {
                    onFocus.run();
                }
            }
        });
    }

    private int indexOf(Label node) {
        for (int i = 0; i < stops.size(); i++) {
            if (stops.get(i).node() == node) {
                return i;
            }
        }
        return -1;
    }

    /** The next ({@code +1}) or previous stop, or the node itself at either end. */
    private Label step(Label node, int by) {
        int i = indexOf(node);
        if (i < 0) {
            return node;
        }
        return stops.get(Math.max(0, Math.min(stops.size() - 1, i + by))).node();
    }

    /**
     * Right: from an installation to its first project, from a project to the next installation; Left: from a project
     * to its installation, from an installation to the one before.
     */
    private Label sideways(Label node, int by) {
        int i = indexOf(node);
        if (i < 0) {
            return node;
        }
        Stop here = stops.get(i);
        if (by > 0 && here.installation() && i + 1 < stops.size() && stops.get(i + 1).group() == here.group()) {
            return stops.get(i + 1).node();
        }
        int wanted = here.installation() || by > 0 ? here.group() + by : here.group();
        return stops.stream().filter(s -> s.installation() && s.group() == wanted).map(Stop::node).findFirst()
                .orElse(node);
    }

    /** Scrolls the diagram just enough to show {@code node} and its focus ring. */
    private void reveal(Node node) {
        javafx.geometry.Bounds view = diagramScroll.getViewportBounds();
        double content = diagramPane.getHeight() > 0 ? diagramPane.getHeight() : diagramPane.getMinHeight();
        if (view == null || content <= view.getHeight()) {
            return;
        }
        double extra = content - view.getHeight();
        double viewTop = diagramScroll.getVvalue() * extra;
        javafx.geometry.Bounds b = node.getBoundsInParent();
        double top = b.getMinY() - 8;
        double bottom = b.getMaxY() + 8;
        if (top < viewTop) {
            diagramScroll.setVvalue(Math.max(0, top) / extra);
        } else if (bottom > viewTop + view.getHeight()) {
            diagramScroll.setVvalue(Math.min(extra, bottom - view.getHeight()) / extra);
        }
    }

    /**
     * Keeps the label of each long group at the top of the visible part of that group while it scrolls, never
     * above the group's first project nor below its last.
     */
    void keepLabelsInView() {
        javafx.geometry.Bounds view = diagramScroll.getViewportBounds();
        double contentHeight = diagramPane.getHeight() > 0 ? diagramPane.getHeight() : diagramPane.getMinHeight();
        double viewTop = view == null ? 0
                : Math.max(0, diagramScroll.getVvalue() * Math.max(0, contentHeight - view.getHeight()));
        for (StickyLabel s : sticky) {
            double wanted = viewTop + 8 - s.top();
            double max = Math.max(0, s.bottom() - s.top() - 34);
            s.label().setTranslateY(Math.max(0, Math.min(wanted, max)));
        }
    }

    /** Where a long group's label sits now (its translate follows the scroll), for tests. */
    static double labelY(Label l) {
        return l.getLayoutY() + l.getTranslateY();
    }

    private record StickyLabel(Label label, double top, double bottom) {
    }

    private Label installationNode(DiagramGroup g) {
        Label l = new Label(g.label() + (g.notConnected() ? "" : "  ·  " + g.total()));
        l.getStyleClass().add("diagram-installation");
        l.setPrefWidth(NODE_WIDTH);
        l.setMinHeight(32);
        l.setAlignment(Pos.CENTER_LEFT);
        if (g.notConnected()) {
            // the group's state as the projects table shows it: its icon and tone
            l.getStyleClass().add(StateTone.of(g.state()).css());
            l.setGraphic(switch (g.state()) {
                case NO_INSTALLATION -> AppIcon.WARNING.node();
                case UNKNOWN -> AppIcon.LOAD_FAILED.node();
                default -> AppIcon.NOT_CONNECTED.node();
            });
        } else {
            boolean user = g.accountType() == AccountType.USER;
            l.setGraphic(user ? AppIcon.USER.node() : AppIcon.ORGANIZATION.node());
            StateTone tone = StateTone.of(ProjectState.of(g.status()));
            if (tone == StateTone.BAD || tone == StateTone.WARN) {
                l.getStyleClass().add(tone.css());
            }
        }
        Tooltip tip = new Tooltip(g.detail());
        tip.setShowDelay(Duration.millis(300));
        tip.setMaxWidth(420);
        tip.setWrapText(true);
        l.setTooltip(tip);
        l.setAccessibleText(g.detail());
        l.setId("diagram-" + g.key());
        keyboard(l, () -> vm.select(g), () -> vm.select(g),
                "Details shows it while it has the focus; Down or Right goes to its projects");
        return l;
    }

    private Label projectChip(DiagramGroup g, ProjectAudit p) {
        // an environment by its own name, its project in the tip: a cut "Stark Web / St…" read as Stark Web itself
        Label chip = new Label(p.project().ownName());
        chip.getStyleClass().add("diagram-project");
        String sev = chipSeverity(g, p);
        if (!sev.isEmpty()) {
            chip.getStyleClass().add(sev);
        }
        chip.setMaxWidth(PROJECT_WIDTH);
        chip.setTooltip(new Tooltip(AuditTexts.chipTip(p)));
        chip.setId("chip-" + g.key() + "-" + p.id());
        chip.setAccessibleText(AuditTexts.chipTip(p) + " · in " + g.label());
        keyboard(chip, () -> vm.select(p), () -> vm.select(p),
                "Details shows it while it has the focus; Left goes to its installation");
        return chip;
    }

    /**
     * A chip's colour: under an installation, the state of the project's rows with that installation; in a group of
     * projects that name none, the project's state. As the projects table colours that state; "" for connected and
     * not connected, which the diagram leaves plain.
     */
    static String chipSeverity(DiagramGroup g, ProjectAudit p) {
        ProjectState state = g.notConnected() ? p.state() : ProjectState.of(p.links().stream()
                .filter(k -> g.key().equals(k.installationId())).toList());
        StateTone tone = StateTone.of(state);
        return tone == StateTone.BAD || tone == StateTone.WARN ? tone.css() : "";
    }

    private Label moreChip(DiagramGroup g) {
        Label more = new Label(g.expanded() ? "Show fewer" : "+" + g.hidden() + " projects");
        more.getStyleClass().add("diagram-more");
        more.setId("more-" + g.key());
        more.setAccessibleText(g.expanded() ? "Collapse " + g.label() : "Show all projects of " + g.label());
        keyboard(more, () -> vm.toggleExpanded(g.key()), null,
                g.expanded() ? "Enter shows fewer" : "Enter shows them all");
        return more;
    }

}
