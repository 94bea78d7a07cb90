package dev.hoglink.ui.main;

import dev.hoglink.ui.connect.ConnectionChoice;
import dev.hoglink.ui.inventory.ProjectActions;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;

/**
 * The feature commands the main window's toolbar, menus, banners and shortcuts call. {@link MainCommands}
 * forwards them to the features; a test passes its own. A new feature adds its command here, its button or
 * menu item to {@code MainWindow.fxml}, and its forwarding line to {@link MainCommands}.
 */
public interface MainActions extends ProjectActions {

    /** The Connection menu's entries, read each time the menu opens. */
    List<ConnectionChoice> connectionChoices();

    /** "Connect to PostHog…": the connection dialog for a new profile. */
    void connectNew();

    /** "Open the sandbox": the built-in sandbox becomes the current connection. */
    void openSandbox();

    /** "Enter new key…" on the banner PostHog's refusal of the key raised. */
    void askForNewKey();

    /** "Link N projects…" for the selected rows. */
    void linkProjects(List<ProjectRowViewModel> rows);

    /** "Undo link of …": unlinks exactly what the last link of this session linked (single or bulk). */
    default void undoLastLink() {
    }

    /** The undo button's text ("Undo link of Checkout"); empty hides it. */
    default javafx.beans.property.ReadOnlyStringProperty undoLastLinkLabelProperty() {
        return new javafx.beans.property.ReadOnlyStringWrapper("").getReadOnlyProperty();
    }

    /** "Audit": opens (or brings forward) the audit of the chosen organization. */
    void openAudit();

    /** Whether the first-run welcome banner shows (on the sandbox, until a connection is saved or it is dismissed). */
    ReadOnlyBooleanProperty welcomeShownProperty();

    void dismissWelcome();

    /** Ctrl+Q: quits the app (its stop() saves the layout and closes the session). */
    default void quit() {
        javafx.application.Platform.exit();
    }
}
