package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code POST …/integrations/{id}/github_repos/refresh/}: the installation's repositories as PostHog now caches
 * them, and {@code installation_status}: "unavailable" when GitHub refused the mint, the list then being the last
 * cached one (docs/api-notes.md N15).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitHubReposRefreshDto(List<GitHubRepoDto> repositories, String installationStatus) {

    public GitHubReposRefreshDto {
        repositories = Lists.copy(repositories);
    }
}
