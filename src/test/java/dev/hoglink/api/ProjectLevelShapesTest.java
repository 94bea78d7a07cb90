package dev.hoglink.api;

import static dev.hoglink.api.FakeApiServer.file;
import static dev.hoglink.api.FakeApiServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hoglink.model.Project;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.inventory.HttpInventoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A user's level on one project, read from the project's detail as PostHog's ProjectSerializer answers it
 * ({@code fixtures/posthog/project-detail-*.json}; docs/api-notes.md NM1): the lists carry no level, so this is the
 * one read that tells a member who is project admin from a plain member.
 */
class ProjectLevelShapesTest {

    private static final String ORG = "018f1a2b-3c4d-7e5f-8a9b-0c1d2e3f4a5b";
    private final FakeApiServer server = new FakeApiServer();
    private final PostHogClient client = ClientFixtures.builder(server.base(), new FakeTime())
            .retryPolicy(RetryPolicy.none()).rateLimiter(RateLimiter.unlimited()).build();
    private final HttpInventoryService inventory = new HttpInventoryService(client);

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void aMemberWhomAProjectRuleMakesAdminReadsEightFromTheProjectsDetail() {
        server.on("GET", "/api/projects/21/", file(200, "posthog/project-detail-project-admin.json"));
        assertEquals(8, client.project(21).effectiveMembershipLevel());
        assertEquals(8, inventory.projectLevel(new Project(21, "Desktop", ORG, null)));
        assertEquals("/api/projects/21/", server.requests().get(0).path());
    }

    @Test
    void aPlainMemberReadsOne() {
        server.on("GET", "/api/projects/8/", file(200, "posthog/project-detail-member.json"));
        assertEquals(1, inventory.projectLevel(new Project(8, "Checkout", ORG, null)));
    }

    @Test
    void noLevelInTheAnswerIsUnknown() {
        server.on("GET", "/api/projects/8/", json(200, "{\"id\": 8, \"name\": \"Checkout\"}"));
        assertNull(inventory.projectLevel(new Project(8, "Checkout", ORG, null)), "absent");
        server.on("GET", "/api/projects/8/", json(200, "{\"id\": 8, \"effective_membership_level\": null}"));
        assertNull(inventory.projectLevel(new Project(8, "Checkout", ORG, null)), "null");
    }

    /**
     * An environment that is not its project's main one is decided by its own rules (NM2): its level is read from its
     * own detail, TeamSerializer's answer, never from its project's (here 1) nor from /api/projects/7/ (a 404).
     */
    @Test
    void anEnvironmentsLevelIsReadFromItsOwnDetailNotItsProjects() {
        server.on("GET", "/api/environments/7/", file(200, "posthog/environment-detail-project-admin.json"));
        server.on("GET", "/api/projects/2/", file(200, "posthog/project-detail-member.json"));
        server.on("GET", "/api/projects/7/", json(404, "{\"type\": \"invalid_request\", \"code\": \"not_found\", "
                + "\"detail\": \"Not found.\", \"attr\": null}"));
        assertEquals(8, client.environment(7).effectiveMembershipLevel());
        assertEquals(8, inventory.projectLevel(new Project(7, "Web / Web Staging", ORG, null, 2L, "Web Staging")));
        assertEquals(java.util.List.of("/api/environments/7/", "/api/environments/7/"),
                server.requests().stream().map(FakeApiServer.Seen::path).toList());
    }

    @Test
    void aRefusedReadIsAFailureNotALevel() {
        server.on("GET", "/api/projects/8/", json(403, "{\"type\": \"authentication_error\", \"code\": "
                + "\"permission_denied\", \"detail\": \"You don't have access to the project.\", \"attr\": null}"));
        assertThrows(ServiceException.class, () -> inventory.projectLevel(new Project(8, "Checkout", ORG, null)));
    }
}
