package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.model.Organization;
import dev.hoglink.model.ProjectState;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.ui.theme.ThemeManager;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.geometry.Orientation;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.skin.TableColumnHeader;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real audit view over the sandbox's organization of 2,000 projects and 50 installations (Initech Scale),
 * read once through the real audit service: the matrix keeps its Project column while scrolled sideways and can
 * be filtered; the 500 projects without GitHub are one entry whose one action hands exactly them to the bulk
 * link; an expanded diagram group of 500 keeps its installation label at its first project and in view.
 */
@ExtendWith(ApplicationExtension.class)
class AuditAtScaleFxTest {

    private static SandboxServer sandbox;
    private static AuditReport report;

    private AuditViewModel vm;
    private Stage stage;
    private final List<List<Long>> bulkLinks = new ArrayList<>();

    @BeforeAll
    static void readTheLargeOrganization() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withExtraProjects(2000));
        PostHogClient owner = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .rateLimiter(RateLimiter.unlimited()).build();
        Organization initech = new HttpInventoryService(owner).organizations().stream()
                .filter(o -> o.id().equals(SeedWorld.INITECH_ORG)).findFirst().orElseThrow();
        report = new AuditService(new HttpInventoryService(owner), owner, null, Clock.systemUTC(), 8)
                .audit(sandbox.baseUri().toString(), initech, (done, total) -> { });
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.stop();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        AuditViewModelTest.RecordingDialogs dialogs = new AuditViewModelTest.RecordingDialogs();
        vm = AuditWindowFixture.viewModel(Runnable::run, dialogs, AuditWindowFixture.recordingLinkAll(true, bulkLinks::add));
        AuditWindowFixture.show(stage, vm, dialogs, AuditWindowFixture.theme(ThemeManager.Theme.LIGHT), 1024, 700);
        vm.show(report);
    }

    private static void tab(FxRobot robot, String prefix) {
        robot.interact(() -> robot.lookup(".tab-pane").queryAll().stream()
                .map(n -> (javafx.scene.control.TabPane) n).forEach(tp -> tp.getTabs().stream()
                        .filter(t -> t.getText() != null && t.getText().startsWith(prefix))
                        .forEach(t -> tp.getSelectionModel().select(t))));
        WaitForAsyncUtils.waitForFxEvents();
    }

    // ---- the matrix ---------------------------------------------------------------------------------------

    @Test
    void theMatrixKeepsItsProjectColumnInViewWhenScrolledSideways(FxRobot robot) throws Exception {
        tab(robot, "Matrix");
        TableView<MatrixRow> matrix = robot.lookup("#matrixTable").queryTableView();
        assertEquals(2000, matrix.getItems().size());
        assertEquals(51, matrix.getColumns().size());
        ScrollBar hbar = robot.from(matrix).lookup(".scroll-bar").queryAllAs(ScrollBar.class).stream()
                .filter(b -> b.getOrientation() == Orientation.HORIZONTAL).findFirst().orElseThrow();
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> hbar.getMax() > 1000);
        robot.interact(() -> hbar.setValue(hbar.getMax()));
        WaitForAsyncUtils.waitForFxEvents();
        Bounds table = matrix.localToScene(matrix.getLayoutBounds());
        List<TableCell<?, ?>> projectCells = new ArrayList<>();
        robot.interact(() -> matrix.lookupAll(".table-cell").stream()
                .filter(n -> n instanceof TableCell<?, ?> c && c.getTableColumn() != null
                        && "Project".equals(c.getTableColumn().getText()) && !c.isEmpty() && c.isVisible()
                        && c.getParent() != null && c.getParent().isVisible())
                .forEach(n -> projectCells.add((TableCell<?, ?>) n)));
        assertTrue(projectCells.size() >= 10, "a Project cell for each visible row: " + projectCells.size());
        for (TableCell<?, ?> c : projectCells) {
            Bounds b = c.localToScene(c.getLayoutBounds());
            assertTrue(b.getMinX() >= table.getMinX() - 1 && b.getMinX() < table.getMinX() + 4,
                    c.getText() + " at x=" + b.getMinX() + ", table from x=" + table.getMinX());
        }
        assertTrue(projectCells.stream().anyMatch(c -> "Initech 0001".equals(c.getText())), "the first project's name");
        Node header = matrix.lookupAll(".column-header").stream()
                .filter(n -> n instanceof TableColumnHeader h && h.getTableColumn() != null && "Project".equals(h.getTableColumn().getText()))
                .findFirst().orElseThrow();
        Bounds h = header.localToScene(header.getLayoutBounds());
        assertTrue(h.getMinX() >= table.getMinX() - 1 && h.getMinX() < table.getMinX() + 4, "header at " + h.getMinX());
        assertTrue(matrix.lookupAll(".table-row-cell").size() < 80, "rows stay virtualised: only the visible ones exist");
    }

    @Test
    void theMatrixFiltersItsProjectsAndItsInstallations(FxRobot robot) {
        tab(robot, "Matrix");
        TableView<MatrixRow> matrix = robot.lookup("#matrixTable").queryTableView();
        Label count = robot.lookup("#matrixCountLabel").query();
        assertEquals("2,000 projects · 50 installations", count.getText());
        robot.clickOn("#matrixProjectFilter").write("0042");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("Initech 0042"), matrix.getItems().stream().map(r -> r.project().name()).toList());
        assertEquals("1 of 2,000 projects · 50 installations", count.getText());
        robot.interact(() -> robot.lookup("#matrixProjectFilter").queryAs(TextField.class).clear());
        robot.clickOn("#matrixInstallationFilter").write("initech-7");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, matrix.getColumns().size(), "Project and initech-7");
        long linkedToSeven = report.installations().stream().filter(i -> i.account().equals("initech-7"))
                .findFirst().orElseThrow().projectCount();
        assertEquals(linkedToSeven, matrix.getItems().size(), "only the projects linked to initech-7");
        assertTrue(matrix.getItems().stream().allMatch(r -> r.cells().containsKey("20000007")));
        robot.clickOn("#matrixClearButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2000, matrix.getItems().size());
        assertEquals(51, matrix.getColumns().size());
    }

    // ---- projects without GitHub ----------------------------------------------------------------------------

    @Test
    void theProjectsWithoutGitHubAreOneEntryWhoseOneActionHandsExactlyThemToTheBulkLink(FxRobot robot) {
        tab(robot, "Problems");
        List<Long> without = report.projects().stream().filter(p -> p.state() == ProjectState.NOT_CONNECTED)
                .map(AuditReport.ProjectAudit::id).toList();
        assertEquals(500, without.size());
        Label entry = robot.lookup("#notConnectedLabel").query();
        assertTrue(entry.isVisible() && entry.getText().startsWith("500 projects have no GitHub."), entry.getText());
        TableView<AuditReport.Problem> problems = robot.lookup("#problemsTable").queryTableView();
        assertTrue(problems.getItems().stream().noneMatch(p -> without.contains(p.projectId())
                && p.kind() != AuditReport.ProblemKind.INSTALLATION_UNAVAILABLE), "no row per project without GitHub");
        Button linkThem = robot.lookup("#linkNotConnectedButton").queryButton();
        assertEquals("Link them…", linkThem.getText());
        robot.clickOn(linkThem);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(without), bulkLinks);
    }

    // ---- the diagram ----------------------------------------------------------------------------------------

    @Test
    void anExpandedGroupOfHundredsKeepsItsInstallationLabelAtItsFirstProjectAndInViewWhileScrolling(FxRobot robot)
            throws Exception {
        tab(robot, "Overview");
        robot.interact(() -> vm.toggleExpanded(AuditViewModel.NOT_CONNECTED_GROUP));
        WaitForAsyncUtils.waitForFxEvents();
        Label label = robot.lookup("#diagram-" + AuditViewModel.NOT_CONNECTED_GROUP).query();
        Label first = robot.lookup((Node n) -> n instanceof Label l && l.getStyleClass().contains("diagram-project")
                && "Initech 0004".equals(l.getText())).query();
        double labelY = label.getLayoutY() + label.getTranslateY();
        assertTrue(Math.abs(labelY - first.getLayoutY()) <= AuditDiagram.ROW,
                "label at y=" + labelY + ", its first project at y=" + first.getLayoutY());
        ScrollPane scroll = robot.lookup(".diagram-scroll").queryAs(ScrollPane.class);
        Label middle = robot.lookup((Node n) -> n instanceof Label l && l.getStyleClass().contains("diagram-project")
                && "Initech 1000".equals(l.getText())).query();
        robot.interact(() -> {
            double content = scroll.getContent().getLayoutBounds().getHeight();
            double view = scroll.getViewportBounds().getHeight();
            scroll.setVvalue((middle.getLayoutY() - view / 2) / (content - view));
        });
        WaitForAsyncUtils.waitForFxEvents();
        Bounds viewport = scroll.localToScene(scroll.getLayoutBounds());
        Bounds shown = label.localToScene(label.getLayoutBounds());
        Bounds chip = middle.localToScene(middle.getLayoutBounds());
        assertTrue(chip.getMinY() > viewport.getMinY() && chip.getMaxY() < viewport.getMaxY(), "scrolled to the middle");
        assertTrue(shown.getMinY() >= viewport.getMinY() && shown.getMaxY() <= viewport.getMaxY(),
                "the label stays in view: " + shown + " in " + viewport);
    }
}
