package dev.hoglink.ui.common;

import dev.hoglink.util.Redactor;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Optional;
import java.util.function.Supplier;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonBar;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import dev.hoglink.ui.theme.ThemeManager;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import atlantafx.base.theme.Styles;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.KeyCodeCombination;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.stage.Window;
import javafx.stage.WindowEvent;
import org.controlsfx.dialog.ExceptionDialog;

/** {@link DialogService} over JavaFX alerts and ControlsFX's ExceptionDialog, always owned by the main window. */
public final class FxDialogService implements DialogService {

    private final Supplier<Window> owner;
    private Toasts toasts;

    public FxDialogService(Supplier<Window> owner) {
        this.owner = owner;
    }

    /** Where {@link #notify} shows its messages; until set, notifications fall back to info dialogs. */
    public void setToasts(Toasts toasts) {
        this.toasts = toasts;
    }

    @Override
    public boolean confirm(String title, String message, String okLabel) {
        ButtonType ok = new ButtonType(okLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.CONFIRMATION, message, ok, ButtonType.CANCEL);
        prepare(alert, title);
        return alert.showAndWait().filter(ok::equals).isPresent();
    }

    @Override
    public boolean confirmDanger(String title, String message, String okLabel) {
        ButtonType ok = new ButtonType(okLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, message, ok, ButtonType.CANCEL);
        prepare(alert, title);
        dangerous(alert, ok);
        return alert.showAndWait().filter(ok::equals).isPresent();
    }

    /**
     * Makes {@code ok} a danger button that is not the default and that Enter cannot fire, and gives Cancel the
     * focus when the alert shows.
     */
    private static void dangerous(Alert alert, ButtonType ok) {
        Button button = (Button) alert.getDialogPane().lookupButton(ok);
        button.setDefaultButton(false);
        button.getStyleClass().add(Styles.DANGER);
        button.addEventFilter(KeyEvent.ANY, e -> {
            if (e.getCode() == KeyCode.ENTER) {
                e.consume();
            }
        });
        Node cancel = alert.getDialogPane().lookupButton(ButtonType.CANCEL);
        alert.getDialogPane().getScene().getWindow().addEventHandler(WindowEvent.WINDOW_SHOWN,
                e -> cancel.requestFocus());
    }

    @Override
    public Optional<java.nio.file.Path> chooseSaveFile(String title, String suggestedName, String description,
                                                       String extension) {
        javafx.stage.FileChooser chooser = new javafx.stage.FileChooser();
        chooser.setTitle(title);
        chooser.setInitialFileName(suggestedName);
        chooser.getExtensionFilters().add(new javafx.stage.FileChooser.ExtensionFilter(description, "*." + extension));
        java.io.File file = chooser.showSaveDialog(owner.get());
        return Optional.ofNullable(file).map(java.io.File::toPath);
    }

    @Override
    public void info(String title, String message) {
        Alert alert = new Alert(Alert.AlertType.INFORMATION, message, ButtonType.OK);
        prepare(alert, title);
        alert.showAndWait();
    }

    @Override
    public void infoWithPage(String title, String message, java.net.URI page, String openLabel,
                             java.util.function.Consumer<java.net.URI> open) {
        ButtonType openType = new ButtonType(openLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.INFORMATION, null, openType, ButtonType.CLOSE);
        prepare(alert, title);
        Label text = new Label(message);
        text.setWrapText(true);
        TextField address = new TextField(page.toString());
        address.setId("pageAddressField");
        address.setEditable(false);
        address.setPrefColumnCount(Math.min(page.toString().length(), 64));
        address.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE); // never squeezed: the whole address shows
        address.setAccessibleHelp("Select and copy the address if no browser opens");
        Label caption = new Label("Address (copy it if no browser opens):");
        caption.setLabelFor(address);
        caption.getStyleClass().add(Styles.TEXT_MUTED);
        alert.getDialogPane().setContent(new VBox(12, text, new VBox(4, caption, address)));
        Button openButton = (Button) alert.getDialogPane().lookupButton(openType);
        openButton.setId("openPageButton");
        openButton.getStyleClass().add(Styles.ACCENT);
        // Opening keeps the dialog up: the address stays to copy should no browser come. Close or Escape dismiss it.
        openButton.addEventFilter(javafx.event.ActionEvent.ACTION, e -> {
            e.consume();
            open.accept(page);
        });
        alert.getDialogPane().lookupButton(ButtonType.CLOSE).setId("closeButton");
        alert.setOnShown(e -> openButton.requestFocus());
        alert.showAndWait();
    }

    @Override
    public void error(String title, String message, Throwable cause) {
        if (cause == null) {
            Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
            prepare(alert, title);
            alert.showAndWait();
            return;
        }
        ExceptionDialog dialog = new ExceptionDialog(cause);
        dialog.setTitle(title);
        dialog.setHeaderText(message);
        Window w = owner.get();
        if (w != null) {
            dialog.initOwner(w);
        }
        placeOnShown(dialog.getDialogPane(), w);
        // The stack trace may quote server text; show it only after redaction.
        TextArea trace = new TextArea(Redactor.redact(stackTrace(cause)));
        trace.setEditable(false);
        trace.setWrapText(false);
        VBox.setVgrow(trace, Priority.ALWAYS);
        VBox box = new VBox(6, new Label("Details (also in the log):"), trace);
        box.setMaxHeight(Double.MAX_VALUE);
        dialog.getDialogPane().setExpandableContent(box);
        dialog.showAndWait();
    }

    @Override
    public boolean confirmByTyping(String title, String message, String expected, String okLabel) {
        ButtonType ok = new ButtonType(okLabel, ButtonBar.ButtonData.OK_DONE);
        Alert alert = new Alert(Alert.AlertType.WARNING, null, ok, ButtonType.CANCEL);
        prepare(alert, title);
        TextField field = new TextField();
        field.setId("confirmTextField");
        field.setPromptText(expected);
        Label text = new Label(message + "\n\nType " + expected + " to confirm.");
        text.setWrapText(true);
        alert.getDialogPane().setContent(new VBox(10, text, field));
        alert.getDialogPane().lookupButton(ok).disableProperty()
                .bind(field.textProperty().isNotEqualTo(expected));
        dangerous(alert, ok);
        // After dangerous()'s own handler, which gives Cancel the focus: here the name is typed first.
        alert.getDialogPane().getScene().getWindow().addEventHandler(WindowEvent.WINDOW_SHOWN,
                e -> field.requestFocus());
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.filter(ok::equals).isPresent() && expected.equals(field.getText());
    }

    @Override
    public <V> OpenWindow<V> openWindow(WindowRequest<V> request) {
        ViewLoader.Loaded<V> loaded = new ViewLoader(new ControllerFactory()
                .register(request.view(), request.controller())).load(request.view());
        Stage stage = new Stage();
        Window w = owner.get();
        if (w != null) {
            stage.initOwner(w);
            if (request.modal()) {
                stage.initModality(Modality.WINDOW_MODAL);
            }
        }
        Scene scene = request.width() > 0 && request.height() > 0
                ? new Scene(loaded.root(), request.width(), request.height()) : new Scene(loaded.root());
        ThemeManager.addAppStylesheet(scene);
        // Escape asks the window to close (its close request may refuse while it works). A view's own Cancel
        // button, once skinned, takes Escape over and closes the window its own way.
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.ESCAPE),
                () -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        stage.setScene(scene);
        stage.setTitle(request.title());
        if (request.minWidth() > 0) {
            stage.setMinWidth(request.minWidth());
        }
        if (request.minHeight() > 0) {
            stage.setMinHeight(request.minHeight());
        }
        stage.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> place(stage, w));
        stage.show();
        return new OpenWindow<>(loaded.controller(), stage);
    }

    /** Centres a window on its owner (or the screen) and keeps it fully on the screen it is on. */
    static void place(Stage stage, Window owner) {
        Rectangle2D area = screenOf(owner != null ? owner : stage).getVisualBounds();
        double w = Math.min(stage.getWidth(), area.getWidth());
        double h = Math.min(stage.getHeight(), area.getHeight());
        if (w < stage.getWidth()) {
            stage.setWidth(w);
        }
        if (h < stage.getHeight()) {
            stage.setHeight(h);
        }
        double x = owner != null ? owner.getX() + (owner.getWidth() - w) / 2 : area.getMinX() + (area.getWidth() - w) / 2;
        double y = owner != null ? owner.getY() + (owner.getHeight() - h) / 2 : area.getMinY() + (area.getHeight() - h) / 3;
        stage.setX(Math.max(area.getMinX(), Math.min(x, area.getMaxX() - w)));
        stage.setY(Math.max(area.getMinY(), Math.min(y, area.getMaxY() - h)));
    }

    private static Screen screenOf(Window w) {
        double cx = w.getX() + w.getWidth() / 2;
        double cy = w.getY() + w.getHeight() / 2;
        return Screen.getScreensForRectangle(cx, cy, 1, 1).stream().findFirst().orElse(Screen.getPrimary());
    }

    @Override
    public void notify(String message, Notice kind) {
        if (toasts != null) {
            toasts.show(message, kind);
        } else {
            info("Hoglink", message);
        }
    }

    @Override
    public void failure(String message) {
        Window main = owner.get();
        // the newest focused window: one on a desktop, though some toolkits (Monocle) keep the older ones focused
        Window focused = Window.getWindows().stream().filter(Window::isFocused).reduce((a, b) -> b).orElse(main);
        if (focused == main && toasts != null) {
            toasts.show(message, Notice.ERROR);
            return;
        }
        Alert alert = new Alert(Alert.AlertType.ERROR, message, ButtonType.OK);
        alert.setTitle("Hoglink");
        alert.setHeaderText(null);
        if (focused != null) {
            alert.initOwner(focused);
        }
        placeOnShown(alert.getDialogPane(), focused);
        alert.show(); // not waited for: the failure may be reported while another dialog waits for its answer
    }

    private void prepare(Alert alert, String title) {
        alert.setTitle(title);
        alert.setHeaderText(title);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
        placeOnShown(alert.getDialogPane(), w);
    }

    /** Alerts open where every window opens: centred on the owner, fully on screen ({@link #place}). */
    private static void placeOnShown(javafx.scene.control.DialogPane pane, Window owner) {
        if (pane.getScene().getWindow() instanceof Stage s) {
            s.addEventHandler(WindowEvent.WINDOW_SHOWN, e -> place(s, owner));
        }
    }

    static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }
}
