package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.AuthenticationException;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.ThrottledException;
import dev.hoglink.api.signin.OAuthEndpoints;
import dev.hoglink.sandbox.SandboxClock;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.credentials.Credentials;
import dev.hoglink.service.credentials.KeyringCredentialStore;
import dev.hoglink.service.signin.SignInFailure;
import dev.hoglink.service.signin.SignInService;
import dev.hoglink.service.signin.SignInStore;
import dev.hoglink.support.MapKeyringBackend;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * "Sign in with PostHog" end to end against the sandbox's authorization server: discovery, dynamic registration,
 * the loopback listener, a scripted consent (an HTTP client submitting the consent form as a browser does), the
 * code exchange, the keyring, requests with the access token, refresh before expiry and after a 401, rotation,
 * revocation, and each failure the window must explain.
 */
class SignInAgainstSandboxTest {

    @TempDir
    Path dir;

    private final SandboxClock clock = new SandboxClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Map<String, String> keyring = new ConcurrentHashMap<>();
    private final ScriptedConsent browser = new ScriptedConsent();
    private SandboxServer sandbox;
    private PostHogHost host;
    private SignInService service;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withClock(clock));
        host = PostHogHost.parse(sandbox.baseUri().toString());
        service = newService(0);
    }

    private SignInService newService(int port) {
        KeyringCredentialStore.Backend backend = new MapKeyringBackend(keyring);
        return new SignInService(new SignInStore(dir.resolve("signin.json"), clock),
                new Credentials(KeyringCredentialStore.over(backend, Duration.ofSeconds(3))), clock, port);
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private SignInService.SignedIn signIn(boolean allow) throws Exception {
        SignInService.Plan plan = service.plan(host);
        SignInService.Pending pending = service.start(plan);
        CompletableFuture<Integer> landed = CompletableFuture.supplyAsync(() -> {
            try {
                return browser.consent(pending.url(), allow, SeedWorld.ADA);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return service.finish(pending, "Acme", Duration.ofSeconds(20));
        } finally {
            assertEquals(200, landed.get());
        }
    }

    private PostHogClient client(SignInService.SignedIn s) {
        return PostHogClient.builder(host.url(), s.session().current()).bearer(s.session()).build();
    }

    @Test
    void signsInWithoutAKeyAndReadsTheInventory() throws Exception {
        SignInService.SignedIn s = signIn(true);
        assertTrue(s.grantedScopes().containsAll(SignInService.SCOPES), s.grantedScopes().toString());
        PostHogClient client = client(s);
        assertEquals("ada@acme.test", client.me().email());
        assertEquals(24, client.projects(SeedWorld.ACME_ORG).size());
        assertTrue(client.rateLimiter().forOAuthSession(), "an OAuth session gets the OAuth limiter");
        // The refresh token is in the keyring, the access token nowhere on disk, and no token in signin.json.
        assertEquals(s.session().tokens().refreshToken(), keyring.get("hoglink/signin@Acme"));
        assertFalse(keyring.containsValue(s.session().tokens().accessToken().reveal()));
        String saved = Files.readString(dir.resolve("signin.json"));
        assertFalse(saved.contains(s.session().tokens().refreshToken()));
        assertFalse(saved.contains(s.session().tokens().accessToken().reveal()));
        assertTrue(service.isSignedIn("Acme"));
    }

    @Test
    void aSavedSignInResumesFromTheKeyringAndRegistersOncePerHost() throws Exception {
        signIn(true);
        String clientId = new SignInStore(dir.resolve("signin.json"), clock).clientId(host.url()).orElseThrow();
        SignInService.SignedIn again = newService(0).resume("Acme", host);
        assertEquals("ada@acme.test", client(again).me().email());
        SignInService.SignedIn second = signIn(true);
        assertEquals(clientId, second.session().clientId(), "the second sign-in reuses the registration");
    }

    @Test
    void renewsBeforeExpiryAndKeepsARotatedRefreshToken() throws Exception {
        sandbox.setOAuthRotation(true);
        sandbox.setOAuthAccessTokenLifetime(Duration.ofHours(1));
        SignInService.SignedIn s = signIn(true);
        String firstRefresh = s.session().tokens().refreshToken();
        PostHogClient client = client(s);
        client.me();
        assertEquals(0, s.session().refreshes());
        clock.advance(Duration.ofMinutes(56)); // within five minutes of expiry
        client.me();
        assertEquals(1, s.session().refreshes(), "renewed before expiry, not after a refusal");
        String rotated = keyring.get("hoglink/signin@Acme");
        assertFalse(rotated.equals(firstRefresh), "the rotated refresh token replaced the old one in the keyring");
        clock.advance(Duration.ofMinutes(3)); // past PostHog's 2-minute grace for the old refresh token
        OAuthEndpoints endpoints = new OAuthEndpoints(host.url(), clock);
        assertThrows(dev.hoglink.api.signin.OAuthException.class,
                () -> endpoints.refresh(endpoints.discover(), s.session().clientId(), firstRefresh));
    }

    @Test
    void renewsOnceAfterA401() throws Exception {
        SignInService.SignedIn s = signIn(true);
        PostHogClient client = client(s);
        ApiKey first = s.session().tokens().accessToken();
        OAuthEndpoints endpoints = new OAuthEndpoints(host.url(), clock);
        endpoints.revoke(endpoints.discover(), s.session().clientId(), first.reveal(), "access_token");
        assertEquals("ada@acme.test", client.me().email());
        assertEquals(1, s.session().refreshes());
        assertFalse(first.equals(s.session().tokens().accessToken()));
    }

    @Test
    void signOutRevokesEveryTokenAndForgetsTheRefreshToken() throws Exception {
        SignInService.SignedIn s = signIn(true);
        PostHogClient client = client(s);
        client.me();
        assertTrue(service.signOut("Acme", host, s).isEmpty());
        assertEquals(0, sandbox.oauthLiveAccessTokens());
        assertFalse(keyring.containsKey("hoglink/signin@Acme"));
        assertFalse(service.isSignedIn("Acme"));
        assertThrows(AuthenticationException.class, client::me, "the refresh token was revoked too");
        SignInFailure f = assertThrows(SignInFailure.class, () -> service.resume("Acme", host));
        assertEquals(SignInFailure.Problem.NOT_SIGNED_IN, f.problem());
    }

    @Test
    void oauthRequestsAreNotCountedByThePersonalKeyThrottle() throws Exception {
        sandbox.knobs().setThrottle(true);
        sandbox.knobs().setThrottleRates(5, 100);
        SignInService.SignedIn s = signIn(true);
        PostHogClient oauth = client(s);
        for (int i = 0; i < 12; i++) {
            oauth.organization(SeedWorld.ACME_ORG);
        }
        PostHogClient personal = PostHogClient.builder(host.url(), ApiKey.of(sandbox.key("owner")))
                .rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .retryPolicy(new dev.hoglink.api.RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO)).build();
        assertThrows(ThrottledException.class, () -> {
            for (int i = 0; i < 12; i++) {
                personal.organization(SeedWorld.ACME_ORG);
            }
        });
    }

    @Test
    void deniedConsentIsSaidPlainly() {
        SignInFailure f = assertThrows(SignInFailure.class, () -> signIn(false));
        assertEquals(SignInFailure.Problem.DENIED, f.problem());
        assertTrue(f.getMessage().contains("Deny"), f.getMessage());
        assertTrue(keyring.isEmpty());
    }

    @Test
    void aServerWithoutOAuthFallsBackToAPersonalKeyWithTheReason() {
        sandbox.setOAuthServer(false);
        SignInFailure f = assertThrows(SignInFailure.class, () -> service.plan(host));
        assertEquals(SignInFailure.Problem.NOT_OFFERED, f.problem());
        assertTrue(f.fallBackToPersonalKey());
        assertTrue(f.getMessage().contains("personal API key"), f.getMessage());
        assertTrue(f.getMessage().contains("metadata"), f.getMessage());
    }

    @Test
    void aPortThatCannotBeBoundIsSaidPlainly() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            SignInService fixed = newService(taken.getLocalPort());
            SignInService.Plan plan = fixed.plan(host);
            SignInFailure f = assertThrows(SignInFailure.class, () -> fixed.start(plan));
            assertEquals(SignInFailure.Problem.PORT_UNAVAILABLE, f.problem());
            assertTrue(f.getMessage().contains("127.0.0.1 port " + taken.getLocalPort()), f.getMessage());
        }
    }

    @Test
    void aFailedCodeExchangeIsSaidPlainly() throws Exception {
        SignInService.Pending pending = service.start(service.plan(host));
        URI redirect = browser.submit(pending.url(), true, SeedWorld.ADA);
        // Someone else spends the code first (PostHog: single use), so Hoglink's exchange is refused.
        String code = ScriptedConsent.query(redirect).get("code");
        java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                        sandbox.baseUri().resolve("/oauth/token/"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("grant_type=authorization_code&code=" + code
                        + "&client_id=" + ScriptedConsent.query(pending.url()).get("client_id"))).build(), java.net.http.HttpResponse.BodyHandlers.discarding());
        CompletableFuture.runAsync(() -> {
            try {
                browser.land(redirect);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        SignInFailure f = assertThrows(SignInFailure.class, () -> service.finish(pending, "Acme", Duration.ofSeconds(20)));
        assertEquals(SignInFailure.Problem.EXCHANGE_FAILED, f.problem());
        assertTrue(f.getMessage().contains("sign in again"), f.getMessage());
    }

    @Test
    void anAnswerWithAnotherStateIsRefusedAndTheListenerTimesOut() throws Exception {
        SignInService.Pending pending = service.start(service.plan(host));
        Map<String, String> q = ScriptedConsent.query(pending.url());
        URI forged = URI.create(q.get("redirect_uri") + "?code=abc&state=forged");
        assertEquals(400, browser.land(forged));
        SignInFailure f = assertThrows(SignInFailure.class, () -> service.finish(pending, "Acme", Duration.ofSeconds(5)));
        assertEquals(SignInFailure.Problem.REJECTED, f.problem());

        SignInService.Pending idle = service.start(service.plan(host));
        SignInFailure t = assertThrows(SignInFailure.class, () -> service.finish(idle, "Acme", Duration.ofMillis(300)));
        assertEquals(SignInFailure.Problem.TIMED_OUT, t.problem());
    }

    @Test
    void theAuthorizeUrlCarriesS256AndTheLoopbackRedirect() throws Exception {
        SignInService.Pending pending = service.start(service.plan(host));
        Map<String, String> q = ScriptedConsent.query(pending.url());
        assertEquals("S256", q.get("code_challenge_method"));
        assertEquals(43, q.get("code_challenge").length());
        assertTrue(q.get("redirect_uri").matches("http://127\\.0\\.0\\.1:\\d+/callback"), q.get("redirect_uri"));
        assertEquals(String.join(" ", SignInService.SCOPES), q.get("scope"));
        assertNotNull(q.get("state"));
        pending.cancel();
        assertEquals(SignInFailure.Problem.CANCELLED,
                assertThrows(SignInFailure.class, () -> service.finish(pending, "Acme", Duration.ofSeconds(5))).problem());
    }
}
