package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.inventory.RowState;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * What the detail pane shows once the selected project's content changes shape, in the 1024x700 window where it
 * scrolls: after an unlink, the Link button and the project's new state, with the focus on that button rather
 * than on a control further down; another project from its top; and a change while the user works further down
 * leaves the focused control where it is.
 */
@ExtendWith(ApplicationExtension.class)
class DetailAfterChangeFxTest extends LinkWindowTestBase {

    private static final long WEB = 101;
    private static final long MOBILE = 102;
    private static final long API = 103;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private void open(FxRobot robot) throws Exception {
        open(robot, Setup.defaults().withSize(1024, 700));
        // The stage TestFX shares keeps the size an earlier test gave it, whatever the new scene asks for.
        robot.interact(() -> {
            stage.setWidth(1024);
            stage.setHeight(700);
        });
        waitFor(() -> !vm.busyProperty().get() && vm.rows().size() == 24
                && vm.rows().stream().allMatch(ProjectRowViewModel::linksKnown));
    }

    private void select(FxRobot robot, long id) throws Exception {
        robot.interact(() -> {
            TableView<ProjectRowViewModel> t = robot.lookup("#projectsTable").queryTableView();
            t.getSelectionModel().clearSelection();
            t.getSelectionModel().select(vm.row(id));
        });
        waitFor(() -> vm.detail().projectProperty().get() == vm.row(id) && vm.row(id).linksKnown()
                && !vm.detail().installationsLoadingProperty().get() && !vm.detail().reposLoadingProperty().get());
    }

    private ScrollPane scroll(FxRobot robot) {
        return robot.lookup("#detailScroll").query();
    }

    /** The part of the scene the detail pane's viewport shows. */
    private Bounds viewport(FxRobot robot) {
        Node v = scroll(robot).lookup(".viewport");
        return v.localToScene(v.getLayoutBounds());
    }

    private boolean fullyShown(FxRobot robot, Node n) {
        Bounds b = n.localToScene(n.getLayoutBounds());
        Bounds v = viewport(robot);
        return b.getMinY() >= v.getMinY() - 0.5 && b.getMaxY() <= v.getMaxY() + 0.5;
    }

    /** Waits up to 5 s for the condition; the assertions after it say what did not happen. */
    private static void eventually(java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            waitFor(5, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        }
    }

    private Node node(FxRobot robot, String query) {
        return robot.lookup(query).query();
    }

    @Test
    void atItsNarrowestTheInstallationsTableShowsItsUsedByColumnInsideThePane(FxRobot robot) throws Exception {
        open(robot);
        select(robot, WEB);
        waitFor(() -> !vm.detail().visibleInstallations().isEmpty());
        org.testfx.util.WaitForAsyncUtils.waitForFxEvents();
        TableView<?> table = robot.lookup("#installationsTable").queryTableView();
        Bounds v = viewport(robot);
        Bounds t = table.localToScene(table.getLayoutBounds());
        assertTrue(t.getMaxX() <= v.getMaxX() + 0.5, "the installations table runs under the pane's edge: "
                + t + " in " + v);
        // Every header, "Used by" last, ends inside the pane, and the column is wide enough for a project's name.
        for (Node h : robot.from(table).lookup(".column-header").queryAll()) {
            Bounds hb = h.localToScene(h.getLayoutBounds());
            assertTrue(hb.getMaxX() <= v.getMaxX() + 0.5, h + " ends at " + hb.getMaxX() + ", past " + v.getMaxX());
        }
        javafx.scene.control.TableColumn<?, ?> usedBy = table.getColumns().get(table.getColumns().size() - 1);
        assertTrue("Used by".equals(usedBy.getText()) && usedBy.getWidth() >= 95, "Used by is " + usedBy.getWidth());
        // The repositories table above it, Last push last, ends inside the pane too.
        TableView<?> repos = robot.lookup("#reposTable").queryTableView();
        for (Node h : robot.from(repos).lookup(".column-header").queryAll()) {
            Bounds hb = h.localToScene(h.getLayoutBounds());
            assertTrue(hb.getMaxX() <= v.getMaxX() + 0.5, h + " ends at " + hb.getMaxX() + ", past " + v.getMaxX());
        }
        // The installations' accounts and ids read whole: two rows cut to "acme-l…" and "10000…" tell nothing apart.
        java.util.List<String> cut = new java.util.ArrayList<>();
        for (Node n : table.lookupAll(".table-cell")) {
            if (n instanceof javafx.scene.control.TableCell<?, ?> c && c.getTableColumn() != null && c.getText() != null
                    && java.util.Set.of("Account", "Id").contains(c.getTableColumn().getText())) {
                String shown = dev.hoglink.support.Truncation.displayed(c);
                if (shown != null && !shown.equals(c.getText())) {
                    cut.add(c.getText() + " shown as " + shown);
                }
            }
        }
        assertTrue(cut.isEmpty(), "cut at 1024 px: " + cut);
        // And no header is cut to an ellipsis ("Install…").
        for (TableView<?> tv : java.util.List.of(table, repos)) {
            for (Node h : robot.from(tv).lookup(".column-header .label").queryAll()) {
                javafx.scene.control.Labeled l = (javafx.scene.control.Labeled) h;
                javafx.scene.text.Text text = (javafx.scene.text.Text) l.lookup(".text");
                assertTrue(text == null || text.getText().equals(l.getText()), "a header reads " + text.getText());
            }
        }
    }

    @Test
    void afterAnUnlinkTheLinkButtonAndTheNewStateAreInViewWithTheFocusOnTheButton(FxRobot robot) throws Exception {
        open(robot);
        select(robot, MOBILE);
        waitFor(() -> vm.detail().selectedLinkProperty().get() != null);
        assertTrue(node(robot, "#detailPane").getLayoutBounds().getHeight() > viewport(robot).getHeight(),
                "at 1024x700 the detail scrolls");
        robot.clickOn("#unlinkButton");
        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").query();
        robot.clickOn(robot.from(pane).lookup((Node n) -> n instanceof Button b && "Unlink".equals(b.getText()))
                .queryButton());
        waitFor(() -> vm.row(MOBILE).state() == RowState.NOT_CONNECTED && vm.detail().links().isEmpty());
        eventually(() -> fullyShown(robot, node(robot, "#linkButton")));

        Node link = node(robot, "#linkButton");
        assertTrue(fullyShown(robot, link), "the Link button is in view");
        assertTrue(fullyShown(robot, node(robot, "#linksBox")), "the project's new state (not connected) is in view");
        assertTrue(fullyShown(robot, node(robot, "#detailTitle")), "the pane is back at its top, which shows both");
        assertSame(link, stage.getScene().getFocusOwner(), "the focus (" + stage.getScene().getFocusOwner() + ") left the disabled Unlink for the Link button beside it, not a control further down");
    }

    @Test
    void anotherProjectIsShownFromItsTop(FxRobot robot) throws Exception {
        open(robot);
        select(robot, WEB);
        robot.interact(() -> scroll(robot).setVvalue(scroll(robot).getVmax()));
        waitFor(() -> !fullyShown(robot, node(robot, "#linkButton")));
        select(robot, API);
        eventually(() -> fullyShown(robot, node(robot, "#detailTitle")));
        assertTrue(fullyShown(robot, node(robot, "#detailTitle")), "API is shown from its title");
        assertTrue(fullyShown(robot, node(robot, "#linkButton")), "API's actions are in view");
        assertTrue(fullyShown(robot, node(robot, "#linksBox")), "and its GitHub integration");
    }

    @Test
    void aChangeWhileTheUserWorksFurtherDownLeavesTheFocusedControlInView(FxRobot robot) throws Exception {
        open(robot);
        select(robot, MOBILE);
        Node filter = node(robot, "#installationFilterField");
        robot.interact(filter::requestFocus); // as Tab does: the pane scrolls down to it
        waitFor(() -> filter.isFocused() && fullyShown(robot, filter));
        double before = scroll(robot).getVvalue();
        assertTrue(before > 0, "the pane scrolled down to the filter");
        PostHogClient other = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .build();
        other.deleteIntegration(MOBILE, other.githubIntegrations(MOBILE).get(0).id()); // someone else unlinks
        robot.type(KeyCode.F5);
        waitFor(() -> vm.row(MOBILE).state() == RowState.NOT_CONNECTED && vm.detail().links().isEmpty());
        waitFor(() -> !vm.busyProperty().get());
        assertTrue(filter.isFocused(), "the focus stays in the filter");
        assertTrue(fullyShown(robot, filter), "which stays in view");
        // Mobile has no GitHub now, so its repositories section is gone and the filter fits in the pane's top: the
        // pane may go back there, as long as the focused filter stays in view (checked above).
    }
}
