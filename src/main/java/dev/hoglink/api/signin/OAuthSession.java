package dev.hoglink.api.signin;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.BearerSource;
import dev.hoglink.util.Redactor;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A signed-in session's tokens: the access token in memory only, renewed by the refresh token shortly before it
 * expires ({@link #REFRESH_MARGIN}) and once after a 401. When the answer carries a different refresh token
 * (rotation), {@code onRefreshToken} is told so the keyring keeps the new one. PostHog does not rotate for
 * dynamically registered clients ({@code OAuthValidator.rotate_refresh_token} in posthog/api/oauth/views.py) but
 * does for others, with a 2-minute grace for the old token; this class keeps whatever comes back, so both work.
 * Thread-safe: one refresh at a time; a caller that finds the token already renewed does not refresh again.
 */
public final class OAuthSession implements BearerSource {

    private static final Logger LOGGER = LoggerFactory.getLogger(OAuthSession.class);
    /** Renew this long before the access token expires. */
    public static final Duration REFRESH_MARGIN = Duration.ofMinutes(5);

    private final OAuthEndpoints endpoints;
    private final AuthServerMetadata metadata;
    private final String clientId;
    private final Clock clock;
    private final Consumer<String> onRefreshToken;
    /** Written under the lock (one renewal at a time); volatile so reading it never waits for a renewal. */
    private volatile TokenSet tokens;
    private long refreshes;

    public OAuthSession(OAuthEndpoints endpoints, AuthServerMetadata metadata, String clientId, TokenSet tokens,
                        Clock clock, Consumer<String> onRefreshToken) {
        this.endpoints = Objects.requireNonNull(endpoints);
        this.metadata = Objects.requireNonNull(metadata);
        this.clientId = Objects.requireNonNull(clientId);
        this.tokens = Objects.requireNonNull(tokens);
        this.clock = clock;
        this.onRefreshToken = onRefreshToken == null ? t -> { } : onRefreshToken;
    }

    @Override
    public synchronized ApiKey current() {
        if (tokens.refreshToken() != null
                && !clock.instant().isBefore(tokens.renewAt(REFRESH_MARGIN))) {
            LOGGER.info("Access token expires at {}; renewing it", tokens.expiresAt());
            try {
                refreshNow();
            } catch (OAuthException e) {
                // Not fatal here, and never out of the API client (whose callers expect an ApiException): the request
                // goes with the token in hand. Still valid, it works; expired or revoked, PostHog's 401 makes the
                // client ask once more (renewAfterUnauthorized) and the caller gets the client's own error.
                LOGGER.info("Renewing the access token before it expires failed ({}); sending with the current one",
                        e.kind());
            }
        }
        return tokens.accessToken();
    }

    @Override
    public synchronized boolean renewAfterUnauthorized(ApiKey refused) {
        if (!tokens.accessToken().equals(refused)) {
            return true; // another request already renewed it
        }
        if (tokens.refreshToken() == null) {
            return false;
        }
        try {
            refreshNow();
            return true;
        } catch (OAuthException e) {
            LOGGER.info("Renewing the access token after a 401 failed: {}", e.kind());
            return false;
        }
    }

    /** Renews the access token now (also for tests). */
    public synchronized void refreshNow() {
        String before = tokens.refreshToken();
        TokenSet next = endpoints.refresh(metadata, clientId, before);
        refreshes++;
        tokens = next;
        if (next.refreshToken() != null && !next.refreshToken().equals(before)) {
            onRefreshToken.accept(next.refreshToken());
        }
    }

    /**
     * Signs out: revokes the refresh token (which for a dynamically registered client revokes every token of this
     * sign-in), else the access token. Local tokens are dropped whatever the server says.
     */
    public synchronized void revoke() {
        TokenSet t = tokens;
        if (t.refreshToken() != null) {
            endpoints.revoke(metadata, clientId, t.refreshToken(), "refresh_token");
        }
        endpoints.revoke(metadata, clientId, t.accessToken().reveal(), "access_token");
    }

    public synchronized TokenSet tokens() {
        return tokens;
    }

    /**
     * The scopes of the current token set (a refresh may bring a narrower grant; the newest one counts). Not
     * synchronized: the window reads them on the FX thread, which must not wait while a renewal holds the lock on
     * the network.
     */
    @Override
    public java.util.Optional<java.util.List<String>> grantedScopes() {
        return java.util.Optional.of(tokens.scopes());
    }

    public synchronized long refreshes() {
        return refreshes;
    }

    public String clientId() {
        return clientId;
    }

    public AuthServerMetadata metadata() {
        return metadata;
    }

    @Override
    public String toString() {
        return "OAuthSession[" + endpoints.base() + ", " + Redactor.MASK + "]";
    }
}
