package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.support.TestClock;
import dev.hoglink.ui.common.HoverTip;
import dev.hoglink.ui.common.ManualTaskRunner;
import java.time.Instant;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableRow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The projects table's status and account cells say more in a tooltip, made when the pointer first enters the cell
 * (HoverTip): none exists before, the text is known all along, and hovering shows that very text. The "Linked by"
 * cell shows who and when as its text and a note.
 */
@ExtendWith(ApplicationExtension.class)
class CellTipsFxTest {

    static final Organization ORG = new Organization("org-t", "Tips", "tips", Organization.OWNER);

    final ManualTaskRunner runner = new ManualTaskRunner();
    final FakeInventoryService fake = new FakeInventoryService();
    InventoryViewModel vm;

    @Start
    void start(Stage stage) {
        fake.addOrganization(ORG);
        fake.addProject(ORG.id(), 1, "Web");
        fake.link(1, 1001, "77", "stark", AccountType.USER, LinkStatus.CONNECTED, "ada");
        fake.addProject(ORG.id(), 2, "Mobile");
        vm = new InventoryViewModel(runner, null, new TestClock(Instant.parse("2026-11-24T10:00:00Z")), 1);
        MainWindowHarness.showLight(stage, vm);
        vm.connect("https://us.posthog.com", fake, null);
        runner.runAll(); // organizations, the project list, each project's GitHub link
    }

    static TableCell<?, ?> cell(FxRobot robot, long projectId, String columnId) {
        WaitForAsyncUtils.waitForFxEvents();
        TableRow<?> row = robot.lookup(".table-row-cell").queryAll().stream().map(n -> (TableRow<?>) n)
                .filter(r -> r.getItem() instanceof ProjectRowViewModel p && p.id() == projectId).findFirst().orElseThrow();
        return row.getChildrenUnmodifiable().stream().filter(n -> n instanceof TableCell<?, ?> c
                && columnId.equals(c.getTableColumn().getId())).map(n -> (TableCell<?, ?>) n).findFirst().orElseThrow();
    }

    @Test
    void aCellsTooltipIsMadeOnItsFirstHoverWithTheTextItHadAllAlong(FxRobot robot) {
        TableCell<?, ?> status = cell(robot, 1, "statusColumn");
        TableCell<?, ?> account = cell(robot, 1, "accountColumn");
        assertNull(status.getTooltip(), "no tooltip before a hover");
        assertNull(account.getTooltip(), "no tooltip before a hover");
        String statusTip = (String) status.getProperties().get(HoverTip.TEXT);
        assertEquals("Connected", statusTip.substring(0, "Connected".length()), statusTip);
        assertEquals("stark (User)", account.getProperties().get(HoverTip.TEXT));
        assertEquals("stark", ((javafx.scene.control.Labeled) account).getText());

        robot.moveTo(status);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(statusTip, status.getTooltip().getText());
        robot.moveTo(account);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("stark (User)", account.getTooltip().getText());
    }

    @Test
    void aProjectWithoutGitHubHasNoAccountTipAndItsStatusSaysSo(FxRobot robot) {
        TableCell<?, ?> account = cell(robot, 2, "accountColumn");
        robot.moveTo(account);
        WaitForAsyncUtils.waitForFxEvents();
        assertNull(account.getTooltip());
        assertNull(account.getProperties().get(HoverTip.TEXT));
        assertEquals("Not connected", cell(robot, 2, "statusColumn").getProperties().get(HoverTip.TEXT));
    }

    @Test
    void linkedByShowsWhoAsTextAndWhenAsANote(FxRobot robot) {
        TableCell<?, ?> created = cell(robot, 1, "createdColumn");
        assertEquals("ada", ((javafx.scene.control.Labeled) created).getText());
        javafx.scene.text.Text note = (javafx.scene.text.Text) ((javafx.scene.control.Labeled) created).getGraphic();
        assertEquals(note.isVisible(), !note.getText().isEmpty());
        assertEquals(note.getText().isEmpty() ? "ada" : "ada, " + note.getText(), created.getAccessibleText());
        assertNull(((javafx.scene.control.Labeled) cell(robot, 2, "createdColumn")).getText());
    }
}
