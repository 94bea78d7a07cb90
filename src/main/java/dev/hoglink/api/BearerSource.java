package dev.hoglink.api;

/**
 * Where the bearer token of each request comes from when it is not a fixed personal API key: an OAuth session,
 * whose access token is refreshed before it expires and once after a 401. Implementations are thread-safe and
 * never show a token in {@code toString()}, a log line or an exception.
 */
public interface BearerSource {

    /** The token to send now (refreshed first when it is about to expire). */
    ApiKey current();

    /**
     * PostHog refused {@code refused} with a 401: gets a new access token once (by the refresh token) unless
     * another thread already did. Returns true when a request may be sent again with {@link #current()}.
     */
    boolean renewAfterUnauthorized(ApiKey refused);

    /**
     * The scopes PostHog granted this credential (the token answer's {@code scope}, which may be narrower than
     * what was asked), or empty when the source does not know them. PostHog checks an OAuth access token against
     * exactly these (posthog/permissions.py, APIScopePermission).
     */
    default java.util.Optional<java.util.List<String>> grantedScopes() {
        return java.util.Optional.empty();
    }
}
