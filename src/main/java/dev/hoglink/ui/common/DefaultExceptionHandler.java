package dev.hoglink.ui.common;

import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last resort for anything no one caught: log it, then tell the user in an error dialog (on the FX
 * thread). Installed at start-up for every thread.
 */
public final class DefaultExceptionHandler implements Thread.UncaughtExceptionHandler {

    private static final Logger LOGGER = LoggerFactory.getLogger(DefaultExceptionHandler.class);

    private final DialogService dialogs;
    private boolean showing;

    public DefaultExceptionHandler(DialogService dialogs) {
        this.dialogs = dialogs;
    }

    public static void install(DialogService dialogs) {
        DefaultExceptionHandler handler = new DefaultExceptionHandler(dialogs);
        Thread.setDefaultUncaughtExceptionHandler(handler);
        if (Platform.isFxApplicationThread()) {
            Thread.currentThread().setUncaughtExceptionHandler(handler);
        }
    }

    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        LOGGER.error("Unexpected error on thread {}", thread.getName(), error);
        if (Platform.isFxApplicationThread()) {
            show(error);
        } else {
            Platform.runLater(() -> show(error));
        }
    }

    private void show(Throwable error) {
        if (showing) {
            return; // one dialog at a time; a failing layout pass must not stack hundreds
        }
        showing = true;
        try {
            dialogs.error("Unexpected error",
                    "Something went wrong. Hoglink keeps running; details are in the log.", error);
        } catch (RuntimeException e) {
            LOGGER.error("Cannot show the error dialog", e);
        } finally {
            showing = false;
        }
    }
}
