package dev.hoglink.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.hardening.FaultServer.Fault;
import dev.hoglink.sandbox.FaultSpec;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.util.AppDirs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.stage.Stage;
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
 * The real app (embedded sandbox, memory keyring, isolated hoglink.home) under faults, with a canary key:
 * the connection dialog keeps what the user typed when its test meets socket and sandbox faults; the canary
 * goes through the dialog, the inventory, raw socket faults and sandbox faults and shows up nowhere (log,
 * exceptions, journal, files, any window's text); a test against one server never reaches another; plain
 * http to a non-loopback host is refused; every file Hoglink wrote is readable by its owner only.
 */
class AppUnderFaultsFxTest {

    private static final Executor FX = Platform::runLater;
    private static final List<Fault> DIALOG_FAULTS = List.of(Fault.EMPTY_RESPONSE, Fault.CONNECTION_RESET,
            Fault.GARBAGE_THEN_CLOSE, Fault.BODY_CUT_MID_WAY, Fault.HEADERS_ONLY_THEN_CLOSE);

    private static FaultServer faults;
    /** A sandbox that answers 5xx, cut connections and broken JSON. */
    private static SandboxServer faulty;
    /** A bystander: no test is aimed at it, so it must see no request at all. */
    private static SandboxServer bystander;

    @TempDir
    Path home;

    private final FxRobot robot = new FxRobot();
    private Application app;
    private Canary canary;

    @BeforeAll
    static void startServers() throws Exception {
        faults = new FaultServer();
        faulty = SandboxServer.start(SandboxOptions.defaults()
                .withFaults(FaultSpec.parse("5xx=0.3,drop=0.2,malformed=0.3,seed=3")));
        bystander = SandboxServer.start(SandboxOptions.defaults());
    }

    @AfterAll
    static void stopServers() {
        faults.close();
        faulty.stop();
        bystander.stop();
    }

    @BeforeEach
    void startApp() throws Exception {
        System.setProperty("hoglink.home", home.toString());
        canary = new Canary();
        FxToolkit.registerPrimaryStage();
        app = FxToolkit.setupApplication(MemoryKeyringApp.class);
        TableView<?> table = robot.lookup("#projectsTable").queryTableView();
        WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, () -> !table.getItems().isEmpty()
                && !MemoryKeyringApp.current.vm().busyProperty().get());
    }

    @AfterEach
    void stopApp() throws Exception {
        canary.close();
        closeDialogs();
        if (app != null) {
            FxToolkit.cleanupApplication(app);
        }
        FxToolkit.cleanupStages();
        System.clearProperty("hoglink.home");
    }

    private void closeDialogs() {
        robot.interact(() -> new ArrayList<>(Window.getWindows()).stream()
                .filter(w -> w instanceof Stage s && s.getOwner() != null)
                .forEach(w -> ((Stage) w).close()));
    }

    // ---- the form --------------------------------------------------------------------------------------

    @Test
    void anOpenConnectionFormKeepsWhatTheUserTypedWhenItsTestMeetsSocketAndSandboxFaults() throws Exception {
        openDialog("My faulty server", faults.base(), Canary.KEY);
        try (FxWatchdog dog = FxWatchdog.start()) {
            for (Fault f : DIALOG_FAULTS) {
                faults.inject(f);
                String headline = testConnection(() -> faults.connections() > 0);
                FaultFigures.add(FaultFigures.FAULTS_INJECTED, faults.connections());
                assertForm(f.toString(), "My faulty server", faults.base(), Canary.KEY);
                assertPlain(f.toString(), headline);
            }
            setField("#hostField", faulty.baseUri().toString());
            long before = faulty.knobs().faultsInjected();
            for (int i = 0; i < 3; i++) {
                String headline = testConnection(() -> true);
                assertForm("faulty sandbox", "My faulty server", faulty.baseUri().toString(), Canary.KEY);
                assertPlain("faulty sandbox", headline);
            }
            FaultFigures.add(FaultFigures.FAULTS_INJECTED, faulty.knobs().faultsInjected() - before);
            dog.close();
            assertEquals(0, dog.stalls(), "the FX thread stalled: " + dog);
        }
    }

    // ---- security, in one place ------------------------------------------------------------------------

    @Test
    void aCanaryKeyThroughEveryFaultAppearsNowhereAndEveryFileIsOwnerOnly() throws Exception {
        long bystanderBefore = bystander.knobs().requestsServed();
        int hits = 0;

        // 1. The connection dialog: raw socket faults (one echoes the Authorization header back) and sandbox faults.
        openDialog("Canary", faults.base(), Canary.KEY);
        for (Fault f : DIALOG_FAULTS) {
            faults.inject(f);
            testConnection(() -> faults.connections() > 0);
            hits += screenHits();
        }
        setField("#hostField", faulty.baseUri().toString());
        for (int i = 0; i < 3; i++) {
            testConnection(() -> true);
            hits += screenHits();
        }
        closeDialogs();

        // 2. The inventory window on a canary-keyed session: raw socket faults, then the faulty sandbox.
        InventoryViewModel vm = MemoryKeyringApp.current.vm();
        PostHogClient toFaults = canaryClient(faults.base());
        for (Fault f : List.of(Fault.GARBAGE_THEN_CLOSE, Fault.CONNECTION_RESET, Fault.BODY_CUT_MID_WAY)) {
            faults.inject(f);
            LoadRig.settleAfter(vm, FX, () -> vm.connect(faults.base(), new HttpInventoryService(toFaults), null));
            hits += screenHits();
        }
        PostHogClient toFaulty = canaryClient(faulty.baseUri().toString());
        LoadRig.settleAfter(vm, FX, () -> vm.connect(faulty.baseUri().toString(), new HttpInventoryService(toFaulty), null));
        hits += screenHits();

        // 3. Exceptions from the client itself, and what the journal makes of them.
        ActionJournal journal = ActionJournal.open(AppDirs.forCurrentUser());
        for (Fault f : Fault.values()) {
            if (f == Fault.STALL || f == Fault.HEADERS_ONLY_THEN_STALL || f == Fault.TEN_MB_BODY) {
                continue; // the slow ones are SocketFaultTest's; here the key's path is what matters
            }
            faults.inject(f);
            ApiException e = assertThrows(ApiException.class, () -> toFaults.organizations());
            hits += Canary.hits(e);
            journal.append(new JournalEntry(null, faults.base(), null, null, 1L, "p", null, JournalEntry.Action.LINK,
                    JournalEntry.Outcome.FAILED, e.code(), e.userMessage() + " " + e.getMessage() + " " + e.detail()));
        }
        for (int i = 0; i < 5; i++) {
            try {
                toFaulty.organizations();
            } catch (ApiException e) {
                hits += Canary.hits(e);
            }
        }

        // 4. Plain http is refused for a host that is not this machine, before any request.
        dev.hoglink.api.InvalidHostException plain = assertThrows(dev.hoglink.api.InvalidHostException.class,
                () -> PostHogHost.parse("http://posthog.example.com"));
        assertTrue(plain.getMessage().contains("https"), plain.getMessage());
        hits += Canary.hits(plain);
        ApiException refused = assertThrows(ApiException.class,
                () -> PostHogClient.builder("http://posthog.example.com", ApiKey.of(Canary.KEY)).build().me());
        hits += Canary.hits(refused);

        // 5. A key aimed at one server never reached another.
        assertEquals(bystanderBefore, bystander.knobs().requestsServed(), "the bystander server saw a request");

        // 6. The real app run ends (writes ui.json); then the log, every file and the screen are searched.
        hits += canary.logHits();
        FxToolkit.cleanupApplication(app);
        app = null;
        List<Path> files;
        try (Stream<Path> s = Files.walk(home)) {
            files = s.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) {
            hits += Canary.count(Files.readString(f, StandardCharsets.ISO_8859_1));
        }
        FaultFigures.add(FaultFigures.CANARY_HITS, hits);
        assertEquals(0, hits, "the canary key showed up (log lines: " + canary.logLines() + ")");

        List<String> names = files.stream().map(p -> p.getFileName().toString()).toList();
        for (String want : List.of("profiles.json", "ui.json", ActionJournal.FILE_NAME)) {
            assertTrue(names.contains(want), want + " was written: " + names);
        }
        assertTrue(names.stream().anyMatch(n -> n.endsWith(".log") || n.contains(".log")), "a log file: " + names);
        assertTrue(files.stream().anyMatch(p -> p.startsWith(home.resolve("cache")) || p.toString().contains("cache")),
                "an inventory cache file: " + names);
        Set<PosixFilePermission> ownerOnly = EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE);
        List<String> open = new ArrayList<>();
        for (Path f : files) {
            Set<PosixFilePermission> perms = Files.getPosixFilePermissions(f);
            if (!ownerOnly.containsAll(perms)) {
                open.add(home.relativize(f) + " " + java.nio.file.attribute.PosixFilePermissions.toString(perms));
            }
        }
        FaultFigures.add("files not owner-only", open.size());
        assertEquals(List.of(), open, "files readable by others");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static PostHogClient canaryClient(String host) {
        return PostHogClient.builder(host, ApiKey.of(Canary.KEY))
                .rateLimiter(RateLimiter.unlimited())
                .retryPolicy(new RetryPolicy(2, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .requestTimeout(Duration.ofSeconds(2))
                .build();
    }

    private int screenHits() throws Exception {
        return Canary.count(LoadRig.on(FX, ScreenText::ofAllWindows));
    }

    private void openDialog(String name, String host, String key) throws Exception {
        robot.clickOn("#welcomeConnectButton");
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> robot.lookup("#keyField").tryQuery().isPresent());
        robot.clickOn("#selfHostedRadio");
        robot.interact(() -> {
            robot.lookup("#nameField").<TextField>query().setText(name);
            robot.lookup("#hostField").<TextField>query().setText(host);
            robot.lookup("#keyField").<TextInputControl>query().setText(key);
        });
    }

    private void setField(String id, String text) {
        robot.interact(() -> robot.lookup(id).<TextInputControl>query().setText(text));
    }

    /** Presses Test and waits for its answer (the headline changes to something other than "Testing…"). */
    private String testConnection(java.util.function.BooleanSupplier reached) throws Exception {
        List<String> answers = new java.util.concurrent.CopyOnWriteArrayList<>();
        javafx.beans.value.ChangeListener<String> l = (o, a, b) -> {
            if (b != null && !b.isEmpty() && !b.startsWith("Testing")) {
                answers.add(b);
            }
        };
        Label headline = robot.lookup("#headlineLabel").<Label>query();
        robot.interact(() -> headline.textProperty().addListener(l));
        try {
            robot.clickOn("#testButton");
            WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> reached.getAsBoolean() && !answers.isEmpty());
        } finally {
            robot.interact(() -> headline.textProperty().removeListener(l));
        }
        return answers.get(answers.size() - 1);
    }

    private void assertForm(String when, String name, String host, String key) throws Exception {
        assertEquals(name, LoadRig.on(FX, () -> robot.lookup("#nameField").<TextField>query().getText()), when);
        assertEquals(host, LoadRig.on(FX, () -> robot.lookup("#hostField").<TextField>query().getText()), when);
        assertEquals(key, LoadRig.on(FX, () -> robot.lookup("#keyField").<TextInputControl>query().getText()), when);
    }

    private static void assertPlain(String when, String text) {
        assertFalse(text.isBlank(), when + ": a message");
        assertTrue(text.length() < 300, when + ": short: " + text);
        for (String bad : List.of("Exception", "java.", "\tat ", "Authorization", "phx_")) {
            assertFalse(text.contains(bad), when + ": '" + bad + "' in " + text);
        }
    }
}
