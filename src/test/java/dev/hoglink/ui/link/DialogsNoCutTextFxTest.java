package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.support.Truncation;
import dev.hoglink.ui.common.OpenWindow;
import dev.hoglink.ui.common.WindowRequest;
import dev.hoglink.ui.connect.ConnectionDialogView;
import dev.hoglink.ui.connect.ConnectionDialogViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.oauth.OAuthCommands;
import dev.hoglink.ui.oauth.OAuthWizardViewModel;
import dev.hoglink.ui.oauth.Ticker;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.DialogPane;
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
 * The dialogs over the sandbox, with the main window at 1024x700 and 1600x1000, light and dark: no label,
 * header, cell or button text is cut with an ellipsis in the link dialog (picker with every status, the
 * confirmation with the switch offer), the unlink confirmation, every page of the OAuth wizard (also at its
 * smallest size) and the connection dialog (cloud and self-hosted).
 */
@ExtendWith(ApplicationExtension.class)
class DialogsNoCutTextFxTest extends LinkWindowTestBase {

    private final List<String> problems = new ArrayList<>();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    /** The window over the sandbox at 1024x700, light, once every project's GitHub status is read. */
    private void open(FxRobot robot) throws Exception {
        open(robot, Setup.defaults().withSize(1024, 700));
        waitFor(20, () -> !vm.busyProperty().get() && vm.rows().size() >= 23
                && vm.rows().stream().allMatch(ProjectRowViewModel::linksKnown));
    }

    /** With HOGLINK_DIALOG_SHOTS set to a folder, each checked window is also saved there as a PNG to look at. */
    private static void lookAt(Window w, String where) {
        String dir = System.getenv("HOGLINK_DIALOG_SHOTS");
        if (dir == null || dir.isBlank()) {
            return;
        }
        try {
            dev.hoglink.ui.common.Snapshots.writePng(w.getScene(),
                    java.nio.file.Path.of(dir, where.replaceAll("[^A-Za-z0-9]+", "-") + ".png"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Records every cut text in the window, named by where it was seen. */
    private void check(FxRobot robot, Window w, String where) {
        WaitForAsyncUtils.waitForFxEvents();
        List<String> found = new ArrayList<>();
        robot.interact(() -> {
            lookAt(w, where);
            found.addAll(Truncation.truncatedLabels(w.getScene().getRoot()));
            // a button the window cuts off (its text may be whole, but the window ends before it does)
            for (Node n : w.getScene().getRoot().lookupAll(".button")) {
                if (n instanceof javafx.scene.control.Button b && b.isVisible() && b.getScene() != null && showing(b)) {
                    javafx.geometry.Bounds r = b.localToScene(b.getBoundsInLocal());
                    if (r.getMaxY() > w.getScene().getHeight() + 1 || r.getMaxX() > w.getScene().getWidth() + 1) {
                        found.add("button \"" + b.getText() + "\" ends outside the window (" + (int) r.getMaxX() + ","
                                + (int) r.getMaxY() + " in " + (int) w.getScene().getWidth() + "x"
                                + (int) w.getScene().getHeight() + ")");
                    }
                }
            }
        });
        for (String c : found) {
            problems.add(where + ": " + c);
        }
    }

    private static boolean showing(Node n) {
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible() || p instanceof javafx.scene.control.ScrollPane) {
                return p.isVisible() && p == n; // inside a scroll pane a button may scroll; that is not a cut
            }
        }
        return true;
    }

    private void pick(FxRobot robot, Parent root, String installationId) {
        TableView<OptionRow> options = robot.from(root).lookup("#optionsTable").queryTableView();
        robot.interact(() -> options.getSelectionModel().select(options.getItems().stream()
                .filter(r -> installationId.equals(r.option().installationId())).findFirst().orElseThrow()));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void noTextIsCutInTheLinkUnlinkOAuthAndConnectionDialogsAtEitherSizeInEitherTheme(FxRobot robot) throws Exception {
        open(robot);
        for (ThemeManager.Theme t : List.of(ThemeManager.Theme.LIGHT, ThemeManager.Theme.DARK)) {
            for (double[] s : new double[][] {{1024, 700}, {1600, 1000}}) {
                robot.interact(() -> {
                    theme.apply(t);
                    stage.setWidth(s[0]);
                    stage.setHeight(s[1]);
                });
                String at = t + " " + (int) s[0] + "x" + (int) s[1];
                linkDialog(robot, at);
                unlinkConfirmation(robot, at);
                wizard(robot, at);
                connectionDialog(robot, at);
            }
        }
        assertEquals(List.of(), problems);
    }

    private void linkDialog(FxRobot robot, String at) throws Exception {
        // Checkout (108) sees every status: OK, suspended, token error
        robot.interact(() -> feature.openLinkDialog(vm.row(108)));
        waitFor(20, () -> feature.openDialog() != null && feature.openDialog().isShowing());
        Parent root = feature.openDialog().getScene().getRoot();
        TableView<OptionRow> options = robot.from(root).lookup("#optionsTable").queryTableView();
        waitFor(20, () -> options.getItems().size() >= 3);
        check(robot, feature.openDialog(), at + " link picker");
        pick(robot, root, SeedWorld.INST_DATA_TOKEN_ERROR);
        check(robot, feature.openDialog(), at + " link picker, broken one chosen");
        pick(robot, root, SeedWorld.INST_ACME);
        robot.interact(() -> ((javafx.scene.control.Button) root.lookup("#primaryButton")).fire());
        waitFor(20, () -> root.lookup("#confirmBox").isVisible());
        check(robot, feature.openDialog(), at + " link confirmation");
        closeOtherWindows();
        waitFor(20, () -> feature.openDialog() == null);

        // Web (101) with acme: the switch is offered for acme-labs
        robot.interact(() -> feature.openLinkDialog(vm.row(101)));
        waitFor(20, () -> feature.openDialog() != null && feature.openDialog().isShowing());
        Parent web = feature.openDialog().getScene().getRoot();
        TableView<OptionRow> webOptions = robot.from(web).lookup("#optionsTable").queryTableView();
        waitFor(20, () -> !webOptions.getItems().isEmpty());
        pick(robot, web, SeedWorld.INST_ACME_LABS);
        robot.interact(() -> ((javafx.scene.control.Button) web.lookup("#primaryButton")).fire());
        waitFor(20, () -> web.lookup("#switchCheck").isVisible());
        robot.interact(() -> ((javafx.scene.control.CheckBox) web.lookup("#switchCheck")).setSelected(true));
        check(robot, feature.openDialog(), at + " link confirmation with switch");
        closeOtherWindows();
        waitFor(20, () -> feature.openDialog() == null);
    }

    private void unlinkConfirmation(FxRobot robot, String at) throws Exception {
        ProjectRowViewModel web = vm.row(101);
        robot.interact(() -> feature.unlink(web, web.links().get(0)));
        waitFor(20, () -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        DialogPane pane = robot.lookup(".dialog-pane").query();
        check(robot, pane.getScene().getWindow(), at + " unlink confirmation");
        closeOtherWindows();
        waitFor(20, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());
    }

    private void wizard(FxRobot robot, String at) throws Exception {
        Project docs = vm.row(110).project();
        Organization acme = vm.selectedOrganizationProperty().get();
        OAuthService service = session.oauth();
        OAuthWizardViewModel[] w = new OAuthWizardViewModel[1];
        Stage[] ws = new Stage[1];
        robot.interact(() -> {
            w[0] = new OAuthWizardViewModel(service, runner, Ticker.fx(), u -> { }, t -> { }, acme,
                    List.of(docs, vm.row(101).project()), docs, ids -> { });
            w[0].choice().setKnownLinks(p -> vm.row(p.id()).links());
            ws[0] = OAuthCommands.show(dialogs, w[0]);
        });
        OAuthWizardViewModel wvm = w[0];
        waitFor(20, () -> SeedWorld.INST_ACME.equals(wvm.choice().installationIdProperty().get())
                && !wvm.currentUserProperty().get().isEmpty());
        for (boolean smallest : new boolean[] {false, true}) {
            String size = smallest ? " (smallest)" : "";
            if (smallest) {
                robot.interact(() -> {
                    ws[0].setWidth(ws[0].getMinWidth());
                    ws[0].setHeight(ws[0].getMinHeight());
                });
            }
            check(robot, ws[0], at + " wizard 1 choose" + size);
            robot.interact(wvm::next);
            check(robot, ws[0], at + " wizard 2 read first" + size);
            robot.interact(wvm::back);
        }
        robot.interact(() -> {
            ws[0].setWidth(720);
            ws[0].setHeight(540);
            wvm.choice().selectedProjectProperty().set(vm.row(101).project());
            wvm.choice().installationIdProperty().set(SeedWorld.INST_ACME);
        });
        robot.interact(wvm::next);
        check(robot, ws[0], at + " wizard 2 read first, already connected");
        robot.interact(wvm::next);
        waitFor(20, () -> wvm.step() == OAuthWizardViewModel.Step.OPEN);
        check(robot, ws[0], at + " wizard 4 open");
        robot.interact(wvm::openInBrowser);
        waitFor(20, () -> wvm.step() == OAuthWizardViewModel.Step.WAIT);
        check(robot, ws[0], at + " wizard 5 wait");
        robot.interact(() -> ((javafx.scene.control.Button) ws[0].getScene().getRoot().lookup("#failedButton")).fire());
        check(robot, ws[0], at + " wizard 5 it failed");
        robot.interact(() -> wvm.reportFailure("https://us.posthog.com/settings/user-personal-integrations"
                + "?github_link_error=installation_not_authorized"));
        check(robot, ws[0], at + " wizard 5 failed, explained");
        robot.interact(() -> ws[0].close());
    }

    private void connectionDialog(FxRobot robot, String at) throws Exception {
        @SuppressWarnings("unchecked")
        OpenWindow<ConnectionDialogView>[] w = new OpenWindow[1];
        robot.interact(() -> {
            ConnectionDialogViewModel cvm = new ConnectionDialogViewModel(null, null, null, runner, dialogs,
                    Optional.empty());
            w[0] = dialogs.openWindow(WindowRequest.modal(ConnectionDialogView.class,
                    () -> new ConnectionDialogView(cvm, s -> { }), "Connect to PostHog"));
        });
        check(robot, w[0].stage(), at + " connection dialog");
        robot.interact(() -> {
            Node selfHosted = w[0].stage().getScene().getRoot().lookup("#selfHostedRadio");
            if (selfHosted instanceof javafx.scene.control.RadioButton r) {
                r.setSelected(true);
            }
        });
        check(robot, w[0].stage(), at + " connection dialog, self-hosted");
        robot.interact(() -> w[0].stage().close());
    }
}
