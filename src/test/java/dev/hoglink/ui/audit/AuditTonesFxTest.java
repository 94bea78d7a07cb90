package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.Problem;
import dev.hoglink.service.audit.AuditReport.ProblemKind;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.ui.inventory.RowState;
import dev.hoglink.ui.theme.ThemeManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.chart.PieChart;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.paint.Paint;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The audit window colours each state as the projects table colours it: Connected green, Not connected grey,
 * Unavailable and Couldn't load red, Token error and No installation amber, in the tiles, the problem list, the
 * diagram and the coverage chart alike.
 */
@ExtendWith(ApplicationExtension.class)
class AuditTonesFxTest {

    /** The projects table's status cell's tone for each state (ProjectCells.StatusTableCell). */
    static final Map<ProjectState, String> TABLE_TONES = Map.of(ProjectState.CONNECTED, "ok",
            ProjectState.NOT_CONNECTED, "muted", ProjectState.UNAVAILABLE, "bad", ProjectState.TOKEN_ERROR, "warn",
            ProjectState.NO_INSTALLATION, "warn", ProjectState.UNKNOWN, "bad");
    /** The state each kind of problem puts its project in (a failed action: none). */
    static final Map<ProblemKind, ProjectState> PROBLEM_STATES = Map.of(
            ProblemKind.INSTALLATION_UNAVAILABLE, ProjectState.UNAVAILABLE,
            ProblemKind.TOKEN_REFRESH_ERROR, ProjectState.TOKEN_ERROR,
            ProblemKind.MISSING_INSTALLATION_ID, ProjectState.NO_INSTALLATION,
            ProblemKind.NOT_LOADED, ProjectState.UNKNOWN);

    AuditReport report;
    AuditWindowFixture.Window window;

    @Start
    void start(Stage stage) {
        report = AuditWordsTest.audit(AuditWordsTest.world());
        AuditViewModel vm = AuditWindowFixture.viewModel(Runnable::run, null, AuditWindowFixture.inert(true));
        window = AuditWindowFixture.show(stage, vm, null, AuditWindowFixture.theme(ThemeManager.Theme.LIGHT), 1200, 800);
        vm.show(report);
    }

    @Test
    void theTablesOwnTonesAreTheOnesTheAuditIsCheckedAgainst() {
        for (ProjectState s : ProjectState.values()) {
            assertEquals(TABLE_TONES.get(s), RowState.of(s).tone().css(), s.label());
        }
    }

    @Test
    void eachProblemIsColouredAsTheTableColoursTheStateItPutsItsProjectIn(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        int seen = 0;
        for (Node n : robot.lookup("#problemsTable .table-cell").queryAll()) {
            if (n instanceof TableCell<?, ?> c && c.getItem() instanceof Problem p && c.getText() != null) {
                ProjectState state = PROBLEM_STATES.get(p.kind());
                assertEquals(state == null ? "Recent failure" : state.label(), c.getText());
                String tone = "status-" + (state == null ? "bad" : TABLE_TONES.get(state));
                assertTrue(c.getStyleClass().contains(tone), p.title() + " is " + tone + ": " + c.getStyleClass());
                seen++;
            }
        }
        assertEquals(report.problems().size(), seen, "every problem's kind cell");
    }

    @Test
    void theConnectedAndNotConnectedTilesAreColouredAsTheTableColoursThoseWords(FxRobot robot) {
        Node connected = robot.lookup("#tile-connected").query();
        Node notConnected = robot.lookup("#tile-not-connected").query();
        assertTrue(connected.getStyleClass().contains(TABLE_TONES.get(ProjectState.CONNECTED)));
        assertTrue(notConnected.getStyleClass().contains(TABLE_TONES.get(ProjectState.NOT_CONNECTED)),
                "Not connected is grey in the table: " + notConnected.getStyleClass());
        assertFalse(notConnected.getStyleClass().contains("warn"));
    }

    @Test
    void eachDiagramChipIsColouredAsTheTableColoursItsRowsState(FxRobot robot) {
        List<String> expected = new ArrayList<>();
        for (DiagramGroup g : window.vm().diagram()) {
            for (ProjectAudit p : g.shown()) {
                List<GitHubLink> here = p.links().stream().filter(k -> g.key().equals(k.installationId())).toList();
                ProjectState state = g.notConnected() ? p.state() : ProjectState.of(here);
                String tone = TABLE_TONES.get(state);
                expected.add(p.name() + ": " + (tone.equals("bad") || tone.equals("warn") ? tone : ""));
            }
        }
        List<String> drawn = new ArrayList<>();
        for (Node n : robot.lookup(".diagram-project").queryAll()) {
            Label chip = (Label) n;
            String tone = chip.getStyleClass().contains("bad") ? "bad" : chip.getStyleClass().contains("warn") ? "warn" : "";
            drawn.add(chip.getText() + ": " + tone);
        }
        expected.sort(null);
        drawn.sort(null);
        assertEquals(expected, drawn);
        assertTrue(drawn.contains("Token error: warn"), "a token error is amber, as in the table: " + drawn);
    }

    @Test
    void theCoverageChartColoursNotConnectedAndCouldntLoadAsTheTableDoes(FxRobot robot) {
        Label muted = new Label("muted");
        muted.getStyleClass().add("status-muted");
        Label bad = new Label("bad");
        bad.getStyleClass().add("status-bad");
        robot.interact(() -> robot.lookup(".audit-tiles").queryAs(HBox.class).getChildren().addAll(muted, bad));
        WaitForAsyncUtils.waitForFxEvents();
        PieChart chart = robot.lookup(".coverage-chart").queryAs(PieChart.class);
        assertEquals(muted.getTextFill(), fill(chart, ProjectState.NOT_CONNECTED.label()), "Not connected is grey");
        // Couldn't load is red as in the table, but a slice of its own: Unavailable's red beside it would make the two
        // one colour with two legend entries; so No installation beside Token error's amber.
        javafx.scene.paint.Color couldNot = (javafx.scene.paint.Color) fill(chart, ProjectState.UNKNOWN.label());
        javafx.scene.paint.Color unavailable = (javafx.scene.paint.Color) fill(chart, ProjectState.UNAVAILABLE.label());
        javafx.scene.paint.Color red = (javafx.scene.paint.Color) bad.getTextFill();
        assertTrue(Math.abs(couldNot.getHue() - red.getHue()) < 10, "Couldn't load is a red: " + couldNot);
        assertTrue(Math.abs(unavailable.getHue() - red.getHue()) < 10, "Unavailable is a red: " + unavailable);
        assertTrue(!couldNot.equals(unavailable), "and not Unavailable's colour: " + couldNot + " / " + unavailable);
        javafx.scene.paint.Color token = (javafx.scene.paint.Color) fill(chart, ProjectState.TOKEN_ERROR.label());
        javafx.scene.paint.Color none = (javafx.scene.paint.Color) fill(chart, ProjectState.NO_INSTALLATION.label());
        assertTrue(!token.equals(none), "No installation is not Token error's colour: " + none + " / " + token);
    }

    private static Paint fill(PieChart chart, String word) {
        PieChart.Data d = chart.getData().stream().filter(x -> x.getName().startsWith(word + " (")).findFirst()
                .orElseThrow();
        return ((Region) d.getNode()).getBackground().getFills().get(0).getFill();
    }
}
