package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Path;
import java.util.ArrayList;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * What the window says when someone else changed a project while a link or unlink dialog waited: a link made
 * meanwhile, a link whose source project lost the installation, an unlink whose row became the installation's
 * last reference, and an unlink whose row is gone. Each says that Hoglink sent nothing, in the tone of a change
 * Hoglink did not make. With -Dtruth.shots=DIR (and -Dtruth.theme, -Dtruth.size) it writes a PNG of every open
 * window at each step.
 */
@ExtendWith(ApplicationExtension.class)
class ChangesMadeMeanwhileFxTest extends LinkWindowTestBase {

    private static final long WEB = 101;
    private static final long CHECKOUT = 108;
    private static final long SEARCH = 109;
    private static final long BILLING = 110;
    private static final long SECRET_LAB = 124;
    private static final String SHOTS = System.getProperty("truth.shots");
    private static final String SIZE = System.getProperty("truth.size", "1024x700");

    /** Someone else: a second client of the same organization. */
    private PostHogClient other;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private void open(FxRobot robot) throws Exception {
        open(robot, "owner", 23);
    }

    private void open(FxRobot robot, String role, int rows) throws Exception {
        String[] wh = SIZE.split("x");
        open(robot, Setup.defaults().withKey(s -> s.key(role)).withBulkAndUndo()
                .withTheme("dark".equals(System.getProperty("truth.theme")) ? ThemeManager.Theme.DARK
                        : ThemeManager.Theme.LIGHT)
                .withSize(Integer.parseInt(wh[0]), Integer.parseInt(wh[1])));
        waitFor(() -> !vm.busyProperty().get() && vm.rows().size() >= rows);
        other = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner"))).build();
    }

    /** Every open window, one PNG each: the main window, the link dialog, an alert. */
    private void shot(FxRobot robot, String name) {
        if (SHOTS == null) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        String base = System.getProperty("truth.theme", "light") + "-" + SIZE + "-" + name;
        robot.interact(() -> {
            int i = 0;
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w.isShowing() && w.getScene() != null) {
                    try {
                        dev.hoglink.ui.common.Snapshots.writePng(w.getScene(),
                                Path.of(SHOTS, base + (w == stage ? "-main" : "-window" + (++i)) + ".png"));
                    } catch (java.io.IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            }
        });
    }

    private void select(FxRobot robot, long id) throws Exception {
        robot.interact(() -> {
            TableView<ProjectRowViewModel> t = robot.lookup("#projectsTable").queryTableView();
            t.getSelectionModel().clearSelection();
            t.getSelectionModel().select(vm.row(id));
            t.scrollTo(vm.row(id));
        });
        waitFor(() -> !vm.detail().installationsLoadingProperty().get() && !vm.detail().reposLoadingProperty().get());
    }

    private Parent confirmLink(FxRobot robot, long projectId, String installationId) throws Exception {
        select(robot, projectId);
        robot.clickOn("#linkButton");
        waitFor(() -> feature.openDialog() != null && feature.openDialog().isShowing());
        Parent root = feature.openDialog().getScene().getRoot();
        TableView<OptionRow> options = robot.from(root).lookup("#optionsTable").queryTableView();
        waitFor(() -> !options.getItems().isEmpty());
        robot.interact(() -> options.getItems().stream()
                .filter(o -> installationId.equals(o.option().installationId())).findFirst().ifPresent(options::scrollTo));
        WaitForAsyncUtils.waitForFxEvents();
        robot.clickOn((Node) robot.from(options).lookup((Node n) -> n instanceof TableCell<?, ?> c
                && installationId.equals(c.getText())).query());
        robot.clickOn(robot.from(root).lookup("#primaryButton").queryButton());
        waitFor(() -> robot.from(root).lookup("#confirmBox").query().isVisible());
        return root;
    }

    @Test
    void aLinkSomeoneElseMadeMeanwhileIsToldAsTheirsNotHoglinks(FxRobot robot) throws Exception {
        open(robot);
        Parent root = confirmLink(robot, CHECKOUT, SeedWorld.INST_ACME);
        shot(robot, "1-link-confirm");
        other.linkExisting(CHECKOUT, new LinkExistingRequest(WEB, SeedWorld.INST_ACME, null));
        robot.clickOn(robot.from(root).lookup("#primaryButton").queryButton());
        waitFor(() -> toasts.visibleMessages().stream().anyMatch(m -> m.contains("by someone else")));
        shot(robot, "2-link-linked-meanwhile");
        assertEquals(java.util.List.of("not_sent linked_meanwhile"), journal.readAll().entries().stream()
                .map(e -> e.outcome().wireName() + " " + e.errorCode()).toList(), "Hoglink made no change, and says so");
    }

    /**
     * Someone else links Checkout after the dialog's read before sending and before Hoglink's request arrives: PostHog
     * updates their row and answers 200 as for a new one; its activity log shows two links of that row (NH21). The
     * notice says the link is someone else's too, the journal writes ok linked_meanwhile_updated, and no undo is
     * offered (an undo would unlink their link). Before, it read as Hoglink's own link and offered its undo.
     */
    @Test
    void aLinkThatUpdatedARowSomeoneElseLinkedMeanwhileIsNotOfferedForUndo(FxRobot robot) throws Exception {
        open(robot);
        Parent root = confirmLink(robot, CHECKOUT, SeedWorld.INST_ACME);
        sandbox.onceBefore("POST", "/api/projects/" + CHECKOUT + "/integrations/github/link_existing/?",
                () -> other.linkExisting(CHECKOUT, new LinkExistingRequest(WEB, SeedWorld.INST_ACME, null)));
        robot.clickOn(robot.from(root).lookup("#primaryButton").queryButton());
        waitFor(() -> toasts.visibleMessages().stream().anyMatch(m -> m.contains("by someone else too")));
        assertEquals(java.util.List.of("ok linked_meanwhile_updated"), journal.readAll().entries().stream()
                .map(e -> e.outcome().wireName() + " " + e.errorCode()).toList());
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(robot.lookup("#undoLinkButton").queryButton().isVisible(), "their link is not Hoglink's to undo");
    }

    /**
     * Hoglink links Checkout through the dialog; someone else then unlinks it and links it again (PostHog makes a new
     * row, docs/api-notes.md NH24). The undo offered for Hoglink's link sends nothing: no confirmation, the notice says
     * Hoglink's link is already gone and Checkout was linked again by someone else, the window reads Checkout again
     * and their row stays (NH25). Before, the undo asked to unlink Checkout and deleted their row.
     */
    @Test
    void theUndoOfALinkSomeoneElseReplacedLeavesTheirNewLink(FxRobot robot) throws Exception {
        open(robot);
        Parent root = confirmLink(robot, CHECKOUT, SeedWorld.INST_ACME);
        robot.clickOn(robot.from(root).lookup("#primaryButton").queryButton());
        Button undo = robot.lookup("#undoLinkButton").queryButton();
        waitFor(undo::isVisible);
        long ours = other.githubIntegrations(CHECKOUT).stream()
                .filter(i -> SeedWorld.INST_ACME.equals(i.installationId())).findFirst().orElseThrow().id();
        other.deleteIntegration(CHECKOUT, ours);
        long theirs = other.linkExisting(CHECKOUT, new LinkExistingRequest(WEB, SeedWorld.INST_ACME, null)).id();
        assertTrue(theirs != ours, "PostHog made a new row");

        robot.clickOn(undo);

        String said = "Nothing undone: Checkout was linked again to acme by someone else since (another integration); "
                + "Hoglink's link is already gone, so nothing was undone for it.";
        waitFor(() -> toasts.visibleMessages().stream().anyMatch(m -> m.contains("linked again")));
        assertTrue(toasts.visibleMessages().contains(said), toasts.visibleMessages().toString());
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isEmpty(), "nothing to confirm: nothing is sent");
        assertEquals(java.util.List.of(theirs), other.githubIntegrations(CHECKOUT).stream()
                .filter(i -> SeedWorld.INST_ACME.equals(i.installationId())).map(i -> i.id()).toList(),
                "their row stays");
        waitFor(() -> vm.row(CHECKOUT).links().stream().anyMatch(l -> l.integrationId() == theirs));
        waitFor(() -> !undo.isVisible());
    }

    @Test
    void aLinkWhoseSourceProjectLostTheInstallationSaysSoAndReadsTheListAgain(FxRobot robot) throws Exception {
        open(robot);
        Parent root = confirmLink(robot, CHECKOUT, SeedWorld.INST_ACME);
        long webRow = other.githubIntegrations(WEB).get(0).id();
        other.deleteIntegration(WEB, webRow); // acme's source project; Mobile and API keep the app installed
        robot.clickOn(robot.from(root).lookup("#primaryButton").queryButton());
        Label message = robot.from(root).lookup("#messageLabel").queryAs(Label.class);
        waitFor(() -> message.getText().contains("no longer uses the installation"));
        TableView<OptionRow> options = robot.from(root).lookup("#optionsTable").queryTableView();
        waitFor(() -> options.getItems().stream().anyMatch(o -> SeedWorld.INST_ACME.equals(o.option().installationId())
                && !Long.valueOf(WEB).equals(o.option().sourceProjectId())));
        shot(robot, "3-link-source-gone");
    }

    private void unlinkSecretFromCheckout(FxRobot robot) throws Exception {
        // Checkout shares acme-secret with Secret Lab: the confirmation says the app stays installed.
        other.linkExisting(CHECKOUT, new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null));
        robot.interact(vm::refresh);
        waitFor(() -> !vm.busyProperty().get() && vm.row(CHECKOUT) != null && !vm.row(CHECKOUT).links().isEmpty());
        select(robot, CHECKOUT);
        robot.interact(() -> vm.detail().selectedLinkProperty().set(vm.detail().links().stream()
                .filter(l -> SeedWorld.INST_SECRET_ORPHAN.equals(l.installationId())).findFirst().orElseThrow()));
        robot.clickOn("#unlinkButton");
        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        shot(robot, "4-unlink-confirm");
    }

    @Test
    void anUnlinkThatWouldNowUninstallTheAppSendsNothingAndSaysWhy(FxRobot robot) throws Exception {
        open(robot);
        unlinkSecretFromCheckout(robot);
        other.deleteIntegration(SECRET_LAB, other.githubIntegrations(SECRET_LAB).get(0).id());
        robot.clickOn("Unlink");
        // Nothing is sent; the user is asked again, now with the uninstall warning and why.
        waitFor(() -> robot.lookup(".dialog-pane").queryAll().stream().anyMatch(p -> p.isVisible()
                && String.valueOf(((DialogPane) p).getContentText()).contains("Nothing was sent: since you confirmed")
                || robot.from(p).lookup((Node n) -> n instanceof Label l && l.getText() != null
                && l.getText().contains("Nothing was sent: since you confirmed")).tryQuery().isPresent()));
        shot(robot, "5-unlink-now-last");
    }

    @Test
    void anUnlinkOfARowSomeoneElseDeletedMeanwhileIsToldAsTheirs(FxRobot robot) throws Exception {
        open(robot);
        unlinkSecretFromCheckout(robot);
        other.githubIntegrations(CHECKOUT).stream()
                .filter(i -> SeedWorld.INST_SECRET_ORPHAN.equals(i.config().installationId()))
                .forEach(i -> other.deleteIntegration(CHECKOUT, i.id()));
        robot.clickOn("Unlink");
        waitFor(() -> toasts.visibleMessages().stream().anyMatch(m -> m.contains("nothing was sent")));
        shot(robot, "6-unlink-gone-meanwhile");
        assertTrue(vm.row(CHECKOUT).links().isEmpty(), "the row is read again");
    }

    /**
     * Checkout, Search and Billing planned onto acme-secret, which the plan takes from Secret Lab; Secret Lab is
     * unlinked just before Search is sent. Returns the dialog once the run has ended.
     */
    private Parent applyAPlanWhoseSourceLosesTheInstallation(FxRobot robot) throws Exception {
        open(robot);
        robot.interact(() -> {
            TableView<ProjectRowViewModel> t = robot.lookup("#projectsTable").queryTableView();
            t.getSelectionModel().clearSelection();
            for (long id : new long[] {CHECKOUT, SEARCH, BILLING}) {
                t.getSelectionModel().select(vm.row(id));
            }
        });
        waitFor(() -> !vm.detail().installationsLoadingProperty().get());
        robot.clickOn("#bulkLinkButton");
        waitFor(() -> feature.openDialog() != null && feature.openDialog().isShowing());
        Parent root = feature.openDialog().getScene().getRoot();
        javafx.scene.control.ComboBox<OptionRow> picker = robot.from(root).lookup("#installationPicker").query();
        waitFor(() -> !picker.getItems().isEmpty());
        robot.interact(() -> picker.getItems().stream()
                .filter(o -> SeedWorld.INST_SECRET_ORPHAN.equals(o.option().installationId()))
                .findFirst().ifPresent(picker::setValue));
        TableView<PlanItem> items = robot.from(root).lookup("#itemsTable").queryTableView();
        waitFor(() -> items.getItems().size() == 3);
        long secretLabRow = other.githubIntegrations(SECRET_LAB).get(0).id();
        // Checkout is linked first; just before Search's link, someone unlinks Secret Lab, the plan's source.
        sandbox.onceBefore("POST", "/api/projects/" + SEARCH + "/integrations/github/link_existing/?",
                () -> other.deleteIntegration(SECRET_LAB, secretLabRow));
        robot.clickOn(robot.from(root).lookup("#applyButton").queryButton());
        waitFor(() -> items.getItems().get(2).outcome() == dev.hoglink.service.link.ApplyOutcome.NOT_SENT);
        return root;
    }

    @Test
    void aPlanWhoseSourceProjectLosesTheInstallationMidRunHoldsTheRestAsNotSent(FxRobot robot) throws Exception {
        Parent root = applyAPlanWhoseSourceLosesTheInstallation(robot);
        TableView<PlanItem> items = robot.from(root).lookup("#itemsTable").queryTableView();
        shot(robot, "7-bulk-source-gone");

        // Resume asks PostHog again which project offers it: Billing links from Checkout, which still uses it.
        Button resume = robot.from(root).lookup("#resumeButton").queryButton();
        robot.clickOn(resume);
        waitFor(() -> items.getItems().get(2).outcome() != dev.hoglink.service.link.ApplyOutcome.NOT_SENT
                && !items.getItems().get(2).runningProperty().get());
        shot(robot, "8-bulk-resumed");
        assertEquals(dev.hoglink.service.link.ApplyOutcome.LINKED, items.getItems().get(2).outcome(),
                items.getItems().get(2).detail());
    }

    @Test
    void anInstallationSharedOnlyWithProjectsNotListedIsSharedElsewhere(FxRobot robot) throws Exception {
        // A member who cannot access Mobile and API, which use acme with Web.
        open(robot, "member", 10);
        sandbox.restrictTeam(102, java.util.Map.of(SeedWorld.ADA, 8));
        sandbox.restrictTeam(103, java.util.Map.of(SeedWorld.ADA, 8));
        robot.interact(vm::refresh);
        waitFor(() -> !vm.busyProperty().get() && vm.row(102) == null && vm.row(WEB) != null);
        select(robot, WEB);
        assertEquals("elsewhere", vm.row(WEB).sharingText());
        TableCell<?, ?> cell = (TableCell<?, ?>) robot.lookup("#projectsTable")
                .lookup((Node n) -> n instanceof TableCell<?, ?> c && "elsewhere".equals(c.getText())).query();
        assertTrue(cell.getGraphic() != null, "shared elsewhere shows the shared icon");
        assertTrue(String.valueOf(dev.hoglink.ui.common.HoverTip.textOf(cell)).contains("not listed here"),
                "its tip says what elsewhere means");
        // The detail pane's card says the same, with the same tip (it said "shared", as for any shared row).
        javafx.scene.control.Label meta = robot.lookup((Node n) -> n instanceof javafx.scene.control.Label l
                && l.getText() != null && l.getText().endsWith("shared elsewhere")).query();
        assertTrue(String.valueOf(dev.hoglink.ui.common.HoverTip.textOf(meta)).contains("not listed here"),
                "the card's tip says what elsewhere means");
        shot(robot, "9-shared-elsewhere");
    }

    @Test
    void aMembersLinkRefusedForWantOfPersonalGitHubProofSaysToLinkOrReconnectIt(FxRobot robot) throws Exception {
        open(robot, "member", 10);
        sandbox.removePersonalGitHubLinks(SeedWorld.CY);
        Parent root = confirmLink(robot, CHECKOUT, SeedWorld.INST_ACME);
        robot.clickOn(robot.from(root).lookup("#primaryButton").queryButton());
        Label message = robot.from(root).lookup("#messageLabel").queryAs(Label.class);
        waitFor(() -> message.getText().contains("needs proof"));
        shot(robot, "10-refused-personal-github");
    }

    /**
     * Search was refused only because Secret Lab lost the installation: the Resume button counts it and the text
     * above the list says Resume asks PostHog again; after it, the header names the source the resumed rows were
     * sent from, and the text the source of each part.
     */
    @Test
    void resumeOfAPlanWhoseSourceWasGoneSaysItSendsTheRefusedProjectAgainAndThenWhichSourceItUsed(FxRobot robot)
            throws Exception {
        Parent root = applyAPlanWhoseSourceLosesTheInstallation(robot);
        TableView<PlanItem> items = robot.from(root).lookup("#itemsTable").queryTableView();
        Button resume = robot.from(root).lookup("#resumeButton").queryButton();
        Label summary = robot.from(root).lookup("#summaryLabel").queryAs(Label.class);
        waitFor(resume::isVisible);
        assertEquals("Resume 2 not linked", resume.getText().replace("_", ""));
        assertTrue(summary.getText().contains("Search was refused because Secret Lab (id 124), the project the "
                + "link was taken from, no longer used the installation."), summary.getText());

        robot.clickOn(resume);

        waitFor(() -> items.getItems().stream().allMatch(i -> i.outcome() == dev.hoglink.service.link.ApplyOutcome.LINKED));
        // The header (the installation picked) names the source the resumed rows were sent from.
        javafx.scene.control.ComboBox<OptionRow> picker = robot.from(root).lookup("#installationPicker").query();
        waitFor(() -> robot.from(picker).lookup((Node n) -> n instanceof javafx.scene.control.Labeled l
                && String.valueOf(l.getText()).startsWith("acme-secret (id 10000005) · from Checkout (id 108)"))
                .tryQuery().isPresent());
        assertTrue(robot.from(picker).lookup((Node n) -> n instanceof javafx.scene.control.Labeled l
                && String.valueOf(l.getText()).contains("Secret Lab")).tryQuery().isEmpty(),
                "the header no longer names Secret Lab");
        waitFor(() -> summary.getText().contains("Sent from Secret Lab (id 124) for 1 project, then from Checkout "
                + "(id 108) for 2."));
        shot(robot, "11-bulk-resumed-from-another-source");
    }
}
