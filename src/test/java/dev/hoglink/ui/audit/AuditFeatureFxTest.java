package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.HoglinkApp;
import dev.hoglink.RealApp;
import dev.hoglink.support.FxLookup;
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
        return FxLookup.onFx(() -> Window.getWindows().stream().filter(w -> w instanceof Stage s && s.getTitle() != null
                && s.getTitle().startsWith("Audit")).map(w -> (Stage) w).findFirst());
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

    @Test
    void theTokenErrorsFixReLinksTheSameInstallationToTheSameProjectInOneConfirmedStepAndLeavesTheSelectionAlone()
            throws Exception {
        real.start(HoglinkApp.class);
        FxRobot robot = new FxRobot();
        @SuppressWarnings("unchecked")
        TableView<dev.hoglink.ui.inventory.ProjectRowViewModel> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20
                && table.getItems().stream().anyMatch(r -> r.id() == 106
                && r.state() == dev.hoglink.ui.inventory.RowState.TOKEN_ERROR));
        robot.interact(() -> table.getSelectionModel().select(0));
        java.util.List<Object> selectedBefore = java.util.List.copyOf(table.getSelectionModel().getSelectedItems());
        Button button = robot.lookup("#auditButton").queryButton();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !button.isDisabled());
        robot.clickOn(button);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup((javafx.scene.Node n) -> n instanceof Button b
                && "Re-link…".equals(b.getText()) && b.isVisible()).tryQuery().isPresent());
        robot.interact(() -> robot.lookup(".tab-pane").queryAll().stream()
                .map(n -> (javafx.scene.control.TabPane) n).forEach(tp -> tp.getTabs().stream()
                        .filter(t -> t.getText() != null && t.getText().startsWith("Problems"))
                        .forEach(t -> tp.getSelectionModel().select(t))));
        WaitForAsyncUtils.waitForFxEvents();
        Button fix = robot.lookup((javafx.scene.Node n) -> n instanceof Button b && "Re-link…".equals(b.getText())
                && b.isVisible() && b.getScene() != null).query();
        robot.clickOn(fix);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").query();
        assertTrue(pane.getContentText().contains("PostHog links it again, which fetches a fresh token"),
                pane.getContentText());
        robot.clickOn("Re-link");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().stream()
                .anyMatch(r -> r.id() == 106 && r.state() == dev.hoglink.ui.inventory.RowState.CONNECTED));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(selectedBefore, java.util.List.copyOf(table.getSelectionModel().getSelectedItems()),
                "no fix touches the main table's selection");
        assertTrue(FxLookup.onFx(() -> Window.getWindows().stream().noneMatch(w -> w instanceof Stage s && s.isShowing()
                && s.getTitle() != null && s.getTitle().startsWith("Link"))), "no link dialog was opened");
    }

    @Test
    void linkThemOpensTheBulkLinkForExactlyTheProjectsWithoutGitHubAndLeavesTheSelectionAlone() throws Exception {
        real.start(HoglinkApp.class);
        FxRobot robot = new FxRobot();
        @SuppressWarnings("unchecked")
        TableView<dev.hoglink.ui.inventory.ProjectRowViewModel> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20
                && table.getItems().stream().allMatch(dev.hoglink.ui.inventory.ProjectRowViewModel::linksKnown));
        long without = table.getItems().stream()
                .filter(r -> r.state() == dev.hoglink.ui.inventory.RowState.NOT_CONNECTED).count();
        assertTrue(without >= 2, "the seeded organization has projects without GitHub: " + without);
        robot.interact(() -> table.getSelectionModel().clearAndSelect(0));
        Stage audit = openAuditFromToolbar(robot);
        robot.interact(() -> robot.lookup(".tab-pane").queryAll().stream()
                .map(n -> (javafx.scene.control.TabPane) n).forEach(tp -> tp.getTabs().stream()
                        .filter(t -> t.getText() != null && t.getText().startsWith("Problems"))
                        .forEach(t -> tp.getSelectionModel().select(t))));
        Label entry = robot.lookup("#notConnectedLabel").query();
        assertTrue(entry.getText().startsWith(without + " projects have no GitHub."), entry.getText());
        Button linkThem = robot.lookup("#linkNotConnectedButton").queryButton();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !linkThem.isDisabled());
        robot.clickOn(linkThem);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().stream().anyMatch(w ->
                w instanceof Stage s && s.isShowing() && "Link projects".equals(s.getTitle())));
        Stage bulk = FxLookup.onFx(() -> (Stage) Window.getWindows().stream().filter(w -> w instanceof Stage s
                && s.isShowing() && "Link projects".equals(s.getTitle())).findFirst().orElseThrow());
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Object> scope = (javafx.scene.control.ComboBox<Object>)
                bulk.getScene().lookup("#scopePicker");
        assertEquals("Selected (" + without + ")", scope.getConverter().toString(scope.getValue()),
                "the plan covers exactly the projects without GitHub");
        assertEquals(1, table.getSelectionModel().getSelectedItems().size(), "the main table's selection is untouched");
        assertTrue(audit.isShowing());
    }

    private Stage openAuditFromToolbar(FxRobot robot) throws Exception {
        Button button = robot.lookup("#auditButton").queryButton();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !button.isDisabled());
        robot.clickOn(button);
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> auditWindow().isPresent()
                && robot.lookup("#tile-projects .tile-value").tryQueryAs(Label.class)
                .map(l -> l.getText().equals("24")).orElse(false));
        return auditWindow().orElseThrow();
    }
}
