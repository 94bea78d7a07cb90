package dev.hoglink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.signin.AuthServerMetadata;
import dev.hoglink.api.signin.OAuthEndpoints;
import dev.hoglink.api.signin.OAuthException;
import dev.hoglink.api.signin.OAuthSession;
import dev.hoglink.api.signin.TokenSet;
import dev.hoglink.support.LogCapture;
import java.time.Instant;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sign-in's token endpoint answering badly: a body that stalls after the headers, one that drips, one that never
 * ends. Each renewal (which every API call of a signed-in session waits on) fails within its timeout and reads a
 * bounded number of bytes, with a plain message that holds no token.
 */
class OAuthEndpointsHostileAnswersTest {

    private static final String REFRESH = "refresh-0123456789abcdefghijklmnop";
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private final FakeApiServer server = new FakeApiServer();
    private final OAuthEndpoints endpoints = new OAuthEndpoints(server.base(), Clock.systemUTC(), TIMEOUT);

    @AfterEach
    void stop() {
        server.close();
    }

    private AuthServerMetadata metadata() {
        return new AuthServerMetadata(server.base(), URI.create(server.base() + "/oauth/authorize/"),
                URI.create(server.base() + "/oauth/token/"), URI.create(server.base() + "/oauth/revoke/"), null,
                List.of(), List.of("S256"));
    }

    private OAuthException refreshFails() {
        OAuthException e = assertTimeoutPreemptively(Duration.ofSeconds(4),
                () -> assertThrows(OAuthException.class, () -> endpoints.refresh(metadata(), "client", REFRESH)));
        assertEquals(OAuthException.Kind.NETWORK, e.kind(), e.getMessage());
        assertFalse(e.getMessage().contains(REFRESH), e.getMessage());
        assertTrue(e.getMessage().contains("127.0.0.1"), e.getMessage());
        return e;
    }

    @Test
    void aTokenAnswerThatStallsAfterItsHeadersFailsWithinTheTimeout() {
        server.on("POST", "/oauth/token/", FakeApiServer.stallMidBody());
        OAuthException e = refreshFails();
        assertTrue(e.getMessage().contains("in time"), e.getMessage());
    }

    @Test
    void aTokenAnswerThatDripsAByteAtATimeFailsWithinTheTimeout() {
        server.on("POST", "/oauth/token/", (ex, srv) -> {
            ex.sendResponseHeaders(200, 0);
            OutputStream out = ex.getResponseBody();
            try {
                for (int i = 0; i < 100; i++) {
                    out.write(' ');
                    out.flush();
                    Thread.sleep(100);
                }
                out.write("{\"access_token\":\"a\"}".getBytes(StandardCharsets.UTF_8));
            } catch (IOException | InterruptedException e) {
                // the client gave up
            }
            ex.close();
        });
        refreshFails();
    }

    @Test
    void aTokenAnswerThatNeverEndsIsCutAtTheCapNotBuffered() {
        AtomicLong written = new AtomicLong();
        long offered = 256L * 1024 * 1024;
        server.on("POST", "/oauth/token/", (ex, srv) -> {
            ex.sendResponseHeaders(200, 0);
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            try (OutputStream out = ex.getResponseBody()) {
                while (written.get() < offered) {
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            } catch (IOException e) {
                // the client stopped reading
            }
        });
        OAuthException e = refreshFails();
        assertTrue(e.getMessage().contains("larger than"), e.getMessage());
        assertTrue(written.get() < offered / 4, "the client read " + written.get() + " bytes of a token answer");
    }

    // ------------------------------------------------------------ a renewal that fails, seen by the API client

    private static final String ACCESS = "pha_access0123456789abcdefghijkl";

    private PostHogClient signedIn(Instant expiresAt) {
        Instant now = Instant.now();
        TokenSet tokens = new TokenSet(ApiKey.of(ACCESS), REFRESH, now.minus(Duration.ofHours(1)), expiresAt,
                List.of("user:read"), List.of(), List.of());
        OAuthSession session = new OAuthSession(endpoints, metadata(), "client", tokens, Clock.systemUTC(), t -> { });
        return PostHogClient.builder(server.base(), ApiKey.of(ACCESS)).bearer(session)
                .retryPolicy(RetryPolicy.none()).build();
    }

    @Test
    void aRenewalThatFailsBeforeTheTokenExpiresLetsTheCallGoWithTheTokenInHand() {
        server.on("POST", "/oauth/token/", FakeApiServer.json(503, "<html>down</html>"));
        server.on("GET", "/api/users/@me/", FakeApiServer.file(200, "me.json"));
        PostHogClient c = signedIn(Instant.now().plus(Duration.ofMinutes(2))); // inside the 5-minute margin
        try (LogCapture logs = LogCapture.start()) {
            assertEquals(42L, c.me().id());
            assertTrue(logs.lines().stream().anyMatch(l -> l.contains("renew")), logs.lines().toString());
        }
        assertEquals("Bearer " + ACCESS, server.requests().get(1).header("Authorization"));
    }

    @Test
    void aRefusedRenewalOfAnExpiredTokenIsTheClientsAuthenticationErrorNotAnOAuthException() {
        server.on("POST", "/oauth/token/", FakeApiServer.json(400, "{\"error\":\"invalid_grant\"}"));
        server.on("GET", "/api/users/@me/", FakeApiServer.file(401, "error-401.json",
                "WWW-Authenticate", "Bearer"));
        PostHogClient c = signedIn(Instant.now().minus(Duration.ofMinutes(1)));
        ApiException e = assertThrows(ApiException.class, c::me);
        assertTrue(e instanceof AuthenticationException, e.toString());
        assertFalse(e.getMessage().contains(ACCESS) || e.userMessage().contains(ACCESS));
    }
}
