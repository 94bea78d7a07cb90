package dev.hoglink.ui.oauth;

import java.net.URI;

/**
 * Opens a checked link in the system browser. The real one goes through JavaFX's HostServices; tests
 * replace it (for example with one that approves the sandbox's authorize page over HTTP).
 */
@FunctionalInterface
public interface BrowserLauncher {

    void open(URI url);

    /** The system browser, through {@link javafx.application.HostServices#showDocument(String)}. */
    static BrowserLauncher of(javafx.application.HostServices hostServices) {
        return url -> hostServices.showDocument(url.toString());
    }
}
