package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /api/users/@me/integrations/github/install_requests/}: the caller's requests to install the GitHub
 * App that wait for (or got) a GitHub organization owner's approval, and the app's install URL to send that
 * owner. Not paginated (docs/api-notes.md NE1).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitHubInstallRequestsDto(List<Item> results, String installUrl) {

    public GitHubInstallRequestsDto {
        results = Lists.copy(results);
    }

    /**
     * One request: {@code status} pending, approved or unidentified; the installation and its account are known
     * only once approved.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(String id, String githubLogin, String status, String installationId, String accountLogin,
                       String accountType, OffsetDateTime requestedAt, OffsetDateTime resolvedAt) {
    }
}
