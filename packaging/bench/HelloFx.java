import javafx.application.Application;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.layout.StackPane;
import javafx.stage.Stage;

/**
 * The floor of packaging/bench-startup.sh: a JavaFX hello world (one Stage, one Label) on the plain JDK. It marks
 * its window as Hoglink does (the first laid-out frame of the shown window) and ends there: it prints
 * startup.window_ms= (from HOGLINK_STARTUP_PROBE, the spawn time in epoch ms) to stderr and halts.
 */
public class HelloFx extends Application {

    @Override
    public void start(Stage stage) {
        Scene scene = new Scene(new StackPane(new Label("Hello, world")), 640, 400);
        scene.addPostLayoutPulseListener(() -> {
            if (stage.isShowing()) {
                long t0 = Long.parseLong(System.getenv("HOGLINK_STARTUP_PROBE").trim());
                System.err.println("startup.window_ms=" + (System.currentTimeMillis() - t0));
                System.err.flush();
                Runtime.getRuntime().halt(0);
            }
        });
        stage.setScene(scene);
        stage.setTitle("Hello");
        stage.show();
    }

    public static void main(String[] args) {
        launch(args);
    }
}
