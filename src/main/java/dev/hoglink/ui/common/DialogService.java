package dev.hoglink.ui.common;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Every dialog the app shows, owned by the main window. View models call it; tests replace it.
 * Messages are shown as given: callers pass user-safe text (never a key).
 */
public interface DialogService {

    /** Asks a yes/no question; true when the user chose {@code okLabel}. */
    boolean confirm(String title, String message, String okLabel);

    /**
     * Asks before a destructive change. The button that makes the change is danger-styled, is never the default
     * button and ignores Enter: only a click or Space on it confirms. Cancel has the focus.
     */
    default boolean confirmDanger(String title, String message, String okLabel) {
        return confirm(title, message, okLabel);
    }

    void info(String title, String message);

    /**
     * Says something that leaves the user work to do on a web page: the message, then the page's address in a
     * selectable read-only field (to copy where no browser opens), a button labelled {@code openLabel} that hands
     * the page to {@code open} (the app's browser launcher, which reports its own failure) and Close. Opening
     * leaves the dialog up, so the address can still be copied when the browser did not come; Close or Escape
     * dismisses it. The open button has the focus and is the default button. Simple fakes that show no window
     * show the message and the address through {@link #info} and open nothing.
     */
    default void infoWithPage(String title, String message, java.net.URI page, String openLabel,
                              java.util.function.Consumer<java.net.URI> open) {
        info(title, message + "\n\n" + page);
    }

    /** A short message, with the (redacted) stack trace in an expandable area. */
    void error(String title, String message, Throwable cause);

    /**
     * A dangerous confirmation: the OK button stays disabled until the user types {@code expected} exactly. Like
     * {@link #confirmDanger}, it is danger-styled, never the default button and never triggered by Enter.
     *
     * @return true when confirmed
     */
    boolean confirmByTyping(String title, String message, String expected, String okLabel);

    /**
     * Asks where to save a file, starting from {@code suggestedName}, offering {@code *.extension} files.
     * Empty when the user cancels. Implementations that cannot show a file chooser (simple test fakes) cancel.
     */
    default Optional<Path> chooseSaveFile(String title, String suggestedName, String description, String extension) {
        return Optional.empty();
    }

    /**
     * Opens a feature window, the one way every feature window opens: owned by the main window, modal when
     * asked, with the theme and the app's and the view's CSS, centred on its owner and fully on screen, closed
     * by Escape (through its close request, so a window may refuse while it works) unless its own Cancel
     * button takes Escape. Shows it and returns its view and stage. Simple test fakes cannot open windows.
     */
    default <V> OpenWindow<V> openWindow(WindowRequest<V> request) {
        throw new UnsupportedOperationException("This dialog service opens no windows; use FxDialogService");
    }

    /** A small transient message that does not need an answer. */
    void notify(String message, Notice kind);

    /**
     * A failure of something the user just asked for, said where they are: as an error notice in the main window
     * when that window has the focus, otherwise in an error alert over the window that has it (the audit window, a
     * dialog), where a notice in the main window would hide behind it. Simple fakes show it as a notice.
     */
    default void failure(String message) {
        notify(message, Notice.ERROR);
    }

    /** How a notification is coloured. */
    enum Notice { INFO, SUCCESS, WARNING, ERROR }
}
