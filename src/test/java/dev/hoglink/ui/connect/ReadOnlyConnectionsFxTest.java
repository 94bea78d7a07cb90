package dev.hoglink.ui.connect;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Capabilities;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.support.FxLookup;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.inventory.RowState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.Label;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Read-only connections and the sandbox's roles, through the real window: a profile marked read-only in the
 * connection dialog (or the Connection menu) has every change off with the reason; the sandbox is signed in as
 * owner, admin, member or a key without integration:write from Connection › Sandbox role, and the status bar
 * says who is signed in and the role. The dialog also records a self-hosted instance's public site address.
 */
class ReadOnlyConnectionsFxTest {

    private static SandboxServer remote;

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private Application app;

    @BeforeAll
    static void startRemote() throws IOException {
        remote = SandboxServer.start(SandboxOptions.defaults());
    }

    @AfterAll
    static void stopRemote() {
        remote.stop();
    }

    @BeforeEach
    void startApp() throws Exception {
        ConnectionFlowFxTest.TestApp.keyringMissing = false;
        System.setProperty("hoglink.home", home.toString());
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(ConnectionFlowFxTest.TestApp.class);
        waitForRows();
    }

    @AfterEach
    void stopApp() throws Exception {
        robot.interact(() -> new java.util.ArrayList<>(Window.getWindows()).stream()
                .filter(w -> w instanceof javafx.stage.Stage s && s.getOwner() != null)
                .forEach(w -> ((javafx.stage.Stage) w).close()));
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty("hoglink.home");
    }

    private void waitForRows() throws Exception {
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20
                && table.getItems().stream().anyMatch(r -> ((ProjectRowViewModel) r).state() == RowState.CONNECTED));
    }

    private String signedIn() {
        return robot.lookup("#signedInLabel").<Label>query().getText();
    }

    private Button button(String id) {
        return robot.lookup(id).query();
    }

    /** Picks a connected project, as a click in the table does, and waits for its GitHub row in the detail pane. */
    private void selectConnectedProject() throws Exception {
        TableView<ProjectRowViewModel> table = robot.lookup("#projectsTable").queryTableView();
        robot.interact(() -> {
            table.getSelectionModel().clearSelection();
            table.getItems().stream().filter(r -> r.state() == RowState.CONNECTED && r.sharedWithProperty().get() == 0).findFirst()
                    .ifPresent(r -> table.getSelectionModel().select(r));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !button("#manageButton").isDisabled()
                || !robot.lookup("#permissionNote").<Label>query().getText().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Opens the Connection menu and runs one of its items (in a submenu too), as a click on it does. */
    private void chooseFromConnectionMenu(String itemId) {
        robot.clickOn("#connectionMenu");
        WaitForAsyncUtils.waitForFxEvents();
        MenuButton menu = robot.lookup("#connectionMenu").query();
        MenuItem item = menu.getItems().stream()
                .flatMap(i -> i instanceof javafx.scene.control.Menu m ? m.getItems().stream() : java.util.stream.Stream.of(i))
                .filter(i -> itemId.equals(i.getId())).findFirst()
                .orElseThrow(() -> new AssertionError("no menu item " + itemId));
        robot.interact(() -> {
            menu.hide();
            item.fire();
        });
    }

    @Test
    void theSandboxSignsInAsEachRoleFromTheConnectionMenuAndTheStatusBarSaysWhoAndTheRole() throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> signedIn().contains("Owner of"));

        chooseFromConnectionMenu("sandboxRole-readonly");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> signedIn().startsWith("Read-only key · "));
        assertTrue(signedIn().contains("Member of"), signedIn());
        waitForRows();
        selectConnectedProject();
        assertTrue(button("#linkButton").isDisabled() && button("#unlinkButton").isDisabled()
                && button("#oauthButton").isDisabled() && button("#manageButton").isDisabled());
        assertEquals(Capabilities.READ_ONLY, robot.lookup("#permissionNote").<Label>query().getText());

        chooseFromConnectionMenu("sandboxRole-admin");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> signedIn().contains("Admin of"));
        assertFalse(signedIn().toLowerCase(java.util.Locale.ROOT).contains("read-only"), signedIn());
        waitForRows();
        selectConnectedProject();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !button("#unlinkButton").isDisabled());
        assertFalse(button("#linkButton").isDisabled());

        chooseFromConnectionMenu("sandboxRole-member");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> signedIn().contains("Member of")
                && !signedIn().toLowerCase(java.util.Locale.ROOT).contains("read-only"));
        waitForRows();
        selectConnectedProject();
        assertTrue(button("#unlinkButton").isDisabled(), "a member may not unlink");
        assertTrue(robot.lookup("#permissionNote").<Label>query().getText().contains("Unlink need project admin"));

        robot.clickOn("#connectionMenu");
        WaitForAsyncUtils.waitForFxEvents();
        MenuButton menu = robot.lookup("#connectionMenu").query();
        javafx.scene.control.Menu roles = (javafx.scene.control.Menu) menu.getItems().stream()
                .filter(i -> i instanceof javafx.scene.control.Menu).findFirst().orElseThrow();
        java.util.List<String> ticked = roles.getItems().stream()
                .filter(i -> i instanceof javafx.scene.control.RadioMenuItem r && r.isSelected())
                .map(MenuItem::getId).toList();
        robot.interact(menu::hide);
        assertEquals("Sandbox role", roles.getText());
        assertEquals(java.util.List.of("sandboxRole-member"), ticked, "the role signed in is ticked");
    }

    private javafx.scene.Parent dialog() {
        return FxLookup.onFx(() -> Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().lookup("#keyField") != null)
                .map(w -> w.getScene().getRoot()).reduce((a, b) -> b)
                .orElseThrow(() -> new AssertionError("no connection dialog is showing")));
    }

    private <T extends javafx.scene.Node> T inDialog(String id) {
        return robot.from(dialog()).lookup(id).query();
    }

    /** Fills the dialog for the remote sandbox as a self-hosted PostHog and tests the admin key. */
    private void connectToRemote(String name, String siteAddress, boolean readOnly) throws Exception {
        robot.clickOn("#welcomeConnectButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isPresent());
        robot.clickOn((javafx.scene.Node) inDialog("#selfHostedRadio"));
        robot.clickOn((javafx.scene.Node) inDialog("#hostField")).write(remote.baseUri().toString());
        assertTrue(inDialog("#siteUrlField").isVisible(), "the site address is asked for a self-hosted PostHog");
        robot.interact(() -> {
            this.<TextField>inDialog("#keyField").setText(remote.key("admin"));
            this.<TextField>inDialog("#siteUrlField").setText(siteAddress);
            this.<TextField>inDialog("#nameField").setText(name);
        });
        if (readOnly) {
            robot.clickOn((javafx.scene.Node) inDialog("#readOnlyCheck"));
            assertTrue(this.<CheckBox>inDialog("#readOnlyCheck").isSelected());
        }
        robot.clickOn((javafx.scene.Node) inDialog("#testButton"));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS,
                () -> this.<Label>inDialog("#headlineLabel").getText().startsWith("Connected as"));
        robot.clickOn((javafx.scene.Node) inDialog("#saveButton"));
    }

    @Test
    void aConnectionMarkedReadOnlyInTheDialogHasEveryChangeOffAndSaysWhyUntilTheMenuClearsTheMark() throws Exception {
        connectToRemote("Production", "http://localhost:" + remote.port(), true);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> "Production".equals(
                robot.lookup("#connectionBadge").<Label>query().getText()));
        waitForRows();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> signedIn().startsWith("Read-only connection · "));
        assertTrue(signedIn().contains("Admin of"), signedIn());
        selectConnectedProject();
        assertTrue(button("#linkButton").isDisabled() && button("#unlinkButton").isDisabled()
                && button("#oauthButton").isDisabled() && button("#manageButton").isDisabled());
        assertEquals(Capabilities.READ_ONLY_CONNECTION, robot.lookup("#permissionNote").<Label>query().getText());
        TableView<ProjectRowViewModel> table = robot.lookup("#projectsTable").queryTableView();
        robot.interact(() -> table.getSelectionModel().selectRange(0, 3));
        assertTrue(button("#bulkLinkButton").isDisabled(), "no bulk link over a read-only connection");
        String json = Files.readString(home.resolve("config/profiles.json"));
        assertTrue(json.contains("\"readOnly\" : true"), json);
        assertTrue(json.contains("\"siteUrl\" : \"http://localhost:" + remote.port() + "\""), json);

        chooseFromConnectionMenu("readOnlyItem");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !signedIn().isEmpty()
                && !signedIn().toLowerCase(java.util.Locale.ROOT).contains("read-only"));
        waitForRows();
        selectConnectedProject();
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !button("#unlinkButton").isDisabled());
        assertFalse(Files.readString(home.resolve("config/profiles.json")).contains("readOnly"));
    }

    @Test
    void aSiteAddressThatIsNotAnAddressIsRefusedWithAPlainMessageAndNothingIsSaved() throws Exception {
        connectToRemote("Split", "ftp://posthog.acme.example", false);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !this.<Label>inDialog("#validationLabel").getText().isEmpty());
        assertTrue(this.<Label>inDialog("#validationLabel").getText().startsWith("Site address: Only https://"),
                this.<Label>inDialog("#validationLabel").getText());
        assertFalse(Files.exists(home.resolve("config/profiles.json"))
                && Files.readString(home.resolve("config/profiles.json")).contains("Split"));
    }
}
