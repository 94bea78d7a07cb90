package dev.hoglink.ui.connect;

import java.util.Objects;

/**
 * One entry of the main window's Connection menu, as data: the window makes the menu item.
 *
 * @param id       the item's id (for tests), or null
 * @param kind     a connection to switch to (ticked when current), an action, or a separator
 * @param selected for a connection: whether it is the current one
 */
public record ConnectionChoice(String id, String text, Kind kind, boolean selected, Runnable action) {

    public enum Kind { CONNECTION, ACTION, SEPARATOR }

    public ConnectionChoice {
        Objects.requireNonNull(kind);
        text = text == null ? "" : text;
        action = action == null ? () -> { } : action;
    }

    public static ConnectionChoice connection(String id, String text, boolean current, Runnable action) {
        return new ConnectionChoice(id, text, Kind.CONNECTION, current, action);
    }

    public static ConnectionChoice action(String id, String text, Runnable action) {
        return new ConnectionChoice(id, text, Kind.ACTION, false, action);
    }

    public static ConnectionChoice separator() {
        return new ConnectionChoice(null, "", Kind.SEPARATOR, false, null);
    }
}
