package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * {@code GET /api/personal_api_keys/@current/} (docs/api-notes.md N1). The key's {@code value} is deliberately
 * not read. {@code scopes} holds {@code "*"} for an all-access key.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record PersonalApiKeyDto(
        String id,
        String label,
        String maskValue,
        OffsetDateTime createdAt,
        OffsetDateTime lastUsedAt,
        Long userId,
        List<String> scopes,
        List<Long> scopedTeams,
        List<String> scopedOrganizations) {

    public PersonalApiKeyDto {
        scopes = Lists.copy(scopes);
        scopedTeams = Lists.copy(scopedTeams);
        scopedOrganizations = Lists.copy(scopedOrganizations);
    }

    /** True when the key grants {@code scope} ({@code object:action}); {@code :write} satisfies {@code :read}. */
    public boolean allows(String scope) {
        if (scopes.contains("*") || scopes.contains(scope)) {
            return true;
        }
        if (scope.endsWith(":read")) {
            return scopes.contains(scope.substring(0, scope.length() - ":read".length()) + ":write");
        }
        return false;
    }

    /** True when the key is limited to some projects and {@code projectId} is not one of them. */
    public boolean excludesProject(long projectId) {
        return !scopedTeams.isEmpty() && !scopedTeams.contains(projectId);
    }
}
