package dev.hoglink.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** Body of {@code POST …/integrations/github/oauth_authorize/} and {@code …/prepare_callback/}; {@code next} is a relative path or null. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record OAuthAuthorizeRequest(String installationId, String next) {
}
