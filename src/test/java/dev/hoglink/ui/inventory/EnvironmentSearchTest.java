package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Project;
import org.junit.jupiter.api.Test;

/**
 * The projects table's search finds an environment by what the table shows, its own name or its project's, as the
 * audit's matrix and {@code hoglink link --projects name:} do; the joined "Project / Environment" is shown nowhere.
 */
class EnvironmentSearchTest {

    private final ProjectRowViewModel staging = new ProjectRowViewModel(
            new Project(402, "Stark Web / Stark Web Staging", "org", null, 401L, "Stark Web Staging"));

    @Test
    void anEnvironmentIsFoundByItsOwnNameItsProjectsNameOrItsIdButNotByTheJoinedForm() {
        assertTrue(staging.matches("staging"));
        assertTrue(staging.matches("stark web staging"));
        assertTrue(staging.matches("stark web"));
        assertTrue(staging.matches("402"));
        assertFalse(staging.matches("web / stark"), "the joined name is shown nowhere");
        assertFalse(staging.matches("40"), "an id matches whole");
    }
}
