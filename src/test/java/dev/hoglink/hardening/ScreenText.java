package dev.hoglink.hardening;

import java.util.ArrayList;
import java.util.Set;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Labeled;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.stage.Window;

/** Every piece of text on screen: labels, buttons, cells, text fields and tooltips of every open window. */
final class ScreenText {

    /** The key fields of the connection dialog: they hold the key on purpose. */
    static final Set<String> KEY_FIELDS = Set.of("keyField", "keyVisibleField");

    private ScreenText() {
    }

    /** Call on the FX thread. */
    static String ofAllWindows() {
        StringBuilder sb = new StringBuilder();
        for (Window w : new ArrayList<>(Window.getWindows())) {
            if (w.getScene() != null) {
                collect(w.getScene().getRoot(), sb);
            }
        }
        return sb.toString();
    }

    private static void collect(Node n, StringBuilder sb) {
        if (n.getId() != null && KEY_FIELDS.contains(n.getId())) {
            return;
        }
        if (n instanceof Labeled l) {
            sb.append(l.getText()).append('\n');
            Tooltip t = l.getTooltip();
            if (t != null) {
                sb.append(t.getText()).append('\n');
            }
            // a tooltip made on first hover: its text is there before anyone points at the control
            Object tip = l.getProperties().get(dev.hoglink.ui.common.HoverTip.TEXT);
            if (tip != null) {
                sb.append(tip).append('\n');
            }
        }
        if (n instanceof TextInputControl t) {
            sb.append(t.getText()).append('\n').append(t.getPromptText()).append('\n');
        }
        if (n instanceof Parent p) {
            for (Node c : p.getChildrenUnmodifiable()) {
                collect(c, sb);
            }
        }
    }
}
