package dev.hoglink;

import dev.hoglink.service.InventoryCache;
import dev.hoglink.service.InventoryConnection;
import dev.hoglink.ui.common.ControllerFactory;
import dev.hoglink.ui.common.DefaultExceptionHandler;
import dev.hoglink.ui.common.FxDialogService;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.Snapshots;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.common.Toasts;
import dev.hoglink.ui.common.UiPreferences;
import dev.hoglink.ui.common.UiPreferencesStore;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.inventory.InventoryView;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.RowState;
import dev.hoglink.ui.theme.ThemeManager;
import dev.hoglink.util.AppDirs;
import dev.hoglink.util.Logging;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Composition root: builds the services, applies the theme and shows the main window. */
public class HoglinkApp extends Application {

    private static final Logger LOGGER = LoggerFactory.getLogger(HoglinkApp.class);

    static void launchWith(GuiOptions options) {
        Application.launch(HoglinkApp.class, options.toArgs());
    }

    private GuiOptions options = GuiOptions.defaults();
    private AppDirs dirs;
    private UiPreferencesStore prefsStore;
    private UiPreferences prefs;
    private TaskRunner runner;
    private ThemeManager theme;
    private InventoryView inventoryView;
    private InventoryViewModel inventory;
    private Stage stage;

    @Override
    public void init() {
        options = GuiOptions.parse(getParameters().getRaw());
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        dirs = AppDirs.forCurrentUser();
        Logging.configure(dirs, Level.INFO);
        prefsStore = new UiPreferencesStore(dirs.configPath());
        prefs = prefsStore.load();
        theme = new ThemeManager(t -> prefs.theme = t.id());
        theme.apply(ThemeManager.Theme.parse(options.theme().orElse(prefs.theme)));

        FxDialogService dialogs = new FxDialogService(() -> stage);
        DefaultExceptionHandler.install(dialogs);
        // Two threads more than the status requests in flight, so the detail pane never waits behind a load.
        runner = new FxTaskRunner(InventoryViewModel.DEFAULT_MAX_IN_FLIGHT + 2);
        inventory = new InventoryViewModel(runner, new InventoryCache(dirs.cachePath()), Clock.systemDefaultZone(),
                InventoryViewModel.DEFAULT_MAX_IN_FLIGHT);

        ControllerFactory controllers = new ControllerFactory()
                .register(InventoryView.class, () -> new InventoryView(inventory, theme, ZoneId.systemDefault()));
        ViewLoader.Loaded<InventoryView> loaded = new ViewLoader(controllers).load(InventoryView.class);
        inventoryView = loaded.controller();
        inventoryView.restoreLayout(prefs);
        dialogs.setToasts(new Toasts(inventoryView.overlay(), Duration.seconds(5)));

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(loaded.root(), Math.min(prefs.windowWidth, screen.getWidth()),
                Math.min(prefs.windowHeight, screen.getHeight()));
        theme.register(scene);
        stage.setScene(scene);
        stage.setTitle("Hoglink");
        stage.setOnShown(e -> StartupProbe.windowShown());
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        restoreWindow();

        openConnection(options).ifPresent(c -> {
            inventory.connectionLabelProperty().set(c.label());
            inventory.sandboxProperty().set(c.sandbox());
            inventory.connect(c.host(), c.service(), prefs.lastOrganization.get(c.host()));
        });
        inventory.selectedOrganizationProperty().addListener((o, a, b) -> {
            if (b != null && !inventory.host().isEmpty()) {
                prefs.lastOrganization.put(inventory.host(), b.id());
            }
        });
        stage.show();

        String snapshotDir = System.getProperty("hoglink.snapshot");
        if (snapshotDir != null && !snapshotDir.isBlank()) {
            takeScreenshots(Path.of(snapshotDir));
        }
    }

    /**
     * The connection the window opens on. Returns empty until the connections feature provides one; the
     * window then shows its "No connection yet" state. Subclasses (the screenshot launcher) may override.
     */
    protected Optional<InventoryConnection> openConnection(GuiOptions options) {
        return Optional.empty();
    }

    /** The inventory view model, for the features that plug actions and connections into it. */
    protected InventoryViewModel inventory() {
        return inventory;
    }

    @Override
    public void stop() {
        if (inventoryView != null && prefs != null) {
            inventoryView.captureLayout(prefs);
            captureWindow();
            prefsStore.save(prefs);
            inventoryView.dispose();
        }
        if (runner != null) {
            runner.shutdown();
        }
    }

    private void restoreWindow() {
        if (prefs.windowX != null && prefs.windowY != null
                && !Screen.getScreensForRectangle(new Rectangle2D(prefs.windowX, prefs.windowY, 100, 100)).isEmpty()) {
            stage.setX(prefs.windowX);
            stage.setY(prefs.windowY);
        }
        stage.setMaximized(prefs.maximized);
    }

    private void captureWindow() {
        prefs.maximized = stage.isMaximized();
        if (!stage.isMaximized() && stage.getWidth() > 0) {
            prefs.windowX = stage.getX();
            prefs.windowY = stage.getY();
            prefs.windowWidth = stage.getWidth();
            prefs.windowHeight = stage.getHeight();
        }
    }

    // ---- screenshots (-Dhoglink.snapshot=DIR) --------------------------------------------------------------

    /**
     * Waits for the data to settle, then writes {@code inventory-light.png}, {@code inventory-dark.png} (a
     * project selected) and {@code inventory-problems.png}, and exits. Used by packaging/screenshots.sh.
     */
    private void takeScreenshots(Path dir) {
        Deque<Step> steps = new ArrayDeque<>();
        BooleanSupplier settled = () -> !inventory.busyProperty().get()
                && !inventory.detail().reposLoadingProperty().get()
                && !inventory.detail().installationsLoadingProperty().get();
        steps.add(new Step(settled, () -> theme.apply(ThemeManager.Theme.LIGHT)));
        steps.add(new Step(() -> true, () -> shoot(dir.resolve("inventory-light.png"))));
        steps.add(new Step(() -> true, () -> inventory.rows().stream()
                .filter(r -> r.state() == RowState.CONNECTED && r.sharedWith() > 0).findFirst()
                .or(() -> inventory.rows().stream().findFirst())
                .ifPresent(r -> inventory.selectedRowProperty().set(r))));
        steps.add(new Step(settled, () -> shoot(dir.resolve("inventory-light-detail.png"))));
        steps.add(new Step(() -> true, () -> theme.apply(ThemeManager.Theme.DARK)));
        steps.add(new Step(() -> true, () -> shoot(dir.resolve("inventory-dark.png"))));
        steps.add(new Step(() -> true, () -> {
            inventory.chipProblemsProperty().set(true);
            inventory.rows().stream().filter(r -> r.state() == RowState.FAILED).findFirst()
                    .or(() -> inventory.rows().stream().filter(r -> r.state().isProblem()).findFirst())
                    .ifPresent(r -> inventory.selectedRowProperty().set(r));
        }));
        steps.add(new Step(settled, () -> shoot(dir.resolve("inventory-dark-problems.png"))));
        steps.add(new Step(() -> true, () -> {
            inventory.clearFilters();
            theme.apply(ThemeManager.Theme.LIGHT);
            inventory.chipProblemsProperty().set(true);
        }));
        steps.add(new Step(settled, () -> shoot(dir.resolve("inventory-light-problems.png"))));
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

    private record Step(BooleanSupplier ready, Runnable action) {
    }

    private void shoot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Snapshots.writePng(stage.getScene(), file);
            LOGGER.info("Wrote {}", file);
        } catch (IOException e) {
            LOGGER.error("Cannot write {}", file, e);
        }
    }
}
