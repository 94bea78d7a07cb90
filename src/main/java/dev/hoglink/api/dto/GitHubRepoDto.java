package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;

/** A repository the installation can reach; everything after {@code fullName} may be absent on old cache rows. */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record GitHubRepoDto(
        Long id,
        String name,
        String fullName,
        @JsonProperty("private") Boolean isPrivate,
        String defaultBranch,
        String language,
        OffsetDateTime pushedAt,
        Boolean archived,
        Boolean canPush) {
}
