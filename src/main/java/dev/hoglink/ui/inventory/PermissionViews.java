package dev.hoglink.ui.inventory;

import dev.hoglink.model.Capabilities;
import javafx.beans.binding.Bindings;
import javafx.beans.value.ObservableValue;
import javafx.scene.control.Button;
import javafx.scene.control.Label;

/** The detail pane's action buttons and note, bound to the capabilities rule: what each does, or why not. */
final class PermissionViews {

    private PermissionViews() {
    }

    static void bind(ProjectPermissions p, Label note, Button link, Button oauth, Button unlink) {
        explain(link, p.link(), "Use an installation that a sibling project already has (Ctrl+L)", p);
        explain(oauth, p.startOAuth(), "Mint a GitHub authorization link for an installation (Ctrl+Shift+O)", p);
        explain(unlink, p.unlink(), "Disconnect the selected integration from this project", p);
        note.textProperty().bind(p.note());
        note.visibleProperty().bind(note.textProperty().isNotEmpty());
        note.managedProperty().bind(note.visibleProperty());
    }

    /**
     * The button's tooltip says what it does, or, when the rule refuses it, why not: then it is the note under the
     * buttons, word for word ({@link ProjectPermissions#note()} names every refused action with its reason), so the
     * tip and the note cannot tell the one fact two ways.
     */
    static void explain(Button button, ObservableValue<Capabilities.Decision> d, String does, ProjectPermissions p) {
        dev.hoglink.ui.common.HoverTip.on(button).wrapAt(420).bind(Bindings.createStringBinding(
                () -> d.getValue().allowed() ? does : p.note().get(), d, p.note()));
    }
}
