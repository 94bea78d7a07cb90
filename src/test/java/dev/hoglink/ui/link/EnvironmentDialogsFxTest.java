package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.support.Truncation;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.theme.ThemeManager;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The link dialog, the unlink confirmation and the re-link confirmation of an environment (Stark Web Staging, of project Stark Web) over the
 * sandbox with Stark Industries' key, at 1024x700 in both themes: they name it by its own name with its project,
 * and none of it is cut. The link dialog's title, longer for an environment, was cut "… to an existing ...".
 */
@ExtendWith(ApplicationExtension.class)
class EnvironmentDialogsFxTest extends LinkWindowTestBase {

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @Test
    void anEnvironmentsLinkAndUnlinkDialogsNameItWithItsProjectUncut(FxRobot robot) throws Exception {
        open(robot, Setup.defaults().withKey(s -> s.key("org_scoped")).withSize(1024, 700));
        waitFor(20, () -> !vm.busyProperty().get() && vm.row(SeedWorld.STARK_WEB_STAGING) != null
                && vm.row(SeedWorld.STARK_WEB_STAGING).linksKnown()
                && !vm.row(SeedWorld.STARK_WEB_STAGING).links().isEmpty());
        List<String> cut = new ArrayList<>();
        for (ThemeManager.Theme t : List.of(ThemeManager.Theme.LIGHT, ThemeManager.Theme.DARK)) {
            robot.interact(() -> theme.apply(t));
            ProjectRowViewModel staging = vm.row(SeedWorld.STARK_WEB_STAGING);

            robot.interact(() -> feature.openLinkDialog(staging));
            waitFor(20, () -> feature.openDialog() != null && feature.openDialog().isShowing());
            Parent root = feature.openDialog().getScene().getRoot();
            waitFor(20, () -> !((Label) root.lookup("#listTextLabel")).getText().isEmpty());
            assertEquals("Link Stark Web Staging (id 402, environment of project Stark Web (id 401)) to an existing "
                    + "GitHub installation", ((Label) root.lookup("#titleLabel")).getText());
            robot.interact(() -> Truncation.truncatedLabels(root).forEach(c -> cut.add(t + " link dialog: " + c)));
            closeOtherWindows();
            waitFor(20, () -> feature.openDialog() == null);

            robot.interact(() -> feature.unlink(staging, staging.links().get(0)));
            waitFor(20, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
            DialogPane pane = robot.lookup(".dialog-pane").query();
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals("Unlink Stark Web Staging from stark (id " + SeedWorld.INST_STARK + ")?", pane.getHeaderText());
            robot.interact(() -> Truncation.truncatedLabels(pane).forEach(c -> cut.add(t + " unlink: " + c)));
            closeOtherWindows();
            waitFor(20, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());

            javafx.application.Platform.runLater(() -> feature.relink(staging, SeedWorld.INST_STARK)); // asks at once
            waitFor(20, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
            DialogPane relink = robot.lookup(".dialog-pane").query();
            WaitForAsyncUtils.waitForFxEvents();
            assertEquals("Re-link Stark Web Staging to stark (id " + SeedWorld.INST_STARK + ")?", relink.getHeaderText());
            assertTrue(relink.getContentText().startsWith("Stark Web Staging (id 402, environment of project Stark Web "
                    + "(id 401)) keeps the installation on stark"), relink.getContentText());
            robot.interact(() -> Truncation.truncatedLabels(relink).forEach(c -> cut.add(t + " re-link: " + c)));
            closeOtherWindows();
            waitFor(20, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
        }
        assertEquals(List.of(), cut);
    }

    /** Another project's unlink names the environment that keeps the installation as a sentence does elsewhere. */
    @Test
    void anotherProjectsUnlinkNamesTheEnvironmentThatKeepsTheInstallationWithItsProject(FxRobot robot) throws Exception {
        open(robot, Setup.defaults().withKey(s -> s.key("org_scoped")).withSize(1024, 700));
        waitFor(20, () -> !vm.busyProperty().get() && vm.row(SeedWorld.STARK_API) != null
                && vm.row(SeedWorld.STARK_API).linksKnown() && !vm.row(SeedWorld.STARK_API).links().isEmpty()
                && vm.row(SeedWorld.STARK_WEB_STAGING) != null && vm.row(SeedWorld.STARK_WEB_STAGING).linksKnown());
        ProjectRowViewModel api = vm.row(SeedWorld.STARK_API);
        robot.interact(() -> feature.unlink(api, api.links().get(0)));
        waitFor(20, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").query();
        WaitForAsyncUtils.waitForFxEvents();
        String text = pane.getHeaderText() + "\n" + pane.getContentText();
        closeOtherWindows();
        assertTrue(text.contains("Stark Web Staging (environment of project Stark Web (id 401))"), text);
        assertFalse(text.contains("Stark Web / Stark Web Staging"), text);
    }
}
