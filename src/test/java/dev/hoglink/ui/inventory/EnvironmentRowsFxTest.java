package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.common.FxTaskRunner;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A project with a second environment (Stark Web and its Staging, GitHub on Staging only, as the sandbox seeds
 * it), through the real main window: the environment shows under its project, indented with its own name, and
 * stays under it whatever the sort; search, selection and the keyboard work on it as on any row; its state is its
 * own team's.
 */
@ExtendWith(ApplicationExtension.class)
class EnvironmentRowsFxTest {

    static final Organization ORG = new Organization("org-stark", "Stark Industries", "stark", Organization.OWNER);

    FxTaskRunner runner;
    InventoryViewModel vm;

    @Start
    void start(Stage stage) {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        // In the order the inventory service lists them: each project followed by its other environments.
        fake.addProject(ORG.id(), 301, "Stark Web");
        fake.addProject(new Project(302, "Stark Web / Staging", ORG.id(), null, 301L, "Staging"));
        fake.addProject(ORG.id(), 303, "Alpha");
        fake.addProject(ORG.id(), 304, "Zulu");
        fake.link(302, 77, "10000009", "stark", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "fay@stark.test");
        runner = new FxTaskRunner(2);
        vm = new InventoryViewModel(runner, null, Clock.systemUTC(), 2);
        MainWindowHarness.showLight(stage, vm);
        vm.connect("https://us.posthog.com", fake, null);
    }

    @AfterEach
    void stop() {
        runner.shutdown();
    }

    TableView<ProjectRowViewModel> table(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.busyProperty().get() && vm.rows().size() == 4);
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#projectsTable").queryTableView();
    }

    static List<Long> order(TableView<ProjectRowViewModel> t) {
        return t.getItems().stream().map(ProjectRowViewModel::id).toList();
    }

    TableCell<?, ?> nameCell(FxRobot robot, String text) {
        return robot.lookup(".project-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> text.equals(c.getText())).findFirst().orElseThrow(() -> new AssertionError("no cell " + text));
    }

    @Test
    void theSecondEnvironmentShowsIndentedUnderItsProjectWithItsOwnName(FxRobot robot) throws Exception {
        TableView<ProjectRowViewModel> t = table(robot);
        assertEquals(List.of(301L, 302L, 303L, 304L), order(t));
        TableCell<?, ?> staging = nameCell(robot, "Staging");
        assertTrue(staging.getStyleClass().contains("environment-cell"));
        assertTrue(staging.getAccessibleText().contains("environment of Stark Web"));
        assertFalse(nameCell(robot, "Stark Web").getStyleClass().contains("environment-cell"));
        assertEquals(RowState.CONNECTED, vm.row(302).state(), "GitHub is on the second environment");
        assertEquals(RowState.NOT_CONNECTED, vm.row(301).state(), "the project's own team has none");
    }

    @Test
    void theEnvironmentStaysUnderItsProjectWhateverTheSort(FxRobot robot) throws Exception {
        TableView<ProjectRowViewModel> t = table(robot);
        TableColumn<ProjectRowViewModel, ?> name = t.getColumns().get(0);
        robot.interact(() -> t.getSortOrder().setAll(List.of(name)));
        assertEquals(List.of(303L, 301L, 302L, 304L), order(t));
        robot.interact(() -> name.setSortType(TableColumn.SortType.DESCENDING));
        assertEquals(List.of(304L, 301L, 302L, 303L), order(t));
        TableColumn<ProjectRowViewModel, ?> status = t.getColumns().stream()
                .filter(c -> "statusColumn".equals(c.getId())).findFirst().orElseThrow();
        robot.interact(() -> t.getSortOrder().setAll(List.of(status)));
        int project = order(t).indexOf(301L);
        assertEquals(project + 1, order(t).indexOf(302L), "connected Staging stays under its not-connected project");
    }

    @Test
    void searchingForTheEnvironmentShowsItAloneWithItsFullName(FxRobot robot) throws Exception {
        TableView<ProjectRowViewModel> t = table(robot);
        robot.clickOn("#searchField").write("Staging");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(302L), order(t));
        robot.clickOn("#searchField").eraseText(7).write("Stark");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(301L, 302L), order(t));
    }

    @Test
    void theKeyboardMovesFromTheProjectToItsEnvironment(FxRobot robot) throws Exception {
        TableView<ProjectRowViewModel> t = table(robot);
        robot.interact(() -> {
            t.requestFocus();
            t.getSelectionModel().select(0);
        });
        robot.type(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(302L, vm.selectedRowProperty().get().id());
    }

    private void select(FxRobot robot, long id) throws Exception {
        TableView<ProjectRowViewModel> t = table(robot);
        robot.interact(() -> t.getSelectionModel().select(vm.row(id)));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.detail().projectProperty().get() == vm.row(id)
                && !vm.detail().installations().isEmpty() == (id != 302));
        WaitForAsyncUtils.waitForFxEvents();
    }

    // The environment read four ways ("Staging" in the table, "Stark Web / Staging" as the title, "Stark Web / St…"
    // in another project's Used by, as if Stark Web used the installation): one name now, its project beside it.
    @Test
    void theDetailTitleNamesTheEnvironmentAsTheTableDoesAndItsSubtitleItsProject(FxRobot robot) throws Exception {
        select(robot, 302);
        assertEquals("Staging", robot.lookup("#detailTitle").queryAs(javafx.scene.control.Label.class).getText());
        assertEquals("Environment id 302 of project Stark Web (id 301)",
                robot.lookup("#detailSubtitle").queryAs(javafx.scene.control.Label.class).getText());
    }

    @Test
    void usedByNamesTheEnvironmentWithItsProjectInTheTip(FxRobot robot) throws Exception {
        select(robot, 304);
        TableView<?> installations = robot.lookup("#installationsTable").queryTableView();
        TableCell<?, ?> usedBy = robot.from(installations).lookup(".table-cell").queryAllAs(TableCell.class).stream()
                .filter(c -> c.getTableColumn() != null && "Used by".equals(c.getTableColumn().getText())
                        && c.getText() != null).findFirst().orElseThrow(() -> new AssertionError("no Used by cell"));
        assertEquals("Staging", usedBy.getText());
        assertEquals("Staging (id 302), environment of project Stark Web (id 301)", usedBy.getTooltip().getText());
    }
}
