package dev.hoglink.ui.inventory;

import atlantafx.base.theme.Styles;
import atlantafx.base.theme.Tweaks;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.ui.common.HoverTip;
import dev.hoglink.ui.common.TableLayouts;
import dev.hoglink.ui.common.UiPreferences;
import dev.hoglink.ui.theme.AppIcon;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.value.ObservableValue;
import javafx.fxml.FXML;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The projects table ({@code ProjectsTable.fxml}): one row per project with its GitHub status, account,
 * installation, repositories, sharing and who linked it. Binds to the {@link InventoryViewModel}'s rows and
 * selection; Enter or a double click opens the row's details.
 */
public final class ProjectsTableView {

    static final String TABLE_ID = "projectsTable";

    private final InventoryViewModel vm;
    private final ZoneId zone;
    private Label placeholderLabel;
    private Runnable onOpenDetails = () -> { };
    private Runnable onConnect = () -> { };
    private Runnable onOpenSandbox = () -> { };

    @FXML private TableView<ProjectRowViewModel> projectsTable;
    @FXML private TableColumn<ProjectRowViewModel, ProjectRowViewModel> projectColumn;
    @FXML private TableColumn<ProjectRowViewModel, ProjectCells.StatusCell> statusColumn;
    @FXML private TableColumn<ProjectRowViewModel, ProjectCells.AccountCell> accountColumn;
    @FXML private TableColumn<ProjectRowViewModel, String> installationColumn;
    @FXML private TableColumn<ProjectRowViewModel, ProjectCells.ReposCell> reposColumn;
    @FXML private TableColumn<ProjectRowViewModel, Integer> sharedColumn;
    @FXML private TableColumn<ProjectRowViewModel, GitHubLink> createdColumn;
    @FXML private TableColumn<ProjectRowViewModel, Instant> readColumn;

    public ProjectsTableView(InventoryViewModel vm, ZoneId zone) {
        this.vm = Objects.requireNonNull(vm);
        this.zone = zone;
    }

    @FXML
    private void initialize() {
        bindProjectsTable();
        ScreenRows.follow(projectsTable, vm::showing);
        // Tab into a table with no row selected moved an invisible focus (the theme draws no focused, unselected
        // row): the keyboard's arrival selects the first row, as the focus shortcut does (focusTable).
        projectsTable.focusVisibleProperty().addListener((o, was, byKeyboard) -> {
            if (byKeyboard && projectsTable.getSelectionModel().isEmpty() && !projectsTable.getItems().isEmpty()) {
                focusTable();
            }
        });
    }

    /** What happens after Enter or a double click chose a row (the frame moves the focus to the details). */
    public void setOnOpenDetails(Runnable r) {
        this.onOpenDetails = Objects.requireNonNull(r);
    }

    /** What the empty window's "Connect to PostHog…" and "Open the sandbox" buttons do. */
    public void setNextSteps(Runnable connect, Runnable openSandbox) {
        this.onConnect = Objects.requireNonNull(connect);
        this.onOpenSandbox = Objects.requireNonNull(openSandbox);
    }

    /** Whether the table has laid out at least one project row (the start-up probe asks). */
    public boolean showsProjectRows() {
        return projectsTable.lookupAll(".table-row-cell").stream()
                .anyMatch(n -> n instanceof javafx.scene.control.TableRow<?> r && r.isVisible() && !r.isEmpty());
    }

    /** Restores column order, widths and visibility from preferences. */
    public void restoreLayout(UiPreferences prefs) {
        TableLayouts.restore(projectsTable, prefs.columns.get(TABLE_ID));
    }

    /** Writes the column layout into preferences. */
    public void captureLayout(UiPreferences prefs) {
        prefs.columns.put(TABLE_ID, TableLayouts.capture(projectsTable));
    }

    /** The text the empty table shows (for tests). */
    public String placeholderText() {
        return placeholderLabel.getText();
    }

    /** Moves the focus into the table, selecting the first row when none is. */
    public void focusTable() {
        projectsTable.requestFocus();
        if (projectsTable.getSelectionModel().isEmpty() && !projectsTable.getItems().isEmpty()) {
            projectsTable.getSelectionModel().selectFirst();
            projectsTable.getFocusModel().focus(0);
        }
    }

    /** Enter on a row: shows that project in the detail pane and moves the focus there. */
    private void openDetails() {
        ProjectRowViewModel row = projectsTable.getSelectionModel().getSelectedItem();
        if (row == null) {
            int focused = projectsTable.getFocusModel().getFocusedIndex();
            if (focused < 0) {
                return;
            }
            projectsTable.getSelectionModel().select(focused);
            row = projectsTable.getSelectionModel().getSelectedItem();
        }
        vm.selectedRowProperty().set(row);
        onOpenDetails.run();
    }

    private void bindProjectsTable() {
        projectsTable.setId(TABLE_ID);
        projectsTable.setItems(vm.table().visibleRows());
        // The table keeps where a Shift selection starts (its anchor) as a place in the shown list. When a search or a
        // chip changes which rows show, that place names another row: Shift+Down after clearing a search grew the
        // selection from the first row, not from the chosen one. The anchor is forgotten then, so Shift+arrow starts
        // at the focused row, which follows the chosen project. ("anchor" and "isDefaultAnchor" are the keys
        // JavaFX's table behaviour keeps it under in the control's properties.)
        projectsTable.getItems().addListener((javafx.collections.ListChangeListener<ProjectRowViewModel>) c -> {
            while (c.next()) {
                if (!c.wasPermutated() && !c.wasUpdated()) {
                    projectsTable.getProperties().remove("anchor");
                    projectsTable.getProperties().remove("isDefaultAnchor");
                    return;
                }
            }
        });
        // The sorted list sorts by keys read from the rows (RowOrder), following the table's sort order.
        projectsTable.setSortPolicy(t -> true);
        projectsTable.getStyleClass().addAll(Styles.STRIPED, Tweaks.EDGE_TO_EDGE);
        projectsTable.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY);
        Label placeholder = new Label();
        placeholder.textProperty().bind(vm.placeholderTextProperty());
        placeholder.getStyleClass().addAll(Styles.TEXT_MUTED, Styles.TITLE_4);
        placeholder.graphicProperty().bind(Bindings.createObjectBinding(
                () -> vm.connectedProperty().get() ? null : AppIcon.NO_CONNECTION.node("placeholder-icon"),
                vm.connectedProperty()));
        placeholder.setContentDisplay(javafx.scene.control.ContentDisplay.TOP);
        Label hint = new Label("Connect to PostHog, or open the built-in sandbox, to see your organization's projects.");
        hint.getStyleClass().add(Styles.TEXT_MUTED);
        hint.setWrapText(true);
        hint.setMaxWidth(360);
        hint.setTextAlignment(javafx.scene.text.TextAlignment.CENTER);
        hint.visibleProperty().bind(vm.connectedProperty().not());
        hint.managedProperty().bind(hint.visibleProperty());
        javafx.scene.control.Button sandboxButton = new javafx.scene.control.Button("Open the sandbox");
        sandboxButton.setId("placeholderSandboxButton");
        sandboxButton.setOnAction(e -> onOpenSandbox.run());
        javafx.scene.control.Button connectButton = new javafx.scene.control.Button("Connect to PostHog…");
        connectButton.setId("placeholderConnectButton");
        connectButton.getStyleClass().add(Styles.ACCENT);
        connectButton.setOnAction(e -> onConnect.run());
        javafx.scene.layout.HBox nextSteps = new javafx.scene.layout.HBox(8, connectButton, sandboxButton);
        nextSteps.setAlignment(Pos.CENTER);
        nextSteps.visibleProperty().bind(vm.connectedProperty().not());
        nextSteps.managedProperty().bind(nextSteps.visibleProperty());
        VBox placeholderBox = new VBox(6, placeholder, hint, nextSteps);
        placeholderBox.setAlignment(Pos.CENTER);
        placeholderBox.setId("tablePlaceholder");
        projectsTable.setPlaceholder(placeholderBox);
        placeholderLabel = placeholder;

        projectColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue()));
        projectColumn.setComparator(Comparator.comparing(r -> r.name().toLowerCase(Locale.ROOT)));
        // Cells keep their nodes and only change their text: a 2,000-row load updates visible rows many times
        // a second, and new nodes on every update (each with its CSS pass) stalled the FX thread.
        // The name is the cell's own text and the id its graphic: one node more per row instead of a box and
        // two labels, which the first frame with rows (and every scroll) would style and lay out.
        projectColumn.setCellFactory(col -> new TableCell<>() {
            private final javafx.scene.text.Text id = new javafx.scene.text.Text();

            {
                getStyleClass().add("project-cell");
                id.getStyleClass().add("project-id");
                setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
                setGraphicTextGap(6);
            }

            @Override
            protected void updateItem(ProjectRowViewModel row, boolean empty) {
                super.updateItem(row, empty);
                if (empty || row == null) {
                    setGraphic(null);
                    setText(null);
                    return;
                }
                // Another environment of the project shown above it: its own name, indented under the project.
                boolean under = vm.table().parentOf(row) != null;
                if (under != getStyleClass().contains("environment-cell")) {
                    if (under) {
                        getStyleClass().add("environment-cell");
                    } else {
                        getStyleClass().remove("environment-cell");
                    }
                }
                setText(under ? row.project().environment() : row.name());
                id.setText("id " + row.id());
                setGraphic(id);
                setAccessibleText(under ? row.project().environment() + ", environment of "
                        + vm.table().parentOf(row).name() + ", id " + row.id() : row.name() + ", id " + row.id());
            }
        });

        statusColumn.setCellValueFactory(c -> statusOf(c.getValue()));
        statusColumn.setComparator(Comparator.comparing(ProjectCells.StatusCell::state).thenComparing(ProjectCells.StatusCell::detail));
        statusColumn.setCellFactory(col -> new ProjectCells.StatusTableCell(vm::retry));

        accountColumn.setCellValueFactory(c -> Bindings.createObjectBinding(
                () -> ProjectCells.AccountCell.of(c.getValue()), c.getValue().linksProperty()));
        accountColumn.setComparator(Comparator.nullsLast(Comparator.comparing(
                (ProjectCells.AccountCell a) -> Objects.toString(a.link().accountName(), "").toLowerCase(Locale.ROOT))));
        // The account's name is the cell's own text and its icon (organization or user; the word would be cut in a
        // narrow column) the graphic: no box or labels of its own, which each row of the first frame would style and
        // lay out. One icon whose glyph changes, hidden rather than removed: a node added again is styled anew.
        accountColumn.setCellFactory(col -> new TableCell<>() {
            private final org.kordamp.ikonli.javafx.FontIcon icon = AppIcon.ORGANIZATION.node();
            private final HoverTip tip = HoverTip.on(this);
            // A project on more installations: the name takes the ellipsis, the count never shrinks ("acme-secret …"
            // hid the "+ 1"). Made on the first such row; the cell's text stays "acme + 1" for its tip and reader.
            private javafx.scene.control.Label name;
            private javafx.scene.control.Label count;
            private javafx.scene.layout.HBox box;

            {
                setGraphic(icon);
                setGraphicTextGap(6);
            }

            private void showCount(String account, int others) {
                if (others == 0) {
                    if (getGraphic() != icon) {
                        box.getChildren().remove(icon);
                        setGraphic(icon);
                        setContentDisplay(javafx.scene.control.ContentDisplay.LEFT);
                    }
                    return;
                }
                if (box == null) {
                    name = new javafx.scene.control.Label();
                    name.setMinWidth(0);
                    name.getStyleClass().add("account-name");
                    count = new javafx.scene.control.Label();
                    count.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
                    count.getStyleClass().add("account-count");
                    name.textFillProperty().bind(textFillProperty()); // the row's colour, selected or not
                    count.textFillProperty().bind(textFillProperty());
                    name.fontProperty().bind(fontProperty());
                    name.ellipsisStringProperty().bind(ellipsisStringProperty());
                    count.fontProperty().bind(fontProperty());
                    box = new javafx.scene.layout.HBox(6);
                    box.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
                    box.setMinWidth(0);
                }
                name.setText(account);
                count.setText("+ " + others);
                if (getGraphic() != box) {
                    box.getChildren().setAll(icon, name, count);
                    setGraphic(box);
                    setContentDisplay(javafx.scene.control.ContentDisplay.GRAPHIC_ONLY);
                }
            }

            @Override
            protected void updateItem(ProjectCells.AccountCell a, boolean empty) {
                super.updateItem(a, empty);
                if (empty || a == null) {
                    showCount(null, 0);
                    icon.setVisible(false);
                    setText(null);
                    tip.setText(null);
                    return;
                }
                icon.setVisible(true);
                GitHubLink l = a.link();
                setText(a.text());
                showCount(a.name(), a.others());
                org.kordamp.ikonli.Ikon glyph = (l.accountType() == AccountType.USER ? AppIcon.USER : AppIcon.ORGANIZATION).ikon();
                if (icon.getIconCode() != glyph) {
                    icon.setIconCode(glyph);
                }
                String more = a.others() > 0 ? ", and " + a.others() + " more GitHub integration"
                        + (a.others() == 1 ? "" : "s") : "";
                tip.setText(a.text() + " (" + l.accountType().label() + ")" + more);
                setAccessibleText(a.text() + ", " + l.accountType().label() + more);
            }
        });

        installationColumn.setCellValueFactory(c -> text(c.getValue(), ProjectRowViewModel::installationId));
        installationColumn.setComparator(Comparator.comparing((String s) -> s.isEmpty() ? Long.MAX_VALUE : parse(s)));

        reposColumn.setCellValueFactory(c -> Bindings.createObjectBinding(() -> reposOf(c.getValue()),
                c.getValue().linksProperty(), c.getValue().repoCountProperty()));
        reposColumn.setComparator(Comparator.comparingInt(ProjectCells.ReposCell::count));
        reposColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(ProjectCells.ReposCell r, boolean empty) {
                super.updateItem(r, empty);
                setText(empty || r == null ? null : r.text());
            }
        });

        sharedColumn.setCellValueFactory(c -> Bindings.createObjectBinding(() -> c.getValue().linksKnown()
                        && !c.getValue().links().isEmpty() ? c.getValue().sharedWith() : -1,
                c.getValue().sharedWithProperty(), c.getValue().linksProperty()));
        sharedColumn.setCellFactory(col -> new TableCell<>() {
            private final javafx.scene.Node icon = AppIcon.SHARED.node(); // made once per cell
            private final HoverTip tip = HoverTip.on(this);

            @Override
            protected void updateItem(Integer n, boolean empty) {
                super.updateItem(n, empty);
                ProjectRowViewModel row = getTableRow() == null ? null : getTableRow().getItem();
                if (empty || n == null || n < 0 || row == null) {
                    setText(null);
                    setGraphic(null);
                    tip.setText(null);
                    return;
                }
                // Short enough for the column's width; the accessible text and the tip say it whole.
                setText(row.sharingText());
                setAccessibleText(row.sharingDescription());
                tip.setText(row.sharingTip());
                setGraphic(row.isShared() ? icon : null); // shared elsewhere is shared too, as the Shared filter says
            }
        });

        createdColumn.setCellValueFactory(c -> linkOf(c.getValue()));
        createdColumn.setComparator(Comparator.nullsLast(Comparator.comparing(
                (GitHubLink l) -> l.createdAt() == null ? Instant.EPOCH : l.createdAt())));
        // Who linked is the cell's text and the date a smaller text after it, as the project cell shows its id.
        createdColumn.setCellFactory(col -> new TableCell<>() {
            private final javafx.scene.text.Text when = new javafx.scene.text.Text();

            {
                when.getStyleClass().add("cell-note");
                setContentDisplay(javafx.scene.control.ContentDisplay.RIGHT);
                setGraphicTextGap(6);
                setGraphic(when); // kept, hidden when empty: a graphic added again is styled anew
            }

            @Override
            protected void updateItem(GitHubLink l, boolean empty) {
                super.updateItem(l, empty);
                if (empty || l == null) {
                    when.setVisible(false);
                    setText(null);
                    return;
                }
                String date = dev.hoglink.ui.common.DisplayTimes.day(l.createdAt(), zone);
                when.setText(date);
                when.setVisible(!date.isEmpty());
                setText(Objects.toString(l.createdBy(), "unknown"));
                setAccessibleText(date.isEmpty() ? getText() : getText() + ", " + date);
            }
        });

        readColumn.setCellValueFactory(c -> c.getValue().readAtProperty());
        readColumn.setComparator(Comparator.nullsLast(Comparator.<Instant>reverseOrder()));
        readColumn.setCellFactory(col -> new ProjectCells.ReadTableCell(vm.table().nowProperty()));

        RowOrder order = new RowOrder(vm.table()::parentOf).column(projectColumn, RowOrder.NAME).column(statusColumn, RowOrder.STATUS)
                .column(accountColumn, RowOrder.ACCOUNT).column(installationColumn, RowOrder.INSTALLATION)
                .column(reposColumn, RowOrder.REPOSITORIES).column(sharedColumn, RowOrder.SHARED)
                .column(createdColumn, RowOrder.CREATED).column(readColumn, RowOrder.READ);
        vm.table().sortOrderProperty().bind(Bindings.createObjectBinding(() -> order.of(projectsTable),
                projectsTable.comparatorProperty()));

        projectsTable.getSelectionModel().setSelectionMode(javafx.scene.control.SelectionMode.MULTIPLE);
        vm.table().keepSelectedIn(projectsTable.getSelectionModel()::getSelectedIndices);
        // Copied whole on every change, never replayed change by change: the selection model's change events are
        // wrong on a sort (a permutation of the items), and replaying them put the selected row in twice
        // ("Link 2 projects…" with one row selected).
        javafx.collections.ListChangeListener<ProjectRowViewModel> follow = c -> vm.table().selectedRows().setAll(
                projectsTable.getSelectionModel().getSelectedItems().stream().filter(Objects::nonNull).distinct().toList());
        projectsTable.getSelectionModel().getSelectedItems().addListener(follow);
        follow.onChanged(null);
        projectsTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> vm.selectedRowProperty().set(b));
        vm.selectedRowProperty().addListener((o, a, b) -> {
            if (b != projectsTable.getSelectionModel().getSelectedItem()) {
                if (b == null) {
                    projectsTable.getSelectionModel().clearSelection();
                } else {
                    projectsTable.getSelectionModel().select(b);
                }
            }
        });
        projectsTable.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                openDetails();
                e.consume();
            }
        });
        projectsTable.setOnMouseClicked(e -> {
            if (e.getClickCount() == 2) {
                openDetails();
            }
        });
    }

    private ObservableValue<ProjectCells.StatusCell> statusOf(ProjectRowViewModel r) {
        return Bindings.createObjectBinding(() -> new ProjectCells.StatusCell(r.state(), r.statusDetailProperty().get(), r.isStale()),
                r.stateProperty(), r.statusDetailProperty(), r.staleProperty());
    }

    private static ObservableValue<GitHubLink> linkOf(ProjectRowViewModel r) {
        return Bindings.createObjectBinding(r::primaryLink, r.linksProperty());
    }

    private static ObservableValue<String> text(ProjectRowViewModel r, Function<ProjectRowViewModel, String> f) {
        return Bindings.createStringBinding(() -> f.apply(r), r.linksProperty());
    }

    private static ProjectCells.ReposCell reposOf(ProjectRowViewModel r) {
        if (!r.linksKnown() || r.links().isEmpty()) {
            return new ProjectCells.ReposCell("", -2);
        }
        String sel = r.repositorySelection();
        int n = r.repoCount();
        if (n < 0) {
            return new ProjectCells.ReposCell(sel, -1);
        }
        return new ProjectCells.ReposCell(sel + " · " + n, n);
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE - 1;
        }
    }

}
