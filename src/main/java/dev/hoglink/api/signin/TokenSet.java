package dev.hoglink.api.signin;

import dev.hoglink.api.ApiKey;
import dev.hoglink.util.Redactor;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What PostHog's token endpoint granted: the access token (in memory only), the refresh token (for the OS keyring
 * only), when the access token expires, and the scopes actually granted (PostHog clamps the request to what the
 * application and the admin allow, so this can be narrower than asked; posthog/api/oauth/views.py). Both tokens
 * are registered with the redactor; {@link #toString()} shows neither.
 */
public record TokenSet(ApiKey accessToken, String refreshToken, Instant obtainedAt, Instant expiresAt, List<String> scopes,
                       List<Long> scopedTeams, List<String> scopedOrganizations) {

    public TokenSet {
        Objects.requireNonNull(accessToken, "accessToken");
        Objects.requireNonNull(obtainedAt, "obtainedAt");
        Objects.requireNonNull(expiresAt, "expiresAt");
        if (refreshToken != null) {
            Redactor.register(refreshToken);
        }
        scopes = scopes == null ? List.of() : List.copyOf(scopes);
        scopedTeams = scopedTeams == null ? List.of() : List.copyOf(scopedTeams);
        scopedOrganizations = scopedOrganizations == null ? List.of() : List.copyOf(scopedOrganizations);
    }

    /**
     * When to renew: {@code margin} before expiry, or half-way through the lifetime when that is shorter than twice
     * the margin (so a short-lived token is not renewed on every request).
     */
    public Instant renewAt(java.time.Duration margin) {
        java.time.Duration life = java.time.Duration.between(obtainedAt, expiresAt);
        java.time.Duration m = life.dividedBy(2).compareTo(margin) < 0 ? life.dividedBy(2) : margin;
        return expiresAt.minus(m);
    }

    @Override
    public String toString() {
        return "TokenSet[" + Redactor.MASK + ", expires " + expiresAt + ", scopes " + scopes + "]";
    }
}
