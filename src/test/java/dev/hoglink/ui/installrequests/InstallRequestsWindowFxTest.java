package dev.hoglink.ui.installrequests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Capabilities;
import dev.hoglink.support.FxLookup;
import dev.hoglink.ui.connect.ConnectionFlowFxTestAccess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Labeled;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.input.Clipboard;
import javafx.scene.layout.VBox;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The install requests window in the real app over its built-in sandbox: opened from the Connection menu, it
 * shows a request in each status, says an unidentified one never resolves, copies the message for the GitHub
 * owner, dismisses, and, while a request is pending, notices an owner's approval by itself.
 */
class InstallRequestsWindowFxTest {

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private Application app;

    @BeforeEach
    void startApp() throws Exception {
        System.setProperty("hoglink.home", home.toString());
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(ConnectionFlowFxTestAccess.appClass());
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> table.getItems().size() >= 20);
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

    private void fromConnectionMenu(String itemId) {
        robot.clickOn("#connectionMenu");
        WaitForAsyncUtils.waitForFxEvents();
        MenuButton menu = robot.lookup("#connectionMenu").query();
        MenuItem item = menu.getItems().stream()
                .flatMap(i -> i instanceof javafx.scene.control.Menu m ? m.getItems().stream() : java.util.stream.Stream.of(i))
                .filter(i -> itemId.equals(i.getId())).findFirst().orElseThrow(() -> new AssertionError(itemId));
        robot.interact(() -> {
            menu.hide();
            item.fire();
        });
    }

    private Parent window() {
        return FxLookup.onFx(() -> Window.getWindows().stream()
                .filter(w -> w.isShowing() && w.getScene() != null && w.getScene().lookup("#requestsBox") != null)
                .map(w -> w.getScene().getRoot()).findFirst()
                .orElseThrow(() -> new AssertionError("the install requests window is not showing")));
    }

    private <T extends Node> T in(String id) {
        return robot.from(window()).lookup(id).query();
    }

    private List<VBox> cards() {
        return this.<VBox>in("#requestsBox").getChildren().stream().map(VBox.class::cast).toList();
    }

    private static String text(Node n) {
        StringBuilder sb = new StringBuilder();
        if (n instanceof Labeled l) {
            sb.append(l.getText()).append('\n');
        }
        if (n instanceof Parent p) {
            p.getChildrenUnmodifiable().forEach(c -> sb.append(text(c)));
        }
        return sb.toString();
    }

    private void openWindow() throws Exception {
        fromConnectionMenu("installRequestsItem");
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> Window.getWindows().stream().anyMatch(w -> w.isShowing()
                && w.getScene() != null && w.getScene().lookup("#requestsBox") != null));
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !cards().isEmpty());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void showsEachStatusCopiesTheOwnerMessageDismissesAndNoticesAnApprovalWhilePolling() throws Exception {
        openWindow();
        assertEquals(3, cards().size());
        String all = text(window());
        assertTrue(all.contains("Waiting for a GitHub organization owner as ada-gh"), all);
        assertTrue(all.contains("Never resolves") && all.contains("it never resolves"), all);
        assertTrue(all.contains("Approved for acme-oss (installation 10000007)"), all);
        assertTrue(this.<Label>in("#pollLabel").getText().contains("checking again every 15 s"));

        String message = this.<TextArea>in("#ownerMessageArea").getText();
        assertTrue(message.contains("/apps/posthog-sandbox/installations/new"), message);
        robot.clickOn((Node) in("#copyButton"));
        WaitForAsyncUtils.waitForFxEvents();
        String[] copied = new String[1];
        robot.interact(() -> copied[0] = Clipboard.getSystemClipboard().getString());
        assertEquals(message, copied[0]);

        VBox unidentified = cards().stream().filter(c -> text(c).contains("Never resolves")).findFirst().orElseThrow();
        Button dismiss = (Button) robot.from(unidentified).lookup(".button").query();
        robot.clickOn(dismiss);
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> cards().size() == 2);

        // An organization owner approves on GitHub (the sandbox's stand-in page); the window notices by itself.
        String approvalPage = message.replaceAll(".*(http://\\S+/installations/new).*", "$1");
        HttpResponse<String> approved = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(approvalPage))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("requester=9001")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, approved.statusCode(), approved.body());
        WaitForAsyncUtils.waitFor(25, TimeUnit.SECONDS, () -> cards().stream()
                .filter(c -> text(c).contains("Approved")).count() == 2);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(this.<Label>in("#summaryLabel").getText().equals("Nothing waits on a GitHub owner."));
        assertTrue(!this.<Label>in("#pollLabel").getText().contains("checking again"), "polling stopped");

        robot.clickOn((Node) in("#closeButton"));
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> Window.getWindows().stream().noneMatch(w -> w.isShowing()
                && w.getScene() != null && w.getScene().lookup("#requestsBox") != null));
    }

    @Test
    void aReadOnlyKeySeesItsRequestsButMayNotDismissThem() throws Exception {
        fromConnectionMenu("sandboxRole-readonly");
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> robot.lookup("#signedInLabel").<Label>query().getText()
                .startsWith("Read-only key · "));
        openWindow();
        assertEquals(1, cards().size());
        Button dismiss = (Button) robot.from(cards().get(0)).lookup(".button").query();
        assertTrue(dismiss.isDisabled());
        assertEquals(Capabilities.READ_ONLY, dismiss.getTooltip().getText());
    }
}
