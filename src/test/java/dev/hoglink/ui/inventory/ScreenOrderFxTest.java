package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.support.TestClock;
import dev.hoglink.ui.common.ManualTaskRunner;
import java.time.Instant;
import java.util.List;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Through the real main window (FXML, table, cells) at 1024x700: the rows the table shows are read first, and
 * the order follows the user as they scroll, search and select. Reads run one at a time when the test says, so
 * the order of reads is the order of the queue.
 */
@ExtendWith(ApplicationExtension.class)
class ScreenOrderFxTest {

    static final Organization ORG = new Organization("org-s", "Stark", "stark", Organization.OWNER);

    final ManualTaskRunner runner = new ManualTaskRunner();
    final FakeInventoryService fake = new FakeInventoryService();
    InventoryViewModel vm;
    TableView<?> table;

    @Start
    void start(Stage stage) {
        fake.addOrganization(ORG);
        for (long id = 1; id <= 200; id++) {
            fake.addProject(ORG.id(), id, String.format("Project %03d", id));
            fake.link(id, 1000 + id, "77", "stark", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada");
        }
        vm = new InventoryViewModel(runner, null, new TestClock(Instant.parse("2026-11-24T10:00:00Z")), 1);
        MainWindowHarness.showLight(stage, vm);
        vm.connect("https://us.posthog.com", fake, null);
        runner.runNext(); // organizations
        runner.runNext(); // the project list: 200 rows, their reads queued
    }

    /** Runs the next {@code n} reads (on the FX thread, as the window's callbacks run) and returns their project ids. */
    List<Long> read(FxRobot robot, int n) {
        int before = fake.linkCalls().size();
        robot.interact(() -> {
            for (int i = 0; i < n; i++) {
                runner.runNext();
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
        return fake.linkCalls().subList(before, fake.linkCalls().size());
    }

    @Test
    void scrollingToTheEndReadsTheRowsThereBeforeTheRowsInBetween(FxRobot robot) {
        table = robot.lookup("#projectsTable").queryTableView();
        read(robot, 3);
        robot.interact(() -> table.scrollTo(190));
        WaitForAsyncUtils.waitForFxEvents();
        List<Long> next = read(robot, 6);
        assertEquals(4L, next.get(0), "the read already out when the user scrolled");
        assertTrue(next.subList(1, 6).stream().allMatch(id -> id >= 170), "the rows on screen now: " + next);
    }

    @Test
    void searchingReadsTheMatchingRowsFirst(FxRobot robot) {
        read(robot, 2);
        robot.clickOn("#searchField").write("Project 15");
        WaitForAsyncUtils.waitForFxEvents();
        List<Long> next = read(robot, 11);
        assertEquals(3L, next.get(0), "the read already out when the user typed");
        assertEquals(List.of(150L, 151L, 152L, 153L, 154L, 155L, 156L, 157L, 158L, 159L),
                next.subList(1, 11).stream().sorted().toList(), "the ten matching rows, before any other");
    }

    @Test
    void selectingARowWithTheKeyboardReadsItNext(FxRobot robot) {
        table = robot.lookup("#projectsTable").queryTableView();
        read(robot, 1);
        robot.interact(() -> {
            table.scrollTo(120);
            table.getSelectionModel().select(120);
            table.requestFocus();
        });
        robot.type(KeyCode.DOWN); // to Project 122
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(2L, 122L), read(robot, 2), "the read already out, then the row just selected");
    }
}
