package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.support.TestClock;
import dev.hoglink.ui.common.ControllerFactory;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.theme.ThemeManager;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real audit view over an organization whose last projects PostHog's throttle refused to read (a 429 with a
 * Retry-After of 2,743 s): the window says the report is partial, how many projects it read, and counts down to
 * when requests go again (driven by an injected clock, ticked as the view's timer ticks it).
 */
@ExtendWith(ApplicationExtension.class)
class AuditPartialReportFxTest {

    static final Organization ORG = new Organization("org-1", "Acme Analytics", "acme-analytics", Organization.OWNER);
    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    final TestClock clock = new TestClock(NOW);
    AuditViewModel vm;
    FakeInventoryService fake;

    @Start
    void start(Stage stage) {
        fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        for (long id = 1; id <= 10; id++) {
            fake.addProject(ORG.id(), id, "Project " + id);
            fake.link(id, 100 + id, id <= 5 ? "100" : "200", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        }
        for (long id = 7; id <= 10; id++) {
            fake.failProject(id, ServiceException.throttled(Duration.ofSeconds(2743)));
        }
        ThemeManager theme = new ThemeManager(t -> { });
        theme.apply(ThemeManager.Theme.LIGHT);
        AuditViewModelTest.RecordingDialogs dialogs = new AuditViewModelTest.RecordingDialogs();
        vm = new AuditViewModel(new SameThreadTaskRunner(), Runnable::run, dialogs,
                new AuditViewModelTest.RecordingActions(), ZoneOffset.UTC, clock);
        ViewLoader.Loaded<AuditView> loaded = new ViewLoader(new ControllerFactory()
                .register(AuditView.class, () -> new AuditView(vm, dialogs, ZoneOffset.UTC))).load(AuditView.class);
        Scene scene = new Scene(loaded.root(), 1024, 700);
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        vm.setSource((org, progress) -> new AuditService(fake, null, null, clock, 2)
                .audit("https://us.posthog.com", org, progress), ORG);
        vm.load();
    }

    static String partial(FxRobot robot) {
        return robot.lookup(".audit-partial").queryAs(Label.class).getText();
    }

    @Test
    void aReportOnThrottledReadsSaysItIsPartialAndCountsDownToWhenRequestsGoAgain(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        Label label = robot.lookup(".audit-partial").queryAs(Label.class);
        assertTrue(label.isVisible());
        assertTrue(partial(robot).startsWith("Partial report: 6 of 10 projects read"), partial(robot));
        assertTrue(partial(robot).contains("again in 45 min 43 s; reload then."), partial(robot));

        clock.advance(Duration.ofSeconds(43));
        robot.interact(() -> vm.partialNote().tick());
        assertTrue(partial(robot).contains("again in 45 min 00 s; reload then."), "live: " + partial(robot));

        clock.advance(Duration.ofMinutes(45));
        robot.interact(() -> vm.partialNote().tick());
        assertTrue(partial(robot).contains("allows requests again now"), partial(robot));
        assertEquals("6", robot.lookup("#tile-connected .tile-value").queryAs(Label.class).getText(),
                "only the projects read count as connected");
    }

    @Test
    void theNotReadProblemsCarryNoFixedSecondsToWaitFor(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        vm.problems().stream().filter(p -> p.kind() == dev.hoglink.service.audit.AuditReport.ProblemKind.NOT_LOADED)
                .forEach(p -> assertFalse(p.detail().matches("(?s).*\\d+ s\\b.*"), p.detail()));
        assertEquals(4, vm.problems().size());
    }
}
