package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.support.Truncation;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.main.MainWindowView;
import dev.hoglink.ui.theme.ThemeManager;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.TableView;
import javafx.geometry.Orientation;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window over the sandbox at 1024x700 and 1600x1000, light and dark: no label, header or cell of the
 * projects table and the detail pane is cut with an ellipsis, and shrinking then enlarging the window leaves no
 * column hidden behind a horizontal scroll bar.
 */
@ExtendWith(ApplicationExtension.class)
class NoCutTextFxTest {

    private Stage stage;
    private SandboxServer sandbox;
    private FxTaskRunner runner;
    private MainWindowView view;
    private InventoryViewModel vm;
    private ThemeManager theme;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner"))).build();
        runner = new FxTaskRunner(6);
        theme = new ThemeManager(t -> { });
        theme.apply(ThemeManager.Theme.LIGHT);
        vm = new InventoryViewModel(runner, null, Clock.system(ZoneOffset.UTC), 4);
        ViewLoader.Loaded<MainWindowView> loaded = MainWindowHarness.load(vm, theme, ZoneOffset.UTC,
                new MainWindowHarness.RecordingActions());
        view = loaded.controller();
        Scene scene = new Scene(loaded.root(), 1024, 700);
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        vm.connect(sandbox.baseUri().toString(), new HttpInventoryService(client), null);
    }

    @AfterEach
    void stop() {
        runner.shutdown();
        view.dispose();
        sandbox.stop();
    }

    private void size(FxRobot robot, double w, double h) {
        robot.interact(() -> {
            stage.setWidth(w);
            stage.setHeight(h);
        });
        WaitForAsyncUtils.waitForFxEvents();
        robot.interact(() -> {
            stage.getScene().getRoot().applyCss();
            stage.getScene().getRoot().layout();
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void select(FxRobot robot, long id) throws Exception {
        robot.interact(() -> {
            TableView<ProjectRowViewModel> t = robot.lookup("#projectsTable").queryTableView();
            t.getSelectionModel().clearSelection();
            t.getSelectionModel().select(vm.row(id));
            t.scrollTo(vm.row(id));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.detail().projectProperty().get() == vm.row(id)
                && !vm.detail().reposLoadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<String> cut(FxRobot robot) {
        List<String> found = new ArrayList<>();
        robot.interact(() -> {
            found.addAll(Truncation.truncatedLabels((Parent) robot.lookup("#detailPane").query()));
            found.addAll(Truncation.truncatedLabels((Parent) robot.lookup("#projectsTable").query()));
        });
        return found;
    }

    @Test
    void noLabelOfTheTableOrTheDetailPaneIsCutAtEitherSizeInEitherTheme(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.busyProperty().get() && vm.rows().size() == 24
                && vm.rows().stream().allMatch(ProjectRowViewModel::linksKnown));
        List<String> problems = new ArrayList<>();
        for (ThemeManager.Theme t : List.of(ThemeManager.Theme.LIGHT, ThemeManager.Theme.DARK)) {
            robot.interact(() -> theme.apply(t));
            for (double[] s : new double[][] {{1024, 700}, {1600, 1000}}) {
                size(robot, s[0], s[1]);
                for (long id : new long[] {101, 110, 104}) {
                    select(robot, id);
                    size(robot, s[0], s[1]);
                    for (String c : cut(robot)) {
                        problems.add(t + " " + (int) s[0] + "x" + (int) s[1] + " project " + id + ": " + c);
                    }
                }
            }
        }
        assertEquals(List.of(), problems);
    }

    @Test
    void shrinkingAndEnlargingAgainLeavesNoColumnHiddenBehindAScrollBar(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !vm.busyProperty().get() && vm.rows().size() == 24);
        size(robot, 1600, 1000);
        select(robot, 101);
        size(robot, 1024, 700);
        size(robot, 1600, 1000);
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        boolean hbar = false;
        for (Node n : table.lookupAll(".scroll-bar")) {
            if (n instanceof ScrollBar b && b.getOrientation() == Orientation.HORIZONTAL && b.isVisible()) {
                hbar = true;
            }
        }
        javafx.scene.control.SplitPane split = robot.lookup("#mainSplit").queryAs(javafx.scene.control.SplitPane.class);
        String state = "divider " + java.util.Arrays.toString(split.getDividerPositions()) + ", table " + table.getWidth()
                + ", columns " + table.getColumns().stream().map(c -> c.getText() + "=" + (int) c.getWidth() + "/min"
                + (int) c.getMinWidth()).toList() + ", policy " + table.getColumnResizePolicy();
        assertTrue(!hbar, "no horizontal scroll bar on the projects table at 1600x1000: " + state);
        double columns = table.getColumns().stream().filter(c -> c.isVisible()).mapToDouble(c -> c.getWidth()).sum();
        assertTrue(columns <= table.getWidth() + 1, "columns " + columns + " fit the table " + table.getWidth());
        assertTrue(table.getWidth() > 700, "the divider gave the table its room back: " + table.getWidth());
    }
}
