package dev.hoglink.service.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.model.Project;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Environments grouped under their project from an organization as PostHog's OrganizationSerializer shows it
 * ({@code fixtures/posthog/organization-two-environments.json}: project 2 holds teams 2 "Production" and 7
 * "Staging", project 9 one team), read over HTTP on loopback by the real client (docs/api-notes.md N13, NI1).
 */
class EnvironmentsShapesTest {

    private static final String ORG = "0178a3ab-d163-0000-4b55-bceadebb03fa";
    private HttpServer server;
    private PostHogClient client;

    @BeforeEach
    void serve() throws Exception {
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/posthog/organization-two-environments.json")) {
            body = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/organizations/" + ORG + "/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        client = PostHogClient.builder("http://127.0.0.1:" + server.getAddress().getPort(),
                        ApiKey.of("phx_testKey0123456789abcdefABCDEF"))
                .retryPolicy(RetryPolicy.none()).rateLimiter(RateLimiter.unlimited()).build();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aSecondEnvironmentBecomesARowUnderItsProject() {
        OrganizationDto org = client.organization(ORG);
        List<Project> rows = Environments.allTeams(org.projects(), org.teams(), ORG);
        assertEquals(List.of(2L, 7L, 9L), rows.stream().map(Project::id).toList());
        Project staging = rows.get(1);
        assertEquals(Long.valueOf(2L), staging.parentId(), "the staging team sits under project 2");
        assertEquals("Staging", staging.environment());
        assertEquals(null, rows.get(0).parentId(), "the project's own team is the project row");
        assertEquals("Hogflix Demo App", rows.get(0).name());
        assertEquals("Hogflix Marketing", rows.get(2).name());
    }

    @Test
    void theProjectsListLeavesOnlyTheSecondEnvironmentOver() {
        OrganizationDto org = client.organization(ORG);
        List<Project> projects = List.of(new Project(2, "Hogflix Demo App", ORG, null),
                new Project(9, "Hogflix Marketing", ORG, null));
        List<Project> extra = Environments.extraTeams(projects, org.projects(), org.teams(), ORG);
        assertEquals(List.of(7L), extra.stream().map(Project::id).toList());
        assertEquals(Long.valueOf(2L), extra.get(0).parentId());
        assertEquals("Staging", extra.get(0).environment());
    }
}
