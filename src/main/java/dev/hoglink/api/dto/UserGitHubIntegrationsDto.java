package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code GET /api/users/@me/integrations/}: the user's personal GitHub links (posthog/api/user_integration.py,
 * {@code UserIntegrationViewSet.list}, docs/api-notes.md ND1). Not paginated: {@code results} only.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record UserGitHubIntegrationsDto(List<Item> results) {

    public UserGitHubIntegrationsDto {
        results = Lists.copy(results);
    }

    /** One personal link: the installation it was made for, and that installation's account. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Item(String kind, String installationId, String repositorySelection, Account account,
                       Boolean usesSharedInstallation, String createdAt) {
    }

    /** {@code account}: {@code {"type": "Organization", "name": "acme"}}. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Account(String type, String name) {
    }
}
