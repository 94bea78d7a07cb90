package dev.hoglink.ui.common;

/**
 * Every dialog the app shows, owned by the main window. View models call it; tests replace it.
 * Messages are shown as given: callers pass user-safe text (never a key).
 */
public interface DialogService {

    /** Asks a yes/no question; true when the user chose {@code okLabel}. */
    boolean confirm(String title, String message, String okLabel);

    void info(String title, String message);

    /** A short message, with the (redacted) stack trace in an expandable area. */
    void error(String title, String message, Throwable cause);

    /**
     * A dangerous confirmation: the OK button stays disabled until the user types {@code expected} exactly.
     *
     * @return true when confirmed
     */
    boolean confirmByTyping(String title, String message, String expected, String okLabel);

    /** A small transient message that does not need an answer. */
    void notify(String message, Notice kind);

    /** How a notification is coloured. */
    enum Notice { INFO, SUCCESS, WARNING, ERROR }
}
