package dev.hoglink.api;

import static dev.hoglink.api.FakeApiServer.file;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.api.dto.GitHubInstallRequestsDto;
import dev.hoglink.api.dto.GitHubReposRefreshDto;
import dev.hoglink.api.dto.UserGitHubIntegrationsDto;
import dev.hoglink.api.dto.AvailableInstallationsDto;
import dev.hoglink.api.dto.GitHubReposPageDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.api.dto.PersonalApiKeyDto;
import dev.hoglink.api.dto.ProjectDto;
import dev.hoglink.api.dto.UserDto;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The real client against answers shaped as PostHog's own serializers, API tests and frontend mocks show them
 * ({@code fixtures/posthog/}, sources in its README): a pass here is agreement with PostHog, not with the
 * sandbox. Each test is one response the client reads.
 */
class PostHogShapesTest {

    private static final String ORG = "0178a3ab-d163-0000-4b55-bceadebb03fa";
    private final FakeApiServer server = new FakeApiServer();
    private final FakeTime time = new FakeTime();
    private final PostHogClient client = ClientFixtures.builder(server.base(), time).retryPolicy(RetryPolicy.none())
            .rateLimiter(RateLimiter.unlimited()).build();

    @AfterEach
    void stop() {
        server.close();
    }

    private static FakeApiServer.Script posthog(String name) {
        return file(200, "posthog/" + name);
    }

    @Test
    void userSerializerWithItsManyExtraFieldsAndMicrosecondDates() {
        server.on("GET", "/api/users/@me/", posthog("me.json"));
        UserDto me = client.me();
        assertEquals(42L, me.id());
        assertEquals("0187a2b0-1111-0000-aaaa-bbbbccccdddd", me.uuid(), "the uuid the inventory cache is kept under (api-notes WF1)");
        assertEquals("ada@hogflix.example", me.email());
        assertEquals(2L, me.team().projectId());
        assertEquals(ORG, me.organization().id());
        assertEquals(OffsetDateTime.parse("2021-04-05T20:14:09.763753Z"), me.organization().createdAt());
        assertEquals(List.of(15, 1), me.organizations().stream().map(OrganizationDto::membershipLevel).toList());
        assertFalse(me.organizations().get(1).membersCanUsePersonalApiKeys());
    }

    /**
     * api-notes NN2: /api/users/@me/ as the newest UserSerializer sends it: some fifty fields, the current organization
     * in full (NN1), an inactive organization in the basic list with its reason, a pending invite and notification
     * locks. The client reads who the user is and the organizations the same way.
     */
    @Test
    void meAsTheNewestUserSerializerSendsIt() {
        server.on("GET", "/api/users/@me/", posthog("me-newest.json"));
        UserDto me = client.me();
        assertEquals(42L, me.id());
        assertEquals("0187a2b0-1111-0000-aaaa-bbbbccccdddd", me.uuid());
        assertEquals(2L, me.team().projectId());
        assertEquals(ORG, me.organization().id());
        assertEquals(List.of(2L), me.organization().projects().stream().map(p -> p.id()).toList());
        assertEquals(List.of(8, 1), me.organizations().stream().map(OrganizationDto::membershipLevel).toList());
        assertEquals(Boolean.FALSE, me.organizations().get(1).isActive());
    }

    @Test
    void organizationListWithASecondEnvironmentInItsTeams() {
        server.on("GET", "/api/organizations/", posthog("organizations.json"));
        OrganizationDto org = client.organizations().get(0);
        assertEquals(List.of(2L, 7L), org.teams().stream().map(t -> t.id()).toList());
        assertEquals(List.of(2L, 2L), org.teams().stream().map(t -> t.projectId()).toList(),
                "the staging team is an environment of project 2");
        assertEquals(List.of(2L), org.projects().stream().map(p -> p.id()).toList());
        assertEquals(4, org.memberCount());
    }

    @Test
    void theActivityLogWindowIsTheOrganizationsAuditLogsEntryAsBillingStatesIt() {
        // PostHog drops activity rows older than the audit_logs entry's limit and unit (NF8) without saying so.
        String scale = posthogOrganizationWith("{\"key\": \"audit_logs\", \"name\": \"Audit logs\", \"description\": \"\", "
                + "\"unit\": \"months\", \"limit\": 2, \"note\": null}");
        server.on("GET", "/api/organizations/", FakeApiServer.json(200, scale), posthog("organizations.json"),
                FakeApiServer.json(200, posthogOrganizationWith("{\"key\": \"audit_logs\", \"name\": \"Audit logs\", "
                        + "\"unit\": \"months\", \"limit\": 2.0}")),
                FakeApiServer.json(200, posthogOrganizationWith("{\"key\": \"sso_enforcement\", \"name\": \"SSO\"}")));
        dev.hoglink.service.inventory.HttpInventoryService inventory =
                new dev.hoglink.service.inventory.HttpInventoryService(client);
        assertEquals(dev.hoglink.model.ActivityWindow.UNKNOWN, inventory.activityWindow(ORG), "not read yet");

        inventory.organizations();
        dev.hoglink.model.ActivityWindow w = inventory.activityWindow(ORG);
        assertEquals(new dev.hoglink.model.ActivityWindow(dev.hoglink.model.ActivityWindow.Kind.DAYS, 60, "2 months"), w);
        assertEquals("PostHog shows only the last 60 days of this organization's activity (its plan keeps 2 months), "
                + "so PostHog's entries in the history start on 2026-10-08 at the earliest.", w.note(java.time.Instant.parse("2026-12-07T08:00:00Z")));

        inventory.organizations(); // the list fixture: the entry with limit and unit null, as billing sends it
        assertEquals(dev.hoglink.model.ActivityWindow.UNSTATED, inventory.activityWindow(ORG));

        inventory.organizations(); // a limit written as a float: PostHog multiplies it all the same
        assertEquals(60, inventory.activityWindow(ORG).days());

        inventory.organizations(); // no audit_logs at all: PostHog filters nothing by date
        assertEquals(dev.hoglink.model.ActivityWindow.UNRESTRICTED, inventory.activityWindow(ORG));
        assertEquals("", inventory.activityWindow(ORG).note(java.time.Instant.EPOCH));
    }

    /** The list fixture's organization with {@code available_product_features} holding just {@code feature}. */
    private static String posthogOrganizationWith(String feature) {
        try {
            String list = new String(PostHogShapesTest.class.getResourceAsStream("/fixtures/posthog/organizations.json")
                    .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            String replaced = list.replaceFirst("\"available_product_features\": \\[.*\\],",
                    java.util.regex.Matcher.quoteReplacement("\"available_product_features\": [" + feature + "],"));
            assertFalse(replaced.equals(list), "the fixture holds available_product_features");
            return replaced;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * api-notes NN1: the organization as the newest OrganizationSerializer sends it (ed258aef: default_role_id,
     * metadata.instance_tag, billing's full ProductFeature entries with description, note and is_plan_default), alone
     * and as the one row of an unpaginated-looking list page: read the same, and its audit_logs entry sets the window.
     */
    @Test
    void organizationAsTheNewestSerializerSendsItAloneAndInAList() throws java.io.IOException {
        server.on("GET", "/api/organizations/" + ORG + "/", posthog("organization-detail-newest.json"));
        OrganizationDto org = client.organization(ORG);
        assertEquals("hogflix-movies", org.slug());
        assertEquals(8, org.membershipLevel());
        assertEquals(List.of(2L, 2L), org.teams().stream().map(t -> t.projectId()).toList());
        assertEquals(List.of("audit_logs", "organization_security_settings"),
                org.availableProductFeatures().stream().map(OrganizationDto.ProductFeatureDto::key).toList());
        assertEquals(3, org.availableProductFeatures().get(0).limitValue());
        assertNull(org.availableProductFeatures().get(1).limitValue(), "a feature without a limit sends null");

        String detail = new String(PostHogShapesTest.class.getResourceAsStream(
                "/fixtures/posthog/organization-detail-newest.json").readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        server.on("GET", "/api/organizations/", FakeApiServer.json(200,
                "{\"count\": 1, \"next\": null, \"previous\": null, \"results\": [" + detail + "]}"));
        dev.hoglink.service.inventory.HttpInventoryService inventory =
                new dev.hoglink.service.inventory.HttpInventoryService(client);
        assertEquals(List.of(ORG), inventory.organizations().stream().map(dev.hoglink.model.Organization::id).toList());
        assertEquals(90, inventory.activityWindow(ORG).days(), "3 months");
    }

    @Test
    void organizationAsTheFrontendMockHasItWithoutProjectsOrProjectIds() {
        server.on("GET", "/api/organizations/@current/", posthog("organization-frontend-mock.json"));
        OrganizationDto org = client.organization("@current");
        assertEquals("Hogflix Movies", org.name());
        assertEquals(List.of(), org.projects());
        assertEquals(1, org.teams().size());
        assertNull(org.teams().get(0).projectId());
        assertNull(org.slug());
    }

    @Test
    void projectPagesFollowAnAbsoluteNextOnThePublicHostAgainstTheConfiguredOne() {
        String path = "/api/organizations/" + ORG + "/projects/";
        server.on("GET", path, posthog("projects-page1.json"), posthog("projects-page2.json"));
        List<ProjectDto> projects = client.projects(ORG);
        assertEquals(List.of(2L, 9L, 11L), projects.stream().map(ProjectDto::id).toList());
        assertEquals("limit=2&offset=2", server.requests().get(1).query());
        assertEquals("America/New_York", projects.get(1).timezone());
    }

    @Test
    void aProjectRepeatedOnTheNextPageIsShownAndKeptOnce() {
        String path = "/api/organizations/" + ORG + "/projects/";
        server.on("GET", path, posthog("projects-page1.json"), posthog("projects-page2-repeat.json"));
        List<Long> shown = new java.util.ArrayList<>();
        List<dev.hoglink.model.Project> kept = new dev.hoglink.service.inventory.HttpInventoryService(client)
                .projects(ORG, page -> page.forEach(p -> shown.add(p.id())));
        assertEquals(List.of(2L, 9L), kept.stream().map(dev.hoglink.model.Project::id).toList());
        assertEquals(List.of(2L, 9L), shown, "the window gets each project once");
    }

    /**
     * posthog/api/project.py lists project 2 only if its own team is visible; here only its environment 7 is, so the
     * list has project 9 alone while the organization's teams and projects (posthog/api/organization.py) still
     * name team 7 and project 2. The environment keeps its project's name and stays marked as an environment.
     */
    @Test
    void anEnvironmentWhoseProjectsMainTeamIsHiddenIsStillNamedUnderItsProject() {
        server.on("GET", "/api/organizations/" + ORG + "/projects/", posthog("projects-main-team-hidden.json"));
        server.on("GET", "/api/organizations/" + ORG + "/", posthog("organization-environment-of-hidden-project.json"));
        List<dev.hoglink.model.Project> rows = new dev.hoglink.service.inventory.HttpInventoryService(client)
                .projects(ORG, page -> { });
        assertEquals(List.of(9L, 7L), rows.stream().map(dev.hoglink.model.Project::id).toList());
        dev.hoglink.model.Project staging = rows.get(1);
        assertEquals("Hogflix Demo App / Staging", staging.name());
        assertEquals(Long.valueOf(2L), staging.parentId());
        assertEquals("Staging", staging.environment());
    }

    @Test
    void integrationRowsOldAndNew() {
        server.on("GET", "/api/projects/2/integrations/", posthog("integrations.json"));
        List<IntegrationDto> rows = client.githubIntegrations(2);
        IntegrationDto old = rows.get(0);
        assertEquals("4407779", old.installationId(), "a numeric installation id reads as text");
        assertNull(old.createdBy());
        assertNull(old.installationShared());
        assertNull(old.installationStatus());
        assertEquals(OffsetDateTime.parse("2023-11-14T22:13:20Z"), old.createdAt());
        assertEquals("User", old.config().account().type());
        IntegrationDto current = rows.get(1);
        assertEquals("61234567", current.installationId());
        assertEquals(OffsetDateTime.parse("2026-05-02T10:00:00.123456Z"), current.createdAt());
        assertEquals("ada-hog", current.config().connectingUserGithubLogin());
        assertEquals("connected", current.installationStatus());
        assertEquals("Ada", current.createdBy().displayName());
    }

    /**
     * What PostHog sends for a row whose token mint GitHub refused (the config's installation_unavailable_since,
     * no expiry, TOKEN_REFRESH_FAILED) and for a GitHub row without an installation id, which it calls connected
     * (posthog/api/integration.py get_installation_status; posthog/models/github_integration_base.py).
     */
    @Test
    void aRowPostHogMarkedUnavailableAndARowWithoutAnInstallationId() {
        server.on("GET", "/api/projects/2/integrations/", posthog("integrations-marked-unavailable.json"));
        List<IntegrationDto> rows = client.githubIntegrations(2);
        dev.hoglink.model.GitHubLink gone = dev.hoglink.service.inventory.HttpInventoryService.link(rows.get(0));
        assertEquals(dev.hoglink.model.LinkStatus.UNAVAILABLE, gone.status(), "unavailable wins over the token error");
        assertEquals(dev.hoglink.model.ProjectState.UNAVAILABLE, gone.state());
        assertEquals("TOKEN_REFRESH_FAILED", gone.errors());
        assertNull(rows.get(0).config().expiresIn());
        dev.hoglink.model.GitHubLink bare = dev.hoglink.service.inventory.HttpInventoryService.link(rows.get(1));
        assertFalse(bare.hasInstallation());
        assertEquals(dev.hoglink.model.ProjectState.NO_INSTALLATION, bare.state(),
                "PostHog's \"connected\" does not make a row without an installation usable");
    }

    @Test
    void availableInstallationsWithNumericIdsAndAnOrphan() {
        server.on("GET", "/api/projects/2/integrations/github/available_installations/",
                posthog("available-installations.json"));
        AvailableInstallationsDto a = client.availableInstallations(2);
        assertEquals(List.of("4407779", "61234567"), a.installations().stream().map(i -> i.installationId()).toList());
        assertNull(a.installations().get(1).sourceTeamId());
        assertNull(a.installations().get(1).accountName());
        assertNull(a.personalGithubLogin());
        assertEquals("not_connected", a.personalDiscoveryStatus());
    }

    @Test
    void linkExistingAnswersTheIntegrationRow() {
        server.on("POST", "/api/projects/7/integrations/github/link_existing/", posthog("link-existing.json"));
        IntegrationDto row = client.linkExisting(7, LinkExistingRequest.ofInstallation("61234567", null));
        assertEquals(19L, row.id());
        assertEquals(true, row.installationShared());
        assertEquals(OffsetDateTime.parse("2026-09-01T08:00:01.654321Z"), row.createdAt());
    }

    @Test
    void repositoryCacheRowsWithoutTheOptionalFieldsAndWithoutTotal() {
        server.on("GET", "/api/projects/2/integrations/18/github_repos/", posthog("github-repos-old-cache.json"));
        GitHubReposPageDto page = client.githubRepos(2, 18, null, 100, 0);
        assertEquals(List.of("hogflix/posthog-js", "hogflix/infra"),
                page.repositories().stream().map(r -> r.fullName()).toList());
        assertNull(page.repositories().get(0).isPrivate());
        assertNull(page.repositories().get(0).pushedAt());
        assertNull(page.total());
        assertFalse(page.hasMore());
    }

    /** PostHog names no total: the service knows it only from the last page, and counts page by page. */
    @Test
    void aRepositoryTotalIsKnownOnlyFromTheLastPageAndCountedPageByPage() {
        String path = "/api/projects/2/integrations/18/github_repos/";
        server.on("GET", path, posthog("github-repos-more.json"), posthog("github-repos-old-cache.json"));
        dev.hoglink.service.inventory.HttpInventoryService service =
                new dev.hoglink.service.inventory.HttpInventoryService(client);
        dev.hoglink.model.ReposPage first = service.repositories(2, 18, null, 0, 2);
        assertTrue(first.hasMore());
        assertFalse(first.totalKnown(), "not the page's size: more follow");
        dev.hoglink.model.ReposPage last = service.repositories(2, 18, null, 2, 2);
        assertEquals(4, last.total(), "the offset and the last page's size");

        server.on("GET", "/api/projects/3/integrations/18/github_repos/", posthog("github-repos-more.json"),
                posthog("github-repos-more.json"), posthog("github-repos-old-cache.json"));
        assertEquals(6, dev.hoglink.service.inventory.RepoCounts.count(service, 3, 18));
        assertEquals(List.of("limit=500&offset=0", "limit=500&offset=2", "limit=500&offset=4"),
                server.requests().stream().skip(2).map(r -> r.query()).toList());
    }

    @Test
    void activityLogCursorOnThePublicHostSystemRowsAndRejectionReasons() {
        String path = "/api/projects/2/activity_log/";
        server.on("GET", path, posthog("activity-page1.json"), posthog("activity-page2.json"));
        List<ActivityLogEntryDto> rows = client.integrationActivity(2, 10);
        assertEquals(2, rows.size());
        assertTrue(server.requests().get(1).query().startsWith("cursor="), server.requests().get(1).query());
        ActivityLogEntryDto rejected = rows.get(0);
        assertEquals("link_rejected", rejected.detail().githubEvent());
        assertEquals("github_link_existing_personal_github_required",
                rejected.detail().trigger().path("payload").path("rejection_reason").get(0).asText());
        ActivityLogEntryDto system = rows.get(1);
        assertNull(system.user());
        assertEquals(true, system.isSystem());
        assertEquals("3", system.itemId(), "a numeric item_id reads as text");
        assertEquals(OffsetDateTime.parse("2026-08-31T23:59:59.999999Z"), system.createdAt());
    }

    @Test
    void personalApiKeyAsPostHogsOwnTestShowsIt() {
        server.on("GET", "/api/personal_api_keys/@current/", posthog("personal-api-key.json"));
        PersonalApiKeyDto k = client.currentKey();
        assertEquals(42L, k.userId());
        assertNull(k.lastUsedAt());
        assertEquals(List.of(), k.scopedTeams(), "null scoped_teams is no limit");
        assertEquals(List.of(), k.scopedOrganizations());
        assertTrue(k.allows("integration:read"));
        assertFalse(k.allows("personal_api_key:read"));
    }

    @Test
    void paymentRequiredIsItsOwnErrorNotAValidationError() {
        server.on("GET", "/api/projects/2/activity_log/", file(402, "posthog/error-402-audit-logs.json"));
        ApiException e = assertThrows(ApiException.class, () -> client.integrationActivity(2, 5));
        PaymentRequiredException p = assertInstanceOf(PaymentRequiredException.class, e);
        assertEquals(402, p.status());
        assertEquals("payment_required", p.code());
        assertTrue(p.userMessage().contains("paid PostHog plan"), p.userMessage());
        assertEquals(1, server.requests().size(), "a plan error is not retried");
    }

    @Test
    void aKeyScopedToTwoProjectsAsTheKeysEndpointShowsIt() {
        server.on("GET", "/api/personal_api_keys/@current/", posthog("personal-api-key-scoped-teams.json"));
        PersonalApiKeyDto k = client.currentKey();
        assertEquals(List.of(2L, 7L), k.scopedTeams());
        assertEquals(List.of(), k.scopedOrganizations());
        assertTrue(k.excludesProject(9), "a project outside scoped_teams is out of reach");
        assertFalse(k.excludesProject(7), "an environment listed in scoped_teams is in reach");
        assertTrue(k.allows("integration:read"), "integration:write grants integration:read");
        assertTrue(k.allows("integration:write"));
        assertFalse(k.allows("activity_log:read"));
        assertFalse(k.allows("organization:read"));
        assertEquals(OffsetDateTime.parse("2026-09-01T07:59:58.104512Z"), k.lastUsedAt());
    }

    @Test
    void anOrganizationScopedAllAccessKeyWithNullScopedTeams() {
        server.on("GET", "/api/personal_api_keys/@current/", posthog("personal-api-key-scoped-organization.json"));
        PersonalApiKeyDto k = client.currentKey();
        assertEquals(List.of(ORG), k.scopedOrganizations());
        assertEquals(List.of(), k.scopedTeams(), "null scoped_teams is no project limit");
        assertFalse(k.excludesProject(9));
        assertTrue(k.allows("activity_log:read"), "* grants every scope");
        assertTrue(k.allows("integration:write"));
    }

    @Test
    void linkExistingOnASuspendedInstallationIsPostHogsBare500TypedAsAServerError() {
        server.on("POST", "/api/projects/7/integrations/github/link_existing/", file(500, "posthog/error-500-bare.json"));
        ApiException e = assertThrows(ApiException.class,
                () -> client.linkExisting(7, LinkExistingRequest.ofInstallation("61234567", null)));
        ServerException s = assertInstanceOf(ServerException.class, e);
        assertEquals(500, s.status());
        assertEquals("error", s.code());
        assertEquals("A server error occurred.", s.detail());
        assertNull(s.attr());
    }

    @Test
    void aLinkIsNeverResentAfterPostHogs500() {
        PostHogClient retrying = ClientFixtures.builder(server.base(), time).rateLimiter(RateLimiter.unlimited()).build();
        server.on("POST", "/api/projects/7/integrations/github/link_existing/", file(500, "posthog/error-500-bare.json"),
                posthog("link-existing.json"));
        assertThrows(ServerException.class,
                () -> retrying.linkExisting(7, LinkExistingRequest.ofInstallation("61234567", null)));
        assertEquals(1, server.requests().size(), "a POST that may have half-happened is not sent twice");
    }

    @Test
    void repositoriesRefreshAsTheNewestPostHogAnswersIt() {
        server.on("POST", "/api/projects/2/integrations/18/github_repos/refresh/", posthog("github-repos-refresh.json"));
        GitHubReposRefreshDto r = client.refreshGitHubRepos(2, 18);
        assertEquals(List.of("hogflix/posthog-js", "hogflix/infra", "hogflix/hogflix.github.io"),
                r.repositories().stream().map(x -> x.fullName()).toList());
        assertNull(r.installationStatus(), "a copy that sends repositories only");
        assertEquals("POST", server.requests().get(0).method());
        dev.hoglink.model.RepositoryRefresh said = new dev.hoglink.service.inventory.HttpInventoryService(client)
                .refreshRepositories(2, 18);
        assertFalse(said.unavailable() || said.connected(), "this copy says neither");
    }

    /**
     * PostHog's error envelope in a 200 (an exception whose status_code is None, such as GitHubIntegrationError
     * from a failed GitHub call while listing repositories with no cached list) is an error, not an empty page.
     */
    @Test
    void anErrorEnvelopeInA200IsAServerErrorNotAnEmptyList() {
        server.on("GET", "/api/projects/2/integrations/18/github_repos/", posthog("error-200-server-error.json"));
        ServerException e = assertThrows(ServerException.class, () -> client.githubRepos(2, 18, null, 100, 0));
        assertEquals("PostHog had a server error (reported with status 200). Try again in a moment; if it keeps "
                + "failing, check PostHog's status page.", e.userMessage());
        assertEquals("error", e.code());
        server.on("GET", "/api/projects/3/integrations/18/github_repos/",
                FakeApiServer.json(200, "{\"repositories\": [], \"has_more\": false, \"total\": 0, \"detail\": \"x\"}"));
        assertEquals(0, client.githubRepos(3, 18, null, 100, 0).repositories().size(), "a page with a detail is a page");
    }

    /** GitHub refused the mint: 200, PostHog's last cached list, and the status (refresh_github_repos). */
    @Test
    void repositoriesRefreshOfAnInstallationGitHubRefusedIsTheCachedListMarkedUnavailable() {
        server.on("POST", "/api/projects/2/integrations/18/github_repos/refresh/",
                posthog("github-repos-refresh-unavailable.json"));
        dev.hoglink.model.RepositoryRefresh r = new dev.hoglink.service.inventory.HttpInventoryService(client)
                .refreshRepositories(2, 18);
        assertEquals(1, r.repositories());
        assertTrue(r.unavailable());
    }

    @Test
    void repositoriesRefreshThrottledWithoutRetryAfterReadsTheWaitFromTheDetail() {
        server.on("POST", "/api/projects/2/integrations/18/github_repos/refresh/",
                file(429, "posthog/error-429-throttled.json"));
        ThrottledException t = assertThrows(ThrottledException.class, () -> client.refreshGitHubRepos(2, 18));
        assertEquals(Duration.ofSeconds(27), t.retryAfter());
        assertEquals("throttled", t.code());
    }

    @Test
    void repositorySelectionOfAGitHubRowComesFromItsConfig() {
        server.on("GET", "/api/projects/2/integrations/", posthog("integrations.json"));
        List<IntegrationDto> rows = client.githubIntegrations(2);
        assertEquals("all", rows.get(0).config().repositorySelection());
        assertEquals("selected", rows.get(1).config().repositorySelection());
    }

    @Test
    void personalGitHubLinksWithAnOldRowWithoutAccountOrSelection() {
        server.on("GET", "/api/users/@me/integrations/", posthog("user-integrations.json"));
        UserGitHubIntegrationsDto links = client.personalGitHubIntegrations();
        assertEquals(List.of("4407779", "61234567"), links.results().stream().map(i -> i.installationId()).toList());
        assertNull(links.results().get(0).account());
        assertNull(links.results().get(0).repositorySelection());
        assertEquals("hogflix", links.results().get(1).account().name());
        assertEquals(true, links.results().get(1).usesSharedInstallation());
    }

    @Test
    void installRequestsInEachStatusAndTheirNullsAndDates() {
        server.on("GET", "/api/users/@me/integrations/github/install_requests/", posthog("github-install-requests.json"));
        GitHubInstallRequestsDto r = client.githubInstallRequests();
        assertEquals(List.of("pending", "approved", "unidentified"), r.results().stream().map(i -> i.status()).toList());
        assertEquals("https://github.com/apps/posthog/installations/new", r.installUrl());
        GitHubInstallRequestsDto.Item approved = r.results().get(1);
        assertEquals("61234567", approved.installationId());
        assertEquals(OffsetDateTime.parse("2026-08-02T09:30:00.5Z"), approved.resolvedAt());
        assertNull(r.results().get(2).githubLogin());
        assertNull(r.results().get(0).resolvedAt());
    }

    @Test
    void dismissingAnInstallRequestAlreadyGoneIsPostHogsNotFound() {
        String path = "/api/users/@me/integrations/github/install_requests/0192aaaa-0000-7000-8000-00000000000a/";
        server.on("DELETE", path, file(404, "posthog/error-404-install-request.json"));
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> client.dismissGitHubInstallRequest("0192aaaa-0000-7000-8000-00000000000a"));
        assertEquals("No GitHub install request found.", e.detail());
    }

    @Test
    void anOlderPostHogWithoutTheEndpointIsNotReportedAsAMissingItem() {
        // posthog/api/__init__.py api_not_found: NotFound("Endpoint not found.") for any /api/ path no view serves,
        // e.g. github/link_existing on a PostHog from before it existed
        server.on("POST", "/api/projects/2/integrations/github/link_existing/",
                file(404, "posthog/error-404-endpoint-not-found.json"));
        NotFoundException e = assertThrows(NotFoundException.class,
                () -> client.linkExisting(2, LinkExistingRequest.ofInstallation("61234567", null)));
        assertTrue(e.endpointMissing());
        assertTrue(e.userMessage().contains("older"), e.userMessage());
        assertFalse(e.userMessage().contains("deleted"), e.userMessage());

        server.on("DELETE", "/api/projects/2/integrations/18/", file(404, "posthog/error-404-install-request.json"));
        NotFoundException gone = assertThrows(NotFoundException.class, () -> client.deleteIntegration(2, 18));
        assertFalse(gone.endpointMissing(), "an item PostHog did not find is not a missing endpoint");
    }

    @Test
    void anOrganizationLevelRowInTwoTeamsLogsIsOneHistoryLineOfTheOrganization() {
        // Both teams receive organization-level activity: PostHog adds the same row (team_id null) to each log.
        server.on("GET", "/api/projects/2/activity_log/", posthog("activity-org-level-team2.json"));
        server.on("GET", "/api/projects/3/activity_log/", posthog("activity-org-level-team3.json"));
        dev.hoglink.model.Organization org = new dev.hoglink.model.Organization(ORG, "Hogflix", "hogflix",
                dev.hoglink.model.Organization.OWNER);
        dev.hoglink.service.inventory.FakeInventoryService inventory = new dev.hoglink.service.inventory.FakeInventoryService();
        inventory.addOrganization(org);
        inventory.addProject(ORG, 2, "Web");
        inventory.addProject(ORG, 3, "Mobile");

        dev.hoglink.service.audit.AuditReport report = new dev.hoglink.service.audit.AuditService(inventory, client, null,
                java.time.Clock.fixed(java.time.Instant.parse("2026-09-03T00:00:00Z"), java.time.ZoneOffset.UTC), 1)
                .audit("https://us.posthog.com", org, dev.hoglink.service.audit.AuditService.Progress.NONE);

        List<dev.hoglink.service.audit.AuditReport.HistoryEntry> history = report.history();
        assertEquals(3, history.size(), history.toString());
        List<dev.hoglink.service.audit.AuditReport.HistoryEntry> personal = history.stream()
                .filter(h -> h.event().equals("credential_deleted")).toList();
        assertEquals(1, personal.size(), "one row of PostHog's, read in two logs: " + history);
        assertNull(personal.get(0).projectId(), "it belongs to no project");
        assertEquals("Organization (all projects)", personal.get(0).projectName());
        assertEquals(2L, history.stream().filter(h -> h.event().equals("deleted")).findFirst().orElseThrow().projectId());
        assertEquals(3L, history.stream().filter(h -> h.event().equals("uninstall_completed")).findFirst().orElseThrow()
                .projectId());
    }

    @Test
    void onlyAnExplicitNullTeamMakesARowOrganizationLevel() {
        server.on("GET", "/api/projects/2/activity_log/", posthog("activity-org-level-team2.json"),
                posthog("activity-page1.json"), posthog("activity-page2.json"));
        List<ActivityLogEntryDto> rows = client.integrationActivity(2, 1);
        assertFalse(rows.get(0).organizationLevel(), "team_id 2");
        assertTrue(rows.get(1).organizationLevel(), "team_id null");
        List<ActivityLogEntryDto> without = client.integrationActivity(2, 10);
        assertTrue(without.stream().noneMatch(ActivityLogEntryDto::organizationLevel), "a copy without team_id");
    }

    /**
     * An installation PostHog names no account for reads "installation 61234567" in every refusal, as everywhere
     * else (InstallationName); it read "the installation on installation 61234567" before.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
        "error-400-personal-github-required.json | PostHog needs proof that you can access installation 61234567: link",
        "error-400-adoption-admin-required.json  | No project in this organization uses installation 61234567 yet, and",
        "error-400-orphan-installation.json      | No project you can access in this organization has installation 61234567 linked;"})
    void aRefusalNamesAnInstallationWithoutAnAccountByItsIdAlone(String fixture, String start,
                                                                @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        String m = linkAnsweredWith(fixture, dir, null).message();
        assertTrue(m.startsWith(start), m);
        assertFalse(m.contains("installation on installation"), m);
    }

    /** A link through the real LinkService, answered with PostHog's refusal from the fixture. */
    private dev.hoglink.service.link.LinkResult linkAnsweredWith(String fixture, java.nio.file.Path dir) {
        return linkAnsweredWith(fixture, dir, "hogflix");
    }

    private dev.hoglink.service.link.LinkResult linkAnsweredWith(String fixture, java.nio.file.Path dir, String account) {
        return linkAnsweredWith(400, fixture, dir, account);
    }

    private dev.hoglink.service.link.LinkResult linkAnsweredWith(int status, String fixture, java.nio.file.Path dir,
                                                                 String account) {
        server.on("POST", "/api/projects/7/integrations/github/link_existing/", file(status, "posthog/" + fixture));
        dev.hoglink.service.link.LinkService links = new dev.hoglink.service.link.LinkService(client,
                new dev.hoglink.service.journal.ActionJournal(dir.resolve("journal.jsonl"), java.time.Clock.systemUTC()),
                "https://us.posthog.com");
        dev.hoglink.service.link.LinkService.Target staging = new dev.hoglink.service.link.LinkService.Target(
                new dev.hoglink.model.Organization(ORG, "Hogflix", "hogflix", 1),
                new dev.hoglink.model.Project(7, "Hogflix / Staging", ORG, null, 2L, "Staging"));
        return links.linkOne(staging, new dev.hoglink.model.InstallationOption("61234567", account,
                account == null ? dev.hoglink.model.AccountType.UNKNOWN : dev.hoglink.model.AccountType.ORGANIZATION,
                null, null, null));
    }

    /**
     * posthog/permissions.py APIScopePermission (api-notes NJ2): github/link_existing is a write action of the
     * integration scope object, so a key without integration:write (or *) is refused before the body is read, with
     * DRF's PermissionDenied through drf-exceptions-hog. The client names the scope, the link says what to do, and the
     * refusal is not retried: the same key gets the same answer.
     */
    @Test
    void aLinkWithAKeyWithoutIntegrationWriteIsRefusedAsMissingThatScope(@org.junit.jupiter.api.io.TempDir
                                                                       java.nio.file.Path dir) {
        server.on("POST", "/api/projects/7/integrations/github/link_existing/",
                file(403, "posthog/error-403-missing-integration-write.json"));
        PermissionException e = assertThrows(PermissionException.class,
                () -> client.linkExisting(7, LinkExistingRequest.ofInstallation("61234567", null)));
        assertEquals(403, e.status());
        assertEquals("permission_denied", e.code());
        assertNull(e.attr());
        assertEquals(PermissionException.Reason.MISSING_SCOPE, e.reason());
        assertEquals("integration:write", e.missingScope());
        assertEquals(1, server.requests().size(), "a refusal of the key is not retried");

        dev.hoglink.service.link.LinkResult r = linkAnsweredWith(403, "error-403-missing-integration-write.json", dir,
                "hogflix");
        assertEquals(dev.hoglink.service.link.LinkResult.Kind.MISSING_SCOPE, r.kind());
        assertEquals("integration:write", r.missingScope());
        assertEquals(dev.hoglink.model.Capabilities.READ_ONLY, r.message(), "the window's words for such a key");
    }

    /**
     * posthog/api/advanced_activity_logs/viewset.py (at 010f3449) orders the log ("-created_at", "-id"); the id is a
     * UUIDT, time then a per-millisecond counter, so of rows of one instant the later written comes first (api-notes
     * NK1). The history, oldest first, puts a step that starts a sequence first (link_started), then keeps PostHog's
     * order: the rejection read below the completion is older than it, though "link_completed" sorts first by name
     * and by installation id.
     */
    @Test
    void rowsOfOneInstantKeepPostHogsOrderInTheHistory() {
        server.on("GET", "/api/projects/2/activity_log/", posthog("activity-one-instant.json"));
        dev.hoglink.model.Organization org = new dev.hoglink.model.Organization(ORG, "Hogflix", "hogflix",
                dev.hoglink.model.Organization.OWNER);
        dev.hoglink.service.inventory.FakeInventoryService inventory = new dev.hoglink.service.inventory.FakeInventoryService();
        inventory.addOrganization(org);
        inventory.addProject(ORG, 2, "Web");

        dev.hoglink.service.audit.AuditReport report = new dev.hoglink.service.audit.AuditService(inventory, client, null,
                java.time.Clock.fixed(java.time.Instant.parse("2026-09-03T00:00:00Z"), java.time.ZoneOffset.UTC), 1)
                .audit("https://us.posthog.com", org, dev.hoglink.service.audit.AuditService.Progress.NONE);

        List<dev.hoglink.service.audit.AuditReport.HistoryEntry> history = report.history();
        assertEquals(List.of("link_started", "link_rejected", "link_completed"),
                history.stream().map(dev.hoglink.service.audit.AuditReport.HistoryEntry::event).toList(),
                history.toString());
        assertEquals(1, history.stream().map(dev.hoglink.service.audit.AuditReport.HistoryEntry::time).distinct().count(),
                "one instant, to the microsecond");
        assertEquals(java.time.Instant.parse("2026-09-01T08:00:00.412093Z"), history.get(0).time());
    }

    /** An audit of one project, "Web" (team 2), over whatever the fake server answers for its activity log. */
    private List<dev.hoglink.service.audit.AuditReport.HistoryEntry> historyOfWeb() {
        dev.hoglink.model.Organization org = new dev.hoglink.model.Organization(ORG, "Hogflix", "hogflix",
                dev.hoglink.model.Organization.OWNER);
        dev.hoglink.service.inventory.FakeInventoryService inventory = new dev.hoglink.service.inventory.FakeInventoryService();
        inventory.addOrganization(org);
        inventory.addProject(ORG, 2, "Web");
        return new dev.hoglink.service.audit.AuditService(inventory, client, null,
                java.time.Clock.fixed(java.time.Instant.parse("2026-09-04T00:00:00Z"), java.time.ZoneOffset.UTC), 1)
                .audit("https://us.posthog.com", org, dev.hoglink.service.audit.AuditService.Progress.NONE).history();
    }

    private static String line(dev.hoglink.service.audit.AuditReport.HistoryEntry h) {
        return h.projectId() + " " + h.projectName() + " | " + h.installationId() + " | " + h.user() + " | " + h.event()
                + (h.outcome().isEmpty() ? "" : " → " + h.outcome()) + " | " + h.detail();
    }

    /**
     * api-notes NL2: the newest posthog/api/integration.py audits github_link_existing for the organization and team
     * only, so its rows name no integration nor owner (item_id "None", as log_activity stores str(None); detail.name
     * "GitHub"); the installation is in the payload's evidence, null when the request chose none, and link_failed
     * carries the exception's name in failure_type. The history reads each row for the project whose log held it,
     * the installation from the payload, never the "None" item_id, and says why a link failed.
     */
    @Test
    void linkRowsAsTheNewestPostHogWritesThemAreEachAttributedInTheHistory() {
        server.on("GET", "/api/projects/2/activity_log/", posthog("activity-link-newest.json"));
        List<String> lines = historyOfWeb().stream().map(PostHogShapesTest::line).toList();
        assertEquals(List.of(
                "2 Web | null | Bea | link_started | ",
                "2 Web | null | Bea | link_rejected | rejected: no project the user can access in this organization "
                        + "has this installation linked",
                "2 Web | 70000002 | Ada | link_started | ",
                "2 Web | 70000002 | Ada | link_failed | failure type GitHubInstallationAccessFetchError",
                "2 Web | 61234567 | Ada | link_started | ",
                "2 Web | 61234567 | Ada | link_completed | ",
                "2 Web | 61234567 | Ada | disconnect_started | account hogflix",
                "2 Web | 61234567 | Ada | uninstall_completed → skipped | account hogflix; other projects still use "
                        + "the installation, so the app stays installed",
                "2 Web | 61234567 | Ada | deleted → disconnected | account hogflix"), lines);
    }

    /**
     * The older copies' link rows (activity-one-instant.json) named the installation in item_id and detail.name and,
     * on link_completed, the owner: the same history reads them, the account where the row names it.
     */
    @Test
    void linkRowsAsOlderPostHogsWroteThemStillReadTheSame() {
        server.on("GET", "/api/projects/2/activity_log/", posthog("activity-one-instant.json"));
        assertEquals(List.of(
                "2 Web | 61234567 | Ada | link_started | account hogflix",
                "2 Web | 70000001 | Ada | link_rejected | rejected: no project the user can access in this organization "
                        + "has this installation linked",
                "2 Web | 61234567 | Ada | link_completed | account hogflix"),
                historyOfWeb().stream().map(PostHogShapesTest::line).toList());
    }

    /**
     * team_services.py link_existing_team_github_integration: for a chosen installation the orphan code means no team
     * the caller can access has it; the newest copy raises it only when a team the caller cannot access has it (else it
     * adopts). So "no project in the organization has it" would be false; only the caller's reach is known.
     */
    @Test
    void anOrphanRefusalSaysNoProjectYouCanAccessHasItNotThatNoneHasIt(@org.junit.jupiter.api.io.TempDir
                                                                       java.nio.file.Path dir) {
        dev.hoglink.service.link.LinkResult r = linkAnsweredWith("error-400-orphan-installation.json", dir);
        assertEquals(dev.hoglink.service.link.LinkResult.Kind.ORPHAN, r.kind());
        assertEquals("github_link_existing_orphan_installation", r.code());
        assertTrue(r.message().startsWith("No project you can access in this organization has the installation on "
                + "hogflix (id 61234567) linked; a project you cannot access may have it."), r.message());
    }

    /**
     * team_services.py adopt_orphan_installation: reached when no team of this organization links the installation
     * (_org_linked_github_installation_ids reads one organization); another organization's project may use it.
     */
    @Test
    void anAdoptionRefusalSaysNoProjectInThisOrganizationUsesIt(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        dev.hoglink.service.link.LinkResult r = linkAnsweredWith("error-400-adoption-admin-required.json", dir);
        assertEquals(dev.hoglink.service.link.LinkResult.Kind.ADOPTION_NEEDS_ADMIN, r.kind());
        assertTrue(r.message().startsWith("No project in this organization uses the installation on hogflix (id 61234567) "
                + "yet, and "
                + "linking it first needs admin access to Staging."), r.message());
    }

    /**
     * personal_state.py usable_personal_github_token: a member whose personal links all hold refused tokens gets the
     * same refusal as one with no link, so the advice covers both.
     */
    @Test
    void aPersonalProofRefusalAsksToLinkOrReconnect(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
        dev.hoglink.service.link.LinkResult r = linkAnsweredWith("error-400-personal-github-required.json", dir);
        assertEquals(dev.hoglink.service.link.LinkResult.Kind.PERSONAL_GITHUB_REQUIRED, r.kind());
        assertTrue(r.message().contains("link your personal GitHub account in PostHog, or reconnect it if it no longer "
                + "works"), r.message());
    }

    /**
     * posthog/api/integration.py (IntegrationViewSet, commit 002c1fa4): github/prepare_callback is not kept at
     * membership by dangerously_get_permissions, so IntegrationManagementPermission applies, whose
     * TeamMemberStrictManagementPermission (posthog/permissions.py) wants project admin for a POST. A member of the
     * organization (me.json's second one, level 1) is refused "Manage on GitHub" before anything is sent, and a
     * member who sends it anyway gets PostHog's 403 and no GitHub page (api-notes NI3).
     */
    @Test
    void aMembersManageOnGitHubIsRefusedAsPrepareCallbackNeedsProjectAdmin(@org.junit.jupiter.api.io.TempDir
                                                                         java.nio.file.Path dir) {
        server.on("GET", "/api/users/@me/", posthog("me.json"));
        OrganizationDto memberOf = client.me().organizations().get(1);
        assertEquals(1, memberOf.membershipLevel());
        dev.hoglink.model.Capabilities caps = new dev.hoglink.model.Capabilities(java.util.Optional.of(true),
                memberOf.name(), memberOf.membershipLevel(), java.util.Optional.of(true));
        assertFalse(caps.manageOnGitHub(null).allowed(), caps.manageOnGitHub(null).why());
        assertTrue(caps.link(null).allowed(), "link_existing stays at membership (with a personal GitHub link)");
        assertTrue(caps.startOAuth(null).allowed(), "oauth_authorize stays at membership");

        server.on("GET", "/api/projects/7/integrations/", posthog("integrations.json"));
        server.on("POST", "/api/projects/7/integrations/github/prepare_callback/",
                file(403, "posthog/error-403-prepare-callback-member.json"));
        dev.hoglink.model.GitHubLink link = dev.hoglink.service.inventory.HttpInventoryService.link(
                client.githubIntegrations(7).get(1));
        dev.hoglink.service.link.LinkService links = new dev.hoglink.service.link.LinkService(client,
                new dev.hoglink.service.journal.ActionJournal(dir.resolve("journal.jsonl"), java.time.Clock.systemUTC()),
                "https://us.posthog.com");
        dev.hoglink.service.ServiceException refused = assertThrows(dev.hoglink.service.ServiceException.class,
                () -> links.manageOnGitHub(new dev.hoglink.service.link.LinkService.Target(
                        new dev.hoglink.model.Organization(ORG, memberOf.name(), "hogflix", 1),
                        new dev.hoglink.model.Project(7, "Hogflix / Staging", ORG, null, 2L, "Staging")), link));
        assertEquals(dev.hoglink.service.ServiceException.Kind.PERMISSION, refused.kind());
        assertTrue(refused.missingScope().isEmpty(), "not a scope: the user's project level");
        assertTrue(refused.userMessage().contains("You don't have sufficient permissions in the project."),
                refused.userMessage());
    }

    /**
     * posthog/api/integration.py at 002c1fa4 (github_repos): the newest copy names {@code total}, the matches across
     * all pages (count_cached_repositories), beside {@code has_more}. The count then needs one page, even for more
     * repositories than the page-by-page count reads (api-notes NF5, NI3).
     */
    @Test
    void aNamedRepositoryTotalIsTakenFromTheFirstPage() {
        String path = "/api/projects/2/integrations/18/github_repos/";
        server.on("GET", path, posthog("github-repos-total.json"));
        GitHubReposPageDto page = client.githubRepos(2, 18, null, 2, 0);
        assertEquals(5321, page.total());
        assertTrue(page.hasMore());
        assertNull(page.repositories().get(1).isPrivate(), "a cache row without the optional fields");
        dev.hoglink.service.inventory.HttpInventoryService service =
                new dev.hoglink.service.inventory.HttpInventoryService(client);
        dev.hoglink.model.ReposPage first = service.repositories(2, 18, null, 0, 2);
        assertTrue(first.totalKnown());
        assertEquals(5321, first.total());
        assertEquals(5321, dev.hoglink.service.inventory.RepoCounts.count(service, 2, 18),
                "past the 5,000 the page-by-page count gives up at");
        assertEquals(3, server.requests().size(), "one request for the count");
    }

    /**
     * DRF's IntegerField range errors keep their own codes through drf-exceptions-hog (only "invalid" is renamed),
     * with the field in {@code attr}; DRF's message ends in a full stop of its own.
     */
    @Test
    void anOutOfRangeQueryValueIsAValidationErrorNamingTheField() {
        server.on("GET", "/api/projects/2/integrations/18/github_repos/", file(400, "posthog/error-400-max-value.json"));
        ValidationException e = assertThrows(ValidationException.class, () -> client.githubRepos(2, 18, null, 500, 0));
        assertEquals("max_value", e.code());
        assertEquals("limit", e.attr());
        assertEquals("PostHog did not accept this: Ensure this value is less than or equal to 500 (field limit). "
                + "Check the values and try again.", e.userMessage());
    }

    /** DRF's "Expected a dictionary" error sits under non_field_errors, which drf-exceptions-hog reports as attr null. */
    @Test
    void aBodyPostHogCouldNotReadAsAnObjectNamesNoField() {
        server.on("POST", "/api/projects/7/integrations/github/link_existing/",
                file(400, "posthog/error-400-not-an-object.json"));
        ValidationException e = assertThrows(ValidationException.class,
                () -> client.linkExisting(7, LinkExistingRequest.ofInstallation("61234567", null)));
        assertEquals("invalid_input", e.code());
        assertNull(e.attr());
        assertEquals("PostHog did not accept this: Invalid data. Expected a dictionary, but got list. Check the values "
                + "and try again.", e.userMessage());
    }

    /**
     * github_available_installations sends {@code timezone.now().isoformat()} as a plain string: {@code +00:00}, and
     * microseconds only when they are not zero (posthog/api/integration.py at 002c1fa4).
     */
    @Test
    void discoveredAtInPythonsIsoformatWithAndWithoutMicroseconds() {
        String path = "/api/projects/2/integrations/github/available_installations/";
        server.on("GET", path, posthog("available-installations.json"), posthog("available-installations-none.json"));
        assertEquals(OffsetDateTime.parse("2026-09-01T08:00:00.412093Z"), client.availableInstallations(2).discoveredAt());
        AvailableInstallationsDto none = client.availableInstallations(2);
        assertEquals(OffsetDateTime.parse("2026-09-01T08:00:01Z"), none.discoveredAt());
        assertEquals(List.of(), none.installations());
        assertEquals("unavailable", none.personalDiscoveryStatus());
        assertEquals("ada-hog", none.personalGithubLogin());
    }
}
