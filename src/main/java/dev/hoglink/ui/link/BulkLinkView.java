package dev.hoglink.ui.link;

import dev.hoglink.service.link.ApplyOutcome;
import dev.hoglink.service.link.PlanFiles;
import dev.hoglink.service.link.PlanOutcome;
import dev.hoglink.ui.common.DisplayConverter;
import dev.hoglink.ui.link.BulkLinkViewModel.Step;
import dev.hoglink.ui.link.MarkedProjects.Scope;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.control.cell.CheckBoxTableCell;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SearchableComboBox;

/**
 * "Link projects…" ({@code BulkLink.fxml}) over {@link BulkLinkViewModel}: the projects and the installation
 * (searchable), the plan with counts and ticks, then "N of M" with the list following the current project,
 * then the result led by its counts. Stop sits at the left edge and only while sending; Close at the right
 * edge, disabled while sending, so a late click on Stop never closes the dialog. Escape does what the window's
 * state allows: Cancel while planning, Stop (Alt+S) while sending, which the status then says, Close on the result.
 */
public final class BulkLinkView {

    private final BulkLinkViewModel vm;
    private Runnable onClose = () -> { };

    @FXML private Label headlineLabel;
    @FXML private GridPane pickerGrid;
    @FXML private Label scopeLabel;
    @FXML private ComboBox<Scope> scopePicker;
    @FXML private Label pickerLabel;
    @FXML private SearchableComboBox<OptionRow> installationPicker;
    @FXML private Label summaryLabel;
    @FXML private Label countsLabel;
    @FXML private VBox progressBox;
    @FXML private Label progressLabel;
    @FXML private ProgressBar bulkProgressBar;
    @FXML private TableView<PlanItem> itemsTable;
    @FXML private TableColumn<PlanItem, Boolean> applyColumn;
    @FXML private TableColumn<PlanItem, String> projectColumn;
    @FXML private TableColumn<PlanItem, PlanOutcome> predictedColumn;
    @FXML private TableColumn<PlanItem, ApplyOutcome> resultColumn;
    @FXML private TableColumn<PlanItem, String> detailColumn;
    @FXML private Button stopButton;
    @FXML private Button exportCsvButton;
    @FXML private Button exportJsonButton;
    @FXML private Button resumeButton;
    @FXML private Button applyButton;
    @FXML private Button closeButton;

    public BulkLinkView(BulkLinkViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @FXML
    private void initialize() {
        headlineLabel.setText(vm.resuming() ? "Resume linking projects to one GitHub installation"
                : "Link projects to one GitHub installation: plan, then apply");
        BooleanBinding planning = vm.stepProperty().isEqualTo(Step.PLAN);
        BooleanBinding running = vm.stepProperty().isEqualTo(Step.RUNNING);
        BooleanBinding result = vm.stepProperty().isEqualTo(Step.RESULT);
        scopeLabel.setLabelFor(scopePicker);
        pickerLabel.setLabelFor(installationPicker);
        scopePicker.setItems(FXCollections.observableArrayList(Scope.values()));
        scopePicker.valueProperty().bindBidirectional(vm.scopeProperty());
        scopePicker.setConverter(DisplayConverter.of(s -> vm.marked().label(s)));
        installationPicker.setItems(vm.options());
        installationPicker.valueProperty().bindBidirectional(vm.selectedProperty());
        installationPicker.setConverter(DisplayConverter.of(r -> r.describe() + " · from " + r.source()
                + (r.repoCount() < 0 ? "" : " · " + r.repos() + " repositories")
                + (r.available() ? "" : " · " + r.status())));
        pickerGrid.disableProperty().bind(planning.not());
        pickerGrid.visibleProperty().bind(Bindings.createBooleanBinding(() -> !vm.resuming()));
        pickerGrid.managedProperty().bind(pickerGrid.visibleProperty());

        summaryLabel.textProperty().bind(Bindings.createStringBinding(() -> vm.statusProperty().get().isEmpty()
                ? vm.summaryProperty().get() : vm.statusProperty().get(), vm.summaryProperty(), vm.statusProperty()));
        summaryLabel.visibleProperty().bind(summaryLabel.textProperty().isNotEmpty());
        summaryLabel.managedProperty().bind(summaryLabel.visibleProperty());
        countsLabel.textProperty().bind(vm.countsProperty());
        // No counts (no installation picked yet, or a resume sending the rows again): no empty line's gap either
        countsLabel.visibleProperty().bind(countsLabel.textProperty().isNotEmpty());
        countsLabel.managedProperty().bind(countsLabel.visibleProperty());
        progressLabel.textProperty().bind(vm.progressProperty());
        bulkProgressBar.progressProperty().bind(Bindings.createDoubleBinding(() -> vm.totalProperty().get() == 0 ? 0
                : (double) vm.doneProperty().get() / vm.totalProperty().get(), vm.doneProperty(), vm.totalProperty()));
        progressBox.visibleProperty().bind(running);
        progressBox.managedProperty().bind(running);

        table(planning);
        vm.currentProperty().addListener((o, a, b) -> {
            if (b != null) { // the list follows the project being sent
                itemsTable.getSelectionModel().select(b);
                itemsTable.scrollTo(Math.max(0, itemsTable.getItems().indexOf(b) - 3));
            }
        });

        applyButton.textProperty().bind(Bindings.createStringBinding(() -> {
            int n = vm.toSendProperty().get();
            return (vm.resuming() ? "_Resume " : "_Apply: link ") + n + (n == 1 ? " project" : " projects");
        }, vm.toSendProperty()));
        applyButton.disableProperty().bind(vm.toSendProperty().isEqualTo(0));
        show(applyButton, planning);
        show(stopButton, running);
        stopButton.disableProperty().bind(vm.stopRequestedProperty());
        stopButton.textProperty().bind(Bindings.createStringBinding(() -> vm.stopRequestedProperty().get()
                ? "Stopping after this project…" : "_Stop after this project", vm.stopRequestedProperty()));
        dev.hoglink.ui.common.HoverTip.on(stopButton).setText(
                "Sends nothing after the project being sent (Alt+S or Escape); Resume sends the rest");
        // Close is disabled while sending, so its Escape would do nothing: while sending, Escape stops as Stop does.
        itemsTable.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
                    if (e.getCode() == KeyCode.ESCAPE && vm.stepProperty().get() == Step.RUNNING) {
                        vm.stop();
                        e.consume();
                    }
                });
            }
        });
        resumeButton.textProperty().bind(Bindings.createStringBinding(() -> "_" + vm.resumeTextProperty().get(),
                vm.resumeTextProperty()));
        show(resumeButton, result.and(vm.resumableProperty().greaterThan(0)));
        BooleanBinding canExport = planning.and(vm.toSendProperty().greaterThanOrEqualTo(0))
                .and(Bindings.isNotEmpty(vm.items())).or(result);
        show(exportCsvButton, canExport);
        show(exportJsonButton, canExport);
        closeButton.textProperty().bind(Bindings.createStringBinding(
                () -> vm.stepProperty().get() == Step.RESULT ? "Close" : "Cancel", vm.stepProperty()));
        closeButton.disableProperty().bind(running);
        vm.stepProperty().addListener((o, a, b) -> {
            if (b == Step.RUNNING) {
                stopButton.requestFocus();
            } else if (b == Step.RESULT) {
                (resumeButton.isVisible() ? resumeButton : closeButton).requestFocus();
            } else if (b == Step.PLAN && !vm.resuming()) {
                installationPicker.requestFocus();
            }
        });
    }

    private void table(BooleanBinding planning) {
        itemsTable.setItems(vm.items());
        itemsTable.setPlaceholder(new Label("Pick the installation: the plan lists each project and what will happen."));
        itemsTable.editableProperty().bind(planning);
        // Space ticks or unticks the selected project, as a click on its box does: Tab reaches only the boxes of the
        // rows in view, and a plan can be longer than the table.
        itemsTable.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            PlanItem item = itemsTable.getSelectionModel().getSelectedItem();
            if (e.getCode() == javafx.scene.input.KeyCode.SPACE && e.getTarget() == itemsTable && itemsTable.isEditable()
                    && item != null && item.tickable()) {
                item.applyProperty().set(!item.apply());
                e.consume();
            }
        });
        itemsTable.setAccessibleHelp("Space ticks or unticks the selected project");
        applyColumn.setCellValueFactory(c -> c.getValue().applyProperty());
        applyColumn.setCellFactory(col -> {
            CheckBoxTableCell<PlanItem, Boolean> cell = new CheckBoxTableCell<>() {
                @Override
                public void updateItem(Boolean v, boolean empty) {
                    super.updateItem(v, empty);
                    PlanItem item = getTableRow() == null ? null : getTableRow().getItem();
                    setDisable(empty || item == null || !item.tickable());
                }
            };
            return cell;
        });
        applyColumn.setEditable(true);
        // an environment by its own name, as the plan's files name it, its project beside it
        projectColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().label()));
        // wraps like the other columns: the row being sent is bold, and "Admin Console (id 1…" hid which one it was
        projectColumn.setCellFactory(col -> wrapped(col, x -> x, x -> "plain"));
        predictedColumn.setCellValueFactory(c -> new javafx.beans.property.ReadOnlyObjectWrapper<>(c.getValue().predicted()));
        predictedColumn.setCellFactory(col -> wrapped(col, PlanOutcome::label, o -> o == PlanOutcome.WILL_LINK ? "ok"
                : o == PlanOutcome.ALREADY_LINKED ? "muted" : "bad"));
        resultColumn.setCellValueFactory(c -> c.getValue().outcomeProperty());
        resultColumn.setCellFactory(col -> wrapped(col, ApplyOutcome::label, o -> switch (o) {
            case LINKED, ALREADY_LINKED -> "ok";
            case NOT_IN_PLAN -> "muted";
            default -> "bad";
        }));
        detailColumn.setCellValueFactory(c -> c.getValue().detailProperty());
        detailColumn.setCellFactory(col -> wrapped(col, x -> x, x -> "plain"));
        javafx.css.PseudoClass currentClass = javafx.css.PseudoClass.getPseudoClass("current");
        itemsTable.setRowFactory(t -> {
            TableRow<PlanItem> row = new TableRow<>();
            Runnable mark = () -> row.pseudoClassStateChanged(currentClass,
                    row.getItem() != null && row.getItem() == vm.currentProperty().get());
            row.itemProperty().addListener((o, a, b) -> mark.run());
            vm.currentProperty().addListener((o, a, b) -> mark.run());
            return row;
        });
    }

    /**
     * A cell whose text wraps to the column's width and makes the row as tall as it needs (a Text node with a
     * wrapping width, which reports its real height), so nothing is cut with an ellipsis at any window size.
     */
    private static <T> TableCell<PlanItem, T> wrapped(TableColumn<PlanItem, T> col,
                                                      java.util.function.Function<T, String> text,
                                                      java.util.function.Function<T, String> style) {
        return new TableCell<>() {
            private final javafx.scene.text.Text node = new javafx.scene.text.Text();

            {
                node.wrappingWidthProperty().bind(col.widthProperty().subtract(14));
                setPrefHeight(javafx.scene.control.Control.USE_COMPUTED_SIZE);
            }

            @Override
            protected void updateItem(T v, boolean empty) {
                super.updateItem(v, empty);
                setText(null);
                if (empty || v == null) {
                    setGraphic(null);
                    return;
                }
                node.setText(text.apply(v));
                node.getStyleClass().setAll("plan-text", style.apply(v));
                setGraphic(node);
            }
        };
    }

    private static void show(Button b, javafx.beans.value.ObservableBooleanValue when) {
        b.visibleProperty().bind(when);
        b.managedProperty().bind(when);
    }


    public void setOnClose(Runnable r) {
        this.onClose = Objects.requireNonNull(r);
    }

    public BulkLinkViewModel viewModel() {
        return vm;
    }

    @FXML
    private void apply() {
        vm.apply();
    }

    @FXML
    private void stop() {
        vm.stop();
    }

    @FXML
    private void resume() {
        vm.resumeRest();
    }

    @FXML
    private void exportCsv() {
        vm.export(PlanFiles.Format.CSV);
    }

    @FXML
    private void exportJson() {
        vm.export(PlanFiles.Format.JSON);
    }

    @FXML
    private void close() {
        if (vm.stepProperty().get() != Step.RUNNING) {
            onClose.run();
        }
    }
}
