package dev.hoglink.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.support.Truncation;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.inventory.RowState;
import dev.hoglink.ui.theme.ThemeManager;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window on a sandbox organization of 2,000 projects (Initech Scale): the toolbar's "Link N projects…"
 * counts the table's real selection, also after a bulk link re-sorted the rows; the filter chips and the match count
 * keep their whole text at the smallest window and at 1024x700.
 */
@ExtendWith(ApplicationExtension.class)
class MainWindowAtScaleFxTest {

    private Stage stage;
    private SandboxServer sandbox;
    private FxTaskRunner runner;
    private MainWindowView view;
    private InventoryViewModel vm;
    private PostHogClient client;
    private ThemeManager theme;
    private final MainWindowHarness.RecordingActions actions = new MainWindowHarness.RecordingActions();

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        sandbox = SandboxServer.start(SandboxOptions.defaults().withExtraProjects(2000));
        client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .rateLimiter(RateLimiter.unlimited()).build();
        runner = new FxTaskRunner(6);
        theme = new ThemeManager(t -> { });
        theme.apply(ThemeManager.Theme.LIGHT);
        vm = new InventoryViewModel(runner, null, Clock.system(ZoneOffset.UTC), 8);
        ViewLoader.Loaded<MainWindowView> loaded = MainWindowHarness.load(vm, theme, ZoneOffset.UTC, actions);
        view = loaded.controller();
        Scene scene = new Scene(loaded.root(), 1240, 760);
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        vm.connect(sandbox.baseUri().toString(), new HttpInventoryService(client), SeedWorld.INITECH_ORG);
    }

    @AfterEach
    void stop() {
        runner.shutdown();
        view.dispose();
        sandbox.stop();
    }

    @SuppressWarnings("unchecked")
    private TableView<ProjectRowViewModel> loadedTable(FxRobot robot) throws Exception {
        TableView<ProjectRowViewModel> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(120, TimeUnit.SECONDS, () -> table.getItems().size() >= 2000 && !vm.busyProperty().get());
        return table;
    }

    @Test
    void afterABulkLinkRefreshedTheSelectedRowsTheToolbarCountsTheRowsReallySelected() throws Exception {
        FxRobot robot = new FxRobot();
        TableView<ProjectRowViewModel> table = loadedTable(robot);
        Button bulk = robot.lookup("#bulkLinkButton").queryButton();
        // The "Not connected" chip, as an admin looking for projects without GitHub uses it; two of them selected.
        robot.interact(() -> {
            table.getSortOrder().setAll(List.of(table.getColumns().get(1)));
            table.sort();
        });
        int first = indexOf(table, RowState.NOT_CONNECTED);
        robot.interact(() -> table.getSelectionModel().selectRange(first, first + 2));
        assertEquals("Link 2 projects…", bulk.getText());
        List<Long> linked = table.getSelectionModel().getSelectedItems().stream().map(ProjectRowViewModel::id).sorted().toList();
        // What the bulk dialog does: link each one, then have the inventory read them again.
        for (long id : linked) {
            client.linkExisting(id, LinkExistingRequest.ofSourceProject(1001, "20000001", null));
        }
        java.util.Set<Long> ids = new java.util.HashSet<>(linked);
        vm.table().rows().stream().filter(r -> r.links().stream().anyMatch(l -> "20000001".equals(l.installationId())))
                .forEach(r -> ids.add(r.id()));
        robot.interact(() -> vm.refreshProjects(ids));
        WaitForAsyncUtils.waitFor(30, TimeUnit.SECONDS, () -> linked.stream()
                .allMatch(id -> vm.row(id) != null && vm.row(id).state() == RowState.CONNECTED));
        WaitForAsyncUtils.waitForFxEvents();
        // The linked rows moved in the sorted table (a permutation of its items): still two selected, the same two.
        assertEquals(linked, vm.table().selectedRows().stream().map(ProjectRowViewModel::id).sorted().toList());
        assertEquals("Link 2 projects…", bulk.getText());
        // One row clicked: one row selected, and the toolbar says so.
        robot.interact(() -> {
            table.scrollTo(10);
            table.getSelectionModel().clearAndSelect(10);
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1, table.getSelectionModel().getSelectedItems().size());
        assertEquals(List.copyOf(table.getSelectionModel().getSelectedItems()), List.copyOf(vm.table().selectedRows()));
        assertEquals("Link projects…", bulk.getText());
        // Bulk link stays open with one row: its plan can also cover every row in the filter or not connected.
        assertFalse(bulk.isDisabled());
        // Sorting by another column with that row selected: still that one row.
        robot.clickOn(".column-header .label", javafx.scene.input.MouseButton.PRIMARY);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.copyOf(table.getSelectionModel().getSelectedItems()), List.copyOf(vm.table().selectedRows()));
        assertEquals(1, vm.table().selectedRows().size());
        assertEquals("Link projects…", bulk.getText());
    }

    @Test
    void theFilterChipsAndTheMatchCountAreWholeAtTheSmallestWindowAndAt1024x700InBothThemes() throws Exception {
        FxRobot robot = new FxRobot();
        loadedTable(robot);
        robot.interact(() -> vm.table().chipNotConnectedProperty().set(true)); // "Showing 500 of 2,000" beside them
        List<String> cut = new java.util.ArrayList<>();
        for (ThemeManager.Theme t : List.of(ThemeManager.Theme.LIGHT, ThemeManager.Theme.DARK)) {
            robot.interact(() -> theme.apply(t));
            // 898x535: the window's content at its smallest size (900x560 with its title bar), as it opened.
            for (double[] size : new double[][] {{898, 535}, {1024, 700}}) {
                robot.interact(() -> {
                    stage.setWidth(size[0]);
                    stage.setHeight(size[1]);
                });
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> Truncation.truncatedLabels((javafx.scene.Parent) robot.lookup("#filterBar").query())
                        .forEach(c -> cut.add(t + " " + (int) size[0] + "x" + (int) size[1] + ": " + c)));
            }
        }
        assertEquals(List.of(), cut);
        javafx.scene.control.Label count = robot.lookup("#matchCountLabel").query();
        assertEquals("Showing 500 of 2000", count.getText());
    }

    @Test
    void theDetailPaneListsEveryInstallationTheProjectCanLinkWithAFilterReachedFromTheKeyboard() throws Exception {
        FxRobot robot = new FxRobot();
        TableView<ProjectRowViewModel> table = loadedTable(robot);
        WaitForAsyncUtils.waitFor(60, TimeUnit.SECONDS, () -> vm.table().rows().stream().allMatch(ProjectRowViewModel::linksKnown));
        robot.interact(() -> {
            table.getSelectionModel().clearAndSelect(table.getItems().indexOf(vm.row(1004)));
            table.scrollTo(vm.row(1004));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.detail().projectProperty().get() == vm.row(1004));
        TableView<?> list = robot.lookup("#installationsTable").queryTableView();
        javafx.scene.control.Label count = robot.lookup("#installationsCountLabel").query();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> list.getItems().size() == 50);
        assertEquals("", count.getText());
        assertTrue(vm.detail().installationsMessageProperty().get().startsWith("50 installations of other projects"));
        robot.interact(() -> robot.lookup("#installationsTable").query().getParent().layout());
        assertTrue(list.getHeight() >= 200, "the list shows several installations at once: " + list.getHeight());
        javafx.scene.control.TextField filter = robot.lookup("#installationFilterField").query();
        robot.interact(filter::requestFocus);
        robot.write("initech-4");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(11, list.getItems().size(), "initech-4 and initech-40 to -49");
        assertEquals("11 of 50", count.getText());
        robot.type(javafx.scene.input.KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(list.isFocused(), "Down moves from the filter into the list");
        assertEquals(0, list.getSelectionModel().getSelectedIndex());
        robot.interact(filter::requestFocus);
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(50, list.getItems().size(), "Escape clears the filter");
        javafx.scene.control.ScrollPane pane = robot.lookup("#detailScroll").query();
        javafx.scene.Node content = pane.getContent();
        assertTrue(content.getLayoutBounds().getWidth() <= pane.getViewportBounds().getWidth() + 1,
                "the detail pane fits its width: " + content.getLayoutBounds().getWidth() + " in " + pane.getViewportBounds().getWidth());
    }

    private static int indexOf(TableView<ProjectRowViewModel> table, RowState state) {
        for (int i = 0; i < table.getItems().size(); i++) {
            if (table.getItems().get(i).state() == state) {
                return i;
            }
        }
        throw new AssertionError("no row " + state);
    }
}
