package dev.hoglink.api;

import static dev.hoglink.api.FakeApiServer.file;
import static dev.hoglink.api.FakeApiServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hoglink.service.ServiceException;
import dev.hoglink.service.inventory.HttpInventoryService;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Whether the inventory says a personal API key may change GitHub links, against {@code @current} answers shaped
 * as PostHog's newest serializer gives them (docs/api-notes.md NH1): the verdict is the one PostHog's
 * APIScopePermission reaches for the same key, which the last test replays on the link request itself.
 */
class PostHogKeyScopesTest {

    private static final String CURRENT = "/api/personal_api_keys/@current/";
    private final FakeApiServer server = new FakeApiServer();
    private final PostHogClient client = ClientFixtures.builder(server.base(), new FakeTime())
            .retryPolicy(RetryPolicy.none()).rateLimiter(RateLimiter.unlimited()).build();
    private final HttpInventoryService inventory = new HttpInventoryService(client);

    @AfterEach
    void stop() {
        server.close();
    }

    private static String key(String scopes, String scopedTeams, String scopedOrganizations) {
        return "{\"id\": \"0190bbbb-0000-0000-0000-00000000000d\", \"label\": \"k\", \"description\": null,"
                + " \"created_at\": \"2026-05-02T10:00:00.123456Z\", \"last_used_at\": null, \"last_rolled_at\": null,"
                + " \"user_id\": 42, \"is_legacy_hashing\": false, \"scopes\": " + scopes + ", \"scoped_teams\": "
                + scopedTeams + ", \"scoped_organizations\": " + scopedOrganizations + ", \"value\": null,"
                + " \"mask_value\": \"phx_...Zz00\", \"local_dev_value\": null}";
    }

    @Test
    void aKeyStoredWithoutScopesIsNotALegacyFullAccessKeyAnyMore() {
        server.on("GET", CURRENT, file(200, "posthog/personal-api-key-no-scopes.json"));
        assertEquals(Optional.of(false), inventory.keyCanWriteIntegrations(),
                "PostHog now refuses a key without scopes everywhere, so Hoglink may not offer Link, OAuth or Unlink");
    }

    @Test
    void anEmptyScopeListOrANullOneIsNoAccessEither() {
        server.on("GET", CURRENT, json(200, key("null", "null", "null")));
        assertEquals(Optional.of(false), inventory.keyCanWriteIntegrations());
    }

    @Test
    void theAllScopesKeyMayWrite() {
        server.on("GET", CURRENT, file(200, "posthog/personal-api-key-scoped-organization.json"));
        assertEquals(Optional.of(true), inventory.keyCanWriteIntegrations());
    }

    @Test
    void integrationReadAloneIsReadOnly() {
        server.on("GET", CURRENT, json(200, key("[\"integration:read\", \"project:read\"]", "null", "null")));
        assertEquals(Optional.of(false), inventory.keyCanWriteIntegrations());
    }

    @Test
    void integrationWriteMayWrite() {
        server.on("GET", CURRENT, file(200, "posthog/personal-api-key.json"));
        assertEquals(Optional.of(true), inventory.keyCanWriteIntegrations());
    }

    @Test
    void aKeyLimitedToProjectsWithWriteMayWriteInTheProjectsItReaches() {
        server.on("GET", CURRENT, file(200, "posthog/personal-api-key-scoped-teams.json"));
        assertEquals(Optional.of(true), inventory.keyCanWriteIntegrations(),
                "integration:write within scoped_teams; the inventory lists only the projects such a key reaches");
    }

    @Test
    void aKeyLimitedToProjectsWithReadOnlyIsReadOnly() {
        server.on("GET", CURRENT, json(200, key("[\"integration:read\"]", "[2]", "[]")));
        assertEquals(Optional.of(false), inventory.keyCanWriteIntegrations());
    }

    @Test
    void aKeyThatMayNotReadItselfLeavesTheVerdictToPostHog() {
        server.on("GET", CURRENT, json(403, "{\"type\": \"authentication_error\", \"code\": \"permission_denied\","
                + " \"detail\": \"API keys with scoped projects are only supported on project-based endpoints.\","
                + " \"attr\": null}"));
        assertEquals(Optional.empty(), inventory.keyCanWriteIntegrations());
    }

    @Test
    void postHogRefusesTheScopelessKeyAsTheVerdictSays() {
        server.on("GET", "/api/projects/2/integrations/", file(403, "posthog/error-403-missing-scope.json"));
        ServiceException e = assertThrows(ServiceException.class, () -> inventory.githubLinks(2));
        assertEquals(ServiceException.Kind.PERMISSION, e.kind());
        assertEquals(Optional.of("integration:read"), e.missingScope(), "the scope PostHog names is the one missing");
    }
}
