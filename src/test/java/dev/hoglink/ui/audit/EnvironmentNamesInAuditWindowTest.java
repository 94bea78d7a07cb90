package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The audit window's matrix and history picker name an environment as the projects table does: its own name, its
 * project beside it or above it, never "Stark Web / Stark Web Staging"; the matrix filter finds it by either name.
 */
class EnvironmentNamesInAuditWindowTest {

    private static final Organization ORG = new Organization("org-stark", "Stark Industries", "stark", 8);

    private static ProjectAudit audit(Project p) {
        return new ProjectAudit(p, List.of(), ProjectState.NOT_CONNECTED, "");
    }

    private static final ProjectAudit WEB = audit(new Project(401, "Stark Web", ORG.id(), null));
    private static final ProjectAudit STAGING = audit(new Project(402, "Stark Web / Stark Web Staging", ORG.id(),
            null, 401L, "Stark Web Staging"));
    private static final ProjectAudit ARMOR = audit(new Project(403, "Armor", ORG.id(), null));
    private static final ProjectAudit ARMOR_STAGING = audit(new Project(404, "Armor / Staging", ORG.id(), null, 403L,
            "Staging"));
    /** An environment of a project the key cannot read: no row of its project to stand under. */
    private static final ProjectAudit LONE = audit(new Project(407, "Jarvis / Production", ORG.id(), null, 406L,
            "Production"));

    private static AuditReport report(ProjectAudit... projects) {
        return new AuditReport("https://us.posthog.com", ORG, List.of(projects), List.of(),
                new AuditReport.Summary(projects.length, 0, projects.length, 0, 0, 0), List.of(), List.of(), true, "",
                "");
    }

    private static List<Long> filtered(AuditMatrixViewModel m, String text) {
        m.projectFilterProperty().set(text);
        return m.visibleRows().stream().map(r -> r.project().id()).toList();
    }

    @Test
    void theMatrixFilterFindsAnEnvironmentByItsOwnNameOrItsProjectsNotByTheJoinedForm() {
        AuditMatrixViewModel m = new AuditMatrixViewModel();
        m.show(report(WEB, STAGING, ARMOR, ARMOR_STAGING));
        assertEquals(List.of(402L), filtered(m, "web staging"));
        assertEquals(List.of(401L, 402L), filtered(m, "Stark Web"), "its project's name finds the environment too");
        assertEquals(List.of(403L, 404L), filtered(m, "armor"), "Staging of Armor, by its project's name");
        assertEquals(List.of(402L, 404L), filtered(m, "staging"));
        assertEquals(List.of(404L), filtered(m, "404"));
        assertEquals(List.of(), filtered(m, "web / stark"), "no name reads \"Stark Web / Stark Web Staging\"");
        assertEquals(List.of(), filtered(m, "armor / staging"));
    }

    @Test
    void theMatrixNamesAnEnvironmentByItsOwnNameWithItsProjectOnASecondLine() {
        assertEquals("Stark Web Staging", AuditTexts.matrixName(STAGING));
        assertEquals("environment of project Stark Web (id 401)", AuditTexts.matrixNote(STAGING));
        assertEquals("Stark Web", AuditTexts.matrixName(WEB));
        assertEquals("", AuditTexts.matrixNote(WEB));
        assertEquals(AuditTexts.chipTip(STAGING), AuditTexts.matrixTip(STAGING), "the diagram chip's words");
    }

    @Test
    void theDiagramsDetailNamesAnEnvironmentWithItsProjectAsTheLinkDialogDoes() {
        assertTrue(AuditTexts.describe(STAGING).startsWith("Stark Web Staging (id 402, environment of project Stark Web "
                + "(id 401))\nStatus: "), AuditTexts.describe(STAGING));
        assertTrue(AuditTexts.describe(WEB).startsWith("Stark Web (id 401)\nStatus: "), AuditTexts.describe(WEB));
    }

    @Test
    void theHistoryPickerListsAnEnvironmentUnderItsProjectByItsOwnName() {
        AuditHistoryViewModel h = new AuditHistoryViewModel(ZoneOffset.UTC);
        // the report lists by id; an environment made later than another project has a higher id
        h.show(report(WEB, ARMOR, STAGING, LONE, ARMOR_STAGING));
        assertEquals(List.of(401L, 402L, 403L, 404L, 407L), h.projectChoices().stream().map(ProjectAudit::id).toList());
        assertEquals("Stark Web (id 401)", h.listText(WEB));
        assertTrue(h.underItsProject(STAGING));
        assertFalse(h.underItsProject(WEB));
        assertFalse(h.underItsProject(LONE), "its project is not listed: it says its project itself");
        assertEquals("Production (id 407, environment of project Jarvis (id 406))", h.listText(LONE));
        assertEquals("Stark Web Staging (id 402)", h.listText(STAGING));
        assertEquals("Stark Web Staging", AuditHistoryViewModel.chosenText(STAGING), "chosen: its own name, as the "
                + "matrix shows it; the picker's tip says its project");
        assertEquals("Stark Web Staging (environment of project Stark Web (id 401))", AuditHistoryViewModel.chosenTip(STAGING),
                "as the history's Project column names it");
        assertEquals("Stark Web", AuditHistoryViewModel.chosenText(WEB));
        h.projectChoices().forEach(p -> assertFalse(h.listText(p).contains(" / "), h.listText(p)));
    }
}
