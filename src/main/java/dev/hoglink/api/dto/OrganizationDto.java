package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An organization (list item, detail, or the basic form inside {@code /api/users/@me/}). Fields that a form
 * lacks are null; lists are never null.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OrganizationDto(
        String id,
        String name,
        String slug,
        OffsetDateTime createdAt,
        Integer membershipLevel,
        Integer memberCount,
        Boolean membersCanUsePersonalApiKeys,
        Boolean isActive,
        List<ProjectRefDto> projects,
        List<TeamBasicDto> teams) {

    public OrganizationDto {
        projects = Lists.copy(projects);
        teams = Lists.copy(teams);
    }
}
