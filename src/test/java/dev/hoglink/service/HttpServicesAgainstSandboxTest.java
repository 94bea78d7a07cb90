package dev.hoglink.service;

import dev.hoglink.service.connection.ConnectionFailure;
import dev.hoglink.service.connection.ConnectionService;
import dev.hoglink.service.connection.ScopeCheck;
import dev.hoglink.service.inventory.HttpInventoryService;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The HTTP-backed inventory and the connection test, over the real client and the real sandbox. */
class HttpServicesAgainstSandboxTest {

    private static SandboxServer sandbox;
    private static PostHogHost host;

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        host = PostHogHost.parse(sandbox.baseUri().toString());
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    private static HttpInventoryService inventory(String role) {
        return new HttpInventoryService(PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key(role)))
                .rateLimiter(RateLimiter.unlimited()).build());
    }

    private static ConnectionService connections() {
        return new ConnectionService((h, key) -> PostHogClient.builder(h.url(), key).build());
    }

    @Test
    void organizationsCarryTheCallersLevel() {
        List<Organization> orgs = inventory("owner").organizations();
        Organization acme = orgs.stream().filter(o -> o.id().equals(SeedWorld.ACME_ORG)).findFirst().orElseThrow();
        assertEquals(Organization.OWNER, acme.membershipLevel());
        assertTrue(orgs.stream().anyMatch(o -> o.id().equals(SeedWorld.GLOBEX_ORG) && o.membershipLevel() == Organization.ADMIN));
    }

    @Test
    void projectsOfAnOrganizationAllArriveWithTheirOrganization() {
        List<Project> projects = inventory("owner").projects(SeedWorld.ACME_ORG);
        assertEquals(24, projects.size());
        assertTrue(projects.stream().allMatch(p -> p.organizationId().equals(SeedWorld.ACME_ORG)));
    }

    @Test
    void linksMapPostHogsRowStatesToDomainStates() {
        HttpInventoryService s = inventory("owner");
        GitHubLink shared = s.githubLinks(101).get(0);
        assertEquals(SeedWorld.INST_ACME, shared.installationId());
        assertEquals(LinkStatus.CONNECTED, shared.status());
        assertTrue(shared.shared());
        assertEquals(AccountType.ORGANIZATION, shared.accountType());
        assertEquals("acme", shared.accountName());
        assertEquals(LinkStatus.UNAVAILABLE, s.githubLinks(105).get(0).status());
        GitHubLink tokenError = s.githubLinks(106).get(0);
        assertEquals(LinkStatus.TOKEN_ERROR, tokenError.status());
        assertEquals("TOKEN_REFRESH_FAILED", tokenError.errors());
        assertFalse(s.githubLinks(104).get(0).shared());
        assertTrue(s.githubLinks(110).isEmpty());
    }

    @Test
    void availableInstallationsNameTheirSourceProject() {
        var available = inventory("owner").availableInstallations(110);
        var acme = available.installations().stream().filter(i -> i.installationId().equals(SeedWorld.INST_ACME))
                .findFirst().orElseThrow();
        assertEquals(101L, acme.sourceProjectId());
        assertEquals(available.discoveryId(), acme.discoveryId());
        assertTrue(available.installations().stream().anyMatch(i -> i.fromPersonalAccount()));
    }

    @Test
    void repositoriesPageAndSearch() {
        HttpInventoryService s = inventory("owner");
        long integration = s.githubLinks(101).get(0).integrationId();
        var page = s.repositories(101, integration, null, 0, 5);
        assertEquals(5, page.repositories().size());
        assertTrue(page.hasMore());
        var found = s.repositories(101, integration, page.repositories().get(0).name(), 0, 50);
        assertTrue(found.total() >= 1);
    }

    @Test
    void failuresBecomeServiceExceptionsThatKeepTheirMeaning() {
        ServiceException auth = assertThrows(ServiceException.class,
                () -> new HttpInventoryService(PostHogClient.builder(sandbox.baseUri().toString(),
                        ApiKey.of("phx_not_a_real_key_000000000000")).build()).organizations());
        assertEquals(ServiceException.Kind.AUTH, auth.kind());
        ServiceException scoped = assertThrows(ServiceException.class, () -> inventory("project_scoped").githubLinks(101));
        assertEquals(ServiceException.Kind.PERMISSION, scoped.kind());
        assertFalse(scoped.userMessage().contains("phx_"), scoped.userMessage());
    }

    @Test
    void connectionTestReportsUserOrganizationsAndFullScopes() {
        ConnectionService.Result r = connections().test(host, ApiKey.of(sandbox.key("owner")));
        ConnectionService.Ok ok = (ConnectionService.Ok) r;
        assertTrue(ok.report().email().contains("@"), ok.report().email());
        assertTrue(ok.report().organizations().size() >= 3);
        assertTrue(ok.report().scopes().orElseThrow().allRequiredPresent());
        assertTrue(ok.report().canWrite());
    }

    @Test
    void connectionTestOfTheReadOnlyKeySaysLinkingIsDisabled() {
        ConnectionService.Ok ok = (ConnectionService.Ok) connections().test(host, ApiKey.of(sandbox.key("readonly")));
        ScopeCheck.Report scopes = ok.report().scopes().orElseThrow();
        assertTrue(scopes.readOnly());
        assertFalse(ok.report().canWrite());
        assertTrue(String.join(" ", scopes.messages()).contains("linking"), scopes.messages().toString());
    }

    /**
     * Globex Labs does not let members use personal API keys: PostHog lists it to the read-only member's key, then
     * refuses it the projects. The test's report says so for Globex only, with the window's own words.
     */
    @Test
    void connectionTestSaysWhichOrganizationsProjectsTheKeyCannotRead() {
        ConnectionService.Ok ok = (ConnectionService.Ok) connections().test(host, ApiKey.of(sandbox.key("readonly")));
        java.util.Map<String, String> names = new java.util.HashMap<>();
        ok.report().organizations().forEach(o -> names.put(o.id(), o.name()));
        assertTrue(names.containsValue("Globex Labs"), names.toString());
        assertEquals(java.util.List.of("Globex Labs"),
                ok.report().unreadable().keySet().stream().map(names::get).toList());
        assertEquals("This organization does not let members use personal API keys. Ask an organization admin to "
                + "allow them, or to do this for you.", ok.report().unreadable().values().iterator().next());
        ConnectionService.Ok owner = (ConnectionService.Ok) connections().test(host, ApiKey.of(sandbox.key("owner")));
        assertEquals(java.util.Map.of(), owner.report().unreadable(), "an owner's key reads every organization");
    }

    @Test
    void connectionTestOfABadKeyExplainsWithoutLeakingIt() {
        String canary = "phx_CANARYconnection0000000000";
        ConnectionService.Failed failed = (ConnectionService.Failed) connections().test(host, ApiKey.of(canary));
        assertEquals(ConnectionFailure.INVALID_KEY, failed.problem().failure());
        assertFalse(failed.message().text().contains("CANARY"), failed.message().text());
    }

    @Test
    void connectionTestOfAHostThatIsNotPostHogSaysSo() throws IOException {
        var server = com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            byte[] html = "<html><body>Welcome to nginx</body></html>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "text/html");
            ex.sendResponseHeaders(200, html.length);
            ex.getResponseBody().write(html);
            ex.close();
        });
        server.start();
        try {
            PostHogHost other = PostHogHost.parse("http://127.0.0.1:" + server.getAddress().getPort());
            ConnectionService.Failed failed = (ConnectionService.Failed) connections().test(other, ApiKey.of(sandbox.key("owner")));
            assertEquals(ConnectionFailure.NOT_POSTHOG, failed.problem().failure());
        } finally {
            server.stop(0);
        }
    }

    @Test
    void connectionTestOfAClosedPortSaysUnreachable() throws IOException {
        int port;
        try (var s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PostHogHost closed = PostHogHost.parse("http://127.0.0.1:" + port);
        ConnectionService.Failed failed = (ConnectionService.Failed) connections().test(closed, ApiKey.of(sandbox.key("owner")));
        assertEquals(ConnectionFailure.UNREACHABLE, failed.problem().failure());
    }
}
