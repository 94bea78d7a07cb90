package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.HoglinkApp;
import dev.hoglink.RealApp;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The installed feature in the real app on the embedded sandbox: the toolbar button and the shortcut. */
class AuditFeatureFxTest {

    @RegisterExtension
    final RealApp real = new RealApp();

    static Optional<Stage> auditWindow() {
        return Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Audit")).map(w -> (Stage) w).findFirst();
    }

    @Test
    void theToolbarButtonOpensTheAuditOfTheChosenOrganizationAndTheShortcutBringsItBack() throws Exception {
        real.start(HoglinkApp.class);
        FxRobot robot = new FxRobot();
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20);
        Button button = robot.lookup("#auditButton").queryButton();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !button.isDisabled());
        robot.clickOn(button);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> auditWindow().isPresent()
                && robot.lookup("#tile-projects .tile-value").tryQueryAs(Label.class)
                .map(l -> l.getText().equals("24")).orElse(false));
        Stage audit = auditWindow().orElseThrow();
        assertEquals("Audit · Acme Analytics", audit.getTitle());
        robot.interact(audit::hide);
        assertTrue(auditWindow().map(s -> !s.isShowing()).orElse(true));
        robot.clickOn(table).press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT,
                KeyCode.CONTROL);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> auditWindow().map(Stage::isShowing).orElse(false));
    }

    private Stage openAudit(FxRobot robot) throws Exception {
        real.start(HoglinkApp.class);
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20);
        Button button = robot.lookup("#auditButton").queryButton();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !button.isDisabled());
        robot.clickOn(button);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> auditWindow().isPresent()
                && robot.lookup("#tile-projects .tile-value").tryQueryAs(Label.class)
                .map(l -> l.getText().equals("24")).orElse(false));
        return auditWindow().orElseThrow();
    }

    @Test
    void escapeClosesTheAuditWindow() throws Exception {
        FxRobot robot = new FxRobot();
        Stage audit = openAudit(robot);
        robot.clickOn("#problemsTable");
        robot.type(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !audit.isShowing());
    }
}
