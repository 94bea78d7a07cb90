package dev.hoglink.ui.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

@ExtendWith(ApplicationExtension.class)
class DefaultExceptionHandlerFxTest {

    /** Records what would have been shown. */
    static final class RecordingDialogs implements DialogService {
        final List<Throwable> errors = new ArrayList<>();

        @Override
        public boolean confirm(String title, String message, String okLabel) {
            return false;
        }

        @Override
        public void info(String title, String message) {
        }

        @Override
        public void error(String title, String message, Throwable cause) {
            errors.add(cause);
        }

        @Override
        public boolean confirmByTyping(String title, String message, String expected, String okLabel) {
            return false;
        }

        @Override
        public void notify(String message, Notice kind) {
        }
    }

    @Start
    void start(Stage stage) {
        stage.setScene(new Scene(new StackPane(), 200, 100));
        stage.show();
    }

    @Test
    void uncaughtErrorFromAWorkerThreadIsShownOnTheFxThread(FxRobot robot) throws Exception {
        RecordingDialogs dialogs = new RecordingDialogs();
        DefaultExceptionHandler handler = new DefaultExceptionHandler(dialogs);
        IllegalStateException boom = new IllegalStateException("boom");
        Thread worker = new Thread(() -> handler.uncaughtException(Thread.currentThread(), boom));
        worker.start();
        worker.join(5000);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> dialogs.errors.size() == 1);
        assertSame(boom, dialogs.errors.get(0));
    }

    @Test
    void uncaughtErrorOnTheFxThreadIsShownAtOnce(FxRobot robot) {
        RecordingDialogs dialogs = new RecordingDialogs();
        DefaultExceptionHandler handler = new DefaultExceptionHandler(dialogs);
        robot.interact(() -> handler.uncaughtException(Thread.currentThread(), new RuntimeException("x")));
        assertEquals(1, dialogs.errors.size());
    }
}
