package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * An organization (list item, detail, or the basic form inside {@code /api/users/@me/}). Fields that a form
 * lacks are null; lists are never null but {@code availableProductFeatures}, null when the form does not send it.
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
        List<TeamBasicDto> teams,
        List<ProductFeatureDto> availableProductFeatures) {

    public OrganizationDto {
        projects = Lists.copy(projects);
        teams = Lists.copy(teams);
        availableProductFeatures = availableProductFeatures == null ? null : Lists.copy(availableProductFeatures);
    }

    /**
     * One entry of {@code available_product_features} (billing's entitlement: {@code key}, {@code name}, and for
     * countable features {@code limit} and {@code unit}); a limit that is not a whole number reads as none.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProductFeatureDto(String key, String name, com.fasterxml.jackson.databind.JsonNode limit, String unit) {

        /** The limit when it is a whole number (2, or 2.0: PostHog multiplies either), else null. */
        public Integer limitValue() {
            if (limit == null || !limit.isNumber() || !limit.canConvertToInt()) {
                return null;
            }
            double v = limit.asDouble();
            return v == Math.rint(v) ? (int) v : null;
        }
    }
}
