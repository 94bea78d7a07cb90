package dev.hoglink.ui.link;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.session.Session;
import dev.hoglink.service.session.SessionFactory;
import dev.hoglink.ui.common.FxDialogService;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.Snapshots;
import dev.hoglink.ui.common.Toasts;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.main.MainWindowView;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Test-only: opens the link dialogs over a sandbox in one theme and writes PNGs of their states, to look at
 * them under Xvfb. {@code java -cp … dev.hoglink.ui.link.LinkDialogsPreview <light|dark> <out-dir> [role]}.
 */
public final class LinkDialogsPreview {

    private LinkDialogsPreview() {
    }

    public static void main(String[] args) {
        Application.launch(App.class, args);
    }

    /** The preview application. */
    public static final class App extends Application {
        private final Deque<Object[]> steps = new ArrayDeque<>();
        private LinkCommands feature;
        private SandboxServer sandbox;
        private InventoryViewModel vm;
        private MainWindowView view;
        private Path out;

        @Override
        public void start(Stage stage) throws Exception {
            var args = getParameters().getRaw();
            ThemeManager.Theme themeChoice = ThemeManager.Theme.parse(args.get(0));
            out = Path.of(args.get(1));
            String role = args.size() > 2 ? args.get(2) : "owner";
            Files.createDirectories(out);
            sandbox = SandboxServer.start(SandboxOptions.defaults());
            String base = sandbox.baseUri().toString();
            PostHogClient client = PostHogClient.builder(base, ApiKey.of(sandbox.key(role))).build();
            FxTaskRunner runner = new FxTaskRunner(6);
            ThemeManager theme = new ThemeManager(t -> { });
            theme.apply(themeChoice);
            vm = new InventoryViewModel(runner, null, Clock.systemUTC(), 4);
            MainWindowHarness.RecordingActions actions = new MainWindowHarness.RecordingActions() {
                @Override
                public void link(ProjectRowViewModel row) {
                    feature.openLinkDialog(row);
                }

                @Override
                public void unlink(ProjectRowViewModel row, dev.hoglink.model.GitHubLink link) {
                    feature.unlink(row, link);
                }

                @Override
                public void linkProjects(java.util.List<ProjectRowViewModel> rows) {
                    feature.openBulkDialog(rows);
                }
            };
            ViewLoader.Loaded<MainWindowView> loaded = MainWindowHarness.load(vm, theme, ZoneOffset.UTC, actions);
            view = loaded.controller();
            Scene scene = new Scene(loaded.root(), 1240, 760);
            theme.register(scene);
            stage.setScene(scene);
            stage.show();
            FxDialogService dialogs = new FxDialogService(() -> stage);
            dialogs.setToasts(new Toasts(view.overlay(), Duration.seconds(60)));
            Path home = Files.createTempDirectory("hoglink-preview");
            ActionJournal journal = new ActionJournal(home.resolve("journal.jsonl"), Clock.systemUTC());
            Session session = new SessionFactory((h, k) -> client, journal, java.util.Set::of)
                    .over(PostHogHost.parse(base), "Sandbox", true, client);
            feature = new LinkCommands(runner, dialogs, vm, new ReadOnlyObjectWrapper<>(session), page -> { },
                    Clock.systemUTC(), r -> { });
            vm.connect(base, session.inventory(), null);
            String t = themeChoice.id() + "-" + role;

            step(() -> !vm.busyProperty().get() && vm.rows().size() > 20, () -> select(108));
            step(() -> !vm.detail().installationsLoadingProperty().get(), () -> click(view.overlay().getScene().lookup("#linkButton")));
            step(() -> table() != null && !table().getItems().isEmpty(), () -> shoot("link-pick-" + t));
            step(() -> true, () -> {
                table().getItems().stream().filter(r -> r.option().installationId().equals("10000001")).findFirst()
                        .ifPresent(r -> table().getSelectionModel().select(r));
                click(dialog().lookup("#primaryButton"));
            });
            step(() -> true, () -> shoot("link-confirm-" + t));
            step(() -> true, () -> {
                sandbox.knobs().setGitHubRateLimitSeconds(30);
                click(dialog().lookup("#primaryButton"));
            });
            step(() -> dialog().lookup("#messageBox").isVisible(), () -> shoot("link-result-" + t));
            step(() -> true, () -> {
                sandbox.knobs().setGitHubRateLimitSeconds(0);
                feature.openDialog().close();
                select(111, 112, 113);
            });
            step(() -> !vm.detail().installationsLoadingProperty().get(), () -> {
                try {
                    Snapshots.writePng(stage.getScene(), out.resolve("main-" + t + ".png"));
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
                click(view.overlay().getScene().lookup("#bulkLinkButton"));
            });
            step(() -> picker() != null && !picker().getItems().isEmpty(), () -> {
                picker().getItems().stream().filter(r -> r.option().installationId().equals("10000001")).findFirst()
                        .ifPresent(picker()::setValue);
            });
            step(() -> true, () -> {
                @SuppressWarnings("unchecked")
                ComboBox<MarkedProjects.Scope> scope = (ComboBox<MarkedProjects.Scope>) dialog().lookup("#scopePicker");
                scope.setValue(MarkedProjects.Scope.IN_FILTER);
            });
            shootSized("bulk-plan-" + t);
            if (!"owner".equals(role)) { // another role: its plan only (it may have nothing to send)
                step(() -> true, () -> {
                    sandbox.stop();
                    Platform.exit();
                });
            }
            step(() -> true, () -> {
                sandbox.knobs().setLatencyMs(600); // slow enough to see the run
                click(dialog().lookup("#applyButton"));
            });
            step(() -> ((javafx.scene.control.Label) dialog().lookup("#progressLabel")).getText().startsWith("Linking 9 of"),
                    () -> { });
            shootSized("bulk-running-" + t);
            step(() -> "Close".equals(((Button) dialog().lookup("#closeButton")).getText()),
                    () -> sandbox.knobs().setLatencyMs(0));
            shootSized("bulk-result-" + t);
            step(() -> true, () -> {
                sandbox.knobs().setGitHubRateLimitSeconds(0);
                sandbox.stop();
                Platform.exit();
            });
            Timeline poll = new Timeline(new KeyFrame(Duration.millis(300), e -> {
                Object[] s = steps.peek();
                if (s != null && ((BooleanSupplier) s[0]).getAsBoolean()) {
                    steps.poll();
                    ((Runnable) s[1]).run();
                }
            }));
            poll.setCycleCount(Timeline.INDEFINITE);
            poll.play();
        }

        private void step(BooleanSupplier ready, Runnable action) {
            steps.add(new Object[] {ready, action});
        }

        private void select(long... ids) {
            @SuppressWarnings("unchecked")
            TableView<Object> t = (TableView<Object>) view.overlay().getScene().lookup("#projectsTable");
            t.getSelectionModel().clearSelection();
            for (long id : ids) {
                t.getSelectionModel().select(vm.row(id));
            }
        }

        private Parent dialog() {
            return feature.openDialog() == null ? new javafx.scene.Group() : feature.openDialog().getScene().getRoot();
        }

        @SuppressWarnings("unchecked")
        private TableView<OptionRow> table() {
            return (TableView<OptionRow>) dialog().lookup("#optionsTable");
        }

        @SuppressWarnings("unchecked")
        private ComboBox<OptionRow> picker() {
            return (ComboBox<OptionRow>) dialog().lookup("#installationPicker");
        }

        private static void click(Node n) {
            ((Button) n).fire();
        }

        /** The dialog at 1024x700 (the smallest screen the app supports) and at a roomy full size, a pulse apart. */
        private void shootSized(String name) {
            step(() -> true, () -> size(1024, 700));
            step(() -> true, () -> { });
            step(() -> feature.openDialog().getScene().getWidth() == 1024, () -> shoot(name + "-1024x700"));
            step(() -> true, () -> size(1600, 1000));
            step(() -> true, () -> { });
            step(() -> feature.openDialog().getScene().getWidth() == 1600, () -> shoot(name + "-full"));
            step(() -> true, () -> size(940, 640));
        }

        private void size(double w, double h) {
            feature.openDialog().setWidth(w);
            feature.openDialog().setHeight(h);
        }

        private void shoot(String name) {
            try {
                Snapshots.writePng(feature.openDialog().getScene(), out.resolve(name + ".png"));
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
    }
}
