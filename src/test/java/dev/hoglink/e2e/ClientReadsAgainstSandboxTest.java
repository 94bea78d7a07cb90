package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.AuthenticationException;
import dev.hoglink.api.NotFoundException;
import dev.hoglink.api.PermissionException;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.ValidationException;
import dev.hoglink.api.dto.AvailableInstallationDto;
import dev.hoglink.api.dto.AvailableInstallationsDto;
import dev.hoglink.api.dto.GitHubRepoDto;
import dev.hoglink.api.dto.GitHubReposPageDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.api.dto.PersonalApiKeyDto;
import dev.hoglink.api.dto.ProjectDto;
import dev.hoglink.api.dto.UserDto;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.connection.ScopeCheck;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client's read calls and auth failures against one shared sandbox (none of them changes the world). */
class ClientReadsAgainstSandboxTest {

    static E2e e2e;

    @BeforeAll
    static void start() {
        e2e = E2e.start();
    }

    @AfterAll
    static void stop() {
        e2e.close();
    }

    static PostHogClient as(String role) {
        return e2e.client(role);
    }

    @Test
    void meNamesTheKeysUserTheirCurrentTeamAndEveryOrganization() {
        UserDto me = as("owner").me();
        assertEquals(SeedWorld.ADA, me.id());
        assertEquals("ada@acme.test", me.email());
        assertEquals(101L, me.team().id());
        assertEquals(SeedWorld.ACME_ORG, me.organization().id());
        assertEquals(Set.of("Acme Analytics", "Globex Labs", "Hooli Garage"),
                me.organizations().stream().map(OrganizationDto::name).collect(Collectors.toSet()));
        assertEquals(15, me.organizations().stream().filter(o -> o.id().equals(SeedWorld.ACME_ORG)).findFirst()
                .orElseThrow().membershipLevel());
    }

    @Test
    void organizationsListsTheUsersOrganizationsWithTheirLevels() {
        Map<String, OrganizationDto> orgs = as("admin").organizations().stream()
                .collect(Collectors.toMap(OrganizationDto::name, Function.identity()));
        assertEquals(Set.of("Acme Analytics", "Hooli Garage"), orgs.keySet());
        assertEquals(8, orgs.get("Acme Analytics").membershipLevel());
        assertEquals(1, orgs.get("Hooli Garage").membershipLevel());
    }

    @Test
    void organizationDetailCarriesProjectsTeamsAndTheKeyPolicy() {
        OrganizationDto acme = as("owner").organization(SeedWorld.ACME_ORG);
        assertEquals("acme-analytics", acme.slug());
        assertEquals(24, acme.projects().size());
        assertEquals(24, acme.teams().size());
        assertEquals(5, acme.memberCount());
        assertTrue(acme.membersCanUsePersonalApiKeys());
        assertFalse(as("owner").organization(SeedWorld.GLOBEX_ORG).membersCanUsePersonalApiKeys());
        assertEquals(SeedWorld.ACME_ORG, as("owner").organization("@current").id());
    }

    @Test
    void unknownOrganizationIsNotFound() {
        E2e.fails(NotFoundException.class, () -> as("owner").organization("00000000-0000-0000-0000-000000000000"));
    }

    @Test
    void projectsListsEveryProjectTheUserCanSee() {
        List<ProjectDto> owner = as("owner").projects(SeedWorld.ACME_ORG);
        assertEquals(24, owner.size());
        assertEquals(List.of(101L, 102L), owner.stream().map(ProjectDto::id).limit(2).toList());
        // PostHog's project list items carry no project_id (ProjectBackwardCompatBasicSerializer, posthog/api/shared.py).
        assertTrue(owner.stream().allMatch(p -> p.projectId() == null && SeedWorld.ACME_ORG.equals(p.organization())));
        List<ProjectDto> member = as("member").projects(SeedWorld.ACME_ORG);
        assertFalse(member.stream().anyMatch(p -> p.id() == 124L), "Cy is not on the restricted Secret Lab");
        assertTrue(as("member_unlinked").projects(SeedWorld.ACME_ORG).stream().anyMatch(p -> p.id() == 124L),
                "Dee is listed on Secret Lab");
    }

    @Test
    void githubIntegrationsShowsASharedConnectedInstallation() {
        List<IntegrationDto> rows = as("owner").githubIntegrations(101);
        assertEquals(1, rows.size(), "the Slack row of project 101 is filtered out by kind=github");
        IntegrationDto row = rows.get(0);
        assertEquals("github", row.kind());
        assertEquals(SeedWorld.INST_ACME, row.config().installationId());
        assertEquals("acme", row.displayName());
        assertEquals("Organization", row.config().account().type());
        assertEquals("ada-gh", row.config().connectingUserGithubLogin());
        assertTrue(row.installationShared());
        assertEquals("connected", row.installationStatus());
        assertEquals("", row.errors());
        assertEquals("ada@acme.test", row.createdBy().email());
    }

    @Test
    void githubIntegrationsShowsASingleProjectInstallationAsNotShared() {
        IntegrationDto labs = as("owner").githubIntegrations(104).get(0);
        assertEquals(SeedWorld.INST_ACME_LABS, labs.config().installationId());
        assertFalse(labs.installationShared());
        assertEquals("all", labs.config().repositorySelection());
    }

    @Test
    void githubIntegrationsShowsASuspendedInstallationAsUnavailable() {
        IntegrationDto legacy = as("owner").githubIntegrations(105).get(0);
        assertEquals(SeedWorld.INST_LEGACY_SUSPENDED, legacy.config().installationId());
        assertEquals("unavailable", legacy.installationStatus());
    }

    @Test
    void githubIntegrationsCarriesTheTokenError() {
        IntegrationDto data = as("owner").githubIntegrations(106).get(0);
        assertEquals("TOKEN_REFRESH_FAILED", data.errors());
        assertEquals("connected", data.installationStatus());
    }

    @Test
    void githubIntegrationsToleratesARowWithoutInstallationId() {
        IntegrationDto broken = as("owner").githubIntegrations(107).get(0);
        assertNull(broken.config().installationId());
    }

    @Test
    void githubIntegrationsIsEmptyForAProjectWithoutOne() {
        assertEquals(List.of(), as("owner").githubIntegrations(108));
        assertEquals(List.of(), as("owner").githubIntegrations(301));
    }

    @Test
    void memberOnARestrictedProjectHeIsNotOnIsRefused() {
        PermissionException e = E2e.fails(PermissionException.class, () -> as("member").githubIntegrations(124));
        assertEquals(PermissionException.Reason.OTHER, e.reason());
        assertEquals("You don't have access to the project.", e.detail());
    }

    @Test
    void unknownProjectIsNotFound() {
        E2e.fails(NotFoundException.class, () -> as("owner").githubIntegrations(999_999));
    }

    private static Map<String, AvailableInstallationDto> byId(AvailableInstallationsDto a) {
        return a.installations().stream().collect(Collectors.toMap(AvailableInstallationDto::installationId, Function.identity()));
    }

    @Test
    void ownerSeesEverySiblingInstallationAndHerPersonalOnesButNotTheProjectsOwn() {
        AvailableInstallationsDto a = as("owner").availableInstallations(108);
        Map<String, AvailableInstallationDto> m = byId(a);
        assertNotNull(a.discoveryId());
        assertNotNull(a.discoveredAt());
        assertEquals("ok", a.personalDiscoveryStatus());
        assertTrue(a.personalGithubConnected());
        assertEquals("ada-gh", a.personalGithubLogin());
        AvailableInstallationDto acme = m.get(SeedWorld.INST_ACME);
        assertEquals(101L, acme.sourceTeamId(), "lowest row id per installation");
        assertEquals("Web", acme.sourceTeamName());
        assertEquals("acme", acme.accountName());
        assertEquals("Organization", acme.accountType());
        assertEquals(124L, m.get(SeedWorld.INST_SECRET_ORPHAN).sourceTeamId(), "Ada can see Secret Lab");
        AvailableInstallationDto oss = m.get(SeedWorld.INST_ACME_OSS_ADOPTABLE);
        assertNull(oss.sourceTeamId(), "only her personal GitHub sees acme-oss");
        assertNull(oss.sourceTeamName());
        assertNull(m.get(SeedWorld.INST_GLOBEX).sourceTeamId(),
                "her GitHub sees Globex's installation; no Acme project links it, so it is personal discovery");
        assertFalse(m.containsKey(SeedWorld.INST_CY_PERSONAL), "Cy's personal installation is not Ada's");

        assertFalse(byId(as("owner").availableInstallations(104)).containsKey(SeedWorld.INST_ACME_LABS),
                "a project's own installation is not offered to it");
    }

    @Test
    void adminWithoutPersonalLinkSeesSiblingsOnlyAndIsNotConnected() {
        AvailableInstallationsDto a = as("admin").availableInstallations(108);
        assertEquals("not_connected", a.personalDiscoveryStatus());
        assertFalse(a.personalGithubConnected());
        assertNull(a.personalGithubLogin());
        assertTrue(a.installations().stream().allMatch(i -> i.sourceTeamId() != null));
        assertTrue(byId(a).containsKey(SeedWorld.INST_ACME));
    }

    @Test
    void memberDoesNotSeeInstallationsOfProjectsHeCannotAccess() {
        Map<String, AvailableInstallationDto> m = byId(as("member").availableInstallations(108));
        assertFalse(m.containsKey(SeedWorld.INST_SECRET_ORPHAN), "only the restricted Secret Lab links it");
        assertTrue(m.containsKey(SeedWorld.INST_ACME));
        AvailableInstallationDto personal = m.get(SeedWorld.INST_CY_PERSONAL);
        assertNotNull(personal, "his personal GitHub account's installation is discovered");
        assertNull(personal.sourceTeamId());
        assertEquals("User", personal.accountType());
        assertEquals("cy-gh", personal.accountName());
    }

    @Test
    void memberWithBrokenGithubTokenGetsDiscoveryUnavailable() {
        AvailableInstallationsDto a = as("member_stale_github").availableInstallations(108);
        assertEquals("unavailable", a.personalDiscoveryStatus());
    }

    @Test
    void githubReposPagesAndSearches() {
        long row = as("owner").githubIntegrations(104).get(0).id();
        GitHubReposPageDto first = as("owner").githubRepos(104, row, null, 10, 0);
        assertEquals(30, first.total(), "as the newest PostHog: every match across all pages (api-notes NI3)");
        assertEquals(10, first.repositories().size());
        assertTrue(first.hasMore());
        GitHubReposPageDto last = as("owner").githubRepos(104, row, null, 10, 20);
        assertEquals(10, last.repositories().size());
        assertFalse(last.hasMore());
        Set<String> all = new HashSet<>();
        for (int off = 0; off < 30; off += 10) {
            as("owner").githubRepos(104, row, null, 10, off).repositories().forEach(r -> all.add(r.fullName()));
        }
        assertEquals(30, all.size(), "pages do not overlap");
        List<GitHubRepoDto> everything = as("owner").githubRepos(104, row, null, 500, 0).repositories();
        assertEquals(30, everything.size());
        assertTrue(everything.stream().anyMatch(r -> Boolean.TRUE.equals(r.isPrivate())));
        assertTrue(everything.stream().anyMatch(r -> Boolean.FALSE.equals(r.isPrivate())));
        assertTrue(everything.stream().allMatch(r -> r.fullName().startsWith("acme-labs/") && r.pushedAt() != null));
        GitHubReposPageDto search = as("owner").githubRepos(104, row, "design", 100, 0);
        assertFalse(search.repositories().isEmpty());
        assertTrue(search.repositories().stream().map(GitHubRepoDto::name).allMatch(n -> n.contains("design")));
        assertFalse(search.hasMore(), "one page holds every match");
    }

    @Test
    void githubReposOfASlackRowIsAValidationError() {
        long slack = 11; // the seeded Slack row of project 101 follows the ten GitHub rows
        ValidationException e = E2e.fails(ValidationException.class, () -> as("owner").githubRepos(101, slack, null, 10, 0));
        assertEquals("github_repos endpoint is only supported for GitHub integrations", e.detail());
    }

    @Test
    void githubReposOfAnUnknownRowIsNotFound() {
        E2e.fails(NotFoundException.class, () -> as("owner").githubRepos(104, 9_999, null, 10, 0));
    }

    @Test
    void discoveryIdThatIsNotAUuidIsAFieldError() {
        ValidationException e = E2e.fails(ValidationException.class,
                () -> as("owner").linkExisting(108, LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME, "not-a-uuid")));
        assertEquals("discovery_id", e.attr());
        assertTrue(e.userMessage().contains("field discovery_id"), e.userMessage());
    }

    @Test
    void currentKeyListsTheScopesOfEachRole() {
        PersonalApiKeyDto owner = as("owner").currentKey();
        assertEquals(List.of("*"), owner.scopes());
        assertTrue(ScopeCheck.check(owner.scopes()).allRequiredPresent());
        // As in PostHog, a key limited to projects cannot read itself: the keys view is not project-based.
        PermissionException scoped = E2e.fails(PermissionException.class, () -> as("project_scoped").currentKey());
        assertEquals("API keys with scoped projects are only supported on project-based endpoints.", scoped.detail());
        PersonalApiKeyDto orgScoped = as("org_scoped").currentKey();
        assertEquals(List.of(SeedWorld.STARK_ORG), orgScoped.scopedOrganizations());
        PersonalApiKeyDto readonly = as("readonly").currentKey();
        assertFalse(readonly.scopes().contains("integration:write"));
        ScopeCheck.Report report = ScopeCheck.check(readonly.scopes());
        assertTrue(report.readOnly(), "the read-only key cannot link");
        assertFalse(report.has(ScopeCheck.Needed.INTEGRATION_WRITE));
        assertTrue(report.has(ScopeCheck.Needed.INTEGRATION_READ));
        assertTrue(report.messages().stream().anyMatch(s -> s.startsWith("integration:write is missing")));
        assertFalse(readonly.toString().contains(e2e.server.key("readonly")));
    }

    @Test
    void unknownKeyIsAnAuthenticationFailure() {
        PostHogClient stranger = e2e.builder("phx_not_a_sandbox_key_0000000000000000").rateLimiter(RateLimiter.unlimited()).build();
        AuthenticationException e = E2e.fails(AuthenticationException.class, stranger::me);
        assertEquals(401, e.status());
        assertEquals("authentication_failed", e.code());
        assertFalse(e.getMessage().contains("phx_not_a_sandbox_key"));
    }

    @Test
    void projectScopedKeyOnAnotherProjectIsRefusedNamingTheReason() {
        assertEquals(1, as("project_scoped").githubIntegrations(102).size());
        PermissionException e = E2e.fails(PermissionException.class, () -> as("project_scoped").githubIntegrations(101));
        assertEquals(PermissionException.Reason.PROJECT_NOT_IN_KEY, e.reason());
        assertEquals("permission_denied", e.code());
        assertTrue(e.detail().contains("ID 101"), e.detail());
    }

    @Test
    void readOnlyKeyLinkingIsRefusedForTheMissingWriteScope() {
        PermissionException e = E2e.fails(PermissionException.class,
                () -> as("readonly").linkExisting(108, LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME, null)));
        assertEquals(PermissionException.Reason.MISSING_SCOPE, e.reason());
        assertEquals("integration:write", e.missingScope());
        assertTrue(as("owner").githubIntegrations(108).isEmpty(), "nothing was linked");
    }

    @Test
    void memberKeyInAnOrganizationThatBansPersonalKeysIsRefused() {
        PermissionException e = E2e.fails(PermissionException.class, () -> as("member").githubIntegrations(201));
        assertEquals(PermissionException.Reason.PERSONAL_KEYS_DISABLED, e.reason());
        assertTrue(e.detail().startsWith("Organization 'Globex Labs' does not allow using personal API keys."), e.detail());
    }

    @Test
    void invalidInstallationIdsAreValidationErrorsWithPostHogsCode() {
        for (String bad : List.of("0123", "123456789012345678901", "12a")) {
            ValidationException e = E2e.fails(ValidationException.class,
                    () -> as("owner").linkExisting(108, LinkExistingRequest.ofInstallation(bad, null)));
            assertEquals("invalid_input", e.code(), bad);
            assertEquals("Invalid installation_id", e.detail(), bad);
            assertEquals(400, e.status());
        }
        assertTrue(as("owner").githubIntegrations(108).isEmpty());
    }

    @Test
    void keyNeverAppearsInTheClientsText() {
        String key = e2e.server.key("owner");
        assertFalse(as("owner").toString().contains(key));
        assertFalse(ApiKey.of(key).toString().contains(key));
    }
}
