package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;

/**
 * A row of {@code GET /api/projects/{id}/activity_log/} (docs/api-notes.md N2). {@code team_id} is kept as JSON so
 * an explicit null (an organization-level row, which PostHog adds to the log of every team that receives them,
 * NF6) is told apart from a copy that does not send the field.
 */
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
        Boolean isSystem,
        JsonNode teamId) {

    /** True when PostHog said the row belongs to no team: an organization-level row (NF6). */
    public boolean organizationLevel() {
        return teamId != null && teamId.isNull();
    }
}
