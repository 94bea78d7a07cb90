package dev.hoglink.api;

import static dev.hoglink.api.FakeApiServer.file;
import static dev.hoglink.api.FakeApiServer.json;
import static dev.hoglink.api.FakeApiServer.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.dto.LinkExistingRequest;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Every error shape of the contract's table, plus answers that are not PostHog's. */
class PostHogClientErrorsTest {

    private static final String LINK = "/api/projects/102/integrations/github/link_existing/";
    private final FakeApiServer server = new FakeApiServer();
    private final FakeTime time = new FakeTime();
    private final PostHogClient client = ClientFixtures.builder(server.base(), time)
            .retryPolicy(RetryPolicy.none()).build();

    @AfterEach
    void stop() {
        server.close();
    }

    private ApiException linkFails() {
        return assertThrows(ApiException.class, () -> client.linkExisting(102, LinkExistingRequest.ofInstallation("1", null)));
    }

    @Test
    void status400KeepsPostHogsCodeAndDetail() {
        server.on("POST", LINK, file(400, "error-400-orphan.json"));
        ValidationException e = assertInstanceOf(ValidationException.class, linkFails());
        assertEquals(400, e.status());
        assertEquals("github_link_existing_orphan_installation", e.code());
        assertEquals("No team in your organization has this GitHub installation linked", e.detail());
        assertNull(e.attr());
        assertTrue(e.userMessage().contains("No team in your organization"), e.userMessage());
        assertTrue(e.getMessage().contains("POST " + LINK), e.getMessage());
    }

    @Test
    void status400WithAttrNamesTheField() {
        server.on("POST", LINK, json(400, "{\"type\":\"validation_error\",\"code\":\"invalid_input\","
                + "\"detail\":\"A valid integer is required.\",\"attr\":\"source_team_id\"}"));
        ValidationException e = assertInstanceOf(ValidationException.class, linkFails());
        assertEquals("source_team_id", e.attr());
        assertTrue(e.userMessage().contains("source_team_id"), e.userMessage());
    }

    @Test
    void status401AsksForANewKey() {
        server.on("GET", "/api/users/@me/", file(401, "error-401.json",
                "WWW-Authenticate", "Bearer resource_metadata=\"http://x/.well-known/oauth-protected-resource\""));
        AuthenticationException e = assertThrows(AuthenticationException.class, client::me);
        assertEquals("The API key was refused. It may be revoked or mistyped: paste a new personal API key.", e.userMessage());
        assertEquals("authentication_failed", e.code());
        assertEquals(401, e.status());
    }

    @Test
    void status401NotAuthenticatedIsAnAuthenticationError() {
        server.on("GET", "/api/users/@me/", file(401, "error-401-missing.json"));
        AuthenticationException e = assertThrows(AuthenticationException.class, client::me);
        assertEquals("not_authenticated", e.code());
    }

    @Test
    void status403MissingScopeNamesTheScope() {
        server.on("POST", LINK, file(403, "error-403-scope.json"));
        PermissionException e = assertInstanceOf(PermissionException.class, linkFails());
        assertEquals(PermissionException.Reason.MISSING_SCOPE, e.reason());
        assertEquals("integration:write", e.missingScope());
        assertEquals("permission_denied", e.code());
        assertTrue(e.userMessage().contains("'integration:write'"), e.userMessage());
    }

    @Test
    void status403ProjectOutsideTheKeyIsRecognised() {
        server.on("GET", "/api/projects/102/integrations/", file(403, "error-403-project.json"));
        PermissionException e = assertThrows(PermissionException.class, () -> client.githubIntegrations(102));
        assertEquals(PermissionException.Reason.PROJECT_NOT_IN_KEY, e.reason());
        assertNull(e.missingScope());
    }

    @Test
    void status403OrganizationOutsideTheKeyIsRecognised() {
        // posthog/permissions.py: a key scoped to other organizations is refused with this text.
        server.on("GET", "/api/organizations/", json(403, "{\"type\":\"authentication_error\",\"code\":"
                + "\"permission_denied\",\"detail\":\"API key does not have access to the requested organization: "
                + "ID 0189a2b0-0000-0000-0000-000000000001.\",\"attr\":null}"));
        PermissionException e = assertThrows(PermissionException.class, client::organizations);
        assertEquals(PermissionException.Reason.ORGANIZATION_NOT_IN_KEY, e.reason());
        assertTrue(e.userMessage().contains("limited to other organizations"), e.userMessage());
    }

    @Test
    void status403PersonalKeysDisabledIsRecognised() {
        server.on("GET", "/api/organizations/", file(403, "error-403-org-keys-off.json"));
        PermissionException e = assertThrows(PermissionException.class, client::organizations);
        assertEquals(PermissionException.Reason.PERSONAL_KEYS_DISABLED, e.reason());
        assertTrue(e.userMessage().contains("organization admin"), e.userMessage());
    }

    @Test
    void status403OtherShowsPostHogsReason() {
        server.on("DELETE", "/api/projects/102/integrations/9/", file(403, "error-403-other.json"));
        PermissionException e = assertThrows(PermissionException.class, () -> client.deleteIntegration(102, 9));
        assertEquals(PermissionException.Reason.OTHER, e.reason());
        assertTrue(e.userMessage().contains("sufficient permissions"), e.userMessage());
    }

    @Test
    void status404IsNotFoundWithDetail() {
        server.on("GET", "/api/projects/999/integrations/github/available_installations/", file(404, "error-404-project.json"));
        NotFoundException e = assertThrows(NotFoundException.class, () -> client.availableInstallations(999));
        assertEquals("not_found", e.code());
        assertEquals("Project not found.", e.detail());
        assertTrue(e.userMessage().contains("refresh"), e.userMessage());
    }

    @Test
    void status429CarriesRetryAfterFromTheHeader() {
        server.on("POST", LINK, file(429, "error-429.json", "Retry-After", "12"));
        ThrottledException e = assertInstanceOf(ThrottledException.class, linkFails());
        assertEquals(Duration.ofSeconds(12), e.retryAfter());
        assertEquals("throttled", e.code());
        assertTrue(e.userMessage().contains("in 12 s"), e.userMessage());
    }

    @Test
    void status429WithoutHeaderReadsTheWaitFromPostHogsDetail() {
        server.on("POST", LINK, file(429, "error-429.json"));
        ThrottledException e = assertInstanceOf(ThrottledException.class, linkFails());
        assertEquals(Duration.ofSeconds(12), e.retryAfter());
    }

    @Test
    void status429GitHubShapeWithoutTypeOrAttrIsThrottled() {
        server.on("GET", "/api/projects/1/integrations/7/github_repos/", file(429, "error-429-github.json"));
        ThrottledException e = assertThrows(ThrottledException.class, () -> client.githubRepos(1, 7, null, 100, 0));
        assertEquals("rate_limited", e.code());
        assertNull(e.retryAfter());
        assertTrue(e.userMessage().startsWith("GitHub is limiting"), e.userMessage());
    }

    @Test
    void status429WithAWaitTooLongForALongIsThrottledForADayNotANumberError() {
        server.on("GET", "/api/users/@me/", json(429, "{\"type\":\"throttled_error\",\"code\":\"throttled\","
                + "\"detail\":\"Request was throttled. Expected available in 99999999999999999999999 seconds.\"}"));
        ThrottledException e = assertThrows(ThrottledException.class, client::me);
        assertEquals(Duration.ofDays(1), e.retryAfter());
        assertTrue(e.userMessage().startsWith("PostHog is limiting"), e.userMessage());
    }

    @Test
    void serverErrorTextIsOneShortLineWithoutControlCharacters() {
        // JSON escapes: newline, CR, NUL, ESC, right-to-left override, line separator
        String noisy = "line one\\nline two\\r\\u0000\\u001b[31m\\u202eevil\\u2028" + "word ".repeat(1000);
        server.on("POST", LINK, json(400, "{\"type\":\"validation_error\",\"code\":\"invalid_input\","
                + "\"detail\":\"" + noisy + "\",\"attr\":\"source\\nteam\"}"));
        ValidationException e = assertInstanceOf(ValidationException.class, linkFails());
        assertTrue(e.detail().startsWith("line one line two [31m evil word word"), e.detail());
        assertTrue(e.detail().length() <= ApiException.MAX_SERVER_TEXT, "detail length " + e.detail().length());
        assertTrue(e.detail().endsWith("\u2026"), e.detail());
        assertEquals("source team", e.attr());
        assertTrue(e.userMessage().length() <= ApiException.MAX_USER_MESSAGE
                && e.userMessage().endsWith("Check the values and try again."), e.userMessage());
        assertTrue(e.userMessage().chars().noneMatch(c -> Character.isISOControl(c) || c == 0x202e || c == 0x2028),
                e.userMessage());
        assertTrue(e.getMessage().chars().noneMatch(Character::isISOControl), e.getMessage());
    }

    @Test
    void brokenSurrogatesInServerTextAreDroppedAndWholeOnesKept() {
        // JSON escapes: a lone high surrogate, a lone low one, then a whole pig face
        server.on("POST", LINK, json(400, "{\"code\":\"invalid_input\",\"detail\":\"a\\ud83d b\\udc37 c \\ud83d\\udc37\"}"));
        ValidationException e = assertInstanceOf(ValidationException.class, linkFails());
        assertEquals("a b c \ud83d\udc37", e.detail());
    }

    @Test
    void cuttingLongServerTextNeverKeepsPartOfAKey() {
        String key = "phx_" + "k".repeat(40);
        // a key across the 300-character cut, and one across the first 1,200-character window (the spaces
        // before it collapse, so a left-over piece would land inside the 300 characters kept)
        for (String detail : new String[] {"x".repeat(ApiException.MAX_SERVER_TEXT - 10) + key,
            " ".repeat(4 * ApiException.MAX_SERVER_TEXT - 6) + key + " tail"}) {
            server.on("POST", LINK, json(400, "{\"code\":\"invalid_input\",\"detail\":\"" + detail + "\"}"));
            ValidationException e = assertInstanceOf(ValidationException.class, linkFails());
            assertTrue(!e.detail().contains("phx_") && !e.userMessage().contains("phx_"), e.detail());
        }
    }

    @Test
    void listWhoseCountPromisesEndlessPagesStopsAtTheRowCapWithoutFollowingAThousandPages() {
        // 30,000 rows a page, no 'next', and a count that asks for ever more pages by offset
        String page = "{\"count\": 1000000000, \"results\": [" + "{},".repeat(29_999) + "{}]}";
        server.on("GET", "/api/organizations/", json(200, page));
        InvalidResponseException e = assertThrows(InvalidResponseException.class, client::organizations);
        assertTrue(e.userMessage().contains(" was longer than 100,000 rows. PostHog does not send lists like this."),
                e.userMessage());
        assertEquals(4, server.requests().size(), "pages read before the cap");
    }

    @Test
    void status500IsAServerError() {
        server.on("GET", "/api/users/@me/", file(500, "error-500.json"));
        ServerException e = assertThrows(ServerException.class, client::me);
        assertEquals(500, e.status());
        assertEquals("A server error occurred.", e.detail());
    }

    @Test
    void proxyErrorPageOn502IsStillAServerError() {
        server.on("GET", "/api/users/@me/", text(502, "text/html", "<html><body>Bad gateway</body></html>"));
        ServerException e = assertThrows(ServerException.class, client::me);
        assertEquals(502, e.status());
        assertNull(e.code());
    }

    @Test
    void htmlPageOn200DoesNotLookLikePostHog() {
        server.on("GET", "/api/users/@me/", text(200, "text/html", "<!doctype html><html><title>Welcome</title></html>"));
        InvalidResponseException e = assertThrows(InvalidResponseException.class, client::me);
        assertTrue(e.userMessage().startsWith(server.base() + " does not look like PostHog."), e.userMessage());
        assertEquals(200, e.status());
    }

    @Test
    void htmlNotFoundPageDoesNotLookLikePostHog() {
        server.on("GET", "/api/organizations/", text(404, "text/html", "<html>Not Found</html>"));
        InvalidResponseException e = assertThrows(InvalidResponseException.class, client::organizations);
        assertTrue(e.userMessage().startsWith(server.base() + " does not look like PostHog."), e.userMessage());
        assertEquals(404, e.status());
    }

    @Test
    void malformedJsonOn200IsAnInvalidResponseNotAJacksonError() {
        server.on("GET", "/api/users/@me/", json(200, "{\"id\": 42, \"email\": "));
        InvalidResponseException e = assertThrows(InvalidResponseException.class, client::me);
        assertTrue(e.getCause() instanceof java.io.IOException, String.valueOf(e.getCause()));
    }

    @Test
    void wrongTypesOn200AreAnInvalidResponse() {
        server.on("GET", "/api/users/@me/", json(200, "{\"id\": \"not a number\", \"team\": []}"));
        assertThrows(InvalidResponseException.class, client::me);
        server.on("GET", "/api/projects/1/integrations/github/available_installations/",
                json(200, "{\"installations\": [{\"installation_id\": {\"nested\": true}}]}"));
        assertThrows(InvalidResponseException.class, () -> client.availableInstallations(1));
    }

    @Test
    void listAnswerWithoutResultsIsAnInvalidResponse() {
        server.on("GET", "/api/organizations/", json(200, "{\"detail\": \"hello\"}"));
        assertThrows(InvalidResponseException.class, client::organizations);
        server.on("GET", "/api/organizations/1/projects/", json(200, "\"just a string\""));
        assertThrows(InvalidResponseException.class, () -> client.projects("1"));
    }

    @Test
    void emptyOrNullBodyOn200IsAnInvalidResponse() {
        server.on("GET", "/api/users/@me/", FakeApiServer.empty(200));
        assertThrows(InvalidResponseException.class, client::me);
        server.on("GET", "/api/personal_api_keys/@current/", json(200, "null"));
        assertThrows(InvalidResponseException.class, client::currentKey);
    }

    @Test
    void bodyOverTheCapIsRefusedWithAClearMessage() {
        PostHogClient small = ClientFixtures.builder(server.base(), time).maxBodyBytes(64 * 1024).build();
        server.on("GET", "/api/users/@me/", FakeApiServer.huge(200 * 1024));
        InvalidResponseException e = assertThrows(InvalidResponseException.class, small::me);
        assertTrue(e.userMessage().contains("larger than"), e.userMessage());
    }

    /**
     * A name of millions of characters, in an answer under the body's cap, is refused as not PostHog's shape rather
     * than kept (a few such answers filled a 512 MB heap); a long name within the cap is read. On the old code the
     * 2,000,000-character name was read.
     */
    @Test
    void aTextFieldOverAMillionCharactersIsRefusedAsNotPostHogsShape() {
        String me = "{\"uuid\":\"u-1\",\"email\":\"ada@acme.test\",\"first_name\":\"%s\"}";
        server.on("GET", "/api/users/@me/", json(200, me.formatted("A".repeat(2_000_000))),
                json(200, me.formatted("A".repeat(500_000))));
        InvalidResponseException e = assertThrows(InvalidResponseException.class, client::me);
        assertEquals(NetworkFailure.WRONG_SHAPE, e.failure(), e.userMessage());
        assertEquals(500_000, client.me().firstName().length());
    }

    @Test
    void defaultBodyCapIsEightMegabytes() {
        assertEquals(8L * 1024 * 1024, PostHogClient.DEFAULT_MAX_BODY_BYTES);
    }

    @Test
    void unexpectedSuccessStatusIsAnInvalidResponse() {
        server.on("POST", LINK, file(201, "link-existing.json"));
        assertInstanceOf(InvalidResponseException.class, linkFails());
    }

    @Test
    void otherClientErrorsWithPostHogBodyAreValidationErrors() {
        server.on("POST", LINK, json(409, "{\"type\":\"validation_error\",\"code\":\"conflict\",\"detail\":\"Busy\",\"attr\":null}"));
        ValidationException e = assertInstanceOf(ValidationException.class, linkFails());
        assertEquals(409, e.status());
    }

    @Test
    void errorFamilyIsSealedToTheKnownKinds() {
        assertEquals(10, ApiException.class.getPermittedSubclasses().length);
    }
}
