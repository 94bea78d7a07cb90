package dev.hoglink.ui.link;

import java.util.List;
import java.util.Optional;

/**
 * What the loaded inventory already knows about an installation, so the link dialogs can say who uses it
 * and how many repositories it reaches without extra requests.
 */
public interface InstallationFacts {

    /** A project's GitHub row using an installation, to count its repositories. */
    record Source(long projectId, long integrationId) {
    }

    /** What the inventory's rows say about an installation's health: the worst status seen, and its error. */
    record Health(dev.hoglink.model.LinkStatus status, String errors) {
    }

    /** The installation's health as the loaded rows show it; empty when no loaded project uses it. */
    default Optional<Health> healthOf(String installationId) {
        return Optional.empty();
    }

    /**
     * The read these facts come from when it is not current ("the read of 5 min ago": the inventory's refresh since
     * failed), else empty. A dialog that shows who uses an installation says so beside it ({@link #fromEarlierRead}).
     */
    default String earlierRead() {
        return "";
    }

    /** " Who uses each installation is from the read of 5 min ago; the refresh after it failed.", or "". */
    default String fromEarlierRead(String what) {
        String read = earlierRead();
        return read.isEmpty() ? "" : " " + what + " is from " + read + "; the refresh after it failed.";
    }

    /** A loaded project's (or environment's) name by id; empty when it is not loaded. */
    default Optional<String> projectName(long projectId) {
        return Optional.empty();
    }

    /**
     * The option with its source project named from the loaded rows when PostHog did not name it. The
     * available-installations serializer declares {@code source_team_name}, but the copies of
     * posthog/api/github_callback/team_services.py read here never fill it, so DRF sends null (docs/api-notes.md
     * NH36); the source may be an environment, named by its own name as PostHog's team name is.
     */
    default dev.hoglink.model.InstallationOption named(dev.hoglink.model.InstallationOption o) {
        if (o.sourceProjectId() == null || (o.sourceProjectName() != null && !o.sourceProjectName().isBlank())) {
            return o;
        }
        return projectName(o.sourceProjectId()).map(n -> new dev.hoglink.model.InstallationOption(o.installationId(),
                o.accountName(), o.accountType(), o.sourceProjectId(), n, o.discoveryId())).orElse(o);
    }

    /** Names of the loaded projects using the installation, excluding {@code exceptProjectId}. */
    List<String> projectsUsing(String installationId, long exceptProjectId);

    /** The repository count the inventory knows, or -1. */
    int knownRepoCount(String installationId);

    /** A loaded project row using the installation, if any. */
    Optional<Source> sourceOf(String installationId);

    /** No facts: every answer is empty. */
    InstallationFacts NONE = new InstallationFacts() {
        @Override
        public List<String> projectsUsing(String installationId, long exceptProjectId) {
            return List.of();
        }

        @Override
        public int knownRepoCount(String installationId) {
            return -1;
        }

        @Override
        public Optional<Source> sourceOf(String installationId) {
            return Optional.empty();
        }
    };
}
