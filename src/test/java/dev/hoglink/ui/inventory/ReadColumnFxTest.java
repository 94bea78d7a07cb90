package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.support.TestClock;
import dev.hoglink.ui.common.ManualTaskRunner;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The "Read" column through the real main window: each row's read age in the status bar's words, moved on by the
 * window's one clock tick (the test ticks; no timer, no sleeps), blank before a row is read, sortable by age.
 */
@ExtendWith(ApplicationExtension.class)
class ReadColumnFxTest {

    static final Organization ORG = new Organization("org-r", "Read", "read", Organization.OWNER);

    final ManualTaskRunner runner = new ManualTaskRunner();
    final FakeInventoryService fake = new FakeInventoryService();
    final TestClock clock = new TestClock(Instant.parse("2026-11-24T10:00:00Z"));
    InventoryViewModel vm;

    @Start
    void start(Stage stage) {
        fake.addOrganization(ORG);
        for (long id = 1; id <= 5; id++) {
            fake.addProject(ORG.id(), id, "Project " + id);
            fake.link(id, 1000 + id, "77", "stark", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada");
        }
        vm = new InventoryViewModel(runner, null, clock, 1);
        MainWindowHarness.showLight(stage, vm);
        vm.connect("https://us.posthog.com", fake, null);
        runner.runNext(); // organizations
        runner.runNext(); // the project list
    }

    /** The Read cell's text of each row, top to bottom, with the project's id. */
    List<String> readTexts(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup(".table-row-cell").queryAll().stream()
                .map(n -> (javafx.scene.control.TableRow<?>) n)
                .filter(r -> !r.isEmpty() && r.getItem() != null)
                .sorted(java.util.Comparator.comparingInt(javafx.scene.control.TableRow::getIndex))
                .map(r -> ((ProjectRowViewModel) r.getItem()).id() + " " + readCell(r).getText())
                .toList();
    }

    static TableCell<?, ?> readCell(javafx.scene.control.TableRow<?> row) {
        return row.getChildrenUnmodifiable().stream().filter(n -> n instanceof TableCell<?, ?> c
                        && "readColumn".equals(c.getTableColumn().getId()))
                .map(n -> (TableCell<?, ?>) n).findFirst().orElseThrow();
    }

    void tickAfter(FxRobot robot, Duration d) {
        robot.interact(() -> {
            clock.advance(d);
            vm.tick();
        });
    }

    @Test
    void eachRowSaysHowLongAgoItWasReadAndTheTickMovesTheAgesOn(FxRobot robot) {
        robot.interact(() -> {
            runner.runNext(); // project 1
            runner.runNext(); // project 2
        });
        assertEquals(List.of("1 just now", "2 just now", "3 null", "4 null", "5 null"), readTexts(robot),
                "blank until read");
        tickAfter(robot, Duration.ofMinutes(4));
        robot.interact(runner::runAll); // 3, 4, 5 read now
        tickAfter(robot, Duration.ofSeconds(1));
        assertEquals(List.of("1 4 min ago", "2 4 min ago", "3 just now", "4 just now", "5 just now"), readTexts(robot));
        assertEquals("Updated just now (oldest row 4 min ago)", vm.freshnessTextProperty().get(),
                "the status bar says it in the same words");
        tickAfter(robot, Duration.ofHours(2));
        assertEquals(List.of("1 2 hours ago", "2 2 hours ago", "3 2 hours ago", "4 2 hours ago", "5 2 hours ago"),
                readTexts(robot));
    }

    @Test
    void sortingByReadPutsTheLatestReadFirst(FxRobot robot) {
        robot.interact(runner::runAll);
        tickAfter(robot, Duration.ofMinutes(10));
        robot.interact(() -> vm.refreshProjects(Set.of(4L)));
        robot.interact(runner::runAll);
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        @SuppressWarnings("unchecked")
        TableColumn<Object, ?> read = (TableColumn<Object, ?>) table.getColumns().stream()
                .filter(c -> "readColumn".equals(c.getId())).findFirst().orElseThrow();
        robot.interact(() -> {
            read.setSortType(TableColumn.SortType.ASCENDING);
            ((TableView<Object>) table).getSortOrder().setAll(List.of(read));
        });
        assertEquals(List.of("4 just now", "1 10 min ago", "2 10 min ago", "3 10 min ago", "5 10 min ago"),
                readTexts(robot));
    }
}
