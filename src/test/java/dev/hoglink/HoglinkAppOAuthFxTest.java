package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/** The real app on its sandbox: the detail pane's "Start OAuth bootstrap…" opens the wizard for that project. */
class HoglinkAppOAuthFxTest {

    @RegisterExtension
    final RealApp real = new RealApp();

    @Test
    void theDetailPaneButtonOpensTheWizardForTheSelectedProjectAndCancelClosesIt() throws Exception {
        HoglinkApp app = real.start(HoglinkApp.class);
        FxRobot robot = new FxRobot();
        InventoryViewModel inventory = app.inventory();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> inventory.row(110) != null);
        ProjectRowViewModel docs = inventory.row(110);
        robot.interact(() -> inventory.selectedRowProperty().set(docs));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !robot.lookup("#oauthButton").query().isDisabled());

        robot.clickOn("#oauthButton");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup("#installationIdField").tryQuery().isPresent());
        ComboBox<?> project = robot.lookup("#projectCombo").queryComboBox();
        assertEquals(docs.project(), project.getValue(), "the wizard starts on the selected project");
        TextField id = robot.lookup("#installationIdField").queryAs(TextField.class);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !id.getText().isEmpty());
        assertTrue(id.getText().matches("[1-9]\\d*"), id.getText());

        Window wizard = id.getScene().getWindow();
        robot.clickOn("#cancelButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !wizard.isShowing());
        assertTrue(((Stage) wizard).getOwner() != null, "owned by the main window");
    }
}
