package dev.hoglink;

import javafx.application.Application;

/** Plain main for {@link ScreenshotApp} (a main class extending Application needs JavaFX on the module path). */
public final class ScreenshotLauncher {

    private ScreenshotLauncher() {
    }

    public static void main(String[] args) {
        Application.launch(ScreenshotApp.class, args);
    }
}
