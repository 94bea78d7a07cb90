package dev.hoglink.ui.main;

import static dev.hoglink.support.ScreenshotSteps.shoot;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.model.Organization;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.audit.AuditView;
import dev.hoglink.ui.audit.AuditViewModel;
import dev.hoglink.ui.common.ControllerFactory;
import dev.hoglink.ui.common.FxDialogService;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.support.ScreenshotSteps;
import dev.hoglink.ui.audit.AuditWindowFixture;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.Deque;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Test-only launcher: the real main window over the sandbox's models of real PostHog (a key limited to two
 * projects, Stark's environments, the repositories' Refresh, an installation GitHub refuses) and the audit's
 * history on the free plan, at 1024x700 in light and dark; writes PNGs, then exits
 * (packaging/screenshots-real-posthog.sh).
 */
public final class RealPostHogScreenshots extends Application {

    public static final class Main {
        public static void main(String[] args) {
            launch(RealPostHogScreenshots.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        Path out = ScreenshotSteps.outputFolder(getParameters());
        ThemeManager theme = new ThemeManager(t -> { });
        theme.apply(ThemeManager.Theme.LIGHT);
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults());
        String host = sandbox.baseUri().toString();
        PostHogClient limited = PostHogClient.builder(host, ApiKey.of(sandbox.key("two_projects")))
                .rateLimiter(RateLimiter.unlimited()).build();
        PostHogClient stark = PostHogClient.builder(host, ApiKey.of(sandbox.key("stark_owner")))
                .rateLimiter(RateLimiter.unlimited()).build();
        FxTaskRunner runner = new FxTaskRunner(6);
        InventoryViewModel vm = new InventoryViewModel(runner, new InventoryCache(Files.createTempDirectory("shots")),
                Clock.systemUTC(), 4);
        MainWindowHarness.RecordingActions actions = new MainWindowHarness.RecordingActions();
        var loaded = MainWindowHarness.load(vm, theme, ZoneOffset.UTC, actions);
        Scene scene = new Scene(loaded.root(), 1024, 700);
        theme.register(scene);
        stage.setScene(scene);
        stage.show();

        Stage auditStage = new Stage();
        FxDialogService dialogs = new FxDialogService(() -> auditStage);
        AuditViewModel audit = new AuditViewModel(runner, Platform::runLater, dialogs, AuditWindowFixture.inert(false), ZoneOffset.UTC);
        var auditLoaded = new ViewLoader(new ControllerFactory()
                .register(AuditView.class, () -> new AuditView(audit, dialogs, ZoneOffset.UTC))).load(AuditView.class);
        Scene auditScene = new Scene(auditLoaded.root(), 1024, 700);
        theme.register(auditScene);
        auditStage.setScene(auditScene);

        Deque<Runnable> steps = new ArrayDeque<>();
        steps.add(() -> vm.connect(host, new HttpInventoryService(limited), SeedWorld.STARK_ORG));
        steps.add(() -> { });
        steps.add(() -> shoot(scene, out.resolve("limited-key-light.png")));
        steps.add(() -> {
            theme.apply(ThemeManager.Theme.DARK);
            vm.connect(host, new HttpInventoryService(stark), SeedWorld.STARK_ORG);
        });
        steps.add(() -> { });
        steps.add(() -> vm.selectedRowProperty().set(vm.row(SeedWorld.STARK_WEB_STAGING)));
        steps.add(() -> vm.detail().refreshRepositories());
        steps.add(() -> shoot(scene, out.resolve("environment-refresh-dark.png")));
        steps.add(() -> vm.detail().refreshRepositories());
        steps.add(() -> {
            theme.apply(ThemeManager.Theme.LIGHT);
            shoot(scene, out.resolve("environment-cooldown-light.png"));
        });
        // An installation GitHub refuses: Legacy's (suspended, its row marked by PostHog), then acme's, suspended
        // meanwhile and found by Web's refresh, whose row then reads unavailable in the table too (api-notes NF2).
        PostHogClient owner = PostHogClient.builder(host, ApiKey.of(sandbox.key("owner")))
                .rateLimiter(RateLimiter.unlimited()).build();
        steps.add(() -> vm.connect(host, new HttpInventoryService(owner), SeedWorld.ACME_ORG));
        steps.add(() -> { });
        steps.add(() -> vm.selectedRowProperty().set(vm.row(105)));
        steps.add(() -> vm.detail().refreshRepositories());
        steps.add(() -> shoot(scene, out.resolve("installation-refused-light.png")));
        steps.add(() -> {
            theme.apply(ThemeManager.Theme.DARK);
            sandbox.setInstallationStatus(SeedWorld.INST_ACME, "suspended", false);
            vm.selectedRowProperty().set(null); // the table's selection cleared, as a click on another row does
            vm.selectedRowProperty().set(vm.row(101));
        });
        steps.add(() -> vm.detail().refreshRepositories());
        steps.add(() -> { });
        steps.add(() -> shoot(scene, out.resolve("installation-found-gone-dark.png")));
        steps.add(() -> {
            theme.apply(ThemeManager.Theme.LIGHT);
            auditStage.show();
            audit.setSource((org, progress) -> new AuditService(new HttpInventoryService(stark), stark, null)
                    .audit(host, org, progress), new Organization(SeedWorld.WAYNE_ORG, "Wayne Free", "wayne-free", 15));
            audit.load();
        });
        steps.add(() -> { });
        steps.add(() -> auditLoaded.controller().showTab(3));
        steps.add(() -> shoot(auditScene, out.resolve("audit-free-plan-history-light.png")));
        steps.add(() -> {
            theme.apply(ThemeManager.Theme.DARK);
            audit.setSource((org, progress) -> new AuditService(new HttpInventoryService(stark), stark, null)
                    .audit(host, org, progress), new Organization(SeedWorld.STARK_ORG, "Stark Industries",
                    "stark-industries", 15));
            audit.load();
        });
        steps.add(() -> { });
        steps.add(() -> auditLoaded.controller().showTab(2));
        steps.add(() -> shoot(auditScene, out.resolve("audit-stark-matrix-dark.png")));
        steps.add(() -> {
            sandbox.stop();
            Platform.exit();
            System.exit(0);
        });
        ScreenshotSteps.play(steps, Duration.millis(1500));
    }

}
