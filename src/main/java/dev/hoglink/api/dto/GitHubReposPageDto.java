package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One page of {@code GET …/integrations/{id}/github_repos/}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitHubReposPageDto(List<GitHubRepoDto> repositories, Boolean hasMore, Integer total) {

    public GitHubReposPageDto {
        repositories = Lists.copy(repositories);
        hasMore = Boolean.TRUE.equals(hasMore);
    }
}
