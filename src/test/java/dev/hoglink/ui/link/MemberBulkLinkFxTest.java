package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.link.PlanOutcome;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import javafx.scene.Parent;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The window's bulk link for Dee, a member without a personal GitHub link who is admin of Desktop by a project rule
 * (docs/api-notes.md NM1): the plan predicts with the level the window read for each project, as the detail pane's
 * Link button does, so Desktop will be linked and Checkout needs her personal GitHub link.
 */
@ExtendWith(ApplicationExtension.class)
class MemberBulkLinkFxTest extends LinkWindowTestBase {

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private void select(FxRobot robot, long... ids) {
        robot.interact(() -> {
            TableView<ProjectRowViewModel> t = robot.lookup("#projectsTable").queryTableView();
            t.getSelectionModel().clearSelection();
            for (long id : ids) {
                t.getSelectionModel().select(vm.row(id));
            }
        });
    }

    /**
     * Before an installation is picked there are no counts: their line takes no room, leaving no blank gap between
     * the hint and the table (nor, later, while a resume sends the rows again and the last run's counts are gone).
     */
    @Test
    void anEmptyCountsLineTakesNoRoom(FxRobot robot) throws Exception {
        open(robot, Setup.defaults().withBulkAndUndo());
        waitFor(() -> !vm.busyProperty().get() && vm.rows().size() == 24);
        robot.clickOn("#bulkLinkButton");
        waitFor(() -> feature.openDialog() != null && feature.openDialog().isShowing());
        Parent root = feature.openDialog().getScene().getRoot();
        javafx.scene.control.Label counts = robot.from(root).lookup("#countsLabel").query();
        ComboBox<OptionRow> picker = robot.from(root).lookup("#installationPicker").query();
        waitFor(() -> !picker.getItems().isEmpty());
        assertEquals("", counts.getText());
        org.junit.jupiter.api.Assertions.assertFalse(counts.isManaged(), "an empty counts line takes no room");

        robot.interact(() -> picker.getItems().stream()
                .filter(o -> o.option().installationId().equals(SeedWorld.INST_ACME)).findFirst()
                .ifPresent(picker::setValue));
        waitFor(() -> !counts.getText().isEmpty());
        org.junit.jupiter.api.Assertions.assertTrue(counts.isManaged() && counts.isVisible(), counts.getText());
    }

    @Test
    void theBulkPlanPredictsWithTheLevelTheWindowReadForEachProject(FxRobot robot) throws Exception {
        open(robot, Setup.defaults().withKey(s -> s.key("member_unlinked")).withBulkAndUndo());
        waitFor(() -> !vm.busyProperty().get() && vm.rows().size() == 24);
        select(robot, SeedWorld.ACME_DESKTOP);
        waitFor(() -> vm.permissions().levelOf(SeedWorld.ACME_DESKTOP) != null);
        select(robot, SeedWorld.ACME_CHECKOUT);
        waitFor(() -> vm.permissions().levelOf(SeedWorld.ACME_CHECKOUT) != null);

        select(robot, SeedWorld.ACME_CHECKOUT, SeedWorld.ACME_DESKTOP);
        robot.clickOn("#bulkLinkButton");
        waitFor(() -> feature.openDialog() != null && feature.openDialog().isShowing());
        Parent root = feature.openDialog().getScene().getRoot();
        ComboBox<OptionRow> picker = robot.from(root).lookup("#installationPicker").query();
        waitFor(() -> !picker.getItems().isEmpty());
        robot.interact(() -> picker.getItems().stream()
                .filter(o -> o.option().installationId().equals(SeedWorld.INST_ACME)).findFirst()
                .ifPresent(picker::setValue));
        TableView<PlanItem> items = robot.from(root).lookup("#itemsTable").query();
        waitFor(() -> items.getItems().size() == 2);
        PlanItem desktop = items.getItems().stream().filter(i -> i.projectId() == SeedWorld.ACME_DESKTOP)
                .findFirst().orElseThrow();
        PlanItem checkout = items.getItems().stream().filter(i -> i.projectId() == SeedWorld.ACME_CHECKOUT)
                .findFirst().orElseThrow();
        assertEquals(PlanOutcome.WILL_LINK, desktop.predicted(), desktop.reason());
        assertEquals("Will link as an admin of Desktop (from Web).", desktop.reason());
        assertEquals(PlanOutcome.NEEDS_PERSONAL_GITHUB, checkout.predicted(), checkout.reason());
    }

    @Test
    void aProjectTheWindowNeverReadIsReadByTheBulkPlanBeforeItIsCalledNeedsAPersonalLink(FxRobot robot)
            throws Exception {
        open(robot, Setup.defaults().withKey(s -> s.key("member_unlinked")).withBulkAndUndo());
        waitFor(() -> !vm.busyProperty().get() && vm.rows().size() == 24);
        select(robot, SeedWorld.ACME_CHECKOUT);
        waitFor(() -> vm.permissions().levelOf(SeedWorld.ACME_CHECKOUT) != null);
        robot.clickOn("#bulkLinkButton");
        waitFor(() -> feature.openDialog() != null && feature.openDialog().isShowing());
        Parent root = feature.openDialog().getScene().getRoot();
        ComboBox<MarkedProjects.Scope> scopes = robot.from(root).lookup("#scopePicker").query();
        robot.interact(() -> scopes.setValue(MarkedProjects.Scope.NOT_CONNECTED)); // Desktop among them, never chosen
        ComboBox<OptionRow> picker = robot.from(root).lookup("#installationPicker").query();
        waitFor(() -> !picker.getItems().isEmpty());
        robot.interact(() -> picker.getItems().stream()
                .filter(o -> o.option().installationId().equals(SeedWorld.INST_ACME)).findFirst()
                .ifPresent(picker::setValue));
        TableView<PlanItem> items = robot.from(root).lookup("#itemsTable").query();
        waitFor(() -> items.getItems().stream().anyMatch(i -> i.projectId() == SeedWorld.ACME_DESKTOP
                && i.predicted() == PlanOutcome.WILL_LINK));
        PlanItem desktop = items.getItems().stream().filter(i -> i.projectId() == SeedWorld.ACME_DESKTOP)
                .findFirst().orElseThrow();
        assertEquals("Will link as an admin of Desktop (from Web).", desktop.reason());
        assertEquals(null, vm.permissions().levelOf(SeedWorld.ACME_DESKTOP), "the window itself never read it");
        PlanItem checkout = items.getItems().stream().filter(i -> i.projectId() == SeedWorld.ACME_CHECKOUT)
                .findFirst().orElseThrow();
        assertEquals(PlanOutcome.NEEDS_PERSONAL_GITHUB, checkout.predicted(), checkout.reason());
    }
}
