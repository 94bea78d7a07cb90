package dev.hoglink.ui.link;

import java.net.URI;

/** Opens a web page in the user's browser. The app uses HostServices; tests record the calls. */
@FunctionalInterface
public interface BrowserLauncher {

    void open(URI page);

    /** Over JavaFX's HostServices (the system browser). */
    static BrowserLauncher of(javafx.application.HostServices services) {
        return page -> services.showDocument(page.toString());
    }
}
