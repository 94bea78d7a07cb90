package dev.hoglink.ui.audit;

import static dev.hoglink.support.ScreenshotSteps.shoot;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.model.Organization;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.ui.common.FxDialogService;
import dev.hoglink.support.ScreenshotSteps;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;

/**
 * Test-only launcher: opens the audit window on the seeded sandbox (Acme, with one link made and one journal
 * failure so the history has rows) and writes PNGs of every tab in both themes, then exits.
 * {@code xvfb-run -a -s "-screen 0 1400x900x24" java -cp target/classes:target/test-classes:$(cat cp.txt)
 * -Dprism.order=sw dev.hoglink.ui.audit.AuditScreenshots$Main target/screenshots}
 */
public final class AuditScreenshots extends Application {

    /** Plain entry point (a main in the Application subclass itself trips the launcher's module check). */
    public static final class Main {
        public static void main(String[] args) {
            launch(AuditScreenshots.class, args);
        }
    }

    @Override
    public void start(Stage stage) throws Exception {
        Path out = ScreenshotSteps.outputFolder(getParameters());
        ThemeManager theme = AuditWindowFixture.theme(ThemeManager.Theme.LIGHT);
        int extra = Integer.getInteger("audit.projects", 0); // e.g. 2000: the Initech Scale organization
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withExtraProjects(extra));
        PostHogClient admin = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("admin"))).build();
        admin.linkExisting(108, LinkExistingRequest.ofSourceProject(104, null, null));
        PostHogClient owner = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .rateLimiter(dev.hoglink.api.RateLimiter.unlimited()).build();
        Path home = Files.createTempDirectory("hoglink-shots");
        ActionJournal journal = new ActionJournal(home.resolve("journal.jsonl"), Clock.systemUTC());
        journal.append(JournalEntry.builder(JournalEntry.Action.LINK, JournalEntry.Outcome.FAILED)
                .host(sandbox.baseUri().toString()).organization(SeedWorld.ACME_ORG, "Acme Analytics")
                .project(109L, "Search").installationId("10000005")
                .error("github_link_existing_orphan_installation", "No project you can see uses this installation.")
                .build());
        AuditViewModel.AuditLoader loader = (org, progress) -> new AuditService(new HttpInventoryService(owner), owner,
                journal, Clock.systemUTC(), 4).audit(sandbox.baseUri().toString(), org,
                progress);
        FxDialogService dialogs = new FxDialogService(() -> stage);
        AuditViewModel vm = AuditWindowFixture.viewModel(Platform::runLater, dialogs, AuditWindowFixture.inert(true));
        AuditWindowFixture.Window window = AuditWindowFixture.show(stage, vm, dialogs, theme, 1200, 760);
        Scene scene = window.scene();
        stage.titleProperty().bind(vm.titleProperty());
        vm.setSource(loader, extra > 0 ? new Organization(SeedWorld.INITECH_ORG, "Initech Scale", "initech-scale", 15)
                : new Organization(SeedWorld.ACME_ORG, "Acme Analytics", "acme-analytics", 15));
        vm.load();
        AuditView view = window.view();

        Deque<Runnable> steps = new ArrayDeque<>();
        steps.add(() -> shoot(scene, out.resolve("audit-light-overview.png")));
        steps.add(() -> view.showTab(1));
        steps.add(() -> shoot(scene, out.resolve("audit-light-problems.png")));
        steps.add(() -> view.showTab(3));
        steps.add(() -> shoot(scene, out.resolve("audit-light-history.png")));
        steps.add(() -> {
            theme.apply(ThemeManager.Theme.DARK);
            view.showTab(0);
            vm.toggleExpanded(AuditViewModel.NOT_CONNECTED_GROUP);
        });
        steps.add(() -> shoot(scene, out.resolve("audit-dark-overview.png")));
        steps.add(() -> view.showTab(1));
        steps.add(() -> shoot(scene, out.resolve("audit-dark-problems.png")));
        steps.add(() -> view.showTab(2));
        steps.add(() -> shoot(scene, out.resolve("audit-dark-matrix.png")));
        steps.add(() -> view.showTab(3));
        steps.add(() -> shoot(scene, out.resolve("audit-dark-history.png")));
        // The file Export > Diagram writes, as it writes it (every group whole), not a picture of the window's pane.
        steps.add(() -> view.writeDiagram(out.resolve("audit-dark-diagram-export.png")));
        steps.add(() -> {
            theme.apply(ThemeManager.Theme.LIGHT);
            view.showTab(0);
            vm.setSource((org, progress) -> {
                throw new dev.hoglink.service.ServiceException(dev.hoglink.service.ServiceException.Kind.AUTH,
                        "PostHog did not accept this API key.");
            }, new Organization("other", "Globex Labs", "globex", 8));
            vm.show(null);
            vm.load();
        });
        steps.add(() -> shoot(scene, out.resolve("audit-light-error.png")));
        steps.add(() -> {
            theme.apply(ThemeManager.Theme.DARK);
            vm.setSource(null, null);
        });
        steps.add(() -> shoot(scene, out.resolve("audit-dark-empty.png")));
        steps.add(() -> {
            sandbox.stop();
            Platform.exit();
        });
        ScreenshotSteps.play(steps, Duration.millis(500));
    }
}
