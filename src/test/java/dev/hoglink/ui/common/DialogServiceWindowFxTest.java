package dev.hoglink.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javafx.event.Event;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.StackPane;
import javafx.stage.Modality;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/** Every feature window opens through DialogService.openWindow: owner, modality, CSS, place and Escape, once. */
@ExtendWith(ApplicationExtension.class)
class DialogServiceWindowFxTest {

    private Stage owner;
    private FxDialogService dialogs;

    @Start
    void start(Stage stage) {
        owner = stage;
        stage.setScene(new Scene(new StackPane(), 800, 500));
        stage.setX(100);
        stage.setY(80);
        stage.show();
        dialogs = new FxDialogService(() -> owner);
    }

    private OpenWindow<ProbeView> open(WindowRequest<ProbeView> request) throws Exception {
        OpenWindow<ProbeView> w = WaitForAsyncUtils.asyncFx(() -> dialogs.openWindow(request)).get();
        WaitForAsyncUtils.waitForFxEvents();
        return w;
    }

    private static void pressEscape(Stage s) {
        WaitForAsyncUtils.asyncFx(() -> Event.fireEvent(s.getScene().getRoot(), new KeyEvent(KeyEvent.KEY_PRESSED,
                "", "", KeyCode.ESCAPE, false, false, false, false)));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void aFeatureWindowIsOwnedModalStyledTitledAndCentredOnItsOwner(FxRobot robot) throws Exception {
        OpenWindow<ProbeView> w = open(WindowRequest.modal(ProbeView.class, ProbeView::new, "Probe window")
                .withMinSize(300, 200));
        Stage s = w.stage();
        assertTrue(s.isShowing());
        assertSame(owner, s.getOwner());
        assertEquals(Modality.WINDOW_MODAL, s.getModality());
        assertEquals("Probe window", s.getTitle());
        assertEquals(300, s.getMinWidth());
        assertTrue(s.getScene().getStylesheets().stream().anyMatch(c -> c.endsWith("/dev/hoglink/ui/theme/app.css")),
                s.getScene().getStylesheets().toString());
        assertEquals("Probe", w.view().label().getText());
        assertEquals(owner.getX() + owner.getWidth() / 2, s.getX() + s.getWidth() / 2, 2, "centred across");
        assertEquals(owner.getY() + owner.getHeight() / 2, s.getY() + s.getHeight() / 2, 2, "centred down");
        WaitForAsyncUtils.asyncFx(s::close).get();
    }

    @Test
    void aModelessWindowLeavesItsOwnerUsable() throws Exception {
        OpenWindow<ProbeView> w = open(WindowRequest.modeless(ProbeView.class, ProbeView::new, "Free"));
        assertEquals(Modality.NONE, w.stage().getModality());
        assertSame(owner, w.stage().getOwner());
        WaitForAsyncUtils.asyncFx(w.stage()::close).get();
    }

    @Test
    void aWindowIsKeptFullyOnScreenWhenItsOwnerIsNearTheEdge() throws Exception {
        Rectangle2D area = Screen.getPrimary().getVisualBounds();
        WaitForAsyncUtils.asyncFx(() -> {
            owner.setX(area.getMaxX() - 120);
            owner.setY(area.getMaxY() - 90);
        }).get();
        OpenWindow<ProbeView> w = open(WindowRequest.modal(ProbeView.class, ProbeView::new, "Edge").withSize(500, 400));
        Stage s = w.stage();
        assertTrue(s.getX() >= area.getMinX() && s.getX() + s.getWidth() <= area.getMaxX() + 0.5,
                "x " + s.getX() + " w " + s.getWidth() + " in " + area);
        assertTrue(s.getY() >= area.getMinY() && s.getY() + s.getHeight() <= area.getMaxY() + 0.5,
                "y " + s.getY() + " h " + s.getHeight() + " in " + area);
        WaitForAsyncUtils.asyncFx(s::close).get();
    }

    @Test
    void escapeAsksTheWindowToCloseWhichItMayRefuseWhileItWorks() throws Exception {
        OpenWindow<ProbeView> busy = open(WindowRequest.modal(ProbeView.class, ProbeView::new, "Busy"));
        WaitForAsyncUtils.asyncFx(() -> busy.stage().setOnCloseRequest(Event::consume)).get();
        pressEscape(busy.stage());
        assertTrue(busy.stage().isShowing(), "a window at work refuses the close request");
        WaitForAsyncUtils.asyncFx(() -> busy.stage().setOnCloseRequest(null)).get();
        pressEscape(busy.stage());
        assertFalse(busy.stage().isShowing(), "Escape closes it once it agrees");
    }
}
