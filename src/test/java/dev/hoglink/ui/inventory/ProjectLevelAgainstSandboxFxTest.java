package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.inventory.ForwardingInventoryService;
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
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Dee, a member of Acme without a personal GitHub link, over the real client and sandbox: on Desktop, where a project
 * rule makes her admin (docs/api-notes.md NM1), Link is on and nothing is refused; on Checkout, where she is a plain
 * member, Link is off with the personal-GitHub reason. Each project's level is read once, when it is chosen.
 */
@ExtendWith(ApplicationExtension.class)
class ProjectLevelAgainstSandboxFxTest {

    private SandboxServer sandbox;
    private InventoryViewModel vm;
    private MainWindowView view;
    private FxTaskRunner runner;
    private final List<Long> levelReads = new CopyOnWriteArrayList<>();

    @Start
    void start(Stage stage) throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(),
                ApiKey.of(sandbox.key("member_unlinked"))).build();
        runner = new FxTaskRunner(4);
        ThemeManager theme = new ThemeManager(t -> { });
        theme.apply(ThemeManager.Theme.LIGHT);
        vm = new InventoryViewModel(runner, new InventoryCache(Files.createTempDirectory("hoglink-cache")),
                Clock.system(ZoneOffset.UTC), 4);
        ViewLoader.Loaded<MainWindowView> loaded = MainWindowHarness.load(vm, theme, ZoneOffset.UTC,
                new MainWindowHarness.RecordingActions());
        view = loaded.controller();
        Scene scene = new Scene(loaded.root(), 1240, 760);
        theme.register(scene);
        stage.setScene(scene);
        stage.show();
        vm.connect(sandbox.baseUri().toString(), new ForwardingInventoryService(new HttpInventoryService(client)) {
            @Override
            public Integer projectLevel(Project project) {
                levelReads.add(project.id());
                return super.projectLevel(project);
            }
        }, null);
    }

    @AfterEach
    void stop() {
        runner.shutdown();
        view.dispose();
        sandbox.stop();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(15, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    private void select(FxRobot robot, long id) throws Exception {
        TableView<ProjectRowViewModel> table = robot.lookup("#projectsTable").queryTableView();
        robot.interact(() -> { // as a click in the table does: this row only
            table.getSelectionModel().clearSelection();
            table.getSelectionModel().select(vm.row(id));
        });
        waitFor(() -> vm.selectedRowProperty().get() != null && vm.selectedRowProperty().get().id() == id);
    }

    @Test
    void deeMayLinkOnTheProjectSheAdministersAndNotOnAnother(FxRobot robot) throws Exception {
        waitFor(() -> !vm.busyProperty().get() && vm.rows().size() == 24);
        select(robot, SeedWorld.ACME_DESKTOP);
        waitFor(() -> robot.lookup("#linkButton").tryQuery().isPresent());
        Button link = robot.lookup("#linkButton").queryButton();
        Label note = robot.lookup("#permissionNote").queryAs(Label.class);
        waitFor(() -> !link.isDisabled());
        assertEquals("", note.getText(), "a project admin: nothing refused");

        select(robot, SeedWorld.ACME_CHECKOUT);
        waitFor(link::isDisabled);
        assertTrue(note.getText().contains("needs project admin or a personal GitHub account")
                && note.getText().contains("No personal GitHub account is linked"), note.getText());

        select(robot, SeedWorld.ACME_DESKTOP);
        waitFor(() -> !link.isDisabled());
        assertEquals(List.of((long) SeedWorld.ACME_DESKTOP, (long) SeedWorld.ACME_CHECKOUT), levelReads,
                "one read per project chosen, kept until the next load");
        assertFalse(levelReads.contains(101L), "a project never chosen is not read");
    }
}
