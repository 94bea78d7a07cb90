package dev.hoglink.model;

/**
 * What {@code github_repos/refresh} answered: how many repositories PostHog now lists for the integration, and
 * whether GitHub refused PostHog's token because the installation is uninstalled or suspended
 * ({@code installation_status: "unavailable"}). Then the list is PostHog's last cached one, not a fresh read,
 * and PostHog has marked the row unavailable (docs/api-notes.md N15).
 */
public record RepositoryRefresh(int repositories, boolean unavailable) {
}
