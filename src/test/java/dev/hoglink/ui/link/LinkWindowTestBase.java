package dev.hoglink.ui.link;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.inventory.InventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.session.Session;
import dev.hoglink.service.session.SessionFactory;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.common.FxDialogService;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.Toasts;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.main.MainWindowView;
import dev.hoglink.ui.theme.ThemeManager;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The main window with the link feature over a real sandbox, as the link feature's window tests start it: the
 * sandbox, a client with the given key, the action journal in the test's folder, the inventory view model and the
 * window on the test's stage, the dialogs with toasts, one session over the client, and the link commands the
 * window's actions call. After each test every window but the test's stage is closed and the rest stopped.
 * Subclasses keep the stage TestFX gives their {@code @Start} method in {@link #stage}.
 */
abstract class LinkWindowTestBase {

    /** How a test wants the window. */
    record Setup(SandboxOptions sandbox, Function<SandboxServer, String> key, ThemeManager.Theme theme, double width,
                 double height, boolean bulkAndUndo, UnaryOperator<InventoryService> inventory) {

        /** The owner's key, light, 1240x760, the link and unlink actions only, the session's own inventory. */
        static Setup defaults() {
            return new Setup(SandboxOptions.defaults(), s -> s.key("owner"), ThemeManager.Theme.LIGHT, 1240, 760,
                    false, UnaryOperator.identity());
        }

        Setup withSandbox(SandboxOptions options) {
            return new Setup(options, key, theme, width, height, bulkAndUndo, inventory);
        }

        Setup withKey(Function<SandboxServer, String> k) {
            return new Setup(sandbox, k, theme, width, height, bulkAndUndo, inventory);
        }

        Setup withTheme(ThemeManager.Theme t) {
            return new Setup(sandbox, key, t, width, height, bulkAndUndo, inventory);
        }

        Setup withSize(double w, double h) {
            return new Setup(sandbox, key, theme, w, h, bulkAndUndo, inventory);
        }

        /** The window's bulk link and undo also reach the feature (else they are only recorded). */
        Setup withBulkAndUndo() {
            return new Setup(sandbox, key, theme, width, height, true, inventory);
        }

        /** The window reads its inventory through {@code wrap} applied to the session's. */
        Setup withInventory(UnaryOperator<InventoryService> wrap) {
            return new Setup(sandbox, key, theme, width, height, bulkAndUndo, wrap);
        }
    }

    @TempDir
    Path dir;

    Stage stage;
    SandboxServer sandbox;
    PostHogClient client;
    ActionJournal journal;
    final List<URI> opened = new ArrayList<>();
    FxTaskRunner runner;
    InventoryViewModel vm;
    MainWindowView view;
    Toasts toasts;
    Session session;
    LinkCommands feature;
    ThemeManager theme;
    FxDialogService dialogs;
    /** The undo button's text, bound to the feature once it exists (the window binds to it when it loads). */
    private final SimpleStringProperty undoLabel = new SimpleStringProperty("");

    /** Starts the sandbox and shows the window on {@link #stage}; returns once the connection is being read. */
    void open(FxRobot robot, Setup setup) throws Exception {
        sandbox = SandboxServer.start(setup.sandbox());
        String base = sandbox.baseUri().toString();
        client = PostHogClient.builder(base, ApiKey.of(setup.key().apply(sandbox)))
                .requestTimeout(Duration.ofSeconds(10)).connectTimeout(Duration.ofSeconds(2)).build();
        journal = new ActionJournal(dir.resolve("journal.jsonl"), Clock.systemUTC());
        robot.interact(() -> show(base, setup));
    }

    /** Waits up to 15 s for the condition, then for the FX thread to settle. */
    static void waitFor(Callable<Boolean> condition) throws Exception {
        waitFor(15, condition);
    }

    /** Waits up to {@code seconds} for the condition, then for the FX thread to settle. */
    static void waitFor(int seconds, Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void show(String base, Setup setup) {
        runner = new FxTaskRunner(6);
        theme = new ThemeManager(t -> { });
        theme.apply(setup.theme());
        vm = new InventoryViewModel(runner, null, Clock.systemUTC(), 4);
        MainWindowHarness.RecordingActions actions = setup.bulkAndUndo() ? new FeatureActions() {
            @Override
            public void linkProjects(List<ProjectRowViewModel> rows) {
                feature.openBulkDialog(rows);
            }

            @Override
            public void undoLastLink() {
                feature.undoLastLink();
            }

            @Override
            public javafx.beans.property.ReadOnlyStringProperty undoLastLinkLabelProperty() {
                return undoLabel;
            }
        } : new FeatureActions();
        ViewLoader.Loaded<MainWindowView> loaded = MainWindowHarness.load(vm, theme, ZoneOffset.UTC, actions);
        view = loaded.controller();
        Scene scene = new Scene(loaded.root(), setup.width(), setup.height());
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        dialogs = new FxDialogService(() -> stage);
        toasts = new Toasts(view.overlay(), javafx.util.Duration.seconds(60));
        dialogs.setToasts(toasts);
        session = new SessionFactory((h, k) -> client, journal, java.util.Set::of)
                .over(PostHogHost.parse(base), "Sandbox", true, client);
        feature = new LinkCommands(runner, dialogs, vm, new ReadOnlyObjectWrapper<>(session), opened::add,
                Clock.systemUTC(), row -> { });
        undoLabel.bind(feature.undoLabelProperty());
        vm.connect(base, setup.inventory().apply(session.inventory()), null);
    }

    /** The window's link, unlink and "Manage on GitHub" reach the feature; its other actions are only recorded. */
    private class FeatureActions extends MainWindowHarness.RecordingActions {
        @Override
        public void link(ProjectRowViewModel row) {
            feature.openLinkDialog(row);
        }

        @Override
        public void unlink(ProjectRowViewModel row, dev.hoglink.model.GitHubLink link) {
            feature.unlink(row, link);
        }

        @Override
        public void manageOnGitHub(ProjectRowViewModel row, dev.hoglink.model.GitHubLink link) {
            feature.manageOnGitHub(row, link);
        }
    }

    /** Closes every window but the test's stage. */
    void closeOtherWindows() {
        WaitForAsyncUtils.asyncFx(() -> {
            for (Window w : new ArrayList<>(Window.getWindows())) {
                if (w != stage && w instanceof Stage s) {
                    s.close();
                }
            }
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    @AfterEach
    void closeTheWindowAndStopTheSandbox() {
        closeOtherWindows();
        if (runner != null) {
            runner.shutdown();
        }
        if (view != null) {
            view.dispose();
        }
        if (sandbox != null) {
            sandbox.stop();
        }
    }
}
