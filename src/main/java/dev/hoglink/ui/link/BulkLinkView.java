package dev.hoglink.ui.link;

import dev.hoglink.ui.link.BulkLinkViewModel.Step;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.util.StringConverter;

/** "Link N projects…" ({@code BulkLink.fxml}): preview, progress and summary over {@link BulkLinkViewModel}. */
public final class BulkLinkView {

    private final BulkLinkViewModel vm;
    private Runnable onClose = () -> { };

    @FXML private Label headlineLabel;
    @FXML private HBox pickerBox;
    @FXML private Label pickerLabel;
    @FXML private ComboBox<OptionRow> installationPicker;
    @FXML private Label summaryLabel;
    @FXML private ProgressBar bulkProgressBar;
    @FXML private TableView<BulkItem> itemsTable;
    @FXML private TableColumn<BulkItem, String> projectColumn;
    @FXML private TableColumn<BulkItem, BulkItem.State> stateColumn;
    @FXML private TableColumn<BulkItem, String> detailColumn;
    @FXML private Button closeButton;
    @FXML private Button stopButton;
    @FXML private Button retryButton;
    @FXML private Button startButton;

    public BulkLinkView(BulkLinkViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @FXML
    private void initialize() {
        headlineLabel.textProperty().bind(vm.headlineProperty());
        pickerLabel.setLabelFor(installationPicker);
        installationPicker.setItems(vm.options());
        installationPicker.valueProperty().bindBidirectional(vm.selectedProperty());
        installationPicker.setConverter(new StringConverter<>() {
            @Override
            public String toString(OptionRow r) {
                return r == null ? "" : r.describe() + " · from " + r.source()
                        + (r.repoCount() < 0 ? "" : " · " + r.repos() + " repositories");
            }

            @Override
            public OptionRow fromString(String s) {
                return null;
            }
        });
        pickerBox.disableProperty().bind(vm.stepProperty().isNotEqualTo(Step.PREVIEW));
        summaryLabel.textProperty().bind(vm.summaryProperty());
        bulkProgressBar.progressProperty().bind(Bindings.createDoubleBinding(() -> vm.totalProperty().get() == 0 ? 0
                : (double) vm.doneProperty().get() / vm.totalProperty().get(), vm.doneProperty(), vm.totalProperty()));
        bulkProgressBar.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.RUNNING)
                .or(vm.stepProperty().isEqualTo(Step.SUMMARY)));

        itemsTable.setItems(vm.items());
        projectColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().name() + " (id "
                + c.getValue().target().projectId() + ")"));
        stateColumn.setCellValueFactory(c -> c.getValue().stateProperty());
        stateColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(BulkItem.State s, boolean empty) {
                super.updateItem(s, empty);
                getStyleClass().removeAll("bulk-state", "ok", "bad", "muted");
                if (empty || s == null) {
                    setText(null);
                    return;
                }
                setText(s.label());
                getStyleClass().addAll("bulk-state", switch (s) {
                    case LINKED -> "ok";
                    case FAILED, UNKNOWN, NOT_RUN -> "bad";
                    default -> "muted";
                });
            }
        });
        detailColumn.setCellValueFactory(c -> c.getValue().messageProperty());
        detailColumn.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(String s, boolean empty) {
                super.updateItem(s, empty);
                setText(null);
                if (empty || s == null || s.isEmpty()) {
                    setGraphic(null);
                    return;
                }
                Label text = new Label(s);
                text.setWrapText(true);
                text.maxWidthProperty().bind(col.widthProperty().subtract(16));
                setGraphic(text);
            }
        });

        startButton.textProperty().bind(Bindings.createStringBinding(() -> {
            long n = vm.items().stream().filter(i -> i.state() == BulkItem.State.WAITING).count();
            return "_Link " + n + (n == 1 ? " project" : " projects");
        }, vm.selectedProperty(), vm.stepProperty()));
        startButton.disableProperty().bind(vm.canStart().not());
        startButton.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.PREVIEW)
                .or(vm.stepProperty().isEqualTo(Step.LOADING)));
        startButton.managedProperty().bind(startButton.visibleProperty());
        stopButton.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.RUNNING));
        stopButton.managedProperty().bind(stopButton.visibleProperty());
        stopButton.disableProperty().bind(vm.stopRequestedProperty());
        retryButton.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.SUMMARY).and(vm.failedProperty().greaterThan(0)));
        retryButton.managedProperty().bind(retryButton.visibleProperty());
        closeButton.textProperty().bind(Bindings.createStringBinding(
                () -> vm.stepProperty().get() == Step.SUMMARY ? "Close" : "Cancel", vm.stepProperty()));
        closeButton.disableProperty().bind(vm.stepProperty().isEqualTo(Step.RUNNING));
        vm.stepProperty().addListener((o, a, b) -> {
            if (b == Step.RUNNING) {
                stopButton.requestFocus();
            } else if (b == Step.SUMMARY) {
                (retryButton.isVisible() ? retryButton : closeButton).requestFocus();
            } else if (b == Step.PREVIEW) {
                installationPicker.requestFocus();
            }
        });
    }

    public void setOnClose(Runnable r) {
        this.onClose = Objects.requireNonNull(r);
    }

    public BulkLinkViewModel viewModel() {
        return vm;
    }

    @FXML
    private void start() {
        vm.start();
    }

    @FXML
    private void stop() {
        vm.stop();
    }

    @FXML
    private void retryFailed() {
        vm.retryFailed();
    }

    @FXML
    private void close() {
        if (vm.stepProperty().get() != Step.RUNNING) {
            onClose.run();
        }
    }
}
