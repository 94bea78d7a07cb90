package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

class HoglinkAppFxTest {

    @RegisterExtension
    final RealApp real = new RealApp();

    @Test
    void opensOnTheSandboxWithItsBadgeShowsItsProjectsAndRemembersItsSettings() throws Exception {
        real.start(HoglinkApp.class, "--theme", "dark");
        Stage stage = real.stage();
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(stage.isShowing());
        assertEquals("Hoglink", stage.getTitle());
        TableView<?> table = new FxRobot().lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20);
        assertTrue(new FxRobot().lookup("Sandbox").tryQuery().isPresent(), "the sandbox badge shows");
        real.stop();
        Path prefs = real.home().resolve("config/ui.json");
        assertTrue(Files.exists(prefs), "window settings saved on close");
        assertTrue(Files.readString(prefs).contains("projectsTable"));
    }

    @Test
    void damagedSavedConnectionsAreSetAsideAndTheUserIsToldAtStart() throws Exception {
        Path config = Files.createDirectories(real.home().resolve("config"));
        Files.writeString(config.resolve("profiles.json"), "{\"profiles\":" + "[".repeat(3_000));
        real.start(HoglinkApp.class);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> new FxRobot().lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = new FxRobot().lookup(".dialog-pane").queryAs(javafx.scene.control.DialogPane.class);
        assertTrue(pane.getContentText().startsWith("The saved connections could not be read"), pane.getContentText());
        try (var aside = Files.list(config)) {
            assertEquals(1, aside.filter(f -> f.getFileName().toString().startsWith("profiles.json.corrupt-")).count());
        }
        new FxRobot().interact(() -> ((javafx.stage.Stage) pane.getScene().getWindow()).close());
    }
}
