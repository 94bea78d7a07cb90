package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.common.FxTaskRunner;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.text.Text;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * A project on two installations with a long account name, in a narrow Account column: the "+ 1" stays whole and
 * the name takes the ellipsis. The cell read "acme-secret …", hiding that the project uses a second installation.
 */
@ExtendWith(ApplicationExtension.class)
class AccountCountFxTest {

    static final Organization ORG = new Organization("org-acme", "Acme Analytics", "acme", Organization.OWNER);

    FxTaskRunner runner;
    InventoryViewModel vm;

    @Start
    void start(Stage stage) {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        fake.addProject(ORG.id(), 124, "Secret Lab");
        fake.addProject(ORG.id(), 125, "Web");
        fake.link(124, 71, "10000007", "acme-secret-laboratories", AccountType.ORGANIZATION, LinkStatus.CONNECTED,
                "ada@acme.test");
        fake.link(124, 72, "10000008", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada@acme.test");
        fake.link(125, 73, "10000001", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada@acme.test");
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
    void theCountStaysWholeAndTheNameTakesTheEllipsis(FxRobot robot) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, () -> !vm.busyProperty().get() && vm.rows().size() == 2
                && vm.rows().stream().allMatch(ProjectRowViewModel::linksKnown));
        TableView<ProjectRowViewModel> t = robot.lookup("#projectsTable").queryTableView();
        TableColumn<ProjectRowViewModel, ?> account = t.getColumns().stream()
                .filter(c -> "accountColumn".equals(c.getId())).findFirst().orElseThrow();
        for (double width : new double[] {150, 110}) {
            robot.interact(() -> {
                account.setPrefWidth(width);
                t.applyCss();
                t.layout();
            });
            WaitForAsyncUtils.waitForFxEvents();
            TableCell<?, ?> cell = robot.from(t).lookup((Node n) -> n instanceof TableCell<?, ?> c
                    && c.getTableColumn() == account && "acme-secret-laboratories + 1".equals(c.getText()))
                    .queryAs(TableCell.class);
            List<String> shown = robot.from(cell).lookup((Node n) -> n instanceof Text && n.isVisible())
                    .queryAllAs(Text.class).stream().map(Text::getText).filter(s -> !s.isEmpty()).toList();
            assertTrue(shown.stream().anyMatch(s -> s.endsWith("+ 1")), width + ": " + shown);
            assertTrue(shown.stream().anyMatch(s -> s.endsWith("…") || s.endsWith("...")), width + ": the name is cut: " + shown);
            assertEquals("acme-secret-laboratories + 1", cell.getAccessibleText().split(",")[0]);
        }
    }
}
