package dev.hoglink.ui.link;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import java.util.List;
import java.util.Optional;

/** {@link InstallationFacts} from the loaded inventory rows. Read on the UI thread when a dialog opens. */
final class InventoryFacts implements InstallationFacts {

    private record Use(long projectId, String projectName, long integrationId, String installationId, int repoCount,
                       dev.hoglink.model.LinkStatus status, String errors) {
    }

    private final List<Use> uses;
    private final java.util.Map<Long, String> names;
    private final String earlierRead;

    InventoryFacts(InventoryViewModel inventory) {
        // A snapshot: the dialog's background work must not read live JavaFX properties.
        java.util.ArrayList<Use> list = new java.util.ArrayList<>();
        for (ProjectRowViewModel r : inventory.rows()) {
            for (GitHubLink l : r.links()) {
                if (l.installationId() != null) {
                    int count = l.equals(r.primaryLink()) ? r.repoCount() : -1;
                    // in a sentence or a list, an environment with its project beside it (Project.inText)
                    list.add(new Use(r.id(), r.project().inText(), l.integrationId(), l.installationId(), count, l.status(),
                            l.errors()));
                }
            }
        }
        this.uses = List.copyOf(list);
        java.util.Map<Long, String> byId = new java.util.HashMap<>();
        for (ProjectRowViewModel r : inventory.rows()) {
            byId.put(r.id(), r.project().ownName()); // as PostHog's source_team_name names it (NH36)
        }
        this.names = java.util.Map.copyOf(byId);
        this.earlierRead = inventory.earlierRead();
    }

    @Override
    public String earlierRead() {
        return earlierRead;
    }

    @Override
    public Optional<String> projectName(long projectId) {
        return Optional.ofNullable(names.get(projectId));
    }

    @Override
    public List<String> projectsUsing(String installationId, long exceptProjectId) {
        return uses.stream().filter(u -> u.installationId().equals(installationId) && u.projectId() != exceptProjectId)
                .map(Use::projectName).distinct().toList();
    }

    @Override
    public Optional<Health> healthOf(String installationId) {
        // The worst status any row shows, by the model's rule (unavailable, then token error) as the audit reads the
        // installation: an uninstalled App is gone for every project that uses it.
        return uses.stream().filter(u -> u.installationId().equals(installationId))
                .reduce((a, b) -> dev.hoglink.model.ProjectState.worse(a.status(), b.status()) == b.status()
                        && b.status() != a.status() ? b : a)
                .map(u -> new Health(u.status(), u.errors()));
    }

    @Override
    public int knownRepoCount(String installationId) {
        return uses.stream().filter(u -> u.installationId().equals(installationId)).mapToInt(Use::repoCount)
                .filter(n -> n >= 0).findFirst().orElse(-1);
    }

    @Override
    public Optional<Source> sourceOf(String installationId) {
        return uses.stream().filter(u -> u.installationId().equals(installationId)).findFirst()
                .map(u -> new Source(u.projectId(), u.integrationId()));
    }
}
