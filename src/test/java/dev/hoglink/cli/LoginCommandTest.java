package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.e2e.ScriptedConsent;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.audit.AuditExport;
import dev.hoglink.service.credentials.Credentials;
import dev.hoglink.service.credentials.KeyringCredentialStore;
import dev.hoglink.support.MapKeyringBackend;
import dev.hoglink.util.AppDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hoglink login} against the sandbox, then {@code audit --profile} on the saved sign-in with no key. */
class LoginCommandTest {

    @TempDir
    Path home;

    private SandboxServer sandbox;
    private final Map<String, String> keyring = new ConcurrentHashMap<>();
    private Credentials credentials;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        credentials = new Credentials(KeyringCredentialStore.over(new MapKeyringBackend(keyring), Duration.ofSeconds(3)));
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    /** A browser that approves (or denies) on the consent page as Ada, in the background, as a person would. */
    private static Predicate<String> browser(boolean allow) {
        return url -> {
            CompletableFuture.runAsync(() -> {
                try {
                    new ScriptedConsent().consent(URI.create(url), allow, SeedWorld.ADA);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            return true;
        };
    }

    private int login(Predicate<String> browser, String... args) {
        return LoginCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), AppDirs.under(home), credentials, browser, 0);
    }

    @Test
    void logsInThenAuditsTheProfileWithoutAKey() throws Exception {
        int code = login(browser(true), "--profile", "Sandbox OAuth", "--host", sandbox.baseUri().toString(),
                "--timeout", "30");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("/oauth/authorize/?client_id="), out.toString());
        assertTrue(out.toString().contains("Signed in to") && out.toString().contains("ada@acme.test"), out.toString());
        assertTrue(err.toString().contains("integration:write"), "the grant is shown before the browser opens");

        AuditCommand.Options o = new AuditCommand.Options(false, null, SeedWorld.ACME_ORG, AuditExport.Format.JSON,
                AuditExport.Kind.INVENTORY, null, "Sandbox OAuth");
        // A sign-in has no personal key record: the audit does not ask PostHog for one (NH1).
        java.util.concurrent.atomic.AtomicBoolean askedForKey = new java.util.concurrent.atomic.AtomicBoolean();
        sandbox.onceBefore("GET", "/api/personal_api_keys/@current/?", () -> askedForKey.set(true));
        String json = new String(ProfileAudit.run(o, AppDirs.under(home), credentials, null,
                new PrintStream(err, true, StandardCharsets.UTF_8)), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"Web\""), json.substring(0, Math.min(400, json.length())));
        assertFalse(askedForKey.get(), "the signed-in audit asked for a personal key record");

        assertEquals(0, login(url -> false, "--profile", "Sandbox OAuth", "--logout"));
        assertTrue(keyring.isEmpty(), "sign-out forgets the refresh token");
        assertEquals(0, sandbox.oauthLiveAccessTokens(), "and revokes every token");
    }

    @Test
    void anEmailFromTheServerCannotForgeOrHideTerminalText() throws Exception {
        sandbox.stop();
        String hostile = "ada@acme.test\\u001b[2K\\rhoglink audit: done\\u202e\\u009b31m";
        Path state = home.resolve("hostile-world.json");
        java.nio.file.Files.writeString(state, new String(sandbox.snapshot(), StandardCharsets.UTF_8)
                .replace("\"ada@acme.test\"", "\"" + hostile + "\""));
        sandbox = SandboxServer.start(SandboxOptions.defaults().withStateFile(state));
        int code = login(browser(true), "--profile", "Hostile", "--host", sandbox.baseUri().toString(),
                "--timeout", "30");
        assertEquals(0, code, err.toString());
        assertTrue(out.toString().contains("hoglink audit: done"), "the email is shown: " + out);
        out.toString().chars().forEach(c -> assertTrue(c == '\n' || !dev.hoglink.util.PrintableText.unsafe(c),
                "unsafe U+" + Integer.toHexString(c) + " on stdout: " + out));
    }

    @Test
    void exitCodesSayWhatHappened() {
        assertEquals(1, login(browser(false), "--profile", "Denied", "--host", sandbox.baseUri().toString(),
                "--timeout", "30"));
        assertTrue(err.toString().contains("Deny"), err.toString());
        sandbox.setOAuthServer(false);
        assertEquals(3, login(browser(true), "--profile", "Old", "--host", sandbox.baseUri().toString()));
        assertTrue(err.toString().contains("personal API key"), err.toString());
        assertEquals(2, login(browser(true), "--host", sandbox.baseUri().toString()));
        assertEquals(2, login(browser(true), "--profile", "Nowhere"));
    }

    @Test
    void aBrowserThatCannotOpenLeavesTheUrlToCopy() {
        int code = login(url -> false, "--profile", "NoBrowser", "--host", sandbox.baseUri().toString(),
                "--timeout", "1");
        assertEquals(1, code);
        assertTrue(out.toString().contains("/oauth/authorize/"), "the URL is printed");
        assertTrue(err.toString().contains("copy the address"), err.toString());
        // The wait reads as the window says it (Waits.span), in the line before and in the timeout after.
        assertTrue(err.toString().contains("Waiting for the browser (up to 1 s)..."), err.toString());
        assertTrue(err.toString().contains("No answer came back from the browser within 1 s."), err.toString());
    }
}
