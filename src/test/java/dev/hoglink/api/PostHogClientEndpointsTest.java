package dev.hoglink.api;

import static dev.hoglink.api.FakeApiServer.file;
import static dev.hoglink.api.FakeApiServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.api.dto.AvailableInstallationsDto;
import dev.hoglink.api.dto.GitHubReposPageDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.api.dto.OAuthUrlDto;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.api.dto.PersonalApiKeyDto;
import dev.hoglink.api.dto.ProjectDto;
import dev.hoglink.api.dto.UserDto;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PostHogClientEndpointsTest {

    private static final String ORG = "0189c0de-0000-7000-8000-00000000acme";
    private final FakeApiServer server = new FakeApiServer();
    private final FakeTime time = new FakeTime();
    private final PostHogClient client = ClientFixtures.client(server, time);
    private final ObjectMapper mapper = PostHogClient.newObjectMapper();

    @AfterEach
    void everyRequestCarriedTheKeyAndAskedForJson() {
        try {
            server.requests().forEach(PostHogClientEndpointsTest::assertStandardHeaders);
        } finally {
            server.close();
        }
    }

    private FakeApiServer.Seen only() {
        assertEquals(1, server.requests().size(), FakeApiServer.paths(server.requests()).toString());
        return server.requests().get(0);
    }

    private static void assertStandardHeaders(FakeApiServer.Seen s) {
        assertEquals("Bearer " + ClientFixtures.KEY, s.header("Authorization"));
        assertEquals("application/json", s.header("Accept"));
        assertTrue(s.header("User-Agent").startsWith("Hoglink/"), s.header("User-Agent"));
    }

    @Test
    void meGetsTheCurrentUserWithBearerKeyAndJsonAccept() {
        server.on("GET", "/api/users/@me/", file(200, "me.json"));
        UserDto me = client.me();
        FakeApiServer.Seen s = only();
        assertEquals("GET", s.method());
        assertNull(s.query());
        assertStandardHeaders(s);
        assertEquals(42L, me.id());
        assertEquals("ada@acme.io", me.email());
        assertEquals(101L, me.team().projectId());
        assertEquals("Acme", me.organization().name());
        assertEquals(2, me.organization().projects().size() + me.organization().teams().size());
        assertEquals(1, me.organizations().size());
        assertEquals(8, me.organizations().get(0).membershipLevel());
        assertEquals(true, me.organizations().get(0).isActive());
    }

    @Test
    void organizationsReadsThePaginatedListWithItsProjects() {
        server.on("GET", "/api/organizations/", file(200, "organizations.json"));
        List<OrganizationDto> orgs = client.organizations();
        FakeApiServer.Seen s = only();
        assertEquals("limit=100", s.query());
        assertStandardHeaders(s);
        assertEquals(1, orgs.size());
        OrganizationDto acme = orgs.get(0);
        assertEquals(ORG, acme.id());
        assertEquals(List.of("Web", "Mobile"), acme.projects().stream().map(p -> p.name()).toList());
        assertEquals(OffsetDateTime.parse("2024-01-15T08:30:00.123456Z"), acme.createdAt());
        assertEquals(7, acme.memberCount());
    }

    @Test
    void organizationsAcceptsAnUnpaginatedList() {
        server.on("GET", "/api/organizations/", file(200, "organizations-unpaginated.json"));
        assertEquals(List.of("Acme", "Beta"), client.organizations().stream().map(OrganizationDto::name).toList());
    }

    @Test
    void organizationsFollowsOffsetWhenCountExceedsAPageWithoutNextLink() {
        server.on("GET", "/api/organizations/",
                json(200, "{\"count\": 2, \"results\": [{\"id\": \"a\", \"name\": \"A\"}]}"),
                json(200, "{\"count\": 2, \"results\": [{\"id\": \"b\", \"name\": \"B\"}]}"));
        assertEquals(List.of("A", "B"), client.organizations().stream().map(OrganizationDto::name).toList());
        assertEquals(List.of("GET /api/organizations/?limit=100", "GET /api/organizations/?limit=100&offset=1"),
                FakeApiServer.paths(server.requests()));
    }

    @Test
    void organizationGetsOneOrganizationByIdAndCurrent() {
        server.on("GET", "/api/organizations/" + ORG + "/", file(200, "organization.json"));
        server.on("GET", "/api/organizations/@current/", file(200, "organization.json"));
        OrganizationDto org = client.organization(ORG);
        assertEquals(true, org.membersCanUsePersonalApiKeys());
        assertEquals(2, org.teams().size());
        assertEquals("Acme", client.organization("@current").name());
        assertEquals(2, server.requests().size());
    }

    @Test
    void projectsFollowsNextLinksToTheLastPage() {
        String path = "/api/organizations/" + ORG + "/projects/";
        server.on("GET", path, file(200, "projects-page1.json"), file(200, "projects-page2.json"));
        List<ProjectDto> projects = client.projects(ORG);
        assertEquals(List.of(101L, 102L, 103L), projects.stream().map(ProjectDto::id).toList());
        assertEquals(List.of("GET " + path + "?limit=100", "GET " + path + "?limit=2&offset=2"),
                FakeApiServer.paths(server.requests()));
        server.requests().forEach(PostHogClientEndpointsTest::assertStandardHeaders);
        assertEquals("Europe/Paris", projects.get(1).timezone());
        assertEquals(true, projects.get(2).isDemo());
    }

    @Test
    void githubIntegrationsFiltersByKindFollowsNextAndNormalisesNumericInstallationIds() {
        String path = "/api/projects/101/integrations/";
        server.on("GET", path, file(200, "integrations-page1.json"), file(200, "integrations-page2.json"));
        List<IntegrationDto> rows = client.githubIntegrations(101);
        assertEquals(List.of("GET " + path + "?kind=github&limit=100", "GET " + path + "?kind=github&limit=1&offset=1"),
                FakeApiServer.paths(server.requests()));
        assertEquals(2, rows.size());
        IntegrationDto first = rows.get(0);
        assertEquals("12345678", first.installationId());
        assertEquals("Organization", first.config().account().type());
        assertEquals(1777716000L, first.config().refreshedAt());
        assertEquals(true, first.installationShared());
        assertEquals("connected", first.installationStatus());
        assertEquals("ada@acme.io", first.createdBy().email());
        IntegrationDto second = rows.get(1);
        assertEquals("87654321", second.installationId());
        assertNull(second.createdBy());
        assertEquals("TOKEN_REFRESH_FAILED", second.errors());
        assertEquals(Map.of("contents", "read", "metadata", "read"), second.config().permissions());
        assertEquals("unavailable", second.installationStatus());
    }

    @Test
    void nextLinkOnAnotherHostIsFollowedOnTheConfiguredHostOnly() {
        String path = "/api/projects/5/integrations/";
        server.on("GET", path,
                json(200, "{\"count\":2,\"next\":\"https://evil.example:9/api/projects/5/integrations/?kind=github&offset=1\","
                        + "\"results\":[{\"id\":1,\"kind\":\"github\"}]}"),
                json(200, "{\"count\":2,\"next\":null,\"results\":[{\"id\":2,\"kind\":\"github\"}]}"));
        assertEquals(List.of(1L, 2L), client.githubIntegrations(5).stream().map(IntegrationDto::id).toList());
        assertEquals("kind=github&offset=1", server.requests().get(1).query());
        assertStandardHeaders(server.requests().get(1));
    }

    @Test
    void availableInstallationsAcceptsStringAndNumberIdsAndNullSourceProject() {
        server.on("GET", "/api/projects/102/integrations/github/available_installations/",
                file(200, "available-installations.json"));
        AvailableInstallationsDto a = client.availableInstallations(102);
        assertStandardHeaders(only());
        assertEquals("5b0c9a1e-1111-4222-8333-444455556666", a.discoveryId());
        assertEquals("ok", a.personalDiscoveryStatus());
        assertEquals(List.of("12345678", "87654321"), a.installations().stream().map(i -> i.installationId()).toList());
        assertEquals(101L, a.installations().get(0).sourceTeamId());
        assertNull(a.installations().get(1).sourceTeamId());
    }

    @Test
    void linkExistingPostsOnlyTheThreeFieldsWithoutNullsAndReadsThe200Row() throws Exception {
        String path = "/api/projects/102/integrations/github/link_existing/";
        server.on("POST", path, file(200, "link-existing.json"));
        IntegrationDto row = client.linkExisting(102,
                LinkExistingRequest.ofInstallation("12345678", "5b0c9a1e-1111-4222-8333-444455556666"));
        FakeApiServer.Seen s = only();
        assertEquals("POST", s.method());
        assertStandardHeaders(s);
        assertEquals("application/json", s.header("Content-Type"));
        JsonNode body = mapper.readTree(s.body());
        assertEquals(2, body.size(), s.body());
        assertEquals("12345678", body.get("installation_id").asText());
        assertEquals("5b0c9a1e-1111-4222-8333-444455556666", body.get("discovery_id").asText());
        assertFalse(body.has("kind") || body.has("config") || body.has("source_team_id"), s.body());
        assertEquals(9L, row.id());
        assertEquals("12345678", row.installationId());
    }

    @Test
    void linkExistingSendsSourceTeamIdAsNumber() throws Exception {
        server.on("POST", "/api/projects/102/integrations/github/link_existing/", file(200, "link-existing.json"));
        client.linkExisting(102, LinkExistingRequest.ofSourceProject(101, null, null));
        JsonNode body = mapper.readTree(only().body());
        assertEquals(1, body.size());
        assertTrue(body.get("source_team_id").isIntegralNumber());
        assertEquals(101, body.get("source_team_id").asInt());
    }

    @Test
    void oauthAuthorizePostsInstallationAndNextAndReturnsTheUrl() throws Exception {
        server.on("POST", "/api/projects/102/integrations/github/oauth_authorize/", file(200, "oauth-authorize.json"));
        OAuthUrlDto url = client.oauthAuthorize(102, "12345678", "/project/102/settings/environment-integrations");
        FakeApiServer.Seen s = only();
        assertStandardHeaders(s);
        JsonNode body = mapper.readTree(s.body());
        assertEquals("12345678", body.get("installation_id").asText());
        assertEquals("/project/102/settings/environment-integrations", body.get("next").asText());
        assertTrue(url.oauthUrl().startsWith("https://github.com/login/oauth/authorize?client_id=Iv23abc"));
    }

    @Test
    void oauthAuthorizeOmitsANullNext() throws Exception {
        server.on("POST", "/api/projects/102/integrations/github/oauth_authorize/", file(200, "oauth-authorize.json"));
        client.oauthAuthorize(102, "12345678", null);
        assertFalse(mapper.readTree(only().body()).has("next"));
    }

    @Test
    void deleteIntegrationSendsDeleteAndAccepts204() {
        server.on("DELETE", "/api/projects/102/integrations/9/", FakeApiServer.empty(204));
        client.deleteIntegration(102, 9);
        FakeApiServer.Seen s = only();
        assertEquals("DELETE", s.method());
        assertStandardHeaders(s);
    }

    @Test
    void githubReposSendsSearchLimitOffsetAndReadsOptionalFields() {
        server.on("GET", "/api/projects/101/integrations/7/github_repos/", file(200, "github-repos.json"));
        GitHubReposPageDto page = client.githubRepos(101, 7, "we b", 50, 100);
        assertEquals("limit=50&offset=100&search=we%20b", only().query());
        assertEquals(true, page.hasMore());
        assertEquals(7, page.total());
        assertEquals(true, page.repositories().get(0).isPrivate());
        assertEquals("acme/legacy", page.repositories().get(1).fullName());
        assertNull(page.repositories().get(1).canPush());
    }

    @Test
    void githubReposOmitsABlankSearchAndRefusesOutOfRangeLimits() {
        server.on("GET", "/api/projects/101/integrations/7/github_repos/", file(200, "github-repos.json"));
        client.githubRepos(101, 7, "  ", 100, 0);
        assertEquals("limit=100&offset=0", only().query());
        assertThrows(IllegalArgumentException.class, () -> client.githubRepos(101, 7, null, 501, 0));
        assertThrows(IllegalArgumentException.class, () -> client.githubRepos(101, 7, null, 10, -1));
    }

    @Test
    void integrationActivityFollowsTheCursorAndReadsGitHubTriggers() {
        String path = "/api/projects/101/activity_log/";
        server.on("GET", path, file(200, "activity-page1.json"), file(200, "activity-page2.json"));
        List<ActivityLogEntryDto> rows = client.integrationActivity(101, 10);
        assertEquals(List.of("GET " + path + "?scope=Integration", "GET " + path + "?cursor=cD0yMDI2LTA4LTEw&scope=Integration"),
                FakeApiServer.paths(server.requests()));
        assertEquals(2, rows.size());
        assertEquals("deleted", rows.get(0).detail().githubEvent());
        assertEquals("Ada", rows.get(0).user().displayName());
        assertEquals("12345678", rows.get(1).itemId());
        assertNull(rows.get(1).user());
        assertEquals("link_completed", rows.get(1).detail().githubEvent());
    }

    @Test
    void integrationActivityStopsAtMaxPages() {
        server.on("GET", "/api/projects/101/activity_log/", file(200, "activity-page1.json"), file(200, "activity-page2.json"));
        assertEquals(1, client.integrationActivity(101, 1).size());
        assertEquals(1, server.requests().size());
    }

    @Test
    void theActivityLogAsksForPagesOf1000AndReadsToTheEnd() {
        String path = "/api/projects/101/activity_log/";
        server.on("GET", path, file(200, "activity-page1.json"), file(200, "activity-page2.json"));
        ActivityLog log = client.integrationActivityLog(101, 10, java.time.Duration.ofSeconds(30));
        assertEquals(List.of("GET " + path + "?scope=Integration&page_size=1000",
                        "GET " + path + "?cursor=cD0yMDI2LTA4LTEw&scope=Integration"),
                FakeApiServer.paths(server.requests()));
        assertEquals(2, log.rows().size());
        assertFalse(log.cut(), "the last page has no next link");
    }

    @Test
    void theActivityLogSaysItIsCutWhenItsPagesRunOut() {
        String path = "/api/projects/101/activity_log/";
        server.on("GET", path, file(200, "activity-page1.json"), file(200, "activity-page2.json"));
        ActivityLog byPages = client.integrationActivityLog(101, 1, java.time.Duration.ofSeconds(30));
        assertEquals(1, byPages.rows().size());
        assertTrue(byPages.cut(), "page 1 names a next page that was not read");
    }

    @Test
    void theActivityLogStartsNoPageOnceItsTimeIsUp() {
        String path = "/api/projects/101/activity_log/";
        server.on("GET", path, file(200, "activity-page1.json"), file(200, "activity-page2.json"));
        ActivityLog byTime = client.integrationActivityLog(101, 10, java.time.Duration.ZERO);
        assertEquals(1, byTime.rows().size());
        assertTrue(byTime.cut(), "no page starts once the time is up");
    }

    @Test
    void currentKeyReadsScopesWithoutTheKeyValue() {
        server.on("GET", "/api/personal_api_keys/@current/", file(200, "personal-api-key.json"));
        PersonalApiKeyDto k = client.currentKey();
        assertStandardHeaders(only());
        assertEquals("phx_...Zz9a", k.maskValue());
        assertTrue(k.allows("integration:read"), "write satisfies read");
        assertTrue(k.allows("integration:write"));
        assertFalse(k.allows("personal_api_key:read"));
        assertTrue(k.excludesProject(103));
        assertFalse(k.excludesProject(101));
        assertFalse(k.toString().contains("value="), k.toString());
    }

    @Test
    void unknownFieldsAreIgnoredAndMissingListsBecomeEmpty() {
        server.on("GET", "/api/organizations/x/", json(200, "{\"id\":\"x\",\"brand_new_field\":{\"a\":[1,2]},\"projects\":null}"));
        OrganizationDto org = client.organization("x");
        assertEquals(List.of(), org.projects());
        assertEquals(List.of(), org.teams());
        assertNull(org.name());
    }

    @Test
    void organizationIdsArePercentEncodedAsOnePathSegment() {
        server.on("GET", "/api/organizations/a%2Fb%3Fc/", file(200, "organization.json"));
        client.organization("a/b?c");
        assertEquals("/api/organizations/a%2Fb%3Fc/", only().path());
    }

    @Test
    void hostWithTrailingSlashesAndPathPrefixIsNormalised() {
        server.on("GET", "/posthog/api/users/@me/", file(200, "me.json"));
        PostHogClient prefixed = ClientFixtures.builder(server.base() + "/posthog//", time).build();
        assertEquals(42L, prefixed.me().id());
        assertEquals(server.base() + "/posthog", prefixed.baseUri().toString());
    }

    @Test
    void namesThatEchoTheKeyInAnyFormArriveRedacted() {
        String key = ClientFixtures.KEY;
        List<String> forms = List.of(key, key.replace("_", "%5F"), String.join(" ", key.split("")),
                key.toUpperCase(java.util.Locale.ROOT));
        StringBuilder results = new StringBuilder();
        for (int i = 0; i < forms.size(); i++) {
            results.append(i == 0 ? "" : ",").append("{\"id\":").append(100 + i).append(",\"name\":\"")
                    .append(forms.get(i)).append(" project\"}");
        }
        server.on("GET", "/api/organizations/o1/projects/", json(200, "{\"next\":null,\"results\":[" + results + "]}"));
        List<ProjectDto> projects = client.projects("o1");
        assertEquals(forms.size(), projects.size());
        for (ProjectDto p : projects) {
            assertEquals("[redacted] project", p.name());
        }
    }
}
