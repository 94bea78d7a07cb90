package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sandbox's authorization server against the assertions of PostHog's posthog/api/oauth/test_dcr.py and
 * test_views.py.
 */
class AuthorizationServerTest {

    private SandboxServer sandbox;
    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private HttpResponse<String> post(String path, String json) throws Exception {
        return http.send(HttpRequest.newBuilder(sandbox.baseUri().resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(sandbox.baseUri() + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode json(HttpResponse<String> r) throws Exception {
        return SandboxState.MAPPER.readTree(r.body());
    }

    @Test
    void metadataNamesTheEndpointsAndOnlyS256() throws Exception {
        JsonNode m = json(get("/.well-known/oauth-authorization-server"));
        assertEquals(sandbox.baseUri() + "/oauth/register/", m.get("registration_endpoint").asText());
        assertEquals("[\"S256\"]", m.get("code_challenge_methods_supported").toString());
        assertFalse(m.get("scopes_supported").toString().contains("llm_gateway"), "privileged scopes are not offered");
        sandbox.setOAuthServer(false);
        assertEquals(404, get("/.well-known/oauth-authorization-server").statusCode());
    }

    @Test
    void registersAMinimalPublicClient() throws Exception {
        HttpResponse<String> r = post("/oauth/register/", "{\"redirect_uris\":[\"https://example.com/callback\"]}");
        assertEquals(201, r.statusCode());
        JsonNode n = json(r);
        assertEquals("[\"authorization_code\"]", n.get("grant_types").toString());
        assertEquals("none", n.get("token_endpoint_auth_method").asText());
        assertTrue(n.has("client_id_issued_at"));
        assertFalse(n.has("client_secret"));
        assertFalse(n.has("scope"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"redirect_uris\":[\"http://localhost:3000/callback\"]}|201|",
            "{\"redirect_uris\":[\"http://127.0.0.1:8080/callback\"]}|201|",
            "{\"redirect_uris\":[\"com.example.app:/oauth\"]}|201|",
            "{\"redirect_uris\":[\"http://example.com/callback\"]}|400|invalid_redirect_uri",
            "{\"redirect_uris\":[\"javascript:alert(1)\"]}|400|invalid_redirect_uri",
            "{\"redirect_uris\":[\"https://example.com/cb#frag\"]}|400|invalid_redirect_uri",
            "{}|400|invalid_client_metadata",
            "{\"redirect_uris\":[]}|400|invalid_client_metadata",
            "{\"redirect_uris\":[\"https://example.com/a b\"]}|400|invalid_client_metadata",
            "{\"redirect_uris\":[\"https://e.com/cb\"],\"grant_types\":[\"client_credentials\"]}|400|invalid_client_metadata",
            "{\"redirect_uris\":[\"https://e.com/cb\"],\"token_endpoint_auth_method\":\"client_secret_basic\"}|400|invalid_client_metadata",
            "{\"redirect_uris\":[\"https://e.com/cb\"],\"client_name\":\"PostHog Client\"}|400|invalid_client_metadata",
            "{\"redirect_uris\":[\"https://e.com/cb\"],\"client_name\":\"POSTHOG Integration\"}|400|invalid_client_metadata",
            "{\"redirect_uris\":[\"https://e.com/cb\"],\"client_name\":\"Official MCP Client\"}|400|invalid_client_metadata",
            "{\"redirect_uris\":[\"https://e.com/cb\"],\"client_name\":\"Verified App\"}|400|invalid_client_metadata",
            "{\"redirect_uris\":[\"https://e.com/cb\"],\"client_name\":\"Claude Code (posthog-local)\"}|201|",
            "{\"redirect_uris\":[\"https://e.com/cb\"],\"client_name\":\"Hoglink\"}|201|",
            "{\"redirect_uris\":[\"https://e.com/cb\"],\"scope\":\"llm_gateway:read\"}|400|invalid_client_metadata",
    })
    void registrationFollowsPostHogsRules(String body, int status, String error) throws Exception {
        HttpResponse<String> r = post("/oauth/register/", body);
        assertEquals(status, r.statusCode(), r.body());
        if (error != null) {
            assertEquals(error, json(r).get("error").asText());
        }
    }

    /**
     * api-notes NN4: posthog/api/oauth/dcr.py's DynamicClientRegistrationView is a DRF APIView throttled by
     * DCRBurstThrottle (60 a minute per IP), so its 429 is DRF's Throttled through drf-exceptions-hog: the envelope with
     * the wait in the detail and no Retry-After header.
     */
    @Test
    void theSixtyFirstRegistrationInAMinuteIsPostHogsThrottledEnvelopeWithoutRetryAfter() throws Exception {
        for (int i = 0; i < 60; i++) {
            assertEquals(201, post("/oauth/register/", "{\"redirect_uris\":[\"https://example.com/callback\"]}")
                    .statusCode(), "registration " + i);
        }
        HttpResponse<String> r = post("/oauth/register/", "{\"redirect_uris\":[\"https://example.com/callback\"]}");
        assertEquals(429, r.statusCode(), r.body());
        JsonNode n = json(r);
        assertEquals("throttled_error", n.path("type").asText());
        assertEquals("throttled", n.path("code").asText());
        assertEquals("Request was throttled. Expected available in 60 seconds.", n.path("detail").asText());
        assertTrue(r.headers().firstValue("Retry-After").isEmpty(), "no Retry-After: " + r.headers().map());
    }

    /**
     * The throttled registration's detail is the only place its wait is said (no Retry-After, NN4), so it names the
     * time left in the window, as DRF's Throttled does: twenty seconds after sixty registrations, forty seconds. On the
     * old code it always said sixty.
     */
    @Test
    void aThrottledRegistrationSaysTheTimeLeftInItsWindow() throws Exception {
        SandboxClock clock = new SandboxClock(java.time.Instant.parse("2026-08-10T09:00:00Z"));
        SandboxServer timed = SandboxServer.start(SandboxOptions.defaults().withClock(clock));
        try {
            for (int i = 0; i < 60; i++) {
                assertEquals(201, http.send(HttpRequest.newBuilder(timed.baseUri().resolve("/oauth/register/"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                                "{\"redirect_uris\":[\"https://example.com/callback\"]}")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode(), "registration " + i);
            }
            clock.advance(java.time.Duration.ofSeconds(20));
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(timed.baseUri().resolve("/oauth/register/"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"redirect_uris\":[\"https://example.com/callback\"]}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(429, r.statusCode(), r.body());
            assertEquals("Request was throttled. Expected available in 40 seconds.", json(r).path("detail").asText());
        } finally {
            timed.stop();
        }
    }

    @Test
    void privilegedScopesAreStrippedAtRegistration() throws Exception {
        JsonNode n = json(post("/oauth/register/",
                "{\"redirect_uris\":[\"https://e.com/cb\"],\"scope\":\"experiment:read llm_gateway:read\"}"));
        assertEquals("experiment:read", n.get("scope").asText());
    }

    @Test
    void theAuthorizePageChecksClientRedirectAndPkce() throws Exception {
        String id = json(post("/oauth/register/", "{\"redirect_uris\":[\"http://127.0.0.1/callback\"]}"))
                .get("client_id").asText();
        HttpResponse<String> missing = get("/oauth/authorize/?response_type=code");
        assertEquals(400, missing.statusCode());
        assertEquals("Missing client_id parameter.", json(missing).get("error_description").asText());
        HttpResponse<String> wrong = get("/oauth/authorize/?client_id=" + id
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A9%2Fother&response_type=code");
        assertEquals("Mismatching redirect URI.", json(wrong).get("error_description").asText());
        HttpResponse<String> noPkce = get("/oauth/authorize/?client_id=" + id
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcallback&response_type=code&state=s");
        assertEquals(302, noPkce.statusCode());
        String loc = noPkce.headers().firstValue("Location").orElseThrow();
        assertTrue(loc.startsWith("http://127.0.0.1:5555/callback?error=invalid_request"), loc);
        HttpResponse<String> page = get("/oauth/authorize/?client_id=" + id
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcallback&response_type=code&state=s"
                + "&code_challenge=abc&code_challenge_method=S256&scope=project%3Aread%20llm_gateway%3Aread");
        assertEquals(200, page.statusCode(), "any port on 127.0.0.1 matches the registered loopback URI");
        assertTrue(page.body().contains("id=\"authorize\"") && page.body().contains("id=\"deny\""));
        assertTrue(page.body().contains("Read access to project"));
        assertFalse(page.body().contains("llm_gateway"), "a scope outside the ceiling is dropped");
        HttpResponse<String> plain = get("/oauth/authorize/?client_id=" + id
                + "&redirect_uri=http%3A%2F%2F127.0.0.1%3A5555%2Fcallback&response_type=code&state=s"
                + "&code_challenge=abc&code_challenge_method=plain");
        assertEquals(302, plain.statusCode());
    }

    @Test
    void theConsentAnswersJsonAsPostHogsWebAppExpects() throws Exception {
        String id = json(post("/oauth/register/", "{\"redirect_uris\":[\"https://example.com/callback\"]}"))
                .get("client_id").asText();
        String base = "\"client_id\":\"" + id + "\",\"redirect_uri\":\"https://example.com/callback\",\"response_type\":\"code\","
                + "\"code_challenge\":\"abc\",\"code_challenge_method\":\"S256\",\"scope\":\"experiment:read\"";
        JsonNode denied = json(post("/oauth/authorize/", "{" + base + ",\"allow\":false}"));
        assertEquals("https://example.com/callback?error=access_denied", denied.get("redirect_to").asText());
        JsonNode granted = json(post("/oauth/authorize/", "{" + base + ",\"allow\":true,\"state\":\"xyz\"}"));
        assertTrue(granted.get("redirect_to").asText().matches("https://example\\.com/callback\\?code=[^&]+&state=xyz"));
    }

    @Test
    void anOAuthTokenWithAnExpiredLifetimeIsRefusedInPostHogsWords() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(sandbox.baseUri().resolve("/api/users/@me/"))
                .header("Authorization", "Bearer pha_unknown").GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, r.statusCode());
        assertEquals("Invalid access token.", json(r).get("detail").asText());
    }
}
