package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;

/** A row of {@code GET /api/projects/{id}/activity_log/} (docs/api-notes.md N2). */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ActivityLogEntryDto(
        String id,
        UserBasicDto user,
        String activity,
        String scope,
        @JsonDeserialize(using = StringOrNumberDeserializer.class) String itemId,
        ActivityDetailDto detail,
        OffsetDateTime createdAt,
        String organizationId,
        Boolean wasImpersonated,
        Boolean isSystem) {
}
