package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** A project list item from {@code GET /api/organizations/{org}/projects/}. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProjectDto(
        Long id,
        String uuid,
        String organization,
        Long projectId,
        String name,
        String timezone,
        Boolean isDemo,
        Boolean ingestedEvent) {
}
