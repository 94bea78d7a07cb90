package dev.hoglink.ui.common;

import javafx.scene.control.Control;
import javafx.scene.control.Tooltip;
import javafx.scene.input.MouseEvent;

/**
 * A control's tooltip, made when the pointer first enters the control rather than with the control. A Tooltip is a
 * popup window with its own scene: the projects table's cells each made one, and the first frame with rows spent
 * about a twentieth of the FX thread's time on tooltips nobody had pointed at yet (JFR of the start,
 * packaging/README.md); the window's toolbar and detail pane made some twenty more. The text is kept as it changes
 * and goes into the tooltip once there is one; the same text is also in the control's properties under
 * {@link #TEXT}, for whatever reads what a window says without hovering. An FXML view declares one as
 * {@code <properties hoverTip="…"/>} on a control with an fx:id ({@link ViewLoader} installs it). UI thread only.
 */
public final class HoverTip {

    /** The key of the tip's current text in the control's {@link Control#getProperties() properties}. */
    public static final String TEXT = "hoverTip";

    private final Control owner;
    private Tooltip tooltip;
    private String text;
    private double wrapWidth;
    // held here: a binding is only weakly held by what it observes, and would otherwise be collected
    private javafx.beans.value.ObservableValue<String> source;

    private HoverTip(Control owner) {
        this.owner = owner;
        owner.getProperties().put(HoverTip.class, this);
        // Installed on entry: the tooltip's own handlers then see the moves that follow and show it as usual.
        owner.addEventHandler(MouseEvent.MOUSE_ENTERED, e -> install());
    }

    /** The tip of {@code owner}: the one it has, else a new one with no text yet. */
    public static HoverTip on(Control owner) {
        return owner.getProperties().get(HoverTip.class) instanceof HoverTip t ? t : new HoverTip(owner);
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

    /** The tip's text follows {@code value}. */
    public HoverTip bind(javafx.beans.value.ObservableValue<String> value) {
        source = value;
        setText(value.getValue());
        value.addListener((o, was, now) -> setText(now));
        return this;
    }

    /** Long texts wrap at {@code maxWidth}. */
    public HoverTip wrapAt(double maxWidth) {
        wrapWidth = maxWidth;
        return this;
    }

    /** What {@code control}'s tooltip says or will say on hover; null if nothing. */
    public static String textOf(Control control) {
        Object declared = control.getProperties().get(TEXT);
        if (declared instanceof String s) {
            return s;
        }
        return control.getTooltip() == null ? null : control.getTooltip().getText();
    }

    /**
     * Installs the tips FXML declared ({@code <properties hoverTip="…"/>}) on these loaded objects. A control whose
     * controller already gave it a tip keeps that one (its text is under {@link #TEXT} too): a second tip made from
     * that text dropped its wrap and stopped following its binding, and being installed last, it was the one shown.
     */
    static void installDeclared(Iterable<?> loaded) {
        for (Object o : loaded) {
            if (o instanceof Control c && !(c.getProperties().get(HoverTip.class) instanceof HoverTip)
                    && c.getProperties().get(TEXT) instanceof String s) {
                on(c).setText(s);
            }
        }
    }

    private void install() {
        if (text == null) {
            owner.setTooltip(null);
            return;
        }
        if (tooltip == null) {
            tooltip = new Tooltip();
            if (wrapWidth > 0) {
                tooltip.setWrapText(true);
                tooltip.setMaxWidth(wrapWidth);
            }
        }
        tooltip.setText(text);
        if (owner.getTooltip() != tooltip) {
            owner.setTooltip(tooltip);
        }
    }
}
