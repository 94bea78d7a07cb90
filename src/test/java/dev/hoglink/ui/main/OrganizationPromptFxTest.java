package dev.hoglink.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.support.Truncation;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.inventory.InventoryViewModel;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The organization picker's prompt is read whole, with no connection open and with one: it read "Choose an orga…". */
@ExtendWith(ApplicationExtension.class)
class OrganizationPromptFxTest {

    FxTaskRunner runner;
    InventoryViewModel vm;

    @Start
    void start(Stage stage) {
        runner = new FxTaskRunner(2);
        vm = new InventoryViewModel(runner, null, Clock.systemUTC(), 2);
        MainWindowHarness.showLight(stage, vm);
    }

    @AfterEach
    void stop() {
        runner.shutdown();
    }

    private List<String> cut(FxRobot robot) {
        ComboBox<?> picker = robot.lookup("#organizationPicker").queryComboBox();
        List<String> found = new java.util.ArrayList<>();
        robot.interact(() -> found.addAll(Truncation.truncatedLabels((Parent) picker)));
        return found;
    }

    @Test
    void thePromptIsShownWholeConnectedOrNot(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitForFxEvents();
        ComboBox<?> picker = robot.lookup("#organizationPicker").queryComboBox();
        assertEquals(List.of(), cut(robot), "no connection: " + picker.getPromptText());
        // Not a project's state word ("Not connected": no GitHub integration): this is about PostHog.
        assertEquals("No connection", picker.getPromptText());
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(new Organization("org-a", "Acme Analytics", "acme", Organization.OWNER));
        fake.addOrganization(new Organization("org-b", "Beta", "beta", Organization.OWNER));
        robot.interact(() -> vm.connect("https://us.posthog.com", fake, null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.busyProperty().get());
        robot.interact(() -> picker.getSelectionModel().clearSelection());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(), cut(robot), "connected: " + picker.getPromptText());
    }
}
