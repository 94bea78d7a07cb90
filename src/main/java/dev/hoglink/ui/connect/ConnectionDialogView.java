package dev.hoglink.ui.connect;

import dev.hoglink.service.session.Session;
import dev.hoglink.ui.connect.ConnectionDialogViewModel.HostChoice;
import dev.hoglink.ui.connect.ConnectionDialogViewModel.ReportLine;
import dev.hoglink.ui.connect.ConnectionDialogViewModel.TestState;
import dev.hoglink.ui.theme.AppIcon;
import java.util.function.Consumer;
import javafx.fxml.FXML;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.PasswordField;
import javafx.scene.control.RadioButton;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;

/** Thin view of {@link ConnectionDialogViewModel}: binds fields and forwards buttons. */
public final class ConnectionDialogView {

    private final ConnectionDialogViewModel vm;
    private final Consumer<Session> onSaved;

    @FXML private Label titleLabel;
    @FXML private Label noteLabel;
    @FXML private TextField nameField;
    @FXML private ToggleGroup hostGroup;
    @FXML private RadioButton usCloudRadio;
    @FXML private RadioButton euCloudRadio;
    @FXML private RadioButton selfHostedRadio;
    @FXML private TextField hostField;
    @FXML private PasswordField keyField;
    @FXML private TextField keyVisibleField;
    @FXML private ToggleButton revealButton;
    @FXML private VBox resultBox;
    @FXML private Label headlineLabel;
    @FXML private Label adviceLabel;
    @FXML private Button suggestButton;
    @FXML private VBox reportList;
    @FXML private Label keyHelpLabel;
    @FXML private javafx.scene.control.ScrollPane formScroll;
    @FXML private VBox formBox;
    @FXML private Label validationLabel;
    @FXML private Button testButton;
    @FXML private Button saveButton;
    @FXML private Button cancelButton;
    @FXML private VBox signInBox;
    @FXML private Label siteUrlLabel;
    @FXML private TextField siteUrlField;
    @FXML private Label siteUrlHelpLabel;
    @FXML private javafx.scene.control.CheckBox readOnlyCheck;
    @FXML private VBox profileOptionsBox;

    public ConnectionDialogView(ConnectionDialogViewModel vm, Consumer<Session> onSaved) {
        this.vm = vm;
        this.onSaved = onSaved;
    }

    @FXML
    private void initialize() {
        nameField.textProperty().bindBidirectional(vm.nameProperty());
        hostField.textProperty().bindBidirectional(vm.selfHostedUrlProperty());
        usCloudRadio.setUserData(HostChoice.US_CLOUD);
        euCloudRadio.setUserData(HostChoice.EU_CLOUD);
        selfHostedRadio.setUserData(HostChoice.SELF_HOSTED);
        selectHost(vm.hostChoiceProperty().get());
        vm.hostChoiceProperty().addListener((o, a, b) -> selectHost(b));
        hostGroup.selectedToggleProperty().addListener((o, a, b) -> {
            if (b != null) {
                vm.hostChoiceProperty().set((HostChoice) b.getUserData());
            }
        });
        hostField.disableProperty().bind(vm.hostChoiceProperty().isNotEqualTo(HostChoice.SELF_HOSTED));
        hostField.managedProperty().bind(hostField.disableProperty().not());
        hostField.visibleProperty().bind(hostField.managedProperty());

        // The key: masked by default; the reveal toggle swaps in a plain field bound to the same text.
        keyField.textProperty().bindBidirectional(vm.apiKeyProperty());
        keyVisibleField.textProperty().bindBidirectional(vm.apiKeyProperty());
        revealButton.selectedProperty().bindBidirectional(vm.keyRevealedProperty());
        keyVisibleField.visibleProperty().bind(vm.keyRevealedProperty());
        keyField.visibleProperty().bind(vm.keyRevealedProperty().not());
        revealButton.graphicProperty().bind(javafx.beans.binding.Bindings.createObjectBinding(
                () -> (vm.keyRevealedProperty().get() ? AppIcon.CONCEAL : AppIcon.REVEAL).node(),
                vm.keyRevealedProperty()));
        vm.keyRevealedProperty().addListener((o, a, shown) -> {
            (shown ? keyVisibleField : keyField).requestFocus();
            (shown ? keyVisibleField : keyField).end();
        });

        headlineLabel.textProperty().bind(vm.headlineProperty());
        adviceLabel.textProperty().bind(vm.adviceProperty());
        adviceLabel.managedProperty().bind(vm.adviceProperty().isNotEmpty());
        adviceLabel.visibleProperty().bind(adviceLabel.managedProperty());
        resultBox.managedProperty().bind(vm.headlineProperty().isNotEmpty());
        resultBox.visibleProperty().bind(resultBox.managedProperty());
        // The host field and the result box come and go: the window grows with them, so its buttons stay on it.
        hostField.managedProperty().addListener((o, a, b) -> growWindowToFit());
        resultBox.managedProperty().addListener((o, a, b) -> growWindowToFit());
        vm.testStateProperty().addListener((o, a, s) -> {
            resultBox.getStyleClass().removeAll("ok", "failed");
            if (s == TestState.OK) {
                resultBox.getStyleClass().add("ok");
            } else if (s == TestState.FAILED) {
                resultBox.getStyleClass().add("failed");
            }
        });
        // Where to get a key and which scopes it needs: moot once this key passed, and the report needs the room.
        keyHelpLabel.textProperty().bind(vm.keyHintProperty());
        keyHelpLabel.managedProperty().bind(vm.testStateProperty().isNotEqualTo(TestState.OK));
        keyHelpLabel.visibleProperty().bind(keyHelpLabel.managedProperty());
        suggestButton.managedProperty().bind(vm.suggestedHostProperty().isNotNull());
        suggestButton.visibleProperty().bind(suggestButton.managedProperty());
        vm.suggestedHostProperty().addListener((o, a, h) ->
                suggestButton.setText(h == null ? "" : "Switch to " + h.displayName() + " and test again"));
        vm.report().addListener((javafx.collections.ListChangeListener<ReportLine>) c -> renderReport());
        // A refused key has no report lines: its list then takes no room, and the box ends under the advice.
        reportList.managedProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(vm.report()));
        reportList.visibleProperty().bind(reportList.managedProperty());
        noteLabel.textProperty().bind(vm.noteProperty());
        noteLabel.managedProperty().bind(vm.noteProperty().isNotEmpty());
        noteLabel.visibleProperty().bind(noteLabel.managedProperty());
        validationLabel.textProperty().bind(vm.validationProperty());
        validationLabel.managedProperty().bind(vm.validationProperty().isNotEmpty());
        validationLabel.visibleProperty().bind(validationLabel.managedProperty());

        // The report grows and shrinks with each test: keep the whole dialog on screen.
        for (javafx.beans.Observable o : new javafx.beans.Observable[] {vm.headlineProperty(), vm.adviceProperty(),
                vm.validationProperty(), vm.noteProperty(), vm.report(), vm.suggestedHostProperty()}) {
            o.addListener(x -> javafx.application.Platform.runLater(this::fitWindow));
        }
        bindProfileOptions();
        // The form's wrapped rows are as tall as they are at the form's width: once it is first known, the dialog fits
        // them (later width changes are a scroll bar coming or going in a dialog the user or the screen made short).
        formBox.widthProperty().addListener((o, was, now) -> {
            if (was.doubleValue() <= 0 && now.doubleValue() > 0) {
                javafx.application.Platform.runLater(this::fitWindow);
            }
        });
        // A test's outcome comes in under the rows a short dialog scrolls (at 1024x700 the refusal sat below the
        // pane's edge): once laid out, it is brought into view, and kept there when the pane's height changes
        // after it (the window fitted to the screen, or resized), whether the test came from a click or Enter.
        vm.testStateProperty().addListener((o, was, now) -> {
            if (now == TestState.OK || now == TestState.FAILED) {
                javafx.application.Platform.runLater(this::revealResult);
            }
        });
        formScroll.viewportBoundsProperty().addListener((o, was, now) -> {
            if (was.getHeight() != now.getHeight() && resultBox.isManaged()) {
                javafx.application.Platform.runLater(this::revealResult);
            }
        });
        // Tab into a row scrolled out of a short dialog brings that row into view.
        formScroll.sceneProperty().addListener((o, was, scene) -> {
            if (scene != null) {
                scene.focusOwnerProperty().addListener((f, a, n) -> scrollIntoView(n));
            }
        });
        testButton.disableProperty().bind(vm.canTestBinding().not());
        saveButton.disableProperty().bind(vm.canSaveBinding().not());
        // Enter tests a key not yet tested, then saves the one that passed: the keyboard never meets a dead Enter.
        saveButton.defaultButtonProperty().bind(vm.canSaveBinding());
        testButton.defaultButtonProperty().bind(vm.canSaveBinding().not());
        nameField.disableProperty().bind(vm.busyProperty());
    }

    /** The site address shows for a self-hosted PostHog only; the read-only mark always. */
    private void bindProfileOptions() {
        siteUrlField.textProperty().bindBidirectional(vm.siteUrlProperty());
        readOnlyCheck.selectedProperty().bindBidirectional(vm.readOnlyProperty());
        javafx.beans.binding.BooleanBinding selfHosted = vm.hostChoiceProperty().isEqualTo(HostChoice.SELF_HOSTED);
        for (javafx.scene.Node n : new javafx.scene.Node[] {siteUrlLabel, siteUrlField, siteUrlHelpLabel}) {
            n.visibleProperty().bind(selfHosted);
            n.managedProperty().bind(selfHosted);
        }
        // Once the site address rows show (or go), the window takes their height.
        profileOptionsBox.layoutBoundsProperty().addListener((o, was, now) -> {
            if (was.getHeight() != now.getHeight()) {
                javafx.application.Platform.runLater(this::fitWindow);
            }
        });
    }

    private void selectHost(HostChoice choice) {
        switch (choice) {
            case US_CLOUD -> usCloudRadio.setSelected(true);
            case EU_CLOUD -> euCloudRadio.setSelected(true);
            case SELF_HOSTED -> selfHostedRadio.setSelected(true);
        }
    }

    private void renderReport() {
        reportList.getChildren().clear();
        for (ReportLine line : vm.report()) {
            Label l = new Label(line.text(), (line.good() ? AppIcon.SUCCESS : AppIcon.WARNING).node());
            l.setWrapText(true);
            l.getStyleClass().addAll("report-line", line.good() ? "good" : "bad");
            reportList.getChildren().add(l);
        }
    }

    /**
     * Scrolls the form so the test's outcome shows: the whole result box when it fits in the pane, else its top
     * (the headline and the advice, which say why a key failed; a long report then reads on by scrolling).
     */
    private void revealResult() {
        if (!resultBox.isManaged() || formBox.getScene() == null) {
            return;
        }
        formScroll.layout();
        double view = formScroll.getViewportBounds().getHeight();
        double range = formBox.getHeight() - view;
        if (range <= 0 || view <= 0) {
            return;
        }
        javafx.geometry.Bounds b = formBox.sceneToLocal(resultBox.localToScene(resultBox.getBoundsInLocal()));
        double top = formScroll.getVvalue() * range;
        double want = top;
        if (b.getHeight() + 12 > view || b.getMinY() - 6 < top) {
            want = b.getMinY() - 6;
        } else if (b.getMaxY() + 6 > top + view) {
            want = b.getMaxY() + 6 - view;
        }
        formScroll.setVvalue(Math.max(0, Math.min(range, want)) / range);
    }

    private void scrollIntoView(javafx.scene.Node n) {
        if (n == null || formBox.getHeight() <= formScroll.getViewportBounds().getHeight()) {
            return;
        }
        javafx.scene.Node p = n;
        while (p != null && p != formBox) {
            p = p.getParent();
        }
        if (p == null) {
            return;
        }
        javafx.geometry.Bounds b = formBox.sceneToLocal(n.localToScene(n.getBoundsInLocal()));
        double view = formScroll.getViewportBounds().getHeight();
        double range = formBox.getHeight() - view;
        double top = formScroll.getVvalue() * range;
        if (b.getMinY() < top) {
            formScroll.setVvalue(Math.max(0, b.getMinY() - 6) / range);
        } else if (b.getMaxY() > top + view) {
            formScroll.setVvalue(Math.min(range, b.getMaxY() + 6 - view) / range);
        }
    }

    /**
     * A scroll pane asks its content's height at no width, which leaves wrapped labels one line tall: the form's
     * height is asked at the width it has, so the dialog's natural height holds every row and nothing scrolls.
     */
    private void syncFormHeight() {
        formBox.applyCss();
        double width = formBox.getWidth() > 0 ? formBox.getWidth() : formScroll.getViewportBounds().getWidth();
        if (width > 0) {
            formScroll.setPrefViewportHeight(formBox.prefHeight(width));
        }
    }

    private void fitWindow() {
        if (saveButton.getScene() != null && saveButton.getScene().getWindow() instanceof Stage s) {
            syncFormHeight();
            s.sizeToScene();
            // A dialog that grew (the sign-in section, a long report) moves up rather than past the screen's bottom.
            javafx.geometry.Rectangle2D area = javafx.stage.Screen.getScreensForRectangle(s.getX(), s.getY(),
                    Math.max(1, s.getWidth()), Math.max(1, s.getHeight())).stream().findFirst()
                    .orElse(javafx.stage.Screen.getPrimary()).getVisualBounds();
            if (s.getHeight() > area.getHeight()) { // a small screen: the rows above the buttons scroll, report and all
                s.setHeight(area.getHeight());
            }
            if (s.getY() + s.getHeight() > area.getMaxY()) {
                s.setY(Math.max(area.getMinY(), area.getMaxY() - s.getHeight()));
            }
        }
    }

    /** Adds the "Sign in with PostHog" section (when the app can sign in); a sign-in closes the dialog. */
    public void attachSignIn(SignInViewModel signIn) {
        new SignInSection(signInBox, signIn, session -> {
            close();
            onSaved.accept(session);
        });
        // The window was sized before the section existed, and the section grows and shrinks with its step.
        signIn.stepProperty().addListener((o, a, b) -> fitWindow());
        signIn.statusProperty().addListener((o, a, b) -> fitWindow());
        fitWindow();
    }

    public void setTitle(String title) {
        titleLabel.setText(title);
    }

    /** Puts the focus where the user types first: the key (a new connection) or the name. */
    public void focusFirstField() {
        (vm.nameProperty().get().isBlank() ? nameField : keyField).requestFocus();
    }

    @FXML
    private void test() {
        vm.test();
    }

    @FXML
    private void useSuggestedHost() {
        vm.useSuggestedHost();
    }

    @FXML
    private void save() {
        vm.save(session -> {
            close();
            onSaved.accept(session);
        });
    }

    @FXML
    private void cancel() {
        close();
    }

    private void close() {
        if (saveButton.getScene() != null && saveButton.getScene().getWindow() instanceof Stage s) {
            s.close();
        }
    }

    private void growWindowToFit() {
        if (hostField.getScene() != null && hostField.getScene().getWindow() instanceof javafx.stage.Stage st) {
            javafx.scene.Parent root = hostField.getScene().getRoot();
            root.applyCss();
            syncFormHeight();
            double need = root.prefHeight(hostField.getScene().getWidth());
            double room = javafx.stage.Screen.getScreensForRectangle(st.getX(), st.getY(), 1, 1).stream().findFirst()
                    .orElse(javafx.stage.Screen.getPrimary()).getVisualBounds().getMaxY() - st.getY();
            if (need > hostField.getScene().getHeight() + 0.5) { // never past the bottom of the screen
                st.setHeight(Math.min(room, st.getHeight() + need - hostField.getScene().getHeight()));
            }
        }
    }
}
