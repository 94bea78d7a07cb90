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
}
