package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.sandbox.FaultSpec;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.service.session.Session;
import dev.hoglink.ui.common.FxDialogService;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.inventory.RowState;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The link feature end to end: the real inventory view and the link dialogs over a real sandbox, its owner
 * key and the HTTP client. Requests are counted on the sandbox's side (its activity log's link_started rows).
 */
@ExtendWith(ApplicationExtension.class)
class LinkFeatureFxTest extends LinkWindowTestBase {

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private Session sessionOf() {
        return session;
    }

    /** The projects whose GitHub links the window read, in order. */
    final List<Long> linksRead = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private void open(FxRobot robot, SandboxOptions options) throws Exception {
        open(robot, Setup.defaults()
                .withSandbox(options).withBulkAndUndo()
                .withInventory(inventory -> new dev.hoglink.service.inventory.ForwardingInventoryService(inventory) {
                    @Override
                    public List<dev.hoglink.model.GitHubLink> githubLinks(long projectId) {
                        linksRead.add(projectId);
                        return super.githubLinks(projectId);
                    }
                }));
        waitFor(() -> !vm.busyProperty().get() && vm.rows().size() == 24
                && "Acme Analytics".equals(vm.selectedOrganizationProperty().get().name()));
    }

    private void open(FxRobot robot) throws Exception {
        open(robot, SandboxOptions.defaults());
    }

    private void select(FxRobot robot, long... ids) throws Exception {
        robot.interact(() -> {
            TableView<ProjectRowViewModel> t = robot.lookup("#projectsTable").queryTableView();
            t.getSelectionModel().clearSelection();
            for (long id : ids) {
                t.getSelectionModel().select(vm.row(id));
            }
        });
        waitFor(() -> !vm.detail().installationsLoadingProperty().get() && !vm.detail().reposLoadingProperty().get());
    }

    private Parent dialog() throws Exception {
        waitFor(() -> feature.openDialog() != null && feature.openDialog().isShowing());
        return feature.openDialog().getScene().getRoot();
    }

    private <T extends Node> T in(FxRobot robot, Parent root, String query) {
        return robot.from(root).lookup(query).query();
    }

    /** Opens the link dialog of the selected project, picks the installation and goes to the confirmation. */
    private Parent pickAndConfirm(FxRobot robot, String installationId) throws Exception {
        robot.clickOn("#linkButton");
        Parent root = dialog();
        TableView<OptionRow> options = in(robot, root, "#optionsTable");
        waitFor(() -> !options.getItems().isEmpty());
        TableCell<?, ?> cell = robot.from(options).lookup((Node n) -> n instanceof TableCell<?, ?> c
                && installationId.equals(c.getText())).query();
        robot.clickOn((Node) cell);
        robot.clickOn((Node) in(robot, root, "#primaryButton"));
        waitFor(() -> in(robot, root, "#confirmBox").isVisible());
        return root;
    }

    private int linkStarted(long projectId) {
        int n = 0;
        for (ActivityLogEntryDto e : client.integrationActivity(projectId, 5)) {
            if (e.detail() != null && e.detail().trigger() != null
                    && "link_started".equals(e.detail().trigger().path("payload").path("event").asText())) {
                n++;
            }
        }
        return n;
    }

    private List<JournalEntry> journalOf(long projectId) throws IOException {
        return journal.readAll().entries().stream().filter(e -> e.projectId() != null && e.projectId() == projectId).toList();
    }

    private String names(long... ids) {
        List<String> n = new ArrayList<>();
        for (long id : ids) {
            n.add(vm.row(id).name());
        }
        return OptionRow.joinNames(n);
    }

    // ---- link one -----------------------------------------------------------------------------------------

    @Test
    void linkingOneProjectConfirmsExactlyWhatHappensAndUpdatesItsRowInPlace(FxRobot robot) throws Exception {
        open(robot);
        select(robot, 108);
        Parent root = pickAndConfirm(robot, "10000001");
        Label sentence = in(robot, root, "#confirmationLabel");
        assertEquals(vm.row(108).name() + " (id 108) will use the GitHub App installation on acme (id 10000001), "
                + "already used by " + names(101, 102, 103) + ".", sentence.getText());
        ProjectRowViewModel before = vm.row(108);
        linksRead.clear();
        robot.clickOn((Node) in(robot, root, "#primaryButton"));
        waitFor(() -> feature.openDialog() == null && vm.row(108).state() == RowState.CONNECTED);
        assertEquals(List.of(108L), List.copyOf(linksRead),
                "only the linked project is read again: 101-103 share the installation already, their flags stay");
        assertEquals(before, vm.row(108), "the same row object is updated in place");
        assertEquals("10000001", vm.row(108).installationId());
        List<JournalEntry> lines = journalOf(108);
        assertEquals(1, lines.size());
        assertEquals(JournalEntry.Outcome.OK, lines.get(0).outcome());
        assertEquals("10000001", lines.get(0).installationId());
        assertTrue(toasts.visibleMessages().stream().anyMatch(m -> m.startsWith(vm.row(108).name() + " now uses")),
                toasts.visibleMessages().toString());
        assertEquals(1, linkStarted(108));
    }

    @Test
    void aDoubleClickOnLinkSendsExactlyOneRequest(FxRobot robot) throws Exception {
        open(robot);
        select(robot, 109);
        Parent root = pickAndConfirm(robot, "10000001");
        sandbox.knobs().setLatencyMs(400);
        robot.doubleClickOn((Node) in(robot, root, "#primaryButton"));
        waitFor(() -> vm.row(109).state() == RowState.CONNECTED && feature.openDialog() == null);
        sandbox.knobs().setLatencyMs(0);
        assertEquals(1, linkStarted(109));
        assertEquals(1, journalOf(109).size());
    }

    @Test
    void enterPressedTwiceSendsExactlyOneRequest(FxRobot robot) throws Exception {
        open(robot);
        select(robot, 110);
        Parent root = pickAndConfirm(robot, "10000001");
        Button link = in(robot, root, "#primaryButton");
        assertTrue(link.isDefaultButton());
        sandbox.knobs().setLatencyMs(400);
        robot.type(KeyCode.ENTER, 2);
        waitFor(() -> vm.row(110).state() == RowState.CONNECTED && feature.openDialog() == null);
        sandbox.knobs().setLatencyMs(0);
        assertEquals(1, linkStarted(110));
    }

    @Test
    void aDoubleClickOnManageOnGitHubPreparesOnceAndOpensOnePage(FxRobot robot) throws Exception {
        open(robot);
        select(robot, 101);
        Button manage = robot.lookup("#manageButton").queryButton();
        waitFor(() -> !manage.isDisabled());
        sandbox.knobs().setLatencyMs(400);
        robot.doubleClickOn(manage);
        waitFor(() -> !opened.isEmpty());
        robot.sleep(900); // a second preparation would answer within this (the sandbox answers in 400 ms)
        sandbox.knobs().setLatencyMs(0);
        assertEquals(1, opened.size(), "pages opened: " + opened);
    }

    // ---- bulk ---------------------------------------------------------------------------------------------

    @Test
    void bulkLinkIsPlannedThenAppliedExactlyAsPlannedAndStopsForGitHubThenResumes(FxRobot robot) throws Exception {
        open(robot);
        select(robot, 101, 111, 112, 113, 114);
        Button bulk = robot.lookup("#bulkLinkButton").queryButton();
        assertEquals("Link 5 projects…", bulk.getText());
        robot.clickOn(bulk);
        Parent root = dialog();
        ComboBox<OptionRow> picker = in(robot, root, "#installationPicker");
        assertTrue(picker instanceof org.controlsfx.control.SearchableComboBox, "the picker is searchable");
        waitFor(() -> !picker.getItems().isEmpty());
        robot.interact(() -> picker.getItems().stream().filter(o -> o.option().installationId().equals("10000001"))
                .findFirst().ifPresent(picker::setValue));
        TableView<PlanItem> items = in(robot, root, "#itemsTable");
        Label counts = in(robot, root, "#countsLabel");
        waitFor(() -> items.getItems().size() == 5);
        // The tick column, the counts and Apply say the same verb: a new admin links projects, not "sends" them.
        assertEquals("Link", items.getColumns().stream().filter(c -> "applyColumn".equals(c.getId())).findFirst()
                .orElseThrow().getText());
        assertEquals("Will link: 4 · Already linked: 1", counts.getText());
        assertEquals(dev.hoglink.service.link.PlanOutcome.ALREADY_LINKED, items.getItems().get(0).predicted());
        assertFalse(items.getItems().get(0).apply(), "an already linked project is not sent");
        // Untick 114: the plan now sends three, and apply sends exactly those.
        robot.interact(() -> items.getItems().get(4).applyProperty().set(false));
        assertEquals("Will link: 4 · Already linked: 1  —  3 to link (1 unticked)", counts.getText());
        Button apply = in(robot, root, "#applyButton");
        assertEquals("Apply: link 3 projects", apply.getText().replace("_", ""));
        robot.interact(() -> {
            // GitHub rate-limits PostHog right after the first project is linked; the rest wait for Resume.
            items.getItems().get(1).outcomeProperty().addListener((o, x, y) -> {
                if (y == dev.hoglink.service.link.ApplyOutcome.LINKED) {
                    sandbox.knobs().setGitHubRateLimitSeconds(30);
                }
            });
        });
        Label progress = in(robot, root, "#progressLabel");
        List<String> progressSeen = java.util.Collections.synchronizedList(new ArrayList<>());
        robot.interact(() -> progress.textProperty().addListener((o, x, y) -> progressSeen.add(y)));
        robot.clickOn(apply);
        Button resume = in(robot, root, "#resumeButton");
        waitFor(resume::isVisible);
        assertTrue(progressSeen.contains("Linking 1 of 3: " + vm.row(111).name() + " (id 111)"), progressSeen.toString());
        assertTrue(progressSeen.contains("Linking 2 of 3: " + vm.row(112).name() + " (id 112)"), progressSeen.toString());
        assertEquals(dev.hoglink.service.link.ApplyOutcome.ERROR, items.getItems().get(2).outcome());
        assertEquals(dev.hoglink.service.link.ApplyOutcome.NOT_SENT, items.getItems().get(3).outcome());
        // Web (101) was in the plan as already linked, and the result says so (as hoglink link does).
        assertEquals("Linked: 1 · Already linked: 1 · Failed: 1 · Not sent: 1 · Not in the plan: 1",
                counts.getText());
        assertTrue(journalOf(113).isEmpty(), "nothing was sent for the project held back");
        assertTrue(journalOf(114).isEmpty(), "nothing was sent for the unticked project");
        sandbox.knobs().setGitHubRateLimitSeconds(0);
        // The rate-limited one linked nothing (429, asked to wait): Resume checks it again and sends it with the
        // held one.
        assertEquals("Resume 2 not linked", resume.getText().replace("_", ""));
        robot.clickOn(resume);
        waitFor(() -> items.getItems().get(3).outcome() == dev.hoglink.service.link.ApplyOutcome.LINKED);
        waitFor(() -> items.getItems().get(2).outcome() == dev.hoglink.service.link.ApplyOutcome.LINKED);
        waitFor(() -> vm.row(113).state() == RowState.CONNECTED);
        waitFor(() -> vm.row(112).state() == RowState.CONNECTED);
        assertEquals(RowState.NOT_CONNECTED, vm.row(114).state());
        assertEquals(1, linkStarted(111));
        // Stop sits at the left edge, Close at the right edge: never in the same place.
        Button stop = in(robot, root, "#stopButton");
        Button close = in(robot, root, "#closeButton");
        javafx.scene.layout.HBox bar = (javafx.scene.layout.HBox) close.getParent();
        assertEquals(stop, bar.getChildren().get(0));
        assertEquals(close, bar.getChildren().get(bar.getChildren().size() - 1));
    }

    /** Opens the bulk link of these projects and picks the installation; returns the dialog once the plan lists them. */
    private Parent bulkPlan(FxRobot robot, String installationId, long... ids) throws Exception {
        open(robot);
        select(robot, ids);
        robot.clickOn("#bulkLinkButton");
        Parent root = dialog();
        ComboBox<OptionRow> picker = in(robot, root, "#installationPicker");
        waitFor(() -> !picker.getItems().isEmpty());
        robot.interact(() -> picker.getItems().stream().filter(o -> o.option().installationId().equals(installationId))
                .findFirst().ifPresent(picker::setValue));
        TableView<PlanItem> items = in(robot, root, "#itemsTable");
        waitFor(() -> items.getItems().size() == ids.length);
        return root;
    }

    /** The plan's tick boxes from the keyboard: Space on the selected project, as a click on its box. */
    @Test
    void spaceTicksAndUnticksTheSelectedProjectOfABulkPlan(FxRobot robot) throws Exception {
        Parent root = bulkPlan(robot, "10000001", 101, 111, 112);
        TableView<PlanItem> items = in(robot, root, "#itemsTable");
        PlanItem web = items.getItems().get(0);
        PlanItem last = items.getItems().get(2);
        assertFalse(web.tickable(), "Web is already linked: nothing to tick");
        assertTrue(last.apply());
        robot.interact(items::requestFocus);
        robot.type(KeyCode.HOME);
        robot.type(KeyCode.SPACE);
        assertFalse(web.apply(), "an already linked project stays out of the plan");
        robot.type(KeyCode.END).type(KeyCode.SPACE);
        assertEquals(last, items.getSelectionModel().getSelectedItem());
        assertFalse(last.apply(), "Space unticks the selected project");
        assertEquals("Apply: link 1 project", ((Button) in(robot, root, "#applyButton")).getText().replace("_", ""));
        robot.type(KeyCode.SPACE);
        assertTrue(last.apply(), "and ticks it again");
        robot.clickOn((Node) in(robot, root, "#closeButton"));
    }

    /**
     * A project's name wraps in a narrow Project column, as the other columns' words do, and is never cut with an
     * ellipsis: the row being sent is bold, and at 1024 px "Admin Console (id 1…" hid which project it was.
     */
    @Test
    void aProjectsNameWrapsInTheBulkPlanAndIsNeverCut(FxRobot robot) throws Exception {
        Parent root = bulkPlan(robot, "10000001", 114, 115);
        TableView<PlanItem> items = in(robot, root, "#itemsTable");
        robot.interact(() -> items.getColumns().get(1).setMaxWidth(90));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cut = new java.util.ArrayList<>();
        robot.interact(() -> cut.addAll(dev.hoglink.support.Truncation.truncatedLabels(items)));
        assertEquals(List.of(), cut);
        List<String> shown = new java.util.ArrayList<>();
        robot.interact(() -> items.lookupAll(".plan-text").forEach(n -> shown.add(((javafx.scene.text.Text) n).getText())));
        assertTrue(shown.contains("Admin Console (id 114)"), shown.toString());
    }

    @Test
    void aRunCutShortIsOfferedAtTheNextStartAndResumesOnlyWhatIsLeft(FxRobot robot) throws Exception {
        Parent root = bulkPlan(robot, "10000001", 115, 116, 117);
        TableView<PlanItem> items = in(robot, root, "#itemsTable");
        robot.interact(() -> items.getItems().get(0).runningProperty().addListener((o, x, y) -> {
            if (y) {
                ((Button) in(robot, root, "#stopButton")).fire();
            }
        }));
        robot.clickOn((Node) in(robot, root, "#applyButton"));
        waitFor(() -> ((Button) in(robot, root, "#closeButton")).getText().equals("Close"));
        robot.clickOn((Node) in(robot, root, "#closeButton"));
        // The next start: new commands over the same data folder ask about the plan left unfinished.
        LinkCommands[] next = new LinkCommands[1];
        robot.interact(() -> {
            FxDialogService dialogs = new FxDialogService(() -> stage);
            next[0] = new LinkCommands(runner, dialogs, vm, new ReadOnlyObjectWrapper<>(sessionOf()), opened::add, Clock.systemUTC(), row -> { });
            next[0].offerResume();
        });
        DialogPane ask = alert(robot);
        assertEquals("2 of 3 not done: resume?", ((Stage) ask.getScene().getWindow()).getTitle());
        robot.clickOn(button(robot, ask, "Resume…"));
        waitFor(() -> next[0].openDialog() != null && next[0].openDialog().isShowing());
        Parent resumed = next[0].openDialog().getScene().getRoot();
        Button apply = robot.from(resumed).lookup("#applyButton").queryButton();
        assertEquals("Resume 2 projects", apply.getText().replace("_", ""));
        robot.clickOn(apply);
        TableView<PlanItem> rows = robot.from(resumed).lookup("#itemsTable").query();
        waitFor(() -> rows.getItems().stream().allMatch(i -> i.outcome() == dev.hoglink.service.link.ApplyOutcome.LINKED));
        assertEquals(1, linkStarted(115), "the project done before is not sent again");
        assertEquals(1, linkStarted(117));
    }

    /**
     * Escape while sending stops the run after the project being sent, as Stop does, says so while that request
     * ends, and leaves the window open on the result; on the result, Escape closes it.
     */
    @Test
    void escapeWhileSendingStopsAfterTheCurrentProjectAsStopDoesAndSaysSo(FxRobot robot) throws Exception {
        Parent root = bulkPlan(robot, "10000001", 111, 112, 113);
        Stage window = feature.openDialog();
        TableView<PlanItem> items = in(robot, root, "#itemsTable");
        // The first project's link is held at PostHog until Escape has been pressed.
        java.util.concurrent.CountDownLatch pressed = new java.util.concurrent.CountDownLatch(1);
        sandbox.onceBefore("POST", "/api/projects/111/integrations/github/link_existing/?", () -> {
            try {
                pressed.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        robot.clickOn((Node) in(robot, root, "#applyButton"));
        waitFor(() -> items.getItems().get(0).runningProperty().get());
        Button stop = in(robot, root, "#stopButton");
        waitFor(stop::isFocused);
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        Label summary = in(robot, root, "#summaryLabel");
        waitFor(() -> summary.getText().startsWith("Stopping after "));
        assertEquals("Stopping after " + vm.row(111).name() + " (id 111), whose request is already sent: the projects "
                + "after it will not be sent. Resume can send them.", summary.getText());
        assertEquals("Stopping after this project…", stop.getText());
        assertTrue(stop.isDisabled());
        assertTrue(window.isShowing(), "Escape does not close the window while a request is out");
        pressed.countDown();
        Button close = in(robot, root, "#closeButton");
        waitFor(() -> close.getText().equals("Close"));
        assertEquals(List.of(dev.hoglink.service.link.ApplyOutcome.LINKED, dev.hoglink.service.link.ApplyOutcome.STOPPED,
                dev.hoglink.service.link.ApplyOutcome.STOPPED), items.getItems().stream().map(PlanItem::outcome).toList());
        assertEquals("Linked: 1 · Stopped before it was sent: 2", ((Label) in(robot, root, "#countsLabel")).getText());
        assertFalse(summary.getText().startsWith("Stopping"), summary.getText());
        assertEquals(0, linkStarted(112), "nothing was sent after Escape");
        assertEquals(0, linkStarted(113));
        // On the result, Escape closes the window.
        robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        waitFor(() -> !window.isShowing());
    }

    @Test
    void theDialogOffersAllNotConnectedAndAllInTheFilterAndStopEndsBetweenProjects(FxRobot robot) throws Exception {
        open(robot);
        select(robot, 111);
        robot.clickOn("#bulkLinkButton");
        Parent root = dialog();
        ComboBox<dev.hoglink.ui.link.MarkedProjects.Scope> scope = in(robot, root, "#scopePicker");
        ComboBox<OptionRow> picker = in(robot, root, "#installationPicker");
        waitFor(() -> !picker.getItems().isEmpty());
        long notConnected = vm.rows().stream().filter(r -> r.links().isEmpty()).count();
        robot.interact(() -> {
            scope.setValue(dev.hoglink.ui.link.MarkedProjects.Scope.NOT_CONNECTED);
            picker.getItems().stream().filter(o -> o.option().installationId().equals("10000002")).findFirst()
                    .ifPresent(picker::setValue);
        });
        TableView<PlanItem> items = in(robot, root, "#itemsTable");
        waitFor(() -> items.getItems().size() == notConnected);
        robot.interact(() -> scope.setValue(dev.hoglink.ui.link.MarkedProjects.Scope.IN_FILTER));
        waitFor(() -> items.getItems().size() == 24);
        robot.interact(() -> scope.setValue(dev.hoglink.ui.link.MarkedProjects.Scope.NOT_CONNECTED));
        waitFor(() -> items.getItems().size() == notConnected);
        // Stop as soon as the first project is being sent: that one ends, the rest are not sent.
        robot.interact(() -> items.getItems().get(0).runningProperty().addListener((o, x, y) -> {
            if (y) {
                ((Button) in(robot, root, "#stopButton")).fire();
            }
        }));
        robot.clickOn((Node) in(robot, root, "#applyButton"));
        waitFor(() -> ((Button) in(robot, root, "#closeButton")).getText().equals("Close"));
        assertEquals(dev.hoglink.service.link.ApplyOutcome.LINKED, items.getItems().get(0).outcome());
        assertTrue(items.getItems().stream().skip(1).allMatch(i -> i.outcome() == dev.hoglink.service.link.ApplyOutcome.STOPPED),
                items.getItems().stream().map(PlanItem::outcome).toList().toString());
        // The undo of that link is offered in the toolbar, and unlinks exactly it with the usual warning.
        Button undo = robot.lookup("#undoLinkButton").queryButton();
        waitFor(undo::isVisible);
        long first = items.getItems().get(0).projectId();
        assertEquals("Undo link", undo.getText());
        assertEquals("Undo link of " + vm.row(first).name(), undo.getAccessibleText());
        assertTrue(dev.hoglink.ui.common.HoverTip.textOf(undo).startsWith("Undo link of " + vm.row(first).name() + ":"),
                dev.hoglink.ui.common.HoverTip.textOf(undo));
        robot.clickOn((Node) in(robot, root, "#closeButton"));
        robot.clickOn(undo);
        DialogPane pane = alert(robot);
        assertTrue(pane.getContentText().contains(vm.row(first).name() + " (id " + first + ") stops using GitHub."),
                pane.getContentText());
        assertTrue(pane.getContentText().contains("The app stays installed on acme-labs (id 10000002), and Labs keeps working."),
                pane.getContentText());
        robot.clickOn(button(robot, pane, "Unlink"));
        waitFor(() -> vm.row(first).state() == RowState.NOT_CONNECTED);
        waitFor(() -> !undo.isVisible());
    }

    // ---- unlink -------------------------------------------------------------------------------------------

    private DialogPane alert(FxRobot robot) throws Exception {
        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        return robot.lookup(".dialog-pane").query();
    }

    @Test
    void unlinkingASharedInstallationWarnsThatTheAppStaysAndDisconnectsOnlyThisProject(FxRobot robot) throws Exception {
        open(robot);
        select(robot, 103);
        waitFor(() -> vm.detail().selectedLinkProperty().get() != null);
        robot.clickOn("#unlinkButton");
        DialogPane pane = alert(robot);
        assertTrue(pane.getContentText().contains("stops using GitHub; the app stays installed on acme (id 10000001)"),
                pane.getContentText());
        robot.clickOn("Unlink");
        waitFor(() -> vm.row(103).state() == RowState.NOT_CONNECTED);
        assertEquals(RowState.CONNECTED, vm.row(101).state());
        assertEquals(JournalEntry.Outcome.OK, journalOf(103).get(0).outcome());
        assertEquals(JournalEntry.Action.UNLINK, journalOf(103).get(0).action());
    }

    @Test
    void unlinkingTheLastReferenceNeedsTheAccountNameTypedAndUninstallsTheApp(FxRobot robot) throws Exception {
        open(robot);
        select(robot, 124);
        waitFor(() -> vm.detail().selectedLinkProperty().get() != null);
        robot.clickOn("#unlinkButton");
        DialogPane pane = alert(robot);
        Label text = (Label) ((Parent) pane.getContent()).getChildrenUnmodifiable().get(0);
        assertTrue(text.getText().contains("uninstalls the GitHub App from acme-secret (id 10000005) and disconnects "
                + "every project and personal account using it"), text.getText());
        Button ok = robot.from(pane).lookup("Uninstall and unlink").queryButton();
        assertTrue(ok.isDisabled());
        robot.clickOn("#confirmTextField").write("acme-secre");
        assertTrue(ok.isDisabled());
        robot.write("t");
        assertFalse(ok.isDisabled());
        robot.clickOn(ok);
        waitFor(() -> vm.row(124).state() == RowState.NOT_CONNECTED);
        assertEquals(JournalEntry.Outcome.OK, journalOf(124).get(0).outcome());
        assertTrue(toasts.visibleMessages().stream().anyMatch(m -> m.contains("uninstalled from acme-secret")),
                toasts.visibleMessages().toString());
    }

    private static Button button(FxRobot robot, DialogPane pane, String text) {
        return robot.from(pane).lookup((Node n) -> n instanceof Button b && text.equals(b.getText())).queryButton();
    }

    @Test
    void theUnlinkConfirmationIsDangerStyledNotTheDefaultAndEnterDoesNotUnlink(FxRobot robot) throws Exception {
        open(robot);
        select(robot, 103);
        waitFor(() -> vm.detail().selectedLinkProperty().get() != null);
        robot.clickOn("#unlinkButton");
        DialogPane pane = alert(robot);
        Button unlink = button(robot, pane, "Unlink");
        assertTrue(unlink.getStyleClass().contains(atlantafx.base.theme.Styles.DANGER), unlink.getStyleClass().toString());
        assertFalse(unlink.isDefaultButton(), "Unlink must not be the default button");
        assertTrue(button(robot, pane, "Cancel").isFocused(), "Cancel has the focus");
        javafx.stage.Window first = pane.getScene().getWindow();
        robot.type(KeyCode.ENTER);
        waitFor(() -> !first.isShowing());
        assertEquals(RowState.CONNECTED, vm.row(103).state(), "Enter on the focused Cancel cancels");
        assertTrue(journalOf(103).isEmpty(), "nothing was sent");

        robot.clickOn("#unlinkButton");
        DialogPane again = alert(robot);
        Button unlinkAgain = button(robot, again, "Unlink");
        robot.interact(unlinkAgain::requestFocus);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(again.getScene() != null && again.getScene().getWindow().isShowing(),
                "Enter on the focused Unlink button does nothing");
        assertEquals(RowState.CONNECTED, vm.row(103).state());
        assertTrue(journalOf(103).isEmpty(), "nothing was sent");
        robot.clickOn(button(robot, again, "Cancel"));
        assertEquals(RowState.CONNECTED, vm.row(103).state());
    }

    @Test
    void enterAfterTypingTheAccountNameDoesNotUninstall(FxRobot robot) throws Exception {
        open(robot);
        select(robot, 124);
        waitFor(() -> vm.detail().selectedLinkProperty().get() != null);
        robot.clickOn("#unlinkButton");
        DialogPane pane = alert(robot);
        Button ok = button(robot, pane, "Uninstall and unlink");
        assertTrue(ok.getStyleClass().contains(atlantafx.base.theme.Styles.DANGER), ok.getStyleClass().toString());
        assertFalse(ok.isDefaultButton());
        robot.clickOn("#confirmTextField").write("acme-secret");
        assertFalse(ok.isDisabled());
        robot.type(KeyCode.ENTER);
        robot.interact(ok::requestFocus);
        robot.type(KeyCode.ENTER);
        WaitForAsyncUtils.sleep(300, TimeUnit.MILLISECONDS);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(pane.getScene() != null && pane.getScene().getWindow().isShowing(),
                "Enter in the name field or on the button does nothing");
        assertEquals(RowState.CONNECTED, vm.row(124).state());
        assertTrue(journalOf(124).isEmpty(), "nothing was sent");
        robot.clickOn(ok);
        waitFor(() -> vm.row(124).state() == RowState.NOT_CONNECTED);
    }

    @Test
    void anUnlinkRefusedBecauseTheIntegrationIsInUseSaysWhatUsesIt(FxRobot robot) throws Exception {
        open(robot);
        select(robot, 104);
        waitFor(() -> vm.detail().selectedLinkProperty().get() != null);
        robot.clickOn("#unlinkButton");
        alert(robot);
        robot.clickOn("#confirmTextField").write("acme-labs");
        robot.clickOn("Uninstall and unlink");
        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().map(n -> ((DialogPane) n).getHeaderText())
                .filter(h -> h.contains("still in use")).isPresent());
        DialogPane error = robot.lookup(".dialog-pane").query();
        assertTrue(error.getContentText().contains("active workflows"), error.getContentText());
        robot.clickOn("OK");
        assertEquals(RowState.CONNECTED, vm.row(104).state());
        assertEquals(JournalEntry.Outcome.FAILED, journalOf(104).get(0).outcome());
    }

    // ---- a sandbox that goes away mid-request -------------------------------------------------------------

    @Test
    void whenTheServerDiesAfterTheLinkWasSentTheRealStateIsShownOnceItIsBack(FxRobot robot) throws Exception {
        Path state = dir.resolve("world.json");
        open(robot, SandboxOptions.defaults().withStateFile(state));
        int port = sandbox.port();
        select(robot, 114);
        Parent root = pickAndConfirm(robot, "10000001");
        // PostHog handles the link request, then its answer crawls: the server dies before it arrives. (The read
        // of the project just before it answers at once.)
        java.util.concurrent.atomic.AtomicLong servedBeforePost = new java.util.concurrent.atomic.AtomicLong(Long.MAX_VALUE);
        sandbox.onceBefore("POST", "/api/projects/114/integrations/github/link_existing/?", () -> {
            sandbox.knobs().setFaults(FaultSpec.parse("slow=1,slowms=30000"));
            servedBeforePost.set(sandbox.knobs().requestsServed());
        });
        robot.clickOn((Node) in(robot, root, "#primaryButton"));
        waitFor(() -> sandbox.knobs().requestsServed() > servedBeforePost.get());
        sandbox.stop();
        Button remedy = in(robot, root, "#remedyButton");
        waitFor(() -> remedy.isVisible() && "Check again".equals(remedy.getText()));
        Button link = in(robot, root, "#primaryButton");
        assertTrue(link.isDisabled(), "a request that may have landed is never resent blindly");
        assertEquals(List.of(JournalEntry.Outcome.UNKNOWN), journalOf(114).stream().map(JournalEntry::outcome).toList());

        sandbox = SandboxServer.start(SandboxOptions.defaults().withPort(port).withStateFile(state));
        robot.clickOn(remedy);
        waitFor(() -> feature.openDialog() == null && vm.row(114).state() == RowState.CONNECTED);
        assertEquals("10000001", vm.row(114).installationId());
        assertEquals(List.of(JournalEntry.Outcome.UNKNOWN, JournalEntry.Outcome.OK),
                journalOf(114).stream().map(JournalEntry::outcome).toList());
        assertEquals(1, linkStarted(114), "the POST was sent once");
        assertNotNull(opened);
    }
}
