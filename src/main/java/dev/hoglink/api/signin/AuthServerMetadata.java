package dev.hoglink.api.signin;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.net.URI;
import java.util.List;

/**
 * The part of PostHog's authorization-server metadata (RFC 8414, {@code /.well-known/oauth-authorization-server},
 * built by {@code authorization_server_metadata()} in posthog/api/oauth/metadata.py) that Hoglink uses. A missing
 * {@code registration_endpoint} means the server cannot register Hoglink by itself (no dynamic registration).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record AuthServerMetadata(
        @JsonProperty("issuer") String issuer,
        @JsonProperty("authorization_endpoint") URI authorizationEndpoint,
        @JsonProperty("token_endpoint") URI tokenEndpoint,
        @JsonProperty("revocation_endpoint") URI revocationEndpoint,
        @JsonProperty("registration_endpoint") URI registrationEndpoint,
        @JsonProperty("scopes_supported") List<String> scopesSupported,
        @JsonProperty("code_challenge_methods_supported") List<String> codeChallengeMethodsSupported) {

    public AuthServerMetadata {
        scopesSupported = scopesSupported == null ? List.of() : List.copyOf(scopesSupported);
        codeChallengeMethodsSupported = codeChallengeMethodsSupported == null ? List.of()
                : List.copyOf(codeChallengeMethodsSupported);
    }

    /** Whether the server takes dynamic client registration (RFC 7591). */
    public boolean offersRegistration() {
        return registrationEndpoint != null;
    }

    /** Whether the server takes S256 (PostHog only takes S256); a document that lists nothing is taken at its word. */
    public boolean offersS256() {
        return codeChallengeMethodsSupported.isEmpty() || codeChallengeMethodsSupported.contains("S256");
    }
}
