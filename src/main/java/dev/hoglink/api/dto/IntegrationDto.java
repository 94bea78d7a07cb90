package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;

/**
 * An integration row ({@code GET /api/projects/{id}/integrations/}, also the answer of link_existing).
 * {@code installationShared}: another project's row uses the same installation; {@code installationStatus}:
 * {@code connected}, {@code unavailable} (uninstalled or suspended on GitHub) or null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IntegrationDto(
        Long id,
        String kind,
        IntegrationConfigDto config,
        OffsetDateTime createdAt,
        UserBasicDto createdBy,
        String errors,
        String displayName,
        Boolean installationShared,
        String installationStatus) {

    public IntegrationDto {
        errors = errors == null ? "" : errors;
    }

    /** The GitHub installation id, or null when the row has none. */
    public String installationId() {
        return config == null ? null : config.installationId();
    }
}
