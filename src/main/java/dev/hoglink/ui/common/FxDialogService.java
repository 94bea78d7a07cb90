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
import javafx.stage.Window;
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
        alert.setOnShown(e -> field.requestFocus());
        Optional<ButtonType> answer = alert.showAndWait();
        return answer.filter(ok::equals).isPresent() && expected.equals(field.getText());
    }

    @Override
    public void notify(String message, Notice kind) {
        if (toasts != null) {
            toasts.show(message, kind);
        } else {
            info("Hoglink", message);
        }
    }

    private void prepare(Alert alert, String title) {
        alert.setTitle(title);
        alert.setHeaderText(title);
        Window w = owner.get();
        if (w != null) {
            alert.initOwner(w);
        }
    }

    static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }
}
