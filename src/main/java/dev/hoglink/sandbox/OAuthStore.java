package dev.hoglink.sandbox;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox authorization server's memory: registered clients, authorization codes, access and refresh tokens.
 * Kept in memory only (a restarted sandbox forgets every sign-in, as a reset database would). Modelled on
 * posthog/models/oauth.py and posthog/settings/web.py (OAUTH2_PROVIDER): codes live 5 minutes and are single
 * use; access tokens of dynamically registered clients live 7 days ({@code EXTENDED_ACCESS_TOKEN_EXPIRE_SECONDS}
 * in posthog/api/oauth/views.py); their refresh tokens do not rotate unless the rotation knob is on, in which case
 * the old refresh token has a 2-minute grace and a later reuse revokes the whole family. Thread-safe.
 */
final class OAuthStore {

    static final Duration CODE_LIFETIME = Duration.ofMinutes(5);
    static final Duration DCR_ACCESS_LIFETIME = Duration.ofDays(7);
    static final Duration REFRESH_GRACE = Duration.ofMinutes(2);

    record Client(String clientId, String name, List<String> redirectUris, List<String> scopes, boolean confidential,
                  Instant issuedAt) {
    }

    record CodeGrant(String clientId, String redirectUri, String challenge, List<String> scopes, int userId,
                 Instant expiresAt) {
    }

    static final class Token {
        final String id;
        final String clientId;
        final int userId;
        final List<String> scopes;
        final Instant expiresAt;
        final String family;
        boolean revoked;

        Token(String id, String clientId, int userId, List<String> scopes, Instant expiresAt, String family) {
            this.id = id;
            this.clientId = clientId;
            this.userId = userId;
            this.scopes = List.copyOf(scopes);
            this.expiresAt = expiresAt;
            this.family = family;
        }
    }

    static final class Refresh {
        final String clientId;
        final int userId;
        final List<String> scopes;
        final String family;
        Instant revokedAt;

        Refresh(String clientId, int userId, List<String> scopes, String family) {
            this.clientId = clientId;
            this.userId = userId;
            this.scopes = List.copyOf(scopes);
            this.family = family;
        }
    }

    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Client> clients = new LinkedHashMap<>();
    private final Map<String, CodeGrant> grants = new HashMap<>();
    private final Map<String, Token> access = new HashMap<>();
    private final Map<String, Refresh> refresh = new HashMap<>();
    private boolean enabled = true;
    private boolean rotate;
    private Duration accessLifetime = DCR_ACCESS_LIFETIME;
    private long tokensIssued;

    OAuthStore(Clock clock) {
        this.clock = clock;
    }

    synchronized boolean enabled() {
        return enabled;
    }

    synchronized void setEnabled(boolean on) {
        enabled = on;
    }

    synchronized void setRotate(boolean on) {
        rotate = on;
    }

    synchronized void setAccessLifetime(Duration d) {
        accessLifetime = d;
    }

    synchronized long tokensIssued() {
        return tokensIssued;
    }

    Instant now() {
        return clock.instant();
    }

    private String random(String prefix, int bytes) {
        byte[] b = new byte[bytes];
        random.nextBytes(b);
        return prefix + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    synchronized Client register(String name, List<String> redirectUris, List<String> scopes, boolean confidential) {
        Client c = new Client(random("", 24).replace("-", "x").replace("_", "y"), name, List.copyOf(redirectUris),
                List.copyOf(scopes), confidential, now());
        clients.put(c.clientId(), c);
        return c;
    }

    synchronized Optional<Client> client(String id) {
        return Optional.ofNullable(id == null ? null : clients.get(id));
    }

    synchronized String grant(String clientId, String redirectUri, String challenge, List<String> scopes, int userId) {
        String code = random("", 24);
        grants.put(code, new CodeGrant(clientId, redirectUri, challenge, scopes, userId, now().plus(CODE_LIFETIME)));
        return code;
    }

    /** Takes a code (single use: it is gone after this call, whatever the outcome). */
    synchronized Optional<CodeGrant> takeGrant(String code) {
        return Optional.ofNullable(code == null ? null : grants.remove(code));
    }

    /** A new access token (and, when {@code refreshToken} is null, a new refresh token of a new family). */
    synchronized Map<String, Object> issue(String clientId, int userId, List<String> scopes, String refreshToken) {
        String family = refreshToken == null ? random("", 12) : refresh.get(refreshToken).family;
        String at = random("pha_", 30);
        Instant exp = now().plus(accessLifetime);
        access.put(at, new Token(at, clientId, userId, scopes, exp, family));
        String rt = refreshToken;
        if (rt == null || rotate) {
            rt = random("phr_", 30);
            refresh.put(rt, new Refresh(clientId, userId, scopes, family));
            if (refreshToken != null) {
                refresh.get(refreshToken).revokedAt = now();
            }
        }
        tokensIssued++;
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", at);
        m.put("expires_in", accessLifetime.toSeconds());
        m.put("token_type", "Bearer");
        m.put("scope", String.join(" ", scopes));
        m.put("refresh_token", rt);
        m.put("scoped_teams", List.of());
        m.put("scoped_organizations", List.of());
        return m;
    }

    /** The refresh token if it may be used now; reuse past the grace revokes the family (REFRESH_TOKEN_REUSE_PROTECTION). */
    synchronized Optional<Refresh> usableRefresh(String token, String clientId) {
        Refresh r = token == null ? null : refresh.get(token);
        if (r == null || !r.clientId.equals(clientId)) {
            return Optional.empty();
        }
        if (r.revokedAt != null) {
            if (now().isAfter(r.revokedAt.plus(REFRESH_GRACE))) {
                revokeFamily(r.family);
            }
            return now().isAfter(r.revokedAt.plus(REFRESH_GRACE)) ? Optional.empty() : Optional.of(r);
        }
        return Optional.of(r);
    }

    private void revokeFamily(String family) {
        access.values().removeIf(t -> t.family.equals(family));
        refresh.values().stream().filter(r -> r.family.equals(family) && r.revokedAt == null)
                .forEach(r -> r.revokedAt = Instant.EPOCH);
    }

    /** A live access token, or empty with the reason PostHog gives (posthog/auth.py OAuthAccessTokenAuthentication). */
    synchronized Optional<Token> accessToken(String value, List<String> problem) {
        Token t = access.get(value);
        if (t == null || t.revoked) {
            problem.add("Invalid access token.");
            return Optional.empty();
        }
        if (!now().isBefore(t.expiresAt)) {
            problem.add("Access token has expired.");
            return Optional.empty();
        }
        return Optional.of(t);
    }

    /**
     * RFC 7009 revocation. A refresh token of a dynamically registered client sweeps every access and refresh token
     * of that user and application ({@code revoke_oauth_session}); an access token goes alone. Unknown: nothing.
     */
    synchronized void revoke(String token, String clientId) {
        Refresh r = refresh.get(token);
        if (r != null && r.clientId.equals(clientId)) {
            List<String> gone = new ArrayList<>();
            access.forEach((k, t) -> {
                if (t.clientId.equals(clientId) && t.userId == r.userId) {
                    gone.add(k);
                }
            });
            gone.forEach(access::remove);
            refresh.values().stream().filter(x -> x.clientId.equals(clientId) && x.userId == r.userId)
                    .forEach(x -> x.revokedAt = Instant.EPOCH);
            return;
        }
        Token t = access.get(token);
        if (t != null && t.clientId.equals(clientId)) {
            access.remove(token);
        }
    }

    /** Live access tokens (for tests: a sign-out leaves none). */
    synchronized long liveAccessTokens() {
        Instant n = now();
        return access.values().stream().filter(t -> n.isBefore(t.expiresAt)).count();
    }
}
