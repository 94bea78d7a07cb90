package dev.hoglink.ui.common;

import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A control's tooltip, made when the pointer first enters the control rather than with the control. A Tooltip is a
 * popup window with its own scene: the projects table's cells each made one, and the first frame with rows spent
 * about a twentieth of the FX thread's time on tooltips nobody had pointed at yet (JFR of the start,
 * packaging/README.md). The text is kept as it changes and goes into the tooltip once there is one; the same text is
 * also in the control's properties under {@link #TEXT}, for whatever reads what a window says without hovering.
 * UI thread only.
 */
public final class HoverTip {

    /** The key of the tip's current text in the control's {@link Control#getProperties() properties}. */
    public static final String TEXT = "hoglink.hoverTip";

    private final Control owner;
    private Tooltip tooltip;
    private String text;

    private HoverTip(Control owner) {
        this.owner = owner;
        // Installed on entry: the tooltip's own handlers then see the moves that follow and show it as usual.
        owner.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> install());
    }

    /** A tip for {@code owner}, with no text yet. */
    public static HoverTip on(Control owner) {
        return new HoverTip(owner);
    }

    /** The tip's text from now on; null or empty: no tooltip. */
    public void setText(String value) {
        text = value == null || value.isEmpty() ? null : value;
        if (text == null) {
            owner.getProperties().remove(TEXT);
        } else {
            owner.getProperties().put(TEXT, text);
        }
        if (tooltip != null) {
            install();
        }
    }

    /** The tip's text, or null. */
    public String text() {
        return text;
    }

    private void install() {
        if (text == null) {
            owner.setTooltip(null);
            return;
        }
        if (tooltip == null) {
            tooltip = new Tooltip();
        }
        tooltip.setText(text);
        if (owner.getTooltip() != tooltip) {
            owner.setTooltip(tooltip);
        }
    }
}
