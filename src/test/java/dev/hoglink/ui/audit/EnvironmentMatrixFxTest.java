package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.support.Truncation;
import dev.hoglink.ui.theme.ThemeManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The matrix's Project column at 1024x700 names an environment as the projects table does: by its own name,
 * indented under its project's row; with that row filtered out, followed by its project, whole. It read
 * "Stark Web / Stark Web Staging".
 */
@ExtendWith(ApplicationExtension.class)
class EnvironmentMatrixFxTest {

    private static final Organization ORG = new Organization("org-stark", "Stark Industries", "stark", 8);
    private AuditViewModel vm;

    private static ProjectAudit audit(Project p) {
        return new ProjectAudit(p, List.of(), ProjectState.NOT_CONNECTED, "");
    }

    @Start
    void start(Stage stage) {
        AuditViewModelTest.RecordingDialogs dialogs = new AuditViewModelTest.RecordingDialogs();
        vm = AuditWindowFixture.viewModel(Runnable::run, dialogs, AuditWindowFixture.inert(true));
        AuditWindowFixture.show(stage, vm, dialogs, AuditWindowFixture.theme(ThemeManager.Theme.LIGHT), 1024, 700);
        List<ProjectAudit> projects = List.of(audit(new Project(401, "Stark Web", ORG.id(), null)),
                audit(new Project(403, "Stark API", ORG.id(), null)),
                audit(new Project(405, "Stark Web / Stark Web Staging", ORG.id(), null, 401L, "Stark Web Staging")));
        vm.show(new AuditReport("https://us.posthog.com", ORG, projects, List.of(),
                new AuditReport.Summary(3, 0, 3, 0, 0, 0), List.of(), List.of(), true, "", ""));
    }

    /** The Project cells shown, top to bottom: text, and whether it is indented under its project. */
    private Map<String, Boolean> projectCells(FxRobot robot, List<String> cut) {
        Map<String, Boolean> cells = new LinkedHashMap<>();
        robot.interact(() -> {
            TableView<?> matrix = robot.lookup("#matrixTable").queryTableView();
            matrix.applyCss();
            matrix.layout();
            List<TableCell<?, ?>> found = new ArrayList<>();
            for (Node n : matrix.lookupAll(".matrix-sticky")) {
                if (n instanceof TableCell<?, ?> c && !c.isEmpty() && c.getText() != null && c.isVisible()) {
                    found.add(c);
                }
            }
            found.sort(java.util.Comparator.comparingInt(TableCell::getIndex));
            for (TableCell<?, ?> c : found) {
                cells.put(c.getText(), c.getPseudoClassStates().stream()
                        .anyMatch(p -> p.getPseudoClassName().equals("under-project")));
                String shown = Truncation.displayed(c);
                if (shown != null && !shown.equals(c.getText())) {
                    cut.add(c.getText() + " shown as " + shown);
                }
            }
        });
        return cells;
    }

    @Test
    void anEnvironmentReadsByItsOwnNameUnderItsProjectOrWithItsProjectWhenAlone(FxRobot robot) {
        robot.interact(() -> robot.lookup(".tab-pane").queryAll().stream()
                .map(n -> (javafx.scene.control.TabPane) n).forEach(tp -> tp.getTabs().stream()
                        .filter(t -> "Matrix".equals(t.getText())).forEach(t -> tp.getSelectionModel().select(t))));
        WaitForAsyncUtils.waitForFxEvents();
        List<String> cut = new ArrayList<>();
        Map<String, Boolean> all = projectCells(robot, cut);
        assertEquals(List.of("Stark Web", "Stark Web Staging", "Stark API"), List.copyOf(all.keySet()),
                "the environment under its project, as in the projects table");
        assertEquals(List.of(false, true, false), List.copyOf(all.values()));

        robot.interact(() -> vm.matrix().projectFilterProperty().set("staging"));
        WaitForAsyncUtils.waitForFxEvents();
        Map<String, Boolean> alone = projectCells(robot, cut);
        assertEquals(List.of("Stark Web Staging · environment of project Stark Web (id 401)"),
                List.copyOf(alone.keySet()));
        assertEquals(List.of(false), List.copyOf(alone.values()));
        assertTrue(cut.isEmpty(), cut.toString());
    }

    /** The diagram's last column has room to the view's edge: a chip is not cut beside it (1024 px: one column). */
    @Test
    void anEnvironmentsChipInTheDiagramIsNotCutWhenTheColumnHasRoom(FxRobot robot) {
        WaitForAsyncUtils.waitForFxEvents();
        List<String> shown = new ArrayList<>();
        robot.interact(() -> {
            for (Node n : robot.lookup(".diagram-project").queryAll()) {
                if (n instanceof javafx.scene.control.Label l && "Stark Web Staging".equals(l.getText())) {
                    l.applyCss();
                    shown.add(String.valueOf(Truncation.displayed(l)));
                }
            }
        });
        assertEquals(List.of("Stark Web Staging"), shown);
    }
}
