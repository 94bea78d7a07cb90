package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.model.Project;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.model.ProjectState;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A diagram chip's tip names an environment as the table and the detail pane do: its own name, then its project.
 * It read "Stark Web / Stark Web Staging (project 402)", and the chip itself, cut, "Stark Web / St…".
 */
class EnvironmentChipTest {

    @Test
    void theChipTipNamesTheEnvironmentThenItsProject() {
        ProjectAudit e = new ProjectAudit(new Project(402, "Stark Web / Stark Web Staging", "org", null, 401L,
                "Stark Web Staging"), List.of(), ProjectState.NOT_CONNECTED, "");
        assertEquals("Stark Web Staging (id 402, environment of project Stark Web (id 401)) · "
                + ProjectState.NOT_CONNECTED.label(), AuditTexts.chipTip(e));
        ProjectAudit p = new ProjectAudit(new Project(401, "Stark Web", "org", null), List.of(),
                ProjectState.NOT_CONNECTED, "");
        assertEquals("Stark Web (id 401) · " + ProjectState.NOT_CONNECTED.label(), AuditTexts.chipTip(p));
    }
}
