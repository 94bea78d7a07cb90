package dev.hoglink.ui.main;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.ProjectState;
import dev.hoglink.support.DemoData;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.HoverTip;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.theme.ThemeManager;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Control;
import javafx.scene.control.ToolBar;
import javafx.scene.image.Image;
import javafx.scene.image.PixelReader;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window's toolbar and filter chips as someone working from the keyboard sees them: the control that has
 * the focus looks different from the others, in both themes; and at the smallest window the undo button, once a
 * link was made, leaves every other toolbar button in view rather than pushing Audit, Refresh and the theme switch
 * into the overflow menu.
 */
@ExtendWith(ApplicationExtension.class)
class ToolbarFxTest {

    /** Main actions whose undo label a test sets, as the link feature does after a link. */
    static final class UndoActions extends MainWindowHarness.RecordingActions {
        final ReadOnlyStringWrapper undo = new ReadOnlyStringWrapper("");

        @Override
        public ReadOnlyStringProperty undoLastLinkLabelProperty() {
            return undo.getReadOnlyProperty();
        }
    }

    private final UndoActions actions = new UndoActions();
    private ThemeManager theme;
    private FxTaskRunner runner;
    private MainWindowView view;
    private InventoryViewModel vm;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        this.stage = stage;
        runner = new FxTaskRunner(2);
        theme = new ThemeManager(t -> { });
        theme.apply(ThemeManager.Theme.LIGHT);
        vm = new InventoryViewModel(runner, null, Clock.system(ZoneOffset.UTC), 4);
        ViewLoader.Loaded<MainWindowView> loaded = MainWindowHarness.load(vm, theme, ZoneOffset.UTC, actions);
        view = loaded.controller();
        Scene scene = new Scene(loaded.root(), 1024, 700);
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        vm.connectionLabelProperty().set("Sandbox");
        vm.sandboxProperty().set(true);
        vm.connect("http://127.0.0.1:8010", DemoData.acme(), null);
    }

    @AfterEach
    void stop() {
        runner.shutdown();
        view.dispose();
    }

    private void waitLoaded() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.busyProperty().get() && !vm.rows().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    private static Image shot(Node n) {
        n.getScene().getRoot().applyCss();
        n.getScene().getRoot().layout();
        return n.snapshot(null, null);
    }

    private static int differingPixels(Image a, Image b) {
        int w = (int) Math.min(a.getWidth(), b.getWidth());
        int h = (int) Math.min(a.getHeight(), b.getHeight());
        PixelReader ra = a.getPixelReader();
        PixelReader rb = b.getPixelReader();
        int n = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (ra.getArgb(x, y) != rb.getArgb(x, y)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void theProblemsChipTipNamesExactlyTheStatesItsFilterShows(FxRobot robot) {
        String tip = HoverTip.textOf(robot.lookup("#problemsChip").queryAs(Control.class));
        for (ProjectState s : ProjectState.values()) {
            // The filter keeps the rows whose state isProblem(); the tip says those states in the table's words.
            assertEquals(s.isProblem(), tip.contains(s.label()), s + " in \"" + tip + "\"");
        }
    }

    @Test
    void theFocusedToolbarButtonOrChipLooksDifferentInBothThemes(FxRobot robot) throws Exception {
        waitLoaded();
        List<String> ids = List.of("connectionMenu", "bulkLinkButton", "auditButton", "refreshButton", "themeButton",
                "connectedChip", "notConnectedChip", "sharedChip", "problemsChip", "sharedChip:selected");
        List<String> invisible = new ArrayList<>();
        for (ThemeManager.Theme t : List.of(ThemeManager.Theme.LIGHT, ThemeManager.Theme.DARK)) {
            robot.interact(() -> theme.apply(t));
            WaitForAsyncUtils.waitForFxEvents();
            for (String id : ids) {
                Node control = robot.lookup("#" + id.replace(":selected", "")).query();
                if (id.endsWith(":selected")) {
                    robot.interact(() -> ((javafx.scene.control.ToggleButton) control).setSelected(true));
                }
                Image[] before = new Image[1];
                Image[] focused = new Image[1];
                robot.interact(() -> {
                    robot.lookup("#projectsTable").query().requestFocus();
                    before[0] = shot(control);
                });
                robot.interact(() -> control.requestFocus());
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> {
                    assertTrue(control.isFocused(), id + " takes the focus");
                    focused[0] = shot(control);
                });
                // a ring round the control: at least a few dozen pixels change, not a stray anti-aliased one
                if (differingPixels(before[0], focused[0]) < 40) {
                    invisible.add(t + " #" + id);
                }
            }
        }
        assertEquals(List.of(), invisible, "controls whose focus cannot be seen");
    }

    @Test
    void afterALinkTheUndoButtonLeavesEveryToolbarButtonInViewAtTheSmallestWindow(FxRobot robot) throws Exception {
        waitLoaded();
        robot.interact(() -> {
            // the stage is shared with the test classes before this one, which may have left it wider
            stage.setWidth(1024);
            stage.setHeight(700);
            actions.undo.set("Undo link of Marketing Site Dashboard");
            // the widest the bulk button gets: "Link 10 projects…"
            robot.lookup("#projectsTable").queryTableView().getSelectionModel().selectAll();
        });
        WaitForAsyncUtils.waitForFxEvents();
        ToolBar bar = robot.lookup("#toolBar").queryAs(ToolBar.class);
        Button undo = (Button) bar.getItems().stream().filter(n -> "undoLinkButton".equals(n.getId())).findFirst()
                .orElseThrow();
        List<String> hidden = new ArrayList<>();
        robot.interact(() -> {
            bar.getScene().getRoot().applyCss();
            bar.getScene().getRoot().layout();
            for (Node item : bar.getItems()) {
                // the toolbar's skin lays its items out in a box; the ones that do not fit leave it for the overflow menu
                Node box = item.getParent();
                boolean inBox = box != null && box.getStyleClass().contains("container") && box.getParent() == bar;
                if (item.isVisible() && !inBox) {
                    hidden.add(item.getId());
                }
            }
        });
        assertEquals(List.of(), hidden, "toolbar items pushed into the overflow menu at 1024x700; toolbar "
                + bar.getWidth() + " wide, items " + bar.getItems().stream().map(n -> n.getId() + "="
                + (int) n.prefWidth(-1)).toList());
        assertTrue(robot.lookup("#bulkLinkButton").queryButton().getText().startsWith("Link 10 projects"),
                robot.lookup("#bulkLinkButton").queryButton().getText());
        assertTrue(undo.isVisible(), "the undo is offered");
        String says = undo.getText() + " / " + HoverTip.textOf(undo) + " / " + undo.getAccessibleText();
        assertTrue(says.contains("Marketing Site Dashboard"), "the undo still names what it unlinks: " + says);
        assertTrue(stage.getWidth() <= 1024, "the smallest window");
        assertTrue(((Control) undo).getWidth() > 0, "the undo button is laid out");
    }
}
