package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.Sleeper;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.oauth.OAuthCommands;
import dev.hoglink.ui.oauth.OAuthWizardViewModel;
import dev.hoglink.ui.oauth.OAuthWizardViewModel.Outcome;
import dev.hoglink.ui.oauth.OAuthWizardViewModel.Step;
import dev.hoglink.ui.oauth.Ticker;
import dev.hoglink.ui.theme.ThemeManager;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The wizard's window end to end against a real sandbox, signed in as its owner (Ada) on project 110, which
 * has no GitHub integration. The browser is replaced by one that works the sandbox's authorize page over
 * HTTP. The wizard's waits go through a gate: closed, a wait blocks (as a real user takes time to approve);
 * open, each wait moves the sandbox's clock instead of sleeping, so 15 minutes pass in a moment.
 */
@ExtendWith(ApplicationExtension.class)
class OAuthWizardAgainstSandboxFxTest {

    static final Organization ACME = new Organization(SeedWorld.ACME_ORG, "Acme Analytics", "acme", Organization.OWNER);
    static final Project DOCS = new Project(110, "Docs", SeedWorld.ACME_ORG, E2e.START);
    static final Duration WAIT = Duration.ofSeconds(20);

    E2e e2e;
    ActionJournal journal;
    FxTaskRunner runner;
    OAuthWizardViewModel vm;
    Stage stage;
    final ExecutorService browserThread = Executors.newSingleThreadExecutor();
    final List<URI> opened = new CopyOnWriteArrayList<>();
    final List<Set<Long>> refreshed = new CopyOnWriteArrayList<>();
    final Object gateLock = new Object();
    volatile boolean gateOpen;
    volatile Consumer<URI> browser = u -> { };

    final Sleeper gate = d -> {
        synchronized (gateLock) {
            while (!gateOpen) {
                gateLock.wait();
            }
        }
        e2e.clock.advance(d);
    };

    void openGate() {
        synchronized (gateLock) {
            gateOpen = true;
            gateLock.notifyAll();
        }
    }

    @BeforeEach
    void setUp(FxRobot robot) throws Exception {
        e2e = E2e.start();
        journal = new ActionJournal(Files.createTempDirectory("hoglink-oauth").resolve("journal.jsonl"), e2e.clock);
        runner = new FxTaskRunner(3);
        OAuthService service = new OAuthService(e2e.client("owner"), PostHogHost.parse(e2e.server.baseUri().toString()),
                true, Set.of(), journal, e2e.clock, gate);
        robot.interact(() -> {
            new ThemeManager(t -> { }).apply(ThemeManager.Theme.LIGHT);
            vm = new OAuthWizardViewModel(service, runner, Ticker.fx(), url -> {
                opened.add(url);
                browser.accept(url);
            }, s -> { }, ACME, List.of(DOCS, new Project(111, "Blog", SeedWorld.ACME_ORG, E2e.START)), DOCS, refreshed::add);
            stage = OAuthCommands.show(new dev.hoglink.ui.common.FxDialogService(() -> null), vm);
        });
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        openGate();
        robot.interact(() -> {
            if (stage.isShowing()) {
                stage.close();
            }
        });
        runner.shutdown();
        browserThread.shutdownNow();
        e2e.close();
    }

    /** The browser that approves (or denies) the sandbox's authorize page, off the UI thread. */
    Consumer<URI> approving(String decision, AtomicReference<URI> landing) {
        return url -> browserThread.submit(() -> {
            landing.set(e2e.approve(url.toString(), decision));
            return null;
        });
    }

    void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Timed out waiting for " + what + "; step " + vm.step() + ", outcome "
                    + vm.outcomeProperty().get() + ", error '" + vm.mintErrorProperty().get() + "'", e);
        }
    }

    void createLink(FxRobot robot) throws Exception {
        waitFor("the installations", () -> "10000001".equals(vm.choice().installationIdProperty().get()));
        robot.clickOn("#nextButton");
        waitFor("the key's user", () -> vm.currentUserProperty().get().contains("ada@acme.test"));
        assertTrue(robot.lookup("#currentUserLabel").queryAs(Label.class).getText().contains("ada@acme.test"));
        robot.clickOn("#nextButton");
        waitFor("the link", () -> vm.step() == Step.OPEN);
        // the sandbox's link leads to 127.0.0.1, which a phone cannot reach: no QR code, and the reason instead
        assertNull(robot.lookup("#qrImage").queryAs(ImageView.class).getImage(), "no QR code for a loopback link");
        assertTrue(robot.lookup("#qrCaptionLabel").queryAs(Label.class).getText().contains("back to this computer"));
        // and the page's first sentence does not ask to scan a code that is not there
        List<String> said = robot.from(robot.lookup("#openPage").queryAs(javafx.scene.Parent.class))
                .lookup((javafx.scene.Node n) -> n instanceof Label l && l.isVisible() && l.getText() != null)
                .queryAllAs(Label.class).stream()
                .map(Label::getText).toList();
        // it names the user the browser must be signed in as: the Read first step that showed it is gone
        assertTrue(said.contains("The link is ready and checked. Open it in a browser signed in to PostHog as Ada Owner "
                + "<ada@acme.test>."), said.toString());
        assertFalse(said.stream().anyMatch(t -> t.contains("scan the code")), said.toString());
    }

    List<IntegrationDto> docsGithubRows() {
        return e2e.client("owner").githubIntegrations(110);
    }

    List<JournalEntry> entries() throws Exception {
        return journal.readAll().entries();
    }

    @Test
    void approvingInTheBrowserCompletesTheWizardWithTheNewIntegration(FxRobot robot) throws Exception {
        AtomicReference<URI> landing = new AtomicReference<>();
        browser = approving("approve", landing);
        createLink(robot);
        robot.clickOn("#openButton");
        waitFor("the browser", () -> landing.get() != null);
        openGate();
        waitFor("the new integration", () -> vm.outcomeProperty().get() == Outcome.COMPLETED);

        String integrationId = E2e.query(landing.get()).get("integration_id");
        assertEquals(Long.parseLong(integrationId), vm.resultLinkProperty().get().integrationId());
        assertTrue(robot.lookup("#resultLinkLabel").queryAs(Label.class).getText()
                .contains("installation " + SeedWorld.INST_ACME), "the new integration is shown");
        assertEquals(1, docsGithubRows().size());
        assertEquals(List.of(Set.of(110L)), refreshed, "the inventory row is refreshed");
        assertEquals(List.of(JournalEntry.Outcome.OK, JournalEntry.Outcome.OK),
                entries().stream().map(JournalEntry::outcome).toList());
        robot.clickOn("#cancelButton"); // reads Close
        waitFor("the window to close", () -> !stage.isShowing());
    }

    @Test
    void aDeniedRequestCreatesNothingAndTheWizardExpiresWithAnExplanation(FxRobot robot) throws Exception {
        AtomicReference<URI> landing = new AtomicReference<>();
        browser = approving("deny", landing);
        createLink(robot);
        robot.clickOn("#openButton");
        waitFor("the browser", () -> landing.get() != null);
        assertEquals("access_denied", E2e.query(landing.get()).get("github_link_error"));
        assertTrue(docsGithubRows().isEmpty());

        openGate(); // the user never comes back: 15 minutes pass
        waitFor("expiry", () -> vm.outcomeProperty().get() == Outcome.EXPIRED);
        assertTrue(vm.resultTextProperty().get().contains("was denied"), vm.resultTextProperty().get());
        assertTrue(robot.lookup("#mintAgainButton").query().isVisible(), "a new link is offered");
        assertEquals("expired", entries().get(1).errorCode());
    }

    @Test
    void aLinkReplacedByANewerOneIsRefusedAndOnlyTheNewOneConnects(FxRobot robot) throws Exception {
        createLink(robot);
        robot.clickOn("#openButton");
        URI first = opened.get(0);
        waitFor("the waiting page", () -> vm.step() == Step.WAIT);
        robot.clickOn("#mintAgainButton");
        waitFor("the second link", () -> vm.step() == Step.OPEN && !vm.urlProperty().get().equals(first.toString()));
        URI second = URI.create(vm.urlProperty().get());

        URI refused = e2e.approve(first.toString(), "approve");
        assertEquals("invalid_state", E2e.query(refused).get("github_setup_error"));
        assertTrue(docsGithubRows().isEmpty(), "the replaced link created nothing");

        AtomicReference<URI> landing = new AtomicReference<>();
        browser = approving("approve", landing);
        robot.clickOn("#openButton");
        assertEquals(second, opened.get(1));
        waitFor("the browser", () -> landing.get() != null);
        openGate();
        waitFor("the new integration", () -> vm.outcomeProperty().get() == Outcome.COMPLETED);
        List<JournalEntry> entries = entries();
        assertEquals(List.of(JournalEntry.Action.OAUTH_LAUNCH, JournalEntry.Action.OAUTH_COMPLETE,
                JournalEntry.Action.OAUTH_LAUNCH, JournalEntry.Action.OAUTH_COMPLETE),
                entries.stream().map(JournalEntry::action).toList());
        assertTrue(entries.get(1).message().startsWith("Replaced by a new link."), entries.get(1).message());
    }

    @Test
    void anExpiredLinkIsRefusedByPostHogToo(FxRobot robot) throws Exception {
        createLink(robot);
        robot.clickOn("#copyButton");
        openGate();
        waitFor("expiry", () -> vm.outcomeProperty().get() == Outcome.EXPIRED);
        assertEquals("Expired", robot.lookup("#countdownLabel").queryAs(Label.class).getText());

        URI late = e2e.approve(vm.urlProperty().get(), "approve");
        assertEquals("invalid_state", E2e.query(late).get("github_setup_error"));
        assertTrue(docsGithubRows().isEmpty());
    }

    @Test
    void cancelWhileWaitingClosesTheWindowAndRecordsIt(FxRobot robot) throws Exception {
        createLink(robot);
        robot.clickOn("#openButton");
        waitFor("the waiting page", () -> vm.step() == Step.WAIT);
        robot.clickOn("#cancelButton");
        waitFor("the window to close", () -> !stage.isShowing());
        assertEquals(Outcome.CANCELLED, vm.outcomeProperty().get());
        waitFor("the journal", () -> entries().size() == 2);
        assertEquals(JournalEntry.Outcome.UNKNOWN, entries().get(1).outcome());
        assertTrue(docsGithubRows().isEmpty());
    }
}
