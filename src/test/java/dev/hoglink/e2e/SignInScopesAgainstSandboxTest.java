package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.credentials.Credentials;
import dev.hoglink.service.credentials.SessionCredentialStore;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.session.Session;
import dev.hoglink.service.session.SessionFactory;
import dev.hoglink.service.signin.SignInService;
import dev.hoglink.service.signin.SignInStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A sign-in with PostHog is judged by the scopes its token answer granted (docs/api-notes.md NH1): the inventory
 * of a session opened over it says whether Link, Start OAuth and Unlink may be offered, and PostHog (here the
 * sandbox, which refuses as APIScopePermission does) agrees when the request is sent anyway.
 */
class SignInScopesAgainstSandboxTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private SandboxServer sandbox;
    private PostHogHost host;
    private SignInService service;
    private SessionFactory sessions;
    private final ScriptedConsent browser = new ScriptedConsent();

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        host = PostHogHost.parse(sandbox.baseUri().toString());
        service = new SignInService(new SignInStore(dir.resolve("signin.json"), Clock.systemUTC()),
                new Credentials(new SessionCredentialStore()), Clock.systemUTC(), 0);
        sessions = new SessionFactory((h, k) -> dev.hoglink.api.PostHogClient.builder(h.url(), k).build(),
                new ActionJournal(dir.resolve("journal.jsonl"), Clock.systemUTC()), Set::of);
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    /** Signs Ada in, approving {@code scope} only (null: everything Hoglink asks for). */
    private SignInService.SignedIn signIn(String scope) throws Exception {
        SignInService.Pending pending = service.start(service.plan(host));
        CompletableFuture<Integer> landed = CompletableFuture.supplyAsync(() -> {
            try {
                return browser.land(browser.submit(pending.url(), true, SeedWorld.ADA, scope));
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

    private JsonNode linkExisting(SignInService.SignedIn s, int status) throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        sandbox.baseUri().resolve("/api/projects/102/integrations/github/link_existing/"))
                .header("Authorization", "Bearer " + s.session().current().reveal())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"installation_id\": \"0\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(status, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    @Test
    void aSignInGrantedIntegrationWriteMayChangeLinks() throws Exception {
        SignInService.SignedIn s = signIn(null);
        Session session = sessions.openSignedIn(host, "Acme", s.session());
        assertEquals(Optional.of(true), session.inventory().keyCanWriteIntegrations(),
                "known from the token answer, not \"unknown\" for want of a key record");
        assertEquals("Invalid installation_id", linkExisting(s, 400).path("detail").asText(),
                "PostHog lets the write through the scope check (the body is what it refuses)");
    }

    @Test
    void aSignInGrantedOnlyReadsIsReadOnlyAsPostHogSays() throws Exception {
        SignInService.SignedIn s = signIn("user:read organization:read project:read integration:read");
        Session session = sessions.openSignedIn(host, "Acme", s.session());
        assertEquals(Optional.of(false), session.inventory().keyCanWriteIntegrations());
        JsonNode refused = linkExisting(s, 403);
        assertEquals(JSON.readTree("{\"type\": \"authentication_error\", \"code\": \"permission_denied\","
                + " \"detail\": \"API key missing required scope 'integration:write'\", \"attr\": null}"), refused);
    }

    /**
     * posthog/api/personal_api_key.py authenticates personal keys and web sessions only, and PersonalAPIKeyAuthentication
     * passes over a "Bearer pha_" header: PostHog has no key record for a sign-in and answers 401 (NH1).
     */
    @Test
    void theKeyRecordRouteDoesNotTakeASignInsToken() throws Exception {
        SignInService.SignedIn s = signIn(null);
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        sandbox.baseUri().resolve("/api/personal_api_keys/@current/"))
                .header("Authorization", "Bearer " + s.session().current().reveal()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode(), r.body());
        assertEquals("not_authenticated", JSON.readTree(r.body()).path("code").asText(), r.body());
    }
}
