package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's install requests, as PostHog serves them (docs/api-notes.md NE1): the shape PostHog's own
 * frontend test mocks (frontend/src/lib/integrations/githubInstallRequestsLogic.test.ts), each user sees only
 * their own, DELETE dismisses (204, then 404 "No GitHub install request found."), and GitHub's
 * installation.created webhook approves the requester's pending rows by GitHub user id
 * (posthog/api/github_callback/installation_events.py).
 */
class InstallRequestsSandboxTest {

    private static final String LIST = "/api/users/@me/integrations/github/install_requests/";
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

    private JsonNode list(String role) {
        SandboxHttp.Res r = http.get(LIST, server.key(role));
        assertEquals(200, r.status(), r.raw());
        return r.json();
    }

    private static List<String> statuses(JsonNode body) {
        List<String> s = new ArrayList<>();
        body.path("results").forEach(r -> s.add(r.path("status").asText()));
        return s;
    }

    @Test
    void theOwnerSeesARequestInEachStatusShapedAsPostHogsAndTheInstallUrl() {
        JsonNode body = list("owner");
        assertEquals(List.of("pending", "unidentified", "approved"), statuses(body), "newest first");
        assertEquals(server.baseUri() + "/apps/posthog-sandbox/installations/new", body.path("install_url").asText());
        JsonNode pending = body.path("results").get(0);
        for (String field : List.of("id", "github_login", "status", "installation_id", "account_login", "account_type",
                "requested_at", "resolved_at")) {
            assertTrue(pending.has(field), field);
        }
        assertTrue(pending.path("installation_id").isNull() && pending.path("resolved_at").isNull());
        JsonNode approved = body.path("results").get(2);
        assertEquals("10000007", approved.path("installation_id").asText());
        assertEquals("acme-oss", approved.path("account_login").asText());
        assertEquals("Organization", approved.path("account_type").asText());
        assertEquals("", body.path("results").get(1).path("github_login").asText(), "unidentified: no login");
        assertTrue(!body.has("count") && !body.has("next"), "not paginated");
    }

    @Test
    void eachUserSeesOnlyTheirOwnRequests() {
        assertEquals(List.of("pending"), statuses(list("member")));
        assertEquals(List.of(), statuses(list("admin")));
    }

    @Test
    void dismissingAnswers204ThenPostHogs404AndAnotherUsersRequestIsNotFound() {
        String id = list("owner").path("results").get(1).path("id").asText();
        assertEquals(404, http.delete(LIST + id + "/", server.key("member")).status(), "not the member's request");
        assertEquals(204, http.delete(LIST + id + "/", server.key("owner")).status());
        SandboxHttp.Res again = http.delete(LIST + id + "/", server.key("owner"));
        assertEquals(404, again.status());
        assertEquals("No GitHub install request found.", again.detail());
        assertEquals(List.of("pending", "approved"), statuses(list("owner")));
    }

    @Test
    void aKeyWithoutUserWriteMayListButNotDismiss() {
        String id = list("member").path("results").get(0).path("id").asText();
        SandboxHttp.Res refused = http.delete(LIST + id + "/", server.key("readonly"));
        assertEquals(403, refused.status());
        assertEquals("API key missing required scope 'user:write'", refused.detail());
    }

    @Test
    void theInstallationCreatedWebhookApprovesOnlyTheRequestersPendingRows() {
        String payload = "{\"action\":\"created\",\"installation\":{\"id\":55555,\"account\":{\"login\":\"acme-new\","
                + "\"type\":\"Organization\"}},\"requester\":{\"id\":9001,\"login\":\"ada-renamed\"}}";
        SandboxHttp.Res r = http.post("/_sandbox/github/webhook/installation", null, payload);
        assertEquals(200, r.status(), r.raw());
        assertEquals(1, r.json().path("resolved").asInt());
        JsonNode ada = list("owner").path("results");
        JsonNode flipped = ada.get(0);
        assertEquals("approved", flipped.path("status").asText());
        assertEquals("55555", flipped.path("installation_id").asText());
        assertEquals("acme-new", flipped.path("account_login").asText());
        assertTrue(!flipped.path("resolved_at").isNull());
        assertEquals("unidentified", ada.get(1).path("status").asText(), "an unidentified request never resolves");
        assertEquals(List.of("pending"), statuses(list("member")), "another GitHub user's request is untouched");
        String noRequester = "{\"action\":\"created\",\"installation\":{\"id\":1}}";
        assertEquals(0, http.post("/_sandbox/github/webhook/installation", null, noRequester).json()
                .path("resolved").asInt(), "an owner installing for themselves resolves nothing");
    }

    @Test
    void theInstallationDeletedWebhookDeletesEveryRowOfTheInstallationAsPostHogDoes() {
        String owner = server.key("owner");
        String rows = "/api/environments/%d/integrations/?kind=github";
        assertEquals(1, http.get(rows.formatted(101), owner).json().path("results").size());
        String payload = "{\"action\":\"deleted\",\"installation\":{\"id\":10000001,\"account\":{\"login\":\"acme\"}}}";
        SandboxHttp.Res r = http.post("/_sandbox/github/webhook/installation", null, payload);
        assertEquals(200, r.status(), r.raw());
        assertEquals(3, r.json().path("team_integrations_deleted").asInt(), r.raw());
        for (int team : new int[] {101, 102, 103}) {
            assertEquals(0, http.get(rows.formatted(team), owner).json().path("results").size(), "team " + team);
        }
        assertEquals(1, http.get(rows.formatted(104), owner).json().path("results").size(), "another installation stays");
        JsonNode offered = http.get("/api/environments/108/integrations/github/available_installations/", owner).json();
        offered.path("installations").forEach(i -> assertTrue(!"10000001".equals(i.path("installation_id").asText()),
                offered.toString()));
        assertEquals(0, http.post("/_sandbox/github/webhook/installation", null,
                "{\"action\":\"deleted\",\"installation\":{\"id\":99}}").json().path("team_integrations_deleted")
                .asInt(), "an installation PostHog does not know changes nothing");
    }

    @Test
    void theGitHubStandInsApprovalPageApprovesARequesterAsTheOwnerWould() {
        String page = http.get("/apps/posthog-sandbox/installations/new", null).raw();
        assertTrue(page.contains("Approve the request of ada-gh") && page.contains("cy-gh"), page);
        assertEquals(200, http.postForm("/apps/posthog-sandbox/installations/new", "requester=9003").status());
        assertEquals(List.of("approved"), statuses(list("member")));
        assertEquals("pending", list("owner").path("results").get(0).path("status").asText());
    }
}
