package dev.hoglink;

import dev.hoglink.ui.common.Snapshots;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.RowState;
import dev.hoglink.ui.theme.ThemeManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The main window's screenshots ({@code -Dhoglink.snapshot=DIR}, used by packaging/screenshots.sh). */
final class AppScreenshots {

    private static final Logger LOGGER = LoggerFactory.getLogger(AppScreenshots.class);

    private AppScreenshots() {
    }

    /**
     * Waits for the data to settle, then writes {@code inventory-light.png}, {@code inventory-dark.png} (a
     * project selected) and {@code inventory-problems.png}, and exits.
     */
    static void take(Path dir, Stage stage, InventoryViewModel inventory, ThemeManager theme, BooleanSupplier sessionOpen) {
        Deque<Step> steps = new ArrayDeque<>();
        BooleanSupplier settled = () -> sessionOpen.getAsBoolean() && !inventory.rows().isEmpty()
                && !inventory.busyProperty().get()
                && !inventory.detail().reposLoadingProperty().get()
                && !inventory.detail().installationsLoadingProperty().get();
        steps.add(new Step(settled, () -> theme.apply(ThemeManager.Theme.LIGHT)));
        steps.add(new Step(() -> true, () -> shoot(stage, dir.resolve("inventory-light.png"))));
        steps.add(new Step(() -> true, () -> inventory.rows().stream()
                .filter(r -> r.state() == RowState.CONNECTED && r.sharedWith() > 0).findFirst()
                .or(() -> inventory.rows().stream().findFirst())
                .ifPresent(r -> inventory.selectedRowProperty().set(r))));
        steps.add(new Step(settled, () -> shoot(stage, dir.resolve("inventory-light-detail.png"))));
        steps.add(new Step(() -> true, () -> theme.apply(ThemeManager.Theme.DARK)));
        steps.add(new Step(() -> true, () -> shoot(stage, dir.resolve("inventory-dark.png"))));
        steps.add(new Step(() -> true, () -> {
            inventory.table().chipProblemsProperty().set(true);
            inventory.rows().stream().filter(r -> r.state() == RowState.FAILED).findFirst()
                    .or(() -> inventory.rows().stream().filter(r -> r.state().isProblem()).findFirst())
                    .ifPresent(r -> inventory.selectedRowProperty().set(r));
        }));
        steps.add(new Step(settled, () -> shoot(stage, dir.resolve("inventory-dark-problems.png"))));
        steps.add(new Step(() -> true, () -> {
            inventory.table().clearFilters();
            theme.apply(ThemeManager.Theme.LIGHT);
            inventory.table().chipProblemsProperty().set(true);
        }));
        steps.add(new Step(settled, () -> shoot(stage, dir.resolve("inventory-light-problems.png"))));
        steps.add(new Step(() -> true, Platform::exit));
        long deadline = System.currentTimeMillis() + 30_000;
        Timeline poll = new Timeline();
        poll.getKeyFrames().add(new KeyFrame(Duration.millis(400), e -> {
            Step next = steps.peek();
            if (next == null) {
                poll.stop();
                return;
            }
            if (next.ready().getAsBoolean() || System.currentTimeMillis() > deadline) {
                steps.poll();
                next.action().run();
            }
        }));
        poll.setCycleCount(Timeline.INDEFINITE);
        poll.play();
    }

    /**
     * The window's first frame, before any other FX event (the connection opening, a refresh) has run, in the light
     * and the dark theme: {@code first-frame-light.png} and {@code first-frame-dark.png}; then exits.
     */
    static void firstFrame(Path dir, Stage stage, ThemeManager theme) {
        Platform.runLater(() -> {
            theme.apply(ThemeManager.Theme.LIGHT);
            shoot(stage, dir.resolve("first-frame-light.png"));
            theme.apply(ThemeManager.Theme.DARK);
            shoot(stage, dir.resolve("first-frame-dark.png"));
            Platform.exit();
        });
    }

    private record Step(BooleanSupplier ready, Runnable action) {
    }

    private static void shoot(Stage stage, Path file) {
        try {
            dev.hoglink.util.AppDirs.ensure(file.getParent());
            Snapshots.writePng(stage.getScene(), file);
            LOGGER.info("Wrote {}", file);
        } catch (IOException e) {
            LOGGER.error("Cannot write {}", file, e);
        }
    }
}
