package dev.hoglink.support;

import dev.hoglink.ui.common.Snapshots;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Deque;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.util.Duration;

/**
 * What the screenshot launchers (test sources, run by hand or by packaging scripts) share: the output folder from
 * the first argument, a PNG of a scene or node with a line on standard error, and a queue of steps run one per tick
 * on the FX thread, so that each picture is taken after the layout and the reads of the step before.
 */
public final class ScreenshotSteps {

    private ScreenshotSteps() {
    }

    /** The folder named by the launcher's first argument (default {@code target/screenshots}), created. */
    public static Path outputFolder(Application.Parameters parameters) throws java.io.IOException {
        Path out = Path.of(parameters.getRaw().isEmpty() ? "target/screenshots" : parameters.getRaw().get(0));
        Files.createDirectories(out);
        return out;
    }

    /** Writes the scene as a PNG and says so. */
    public static void shoot(Scene scene, Path file) {
        try {
            Snapshots.writePng(scene, file);
            System.err.println("wrote " + file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Writes the node as a PNG and says so. */
    public static void shoot(Node node, Path file) {
        try {
            Snapshots.writePng(node, file);
            System.err.println("wrote " + file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Runs the steps in order on the FX thread, one every {@code every}, until the queue is empty. */
    public static void play(Deque<Runnable> steps, Duration every) {
        Timeline t = new Timeline(new KeyFrame(every, e -> {
            Runnable r = steps.poll();
            if (r != null) {
                r.run();
            }
        }));
        t.setCycleCount(Timeline.INDEFINITE);
        t.play();
    }
}
