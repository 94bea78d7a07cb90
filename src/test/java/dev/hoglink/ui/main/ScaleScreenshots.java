package dev.hoglink.ui.main;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.session.Session;
import dev.hoglink.service.session.SessionFactory;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.audit.AuditCommands;
import dev.hoglink.ui.audit.AuditViewModel;
import dev.hoglink.ui.common.FxDialogService;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.Snapshots;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.link.LinkCommands;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Orientation;
import javafx.scene.Scene;
import javafx.scene.control.ScrollBar;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Test-only launcher for packaging/screenshots-scale.sh: the real main window, link and audit commands over a
 * sandbox with the 2,000-project organization (Initech Scale), writing PNGs of every screen changed for it, in
 * both themes, at 1024x700, at full size (1600x1000) and the main window at its smallest (898x535).
 */
public final class ScaleScreenshots extends Application {

    /** Plain entry point (a main in the Application subclass trips the launcher's module check). */
    public static final class Main {
        public static void main(String[] args) {
            launch(ScaleScreenshots.class, args);
        }
    }

    private record Step(BooleanSupplier ready, Runnable action) {
    }

    private Path out;
    private Stage stage;
    private ThemeManager theme;
    private InventoryViewModel vm;
    private AuditCommands audit;
    private TableView<ProjectRowViewModel> table;

    @Override
    @SuppressWarnings("unchecked")
    public void start(Stage primary) throws Exception {
        this.stage = primary;
        out = Path.of(getParameters().getRaw().isEmpty() ? "target/screenshots-scale" : getParameters().getRaw().get(0));
        Files.createDirectories(out);
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withExtraProjects(2000));
        String base = sandbox.baseUri().toString();
        PostHogClient client = PostHogClient.builder(base, ApiKey.of(sandbox.key("owner")))
                .rateLimiter(RateLimiter.unlimited()).build();
        Path home = Files.createTempDirectory("hoglink-scale-shots");
        ActionJournal journal = new ActionJournal(home.resolve("journal.jsonl"), Clock.systemUTC());
        FxTaskRunner runner = new FxTaskRunner(6);
        theme = new ThemeManager(t -> { });
        theme.apply(ThemeManager.Theme.LIGHT);
        vm = new InventoryViewModel(runner, null, Clock.systemUTC(), 8);
        LinkCommands[] links = new LinkCommands[1];
        MainWindowHarness.RecordingActions actions = new MainWindowHarness.RecordingActions() {
            @Override
            public void linkProjects(List<ProjectRowViewModel> rows) {
                links[0].openBulkDialog(rows);
            }

            @Override
            public void openAudit() {
                audit.open();
            }
        };
        ViewLoader.Loaded<MainWindowView> loaded = MainWindowHarness.load(vm, theme, ZoneOffset.UTC, actions);
        Scene scene = new Scene(loaded.root(), 1024, 700);
        theme.register(scene);
        stage.setScene(scene);
        stage.setTitle("Hoglink");
        stage.show();
        FxDialogService dialogs = new FxDialogService(() -> stage);
        Session session = new SessionFactory((h, k) -> client, journal, java.util.Set::of)
                .over(PostHogHost.parse(base), "Sandbox", true, client);
        ReadOnlyObjectWrapper<Session> current = new ReadOnlyObjectWrapper<>(session);
        links[0] = new LinkCommands(runner, dialogs, vm, current, u -> { }, Clock.systemUTC(), row -> { });
        audit = new AuditCommands(runner, dialogs, vm, current, u -> { }, links[0]::openLinkDialog, row -> { },
                links[0]::relink);
        audit.setBulkLink(links[0]::openBulkDialog);
        vm.connect(base, session.inventory(), SeedWorld.INITECH_ORG);
        table = (TableView<ProjectRowViewModel>) scene.lookup("#projectsTable");

        Deque<Step> steps = new ArrayDeque<>();
        BooleanSupplier loaded2000 = () -> vm.rows().size() >= 2000 && !vm.busyProperty().get()
                && vm.rows().stream().allMatch(ProjectRowViewModel::linksKnown);
        for (ThemeManager.Theme t : List.of(ThemeManager.Theme.LIGHT, ThemeManager.Theme.DARK)) {
            String th = t.name().toLowerCase(java.util.Locale.ROOT);
            steps.add(new Step(loaded2000, () -> {
                theme.apply(t);
                size(stage, 898, 535);
                vm.table().chipNotConnectedProperty().set(true);
                table.getSelectionModel().selectRange(0, 2);
            }));
            steps.add(new Step(() -> sized(stage, 898, 535), () -> shoot(stage.getScene(), th + "-main-898x535.png")));
            for (int[] size : new int[][] {{1024, 700}, {1600, 1000}}) {
                String sz = size[0] + "x" + size[1];
                steps.add(new Step(() -> true, () -> size(stage, size[0], size[1])));
                steps.add(new Step(() -> sized(stage, size[0], size[1]),
                        () -> shoot(stage.getScene(), th + "-main-selection-" + sz + ".png")));
                steps.add(new Step(() -> true, () -> {
                    table.getSelectionModel().clearAndSelect(0); // Initech 0004, no GitHub
                    vm.selectedRowProperty().set(table.getItems().get(0));
                }));
                steps.add(new Step(() -> vm.detail().installations().size() >= 50, () -> {
                    vm.detail().installationFilterProperty().set("initech-4");
                    ScrollPane detail = (ScrollPane) stage.getScene().lookup("#detailScroll");
                    if (detail != null) {
                        detail.setVvalue(1);
                    }
                }));
                steps.add(new Step(() -> true, () -> shoot(stage.getScene(), th + "-detail-can-link-" + sz + ".png")));
                steps.add(new Step(() -> true, () -> vm.detail().installationFilterProperty().set("")));
                steps.add(new Step(() -> true, () -> {
                    audit.open();
                    size(audit.stage(), size[0], size[1]);
                }));
                steps.add(new Step(() -> audit.viewModel().reportProperty().get() != null
                        && sized(audit.stage(), size[0], size[1]), () -> audit.view().showTab(1)));
                steps.add(new Step(() -> true, () -> shoot(audit.stage().getScene(), th + "-audit-problems-" + sz + ".png")));
                steps.add(new Step(() -> true, () -> audit.view().showTab(2)));
                steps.add(new Step(() -> true, () -> scrollSideways(audit.stage().getScene())));
                steps.add(new Step(() -> true, () -> shoot(audit.stage().getScene(), th + "-audit-matrix-scrolled-" + sz + ".png")));
                steps.add(new Step(() -> true, () -> audit.viewModel().matrix().installationFilterProperty().set("initech-1")));
                steps.add(new Step(() -> true, () -> shoot(audit.stage().getScene(), th + "-audit-matrix-filtered-" + sz + ".png")));
                steps.add(new Step(() -> true, () -> {
                    audit.viewModel().matrix().clearFilters();
                    audit.view().showTab(0);
                    if (!audit.viewModel().expandedGroups().contains(AuditViewModel.NOT_CONNECTED_GROUP)) {
                        audit.viewModel().toggleExpanded(AuditViewModel.NOT_CONNECTED_GROUP);
                    }
                }));
                steps.add(new Step(() -> true, () -> {
                    ScrollPane d = (ScrollPane) audit.stage().getScene().lookup(".diagram-scroll");
                    javafx.scene.Node group = d.getContent().lookup("#diagram-" + AuditViewModel.NOT_CONNECTED_GROUP);
                    double content = d.getContent().getLayoutBounds().getHeight();
                    double view = d.getViewportBounds().getHeight();
                    d.setVvalue(Math.min(1, (group.getLayoutY() + 3000 - view / 2) / Math.max(1, content - view)));
                }));
                steps.add(new Step(() -> true, () -> shoot(audit.stage().getScene(), th + "-audit-diagram-expanded-" + sz + ".png")));
                steps.add(new Step(() -> true, () -> {
                    audit.viewModel().toggleExpanded(AuditViewModel.NOT_CONNECTED_GROUP);
                    audit.stage().hide();
                    vm.table().chipNotConnectedProperty().set(true);
                    table.getSelectionModel().selectRange(0, 2);
                }));
            }
        }
        steps.add(new Step(() -> true, () -> {
            sandbox.stop();
            runner.shutdown();
            Platform.exit();
        }));
        Timeline timeline = new Timeline(new KeyFrame(Duration.millis(700), e -> {
            Step s = steps.peek();
            if (s != null && s.ready().getAsBoolean()) {
                steps.poll();
                s.action().run();
            }
        }));
        timeline.setCycleCount(Timeline.INDEFINITE);
        timeline.play();
    }

    private static void size(Stage s, double w, double h) {
        s.setWidth(w);
        s.setHeight(h);
        s.setX(0);
        s.setY(0);
    }

    /** Whether the window's content has taken the size asked for (X applies it a moment later). */
    private static boolean sized(Stage s, double w, double h) {
        return s.getScene() != null && Math.abs(s.getScene().getWidth() - w) < 2 && Math.abs(s.getScene().getHeight() - h) < 2;
    }

    private static void scrollSideways(Scene scene) {
        scene.lookup("#matrixTable").lookupAll(".scroll-bar").stream()
                .filter(n -> n instanceof ScrollBar b && b.getOrientation() == Orientation.HORIZONTAL)
                .map(n -> (ScrollBar) n).forEach(b -> b.setValue(b.getMax() * 0.6));
    }

    private void shoot(Scene scene, String name) {
        try {
            Snapshots.writePng(scene, out.resolve(name));
            System.err.println("wrote " + out.resolve(name));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
