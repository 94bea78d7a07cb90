package dev.hoglink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** One rule for an environment's name: its own name, its project said beside it. */
class ProjectNamesTest {

    @Test
    void anEnvironmentIsCalledByItsOwnNameAndNamesItsProject() {
        Project e = new Project(402, "Stark Web / Stark Web Staging", "org", null, 401L, "Stark Web Staging");
        assertEquals("Stark Web Staging", e.ownName());
        assertEquals("Stark Web", e.parentName());
        assertEquals("Stark Web (id 401)", e.parentLabel());
        assertEquals("environment of project Stark Web (id 401)", e.ofProject());
    }

    @Test
    void anEnvironmentOfAnUnnamedProjectNamesItsProjectById() {
        Project e = new Project(402, "Stark Web Staging", "org", null, 401L, "Stark Web Staging");
        assertNull(e.parentName());
        assertEquals("environment of project id 401", e.ofProject());
    }

    @Test
    void aProjectIsCalledByItsName() {
        Project p = new Project(401, "Stark Web", "org", null);
        assertEquals("Stark Web", p.ownName());
        assertEquals("", p.ofProject());
    }

    @Test
    void aProjectPostHogSendsWithoutANameIsSaidToBeUnnamedNotCalledByItsId() {
        Project p = new Project(401, " ", "org", null);
        assertEquals("Unnamed project", p.name());
        assertEquals("Unnamed project (id 401)", new dev.hoglink.service.link.LinkService.Target(null, p).label());
        assertEquals("Unnamed project", new dev.hoglink.service.link.LinkPlan.Row(401, null,
                dev.hoglink.service.link.PlanOutcome.WILL_LINK, "", true).projectName());
    }
}
