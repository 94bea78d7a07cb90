package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OAuth round trip through the sandbox's GitHub authorize page and PostHog callback, over plain HTTP. */
class SandboxOAuthTest {

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\">");

    SandboxClock clock = new SandboxClock(Instant.parse("2026-08-10T09:00:00Z"));
    SandboxServer server;
    SandboxHttp http;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxOptions.defaults().withClock(clock));
        http = new SandboxHttp(server.baseUri());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    String authorize(String role, int project, String installationId, String next) {
        String body = "{\"installation_id\":\"" + installationId + "\"" + (next == null ? "" : ",\"next\":\"" + next + "\"") + "}";
        SandboxHttp.Res r = http.post("/api/projects/" + project + "/integrations/github/oauth_authorize/",
                server.key(role), body);
        assertEquals(200, r.status(), r.raw());
        return r.json().path("oauth_url").asText();
    }

    /** Opens the authorize page and submits one of its forms; returns GitHub's redirect to the callback. */
    String decide(String oauthUrl, String decision) {
        return decide(oauthUrl, decision, Map.of());
    }

    /** As {@link #decide(String, String)}, with some form fields replaced or added before posting. */
    String decide(String oauthUrl, String decision, Map<String, String> overrides) {
        SandboxHttp.Res page = http.get(oauthUrl, null);
        assertEquals(200, page.status(), page.raw());
        int at = page.raw().indexOf("id=\"" + decision + "\"");
        int formStart = page.raw().lastIndexOf("<form", at);
        Matcher m = HIDDEN.matcher(page.raw().substring(formStart, at));
        Map<String, String> fields = new LinkedHashMap<>();
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&quot;", "\""));
        }
        assertEquals(decision, fields.get("decision"));
        fields.putAll(overrides);
        SandboxHttp.Res posted = http.postForm("/login/oauth/authorize", form(fields));
        assertEquals(302, posted.status(), posted.raw());
        return posted.header("Location");
    }

    static String form(Map<String, String> fields) {
        return fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Follows the callback redirect; returns where PostHog sends the browser next. */
    URI callback(String location) {
        SandboxHttp.Res r = http.get(location, null);
        assertEquals(302, r.status(), r.raw());
        return server.baseUri().resolve(r.header("Location"));
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String p : uri.getRawQuery().split("&")) {
            String[] kv = p.split("=", 2);
            m.put(kv[0], java.net.URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return m;
    }

    @Test
    void approvingCreatesTheIntegrationAndPersonalLinkAndRedirectsToNext() {
        String url = authorize("member_unlinked", 110, "10000001", "/project/110/settings");
        SandboxHttp.Res page = http.get(url, null);
        assertTrue(page.raw().contains("dee-gh") && page.raw().contains("acme (Organization)")
                && page.raw().contains("10000001"), page.raw());
        String toCallback = decide(url, "approve");
        assertTrue(toCallback.startsWith(server.baseUri() + "/complete/github-link/?code="), toCallback);
        URI done = callback(toCallback);
        assertEquals("/project/110/settings", done.getPath());
        Map<String, String> q = query(done);
        assertEquals("10000001", q.get("installation_id"));
        SandboxHttp.Res donePage = http.get(done.toString(), null);
        assertEquals(200, donePage.status());
        assertTrue(donePage.raw().contains("id=\"integration_id\">" + q.get("integration_id")), donePage.raw());

        JsonNode row = http.get("/api/projects/110/integrations/" + q.get("integration_id") + "/", server.key("owner")).json();
        assertEquals("dee-gh", row.path("config").path("connecting_user_github_login").asText());
        assertEquals("dee@acme.test", row.path("created_by").path("email").asText());
        assertTrue(row.path("installation_shared").asBoolean());
        JsonNode discovery = http.get("/api/projects/111/integrations/github/available_installations/",
                server.key("member_unlinked")).json();
        assertEquals("ok", discovery.path("personal_discovery_status").asText());
        assertEquals("dee-gh", discovery.path("personal_github_login").asText());
        assertEquals(200, http.post("/api/projects/111/integrations/github/link_existing/", server.key("member_unlinked"),
                "{\"installation_id\":\"10000001\"}").status(), "the new personal link is proof for link_existing");
        // PostHog's team OAuth return makes the row through integration_from_installation_id, which writes no activity
        // row (an analytics event only); GitHubAudit's "created" is called by no copy read (api-notes NL2).
        JsonNode log = http.get("/api/projects/110/activity_log/?scope=Integration", server.key("owner")).json()
                .path("results");
        log.forEach(r -> {
            assertFalse(q.get("integration_id").equals(r.path("item_id").asText()), r.toString());
            assertFalse("created".equals(r.path("detail").path("trigger").path("payload").path("event").asText()),
                    r.toString());
        });
    }

    @Test
    void defaultLandingIsPersonalIntegrationsSettings() {
        URI done = callback(decide(authorize("member", 112, "10000001", null), "approve"));
        assertEquals("/settings/user-personal-integrations", done.getPath());
    }

    @Test
    void stateIsSingleUse() {
        String toCallback = decide(authorize("member", 110, "10000001", "/x"), "approve");
        assertTrue(query(callback(toCallback)).containsKey("integration_id"));
        URI again = callback(toCallback);
        assertEquals("invalid_state", query(again).get("github_setup_error"));
        assertEquals("Invalid or expired state token", query(again).get("error_message"));
        assertTrue(http.get(again.toString(), null).raw().contains("expired or could not be verified"));
    }

    @Test
    void denyIsCarriedAsAccessDenied() {
        String toCallback = decide(authorize("member", 110, "10000001", "/project/110/x"), "deny");
        assertTrue(toCallback.contains("error=access_denied"), toCallback);
        int rowsBefore = http.get("/api/projects/110/activity_log/", server.key("owner")).json().path("results").size();
        URI landing = callback(toCallback);
        assertEquals("/settings/user-personal-integrations", landing.getPath(), "PostHog's personal_finish landing");
        assertEquals("access_denied", query(landing).get("github_link_error"));
        assertEquals(0, http.get("/api/projects/110/integrations/", server.key("owner")).json().path("count").asInt());
        assertEquals(rowsBefore, http.get("/api/projects/110/activity_log/", server.key("owner")).json().path("results")
                .size(), "a denial writes no activity-log row");
        assertTrue(query(callback(decide(authorize("member", 110, "10000001", "/project/110/x"), "approve")))
                .containsKey("integration_id"), "a newer link still completes after a denial");
    }

    @Test
    void stateExpiresAfterFifteenMinutes() {
        String url = authorize("member", 110, "10000001", null);
        clock.advance(Duration.ofMinutes(14));
        String toCallback = decide(url, "approve");
        clock.advance(Duration.ofMinutes(1).plusSeconds(1));
        URI landing = callback(toCallback);
        assertEquals("invalid_state", query(landing).get("github_setup_error"));
        assertEquals("/project/110/integrations/github", landing.getPath());
    }

    @Test
    void newerStateForTheSameUserReplacesTheOlder() {
        String older = authorize("member", 110, "10000001", null);
        String newer = authorize("member", 111, "10000001", null);
        assertEquals("invalid_state", query(callback(decide(older, "approve"))).get("github_setup_error"));
        assertTrue(query(callback(decide(newer, "approve"))).containsKey("integration_id"));
    }

    @Test
    void gitHubAccountWithoutAccessIsNotAuthorized() {
        URI landing = callback(decide(authorize("member_unlinked", 110, "10000002", null), "approve"));
        assertEquals("installation_not_authorized", query(landing).get("github_setup_error"));
    }

    @Test
    void approvalIsTiedToTheStatesUserNotToALoginFieldInTheForm() {
        // Dee has no personal GitHub link and her GitHub account cannot see acme-labs; Ben's can. PostHog's
        // callback binds the state to the signed-in user and asks GitHub who authorized the code, so a
        // forged login field must not make the approval Ben's.
        String url = authorize("member_unlinked", 110, "10000002", null);
        URI landing = callback(decide(url, "approve", Map.of("login", "ben-gh")));
        assertEquals("installation_not_authorized", query(landing).get("github_setup_error"));
        assertEquals(0, http.get("/api/projects/110/integrations/?kind=github", server.key("owner")).json()
                .path("count").asInt(), "nothing was linked");
        JsonNode discovery = http.get("/api/projects/111/integrations/github/available_installations/",
                server.key("member_unlinked")).json();
        assertEquals("not_connected", discovery.path("personal_discovery_status").asText(),
                "no personal GitHub link was made for Dee");
    }

    @Test
    void unknownCodeFailsTheExchange() {
        String url = authorize("member", 110, "10000001", null);
        String toCallback = decide(url, "approve");
        String forged = toCallback.replaceFirst("code=[A-Za-z0-9]+", "code=forged");
        assertEquals("exchange_failed", query(callback(forged)).get("github_setup_error"));
    }

    @Test
    void authorizePageRefusesForeignRedirectUri() {
        String url = authorize("member", 110, "10000001", null);
        String bad = url.replaceFirst("redirect_uri=[^&]+", "redirect_uri=" + URLEncoder.encode("http://evil.example/cb", StandardCharsets.UTF_8));
        SandboxHttp.Res r = http.get(bad, null);
        assertEquals(400, r.status());
        assertTrue(r.raw().contains("redirect_uri MUST match"), r.raw());
    }
}
