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
        List<TeamBasicDto> teams,
        List<ProductFeatureDto> availableProductFeatures) {

    public OrganizationDto {
        projects = Lists.copy(projects);
        teams = Lists.copy(teams);
        availableProductFeatures = availableProductFeatures == null ? null : Lists.copy(availableProductFeatures);
    }

    /** As before the features were read: no feature list (as the basic form and tests give it). */
    public OrganizationDto(String id, String name, String slug, OffsetDateTime createdAt, Integer membershipLevel,
                           Integer memberCount, Boolean membersCanUsePersonalApiKeys, Boolean isActive,
                           List<ProjectRefDto> projects, List<TeamBasicDto> teams) {
        this(id, name, slug, createdAt, membershipLevel, memberCount, membersCanUsePersonalApiKeys, isActive, projects,
                teams, null);
    }

    /**
     * One entry of {@code available_product_features} (billing's entitlement: {@code key}, {@code name}, and for
     * countable features {@code limit} and {@code unit}); a limit that is not a whole number reads as none.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record ProductFeatureDto(String key, String name, com.fasterxml.jackson.databind.JsonNode limit, String unit) {

        /** The limit when it is a whole number PostHog can use, else null. */
        public Integer limitValue() {
            return limit != null && limit.canConvertToInt() && limit.isIntegralNumber() ? limit.intValue() : null;
        }
    }

    /**
     * How far back PostHog shows this organization's activity log (docs/api-notes.md NF8): unknown when the payload
     * lists no features, unrestricted without {@code audit_logs}, else its limit and unit.
     */
    public dev.hoglink.model.ActivityWindow activityWindow() {
        if (availableProductFeatures == null) {
            return dev.hoglink.model.ActivityWindow.UNKNOWN;
        }
        return availableProductFeatures.stream().filter(f -> "audit_logs".equals(f.key())).findFirst()
                .map(f -> dev.hoglink.model.ActivityWindow.of(f.limitValue(), f.unit()))
                .orElse(dev.hoglink.model.ActivityWindow.UNRESTRICTED);
    }
}
