package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A personal API key stored without scopes, as the newest PostHog treats it (docs/api-notes.md NH1): no legacy
 * full access. posthog/permissions.py {@code APIScopePermission} reads such a key's scopes as an empty list, checks
 * its project and organization limits first and then refuses it for the route's missing scope;
 * posthog/api/personal_api_key.py shows its scopes as {@code []}.
 */
class ScopelessKeyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private SandboxServer server;
    private SandboxHttp http;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxOptions.defaults());
        http = new SandboxHttp(server.baseUri());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private static JsonNode denied(String detail) throws IOException {
        return JSON.readTree("{\"type\": \"authentication_error\", \"code\": \"permission_denied\", \"detail\": "
                + JSON.writeValueAsString(detail) + ", \"attr\": null}");
    }

    @Test
    void readsAreRefusedForTheMissingReadScope() throws IOException {
        String key = server.addKey(SeedWorld.ADA, List.of(), List.of(), List.of());
        SandboxHttp.Res r = http.get("/api/projects/102/integrations/?kind=github", key);
        assertEquals(403, r.status());
        assertEquals(denied("API key missing required scope 'integration:read'"), r.json());
        assertEquals(denied("API key missing required scope 'organization:read'"),
                http.get("/api/organizations/", key).json());
    }

    @Test
    void writesAreRefusedForTheMissingWriteScope() throws IOException {
        String key = server.addKey(SeedWorld.ADA, List.of(), List.of(), List.of());
        SandboxHttp.Res r = http.post("/api/projects/102/integrations/github/link_existing/", key,
                "{\"installation_id\": \"0\"}");
        assertEquals(403, r.status());
        assertEquals(denied("API key missing required scope 'integration:write'"), r.json());
    }

    @Test
    void theProjectLimitIsCheckedBeforeTheScope() throws IOException {
        String key = server.addKey(SeedWorld.ADA, List.of(), List.of(102), List.of());
        assertEquals(denied("API key does not have access to the requested project: ID 101."),
                http.get("/api/projects/101/integrations/", key).json());
        assertEquals(denied("API key missing required scope 'integration:read'"),
                http.get("/api/projects/102/integrations/", key).json());
    }

    @Test
    void theKeysOwnRecordShowsNoScopesNotAll() {
        World.PersonalKey k = scopeless();
        assertEquals(0, UsersHandler.keyJson(k).path("scopes").size(),
                "a key stored with scopes null is shown as [] (PostHog used to show [\"*\"])");
        k.scopes = new java.util.ArrayList<>();
        assertEquals(JSON.createArrayNode(), UsersHandler.keyJson(k).path("scopes"));
    }

    private static World.PersonalKey scopeless() {
        World.PersonalKey k = new World.PersonalKey();
        k.id = "k";
        k.label = "Old script key";
        k.maskValue = "phx_...Qq7w";
        k.scopes = null;
        return k;
    }
}
