package dev.hoglink.ui.audit;

import dev.hoglink.model.ProjectState;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.service.audit.AuditExport;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import dev.hoglink.service.audit.AuditReport.InstallationAudit;
import dev.hoglink.service.audit.AuditReport.Problem;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.DisplayConverter;
import dev.hoglink.ui.common.Snapshots;
import dev.hoglink.ui.common.StateTone;
import dev.hoglink.ui.theme.AppIcon;
import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableValue;
import javafx.collections.ListChangeListener;
import javafx.fxml.FXML;
import javafx.scene.Node;
import javafx.scene.chart.PieChart;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DatePicker;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Pane;
import javafx.scene.layout.VBox;

/**
 * The audit window's code-behind: binds the tiles, tables and filters to {@link AuditViewModel} and draws the
 * installation → projects diagram with plain shapes (a label per installation, a chip per shown project, a
 * curve between them), in as many columns as the width allows. No logic beyond layout.
 */
public final class AuditView {


    private final AuditViewModel vm;
    private final DialogService dialogs;
    private final ZoneId zone;
    private final DateTimeFormatter timeFormat = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z");

    @FXML private Label titleLabel;
    @FXML private Label statusLabel;
    @FXML private ProgressBar progressBar;
    @FXML private Button reloadButton;
    @FXML private MenuButton exportButton;
    @FXML private HBox tiles;
    @FXML private Label errorLabel;
    @FXML private Label partialLabel;
    @FXML private TabPane tabs;
    @FXML private Tab overviewTab;
    @FXML private Tab problemsTab;
    @FXML private Tab matrixTab;
    @FXML private Tab historyTab;
    @FXML private ScrollPane diagramScroll;
    @FXML private Pane diagramPane;
    @FXML private PieChart coverageChart;
    @FXML private TextArea detailArea;
    @FXML private TableView<Problem> problemsTable;
    @FXML private TableColumn<Problem, Problem> problemKindColumn;
    @FXML private TableColumn<Problem, String> problemTitleColumn;
    @FXML private TableColumn<Problem, String> problemDetailColumn;
    @FXML private TableColumn<Problem, Problem> problemFixColumn;
    @FXML private TableView<MatrixRow> matrixTable;
    @FXML private ComboBox<ProjectAudit> historyProjectPicker;
    @FXML private ComboBox<InstallationAudit> historyInstallationPicker;
    @FXML private TextField historyUserField;
    @FXML private DatePicker historyFromPicker;
    @FXML private DatePicker historyToPicker;
    @FXML private Label historyNoteLabel;
    @FXML private TableView<HistoryEntry> historyTable;
    @FXML private TableColumn<HistoryEntry, String> historyTimeColumn;
    @FXML private TableColumn<HistoryEntry, String> historySourceColumn;
    @FXML private TableColumn<HistoryEntry, String> historyProjectColumn;
    @FXML private TableColumn<HistoryEntry, String> historyInstallationColumn;
    @FXML private TableColumn<HistoryEntry, String> historyUserColumn;
    @FXML private TableColumn<HistoryEntry, String> historyEventColumn;
    @FXML private TableColumn<HistoryEntry, String> historyOutcomeColumn;
    @FXML private TableColumn<HistoryEntry, String> historyDetailColumn;

    @FXML private TextField matrixProjectFilter;
    @FXML private TextField matrixInstallationFilter;
    @FXML private Label matrixCountLabel;
    @FXML private HBox notConnectedBar;
    @FXML private Label notConnectedLabel;
    @FXML private Button linkNotConnectedButton;

    private AuditDiagram diagram;
    private AuditMatrix matrix;

    public AuditView(AuditViewModel vm, DialogService dialogs, ZoneId zone) {
        this.vm = vm;
        this.dialogs = dialogs;
        this.zone = zone;
    }

    public AuditViewModel viewModel() {
        return vm;
    }

    @FXML
    private void initialize() {
        titleLabel.textProperty().bind(vm.titleProperty());
        statusLabel.textProperty().bind(vm.statusTextProperty());
        progressBar.progressProperty().bind(vm.progressProperty());
        progressBar.visibleProperty().bind(vm.busyProperty());
        progressBar.managedProperty().bind(vm.busyProperty());
        reloadButton.setGraphic(AppIcon.REFRESH.node());
        reloadButton.disableProperty().bind(vm.busyProperty().or(vm.organizationProperty().isNull()));
        exportButton.disableProperty().bind(vm.reportProperty().isNull());
        errorLabel.textProperty().bind(vm.errorTextProperty());
        errorLabel.visibleProperty().bind(vm.errorTextProperty().isNotEmpty());
        errorLabel.managedProperty().bind(errorLabel.visibleProperty());
        partialLabel.textProperty().bind(vm.partialNote().textProperty());
        partialLabel.visibleProperty().bind(vm.partialNote().textProperty().isNotEmpty());
        partialLabel.managedProperty().bind(partialLabel.visibleProperty());
        javafx.animation.Timeline countdown = new javafx.animation.Timeline(new javafx.animation.KeyFrame(
                javafx.util.Duration.seconds(1), e -> vm.partialNote().tick()));
        countdown.setCycleCount(javafx.animation.Animation.INDEFINITE);
        countdown.play();

        tiles.getChildren().setAll(
                tile("Projects", vm.projectsProperty(), ""),
                tile(ProjectState.CONNECTED.label(), vm.connectedProperty(), StateTone.of(ProjectState.CONNECTED).css()),
                tile(ProjectState.NOT_CONNECTED.label(), vm.notConnectedProperty(),
                        StateTone.of(ProjectState.NOT_CONNECTED).css()),
                tile("Installations", vm.installationsProperty(), ""),
                sharedTile(),
                // projects, as the tiles before it and the main window's Problems chip count; the tab counts problems
                problemsTile());

        diagram = new AuditDiagram(vm, diagramScroll, diagramPane);
        vm.diagram().addListener((ListChangeListener<DiagramGroup>) c -> diagram.draw());
        diagramScroll.viewportBoundsProperty().addListener((o, a, b) -> {
            if (diagram.columnsFor(b.getWidth()) != diagram.columns()) {
                diagram.draw();
            }
        });
        detailArea.textProperty().bind(vm.selectedDetailProperty());
        vm.reportProperty().addListener((o, a, b) -> updateCoverage());
        diagram.draw();

        problemsTable.setItems(vm.problems());
        problemsTable.setPlaceholder(new Label("No problems found."));
        problemKindColumn.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        problemKindColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                getStyleClass().removeAll("status-ok", "status-bad", "status-warn", "status-muted");
                if (empty || p == null) {
                    setText(null);
                    setGraphic(null);
                    return;
                }
                setText(kindLabel(p));
                setGraphic(kindIcon(p).node());
                getStyleClass().add(severity(p));
            }
        });
        problemTitleColumn.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().title()));
        problemTitleColumn.setCellFactory(col -> tooltipCell());
        problemDetailColumn.setCellValueFactory(d -> new ReadOnlyStringWrapper(d.getValue().detail()));
        problemDetailColumn.setCellFactory(col -> tooltipCell());
        problemFixColumn.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(d.getValue()));
        problemFixColumn.setCellFactory(col -> new TableCell<>() {
            private final Button button = new Button();

            {
                button.getStyleClass().add("small");
                button.setOnAction(e -> {
                    Problem p = getItem();
                    if (p != null) {
                        vm.fix(p);
                    }
                });
            }

            @Override
            protected void updateItem(Problem p, boolean empty) {
                super.updateItem(p, empty);
                if (empty || p == null || !vm.canFix(p)) {
                    setGraphic(null);
                    return;
                }
                button.setText(AuditTexts.fixLabel(p.fix()));
                button.setGraphic(switch (p.fix()) {
                    case LINK, RELINK -> AppIcon.LINK.node();
                    case OAUTH -> AppIcon.OAUTH.node();
                    case OPEN_ON_GITHUB -> AppIcon.GITHUB.node();
                    case NONE -> null;
                });
                button.setAccessibleText(button.getText() + " " + p.title());
                setGraphic(button);
            }
        });
        // The Fix button of a row the keyboard has selected: Enter in the table, as the main window's Enter opens a
        // project. Tab alone reaches only the buttons of the rows in view.
        problemsTable.addEventHandler(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            Problem p = problemsTable.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.ENTER && e.getTarget() == problemsTable && p != null
                    && vm.canFix(p)) {
                vm.fix(p);
                e.consume();
            }
        });
        problemsTable.setAccessibleHelp("Enter runs the selected problem's fix");
        problemsTab.textProperty().bind(Bindings.concat("Problems (", vm.problemCountProperty(), ")"));

        matrix = new AuditMatrix(matrixTable, vm.matrix());
        matrixProjectFilter.textProperty().bindBidirectional(vm.matrix().projectFilterProperty());
        matrixInstallationFilter.textProperty().bindBidirectional(vm.matrix().installationFilterProperty());
        matrixCountLabel.textProperty().bind(vm.matrix().countTextProperty());
        bindNotConnected();

        historyTable.setItems(vm.history().visibleHistory());
        AuditHistoryViewModel h = vm.history();
        Label noHistory = new Label();
        noHistory.textProperty().bind(javafx.beans.binding.Bindings.when(h.historyProjectProperty().isNull()
                        .and(h.historyInstallationProperty().isNull()).and(h.historyUserProperty().isEmpty())
                        .and(h.historyFromProperty().isNull()).and(h.historyToProperty().isNull()))
                .then("No GitHub integration event to show.") // the note above says when PostHog's log was not read
                .otherwise("No integration history for this filter."));
        historyTable.setPlaceholder(noHistory);
        historyTimeColumn.setCellValueFactory(d -> text(timeFormat.format(d.getValue().time().atZone(zone))));
        historySourceColumn.setCellValueFactory(d -> text(d.getValue().source() == AuditReport.Source.POSTHOG
                ? "PostHog" : "Journal"));
        historyProjectColumn.setCellValueFactory(d -> text(d.getValue().projectName()));
        historyProjectColumn.setCellFactory(col -> wrappingCell()); // an environment's line names its project too
        // "acme-labs (id 10000002)" wraps before "(id", never between "(id" and its number
        historyInstallationColumn.setCellValueFactory(d -> text(vm.history().installationName(d.getValue()
                .installationId()).replace("(id ", "(id\u00a0")));
        historyInstallationColumn.setCellFactory(col -> wrappingCell());
        historyUserColumn.setCellValueFactory(d -> text(d.getValue().user()));
        historyEventColumn.setCellValueFactory(d -> text(HistoryWords.event(d.getValue())));
        historyEventColumn.setCellFactory(col -> wrappingCell());
        historyOutcomeColumn.setCellValueFactory(d -> text(HistoryWords.outcome(d.getValue())));
        historyOutcomeColumn.setCellFactory(col -> wrappingCell());
        historyDetailColumn.setCellValueFactory(d -> text(vm.history().detail(d.getValue())));
        historyDetailColumn.setCellFactory(col -> wrappingCell(true)); // whole: the row grows, the tip stays
        historyProjectPicker.setItems(vm.history().projectChoices());
        // as the projects table lists them: an environment by its own name under its project, its project in the tip
        historyProjectPicker.setConverter(DisplayConverter.of(h::listText));
        historyProjectPicker.setCellFactory(list -> new ListCell<>() {
            @Override
            protected void updateItem(ProjectAudit p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : h.listText(p));
                pseudoClassStateChanged(UNDER_PROJECT, !empty && p != null && h.underItsProject(p));
            }
        });
        historyProjectPicker.setButtonCell(promptCell("Any project", AuditHistoryViewModel::chosenText));
        historyProjectPicker.tooltipProperty().bind(Bindings.createObjectBinding(() -> h.historyProjectProperty()
                .get() == null ? null : new Tooltip(AuditHistoryViewModel.chosenTip(h.historyProjectProperty().get())),
                h.historyProjectProperty()));
        historyProjectPicker.valueProperty().bindBidirectional(vm.history().historyProjectProperty());
        historyInstallationPicker.setItems(vm.history().installationChoices());
        // the chosen one reads as in the list, and as the table's Installation column: "acme (id 10000001)"
        Function<InstallationAudit, String> installation =
                i -> dev.hoglink.model.InstallationName.of(i.account(), i.installationId());
        historyInstallationPicker.setConverter(DisplayConverter.of(installation));
        historyInstallationPicker.setButtonCell(promptCell("Any installation", installation));
        historyInstallationPicker.valueProperty().bindBidirectional(vm.history().historyInstallationProperty());
        historyUserField.textProperty().bindBidirectional(vm.history().historyUserProperty());
        historyFromPicker.valueProperty().bindBidirectional(vm.history().historyFromProperty());
        historyToPicker.valueProperty().bindBidirectional(vm.history().historyToProperty());
        historyNoteLabel.textProperty().bind(vm.historyNoteProperty());
        historyNoteLabel.visibleProperty().bind(vm.historyNoteProperty().isNotEmpty());
        historyNoteLabel.managedProperty().bind(historyNoteLabel.visibleProperty());
    }

    // ------------------------------------------------------------------ tiles, chart, matrix

    private Node tile(String label, ObservableValue<Number> value, String kind) {
        Label v = new Label();
        v.textProperty().bind(Bindings.when(vm.reportProperty().isNull()).then("–")
                .otherwise(Bindings.convert(value)));
        v.getStyleClass().add("tile-value");
        Label l = new Label(label);
        l.getStyleClass().add("tile-label");
        VBox box = new VBox(2, v, l);
        box.getStyleClass().add("tile");
        if (!kind.isEmpty()) { // a count of none is not coloured: a red 0 reads as a problem
            Runnable tone = () -> {
                boolean some = vm.reportProperty().get() != null && value.getValue() != null
                        && value.getValue().intValue() > 0;
                box.getStyleClass().remove(kind);
                if (some) {
                    box.getStyleClass().add(kind);
                }
            };
            value.addListener((o, a, b) -> tone.run());
            vm.reportProperty().addListener((o, a, b) -> tone.run());
            tone.run();
        }
        box.setId("tile-" + label.toLowerCase(java.util.Locale.ROOT).replace(' ', '-'));
        box.setAccessibleText(label);
        return box;
    }

    /**
     * The "With problems" tile: projects with problems, as the main window's Problems chip counts them, and a note
     * "+1 failed action" for the Problems tab's failed actions (of this computer's journal), which are no project's
     * state, so the tab's extra lines are accounted for.
     */
    private Node problemsTile() {
        VBox box = (VBox) tile("With problems", vm.problemProjectsProperty(), StateTone.BAD.css());
        Label note = new Label();
        note.setId("failed-actions-note");
        note.textProperty().bind(vm.failedActionsNoteProperty());
        note.visibleProperty().bind(vm.failedActionsNoteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        note.getStyleClass().add("tile-label");
        box.getChildren().add(note);
        box.accessibleTextProperty().bind(Bindings.createStringBinding(() -> "With problems"
                + (vm.failedActionsNoteProperty().get().isEmpty() ? "" : ", " + vm.failedActionsNoteProperty().get()),
                vm.failedActionsNoteProperty()));
        return box;
    }

    /**
     * The Shared tile: installations used by more than one project of this organization (the exports' summary
     * {@code shared}), with a note "+1 elsewhere" for those only PostHog says are shared ({@code shared_elsewhere}),
     * so an installation the projects table calls shared "elsewhere" is counted here too, under that word.
     */
    private Node sharedTile() {
        VBox box = (VBox) tile("Shared", vm.sharedProperty(), "");
        Label note = new Label();
        note.setId("shared-elsewhere-note");
        note.textProperty().bind(vm.sharedNoteProperty());
        note.visibleProperty().bind(vm.sharedNoteProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
        note.getStyleClass().add("tile-label");
        box.getChildren().add(note);
        javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
        tip.setWrapText(true);
        tip.setMaxWidth(360);
        tip.textProperty().bind(Bindings.createStringBinding(
                () -> AuditTexts.sharedTileTip(vm.sharedElsewhereProperty().get()), vm.sharedElsewhereProperty()));
        javafx.scene.control.Tooltip.install(box, tip);
        box.accessibleTextProperty().bind(Bindings.createStringBinding(() -> "Shared"
                + (vm.sharedNoteProperty().get().isEmpty() ? "" : ", " + vm.sharedNoteProperty().get()),
                vm.sharedNoteProperty()));
        return box;
    }

    private void updateCoverage() {
        coverageChart.setAnimated(false);
        if (vm.reportProperty().get() == null) {
            coverageChart.getData().clear();
            return;
        }
        List<PieChart.Data> data = new ArrayList<>();
        // One slice per state, named as the table, the detail pane and the Problems tab name it (no word of its own).
        for (ProjectState s : ProjectState.values()) {
            add(data, s.label(), vm.projectsIn(s));
        }
        coverageChart.setAnimated(false);
        coverageChart.getData().setAll(data);
    }

    /** Every slice always, so each keeps its colour (default-color0..5 in Audit.css) whatever the counts. */
    private static void add(List<PieChart.Data> data, String name, int n) {
        data.add(new PieChart.Data(name + " (" + n + ")", n));
    }

    /** The projects without GitHub: one entry above the problems, with one action for all of them. */
    private void bindNotConnected() {
        notConnectedLabel.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.notConnected().size();
            return n + (n == 1 ? " project has" : " projects have") + " no GitHub. They are not problems, but you "
                    + "can link them all to one installation in one step.";
        }, vm.notConnected()));
        notConnectedBar.visibleProperty().bind(Bindings.isNotEmpty(vm.notConnected()));
        notConnectedBar.managedProperty().bind(notConnectedBar.visibleProperty());
        linkNotConnectedButton.setGraphic(AppIcon.LINK.node());
        linkNotConnectedButton.textProperty().bind(Bindings.createStringBinding(() -> vm.notConnected().size() == 1
                ? "Link it…" : "Link them…", vm.notConnected()));
        linkNotConnectedButton.disableProperty().bind(Bindings.createBooleanBinding(
                () -> !vm.canLinkNotConnected(), vm.notConnected(), vm.reportProperty()));
    }

    @FXML
    private void linkNotConnected() {
        vm.linkNotConnected();
    }

    @FXML
    private void clearMatrixFilter() {
        vm.matrix().clearFilters();
    }

    // ------------------------------------------------------------------ actions

    @FXML
    private void reload() {
        vm.reload();
    }

    @FXML
    private void exportInventoryCsv() {
        vm.export(AuditExport.Kind.INVENTORY, AuditExport.Format.CSV);
    }

    @FXML
    private void exportInventoryJson() {
        vm.export(AuditExport.Kind.INVENTORY, AuditExport.Format.JSON);
    }

    @FXML
    private void exportHistoryCsv() {
        vm.export(AuditExport.Kind.HISTORY, AuditExport.Format.CSV);
    }

    @FXML
    private void exportHistoryJson() {
        vm.export(AuditExport.Kind.HISTORY, AuditExport.Format.JSON);
    }

    @FXML
    private void exportDiagramPng() {
        AuditReport r = vm.reportProperty().get();
        if (r == null) {
            return;
        }
        dialogs.chooseSaveFile("Export diagram", AuditTexts.fileName(r, "diagram", "png"), "PNG images", "png")
                .ifPresent(this::writeDiagram);
    }

    /**
     * Writes the whole diagram as a PNG: not only the visible part, and every project of a group the window shows
     * collapsed ("+N projects"), which a file cannot expand; the window's groups stay as they were. FX thread.
     */
    public void writeDiagram(Path file) {
        Runnable collapseAgain = vm.expandAllForPicture();
        try {
            diagramPane.applyCss();
            diagramPane.layout();
            Snapshots.writePng(diagramPane, file);
            dialogs.notify("Diagram saved to " + file.getFileName(), DialogService.Notice.SUCCESS);
        } catch (IOException | RuntimeException e) {
            dialogs.error("Export failed", "Could not write " + file.getFileName() + ". Choose another folder.", e);
        } finally {
            collapseAgain.run();
        }
    }

    @FXML
    private void clearHistoryFilter() {
        vm.history().clearHistoryFilter();
    }

    /** Selects a tab by its position: 0 overview, 1 problems, 2 matrix, 3 history (screenshots, shortcuts). */
    public void showTab(int index) {
        tabs.getSelectionModel().select(index);
    }

    public Pane diagramPane() {
        return diagramPane;
    }

    // ------------------------------------------------------------------ helpers

    private static ReadOnlyStringWrapper text(String s) {
        return new ReadOnlyStringWrapper(s == null ? "" : s);
    }

    /**
     * A cell whose text wraps and whose row grows to show it whole: a table row asks its cells' height without a
     * width, which a wrapping label answers with one line, so this one answers for its column's width.
     */
    private static <S> TableCell<S, String> wrappingCell() {
        return wrappingCell(false);
    }

    /** A cell whose text wraps and whose row grows to show all of it; with {@code tip}, the text is its tip too. */
    private static <S> TableCell<S, String> wrappingCell(boolean tip) {
        return new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setWrapText(true);
                setText(empty ? null : s);
                if (tip) {
                    setTooltip(empty || s == null || s.isEmpty() ? null : new Tooltip(s));
                }
            }

            @Override
            protected double computePrefHeight(double width) {
                boolean unasked = width == -1 && getTableColumn() != null;
                return super.computePrefHeight(unasked ? getTableColumn().getWidth() : width);
            }
        };
    }

    private static <S> TableCell<S, String> tooltipCell() {
        return new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setWrapText(true);
                setText(empty ? null : s);
                setTooltip(empty || s == null || s.isEmpty() ? null : new Tooltip(s));
            }
        };
    }


    private static final javafx.css.PseudoClass UNDER_PROJECT = javafx.css.PseudoClass.getPseudoClass("under-project");

    private static <T> ListCell<T> promptCell(String prompt, Function<T, String> f) {
        return new ListCell<>() {
            @Override
            protected void updateItem(T t, boolean empty) {
                super.updateItem(t, empty);
                setText(empty || t == null ? prompt : f.apply(t));
            }
        };
    }

    /** A problem's kind in the table's word for the state it puts its project in. */
    static String kindLabel(Problem p) {
        ProjectState state = p.kind().state();
        return state == null ? "Recent failure" : state.label();
    }

    private static AppIcon kindIcon(Problem p) {
        return switch (p.kind()) {
            case INSTALLATION_UNAVAILABLE -> AppIcon.UNAVAILABLE;
            case TOKEN_REFRESH_ERROR -> AppIcon.TOKEN_ERROR;
            case MISSING_INSTALLATION_ID -> AppIcon.WARNING;
            case RECENT_FAILURE, NOT_LOADED -> AppIcon.LOAD_FAILED;
        };
    }

    /** The colour of the state the problem puts its project in, as the table shows it; a failed action is red. */
    static String severity(Problem p) {
        ProjectState state = p.kind().state();
        return state == null ? StateTone.BAD.statusClass() : StateTone.of(state).statusClass();
    }
}
