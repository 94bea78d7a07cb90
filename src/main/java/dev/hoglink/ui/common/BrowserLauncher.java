package dev.hoglink.ui.common;

import java.net.URI;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Opens a checked web page in the user's system browser. The app uses {@link SystemBrowser}, which runs the
 * platform's opener and reads its exit status, so a launch that fails is reported, not assumed; tests replace
 * it (recording the calls, or approving the sandbox's authorize page over HTTP).
 */
@FunctionalInterface
public interface BrowserLauncher {

    /**
     * Opens the page.
     *
     * @throws LaunchFailedException when no browser could be started; its message names what was tried and
     *                               never holds the page's address
     */
    void open(URI page);

    /** How a launch that did not fail went. */
    enum Opened {
        /** The opener reported success (exit status 0, or a browser process that kept running). */
        CONFIRMED,
        /** Handed to a platform service that reports nothing back, so nobody can say whether a browser opened. */
        HANDED_OFF
    }

    /** Opens the page and says whether that was confirmed; the default trusts {@link #open}. */
    default Opened launch(URI page) {
        open(page);
        return Opened.CONFIRMED;
    }

    /** No browser could be started. The message is safe to show and to log: it never holds the address. */
    final class LaunchFailedException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public LaunchFailedException(String reason) {
            super(reason);
        }
    }

    /** The system browser: the platform's opener with its exit status, then JavaFX's HostServices. */
    static BrowserLauncher of(javafx.application.HostServices services) {
        return SystemBrowser.forThisMachine(page -> services.showDocument(page.toString()));
    }

    /**
     * A launcher for callers on the UI thread: the launch runs through {@code runner} (it may wait a few seconds
     * for the opener's exit status) and a failure is passed to {@code failed} as a sentence for the user.
     */
    static BrowserLauncher inBackground(BrowserLauncher blocking, TaskRunner runner, Consumer<String> failed) {
        Objects.requireNonNull(blocking);
        Objects.requireNonNull(runner);
        Objects.requireNonNull(failed);
        return page -> runner.run(() -> blocking.launch(page))
                .onFailure(e -> failed.accept("The browser could not be opened: " + reason(e)));
    }

    /** The user-safe reason of a failed launch (never the address). */
    static String reason(Throwable e) {
        return e instanceof LaunchFailedException ? e.getMessage() : "the system refused to open it ("
                + e.getClass().getSimpleName() + ").";
    }
}
