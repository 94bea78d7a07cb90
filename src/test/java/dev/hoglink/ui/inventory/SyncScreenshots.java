package dev.hoglink.ui.inventory;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.Snapshots;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.main.MainWindowView;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Test-only launcher: the real main window at 1024x700 on the embedded sandbox, in light and dark: Acme loaded
 * (the status bar's age), Acme refreshed after the sandbox's hourly throttle ran out (the budget's banner and
 * countdown), and Stark (a project with two environments). Writes PNGs, then exits. Run by
 * {@code packaging/screenshots-sync.sh}.
 */
public final class SyncScreenshots extends Application {

    /** Plain entry point (a main in the Application subclass itself trips the launcher's module check). */
    public static final class Main {
        public static void main(String[] args) {
            launch(SyncScreenshots.class, args);
        }
    }

    private final Deque<Runnable> steps = new ArrayDeque<>();
    private BooleanSupplier waitFor = () -> true;

    @Override
    public void start(Stage stage) throws Exception {
        Path out = Path.of(getParameters().getRaw().isEmpty() ? "target/screenshots" : getParameters().getRaw().get(0));
        Files.createDirectories(out);
        ThemeManager theme = new ThemeManager(t -> { });
        theme.apply(ThemeManager.Theme.LIGHT);
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
        String url = sandbox.baseUri().toString();
        // One clock for the window and the store of reads, moved on by the steps: rows read minutes apart.
        dev.hoglink.support.TestClock clock = new dev.hoglink.support.TestClock(java.time.Instant.now());
        InventoryViewModel vm = new InventoryViewModel(new FxTaskRunner(4), null, clock, 4);
        ViewLoader.Loaded<MainWindowView> loaded = MainWindowHarness.load(vm, theme, ZoneOffset.systemDefault(),
                new MainWindowHarness.RecordingActions());
        Scene scene = new Scene(loaded.root(), 1024, 700);
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        vm.connectionLabelProperty().set("Sandbox");
        vm.sandboxProperty().set(true);
        HttpInventoryService acme = new HttpInventoryService(PostHogClient.builder(url, ApiKey.of(sandbox.key("owner"))).build(),
                new dev.hoglink.service.inventory.ProjectReads(clock));
        steps.add(() -> {
            vm.connect(url, acme, SeedWorld.ACME_ORG);
            waitFor = () -> !vm.busyProperty().get() && !vm.rows().isEmpty();
        });
        steps.add(() -> {
            // Seven minutes later three projects are read again (as after a change): the Read column tells them apart.
            clock.advance(java.time.Duration.ofMinutes(7));
            vm.refreshProjects(java.util.Set.of(vm.rows().get(0).id(), vm.rows().get(2).id(), vm.rows().get(5).id()));
            waitFor = () -> !vm.busyProperty().get();
        });
        steps.add(() -> vm.tick());
        shootBoth(theme, scene, out, "sync-%s-1-ages.png");
        steps.add(() -> {
            // The sandbox's throttle on, with an hour's budget that runs out a few reads into the refresh.
            sandbox.knobs().setThrottleRates(480, 8);
            sandbox.knobs().setThrottle(true);
            vm.refresh();
            waitFor = () -> !vm.busyProperty().get() && !vm.bannerTitleProperty().get().isEmpty();
        });
        steps.add(() -> vm.tick());
        shootBoth(theme, scene, out, "sync-%s-2-budget.png");
        steps.add(() -> {
            sandbox.knobs().setThrottle(false);
            HttpInventoryService stark = new HttpInventoryService(
                    PostHogClient.builder(url, ApiKey.of(sandbox.key("stark_owner"))).build());
            vm.connect(url, stark, SeedWorld.STARK_ORG);
            waitFor = () -> !vm.busyProperty().get() && !vm.rows().isEmpty();
        });
        steps.add(() -> vm.selectedRowProperty().set(vm.rows().stream()
                .filter(r -> r.name().contains("/")).findFirst().orElse(null)));
        shootBoth(theme, scene, out, "sync-%s-3-environments.png");
        steps.add(() -> {
            sandbox.stop();
            Platform.exit();
        });
        Timeline t = new Timeline(new KeyFrame(Duration.millis(700), e -> {
            if (!waitFor.getAsBoolean()) {
                return;
            }
            waitFor = () -> true;
            Runnable r = steps.poll();
            if (r != null) {
                r.run();
            }
        }));
        t.setCycleCount(Timeline.INDEFINITE);
        t.play();
    }

    private void shootBoth(ThemeManager theme, Scene scene, Path out, String pattern) {
        steps.add(() -> shoot(scene, out.resolve(String.format(pattern, "light"))));
        steps.add(() -> theme.apply(ThemeManager.Theme.DARK));
        steps.add(() -> shoot(scene, out.resolve(String.format(pattern, "dark"))));
        steps.add(() -> theme.apply(ThemeManager.Theme.LIGHT));
    }

    private static void shoot(Scene scene, Path file) {
        try {
            Snapshots.writePng(scene, file);
            System.err.println("wrote " + file);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
