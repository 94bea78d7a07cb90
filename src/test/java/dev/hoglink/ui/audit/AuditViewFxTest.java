package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.ui.common.ControllerFactory;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real audit view (FXML, CSS, controller) over an in-memory organization. */
@ExtendWith(ApplicationExtension.class)
class AuditViewFxTest {

    static final Organization ORG = new Organization("org-1", "Acme Analytics", "acme-analytics", Organization.OWNER);

    @TempDir
    Path dir;
    AuditViewModel vm;
    AuditView view;
    AuditViewModelTest.RecordingActions actions;

    @Start
    void start(Stage stage) {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        for (long id = 1; id <= 14; id++) {
            fake.addProject(ORG.id(), id, "Project " + id);
        }
        for (long id = 1; id <= 9; id++) {
            fake.link(id, 100 + id, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        }
        fake.link(10, 110, "200", "acme-legacy", AccountType.ORGANIZATION, LinkStatus.UNAVAILABLE, "Ben");
        ThemeManager theme = new ThemeManager(t -> { });
        theme.apply(ThemeManager.Theme.LIGHT);
        actions = new AuditViewModelTest.RecordingActions();
        AuditViewModelTest.RecordingDialogs dialogs = new AuditViewModelTest.RecordingDialogs();
        vm = new AuditViewModel(new SameThreadTaskRunner(), javafx.application.Platform::runLater, dialogs, actions, ZoneOffset.UTC);
        ViewLoader.Loaded<AuditView> loaded = new ViewLoader(new ControllerFactory()
                .register(AuditView.class, () -> new AuditView(vm, dialogs, ZoneOffset.UTC))).load(AuditView.class);
        view = loaded.controller();
        Scene scene = new Scene(loaded.root(), 1200, 760);
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        vm.setSource((org, progress) -> new AuditService(fake, null, null, Clock.systemUTC(), 2)
                .audit("https://us.posthog.com", org, progress), ORG);
        vm.load();
    }

    static String tile(FxRobot robot, String id) {
        return robot.lookup("#tile-" + id + " .tile-value").queryAs(Label.class).getText();
    }

    @Test
    void tilesShowTheOrganizationsCounts(FxRobot robot) {
        assertEquals("14", tile(robot, "projects"));
        assertEquals("9", tile(robot, "connected"));
        assertEquals("4", tile(robot, "not-connected"));
        assertEquals("2", tile(robot, "installations"));
        assertEquals("1", tile(robot, "shared"));
    }

    @Test
    void clickingTheMoreChipExpandsTheInstallationInTheDiagram(FxRobot robot) throws Exception {
        assertEquals(AuditViewModel.COLLAPSED_LIMIT + 1 + 4, chips(robot), "acme collapsed, legacy's one, four without GitHub");
        assertTrue(robot.lookup("+4 projects").tryQuery().isPresent());
        robot.clickOn("#more-100");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(9 + 1 + 4, chips(robot), "all nine of acme's projects now");
        assertTrue(robot.lookup("Show fewer").tryQuery().isPresent());
    }

    private static int chips(FxRobot robot) {
        return robot.lookup(".diagram-project").queryAll().size();
    }

    @Test
    void clickingAnInstallationShowsItsDetails(FxRobot robot) {
        robot.clickOn("#diagram-200");
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(vm.selectedDetailProperty().get().contains("acme-legacy (id 200) · Organization"));
    }

    @Test
    void theProblemsOpenOnGitHubButtonOpensTheInstallationsPage(FxRobot robot) throws Exception {
        robot.clickOn("Problems (" + vm.problems().size() + ")");
        robot.clickOn("Open on GitHub");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !actions.calls.isEmpty());
        assertEquals("open https://github.com/organizations/acme-legacy/settings/installations/200", actions.calls.get(0));
    }

    @Test
    void theMatrixIsOneVirtualisedTableWithAColumnPerInstallation(FxRobot robot) {
        robot.clickOn("Matrix");
        TableView<?> matrix = robot.lookup("#matrixTable").queryTableView();
        assertEquals(3, matrix.getColumns().size());
        assertEquals(14, matrix.getItems().size());
        // Rows are virtualised (AuditAtScaleFxTest counts them at 2,000); no fixed cell size, which would drop the
        // Project column's cells once scrolled sideways.
        assertTrue(matrix.getFixedCellSize() <= 0);
    }

    @Test
    void theDiagramExportsAsAPng(FxRobot robot) throws Exception {
        Path png = dir.resolve("diagram.png");
        robot.interact(() -> view.writeDiagram(png));
        byte[] head = Arrays.copyOf(Files.readAllBytes(png), 8);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, head);
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(png)),
                "owner-only, like the CSV and JSON exports");
    }

    /**
     * The PNG shows every project, also those the window keeps behind "+N projects" (a file cannot expand a group):
     * the picture is as tall as the diagram with every group expanded, and the window's group stays collapsed. On the
     * old code the picture was the collapsed diagram.
     */
    @Test
    void theDiagramPngShowsTheProjectsACollapsedGroupHides(FxRobot robot) throws Exception {
        DiagramGroup collapsed = vm.diagram().stream().filter(g -> g.hidden() > 0).findFirst().orElseThrow();
        Node pane = view.diagramPane();
        double collapsedHeight = pane.getBoundsInParent().getHeight();
        Path png = dir.resolve("diagram.png");
        robot.interact(() -> view.writeDiagram(png));
        java.awt.image.BufferedImage image = javax.imageio.ImageIO.read(png.toFile());
        assertEquals(collapsed.hidden(), vm.diagram().stream().filter(g -> g.key().equals(collapsed.key()))
                .findFirst().orElseThrow().hidden(), "the window's group is collapsed again");
        robot.interact(() -> vm.toggleExpanded(collapsed.key()));
        double expandedHeight = pane.getBoundsInParent().getHeight();
        assertTrue(expandedHeight > collapsedHeight + 1, "this diagram grows when expanded");
        // Drawn whole, without the "Show fewer" chip the window's expanded group ends with (one row less).
        assertEquals(Math.ceil(expandedHeight - AuditDiagram.ROW), image.getHeight(), 1.0,
                "the whole diagram, every project of every group, not only the visible part");
        // A group the window shows expanded is drawn the same, without its "Show fewer".
        java.nio.file.Path again = dir.resolve("diagram-expanded.png");
        robot.interact(() -> view.writeDiagram(again));
        assertEquals(image.getHeight(), javax.imageio.ImageIO.read(again.toFile()).getHeight());
        assertTrue(vm.diagram().stream().anyMatch(g -> g.key().equals(collapsed.key()) && g.expanded()),
                "the window's group stays expanded");
    }

    /**
     * The pie has no labels of its own, so its legend is its key: at the smallest window the screenshots use
     * (1024 × 700) the chart must keep room for it (JavaFX hides a chart's legend when less than 150 px would be
     * left for the pie).
     */
    @Test
    void theCoverageChartKeepsItsLegendAt1024By700(FxRobot robot) {
        robot.interact(() -> {
            javafx.stage.Window w = robot.lookup(".coverage-chart").query().getScene().getWindow();
            w.setWidth(1024);
            w.setHeight(700);
        });
        WaitForAsyncUtils.waitForFxEvents();
        Node legend = robot.lookup(".coverage-chart .chart-legend").query();
        assertTrue(legend.isVisible() && legend.getLayoutBounds().getHeight() > 0, "the pie's legend is shown");
        java.util.List<String> items = robot.lookup(".coverage-chart .chart-legend-item").queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        // One entry per state, in the words the table, the detail pane and the Problems tab use: no "Broken link".
        assertEquals(java.util.List.of("Connected (9)", "Not connected (4)", "Unavailable (1)", "Token error (0)",
                "No installation (0)", "Couldn't load (0)"), items);
    }

    /** At the smallest window the screenshots use, each problem's kind and its fix button read whole. */
    @Test
    void theProblemsKindAndFixReadWholeAt1024By700(FxRobot robot) {
        robot.interact(() -> {
            dev.hoglink.service.audit.AuditReport r = vm.reportProperty().get();
            java.util.List<dev.hoglink.service.audit.AuditReport.Problem> problems = new java.util.ArrayList<>(r.problems());
            problems.add(new dev.hoglink.service.audit.AuditReport.Problem(
                    dev.hoglink.service.audit.AuditReport.ProblemKind.MISSING_INSTALLATION_ID,
                    "Project 11: GitHub integration without an installation", "Its GitHub integration (id 111) names no "
                    + "installation, so it cannot be used or shared. Connect GitHub again for this project.", 11L,
                    "Project 11", null, dev.hoglink.service.audit.AuditReport.Fix.OAUTH, null, false));
            problems.add(new dev.hoglink.service.audit.AuditReport.Problem(
                    dev.hoglink.service.audit.AuditReport.ProblemKind.RECENT_FAILURE,
                    "GitHub connection for Project 12 ended without an answer", "cancelled", 12L, "Project 12", null,
                    dev.hoglink.service.audit.AuditReport.Fix.OAUTH, null, true));
            vm.show(new dev.hoglink.service.audit.AuditReport(r.host(), r.organization(), r.projects(),
                    r.installations(), r.summary(), problems, r.history(), true, "", ""));
            javafx.stage.Window w = robot.lookup("#problemsTable").query().getScene().getWindow();
            w.setWidth(1024);
            w.setHeight(700);
        });
        robot.interact(() -> robot.lookup("#tabs").queryAs(javafx.scene.control.TabPane.class).getSelectionModel()
                .select(1));
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#problemsTable").queryTableView();
        assertTrue(table.getItems().size() >= 2, "the two problems added: " + table.getItems());
        java.util.List<String> cut = new java.util.ArrayList<>();
        for (Node n : table.lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null
                    && java.util.Set.of("Kind", "Fix").contains(c.getTableColumn().getText())) {
                cut.addAll(dev.hoglink.support.Truncation.truncatedLabels(c));
            }
        }
        assertTrue(cut.isEmpty(), "cut at 1024 px: " + cut);
    }

    @Test
    void theHistoryTabListsNewestFirstWithReadableTimeAndEvent(FxRobot robot) throws Exception {
        robot.interact(() -> {
            dev.hoglink.service.audit.AuditReport r = vm.reportProperty().get();
            java.util.List<dev.hoglink.service.audit.AuditReport.HistoryEntry> entries = new java.util.ArrayList<>(
                    java.util.List.of(
                    AuditViewModelTest.entry("2026-08-01T10:00:00Z", 1L, "100", "Ada Owner"),
                    AuditViewModelTest.entry("2026-08-05T10:00:00Z", 1L, "100", "Ben Admin"),
                    AuditViewModelTest.entry("2026-08-02T10:00:00Z", 9L, "200", "Ben Admin")));
            entries.add(new dev.hoglink.service.audit.AuditReport.HistoryEntry(
                    java.time.Instant.parse("2026-08-03T10:00:00Z"), dev.hoglink.service.audit.AuditReport.Source.POSTHOG,
                    2L, "Project 2", "100", "Ada Owner", "discovery_candidates_filtered", "", ""));
            entries.sort(dev.hoglink.service.audit.AuditReport.HistoryEntry.ORDER);
            vm.show(new dev.hoglink.service.audit.AuditReport(r.host(), r.organization(), r.projects(),
                    r.installations(), r.summary(), r.problems(), entries, true, "", ""));
            robot.lookup("#historyTable").queryTableView().getScene().getWindow().setWidth(1024);
        });
        robot.clickOn("History");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> history = robot.lookup("#historyTable").queryTableView();
        assertEquals(java.util.List.of("2026-08-05T10:00:00Z", "2026-08-03T10:00:00Z", "2026-08-02T10:00:00Z",
                "2026-08-01T10:00:00Z"), history.getItems().stream()
                .map(h -> ((dev.hoglink.service.audit.AuditReport.HistoryEntry) h).time().toString()).toList(),
                "newest first");
        java.util.List<String> cut = new java.util.ArrayList<>();
        for (Node n : history.lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null && c.getText() != null
                    && java.util.Set.of("Time", "Event").contains(c.getTableColumn().getText())) {
                String shown = dev.hoglink.support.Truncation.displayed(c);
                if (shown != null && !shown.equals(c.getText())) {
                    cut.add(c.getTableColumn().getText() + ": " + c.getText() + " shown as " + shown);
                }
            }
        }
        assertTrue(cut.isEmpty(), "cut Time/Event cells at 1024 px: " + cut);
    }

    @Test
    void theHistoryTabSaysEventsAndOutcomesInWordsAndShowsTheWholeUserAt1024By700(FxRobot robot) throws Exception {
        robot.interact(() -> {
            dev.hoglink.service.audit.AuditReport r = vm.reportProperty().get();
            java.util.List<dev.hoglink.service.audit.AuditReport.HistoryEntry> entries = new java.util.ArrayList<>(
                    java.util.List.of(
                    HistoryWordsTest.journal("oauth_complete", "unknown"),
                    new dev.hoglink.service.audit.AuditReport.HistoryEntry(
                            java.time.Instant.parse("2026-08-02T10:00:00Z"), dev.hoglink.service.audit.AuditReport.Source.JOURNAL,
                            2L, "Project 2", "100", "this computer", "unlink", "already_removed", ""),
                    new dev.hoglink.service.audit.AuditReport.HistoryEntry(
                            java.time.Instant.parse("2026-08-03T10:00:00Z"), dev.hoglink.service.audit.AuditReport.Source.POSTHOG,
                            3L, "Project 3", "100", "Ada Owner", "link_started", "", ""),
                    new dev.hoglink.service.audit.AuditReport.HistoryEntry(
                            java.time.Instant.parse("2026-08-04T10:00:00Z"), dev.hoglink.service.audit.AuditReport.Source.POSTHOG,
                            4L, "Project 4", "100", "Ada Owner", "discovery_candidates_filtered", "", "")));
            entries.sort(dev.hoglink.service.audit.AuditReport.HistoryEntry.ORDER);
            vm.show(new dev.hoglink.service.audit.AuditReport(r.host(), r.organization(), r.projects(),
                    r.installations(), r.summary(), r.problems(), entries, true, "", ""));
            javafx.stage.Window w = robot.lookup("#historyTable").queryTableView().getScene().getWindow();
            w.setWidth(1024);
            w.setHeight(700);
        });
        robot.clickOn("History");
        WaitForAsyncUtils.waitForFxEvents();
        TableView<?> history = robot.lookup("#historyTable").queryTableView();
        java.util.Set<String> events = new java.util.HashSet<>();
        java.util.Set<String> outcomes = new java.util.HashSet<>();
        java.util.List<String> cut = new java.util.ArrayList<>();
        for (Node n : history.lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null && c.getText() != null
                    && !c.getText().isEmpty()) {
                String column = c.getTableColumn().getText();
                if ("Event".equals(column)) {
                    events.add(c.getText());
                } else if ("Outcome".equals(column)) {
                    outcomes.add(c.getText());
                }
                String shown = dev.hoglink.support.Truncation.displayed(c);
                if (java.util.Set.of("User", "Event", "Outcome").contains(column) && shown != null
                        && !shown.equals(c.getText())) {
                    cut.add(column + ": " + c.getText() + " shown as " + shown);
                }
            }
        }
        assertTrue(cut.isEmpty(), "cut User/Event/Outcome cells at 1024x700: " + cut);
        // Details (a journal row's "linked", PostHog's account and what a refusal said) has room to be read, and
        // no column runs past the table's edge behind its scroll bar.
        javafx.scene.control.TableColumn<?, ?> details = history.getColumns().get(history.getColumns().size() - 1);
        assertEquals("Details", details.getText());
        assertTrue(details.getWidth() >= 150, "Details is " + details.getWidth() + " px wide at 1024x700");
        javafx.geometry.Bounds table = history.localToScene(history.getLayoutBounds());
        for (Node h : robot.from(history).lookup(".column-header").queryAll()) {
            javafx.geometry.Bounds hb = h.localToScene(h.getLayoutBounds());
            assertTrue(hb.getMaxX() <= table.getMaxX() + 0.5, h + " ends at " + hb.getMaxX() + ", past " + table.getMaxX());
        }
        assertEquals(java.util.Set.of("OAuth bootstrap completed", "Unlink", "Link started",
                "discovery_candidates_filtered"), events);
        assertEquals(java.util.Set.of("Not known (no answer)", "Already removed"), outcomes);
    }

    /**
     * The diagram from the keyboard only: Tab reaches its first installation, which shows a focus ring; Enter shows
     * its details as a click does; Down walks its projects, Tab leaves the diagram and Shift+Tab comes back to the
     * same project; Space on "+4 projects" expands the group and keeps the focus there, Left goes back to the
     * installation and Right from a project on to the next installation.
     */
    @Test
    void theDiagramIsReachedWalkedAndSelectedFromTheKeyboard(FxRobot robot) {
        Scene scene = view.diagramPane().getScene();
        robot.interact(() -> robot.lookup("#reloadButton").query().requestFocus());
        for (int i = 0; i < 6 && !inDiagram(scene.getFocusOwner()); i++) {
            robot.type(KeyCode.TAB);
        }
        assertEquals("diagram-100", idOf(scene.getFocusOwner()), "Tab goes from the toolbar into the diagram");
        Label acme = (Label) scene.getFocusOwner();
        assertEquals(2, acme.getBorder().getStrokes().size(), "the focused node has a ring around its border");
        robot.type(KeyCode.ENTER);
        assertEquals(vm.diagram().get(0).detail(), details(robot));

        robot.type(KeyCode.DOWN);
        assertEquals("chip-100-1", idOf(scene.getFocusOwner()), "Down goes on to the installation's first project");
        assertEquals(1, acme.getBorder().getStrokes().size(), "the ring leaves with the focus");
        robot.type(KeyCode.DOWN);
        assertEquals("chip-100-2", idOf(scene.getFocusOwner()));
        robot.type(KeyCode.TAB);
        assertEquals("detailArea", idOf(scene.getFocusOwner()), "the diagram is one Tab stop: the next leaves it");
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        assertEquals("chip-100-2", idOf(scene.getFocusOwner()), "Shift+Tab comes back to the node last visited");
        robot.type(KeyCode.ENTER);
        assertTrue(details(robot).startsWith("Project 2 (id 2)\nStatus: Connected"), details(robot));

        for (int i = 0; i < 6 && !"more-100".equals(idOf(scene.getFocusOwner())); i++) {
            robot.type(KeyCode.DOWN);
        }
        assertEquals("+4 projects", ((Label) scene.getFocusOwner()).getText());
        robot.type(KeyCode.SPACE);
        assertEquals(9 + 1 + 4, chips(robot), "all nine of acme's projects now");
        assertEquals("Show fewer", ((Label) scene.getFocusOwner()).getText(), "the focus stays on the redrawn chip");

        robot.type(KeyCode.LEFT);
        assertEquals("diagram-100", idOf(scene.getFocusOwner()), "Left goes back to the installation");
        robot.type(KeyCode.LEFT).type(KeyCode.RIGHT).type(KeyCode.DOWN).type(KeyCode.RIGHT);
        assertEquals("diagram-200", idOf(scene.getFocusOwner()), "Right from a project goes to the next installation");
        robot.type(KeyCode.SPACE);
        assertTrue(details(robot).startsWith("acme-legacy (id 200) · Organization"), details(robot));
    }

    /**
     * The diagram behaves as a list: a click focuses the node it shows the details of, so the next arrow key goes on
     * from there; every node the arrows reach shows its details at once, without Enter; hovering another node changes
     * neither the focus nor Details.
     */
    @Test
    void aClickFocusesTheNodeAndTheDetailsFollowTheFocus(FxRobot robot) {
        Scene scene = view.diagramPane().getScene();
        robot.interact(() -> robot.lookup("#diagram-100").query().requestFocus());
        assertEquals(vm.diagram().get(0).detail(), details(robot), "the focused installation's details, no Enter");
        robot.type(KeyCode.DOWN);
        assertTrue(details(robot).startsWith("Project 1 (id 1)"), "Down shows the next node's: " + details(robot));

        robot.clickOn("#chip-100-2");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("chip-100-2", idOf(scene.getFocusOwner()), "a click focuses the node");
        assertTrue(details(robot).startsWith("Project 2 (id 2)\nStatus: Connected"), details(robot));

        robot.type(KeyCode.DOWN);
        assertEquals("chip-100-3", idOf(scene.getFocusOwner()), "Down goes on from the clicked node");
        assertTrue(details(robot).startsWith("Project 3 (id 3)"), "Details follows the focus: " + details(robot));
        robot.type(KeyCode.LEFT);
        assertEquals("diagram-100", idOf(scene.getFocusOwner()));
        assertEquals(vm.diagram().get(0).detail(), details(robot), "the installation's details, without Enter");

        robot.moveTo("#diagram-200");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("diagram-100", idOf(scene.getFocusOwner()));
        assertEquals(vm.diagram().get(0).detail(), details(robot), "hovering another node changes nothing");

        robot.clickOn("#diagram-200");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("diagram-200", idOf(scene.getFocusOwner()));
        assertTrue(details(robot).startsWith("acme-legacy (id 200) · Organization"), details(robot));
        robot.type(KeyCode.RIGHT);
        assertEquals("chip-200-10", idOf(scene.getFocusOwner()), "Right goes on from the clicked installation");
        assertTrue(details(robot).startsWith("Project 10 (id 10)"), details(robot));
        robot.type(KeyCode.ENTER);
        assertTrue(details(robot).startsWith("Project 10 (id 10)"), "Enter still shows the node's details");

        robot.type(KeyCode.TAB);
        assertEquals("detailArea", idOf(scene.getFocusOwner()));
        assertTrue(details(robot).startsWith("Project 10 (id 10)"), "leaving the diagram keeps its details");
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT);
        assertEquals("chip-200-10", idOf(scene.getFocusOwner()), "Shift+Tab comes back to the node last visited");
    }

    /** A screen reader hears what each node is, and how the diagram's keys move and show details. */
    @Test
    void theDiagramsNodesTellAScreenReaderWhatTheyAreAndHowToMove(FxRobot robot) {
        Label acme = robot.lookup("#diagram-100").queryAs(Label.class);
        Label project = robot.lookup("#chip-100-1").queryAs(Label.class);
        Label more = robot.lookup("#more-100").queryAs(Label.class);
        assertEquals(vm.diagram().get(0).detail(), acme.getAccessibleText());
        assertTrue(project.getAccessibleText().endsWith(" · in acme"), project.getAccessibleText());
        assertEquals("Show all projects of acme", more.getAccessibleText());
        assertEquals("Details shows it while it has the focus; Down or Right goes to its projects",
                acme.getAccessibleHelp());
        assertEquals("Details shows it while it has the focus; Left goes to its installation",
                project.getAccessibleHelp());
        Node pane = view.diagramPane();
        assertEquals("Installations and their projects", pane.getAccessibleText());
        assertEquals("Arrow keys move between installations and projects; Details shows the one with the focus",
                pane.getAccessibleHelp());
    }

    /** Enter on a problem the keyboard selected does what its Fix button does. */
    @Test
    void enterOnASelectedProblemRunsItsFix(FxRobot robot) throws Exception {
        robot.interact(() -> {
            view.showTab(1);
            robot.lookup("#problemsTable").query().requestFocus();
        });
        robot.type(KeyCode.HOME).type(KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !actions.calls.isEmpty());
        assertEquals("open https://github.com/organizations/acme-legacy/settings/installations/200", actions.calls.get(0));
    }

    /** The tab pane, where the audit window's focus starts, shows it has the focus (AtlantaFX showed nothing). */
    @Test
    void theFocusedTabPaneShowsARingOnItsSelectedTab(FxRobot robot) {
        robot.interact(() -> robot.lookup("#reloadButton").query().requestFocus());
        assertEquals(0, ring(robot, "Overview"), "no ring without the focus");
        robot.interact(() -> robot.lookup("#tabs").query().requestFocus());
        assertEquals(1, ring(robot, "Overview"), "a ring with the focus");
        robot.type(KeyCode.RIGHT);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, ring(robot, "Overview"));
        assertEquals(1, ring(robot, "Problems (1)"), "the ring follows the tab Right selects");
    }

    /** The strokes of the border around the title of the tab {@code title}. */
    private static int ring(FxRobot robot, String title) {
        for (Node tab : robot.lookup("#tabs .tab").queryAll()) {
            Label label = (Label) tab.lookup(".tab-label");
            if (label != null && title.equals(label.getText())) {
                javafx.scene.layout.Region indicator = (javafx.scene.layout.Region) tab.lookup(".focus-indicator");
                return indicator.getBorder() == null ? 0 : indicator.getBorder().getStrokes().size();
            }
        }
        throw new AssertionError("no tab " + title);
    }

    private static boolean inDiagram(Node n) {
        return n != null && n.getStyleClass().contains("diagram-installation");
    }

    private static String idOf(Node n) {
        return n == null ? null : n.getId();
    }

    private static String details(FxRobot robot) {
        return robot.lookup("#detailArea").queryAs(TextArea.class).getText();
    }
}
