package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.SystemBrowser;
import dev.hoglink.ui.oauth.OAuthCommands;
import dev.hoglink.ui.oauth.OAuthWizardViewModel;
import dev.hoglink.ui.oauth.OAuthWizardViewModel.Outcome;
import dev.hoglink.ui.oauth.OAuthWizardViewModel.Step;
import dev.hoglink.ui.oauth.Ticker;
import dev.hoglink.ui.theme.ThemeManager;
import dev.hoglink.util.Logging;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The OAuth wizard tells the truth, through its real window against a real sandbox (signed in as Ada on Docs,
 * project 110): a browser that cannot start is reported with Copy link instead of "Opened"; the authorize
 * link and its state token never reach the log; a denial, which PostHog records nowhere Hoglink can read, is
 * ended by the user's "It failed / I denied it" with the code explained; and a project that already has the
 * installation is warned about before a link is minted.
 */
@ExtendWith(ApplicationExtension.class)
class OAuthWizardTruthFxTest {

    static final Organization ACME = OAuthWizardAgainstSandboxFxTest.ACME;
    static final Project DOCS = OAuthWizardAgainstSandboxFxTest.DOCS;
    static final Project WEB = new Project(101, "Web", SeedWorld.ACME_ORG, E2e.START);

    @TempDir
    Path dir;

    E2e e2e;
    ActionJournal journal;
    FxTaskRunner runner;
    OAuthWizardViewModel vm;
    Stage stage;
    final List<String> logLines = new CopyOnWriteArrayList<>();
    final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            logLines.add(new Logging.RedactingFormatter().formatMessage(r) + " "
                    + (r.getThrown() == null ? "" : String.valueOf(r.getThrown())));
            logLines.add(String.valueOf(r.getMessage()) + " " + java.util.Arrays.toString(r.getParameters()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    void open(FxRobot robot, BrowserLauncher browser, Project initial,
              java.util.function.Function<Project, List<GitHubLink>> known) throws Exception {
        e2e = E2e.start();
        Logger.getLogger("").addHandler(capture);
        journal = new ActionJournal(Files.createTempDirectory("hoglink-oauth").resolve("journal.jsonl"), e2e.clock);
        runner = new FxTaskRunner(3);
        // the watch never sleeps for real: each wait blocks briefly, so the link does not expire during the test
        OAuthService service = new OAuthService(e2e.client("owner"), PostHogHost.parse(e2e.server.baseUri().toString()),
                true, Set.of(), journal, e2e.clock, d -> Thread.sleep(50));
        robot.interact(() -> {
            new ThemeManager(t -> { }).apply(ThemeManager.Theme.LIGHT);
            vm = new OAuthWizardViewModel(service, runner, Ticker.fx(), browser, s -> { }, ACME,
                    List.of(DOCS, WEB), initial, ids -> { });
            vm.choice().setKnownLinks(known);
            stage = OAuthCommands.show(new dev.hoglink.ui.common.FxDialogService(() -> null), vm);
        });
    }

    @AfterEach
    void tearDown(FxRobot robot) {
        Logger.getLogger("").removeHandler(capture);
        if (stage != null) {
            robot.interact(() -> {
                if (stage.isShowing()) {
                    stage.close();
                }
            });
        }
        if (runner != null) {
            runner.shutdown();
        }
        if (e2e != null) {
            e2e.close();
        }
    }

    void waitFor(String what, java.util.concurrent.Callable<Boolean> condition) throws Exception {
        try {
            WaitForAsyncUtils.waitFor(20, TimeUnit.SECONDS, condition);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new AssertionError("Timed out waiting for " + what + "; step " + vm.step() + ", outcome "
                    + vm.outcomeProperty().get(), e);
        }
    }

    void createLink(FxRobot robot) throws Exception {
        waitFor("the installations", () -> SeedWorld.INST_ACME.equals(vm.choice().installationIdProperty().get()));
        robot.clickOn("#nextButton");
        robot.clickOn("#nextButton");
        waitFor("the link", () -> vm.step() == Step.OPEN);
    }

    String text(FxRobot robot, String id) {
        return robot.lookup(id).queryAs(Label.class).getText();
    }

    boolean showing(FxRobot robot, String id) {
        Node n = robot.lookup(id).query();
        for (Node p = n; p != null; p = p.getParent()) {
            if (!p.isVisible()) {
                return false;
            }
        }
        return true;
    }

    @Test
    void aBrowserThatCannotStartIsReportedAndCopyLinkIsOffered(FxRobot robot) throws Exception {
        Path emptyPath = Files.createDirectories(dir.resolve("bin"));
        open(robot, SystemBrowser.withEnvironment(Map.of("PATH", emptyPath.toString())), DOCS, p -> List.of());
        createLink(robot);
        robot.clickOn("#openButton");
        waitFor("the launch to fail", () -> !vm.launchErrorProperty().get().isEmpty());

        assertEquals(Step.OPEN, vm.step(), "the wizard does not start waiting for a link nobody opened");
        assertTrue(showing(robot, "#launchErrorBox"));
        String error = text(robot, "#launchErrorLabel");
        assertTrue(error.startsWith("Your browser could not be opened: no browser was found"), error);
        assertTrue(error.contains("Copy the link"), error);
        assertFalse(text(robot, "#noticeLabel").contains("Opened"), "nothing claims the browser opened");
        assertTrue(robot.lookup("#copyButton").query().isFocused(), "Copy link is the next thing to press");

        robot.type(javafx.scene.input.KeyCode.SPACE);
        assertTrue(text(robot, "#noticeLabel").startsWith("Link copied."), text(robot, "#noticeLabel"));
    }

    @Test
    void theAuthorizeLinkAndItsStateTokenNeverReachTheLog(FxRobot robot) throws Exception {
        PrintStream err = System.err;
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try {
            // a launcher that fails the way HostServices does underneath: its exception holds the address
            open(robot, page -> {
                throw new IllegalStateException("cannot open " + page);
            }, DOCS, p -> List.of());
            createLink(robot);
            robot.clickOn("#openButton");
            waitFor("the launch to fail", () -> !vm.launchErrorProperty().get().isEmpty());
            URI link = URI.create(vm.urlProperty().get());
            String state = E2e.query(link).get("state");
            String token = state.substring(state.indexOf('=') + 1);
            assertTrue(token.length() >= 32, state);
            e2e.approve(link.toString(), "deny");
            robot.clickOn("#nextButton");
            robot.clickOn("#failedButton");
            robot.clickOn("#reportFailureButton");
            waitFor("the failure to be journaled", () -> journal.readAll().entries().size() == 2);

            List<String> all = new java.util.ArrayList<>(logLines);
            all.add(stderr.toString(StandardCharsets.UTF_8));
            all.add(Files.readString(journal.file()));
            all.add(vm.launchErrorProperty().get());
            for (String line : all) {
                assertFalse(line.contains(token), "the state token leaked: " + line);
                assertFalse(line.contains("oauth/authorize?"), "the authorize link leaked: " + line);
            }
            assertTrue(logLines.stream().anyMatch(l -> l.contains("The browser could not be opened")),
                    "the failure itself is logged: " + logLines);
        } finally {
            System.setErr(err);
        }
    }

    @Test
    void aDenialIsEndedWithItFailedAndThePastedCodeIsExplained(FxRobot robot) throws Exception {
        open(robot, page -> { }, DOCS, p -> List.of());
        createLink(robot);
        robot.clickOn("#openButton");
        waitFor("the waiting page", () -> vm.step() == Step.WAIT);
        URI landing = e2e.approve(vm.urlProperty().get(), "deny");
        assertEquals("access_denied", E2e.query(landing).get("github_link_error"), "PostHog's landing after a denial");
        assertTrue(e2e.client("owner").githubIntegrations(110).isEmpty(), "and nothing else records it");

        assertTrue(showing(robot, "#failedButton"), "the exit is offered while waiting");
        robot.clickOn("#failedButton");
        assertTrue(showing(robot, "#failurePane"));
        assertTrue(robot.lookup("#landingField").query().isFocused());
        robot.interact(() -> robot.lookup("#landingField").queryAs(TextField.class).setText(landing.toString()));
        robot.clickOn("#reportFailureButton");

        waitFor("the failure", () -> vm.outcomeProperty().get() == Outcome.FAILED);
        String result = text(robot, "#resultTextLabel");
        assertTrue(result.startsWith("PostHog reported access_denied: GitHub authorization was canceled."), result);
        assertEquals("Stopped", text(robot, "#countdownLabel"));
        assertFalse(showing(robot, "#failedButton"));
        assertTrue(showing(robot, "#mintAgainButton"), "a new link is offered");
        waitFor("the journal", () -> journal.readAll().entries().size() == 2);
        JournalEntry end = journal.readAll().entries().get(1);
        assertEquals(JournalEntry.Outcome.FAILED, end.outcome());
        assertEquals("access_denied", end.errorCode());
    }

    @Test
    void itFailedWithoutAnAddressStopsWaitingAndListsTheKnownCodes(FxRobot robot) throws Exception {
        open(robot, page -> { }, DOCS, p -> List.of());
        createLink(robot);
        robot.clickOn("#openButton");
        waitFor("the waiting page", () -> vm.step() == Step.WAIT);
        robot.clickOn("#failedButton");
        String codes = text(robot, "#knownCodesLabel");
        for (String code : List.of("access_denied", "invalid_state", "exchange_failed", "installation_not_authorized",
                "installation_token_failed", "integration_create_failed")) {
            assertTrue(codes.contains(code + ": "), code + " is explained");
        }
        robot.clickOn("#reportFailureButton");
        waitFor("the failure", () -> vm.outcomeProperty().get() == Outcome.FAILED);
        assertTrue(text(robot, "#resultTextLabel").startsWith("You reported that it failed"), text(robot, "#resultTextLabel"));
        waitFor("the journal", () -> journal.readAll().entries().size() == 2);
        assertEquals("user_reported", journal.readAll().entries().get(1).errorCode());
    }

    @Test
    void aProjectAlreadyConnectedToTheInstallationIsWarnedBeforeTheLinkIsCreated(FxRobot robot) throws Exception {
        java.util.concurrent.atomic.AtomicReference<GitHubLink> known = new java.util.concurrent.atomic.AtomicReference<>();
        open(robot, page -> { }, WEB, p -> p.id() == 101 ? List.of(known.get()) : List.of());
        GitHubLink web = e2e.client("owner").githubIntegrations(101).stream()
                .map(dev.hoglink.service.inventory.HttpInventoryService::link).findFirst().orElseThrow();
        known.set(web); // what the inventory shows for Web
        robot.interact(() -> vm.choice().installationIdProperty().set(SeedWorld.INST_ACME));
        robot.clickOn("#nextButton");
        assertEquals(Step.EXPLAIN, vm.step());
        assertTrue(showing(robot, "#alreadyConnectedBox"), "warned on the page before Create link");
        String warning = text(robot, "#alreadyConnectedLabel");
        // said as the OAuth result says an installation, not by PostHog's integration id
        assertTrue(warning.startsWith("Web is already connected to the GitHub App installation on acme (id "
                + SeedWorld.INST_ACME + ")."), warning);
        assertFalse(warning.contains("integration " + web.integrationId()), warning);
        assertTrue(warning.contains("only refreshes"), warning);
        assertTrue(vm.urlProperty().get().isEmpty(), "no link minted yet");
        // the page's first sentence names the installation and the project as the warning and the link dialogs do
        assertEquals("Hoglink will ask PostHog for a one-time GitHub sign-in link that connects the installation on "
                + "acme (id " + SeedWorld.INST_ACME + ") to Web (id 101).", text(robot, "#summaryLabel"));

        robot.clickOn("#backButton");
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<Project> projects = robot.lookup("#projectCombo").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals("Web (id 101)", projects.getConverter().toString(projects.getValue()), "one space, the id said");
        robot.interact(() -> vm.choice().selectedProjectProperty().set(DOCS));
        robot.interact(() -> vm.choice().installationIdProperty().set(SeedWorld.INST_ACME));
        robot.clickOn("#nextButton");
        assertFalse(showing(robot, "#alreadyConnectedBox"), "no warning for a project without that installation");
    }
}
