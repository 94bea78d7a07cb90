package dev.hoglink.sandbox;

import static dev.hoglink.sandbox.SandboxContractTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An environment that is not its project's main team (Stark Web Staging, 402, of Stark Web, 401), as PostHog answers
 * it (docs/api-notes.md NM2): its team id is no project's id, so {@code GET /api/projects/402/} is ProjectViewSet's
 * bare 404; its own detail is {@code GET /api/environments/402/}; and the level there, which the integration views
 * of team 402 gate on, comes from the environment's own rules, not its project's.
 */
class SandboxEnvironmentLevelTest {

    static final String NOT_FOUND = "{\"type\":\"invalid_request\",\"code\":\"not_found\",\"detail\":\"Not found.\","
            + "\"attr\":null}";

    SandboxServer server;
    SandboxHttp http;
    String fay;
    String cy;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxOptions.defaults());
        http = new SandboxHttp(server.baseUri());
        fay = server.key("stark_owner");
        cy = server.key("member");
        // Cy joins Stark as a member; Stark turns project access control on: Stark Web is closed but to Cy (member),
        // its other teams, Stark Web Staging among them, get the default rule "member"
        server.addMembership(SeedWorld.STARK_ORG, SeedWorld.CY, World.LEVEL_MEMBER);
        server.restrictTeam(SeedWorld.STARK_WEB, Map.of(SeedWorld.CY, World.LEVEL_MEMBER));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static void assertNotFound(SandboxHttp.Res r) throws IOException {
        assertEquals(404, r.status(), r.raw());
        assertEquals(new ObjectMapper().readTree(NOT_FOUND), r.json(), "drf-exceptions-hog's NotFound, exactly");
    }

    @Test
    void anEnvironmentsTeamIdIsNoProjectIdSoTheProjectDetailIsNotFound() throws IOException {
        assertNotFound(http.get("/api/projects/" + SeedWorld.STARK_WEB_STAGING + "/", fay));
        assertNotFound(http.get("/api/projects/" + SeedWorld.STARK_WEB_STAGING + "/", cy));
        assertNotFound(http.get("/api/organizations/" + SeedWorld.STARK_ORG + "/projects/"
                + SeedWorld.STARK_WEB_STAGING + "/", fay));
        assertNotFound(http.get("/api/projects/999999/", fay));
        assertNotFound(http.get("/api/environments/999999/", fay));
        assertError(http.get("/api/projects/abc/", fay), 400, "validation_error", "invalid_input",
                "Field 'id' expected a number but got 'abc'.");
        assertEquals(200, http.get("/api/projects/" + SeedWorld.STARK_WEB + "/", fay).status(), "the project is found");
        // the team views keep taking any team's id (NH30)
        assertEquals(200, http.get("/api/projects/" + SeedWorld.STARK_WEB_STAGING + "/integrations/", cy).status());
    }

    @Test
    void aProjectTheUserCannotSeeIsNotFoundEither() throws IOException {
        server.restrictTeam(SeedWorld.STARK_WEB, Map.of());
        assertNotFound(http.get("/api/projects/" + SeedWorld.STARK_WEB + "/", cy));
        assertNotFound(http.get("/api/environments/" + SeedWorld.STARK_WEB + "/", cy));
        assertEquals(1, level("/api/environments/" + SeedWorld.STARK_WEB_STAGING + "/", cy), "her environment is");
    }

    @Test
    void theEnvironmentsDetailStatesItsOwnLevelAndProjectIdAsTeamSerializerDoes() throws IOException {
        JsonNode env = http.get("/api/environments/" + SeedWorld.STARK_WEB_STAGING + "/", fay).json();
        assertEquals(SeedWorld.STARK_WEB_STAGING, env.path("id").asInt());
        assertEquals(SeedWorld.STARK_WEB, env.path("project_id").asInt());
        assertEquals(8, env.path("effective_membership_level").asInt(), "an owner reads 8");
        assertEquals(1, level("/api/projects/" + SeedWorld.STARK_WEB + "/", cy));
        assertEquals(1, level("/api/environments/" + SeedWorld.STARK_WEB + "/", cy), "a main team: the project's level");
    }

    @Test
    void theEnvironmentsOwnRulesDecideItsLevelAndItsGatesNotItsProjects() throws IOException {
        int row = http.get("/api/projects/" + SeedWorld.STARK_WEB_STAGING + "/integrations/?kind=github", fay).json()
                .path("results").get(0).path("id").asInt();
        String rowPath = "/api/projects/" + SeedWorld.STARK_WEB_STAGING + "/integrations/" + row + "/";
        assertEquals(1, level("/api/environments/" + SeedWorld.STARK_WEB_STAGING + "/", cy));
        assertEquals(403, http.delete(rowPath, cy).status(), "a member there may not unlink");

        // admin on the environment by a rule of its own, still a member of its project
        server.setMemberAccess(SeedWorld.STARK_WEB_STAGING, SeedWorld.CY, World.ACCESS_ADMIN);
        assertEquals(8, level("/api/environments/" + SeedWorld.STARK_WEB_STAGING + "/", cy));
        assertEquals(1, level("/api/projects/" + SeedWorld.STARK_WEB + "/", cy), "the project's own rules are unchanged");
        assertEquals(204, http.delete(rowPath, cy).status(), "the environment's level decides its unlink");

        // and the other way round: admin of the project, nothing more on the environment
        server.setMemberAccess(SeedWorld.STARK_WEB_STAGING, SeedWorld.CY, null);
        server.setMemberAccess(SeedWorld.STARK_WEB, SeedWorld.CY, World.ACCESS_ADMIN);
        assertEquals(8, level("/api/projects/" + SeedWorld.STARK_WEB + "/", cy));
        assertEquals(1, level("/api/environments/" + SeedWorld.STARK_WEB_STAGING + "/", cy));
    }

    int level(String path, String key) throws IOException {
        SandboxHttp.Res r = http.get(path, key);
        assertEquals(200, r.status(), r.raw());
        return r.json().path("effective_membership_level").asInt();
    }
}
