package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Map;

/** A GitHub integration's {@code config}; {@code installation_id} arrives as string or number, kept as string. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IntegrationConfigDto(
        @JsonDeserialize(using = StringOrNumberDeserializer.class) String installationId,
        Long expiresIn,
        Long refreshedAt,
        String repositorySelection,
        GitHubAccountDto account,
        Map<String, String> permissions,
        String connectingUserGithubLogin) {

    public IntegrationConfigDto {
        permissions = permissions == null ? Map.of() : Map.copyOf(Maps.withoutNulls(permissions));
    }
}
