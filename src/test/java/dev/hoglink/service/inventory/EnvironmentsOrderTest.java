package dev.hoglink.service.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.model.Project;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The list of rows keeps each project's other environments right after it (where the window shows them). */
class EnvironmentsOrderTest {

    static Project project(long id, String name) {
        return new Project(id, name, "org", null);
    }

    static Project environment(long id, long parent, String name) {
        return new Project(id, "P" + parent + " / " + name, "org", null, parent, name);
    }

    @Test
    void eachProjectIsFollowedByItsOtherEnvironmentsAndUnknownParentsGoLast() {
        List<Project> rows = Environments.merged(List.of(project(1, "A"), project(2, "B"), project(3, "C")),
                List.of(environment(10, 2, "Staging"), environment(11, 9, "Lost"), environment(12, 2, "Dev"),
                        environment(13, 1, "Prod EU")));
        assertEquals(List.of(1L, 13L, 2L, 10L, 12L, 3L, 11L), rows.stream().map(Project::id).toList());
    }

    @Test
    void theMainEnvironmentIsNotAnEnvironmentOfItself() {
        Project p = new Project(5, "Web", "org", null, 5L, "Production");
        assertEquals(null, p.parentId());
        assertEquals(null, p.environment());
    }

    /**
     * The project list has no order, so its offset pages can repeat one project and skip another
     * (HttpInventoryService.projects): the skipped project's main team is then among the organization's teams only.
     * It is the project itself, named as the project, not "Web / Web".
     */
    @Test
    void aProjectTheListMissedIsNamedAsItselfNotAsAnEnvironmentOfItself() {
        List<Project> extra = Environments.extraTeams(List.of(project(2, "API")),
                List.of(new dev.hoglink.api.dto.ProjectRefDto(1L, "org", "Web"),
                        new dev.hoglink.api.dto.ProjectRefDto(2L, "org", "API")),
                List.of(new dev.hoglink.api.dto.TeamBasicDto(1L, null, "org", 1L, "Web"),
                        new dev.hoglink.api.dto.TeamBasicDto(2L, null, "org", 2L, "API"),
                        new dev.hoglink.api.dto.TeamBasicDto(3L, null, "org", 1L, "Staging")), "org");
        assertEquals(List.of("Web", "Web / Staging"), extra.stream().map(Project::name).toList());
        assertEquals(null, extra.get(0).parentId());
        assertEquals(Long.valueOf(1), extra.get(1).parentId());
    }
}
