package dev.hoglink.model;

/**
 * What {@code github_repos/refresh} answered: how many repositories PostHog now lists for the integration, and
 * its {@code installation_status}: {@code unavailable} when GitHub refused PostHog's token because the installation
 * is uninstalled or suspended (then the list is PostHog's last cached one, and PostHog has marked the row),
 * {@code connected} otherwise, or null from a PostHog that does not send the field (docs/api-notes.md N15, NF2).
 */
public record RepositoryRefresh(int repositories, String installationStatus) {

    /** GitHub refused: the installation is gone. */
    public boolean unavailable() {
        return "unavailable".equalsIgnoreCase(installationStatus);
    }

    /** PostHog said the installation answers. */
    public boolean connected() {
        return "connected".equalsIgnoreCase(installationStatus);
    }
}
