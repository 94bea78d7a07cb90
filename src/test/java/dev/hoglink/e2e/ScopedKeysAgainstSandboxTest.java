package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.RateLimiter;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.connection.ConnectionService;
import dev.hoglink.service.inventory.HttpInventoryService;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Keys limited to projects or organizations through the connection check and the inventory service
 * (docs/api-notes.md N10, N20): the check names the limit, the inventory lists exactly the reachable projects.
 */
class ScopedKeysAgainstSandboxTest {

    static E2e e2e;

    @BeforeAll
    static void start() {
        e2e = E2e.start();
    }

    @AfterAll
    static void stop() {
        e2e.close();
    }

    private static ConnectionService connections() {
        return new ConnectionService((host, key) -> e2e.builder(key.reveal()).rateLimiter(RateLimiter.unlimited()).build());
    }

    @Test
    void aKeyLimitedToProjectsPassesTheCheckSayingWhichProjectsItReaches() {
        ConnectionService.Result r = connections().test(PostHogHost.parse(e2e.server.baseUri().toString()),
                e2e.server.key("two_projects"));
        ConnectionService.Ok ok = assertInstanceOf(ConnectionService.Ok.class, r);
        String limit = ok.report().limit().orElseThrow();
        assertTrue(limit.startsWith("This API key is limited to 2 projects (Stark Web, Stark API)"), limit);
        assertEquals(List.of("Stark Industries", "Wayne Free"),
                ok.report().organizations().stream().map(Organization::name).toList());
    }

    @Test
    void theInventoryListsExactlyTheProjectsAKeyLimitedToProjectsReachesAndSaysWhy() {
        HttpInventoryService inventory = new HttpInventoryService(e2e.client("two_projects"));
        List<Organization> orgs = inventory.organizations();
        assertEquals(List.of(SeedWorld.STARK_ORG, SeedWorld.WAYNE_ORG), orgs.stream().map(Organization::id).toList());
        List<Project> projects = inventory.projects(SeedWorld.STARK_ORG);
        assertEquals(List.of((long) SeedWorld.STARK_WEB, (long) SeedWorld.STARK_API),
                projects.stream().map(Project::id).toList());
        assertTrue(inventory.limitNote().orElseThrow().contains("limited to 2 projects"));
        assertEquals(1, inventory.githubLinks(SeedWorld.STARK_API).size(), "everything works within them");
    }

    @Test
    void aKeyLimitedToAnOrganizationSaysSoAndSeesItsProjects() {
        ConnectionService.Ok ok = assertInstanceOf(ConnectionService.Ok.class, connections().test(
                PostHogHost.parse(e2e.server.baseUri().toString()), e2e.server.key("org_scoped")));
        assertEquals("This API key is limited to the organization Stark Industries; other organizations are not shown.",
                ok.report().limit().orElseThrow());
        HttpInventoryService inventory = new HttpInventoryService(e2e.client("org_scoped"));
        assertEquals(List.of(401L, 402L, 403L, 404L), // Stark Web's second environment right after it
                inventory.projects(SeedWorld.STARK_ORG).stream().map(Project::id).toList());
        assertTrue(inventory.limitNote().isEmpty());
    }

    @Test
    void everyEnvironmentIsARowNamedAfterItsProjectAndItsGitHubRowCountsInTheAudit() {
        HttpInventoryService inventory = new HttpInventoryService(e2e.client("stark_owner"));
        List<Project> rows = inventory.projects(SeedWorld.STARK_ORG);
        assertEquals(List.of("Stark Web", "Stark Web / Stark Web Staging", "Stark API", "Stark Docs"),
                rows.stream().map(Project::name).toList(), "each project followed by its other environments");
        assertEquals(401L, rows.get(1).parentId());
        assertEquals("Stark Web Staging", rows.get(1).environment());
        assertEquals(1, inventory.githubLinks(SeedWorld.STARK_WEB_STAGING).size(), "the environment's own GitHub row");
        dev.hoglink.service.audit.AuditReport report = new dev.hoglink.service.audit.AuditService(inventory, null, null)
                .audit(e2e.server.baseUri().toString(), new Organization(SeedWorld.STARK_ORG, "Stark Industries",
                        "stark-industries", 15), dev.hoglink.service.audit.AuditService.Progress.NONE);
        dev.hoglink.service.audit.AuditReport.InstallationAudit stark = report.installations().stream()
                .filter(i -> i.installationId().equals(SeedWorld.INST_STARK)).findFirst().orElseThrow();
        assertEquals(List.of((long) SeedWorld.STARK_WEB_STAGING, (long) SeedWorld.STARK_API),
                stark.usages().stream().map(u -> u.projectId()).toList(), "every team that uses it is counted");
    }

    @Test
    void anUnlimitedKeyHasNoLimit() {
        ConnectionService.Ok ok = assertInstanceOf(ConnectionService.Ok.class, connections().test(
                PostHogHost.parse(e2e.server.baseUri().toString()), e2e.server.key("stark_owner")));
        assertTrue(ok.report().limit().isEmpty());
    }
}
