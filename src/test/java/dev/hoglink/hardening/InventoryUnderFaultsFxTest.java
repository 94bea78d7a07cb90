package dev.hoglink.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.GuiOptions;
import dev.hoglink.HoglinkApp;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.hardening.FaultServer.Fault;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.service.credentials.CredentialStore;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.inventory.InventoryConnection;
import dev.hoglink.service.credentials.SessionCredentialStore;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.TableView;
import javafx.stage.Window;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The real window (HoglinkApp, InventoryView) under load and socket faults, with the FX-thread watchdog on:
 * the faulted 2,000-project load completes with nothing lost while the FX thread answers within 100 ms, and
 * socket faults from a raw server leave the last good rows on screen with a plain error.
 */
class InventoryUnderFaultsFxTest {

    /** The app on the load sandbox (through a switchable service), with a memory keyring. */
    public static final class LoadApp extends HoglinkApp {
        static volatile dev.hoglink.service.inventory.ForwardingInventoryService service;
        static volatile String host;
        static volatile LoadApp current;

        @Override
        protected CredentialStore createKeyring() {
            return new SessionCredentialStore();
        }

        @Override
        protected Optional<InventoryConnection> openConnection(GuiOptions options) {
            current = this;
            return Optional.of(new InventoryConnection(host, "Load", true, service));
        }

        InventoryViewModel vm() {
            return inventory();
        }
    }

    private static final Executor FX = Platform::runLater;
    private static LoadRig rig;
    private static FaultServer faults;

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private Application app;
    private Canary canary;

    @BeforeAll
    static void startServers() throws Exception {
        rig = new LoadRig();
        faults = new FaultServer();
    }

    @AfterAll
    static void stopServers() {
        faults.close();
        rig.close();
    }

    @BeforeEach
    void startApp() throws Exception {
        rig.faultsOff();
        LoadApp.host = rig.sandbox.baseUri().toString();
        LoadApp.service = new dev.hoglink.service.inventory.ForwardingInventoryService(rig.service);
        System.setProperty("hoglink.home", home.toString());
        canary = new Canary();
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(LoadApp.class);
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty()
                && !LoadApp.current.vm().busyProperty().get());
        Window w = robot.listTargetWindows().get(0);
        javafx.geometry.Rectangle2D screen = javafx.stage.Screen.getPrimary().getBounds();
        assertTrue(w.getWidth() <= screen.getWidth() && w.getHeight() <= screen.getHeight(),
                "the window fits Monocle's screen (" + screen + "): " + w.getWidth() + "x" + w.getHeight());
    }

    @AfterEach
    void stopApp() throws Exception {
        canary.close();
        FxToolkit.cleanupApplication(app);
        FxToolkit.cleanupStages();
        System.clearProperty("hoglink.home");
    }

    @Test
    void theFaulted2000ProjectLoadInTheRealWindowLosesNothingWhileTheFxThreadAnswersWithin100Ms() throws Exception {
        InventoryViewModel vm = LoadApp.current.vm();
        rig.faultsOn();
        LoadRig.Result r;
        try (FxWatchdog dog = FxWatchdog.start()) {
            r = rig.loadAndRecover(vm, FX, LoadApp.service);
            dog.close();
            assertTrue(dog.pings() > 20, "the watchdog ran: " + dog);
            assertEquals(0, dog.stalls(), "the FX thread stalled: " + dog);
        }
        LoadRig.assertRetriesBounded(r);
        int shown = LoadRig.on(FX, () -> robot.lookup("#projectsTable").queryTableView().getItems().size());
        assertEquals(r.expected(), shown, "the table shows every project");
    }

    @Test
    void socketFaultsKeepTheLastGoodRowsOnScreenWithAPlainErrorAndAResponsiveFxThread() throws Exception {
        InventoryViewModel vm = LoadApp.current.vm();
        Map<Long, List<GitHubLink>> good = LoadRig.on(FX, () -> snapshot(vm));
        assertFalse(good.isEmpty());
        PostHogClient faulty = PostHogClient.builder(faults.base(), ApiKey.of(Canary.KEY))
                .rateLimiter(RateLimiter.unlimited())
                .retryPolicy(new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .requestTimeout(Duration.ofMillis(400))
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        LoadApp.service.switchTo(new HttpInventoryService(faulty));
        try (FxWatchdog dog = FxWatchdog.start()) {
            for (Fault f : List.of(Fault.EMPTY_RESPONSE, Fault.CONNECTION_RESET, Fault.GARBAGE_THEN_CLOSE,
                    Fault.STALL, Fault.TEN_MB_BODY, Fault.BODY_CUT_MID_WAY, Fault.HEADERS_ONLY_THEN_STALL)) {
                faults.inject(f);
                LoadRig.settleAfter(vm, FX, vm::refresh);
                FaultFigures.add(FaultFigures.FAULTS_INJECTED, faults.connections());
                assertTrue(faults.connections() > 0, f + " was reached");
                assertEquals(good, LoadRig.on(FX, () -> snapshot(vm)), f + ": the last good rows stay");
                String title = LoadRig.on(FX, () -> vm.bannerTitleProperty().get());
                String text = LoadRig.on(FX, () -> vm.bannerTextProperty().get());
                assertTrue(title.startsWith("Showing data from ") && title.endsWith(" · refresh failed"),
                        f + ": the rows stay, so the banner says they are from the earlier read: " + title);
                assertPlain(f, text);
                String screen = LoadRig.on(FX, ScreenText::ofAllWindows);
                assertTrue(screen.contains(text), f + ": the error is on screen");
                assertEquals(0, Canary.count(screen), f + ": the key is on screen");
            }
            dog.close();
            assertEquals(0, dog.stalls(), "the FX thread stalled: " + dog);
        }
        int hits = canary.logHits();
        FaultFigures.add(FaultFigures.CANARY_HITS, hits);
        assertEquals(0, hits, "the canary key reached the log");
        LoadApp.service.switchTo(rig.service);
    }

    private static void assertPlain(Fault f, String text) {
        assertTrue(text.length() < 300, f + ": short: " + text);
        for (String bad : List.of("Exception", "java.", "at dev.", "\tat ", "null", "Authorization", "phx_")) {
            assertFalse(text.contains(bad), f + ": '" + bad + "' in " + text);
        }
    }

    private static Map<Long, List<GitHubLink>> snapshot(InventoryViewModel vm) {
        Map<Long, List<GitHubLink>> m = new LinkedHashMap<>();
        for (ProjectRowViewModel r : vm.rows()) {
            m.put(r.id(), r.links());
        }
        return m;
    }
}
