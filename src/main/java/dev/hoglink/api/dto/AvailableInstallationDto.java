package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * One installation that could be linked to a project. {@code sourceTeamId} is null for an installation that
 * only the caller's personal GitHub link sees (no project in the organization links it yet).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record AvailableInstallationDto(
        @JsonDeserialize(using = StringOrNumberDeserializer.class) String installationId,
        String accountName,
        String accountType,
        Long sourceTeamId,
        String sourceTeamName) {
}
