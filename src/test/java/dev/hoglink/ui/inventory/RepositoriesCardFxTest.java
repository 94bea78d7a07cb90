package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.main.MainWindowView;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The detail pane's repositories card against the sandbox: it says whether the installation reaches all of its
 * account's repositories or selected ones, with how many (GitHub's repository_selection, mirrored by PostHog
 * into the integration's config), and its link opens the installation's settings page on GitHub.
 */
@ExtendWith(ApplicationExtension.class)
class RepositoriesCardFxTest {

    private SandboxServer sandbox;
    private InventoryViewModel vm;
    private MainWindowView view;
    private FxTaskRunner runner;
    private final MainWindowHarness.RecordingActions actions = new MainWindowHarness.RecordingActions();

    @Start
    void start(Stage stage) throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .build();
        runner = new FxTaskRunner(4);
        ThemeManager theme = new ThemeManager(t -> { });
        vm = new InventoryViewModel(runner, new InventoryCache(Files.createTempDirectory("hoglink-cache")),
                Clock.system(ZoneOffset.UTC), 4);
        ViewLoader.Loaded<MainWindowView> loaded = MainWindowHarness.load(vm, theme, ZoneOffset.UTC, actions);
        view = loaded.controller();
        Scene scene = new Scene(loaded.root(), 1240, 760);
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        vm.connect(sandbox.baseUri().toString(), new HttpInventoryService(client), null);
    }

    @AfterEach
    void stop() {
        runner.shutdown();
        view.dispose();
        sandbox.stop();
    }

    private String scopeAfterSelecting(FxRobot robot, long projectId) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> vm.row(projectId) != null && vm.row(projectId).linksKnown());
        robot.interact(() -> vm.selectedRowProperty().set(vm.row(projectId)));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !vm.detail().reposLoadingProperty().get()
                && robot.lookup("#repoScopeLabel").queryAs(Label.class).getText().contains("("));
        WaitForAsyncUtils.waitForFxEvents();
        return robot.lookup("#repoScopeLabel").queryAs(Label.class).getText();
    }

    @Test
    void anInstallationWithAccessToAllRepositoriesSaysSoWithTheirNumber(FxRobot robot) throws Exception {
        assertEquals("All repositories in acme-labs (30)", scopeAfterSelecting(robot, 104));
    }

    @Test
    void anInstallationWithSelectedRepositoriesSaysSoAndTheTableListsThem(FxRobot robot) throws Exception {
        assertEquals("Selected repositories in acme (12)", scopeAfterSelecting(robot, 101));
        assertTrue(vm.detail().repositories().stream().allMatch(r -> r.fullName().startsWith("acme/")));
    }

    @Test
    void theLinkOpensTheInstallationsSettingsPageOnGitHub(FxRobot robot) throws Exception {
        scopeAfterSelecting(robot, 104);
        Hyperlink link = robot.lookup("#repoAccessLink").queryAs(Hyperlink.class);
        robot.interact(() -> {
            link.getScene().getWindow().requestFocus();
            link.requestFocus();
        });
        robot.type(javafx.scene.input.KeyCode.SPACE); // reachable from the keyboard: focus it, press Space
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> !actions.calls.isEmpty());
        assertTrue(actions.calls.contains(
                "repository access https://github.com/organizations/acme-labs/settings/installations/10000002"),
                actions.calls.toString());
    }

    @Test
    void aSearchKeepsTheInstallationsOwnCount(FxRobot robot) throws Exception {
        scopeAfterSelecting(robot, 104);
        robot.interact(() -> vm.detail().repoSearchProperty().set("web"));
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, () -> !vm.detail().reposLoadingProperty().get()
                && vm.detail().reposTotalProperty().get() < 30);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("All repositories in acme-labs (30)", robot.lookup("#repoScopeLabel").queryAs(Label.class).getText());
    }
}
