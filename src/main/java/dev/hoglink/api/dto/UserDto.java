package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** {@code GET /api/users/@me/}: the key's user, current team and organization, and all organizations. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record UserDto(
        Long id,
        String uuid,
        String distinctId,
        String email,
        String firstName,
        String lastName,
        Boolean isStaff,
        TeamBasicDto team,
        OrganizationDto organization,
        List<OrganizationDto> organizations) {

    public UserDto {
        organizations = Lists.copy(organizations);
    }
}
