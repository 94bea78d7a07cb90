package dev.hoglink.api;

import static dev.hoglink.api.FakeApiServer.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.signin.AuthServerMetadata;
import dev.hoglink.api.signin.OAuthEndpoints;
import dev.hoglink.api.signin.OAuthException;
import dev.hoglink.api.signin.Pkce;
import dev.hoglink.api.signin.TokenSet;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sign-in's reads against PostHog's own OAuth documents ({@code fixtures/posthog/oauth-*}, shaped after
 * posthog/api/oauth/metadata.py, dcr.py and views.py; sources in the fixtures' README), served on loopback to the
 * real {@link OAuthEndpoints}: a pass is agreement with PostHog's OAuth server, not with the sandbox's.
 */
class PostHogOAuthShapesTest {

    private static final Instant NOW = Instant.parse("2026-09-01T08:00:00Z");
    private final FakeApiServer server = new FakeApiServer();
    private final OAuthEndpoints endpoints = new OAuthEndpoints(server.base(), Clock.fixed(NOW, ZoneOffset.UTC));

    @AfterEach
    void stop() {
        server.close();
    }

    private AuthServerMetadata discover() {
        server.on("GET", "/.well-known/oauth-authorization-server",
                file(200, "posthog/oauth-authorization-server.json"));
        return endpoints.discover();
    }

    @Test
    void discoveryReadsPostHogsRfc8414DocumentWithItsExtraMembers() {
        AuthServerMetadata m = discover();
        assertEquals(URI.create(server.base() + "/oauth/token/"), m.tokenEndpoint());
        assertEquals(URI.create(server.base() + "/oauth/register/"), m.registrationEndpoint());
        assertEquals(URI.create(server.base() + "/oauth/revoke/"), m.revocationEndpoint());
        assertTrue(m.offersRegistration());
        assertTrue(m.offersS256());
        assertFalse(m.scopesSupported().contains("*"), "PostHog never offers * to OAuth clients");
    }

    @Test
    void registrationReadsTheClientIdOfPostHogs201() {
        AuthServerMetadata m = discover();
        server.on("POST", "/oauth/register/", file(201, "posthog/oauth-register-201.json"));
        String id = endpoints.register(m, "Hoglink", "http://127.0.0.1/callback", List.of("user:read"));
        assertEquals("QkB3n4cX0bTq1dZyGv5pLmR8sWuJ2hE7aFiYoK9C", id);
    }

    @Test
    void aRefusedRegistrationCarriesPostHogsPythonFormattedSerializerErrors() {
        AuthServerMetadata m = discover();
        server.on("POST", "/oauth/register/", file(400, "posthog/oauth-register-400.json"));
        OAuthException e = assertThrows(OAuthException.class,
                () -> endpoints.register(m, "Hoglink", "http://127.0.0.1/callback", List.of("user:read")));
        assertEquals(OAuthException.Kind.REGISTRATION_REFUSED, e.kind());
        assertEquals("invalid_client_metadata", e.serverError());
        assertTrue(e.getMessage().contains("Client name cannot start with 'posthog'"), e.getMessage());
    }

    /**
     * PostHog's registration throttle (DCRBurstThrottle, DCRSustainedThrottle) answers through drf-exceptions-hog: no
     * Retry-After, the wait only in the detail (docs/api-notes.md NN4), up to an hour for the hourly window. The
     * sign-in says that wait; on the old code it said "Try again in a minute" whatever the detail named.
     */
    @Test
    void aThrottledRegistrationSaysTheWaitPostHogsDetailNames() {
        AuthServerMetadata m = discover();
        server.on("POST", "/oauth/register/", FakeApiServer.json(429, "{\"type\":\"throttled_error\",\"code\":"
                + "\"throttled\",\"detail\":\"Request was throttled. Expected available in 2400 seconds.\",\"attr\":null}"),
                FakeApiServer.json(429, "{\"type\":\"throttled_error\",\"code\":\"throttled\",\"detail\":"
                + "\"Request was throttled. Expected available in 12 seconds.\",\"attr\":null}", "Retry-After", "30"));
        OAuthException e = assertThrows(OAuthException.class,
                () -> endpoints.register(m, "Hoglink", "http://127.0.0.1/callback", List.of("user:read")));
        assertEquals(OAuthException.Kind.NETWORK, e.kind());
        assertTrue(e.getMessage().endsWith("Try again in 40 min."), e.getMessage());

        e = assertThrows(OAuthException.class,
                () -> endpoints.register(m, "Hoglink", "http://127.0.0.1/callback", List.of("user:read")));
        assertTrue(e.getMessage().endsWith("Try again in 30 s."), "a header in front of PostHog wins: " + e.getMessage());
    }

    @Test
    void theTokenAnswerWithPostHogsScopedFieldsAndRegion() {
        AuthServerMetadata m = discover();
        server.on("POST", "/oauth/token/", file(200, "posthog/oauth-token.json"));
        TokenSet t = endpoints.exchange(m, "client", "http://127.0.0.1:5555/callback", "code",
                Pkce.create(new SecureRandom()));
        assertEquals(NOW.plusSeconds(604800), t.expiresAt(), "7 days for a dynamically registered client");
        assertEquals(List.of("user:read", "organization:read", "project:read", "integration:read",
                "integration:write", "activity_log:read"), t.scopes());
        assertEquals(List.of(), t.scopedTeams());
        assertEquals(List.of("0178a3ab-d163-0000-4b55-bceadebb03fa"), t.scopedOrganizations());
        assertTrue(t.refreshToken().startsWith("phr_"));
        assertTrue(server.requests().get(1).body().contains("grant_type=authorization_code"));
    }

    @Test
    void anUnknownClientAtTheTokenStepIsInvalidClient() {
        AuthServerMetadata m = discover();
        server.on("POST", "/oauth/token/", file(401, "posthog/oauth-token-invalid-client.json"));
        assertFalse(endpoints.clientKnown(m, "gone", "http://127.0.0.1/callback"));
        OAuthException e = assertThrows(OAuthException.class, () -> endpoints.refresh(m, "gone", "phr_x"));
        assertEquals("invalid_client", e.serverError());
    }

    @Test
    void aKnownClientsProbeGetsInvalidGrantAndCountsAsKnown() {
        AuthServerMetadata m = discover();
        server.on("POST", "/oauth/token/", FakeApiServer.json(400,
                "{\"error\": \"invalid_grant\", \"error_description\": \"Authorization code is invalid or has already been used\"}"));
        assertTrue(endpoints.clientKnown(m, "known", "http://127.0.0.1/callback"));
    }

    @Test
    void revocationAcceptsPostHogsEmpty200() {
        AuthServerMetadata m = discover();
        server.on("POST", "/oauth/revoke/", FakeApiServer.text(200, "text/html; charset=utf-8", ""));
        endpoints.revoke(m, "client", "phr_x", "refresh_token");
        assertTrue(server.requests().get(1).body().contains("token_type_hint=refresh_token"));
    }
}
