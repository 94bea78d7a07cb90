package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.ui.inventory.RowState;
import dev.hoglink.ui.theme.ThemeManager;
import java.util.Locale;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * The audit's project tiles count what the main window's filter chips of the same words show: a tile that speaks of
 * problems counts the projects the table's Problems chip keeps, so the two numbers an admin compares agree.
 */
@ExtendWith(ApplicationExtension.class)
class AuditCountsFxTest {

    AuditReport report;
    AuditViewModel vm;

    @Start
    void start(Stage stage) {
        report = AuditWordsTest.audit(AuditWordsTest.world());
        vm = AuditWindowFixture.viewModel(Runnable::run, null, AuditWindowFixture.inert(true));
        AuditWindowFixture.show(stage, vm, null, AuditWindowFixture.theme(ThemeManager.Theme.LIGHT), 1200, 800);
        vm.show(report);
    }

    /**
     * A count of none is shown in the plain colour, not the tile's tone (a red 0 problems reads as a problem); a
     * count above none in its tone. On the old code the problems tile of an organization without problems was red.
     */
    @Test
    void aTileCountingNoneIsNotColoured(FxRobot robot) {
        Node problems = robot.lookup("#tile-with-problems").query();
        assertTrue(problems.getStyleClass().contains("bad"), "problems found: red");
        dev.hoglink.service.inventory.FakeInventoryService clean = new dev.hoglink.service.inventory.FakeInventoryService();
        clean.addOrganization(AuditWordsTest.ORG);
        clean.addProject(AuditWordsTest.ORG.id(), 1, "Connected");
        clean.link(1, 11, "100", "acme", dev.hoglink.model.AccountType.ORGANIZATION,
                dev.hoglink.model.LinkStatus.CONNECTED, "Ada");
        AuditReport none = AuditWordsTest.audit(clean);
        robot.interact(() -> vm.show(none));
        assertEquals("0", label(problems, ".tile-value"));
        assertFalse(problems.getStyleClass().contains("bad"), "no problems: " + problems.getStyleClass());
        assertFalse(robot.lookup("#tile-not-connected").query().getStyleClass().contains("muted"));
        assertTrue(robot.lookup("#tile-connected").query().getStyleClass().contains("ok"), "1 connected: green");
    }

    @Test
    void theProblemsTileCountsTheProjectsTheTablesProblemsChipShows(FxRobot robot) {
        long chip = report.projects().stream().filter(p -> RowState.of(p.state()).isProblem()).count();
        assertNotEquals(chip, report.problems().size(), "this organization has more problem projects than problems");
        Node tile = robot.lookup(".tile").queryAll().stream()
                .filter(t -> label(t, ".tile-label").toLowerCase(Locale.ROOT).contains("problem")).findFirst()
                .orElseThrow();
        assertEquals(String.valueOf(chip), label(tile, ".tile-value"), "tile " + label(tile, ".tile-label"));
        assertEquals(report.projects().size(), Integer.parseInt(robot.lookup("#tile-projects .tile-value")
                .queryAs(Label.class).getText()));
    }

    /**
     * The tile counts projects, the Problems tab problems, a failed action of this computer's among them, which is no
     * project's state: the tile's note names it ("+1 failed action"), so the tab's extra line is accounted for. On the
     * old code the tile said 3 and the tab 4 with nothing to say why.
     */
    @Test
    void theProblemsTileNamesTheFailedActionsTheTabCountsBesideItsProjects(FxRobot robot) {
        Node tile = robot.lookup("#tile-with-problems").query();
        assertTrue(robot.lookup("#failed-actions-note").tryQuery().map(n -> !n.isVisible()).orElse(true),
                "no failed action: no note");
        java.util.List<AuditReport.Problem> problems = new java.util.ArrayList<>(report.problems());
        problems.add(new AuditReport.Problem(AuditReport.ProblemKind.RECENT_FAILURE, "Link for Search failed",
                "github_link_existing_orphan_installation: No project you can see uses this installation.", 1L,
                "Search", "100", AuditReport.Fix.LINK, null, true));
        AuditReport withFailure = new AuditReport(report.host(), report.organization(), report.projects(),
                report.installations(), report.summary(), problems, report.history(), true, "", "");
        robot.interact(() -> vm.show(withFailure));
        long chip = report.projects().stream().filter(p -> RowState.of(p.state()).isProblem()).count();
        assertEquals(String.valueOf(chip), label(tile, ".tile-value"), "the tile still counts projects");
        Label note = robot.lookup("#failed-actions-note").queryAs(Label.class);
        assertTrue(note.isVisible());
        assertEquals("+1 failed action", note.getText());
        assertEquals(report.problems().size() + 1, vm.problems().size(), "the tab lists it");
        robot.interact(() -> vm.show(report));
        assertFalse(note.isVisible(), "gone with the failure");
    }

    private static String label(Node tile, String css) {
        return ((Label) tile.lookup(css)).getText();
    }
}
