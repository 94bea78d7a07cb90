package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The part of {@code GET /api/projects/{id}/} (PostHog's ProjectSerializer) and of {@code GET /api/environments/{id}/}
 * (its TeamSerializer, for an environment) Hoglink reads: the user's level on the project or on that environment,
 * {@code effective_membership_level} (1 member, 8 admin; null when PostHog gives none), which the project lists do
 * not carry (docs/api-notes.md NM1, NM2).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record ProjectDetailDto(Long id, String name, Integer effectiveMembershipLevel) {
}
