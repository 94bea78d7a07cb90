package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Repository;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.common.FxTaskRunner;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
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
 * An archived repository with a long name in the detail pane's repositories table: the "archived" tag stays whole
 * inside its cell and the name takes the ellipsis. The name kept its full width and pushed the tag past the cell's
 * edge, clipped with no ellipsis ("archive").
 */
@ExtendWith(ApplicationExtension.class)
class ArchivedTagFxTest {

    static final Organization ORG = new Organization("org-acme", "Acme Analytics", "acme", Organization.OWNER);

    FxTaskRunner runner;
    InventoryViewModel vm;

    @Start
    void start(Stage stage) {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        fake.addProject(ORG.id(), 101, "Web");
        fake.link(101, 71, "10000001", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada@acme.test");
        fake.setRepositories("10000001", List.of(new Repository(1, "web-2-legacy-storefront-checkout-experiments",
                "acme/web-2-legacy-storefront-checkout-experiments", true, true, "main", "TypeScript",
                Instant.parse("2026-04-29T10:00:00Z"))));
        runner = new FxTaskRunner(2);
        vm = new InventoryViewModel(runner, null, Clock.systemUTC(), 2);
        MainWindowHarness.showLight(stage, vm);
        vm.connect("https://us.posthog.com", fake, null);
    }

    @AfterEach
    void stop() {
        runner.shutdown();
    }

    @Test
    void theTagStaysWholeInsideTheCellAndTheNameTakesTheEllipsis(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.busyProperty().get() && vm.rows().size() == 1);
        robot.interact(() -> {
            TableView<ProjectRowViewModel> t = robot.lookup("#projectsTable").queryTableView();
            t.getSelectionModel().select(vm.row(101));
        });
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> vm.detail().projectProperty().get() == vm.row(101)
                && !vm.detail().reposLoadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        Label tag = robot.lookup((Node n) -> n instanceof Label l && "archived".equals(l.getText())
                && l.getStyleClass().contains("tag")).queryAs(Label.class);
        TableCell<?, ?> cell = (TableCell<?, ?>) ancestor(tag);
        Bounds tagBounds = tag.localToScene(tag.getLayoutBounds());
        Bounds cellBounds = cell.localToScene(cell.getLayoutBounds());
        assertTrue(tagBounds.getMaxX() <= cellBounds.getMaxX() + 0.5, "the tag ends at " + tagBounds.getMaxX()
                + ", past the cell's edge at " + cellBounds.getMaxX());
        assertTrue(tag.getWidth() >= tag.prefWidth(-1) - 0.5, "the tag is not shrunk");
        Label name = (Label) tag.getParent().getChildrenUnmodifiable().get(0);
        assertEquals("acme/web-2-legacy-storefront-checkout-experiments", name.getText());
        assertTrue(name.getWidth() < name.prefWidth(-1), "the name is the one cut");
    }

    private static Node ancestor(Node n) {
        Node p = n.getParent();
        while (!(p instanceof TableCell<?, ?>)) {
            p = p.getParent();
        }
        return p;
    }
}
