package dev.hoglink.service.inventory;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The last inventory of one organization on one host, as cached on disk.
 *
 * @param repoCounts repository count per installation id, where known
 */
public record InventorySnapshot(String host, Organization organization, Instant savedAt, List<Entry> projects,
                                Map<String, Integer> repoCounts) {

    public InventorySnapshot {
        projects = projects == null ? List.of() : List.copyOf(projects);
        repoCounts = repoCounts == null ? Map.of() : Map.copyOf(repoCounts);
    }

    /**
     * One project and its GitHub links.
     *
     * @param links null when they were not known at save time (the row had failed)
     */
    public record Entry(Project project, List<GitHubLink> links) {
    }
}
