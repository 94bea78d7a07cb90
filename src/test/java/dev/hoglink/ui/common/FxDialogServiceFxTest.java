package dev.hoglink.ui.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.DialogPane;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class FxDialogServiceFxTest {

    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        stage.setScene(new Scene(new StackPane(), 400, 300));
        stage.show();
    }

    /** Waits until the dialog holding the node is on screen, not merely built. */
    private static void waitShown(FxRobot robot, String query) throws Exception {
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(query).tryQuery()
                .filter(n -> n.getScene() != null && n.getScene().getWindow() != null
                        && n.getScene().getWindow().isShowing() && n.getScene().getWindow().getWidth() > 0)
                .isPresent());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void typedConfirmationStaysDisabledUntilTheExactTextIsTyped(FxRobot robot) throws Exception {
        FxDialogService dialogs = new FxDialogService(() -> stage);
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(dialogs.confirmByTyping("Uninstall the GitHub App",
                "This uninstalls the GitHub App from acme.", "acme", "Uninstall")));
        waitShown(robot, "#confirmTextField");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        Node ok = pane.getButtonTypes().stream().filter(b -> b.getText().equals("Uninstall"))
                .map(pane::lookupButton).findFirst().orElseThrow();
        assertTrue(ok.isDisabled());
        assertTrue(robot.lookup("#confirmTextField").query().isFocused(), "the name is typed first, no click needed");
        robot.clickOn("#confirmTextField").write("acm");
        assertTrue(ok.isDisabled(), "a prefix is not enough");
        robot.write("e");
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(ok.isDisabled());
        robot.clickOn((Button) ok);
        assertTrue(answer.get(5, TimeUnit.SECONDS));
    }

    /**
     * The page dialog (an uninstall PostHog could not do): the address in a read-only field that can be selected and
     * copied, an open button with the focus that hands the page to the browser on Enter or a click and leaves the
     * dialog up, and Escape to close it.
     */
    @Test
    void aPageDialogShowsTheAddressToCopyAndItsButtonOpensIt(FxRobot robot) throws Exception {
        FxDialogService dialogs = new FxDialogService(() -> stage);
        java.net.URI page = java.net.URI.create("https://github.com/organizations/acme-secret/settings/installations/10000009");
        java.util.List<java.net.URI> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        CompletableFuture<Boolean> closed = new CompletableFuture<>();
        Platform.runLater(() -> {
            dialogs.infoWithPage("Unlinked; the app is still installed on acme-secret (id 10000009)", "Secret Lab no "
                    + "longer uses GitHub, but PostHog could not uninstall the GitHub App. Uninstall it on GitHub.", page,
                    "Open on GitHub", opened::add);
            closed.complete(true);
        });
        waitShown(robot, "#pageAddressField");
        javafx.scene.control.TextField field = robot.lookup("#pageAddressField").queryAs(javafx.scene.control.TextField.class);
        Button open = robot.lookup("#openPageButton").queryAs(Button.class);
        org.junit.jupiter.api.Assertions.assertEquals(page.toString(), field.getText());
        assertFalse(field.isEditable(), "read-only");
        assertTrue(open.isFocused(), "the open button has the focus");
        assertTrue(field.getWidth() >= field.prefWidth(-1) - 1, "the whole address fits: " + field.getWidth());

        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitForFxEvents();
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(page), opened, "Enter opens the page");
        assertFalse(closed.isDone(), "the dialog stays, the address still there to copy");
        robot.clickOn(open);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(page, page), opened, "a click opens it again");

        robot.clickOn(field).press(javafx.scene.input.KeyCode.CONTROL).type(javafx.scene.input.KeyCode.A)
                .type(javafx.scene.input.KeyCode.C).release(javafx.scene.input.KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        org.junit.jupiter.api.Assertions.assertEquals(page.toString(), field.getSelectedText(), "selectable");
        String copied = WaitForAsyncUtils.asyncFx(() -> javafx.scene.input.Clipboard.getSystemClipboard().getString())
                .get(5, TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertEquals(page.toString(), copied, "copied");
        org.junit.jupiter.api.Assertions.assertEquals(page.toString(), field.getText(), "typing changes nothing");

        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertTrue(closed.get(5, TimeUnit.SECONDS), "Escape closes it");
        org.junit.jupiter.api.Assertions.assertEquals(2, opened.size(), "closing opens nothing");
    }

    /**
     * A failed browser launch from another window (the audit window's "Open on GitHub", the uninstall dialog's) is
     * said over that window, not in a notice of the main window behind it; from the main window, in its notice. On
     * the old code both went to the main window's notice.
     */
    @Test
    void aFailureIsSaidOverTheWindowThatHasTheFocus(FxRobot robot) throws Exception {
        FxDialogService dialogs = new FxDialogService(() -> stage);
        Toasts toasts = WaitForAsyncUtils.asyncFx(() -> new Toasts((StackPane) stage.getScene().getRoot(),
                javafx.util.Duration.seconds(60))).get(5, TimeUnit.SECONDS);
        dialogs.setToasts(toasts);
        Stage audit = WaitForAsyncUtils.asyncFx(() -> {
            Stage s = new Stage();
            s.setTitle("Audit");
            s.setScene(new Scene(new StackPane(new Button("Open on GitHub")), 300, 200));
            s.show();
            s.requestFocus();
            return s;
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, audit::isFocused);

        String said = "The browser could not be opened: no browser is set up on this computer.";
        Platform.runLater(() -> dialogs.failure(said));
        waitShown(robot, ".dialog-pane");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        org.junit.jupiter.api.Assertions.assertEquals(said, pane.getContentText());
        org.junit.jupiter.api.Assertions.assertSame(audit, ((Stage) pane.getScene().getWindow()).getOwner(),
                "over the window the user is in");
        assertTrue(toasts.visibleMessages().isEmpty(), "not in the main window's notices");
        robot.type(javafx.scene.input.KeyCode.ENTER);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup(".dialog-pane").tryQuery().isEmpty());

        WaitForAsyncUtils.asyncFx(() -> {
            audit.close();
            stage.requestFocus();
        }).get(5, TimeUnit.SECONDS);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, stage::isFocused);
        WaitForAsyncUtils.asyncFx(() -> dialogs.failure(said)).get(5, TimeUnit.SECONDS);
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(said), toasts.visibleMessages(),
                "from the main window, its notice");
        assertTrue(robot.lookup(".dialog-pane").tryQuery().isEmpty(), "and no alert");
    }

    @Test
    void cancelledConfirmationAnswersNo(FxRobot robot) throws Exception {
        FxDialogService dialogs = new FxDialogService(() -> stage);
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(dialogs.confirm("Refresh", "Refresh every project?", "Refresh")));
        waitShown(robot, ".dialog-pane");
        DialogPane pane = robot.lookup(".dialog-pane").queryAs(DialogPane.class);
        robot.clickOn((Button) pane.lookupButton(javafx.scene.control.ButtonType.CANCEL));
        assertFalse(answer.get(5, TimeUnit.SECONDS));
    }

    @Test
    void anAlertOpensCentredOnItsOwnerAndStaysFullyOnScreenNearTheEdge(FxRobot robot) throws Exception {
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getVisualBounds();
        FxDialogService dialogs = new FxDialogService(() -> stage);
        robot.interact(() -> {
            stage.setX(screen.getMinX() + (screen.getWidth() - stage.getWidth()) / 2);
            stage.setY(screen.getMinY() + (screen.getHeight() - stage.getHeight()) / 2);
        });
        CompletableFuture<Boolean> answer = new CompletableFuture<>();
        Platform.runLater(() -> answer.complete(dialogs.confirm("Refresh", "Refresh every project?", "Refresh")));
        waitShown(robot, ".dialog-pane");
        javafx.stage.Window w = robot.lookup(".dialog-pane").query().getScene().getWindow();
        assertEquals(stage.getX() + stage.getWidth() / 2, w.getX() + w.getWidth() / 2, 2, "centred across");
        assertEquals(stage.getY() + stage.getHeight() / 2, w.getY() + w.getHeight() / 2, 2, "centred down");
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertFalse(answer.get(5, TimeUnit.SECONDS));

        robot.interact(() -> {
            stage.setX(screen.getMaxX() - 60);
            stage.setY(screen.getMaxY() - 40);
        });
        CompletableFuture<Boolean> second = new CompletableFuture<>();
        Platform.runLater(() -> second.complete(dialogs.confirmDanger("Unlink Web", "Web stops using GitHub.",
                "Unlink")));
        waitShown(robot, ".dialog-pane");
        javafx.stage.Window d = robot.lookup(".dialog-pane").query().getScene().getWindow();
        assertTrue(d.getX() >= screen.getMinX() && d.getX() + d.getWidth() <= screen.getMaxX() + 0.5,
                "across: " + d.getX() + "+" + d.getWidth() + " in " + screen);
        assertTrue(d.getY() >= screen.getMinY() && d.getY() + d.getHeight() <= screen.getMaxY() + 0.5,
                "down: " + d.getY() + "+" + d.getHeight() + " in " + screen);
        robot.type(javafx.scene.input.KeyCode.ESCAPE);
        assertFalse(second.get(5, TimeUnit.SECONDS));
        // The stage is shared with the next test classes: put it back.
        robot.interact(() -> {
            stage.setX(screen.getMinX() + 20);
            stage.setY(screen.getMinY() + 20);
        });
    }

    private static void assertEquals(double expected, double actual, double delta, String what) {
        org.junit.jupiter.api.Assertions.assertEquals(expected, actual, delta, what);
    }
}
