package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

class HoglinkAppFxTest {

    @TempDir
    Path home;

    private Application app;

    @BeforeEach
    void isolateHome() {
        System.setProperty("hoglink.home", home.toString());
    }

    @AfterEach
    void tearDown() throws Exception {
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        System.clearProperty("hoglink.home");
    }

    @Test
    void opensOnTheSandboxWithItsBadgeShowsItsProjectsAndRemembersItsSettings() throws Exception {
        Stage stage = FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(HoglinkApp.class, "--theme", "dark");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());
        assertEquals("Hoglink", stage.getTitle());
        TableView<?> table = new FxRobot().lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20);
        assertTrue(new FxRobot().lookup("Sandbox").tryQuery().isPresent(), "the sandbox badge shows");
        FxToolkit.cleanupApplication(app);
        app = null;
        Path prefs = home.resolve("config/ui.json");
        assertTrue(Files.exists(prefs), "window settings saved on close");
        assertTrue(Files.readString(prefs).contains("projectsTable"));
    }
}
