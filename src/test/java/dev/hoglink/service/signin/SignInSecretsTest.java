package dev.hoglink.service.signin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.support.LogCapture;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.e2e.ScriptedConsent;
import dev.hoglink.sandbox.SandboxClock;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.credentials.Credentials;
import dev.hoglink.service.credentials.KeyringCredentialStore;
import dev.hoglink.support.MapKeyringBackend;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canary test of "Sign in with PostHog": every secret of a sign-in (the PKCE verifier, the code, the access
 * tokens, the refresh token) is collected while a whole sign-in, a renewal, a refused answer and a sign-out run
 * with every log level on; none may appear in a log record, an exception's text or stack trace, a
 * {@code toString()}, or any file Hoglink wrote.
 */
class SignInSecretsTest {

    @TempDir
    Path dir;

    /** Every log line; the JDK client's own wire tracing (off unless enabled) prints the scripted browser's URLs. */
    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.startSkipping(name -> name.startsWith("jdk.internal.httpclient"));
    }

    @AfterEach
    void restore() {
        logs.close();
    }

    private static String text(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return t.getMessage() + "\n" + sw;
    }

    @Test
    void noTokenCodeOrVerifierReachesALogAnExceptionOrAFile() throws Exception {
        SandboxClock clock = new SandboxClock(Instant.parse("2026-03-01T10:00:00Z"));
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withClock(clock));
        List<String> secrets = new ArrayList<>();
        List<String> shown = new ArrayList<>();
        try {
            sandbox.setOAuthRotation(true);
            sandbox.setOAuthAccessTokenLifetime(Duration.ofHours(1));
            PostHogHost host = PostHogHost.parse(sandbox.baseUri().toString());
            java.util.Map<String, String> keyring = new java.util.concurrent.ConcurrentHashMap<>();
            KeyringCredentialStore.Backend backend = new MapKeyringBackend(keyring);
            SignInService service = new SignInService(new SignInStore(dir.resolve("signin.json"), clock),
                    new Credentials(KeyringCredentialStore.over(backend, Duration.ofSeconds(3))), clock);
            ScriptedConsent browser = new ScriptedConsent();

            SignInService.Pending pending = service.start(service.plan(host));
            secrets.add(pending.pkce().verifier());
            URI redirect = browser.submit(pending.url(), true, SeedWorld.ADA);
            secrets.add(redirect.getQuery().replaceAll(".*code=([^&]+).*", "$1"));
            CompletableFuture.runAsync(() -> {
                try {
                    browser.land(redirect);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SignInService.SignedIn s = service.finish(pending, "Acme", Duration.ofSeconds(20));
            secrets.add(s.session().tokens().accessToken().reveal());
            secrets.add(s.session().tokens().refreshToken());
            shown.add(s.toString());
            shown.add(s.session().tokens().toString());
            shown.add(pending.toString());

            PostHogClient client = PostHogClient.builder(host.url(), s.session().current()).bearer(s.session()).build();
            shown.add(client.toString());
            client.me();
            clock.advance(Duration.ofMinutes(58));
            client.me(); // renewed, with a rotated refresh token
            secrets.add(s.session().tokens().accessToken().reveal());
            secrets.add(s.session().tokens().refreshToken());

            // A refused code exchange (the code spent twice) and a refused refresh: their texts too.
            SignInService.Pending second = service.start(service.plan(host));
            secrets.add(second.pkce().verifier());
            URI again = browser.submit(second.url(), true, SeedWorld.ADA);
            String code2 = again.getQuery().replaceAll(".*code=([^&]+).*", "$1");
            secrets.add(code2);
            CompletableFuture.runAsync(() -> {
                try {
                    browser.land(again);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            SignInService.SignedIn s2 = service.finish(second, "Acme", Duration.ofSeconds(20));
            secrets.add(s2.session().tokens().accessToken().reveal());
            secrets.add(s2.session().tokens().refreshToken());
            dev.hoglink.api.signin.OAuthEndpoints endpoints = new dev.hoglink.api.signin.OAuthEndpoints(host.url(), clock);
            dev.hoglink.api.signin.AuthServerMetadata m = endpoints.discover();
            shown.add(text(assertThrows(RuntimeException.class, () -> endpoints.exchange(m, s2.session().clientId(),
                    "http://127.0.0.1/callback", code2, second.pkce()))));

            assertTrue(service.signOut("Acme", host, s2).isEmpty());
            shown.add(text(assertThrows(RuntimeException.class, client::me)));
            shown.add(text(assertThrows(SignInFailure.class, () -> service.resume("Acme", host))));
        } finally {
            sandbox.stop();
        }
        List<String> files = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.add(Files.readString(p));
            }
        }
        List<String> logged = logs.lines();
        assertFalse(logged.isEmpty(), "the run logged something to check");
        for (String secret : secrets) {
            assertTrue(secret != null && secret.length() >= 20, "a real secret was collected");
            String head = secret.substring(0, 12);
            for (String line : logged) {
                assertFalse(line.contains(secret) || line.contains(head), "a secret in the log: " + line);
            }
            for (String t : shown) {
                assertFalse(t.contains(secret), "a secret in an exception or toString: " + t);
            }
            for (String f : files) {
                assertFalse(f.contains(secret), "a secret in a file");
            }
        }
    }
}
