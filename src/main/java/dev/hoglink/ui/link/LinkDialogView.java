package dev.hoglink.ui.link;

import dev.hoglink.ui.link.LinkDialogViewModel.Remedy;
import dev.hoglink.ui.link.LinkDialogViewModel.Step;
import dev.hoglink.ui.link.LinkDialogViewModel.Tone;
import java.util.Locale;
import java.util.Objects;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableRow;
import javafx.scene.control.TableView;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;
import javafx.util.Duration;

/** The "Link existing installation…" dialog ({@code LinkDialog.fxml}): binds to {@link LinkDialogViewModel}. */
public final class LinkDialogView {

    private final LinkDialogViewModel vm;
    private Runnable onClose = () -> { };
    private Timeline ticker;

    @FXML private Label titleLabel;
    @FXML private Label listTextLabel;
    @FXML private TableView<OptionRow> optionsTable;
    @FXML private HBox filterBox;
    @FXML private javafx.scene.control.TextField filterField;
    @FXML private Label filterCountLabel;
    @FXML private TableColumn<OptionRow, String> accountColumn;
    @FXML private TableColumn<OptionRow, String> typeColumn;
    @FXML private TableColumn<OptionRow, String> installationColumn;
    @FXML private TableColumn<OptionRow, String> sourceColumn;
    @FXML private TableColumn<OptionRow, String> reposColumn;
    @FXML private TableColumn<OptionRow, String> statusColumn;
    @FXML private VBox confirmBox;
    @FXML private Label confirmationLabel;
    @FXML private javafx.scene.control.CheckBox switchCheck;
    @FXML private Label switchNoteLabel;
    @FXML private Label switchStepsLabel;
    @FXML private HBox messageBox;
    @FXML private Label messageLabel;
    @FXML private Label countdownLabel;
    @FXML private Button remedyButton;
    @FXML private ProgressIndicator busyIndicator;
    @FXML private Button backButton;
    @FXML private Button cancelButton;
    @FXML private Button primaryButton;

    public LinkDialogView(LinkDialogViewModel vm) {
        this.vm = Objects.requireNonNull(vm);
    }

    @FXML
    private void initialize() {
        titleLabel.setText("Link " + vm.target().label() + " to an existing GitHub installation");
        listTextLabel.textProperty().bind(vm.listTextProperty());
        listTextLabel.visibleProperty().bind(vm.stepProperty().isNotEqualTo(Step.CONFIRM)
                .and(vm.stepProperty().isNotEqualTo(Step.DONE)));
        listTextLabel.managedProperty().bind(listTextLabel.visibleProperty());

        javafx.collections.transformation.FilteredList<OptionRow> shown = new javafx.collections.transformation
                .FilteredList<>(vm.options(), r -> true);
        filterField.textProperty().addListener((o, a, b) -> shown.setPredicate(r -> r.matches(b)));
        filterCountLabel.textProperty().bind(Bindings.createStringBinding(() -> shown.size() == vm.options().size()
                ? "" : shown.size() + " of " + vm.options().size(), shown, vm.options()));
        filterBox.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.PICK).and(Bindings.size(vm.options()).greaterThan(1)));
        filterBox.managedProperty().bind(filterBox.visibleProperty());
        filterField.setOnKeyPressed(e -> {
            if (e.getCode() == javafx.scene.input.KeyCode.DOWN && !shown.isEmpty()) {
                optionsTable.requestFocus();
                if (optionsTable.getSelectionModel().isEmpty()) {
                    optionsTable.getSelectionModel().selectFirst();
                }
                e.consume();
            }
        });
        optionsTable.setItems(shown);
        javafx.scene.input.KeyCombination find = javafx.scene.input.KeyCombination.keyCombination("Shortcut+F");
        optionsTable.addEventFilter(javafx.scene.input.KeyEvent.KEY_PRESSED, e -> {
            if (find.match(e) && filterBox.isVisible()) { // Ctrl+F from the list, as in the main window
                filterField.requestFocus();
                e.consume();
            }
        });
        optionsTable.setPlaceholder(new Label("No installation to show"));
        filterField.textProperty().addListener((o, a, b) -> optionsTable.setPlaceholder(new Label(
                b == null || b.isBlank() ? "No installation to show" : "No installation matches \"" + b.strip() + "\"")));
        accountColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().account()));
        typeColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().option().accountType().label()));
        installationColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().option().installationId()));
        statusColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().status()));
        // Long project names and token-error codes wrap onto a second line rather than being cut.
        sourceColumn.setCellFactory(c -> wrapping());
        statusColumn.setCellFactory(c -> wrapping());
        sourceColumn.setCellValueFactory(c -> new ReadOnlyStringWrapper(c.getValue().source()));
        reposColumn.setCellValueFactory(c -> new ReadOnlyObjectWrapper<>(c.getValue().repos()));
        optionsTable.getSelectionModel().selectedItemProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.selectedProperty().set(b);
            }
        });
        vm.selectedProperty().addListener((o, a, b) -> {
            if (b != optionsTable.getSelectionModel().getSelectedItem()) {
                optionsTable.getSelectionModel().select(b);
            }
        });
        optionsTable.setRowFactory(t -> {
            TableRow<OptionRow> row = new TableRow<>();
            row.setOnMouseClicked(e -> {
                if (e.getButton() == MouseButton.PRIMARY && e.getClickCount() == 2 && !row.isEmpty()) {
                    vm.next();
                }
            });
            return row;
        });

        optionsTable.visibleProperty().bind(vm.stepProperty().isNotEqualTo(Step.CONFIRM)
                .and(vm.stepProperty().isNotEqualTo(Step.DONE)));
        optionsTable.managedProperty().bind(optionsTable.visibleProperty());
        confirmBox.visibleProperty().bind(optionsTable.visibleProperty().not());
        confirmBox.managedProperty().bind(confirmBox.visibleProperty());
        SwitchPlan plan = vm.switchPlan();
        confirmationLabel.textProperty().bind(Bindings.when(plan.chosenProperty().and(plan.offeredProperty()))
                .then(plan.offerTextProperty()).otherwise(vm.confirmationProperty()));
        switchCheck.selectedProperty().bindBidirectional(plan.chosenProperty());
        switchCheck.visibleProperty().bind(plan.offeredProperty());
        switchCheck.managedProperty().bind(switchCheck.visibleProperty());
        switchCheck.disableProperty().bind(vm.inFlightProperty().or(plan.runningProperty())
                .or(vm.stepProperty().isEqualTo(Step.DONE)));
        switchNoteLabel.textProperty().bind(plan.offerTextProperty());
        switchNoteLabel.visibleProperty().bind(plan.offeredProperty().not().and(plan.offerTextProperty().isNotEmpty()));
        switchNoteLabel.managedProperty().bind(switchNoteLabel.visibleProperty());
        switchStepsLabel.textProperty().bind(Bindings.createStringBinding(() -> String.join("\n", plan.steps()),
                plan.steps()));
        switchStepsLabel.visibleProperty().bind(Bindings.isNotEmpty(plan.steps()));
        switchStepsLabel.managedProperty().bind(switchStepsLabel.visibleProperty());

        messageLabel.textProperty().bind(vm.messageProperty());
        messageBox.visibleProperty().bind(vm.messageProperty().isNotEmpty());
        messageBox.managedProperty().bind(messageBox.visibleProperty());
        vm.toneProperty().addListener((o, a, b) -> styleMessage(b));
        styleMessage(vm.toneProperty().get());
        countdownLabel.textProperty().bind(vm.countdownProperty());
        countdownLabel.visibleProperty().bind(vm.countdownProperty().isNotEmpty());
        countdownLabel.managedProperty().bind(countdownLabel.visibleProperty());
        remedyButton.textProperty().bind(Bindings.createStringBinding(() -> vm.remedyProperty().get().label(),
                vm.remedyProperty()));
        remedyButton.visibleProperty().bind(vm.remedyProperty().isNotEqualTo(Remedy.NONE));
        remedyButton.managedProperty().bind(remedyButton.visibleProperty());
        remedyButton.disableProperty().bind(vm.inFlightProperty());

        busyIndicator.visibleProperty().bind(vm.inFlightProperty().or(vm.stepProperty().isEqualTo(Step.LOADING)));
        backButton.visibleProperty().bind(vm.stepProperty().isEqualTo(Step.CONFIRM));
        backButton.managedProperty().bind(backButton.visibleProperty());
        backButton.disableProperty().bind(vm.inFlightProperty());
        cancelButton.textProperty().bind(Bindings.createStringBinding(
                () -> vm.stepProperty().get() == Step.DONE ? "Close" : "Cancel", vm.stepProperty()));
        cancelButton.disableProperty().bind(vm.inFlightProperty().or(plan.runningProperty()));
        primaryButton.textProperty().bind(Bindings.createStringBinding(() -> switch (vm.stepProperty().get()) {
            case LOADING, PICK -> "_Next";
            case CONFIRM -> vm.lastResult() == null || vm.lastResult().linked()
                    ? (plan.active() ? "_Link and switch" : "_Link") : "_Try again";
            case DONE -> "_Close";
        }, vm.stepProperty(), vm.messageProperty(), plan.chosenProperty(), plan.offeredProperty()));
        primaryButton.setMnemonicParsing(true);
        primaryButton.disableProperty().bind(Bindings.createBooleanBinding(() -> switch (vm.stepProperty().get()) {
            case LOADING -> true;
            case PICK -> !vm.canNext().get();
            case CONFIRM -> !vm.canLink().get();
            case DONE -> plan.runningProperty().get();
        }, vm.stepProperty(), vm.canNext(), vm.canLink(), plan.runningProperty()));

        // A switch unlinks the old installation: like every unlink it is danger-styled and deaf to Enter.
        javafx.beans.binding.BooleanBinding switching = Bindings.createBooleanBinding(
                () -> vm.stepProperty().get() == Step.CONFIRM && plan.active(), vm.stepProperty(), plan.chosenProperty(),
                plan.offeredProperty());
        primaryButton.defaultButtonProperty().bind(switching.not());
        switching.addListener((o, a, b) -> {
            if (b) {
                primaryButton.getStyleClass().add("danger");
            } else {
                primaryButton.getStyleClass().remove("danger");
            }
        });
        vm.stepProperty().addListener((o, a, b) -> focusFor(b));
        ticker = new Timeline(new KeyFrame(Duration.seconds(1), e -> vm.tick()));
        ticker.setCycleCount(Timeline.INDEFINITE);
        vm.waitingProperty().addListener((o, a, b) -> {
            if (b) {
                ticker.play();
            } else {
                ticker.stop();
            }
        });
    }

    private static javafx.scene.control.TableCell<OptionRow, String> wrapping() {
        javafx.scene.control.TableCell<OptionRow, String> cell = new javafx.scene.control.TableCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty ? null : item);
            }
        };
        cell.setWrapText(true);
        return cell;
    }

    private void focusFor(Step s) {
        if (s == Step.PICK) {
            optionsTable.requestFocus();
        } else if (s == Step.CONFIRM) {
            primaryButton.requestFocus();
        }
    }

    private void styleMessage(Tone tone) {
        messageBox.getStyleClass().removeAll("info", "success", "warning", "error");
        if (tone != Tone.NONE) {
            messageBox.getStyleClass().add(tone.name().toLowerCase(Locale.ROOT));
        }
    }

    /** What closes the window (set by whoever shows it). */
    public void setOnClose(Runnable r) {
        this.onClose = Objects.requireNonNull(r);
    }

    public LinkDialogViewModel viewModel() {
        return vm;
    }

    /** Stops the countdown timer. */
    public void dispose() {
        ticker.stop();
    }

    @FXML
    private void primary() {
        switch (vm.stepProperty().get()) {
            case PICK -> vm.next();
            case CONFIRM -> vm.link();
            case DONE -> close();
            case LOADING -> { }
        }
    }

    @FXML
    private void back() {
        vm.back();
    }

    @FXML
    private void remedy() {
        vm.runRemedy();
    }

    @FXML
    private void close() {
        if (!vm.inFlightProperty().get() && !vm.switchPlan().runningProperty().get()) {
            dispose();
            onClose.run();
        }
    }
}
