package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * Body of {@code POST …/integrations/github/link_existing/}: only these three fields, nulls omitted (the
 * {@code kind}/{@code config} of the public docs are not read by the server). All three are optional: with
 * none, PostHog links the organization's only installation.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record LinkExistingRequest(Long sourceTeamId, String installationId, String discoveryId) {

    public static LinkExistingRequest ofInstallation(String installationId, String discoveryId) {
        return new LinkExistingRequest(null, installationId, discoveryId);
    }

    public static LinkExistingRequest ofSourceProject(long sourceTeamId, String installationId, String discoveryId) {
        return new LinkExistingRequest(sourceTeamId, installationId, discoveryId);
    }
}
