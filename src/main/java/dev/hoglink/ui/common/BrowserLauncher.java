package dev.hoglink.ui.common;

import java.net.URI;

/**
 * Opens a checked web page in the user's system browser. The app goes through JavaFX's HostServices; tests
 * replace it (recording the calls, or approving the sandbox's authorize page over HTTP).
 */
@FunctionalInterface
public interface BrowserLauncher {

    void open(URI page);

    /** The system browser, through {@link javafx.application.HostServices#showDocument(String)}. */
    static BrowserLauncher of(javafx.application.HostServices services) {
        return page -> services.showDocument(page.toString());
    }
}
