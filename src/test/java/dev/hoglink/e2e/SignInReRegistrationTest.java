package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.PostHogClient;
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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client id kept in signin.json outlives the server's registration (a self-hosted PostHog reset, the
 * application deleted in Django admin): PostHog then answers the token step with {@code invalid_client} and the
 * consent page with "No OAuth application is registered with this client_id" (posthog/api/oauth/views.py).
 * Hoglink checks a kept client id before opening the browser, registers again once, and says so in the log
 * without the client id or any token. Here the sandbox is restarted on the same port, which forgets every client.
 */
class SignInReRegistrationTest {

    @TempDir
    Path dir;

    private final SandboxClock clock = new SandboxClock(Instant.parse("2026-03-01T10:00:00Z"));
    private final Map<String, String> keyring = new ConcurrentHashMap<>();
    private final ScriptedConsent browser = new ScriptedConsent();
    private final List<String> log = new CopyOnWriteArrayList<>();
    private final Logger serviceLog = Logger.getLogger(SignInService.class.getName());
    private Level level;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            log.add(String.valueOf(r.getMessage()));
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private SandboxServer sandbox;
    private PostHogHost host;
    private SignInService service;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withClock(clock));
        host = PostHogHost.parse(sandbox.baseUri().toString());
        service = new SignInService(new SignInStore(dir.resolve("signin.json"), clock),
                new Credentials(KeyringCredentialStore.over(new MapKeyringBackend(keyring), Duration.ofSeconds(3))), clock, 0);
        level = serviceLog.getLevel();
        serviceLog.setLevel(Level.ALL);
        serviceLog.addHandler(capture);
    }

    @AfterEach
    void stop() {
        serviceLog.removeHandler(capture);
        serviceLog.setLevel(level);
        sandbox.stop();
    }

    private SignInService.SignedIn signIn() throws Exception {
        SignInService.Pending pending = service.start(service.plan(host));
        CompletableFuture<Integer> landed = CompletableFuture.supplyAsync(() -> {
            try {
                return browser.consent(pending.url(), true, SeedWorld.ADA);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        try {
            return service.finish(pending, "Acme", Duration.ofSeconds(20));
        } finally {
            assertEquals(200, landed.get(), "the consent page accepted the client id");
        }
    }

    private void restartSandboxOnTheSamePort() throws Exception {
        int port = sandbox.baseUri().getPort();
        sandbox.stop();
        sandbox = SandboxServer.start(SandboxOptions.defaults().withClock(clock).withPort(port));
    }

    private String keptClientId() {
        return new SignInStore(dir.resolve("signin.json"), clock).clientId(host.url()).orElseThrow();
    }

    @Test
    void aClientTheServerForgotIsRegisteredAgainOnceAndTheSignInSucceeds() throws Exception {
        signIn();
        String old = keptClientId();
        restartSandboxOnTheSamePort();

        SignInService.SignedIn s = signIn();

        String renewed = keptClientId();
        assertNotEquals(old, renewed, "a new registration replaced the forgotten one in signin.json");
        assertEquals(renewed, s.session().clientId());
        assertEquals("ada@acme.test",
                PostHogClient.builder(host.url(), s.session().current()).bearer(s.session()).build().me().email());
        long said = log.stream().filter(e -> e.contains("no longer knows")).count();
        assertEquals(1, said, "the log says once that Hoglink registered again");
        for (String e : log) {
            assertFalse(e.contains(old), "no client id in the log: " + e);
            assertFalse(e.contains(renewed), "no client id in the log: " + e);
        }
    }

    @Test
    void aKnownClientIsKeptWithoutRegisteringAgain() throws Exception {
        signIn();
        String first = keptClientId();
        signIn();
        assertEquals(first, keptClientId());
        assertTrue(log.stream().noneMatch(e -> e.contains("no longer knows")));
    }

    @Test
    void aSavedSignInWhoseClientWasForgottenAsksToSignInAgainAndTheNextSignInRegisters() throws Exception {
        signIn();
        String old = keptClientId();
        restartSandboxOnTheSamePort();

        SignInFailure f = assertThrows(SignInFailure.class, () -> service.resume("Acme", host));
        assertEquals(SignInFailure.Problem.SIGNED_OUT, f.problem());
        assertTrue(f.getMessage().contains("Sign in with PostHog again"), f.getMessage());
        assertTrue(new SignInStore(dir.resolve("signin.json"), clock).clientId(host.url()).isEmpty(),
                "the forgotten client id is dropped, so the next sign-in registers at once");

        SignInService.SignedIn s = signIn();
        assertNotEquals(old, s.session().clientId());
    }
}
