package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /api/projects/{id}/integrations/github/available_installations/}. {@code personalDiscoveryStatus}
 * is {@code ok}, {@code not_connected} or {@code unavailable}.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AvailableInstallationsDto(
        String discoveryId,
        OffsetDateTime discoveredAt,
        String personalGithubLogin,
        String personalDiscoveryStatus,
        Boolean personalGithubConnected,
        List<AvailableInstallationDto> installations) {

    public AvailableInstallationsDto {
        installations = Lists.copy(installations);
    }
}
