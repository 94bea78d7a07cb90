package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's level on one project as the newest PostHog decides it (posthog/user_permissions.py
 * UserTeamPermissions.effective_membership_level_for_parent_membership; docs/api-notes.md NM1), in the world's own
 * rule and through the API: the project detail's {@code effective_membership_level} and the gates that read it.
 */
class ProjectAccessRulesTest {

    /** The rule itself, on the seeded world and variations of it. */
    @Nested
    class Rule {
        World w = SeedWorld.defaultWorld();

        World.Team team(int id) {
            return w.team(id).orElseThrow();
        }

        @Test
        void organizationAdminsAndOwnersAreProjectAdminsWhateverTheRulesAndAnOwnerReadsEight() {
            assertEquals(World.LEVEL_ADMIN, w.projectLevel(SeedWorld.ADA, team(SeedWorld.ACME_SECRET_LAB)));
            assertEquals(World.LEVEL_ADMIN, w.projectLevel(SeedWorld.BEN, team(SeedWorld.ACME_SECRET_LAB)));
            assertEquals(World.LEVEL_ADMIN, w.projectLevel(SeedWorld.ADA, team(101)), "capped at admin");
            assertEquals(World.LEVEL_ADMIN, w.projectLevel(SeedWorld.FAY, team(SeedWorld.WAYNE_SITE)),
                    "capped at admin in a free-plan organization too");
        }

        @Test
        void aMembersOwnRuleDecidesAloneElseTheProjectsDefault() {
            assertEquals(World.LEVEL_MEMBER, w.projectLevel(SeedWorld.CY, team(101)), "Acme's default rule");
            assertEquals(World.LEVEL_ADMIN, w.projectLevel(SeedWorld.CY, team(SeedWorld.ACME_DESKTOP)));
            assertEquals(World.LEVEL_ADMIN, w.projectLevel(SeedWorld.DEE, team(SeedWorld.ACME_DESKTOP)));
            assertEquals(World.LEVEL_MEMBER, w.projectLevel(SeedWorld.EVE, team(SeedWorld.ACME_DESKTOP)));
            assertEquals(-1, w.projectLevel(SeedWorld.CY, team(SeedWorld.ACME_SECRET_LAB)), "default none");
            assertEquals(World.LEVEL_MEMBER, w.projectLevel(SeedWorld.DEE, team(SeedWorld.ACME_SECRET_LAB)));
            team(101).memberAccess.put(SeedWorld.CY, World.ACCESS_NONE);
            assertEquals(-1, w.projectLevel(SeedWorld.CY, team(101)), "an explicit none is a denial, not a miss");
        }

        @Test
        void aProjectWithoutAnyRuleMakesEveryMemberAnAdmin() {
            team(102).defaultAccess = null;
            assertEquals(World.LEVEL_ADMIN, w.projectLevel(SeedWorld.CY, team(102)),
                    "no access control row in the database: admin by default");
        }

        @Test
        void withoutTheAccessControlFeatureTheRulesDoNotCount() {
            assertEquals(World.LEVEL_MEMBER, w.projectLevel(SeedWorld.CY, team(201)), "Globex has no access_control");
            w.org(SeedWorld.ACME_ORG).orElseThrow().availableFeatures = new ArrayList<>(World.PAID_FEATURES);
            assertEquals(World.LEVEL_MEMBER, w.projectLevel(SeedWorld.CY, team(SeedWorld.ACME_SECRET_LAB)));
            assertEquals(World.LEVEL_MEMBER, w.projectLevel(SeedWorld.DEE, team(SeedWorld.ACME_DESKTOP)));
        }

        @Test
        void notAMemberOfTheOrganizationIsNoAccess() {
            assertEquals(-1, w.projectLevel(SeedWorld.DEE, team(201)));
        }
    }

    /** The same through the sandbox's API. */
    @Nested
    class OverHttp {
        SandboxServer server;
        SandboxHttp http;

        @BeforeEach
        void start() throws IOException {
            server = SandboxServer.start(SandboxOptions.defaults());
            http = new SandboxHttp(server.baseUri());
        }

        @AfterEach
        void stop() {
            server.stop();
        }

        int level(String role, String path) {
            JsonNode n = http.get(path, server.key(role)).json();
            assertTrue(n.has("effective_membership_level"), n.toString());
            return n.path("effective_membership_level").asInt();
        }

        @Test
        void theProjectAndEnvironmentDetailsStateTheLevel() {
            assertEquals(8, level("owner", "/api/projects/101/"), "an owner reads 8, as PostHog caps it");
            assertEquals(8, level("admin", "/api/environments/124/"));
            assertEquals(1, level("member", "/api/projects/101/"));
            assertEquals(8, level("member", "/api/projects/" + SeedWorld.ACME_DESKTOP + "/"));
            assertEquals(8, level("member_unlinked", "/api/environments/" + SeedWorld.ACME_DESKTOP + "/"));
            assertEquals(1, level("member_unlinked", "/api/projects/124/"));
            // ProjectViewSet's queryset holds only projects the user can see: a hidden one is not found (NM2)
            assertEquals(404, http.get("/api/projects/124/", server.key("member")).status());
            assertEquals(1, level("admin", "/api/projects/301/"), "Ben in Hooli (no access_control): his organization level");
        }

        @Test
        void aMemberWhoIsProjectAdminLinksWithoutPersonalGitHubAndUnlinks() {
            String dee = server.key("member_unlinked");
            SandboxHttp.Res refused = http.post("/api/projects/109/integrations/github/link_existing/", dee,
                    "{\"installation_id\":\"" + SeedWorld.INST_ACME + "\"}");
            assertEquals(400, refused.status(), refused.raw());
            assertEquals("github_link_existing_personal_github_required", refused.json().path("code").asText());
            SandboxHttp.Res linked = http.post("/api/projects/" + SeedWorld.ACME_DESKTOP
                    + "/integrations/github/link_existing/", dee, "{\"installation_id\":\"" + SeedWorld.INST_ACME + "\"}");
            assertEquals(200, linked.status(), linked.raw());
            int row = linked.json().path("id").asInt();
            assertEquals(204, http.delete("/api/projects/" + SeedWorld.ACME_DESKTOP + "/integrations/" + row + "/",
                    dee).status(), "deleting needs project admin, which Dee is here");
        }

        @Test
        void aPlainMembersUnlinkIsStillRefused() {
            SandboxHttp.Res r = http.delete("/api/projects/102/integrations/"
                    + githubRowId(102) + "/", server.key("member"));
            assertEquals(403, r.status(), r.raw());
        }

        int githubRowId(int project) {
            return http.get("/api/projects/" + project + "/integrations/?kind=github", server.key("owner")).json()
                    .path("results").get(0).path("id").asInt();
        }
    }

    /** A state file written before the rules: its restricted projects become rules, and nobody's access changes. */
    @Test
    void aVersionTwoStateFilesRestrictedProjectsBecomeRules(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("world.json");
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withStateFile(file))) {
            assertTrue(file.toFile().exists());
        }
        ObjectNode world = (ObjectNode) SandboxHttp.MAPPER.readTree(file.toFile());
        world.put("version", 2);
        for (JsonNode o : world.path("organizations")) {
            if (SeedWorld.ACME_ORG.equals(o.path("id").asText())) {
                ((ObjectNode) o).putNull("availableFeatures");
            }
        }
        for (JsonNode t : world.path("teams")) {
            ObjectNode team = (ObjectNode) t;
            team.remove(List.of("defaultAccess", "memberAccess"));
            team.put("restricted", team.path("id").asInt() == SeedWorld.ACME_SECRET_LAB);
            ObjectNode levels = team.putObject("memberLevels");
            if (team.path("id").asInt() == SeedWorld.ACME_SECRET_LAB) {
                levels.put(String.valueOf(SeedWorld.DEE), 1);
            }
        }
        SandboxHttp.MAPPER.writeValue(file.toFile(), world);
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withStateFile(file))) {
            SandboxHttp h = new SandboxHttp(s.baseUri());
            assertEquals(404, h.get("/api/projects/124/", s.key("member")).status(), "hidden from her");
            assertEquals(1, h.get("/api/projects/124/", s.key("member_unlinked")).json()
                    .path("effective_membership_level").asInt());
            assertEquals(1, h.get("/api/projects/121/", s.key("member")).json().path("effective_membership_level").asInt(),
                    "a member stays a member on the other projects");
            assertEquals(1, h.get("/api/projects/301/", s.key("admin")).json().path("effective_membership_level").asInt(),
                    "Ben, a member of Hooli, which has no restricted project");
            ArrayNode features = (ArrayNode) h.get("/api/organizations/" + SeedWorld.ACME_ORG + "/", s.key("owner"))
                    .json().path("available_product_features");
            assertTrue(features.toString().contains("\"access_control\""), features.toString());
        }
    }
}
