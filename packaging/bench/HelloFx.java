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
                printCpu();
                System.err.flush();
                Runtime.getRuntime().halt(0);
            }
        });
        stage.setScene(scene);
        stage.setTitle("Hello");
        stage.show();
    }

    /** As Hoglink's StartupProbe: this (FX) thread's CPU time, and the JIT compiler threads', from Linux's schedstat. */
    private static void printCpu() {
        try (java.util.stream.Stream<java.nio.file.Path> tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            long jit = tasks.filter(t -> comm(t).startsWith("C1 Compiler") || comm(t).startsWith("C2 Compiler"))
                    .mapToLong(HelloFx::cpuMs).sum();
            System.err.println("startup.window_fx_cpu_ms=" + cpuMs(java.nio.file.Path.of("/proc/thread-self")));
            System.err.println("startup.window_jit_cpu_ms=" + jit);
        } catch (java.io.IOException | RuntimeException e) {
            // no /proc: no CPU figures
        }
    }

    private static String comm(java.nio.file.Path task) {
        try {
            return java.nio.file.Files.readString(task.resolve("comm")).trim();
        } catch (java.io.IOException e) {
            return "";
        }
    }

    private static long cpuMs(java.nio.file.Path task) {
        try {
            return Long.parseLong(java.nio.file.Files.readString(task.resolve("schedstat")).trim().split("\\s+")[0]) / 1_000_000L;
        } catch (java.io.IOException | RuntimeException e) {
            return 0;
        }
    }

    public static void main(String[] args) {
        launch(args);
    }
}
