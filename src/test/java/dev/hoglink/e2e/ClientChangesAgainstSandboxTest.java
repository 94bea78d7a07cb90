package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.PermissionException;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.ValidationException;
import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.api.dto.OAuthUrlDto;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.oauth.OAuthUrlValidator;
import java.net.URI;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's writes (link, OAuth, delete) and the activity they leave, each test on a fresh sandbox. */
class ClientChangesAgainstSandboxTest {

    E2e e2e;

    @BeforeEach
    void start() {
        e2e = E2e.start();
    }

    @AfterEach
    void stop() {
        e2e.close();
    }

    PostHogClient as(String role) {
        return e2e.client(role);
    }

    ValidationException linkFails(String role, long project, LinkExistingRequest request) {
        ValidationException e = E2e.fails(ValidationException.class, () -> as(role).linkExisting(project, request));
        assertEquals(400, e.status());
        return e;
    }

    List<String> events(long project) {
        return as("owner").integrationActivity(project, 10).stream()
                .map(r -> r.detail().trigger().path("payload").path("event").asText()).toList();
    }

    // ---------------------------------------------------------------- link_existing: source resolution

    @Test
    void linkBySourceProjectCopiesItsInstallationAndMarksBothRowsShared() {
        IntegrationDto row = as("admin").linkExisting(108, LinkExistingRequest.ofSourceProject(104, null, null));
        assertEquals(SeedWorld.INST_ACME_LABS, row.config().installationId());
        assertEquals("github", row.kind());
        assertTrue(row.installationShared());
        assertEquals("connected", row.installationStatus());
        assertEquals("ben@acme.test", row.createdBy().email());
        assertTrue(as("owner").githubIntegrations(104).get(0).installationShared(), "the source row is shared now");
        assertEquals(row.id(), as("owner").githubIntegrations(108).get(0).id());
    }

    @Test
    void linkByInstallationIdFromDiscoveryFindsTheSibling() {
        String discovery = as("member").availableInstallations(109).discoveryId();
        IntegrationDto row = as("member").linkExisting(109, LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME, discovery));
        assertEquals(SeedWorld.INST_ACME, row.config().installationId());
        assertEquals("ada-gh", row.config().connectingUserGithubLogin(), "the source row's GitHub login is kept");
        assertTrue(row.installationShared());
    }

    @Test
    void linkWithNoFieldsPicksTheOrganizationsOnlyInstallation() {
        IntegrationDto row = as("owner").linkExisting(203, new LinkExistingRequest(null, null, null));
        assertEquals(SeedWorld.INST_GLOBEX, row.config().installationId());
        assertTrue(row.installationShared());
    }

    @Test
    void adoptionByAnAdminWhoseGithubSeesTheInstallationSucceeds() {
        IntegrationDto row = as("owner").linkExisting(108,
                LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME_OSS_ADOPTABLE, null));
        assertEquals("acme-oss", row.displayName());
        assertFalse(row.installationShared(), "no other project links it yet");
    }

    @Test
    void reLinkIsIdempotentKeepsTheRowIdAndClearsTheTokenError() {
        IntegrationDto first = as("owner").linkExisting(106, LinkExistingRequest.ofSourceProject(106, null, null));
        IntegrationDto again = as("owner").linkExisting(106, LinkExistingRequest.ofInstallation(SeedWorld.INST_DATA_TOKEN_ERROR, null));
        assertEquals(first.id(), again.id());
        assertEquals("", again.errors());
        assertEquals(1, as("owner").githubIntegrations(106).size());
        IntegrationDto shared1 = as("owner").linkExisting(110, LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME, null));
        IntegrationDto shared2 = as("owner").linkExisting(110, LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME, null));
        assertEquals(shared1.id(), shared2.id());
        assertEquals(1, as("owner").githubIntegrations(110).size());
    }

    // ---------------------------------------------------------------- link_existing: every error of the contract

    @Test
    void sourceProjectOutsideTheOrganizationIsInvalidInput() {
        ValidationException e = linkFails("owner", 108, LinkExistingRequest.ofSourceProject(201, null, null));
        assertEquals("invalid_input", e.code());
        assertEquals("Source team not found in your organization", e.detail());
    }

    @Test
    void sourceProjectWithoutGithubIsInvalidInput() {
        ValidationException e = linkFails("owner", 108, LinkExistingRequest.ofSourceProject(109, null, null));
        assertEquals("invalid_input", e.code());
        assertEquals("Source team does not have a GitHub integration", e.detail());
    }

    @Test
    void sourceRowWithoutInstallationIdIsInvalidInput() {
        ValidationException e = linkFails("owner", 108, LinkExistingRequest.ofSourceProject(107, null, null));
        assertEquals("invalid_input", e.code());
        assertEquals("Source integration is missing installation_id", e.detail());
    }

    @Test
    void severalInstallationsNeedAnInstallationId() {
        ValidationException e = linkFails("owner", 108, new LinkExistingRequest(null, null, null));
        assertEquals("invalid_input", e.code());
        assertEquals("Your organization has multiple GitHub installations; specify which one to link via installation_id",
                e.detail());
    }

    @Test
    void installationLinkedOnlyToAProjectTheMemberCannotSeeIsAnOrphan() {
        ValidationException e = linkFails("member", 108, LinkExistingRequest.ofInstallation(SeedWorld.INST_SECRET_ORPHAN, null));
        assertEquals("github_link_existing_orphan_installation", e.code());
        assertEquals("No team in your organization has this GitHub installation linked", e.detail());
    }

    @Test
    void organizationWithoutAnyInstallationIsAnOrphanToo() {
        ValidationException e = linkFails("owner", 302, new LinkExistingRequest(null, null, null));
        assertEquals("github_link_existing_orphan_installation", e.code());
        assertEquals("No team in your organization has a GitHub installation to link", e.detail());
    }

    @Test
    void memberWithoutPersonalGithubMustConnectItFirst() {
        ValidationException e = linkFails("member_unlinked", 108, LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME, null));
        assertEquals("github_link_existing_personal_github_required", e.code());
        assertTrue(e.detail().startsWith("You must connect your personal GitHub account (via Linked Accounts)"), e.detail());
        assertTrue(e.userMessage().contains("personal GitHub"), e.userMessage());
    }

    @Test
    void memberAdoptingNeedsProjectAdmin() {
        ValidationException e = linkFails("member", 108, LinkExistingRequest.ofInstallation(SeedWorld.INST_CY_PERSONAL, null));
        assertEquals("github_adoption_admin_required", e.code());
        assertTrue(e.detail().startsWith("Linking a GitHub installation that no project has connected yet requires admin access"));
    }

    @Test
    void adminAdoptingAnInstallationHisGithubCannotSeeIsDenied() {
        ValidationException e = linkFails("owner", 108, LinkExistingRequest.ofInstallation(SeedWorld.INST_CY_PERSONAL, null));
        assertEquals("installation_access_denied", e.code());
        assertEquals("You do not have access to this GitHub installation", e.detail());
    }

    @Test
    void brokenPersonalTokenIsNoProof() {
        ValidationException e = linkFails("member_stale_github", 108, LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME, null));
        assertEquals("github_link_existing_personal_github_required", e.code(), "docs/api-notes.md NH32");
    }

    @Test
    void refusedLinksChangeNothingAndAreAuditedAsRejected() {
        linkFails("member", 108, LinkExistingRequest.ofInstallation(SeedWorld.INST_SECRET_ORPHAN, null));
        assertTrue(as("owner").githubIntegrations(108).isEmpty());
        List<ActivityLogEntryDto> rows = as("owner").integrationActivity(108, 5);
        ActivityLogEntryDto rejected = rows.get(0);
        assertEquals("link_rejected", rejected.detail().trigger().path("payload").path("event").asText());
        assertEquals("github_link_existing_orphan_installation",
                rejected.detail().trigger().path("payload").path("rejection_reason").get(0).asText());
        assertEquals("link_started", rows.get(1).detail().trigger().path("payload").path("event").asText());
    }

    // ---------------------------------------------------------------- OAuth

    @Test
    void oauthUrlIsGithubShapedAcceptedBySandboxValidatorAndApprovalCreatesTheIntegration() {
        OAuthUrlDto dto = as("member_unlinked").oauthAuthorize(110, SeedWorld.INST_ACME, "/project/110/settings");
        URI url = URI.create(dto.oauthUrl());
        URI origin = e2e.server.baseUri();
        assertEquals(origin.getScheme() + "://" + origin.getRawAuthority(), url.getScheme() + "://" + url.getRawAuthority());
        assertEquals("/login/oauth/authorize", url.getPath());
        Map<String, String> q = E2e.query(url);
        assertFalse(q.get("client_id").isBlank());
        assertEquals(origin + "/complete/github-link/", q.get("redirect_uri"));
        assertTrue(q.get("state").matches("token=[A-Za-z0-9]{48}"), q.get("state"));

        OAuthUrlValidator.Result sandbox = new OAuthUrlValidator(origin, Set.of(), Optional.of(origin)).validate(dto.oauthUrl());
        assertTrue(sandbox.accepted(), sandbox.toString());
        assertFalse(new OAuthUrlValidator(origin, Set.of(), Optional.empty()).validate(dto.oauthUrl()).accepted(),
                "outside sandbox mode a loopback authorize page is refused");

        URI landing = e2e.approve(dto.oauthUrl(), "approve");
        assertEquals("/project/110/settings", landing.getPath());
        Map<String, String> done = E2e.query(landing);
        assertEquals(SeedWorld.INST_ACME, done.get("installation_id"));
        long id = Long.parseLong(done.get("integration_id"));

        List<IntegrationDto> rows = as("member_unlinked").githubIntegrations(110);
        assertEquals(1, rows.size());
        IntegrationDto row = rows.get(0);
        assertEquals(id, row.id());
        assertEquals("dee-gh", row.config().connectingUserGithubLogin());
        assertEquals("dee@acme.test", row.createdBy().email());
        assertTrue(row.installationShared());
        assertFalse(events(110).contains("created"), "PostHog's OAuth return writes no activity row (api-notes NL2)");
        assertEquals("ok", as("member_unlinked").availableInstallations(111).personalDiscoveryStatus());
    }

    @Test
    void oauthUrlOlderThanFifteenMinutesOrReplacedByANewerOneIsRefused() {
        String old = as("member").oauthAuthorize(110, SeedWorld.INST_ACME, null).oauthUrl();
        e2e.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
        assertEquals("invalid_state", E2e.query(e2e.approve(old, "approve")).get("github_setup_error"));
        String older = as("member").oauthAuthorize(110, SeedWorld.INST_ACME, null).oauthUrl();
        String newer = as("member").oauthAuthorize(111, SeedWorld.INST_ACME, null).oauthUrl();
        assertEquals("invalid_state", E2e.query(e2e.approve(older, "approve")).get("github_setup_error"));
        assertTrue(E2e.query(e2e.approve(newer, "approve")).containsKey("integration_id"));
        assertTrue(as("member").githubIntegrations(110).isEmpty());
        assertEquals(1, as("member").githubIntegrations(111).size());
    }

    @Test
    void deniedOauthCreatesNothing() {
        OAuthUrlDto dto = as("member").oauthAuthorize(110, SeedWorld.INST_ACME, "/project/110/x");
        URI landing = e2e.approve(dto.oauthUrl(), "deny");
        assertEquals("access_denied", E2e.query(landing).get("github_link_error"));
        assertTrue(as("member").githubIntegrations(110).isEmpty());
    }

    @Test
    void oauthAuthorizeRefusesAnInvalidInstallationIdAndAForeignNext() {
        ValidationException bad = E2e.fails(ValidationException.class, () -> as("member").oauthAuthorize(110, "007", null));
        assertEquals("Invalid installation_id", bad.detail());
        E2e.fails(ValidationException.class, () -> as("member").oauthAuthorize(110, SeedWorld.INST_ACME, "https://evil.test/"));
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deletingOneOfSeveralReferencesKeepsTheInstallation() {
        long row102 = as("owner").githubIntegrations(102).get(0).id();
        as("owner").deleteIntegration(102, row102);
        assertTrue(as("owner").githubIntegrations(102).isEmpty());
        IntegrationDto web = as("owner").githubIntegrations(101).get(0);
        assertEquals("connected", web.installationStatus());
        assertTrue(web.installationShared(), "101 and 103 still share it");
        assertEquals(List.of("deleted", "uninstall_completed", "disconnect_started"), events(102).subList(0, 3));
        assertEquals("skipped", as("owner").integrationActivity(102, 1).get(1).detail().trigger().path("payload")
                .path("outcome").asText());
    }

    @Test
    void deletingTheLastReferenceUninstallsTheApp() {
        long row = as("owner").githubIntegrations(124).get(0).id();
        as("owner").deleteIntegration(124, row);
        List<ActivityLogEntryDto> log = as("owner").integrationActivity(124, 1);
        assertEquals("uninstalled", log.get(1).detail().trigger().path("payload").path("outcome").asText());
        assertTrue(log.get(2).detail().trigger().path("payload").path("last_reference").asBoolean());
        E2e.fails(ValidationException.class,
                () -> as("owner").linkExisting(108, LinkExistingRequest.ofInstallation(SeedWorld.INST_SECRET_ORPHAN, null)));
    }

    @Test
    void deletingARowInUseIsRefusedWithTheSandboxsText() {
        long labs = as("owner").githubIntegrations(104).get(0).id();
        ValidationException e = E2e.fails(ValidationException.class, () -> as("owner").deleteIntegration(104, labs));
        assertEquals("This integration is used by active workflows: Deploy digest, PR triage. Update them to use a "
                + "different integration before disconnecting it.", e.detail());
        long data = as("owner").githubIntegrations(106).get(0).id();
        e = E2e.fails(ValidationException.class, () -> as("owner").deleteIntegration(106, data));
        assertTrue(e.detail().contains("batch exports: Nightly S3 export"), e.detail());
        long globexWeb = as("owner").githubIntegrations(201).get(0).id();
        e = E2e.fails(ValidationException.class, () -> as("owner").deleteIntegration(201, globexWeb));
        assertEquals("This GitHub integration is being used by 2 in-progress background agent runs. Wait for them to "
                + "finish or cancel them before disconnecting it.", e.detail());
        assertEquals(1, as("owner").githubIntegrations(104).size(), "nothing was deleted");
    }

    @Test
    void memberCannotDelete() {
        long row = as("owner").githubIntegrations(101).get(0).id();
        PermissionException e = E2e.fails(PermissionException.class, () -> as("member").deleteIntegration(101, row));
        assertEquals(PermissionException.Reason.OTHER, e.reason());
    }

    // ---------------------------------------------------------------- activity log

    /**
     * api-notes NL3, NF6: removing the last project's row of an installation removes its personal GitHub links, and
     * PostHog audits each with GitHubAudit.personal, an organization-level row (team_id null) that only the logs of
     * teams receiving organization-level activity list. The audit's history shows each once, for the organization,
     * with whose link it was, though two projects' logs hold it; a project that does not receive them lists none.
     */
    @Test
    void personalLinksRemovedWithTheLastRowAreOrganizationLinesOfTheHistory() {
        e2e.server.receiveOrgLevelActivityLogs(102, true); // Acme Web (101) receives them in the seed
        for (long p : List.of(103L, 102L, 101L)) {
            as("owner").deleteIntegration(p, as("owner").githubIntegrations(p).get(0).id());
        }
        List<ActivityLogEntryDto> web = as("owner").integrationActivity(101, 10);
        List<ActivityLogEntryDto> removed = web.stream().filter(r -> "credential_deleted"
                .equals(r.detail().trigger().path("payload").path("event").asText())).toList();
        assertEquals(3, removed.size(), "Ada's, Cy's and Eve's links of acme");
        assertTrue(removed.stream().allMatch(ActivityLogEntryDto::organizationLevel), "team_id null");
        assertEquals(0, as("owner").integrationActivity(103, 10).stream().filter(r -> "credential_deleted"
                .equals(r.detail().trigger().path("payload").path("event").asText())).count(),
                "a project that does not receive organization-level rows");

        dev.hoglink.service.audit.AuditReport report = new dev.hoglink.service.audit.AuditService(
                new dev.hoglink.service.inventory.HttpInventoryService(as("owner")), as("owner"), null)
                .audit(e2e.server.baseUri().toString(), new dev.hoglink.model.Organization(SeedWorld.ACME_ORG,
                        "Acme", "acme", 15), dev.hoglink.service.audit.AuditService.Progress.NONE);
        List<dev.hoglink.service.audit.AuditReport.HistoryEntry> lines = report.history().stream()
                .filter(h -> h.event().equals("credential_deleted")).toList();
        assertEquals(3, lines.size(), "one line per row, not per log: " + lines);
        for (dev.hoglink.service.audit.AuditReport.HistoryEntry h : lines) {
            assertEquals(null, h.projectId(), h.toString());
            assertEquals("Organization (all projects)", h.projectName());
            assertEquals(SeedWorld.INST_ACME, h.installationId());
            assertTrue(h.detail().contains("the last project using the installation was disconnected"), h.detail());
        }
        assertEquals(Set.of("ada-gh", "cy-gh", "eve-gh"), lines.stream()
                .map(h -> h.detail().replaceAll(".*GitHub login ([a-z-]+).*", "$1")).collect(Collectors.toSet()));
    }

    @Test
    void activityFollowsTheCursorNewestFirstAndShowsLinkUnlinkAndOauth() {
        // 55 refused links (link_started, link_rejected each); discovery is in PostHog's server log only (NL3).
        for (int i = 0; i < 55; i++) {
            E2e.fails(ValidationException.class, () -> as("owner").linkExisting(108,
                    LinkExistingRequest.ofInstallation("not-an-installation", null)));
            as("owner").availableInstallations(108);
        }
        IntegrationDto linked = as("owner").linkExisting(108, LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME, null));
        List<ActivityLogEntryDto> firstPage = as("owner").integrationActivity(108, 1);
        assertEquals(100, firstPage.size());
        List<ActivityLogEntryDto> all = as("owner").integrationActivity(108, 10);
        assertEquals(112, all.size(), "55 refused links of two rows each, link_started, link_completed");
        Set<String> ids = all.stream().map(ActivityLogEntryDto::id).collect(Collectors.toCollection(HashSet::new));
        assertEquals(all.size(), ids.size(), "no row twice across pages");
        for (int i = 1; i < all.size(); i++) {
            assertFalse(all.get(i).createdAt().isAfter(all.get(i - 1).createdAt()), "newest first");
        }
        ActivityLogEntryDto done = all.get(0);
        assertEquals("Integration", done.scope());
        assertEquals("link_completed", done.detail().trigger().path("payload").path("event").asText());
        assertEquals(linked.id(), done.detail().trigger().path("payload").path("linked_integration_id").asLong());
        assertEquals("None", done.itemId(), "the link endpoint's audit names no integration (api-notes NL2)");
        assertEquals("ada@acme.test", done.user().email());

        as("owner").deleteIntegration(108, linked.id());
        assertEquals("deleted", events(108).get(0));
        assertEquals(0, all.stream().filter(r -> "discovery_completed"
                .equals(r.detail().trigger().path("payload").path("event").asText())).count(),
                "55 discoveries, none in the activity log");
    }
}
