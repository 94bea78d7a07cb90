package dev.hoglink.ui.connect;

import java.util.Objects;

/**
 * One entry of the main window's Connection menu, as data: the window makes the menu item.
 *
 * @param id       the item's id (for tests), or null
 * @param kind     a connection to switch to (ticked when current), an action, a mark that is on or off, or a
 *                 separator
 * @param selected for a connection: whether it is the current one; for a mark: whether it is on
 * @param submenu  the submenu the entry belongs to ("Sandbox role"), or null for the menu itself
 */
public record ConnectionChoice(String id, String text, Kind kind, boolean selected, Runnable action,
                               String submenu) {

    public enum Kind { CONNECTION, ACTION, TOGGLE, SEPARATOR }

    public ConnectionChoice {
        Objects.requireNonNull(kind);
        text = text == null ? "" : text;
        action = action == null ? () -> { } : action;
    }

    public ConnectionChoice(String id, String text, Kind kind, boolean selected, Runnable action) {
        this(id, text, kind, selected, action, null);
    }

    /** A choice in a submenu, one of a group of which one is current (the sandbox's roles). */
    public static ConnectionChoice inSubmenu(String submenu, String id, String text, boolean current, Runnable action) {
        return new ConnectionChoice(id, text, Kind.CONNECTION, current, action, submenu);
    }

    /** A mark the user turns on or off (e.g. "Read-only connection"). */
    public static ConnectionChoice toggle(String id, String text, boolean on, Runnable action) {
        return new ConnectionChoice(id, text, Kind.TOGGLE, on, action, null);
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
