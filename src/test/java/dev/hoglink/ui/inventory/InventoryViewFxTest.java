package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.service.ServiceException;
import dev.hoglink.support.DemoData;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.main.MainWindowView;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.FxDialogService;
import dev.hoglink.ui.common.Toasts;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import javafx.scene.control.TableColumn;
import javafx.util.Duration;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.UiPreferences;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** The real inventory view (FXML, CSS, controller) over the fake service and the real task runner. */
@ExtendWith(ApplicationExtension.class)
class InventoryViewFxTest {

    private FakeInventoryService fake;
    private InventoryViewModel vm;
    private MainWindowView view;
    private final MainWindowHarness.RecordingActions actions = new MainWindowHarness.RecordingActions();
    private ThemeManager theme;
    private FxTaskRunner runner;
    private Scene scene;
    private final List<ThemeManager.Theme> remembered = new java.util.ArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        fake = DemoData.acme();
        fake.failProject(110, new ServiceException(ServiceException.Kind.NETWORK, "PostHog did not answer."));
        runner = new FxTaskRunner(4);
        theme = new ThemeManager(remembered::add);
        theme.apply(ThemeManager.Theme.LIGHT);
        Path cache = Files.createTempDirectory("hoglink-fx-cache");
        vm = new InventoryViewModel(runner, new InventoryCache(cache), Clock.system(ZoneOffset.UTC), 4);
        ViewLoader.Loaded<MainWindowView> loaded = MainWindowHarness.load(vm, theme, ZoneOffset.UTC, actions);
        view = loaded.controller();
        scene = new Scene(loaded.root(), 1240, 760); // inside Monocle's default 1280x800 screen
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        vm.connectionLabelProperty().set("Sandbox");
        vm.sandboxProperty().set(true);
        vm.connect("http://127.0.0.1:8010", fake, null);
    }

    @AfterEach
    void stop() {
        runner.shutdown();
        view.dispose();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void waitLoaded() throws Exception {
        waitFor(() -> !vm.busyProperty().get() && vm.rows().size() == 10);
    }

    private TableView<ProjectRowViewModel> table(FxRobot robot) {
        return robot.lookup("#projectsTable").queryTableView();
    }

    @Test
    void showsEveryProjectOfTheFirstOrganization(FxRobot robot) throws Exception {
        waitLoaded();
        assertEquals(10, table(robot).getItems().size());
        assertEquals("Sandbox", robot.lookup("#connectionBadge").queryAs(Label.class).getText());
        assertTrue(robot.lookup("#progressLabel").queryAs(Label.class).getText().startsWith("10 projects"));
    }

    @Test
    void onAShortWindowTheDetailScrollsAndTheStatusBarStaysInView(FxRobot robot) throws Exception {
        waitLoaded();
        robot.interact(() -> {
            vm.selectedRowProperty().set(vm.rows().get(0));
            scene.getWindow().setWidth(1000);
            scene.getWindow().setHeight(560);
        });
        waitFor(() -> vm.detail().projectProperty().get() != null);
        javafx.scene.Node statusBar = robot.lookup("#statusBar").query();
        javafx.scene.Node split = robot.lookup("#mainSplit").query();
        javafx.scene.Node detail = robot.lookup("#detailPane").query();
        double sceneHeight = scene.getHeight();
        assertTrue(statusBar.localToScene(statusBar.getLayoutBounds()).getMaxY() <= sceneHeight + 0.5,
                "the status bar is inside the window");
        assertTrue(robot.lookup("#detailScroll").query() instanceof javafx.scene.control.ScrollPane);
        // The detail never spills over the toolbar and banners above the split pane.
        double splitTop = split.localToScene(split.getLayoutBounds()).getMinY();
        double viewportTop = robot.lookup("#detailScroll").query().localToScene(
                robot.lookup("#detailScroll").query().getLayoutBounds()).getMinY();
        assertTrue(viewportTop >= splitTop - 0.5, "the detail starts inside the split pane");
        assertTrue(detail.getLayoutBounds().getHeight() > 0);
    }

    @Test
    void pickingAnotherOrganizationShowsItsProjects(FxRobot robot) throws Exception {
        waitLoaded();
        robot.clickOn("#organizationPicker");
        robot.clickOn("Beta Labs");
        waitFor(() -> !vm.busyProperty().get() && table(robot).getItems().size() == 1);
        assertEquals("Beta app", table(robot).getItems().get(0).name());
    }

    @Test
    void typingInSearchFiltersAsYouType(FxRobot robot) throws Exception {
        waitLoaded();
        robot.clickOn("#searchField").write("acme-d");
        waitFor(() -> table(robot).getItems().size() == 2); // acme-data and acme-docs
        robot.write("ata");
        waitFor(() -> table(robot).getItems().size() == 1);
        assertEquals(104L, table(robot).getItems().get(0).id());
        assertEquals("Showing 1 of 10", robot.lookup("#matchCountLabel").queryAs(Label.class).getText());
        robot.type(KeyCode.ESCAPE);
        waitFor(() -> table(robot).getItems().size() == 10);
    }

    @Test
    void shiftDownAfterASearchIsClearedExtendsFromTheChosenRowNotFromItsPlaceInTheSearch(FxRobot robot)
            throws Exception {
        waitLoaded();
        robot.clickOn("#searchField").write("acme-data");
        waitFor(() -> table(robot).getItems().size() == 1);
        // its Project cell: the row is wider than the table's viewport, so its middle may lie under the detail pane
        javafx.scene.Node first = robot.from(table(robot)).lookup(".table-row-cell").match(
                (javafx.scene.control.TableRow<?> r) -> r.isVisible() && !r.isEmpty() && r.getIndex() == 0).query();
        robot.clickOn(robot.from(first).lookup(".table-cell").nth(0).queryAs(javafx.scene.Node.class));
        waitFor(() -> vm.selectedRowProperty().get() != null && vm.selectedRowProperty().get().id() == 104L);
        robot.clickOn("#searchField").type(KeyCode.ESCAPE);
        waitFor(() -> table(robot).getItems().size() == 10);
        robot.interact(() -> table(robot).requestFocus());
        int at = table(robot).getItems().indexOf(vm.row(104L));
        assertTrue(at > 0 && at < 9, "acme-data is neither first nor last: " + at);
        long next = table(robot).getItems().get(at + 1).id();
        robot.press(KeyCode.SHIFT, KeyCode.DOWN).release(KeyCode.DOWN, KeyCode.SHIFT);
        WaitForAsyncUtils.waitForFxEvents();
        // The search had acme-data at place 0; the selection must grow from acme-data, not from the first row.
        assertEquals(java.util.stream.Stream.of(104L, next).sorted().toList(), table(robot).getSelectionModel()
                .getSelectedItems().stream()
                .map(ProjectRowViewModel::id).sorted().toList());
    }

    @Test
    void chipsFilterTheTable(FxRobot robot) throws Exception {
        waitLoaded();
        robot.clickOn("#notConnectedChip");
        waitFor(() -> table(robot).getItems().size() == 2);
        robot.clickOn("#notConnectedChip");
        robot.clickOn("#problemsChip");
        waitFor(() -> table(robot).getItems().size() == 3);
        robot.clickOn("#problemsChip");
        robot.clickOn("#sharedChip");
        waitFor(() -> table(robot).getItems().size() == 3);
        robot.clickOn("#sharedChip");
        robot.clickOn("#connectedChip");
        waitFor(() -> table(robot).getItems().size() == 5);
    }

    @Test
    void enterOnARowOpensItsDetails(FxRobot robot) throws Exception {
        waitLoaded();
        assertTrue(robot.lookup("#reposTable").tryQuery().isEmpty() && robot.lookup("#linkButton").tryQuery().isEmpty(),
                "no detail content in the window until a project is selected");
        assertTrue(robot.lookup("#detailEmpty").query().isVisible(), "until then the pane says none is selected");
        robot.interact(() -> {
            table(robot).requestFocus();
            table(robot).getFocusModel().focus(1);
        });
        robot.type(KeyCode.ENTER);
        waitFor(() -> "Mobile".equals(robot.lookup("#detailTitle").queryAs(Label.class).getText()));
        waitFor(() -> !vm.detail().reposLoadingProperty().get() && vm.detail().repositories().size() == 25);
        Node focused = scene.getFocusOwner();
        assertNotNull(focused);
        assertTrue(isInside(focused, robot.lookup("#detailPane").query()), "focus moved into the detail pane: " + focused);
        waitFor(() -> !vm.detail().installationsLoadingProperty().get());
        TableView<?> options = robot.lookup("#installationsTable").queryTableView();
        assertEquals(4, options.getItems().size(), "every installation but the one Mobile already uses");
        assertEquals("Data warehouse (id 104)", options.getColumns().get(2).getCellData(0),
                "the source project is named from the table");
    }

    @Test
    void statusReadsLeaveOnlyOnceAFrameShowsTheRows(FxRobot robot) throws Exception {
        waitLoaded();
        java.util.concurrent.atomic.AtomicBoolean rowsShown = new java.util.concurrent.atomic.AtomicBoolean();
        AtomicReference<Boolean> shownAtFirstRead = new AtomicReference<>();
        Runnable watch = () -> {
            if (view.showsProjectRows()) {
                rowsShown.set(true);
            }
        };
        dev.hoglink.service.inventory.InventoryService watched =
                new dev.hoglink.service.inventory.ForwardingInventoryService(fake) {
                    @Override
                    public List<dev.hoglink.model.GitHubLink> githubLinks(long projectId) {
                        shownAtFirstRead.compareAndSet(null, rowsShown.get());
                        return super.githubLinks(projectId);
                    }
                };
        robot.interact(() -> {
            vm.connect("https://posthog.example.test", watched, null); // another host, nothing cached: rows load anew
            scene.addPostLayoutPulseListener(watch);
        });
        waitFor(() -> shownAtFirstRead.get() != null && !vm.busyProperty().get());
        robot.interact(() -> scene.removePostLayoutPulseListener(watch));
        assertTrue(shownAtFirstRead.get(), "the first status read left after a frame had laid the rows out");
        assertEquals(RowState.CONNECTED, vm.row(101).state(), "and the reads filled the rows");
    }

    @Test
    void repositoriesPageAndSearch(FxRobot robot) throws Exception {
        waitLoaded();
        robot.interact(() -> vm.selectedRowProperty().set(vm.row(101)));
        waitFor(() -> robot.lookup("#reposTable").queryTableView().getItems().size() == 25);
        // Below the fold of a 760-pixel window: keyboard focus scrolls the detail to it.
        Button loadMore = robot.lookup("#loadMoreButton").queryButton();
        robot.interact(loadMore::requestFocus);
        WaitForAsyncUtils.waitForFxEvents();
        javafx.geometry.Bounds shown = loadMore.localToScene(loadMore.getLayoutBounds());
        assertTrue(shown.getMaxY() <= scene.getHeight(), "the focused button is scrolled into the window");
        robot.clickOn("#loadMoreButton");
        waitFor(() -> robot.lookup("#reposTable").queryTableView().getItems().size() == 50);
        robot.clickOn("#repoSearchField").write("acme/web");
        waitFor(() -> robot.lookup("#reposTable").queryTableView().getItems().size() == 1);
    }

    /** A project with no GitHub shows no repositories section: nothing to refresh, search or list. */
    @Test
    void aProjectWithoutGitHubShowsNoRepositoriesSection(FxRobot robot) throws Exception {
        waitLoaded();
        assertEquals(RowState.NOT_CONNECTED, vm.row(105).state());
        robot.interact(() -> vm.selectedRowProperty().set(vm.row(105)));
        WaitForAsyncUtils.waitForFxEvents();
        for (String id : new String[] {"#reposTable", "#refreshReposButton", "#repoSearchField"}) {
            Node n = robot.lookup(id).query();
            assertTrue(!n.isVisible() || !n.getParent().isVisible(), id + " is not shown for a project without GitHub");
        }
        robot.interact(() -> vm.selectedRowProperty().set(vm.row(101)));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#reposTable").query().isVisible(), "a connected project lists its repositories");
        assertTrue(robot.lookup("#refreshReposButton").query().getParent().isVisible());
    }

    @Test
    void failedRowShowsItsErrorAndRecoversOnRetry(FxRobot robot) throws Exception {
        waitLoaded();
        assertEquals(RowState.FAILED, vm.row(110).state());
        assertEquals(RowState.CONNECTED, vm.row(101).state(), "the rest of the table is loaded");
        fake.heal(110);
        robot.interact(() -> table(robot).scrollTo(vm.row(110)));
        WaitForAsyncUtils.waitForFxEvents();
        Hyperlink retry = robot.lookup(".cell-retry").queryAs(Hyperlink.class);
        // The word is the audit's ("Couldn't load"), and it and the link fit the column's default width.
        javafx.scene.control.TableCell<?, ?> cell = (javafx.scene.control.TableCell<?, ?>) retry.getParent().getParent();
        assertTrue(dev.hoglink.support.Truncation.truncatedLabels(cell).isEmpty(),
                "cut: " + dev.hoglink.support.Truncation.truncatedLabels(cell));
        assertTrue(robot.lookup(".status-word").queryAs(javafx.scene.control.Label.class).getText().equals("Couldn't load"));
        javafx.geometry.Bounds link = retry.localToScene(retry.getLayoutBounds());
        javafx.geometry.Bounds box = cell.localToScene(cell.getLayoutBounds());
        assertTrue(link.getMaxX() <= box.getMaxX(), "the Retry link is inside its cell: " + link + " in " + box);
        robot.clickOn(retry);
        waitFor(() -> vm.row(110).state() == RowState.NOT_CONNECTED);
        assertTrue(robot.lookup(".cell-retry").tryQuery().isEmpty(), "the retry link is gone");
    }

    @Test
    void retryInTheDetailPaneRecoversTheSelectedRow(FxRobot robot) throws Exception {
        waitLoaded();
        robot.interact(() -> vm.selectedRowProperty().set(vm.row(110)));
        waitFor(() -> robot.lookup("#retryRowButton").query().isVisible());
        assertTrue(robot.lookup("#rowErrorLabel").queryAs(Label.class).getText().contains("PostHog did not answer."));
        fake.heal(110);
        robot.clickOn("#retryRowButton");
        waitFor(() -> vm.row(110).state() == RowState.NOT_CONNECTED);
        waitFor(() -> !robot.lookup("#rowErrorBox").query().isVisible());
    }

    @Test
    void ctrlQQuitsFromAnywhereInTheWindow(FxRobot robot) throws Exception {
        waitLoaded();
        robot.clickOn(table(robot));
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        robot.clickOn("#searchField");
        robot.press(KeyCode.CONTROL, KeyCode.Q).release(KeyCode.Q, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("quit", "quit"), actions.calls);
    }

    @Test
    void ctrlFFocusesTheSearchField(FxRobot robot) throws Exception {
        waitLoaded();
        robot.clickOn(table(robot));
        robot.press(KeyCode.CONTROL, KeyCode.F).release(KeyCode.F, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(robot.lookup("#searchField").queryAs(TextField.class).isFocused());
    }

    @Test
    void f5RefreshesEveryProject(FxRobot robot) throws Exception {
        waitLoaded();
        int before = fake.calls("githubLinks");
        robot.clickOn(table(robot));
        robot.type(KeyCode.F5);
        waitFor(() -> fake.calls("githubLinks") == before + 10 && !vm.busyProperty().get());
        assertEquals(2, fake.calls("projects"));
    }

    @Test
    void neverMoreThanFourStatusRequestsRunAtOnceOnRealThreads(FxRobot robot) throws Exception {
        waitLoaded();
        fake.closeGate();
        robot.interact(vm::refresh);
        waitFor(() -> fake.running() == 4);
        assertTrue(vm.busyProperty().get());
        assertTrue(robot.lookup("#progressBar").query().isVisible(), "progress shows while loading");
        fake.openGate();
        waitFor(() -> !vm.busyProperty().get());
        assertEquals(4, fake.maxRunning());
        assertEquals(20, fake.calls("githubLinks"));
    }

    @Test
    void iconButtonsHaveAccessibleTextAndTooltips(FxRobot robot) throws Exception {
        waitLoaded();
        for (String id : new String[] {"#refreshButton", "#themeButton"}) {
            Button b = robot.lookup(id).queryButton();
            assertNotNull(b.getAccessibleText(), id);
            assertNotNull(dev.hoglink.ui.common.HoverTip.textOf(b), id);
        }
        // the FXML's declared tip (<properties hoverTip=.../>) is made on the first hover, with its text
        Button refresh = robot.lookup("#refreshButton").queryButton();
        assertEquals(null, refresh.getTooltip(), "no tooltip before a hover");
        robot.moveTo(refresh);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Refresh (F5)", refresh.getTooltip().getText());
        robot.clickOn("#themeButton");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Switch to light theme", dev.hoglink.ui.common.HoverTip.textOf(robot.lookup("#themeButton").queryButton()));
        assertEquals(ThemeManager.Theme.DARK, theme.theme());
        assertEquals(List.of(ThemeManager.Theme.DARK), remembered, "the choice is remembered");
        assertEquals("Switch to light theme", robot.lookup("#themeButton").queryButton().getAccessibleText());
    }

    @Test
    void tabReachesEveryToolbarControlAndTheTable(FxRobot robot) throws Exception {
        waitLoaded();
        robot.interact(() -> robot.lookup("#organizationPicker").query().requestFocus());
        Set<String> reached = new HashSet<>();
        for (int i = 0; i < 14; i++) {
            Node n = scene.getFocusOwner();
            for (Node p = n; p != null; p = p.getParent()) {
                if (p.getId() != null) {
                    reached.add(p.getId());
                    break;
                }
            }
            robot.type(KeyCode.TAB);
        }
        for (String id : new String[] {"organizationPicker", "refreshButton", "themeButton", "searchField",
            "connectedChip", "notConnectedChip", "sharedChip", "problemsChip", "projectsTable"}) {
            assertTrue(reached.contains(id), id + " reachable by Tab; reached " + reached);
        }
    }

    /** Tab into the table with no row selected: the first row is selected, so the focus shows where it is. */
    @Test
    void tabIntoTheTableSelectsTheFirstRowWhenNoneIs(FxRobot robot) throws Exception {
        waitLoaded();
        robot.interact(() -> {
            table(robot).getSelectionModel().clearSelection();
            robot.lookup("#problemsChip").query().requestFocus();
        });
        for (int i = 0; i < 8 && scene.getFocusOwner() != table(robot); i++) {
            robot.type(KeyCode.TAB);
        }
        assertEquals(table(robot), scene.getFocusOwner(), "Tab reaches the table");
        assertEquals(0, table(robot).getSelectionModel().getSelectedIndex(), "the first row shows where the focus is");
        assertEquals(table(robot).getItems().get(0), vm.selectedRowProperty().get());
    }

    @Test
    void ctrlLAndCtrlShiftOLinkOrStartTheOAuthBootstrapForTheSelectedProjectAndNothingWithoutOne(FxRobot robot)
            throws Exception {
        waitLoaded();
        robot.clickOn(table(robot));
        robot.interact(() -> table(robot).getSelectionModel().clearSelection());
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O).release(KeyCode.O, KeyCode.SHIFT, KeyCode.CONTROL);
        assertEquals(List.of(), actions.calls, "no project selected: the shortcut does nothing");
        robot.interact(() -> table(robot).getSelectionModel().select(vm.row(105)));
        robot.press(KeyCode.CONTROL, KeyCode.L).release(KeyCode.L, KeyCode.CONTROL);
        robot.press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.O).release(KeyCode.O, KeyCode.SHIFT, KeyCode.CONTROL);
        assertEquals(List.of("link 105", "oauth 105"), actions.calls);
    }

    @Test
    void detailButtonsCallTheFeatureCommandsForTheSelectedProject(FxRobot robot) throws Exception {
        waitLoaded();
        assertTrue(robot.lookup("#linkButton").tryQuery().map(Node::isDisabled).orElse(true), "nothing selected");
        robot.interact(() -> vm.selectedRowProperty().set(vm.row(105)));
        assertFalse(robot.lookup("#linkButton").query().isDisabled());
        robot.clickOn("#linkButton");
        robot.clickOn("#oauthButton");
        assertEquals(List.of("link 105", "oauth 105"), actions.calls);
    }

    @Test
    void toolbarCommandsAndShortcutsReachTheirFeatures(FxRobot robot) throws Exception {
        waitLoaded();
        javafx.scene.control.Button bulk = robot.lookup("#bulkLinkButton").queryButton();
        // A loaded list is enough: the dialog also offers every project in the filter and every one not connected.
        assertFalse(bulk.isDisabled());
        assertEquals("Link projects…", bulk.getText());
        robot.interact(() -> {
            TableView<ProjectRowViewModel> t = table(robot);
            t.getSelectionModel().clearSelection();
            t.getSelectionModel().select(vm.row(101));
            t.getSelectionModel().select(vm.row(102));
        });
        assertEquals("Link 2 projects…", bulk.getText());
        robot.clickOn(bulk);
        robot.clickOn("#auditButton");
        robot.clickOn(table(robot)).press(KeyCode.CONTROL, KeyCode.SHIFT, KeyCode.A).release(KeyCode.A, KeyCode.SHIFT,
                KeyCode.CONTROL);
        assertEquals(List.of("linkProjects [101, 102]", "openAudit", "openAudit"), actions.calls);
    }

    @Test
    void columnLayoutIsCapturedAndRestored(FxRobot robot) throws Exception {
        waitLoaded();
        UiPreferences prefs = new UiPreferences();
        robot.interact(() -> {
            TableView<ProjectRowViewModel> t = table(robot);
            t.getColumns().stream().filter(c -> "accountColumn".equals(c.getId())).findFirst().orElseThrow().setVisible(false);
            t.getColumns().get(0).setPrefWidth(333);
            t.getColumns().add(t.getColumns().remove(1)); // GitHub column last
            view.captureLayout(prefs);
            t.getColumns().get(t.getColumns().size() - 1).setVisible(true);
        });
        robot.interact(() -> view.restoreLayout(prefs));
        TableView<ProjectRowViewModel> t = table(robot);
        assertEquals("statusColumn", t.getColumns().get(t.getColumns().size() - 1).getId());
        assertFalse(t.getColumns().stream().filter(c -> "accountColumn".equals(c.getId())).findFirst().orElseThrow().isVisible());
        assertEquals(333, t.getColumns().get(0).getPrefWidth(), 1);
        assertEquals(1, prefs.dividers.get(MainWindowView.SPLIT_ID).length);
    }

    @Test
    void rejectedKeyShowsTheBannerWithItsAction(FxRobot robot) throws Exception {
        waitLoaded();
        assertFalse(robot.lookup("#problemBanner").query().isVisible());
        fake.failEverything(new ServiceException(ServiceException.Kind.AUTH, "invalid key"));
        robot.interact(vm::refresh);
        waitFor(() -> robot.lookup("#problemBanner").query().isVisible());
        assertTrue(robot.lookup("#problemTitle").queryAs(Label.class).getText().contains("rejected the API key"));
        robot.clickOn("#newKeyButton");
        assertEquals(List.of("askForNewKey"), actions.calls);
        assertEquals(10, table(robot).getItems().size(), "the table stays");
    }

    @Test
    void missingScopeBannerNamesTheScope(FxRobot robot) throws Exception {
        waitLoaded();
        fake.failEverything(ServiceException.missingScope("integration:read"));
        robot.interact(vm::refresh);
        waitFor(() -> robot.lookup("#problemBanner").query().isVisible());
        assertTrue(robot.lookup("#problemTitle").queryAs(Label.class).getText().contains("integration:read"));
    }

    @Test
    void everyColumnSorts(FxRobot robot) throws Exception {
        waitLoaded();
        TableView<ProjectRowViewModel> t = table(robot);
        for (TableColumn<ProjectRowViewModel, ?> col : List.copyOf(t.getColumns())) {
            robot.interact(() -> t.getSortOrder().setAll(List.of(col)));
            assertEquals(10, t.getItems().size());
            assertSortedBy(col, t);
            robot.interact(() -> col.setSortType(TableColumn.SortType.DESCENDING));
            assertSortedBy(col, t);
            robot.interact(() -> col.setSortType(TableColumn.SortType.ASCENDING));
        }
        robot.interact(() -> t.getSortOrder().setAll(List.of(t.getColumns().get(0))));
        assertEquals("API", t.getItems().get(0).name());
        robot.interact(() -> t.getSortOrder().setAll(
                List.of(t.getColumns().stream().filter(c -> "sharedColumn".equals(c.getId())).findFirst().orElseThrow())));
        robot.interact(() -> t.getSortOrder().get(0).setSortType(TableColumn.SortType.DESCENDING));
        assertEquals(2, t.getItems().get(0).sharedWith());
        robot.clickOn("Installation");
        assertEquals("12345678", t.getItems().get(0).installationId());
    }

    @Test
    void welcomeBannerShowsWhileTheConnectionsCommandSaysSoAndDismissTellsIt(FxRobot robot) throws Exception {
        waitLoaded();
        assertTrue(robot.lookup("#welcomeBanner").tryQuery().isEmpty());
        assertFalse(robot.lookup("#welcomeBannerSlot").query().isVisible());
        robot.interact(() -> actions.welcome.set(true));
        assertTrue(robot.lookup("#welcomeBannerSlot").query().isVisible());
        robot.clickOn("#welcomeDismissButton");
        assertEquals(List.of("dismissWelcome"), actions.calls);
        assertFalse(robot.lookup("#welcomeBannerSlot").query().isVisible());
        robot.interact(() -> actions.welcome.set(true));
        robot.clickOn("#welcomeConnectButton");
        assertEquals(List.of("dismissWelcome", "connectNew"), actions.calls);
    }

    @Test
    void notificationsAppearInTheWindow(FxRobot robot) throws Exception {
        waitLoaded();
        AtomicReference<Toasts> ref = new AtomicReference<>();
        robot.interact(() -> {
            Toasts t = new Toasts(view.overlay(), Duration.minutes(1));
            FxDialogService dialogs = new FxDialogService(() -> scene.getWindow());
            dialogs.setToasts(t);
            dialogs.notify("Linked the existing GitHub installation to Mobile.", DialogService.Notice.SUCCESS);
            ref.set(t);
        });
        assertEquals(List.of("Linked the existing GitHub installation to Mobile."), ref.get().visibleMessages());
        assertTrue(robot.lookup("Linked the existing GitHub installation to Mobile.").tryQuery().isPresent());
    }

    @Test
    void disconnectedWindowSaysThereIsNoConnectionYet(FxRobot robot) throws Exception {
        waitLoaded();
        robot.interact(() -> vm.disconnect());
        assertEquals("No connection yet", view.placeholderText());
        assertTrue(robot.lookup("#searchField").query().isDisabled());
        assertTrue(robot.lookup("#organizationPicker").query().isDisabled());
    }

    @Test
    void theEmptyWindowOffersToConnectOrToOpenTheSandbox(FxRobot robot) throws Exception {
        waitLoaded();
        assertFalse(robot.lookup("#placeholderConnectButton").tryQuery().map(n -> n.getParent().isVisible())
                .orElse(false), "no next steps while connected");
        robot.interact(() -> vm.disconnect());
        robot.clickOn("#placeholderConnectButton");
        robot.clickOn("#placeholderSandboxButton");
        assertEquals(List.of("connectNew", "openSandbox"), actions.calls);
    }

    private static <T> void assertSortedBy(TableColumn<ProjectRowViewModel, T> col, TableView<ProjectRowViewModel> t) {
        java.util.Comparator<T> cmp = col.getComparator();
        int sign = col.getSortType() == TableColumn.SortType.ASCENDING ? 1 : -1;
        for (int i = 0; i + 1 < t.getItems().size(); i++) {
            assertTrue(sign * cmp.compare(col.getCellData(i), col.getCellData(i + 1)) <= 0,
                    col.getId() + " " + col.getSortType() + " out of order at row " + i);
        }
    }

    private static boolean isInside(Node n, Node parent) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (p == parent) {
                return true;
            }
        }
        return false;
    }
}
