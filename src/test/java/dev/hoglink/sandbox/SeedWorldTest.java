package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seeded world is deterministic, the generator scales, and the sandbox stays independent of the client. */
class SeedWorldTest {

    @Test
    void seedIsDeterministic() throws IOException {
        assertArrayEquals(SandboxState.MAPPER.writeValueAsBytes(SeedWorld.build(120)),
                SandboxState.MAPPER.writeValueAsBytes(SeedWorld.build(120)));
        assertEquals("phx_sandbox_owner_" + SeedWorld.sha256("hoglink-sandbox-key:owner").substring(0, 24),
                SeedWorld.keyValue("owner"));
    }

    @Test
    void defaultWorldHoldsEveryScenario() {
        World w = SeedWorld.defaultWorld();
        assertEquals(5, w.organizations.size());
        assertEquals(41, w.teams.size());
        assertTrue(w.teams.stream().anyMatch(t -> t.projectId() != t.id), "a project with a second environment");
        assertTrue(w.organizations.stream().anyMatch(o -> !o.hasFeature(World.AUDIT_LOGS)), "a free-plan organization");
        assertTrue(w.keys.stream().anyMatch(k -> k.scopedTeams.size() == 2), "a key scoped to two projects");
        assertTrue(w.keys.stream().anyMatch(k -> !k.scopedOrganizations.isEmpty()), "an organization-scoped key");
        assertTrue(w.integrations.stream().anyMatch(i -> w.team(i.teamId).map(t -> t.projectId() != t.id)
                .orElse(false)), "GitHub on a second environment");
        assertTrue(w.installations.stream().anyMatch(i -> !i.available()), "an unavailable installation");
        assertTrue(w.integrations.stream().anyMatch(i -> "TOKEN_REFRESH_FAILED".equals(i.errors)), "a token error");
        assertTrue(w.teams.stream().anyMatch(t -> World.ACCESS_NONE.equals(t.defaultAccess)), "a project closed to members");
        assertTrue(w.teams.stream().anyMatch(t -> t.memberAccess.containsValue(World.ACCESS_ADMIN)),
                "a project where a member is project admin");
    }

    @Test
    void generatorBuildsTwoThousandProjectsOverFiftyInstallations() throws IOException {
        World w = SeedWorld.build(2000);
        long initech = w.teams.stream().filter(t -> t.orgId.equals(SeedWorld.INITECH_ORG)).count();
        assertEquals(2000, initech);
        Set<String> used = new HashSet<>();
        w.integrations.stream().filter(i -> i.teamId > 1000).forEach(i -> used.add(i.installationId().orElseThrow()));
        assertEquals(50, used.size());
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withExtraProjects(2000))) {
            SandboxHttp h = new SandboxHttp(s.baseUri());
            JsonNode page = h.get("/api/organizations/" + SeedWorld.INITECH_ORG + "/projects/?offset=1900", s.key("owner")).json();
            assertEquals(2000, page.path("count").asInt());
            assertEquals(100, page.path("results").size());
            JsonNode found = h.get("/api/projects/1005/integrations/github/available_installations/", s.key("member")).json();
            assertTrue(found.path("installations").size() >= 25, found.path("installations").size() + " installations");
        }
    }

    @Test
    void noSandboxTypeIsNamedLikeATypeOfTheApp() throws Exception {
        Path root = Path.of(SandboxServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/hoglink");
        Set<String> sandbox = new HashSet<>();
        Set<String> app = new HashSet<>();
        try (Stream<Path> files = Files.walk(root)) {
            files.filter(f -> f.toString().endsWith(".class")).forEach(f -> {
                String file = f.getFileName().toString();
                String simple = file.substring(file.lastIndexOf('$') + 1, file.length() - ".class".length());
                if (simple.isEmpty() || Character.isDigit(simple.charAt(0))) {
                    return; // anonymous and local classes
                }
                (f.startsWith(root.resolve("sandbox")) ? sandbox : app).add(simple);
            });
        }
        assertTrue(sandbox.size() > 20 && app.size() > 50, sandbox.size() + " / " + app.size());
        Set<String> shared = new HashSet<>(sandbox);
        shared.retainAll(app);
        assertEquals(Set.of(), shared, "sandbox types named like the app's own");
    }

    @Test
    void sandboxClassesReferenceNeitherTheClientNorJavaFx() throws Exception {
        Path dir = Path.of(SandboxServer.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .resolve("dev/hoglink/sandbox");
        List<Path> classes;
        try (Stream<Path> files = Files.list(dir)) {
            classes = files.filter(f -> f.toString().endsWith(".class")).toList();
        }
        assertTrue(classes.size() > 10, "found the compiled sandbox classes");
        for (Path c : classes) {
            String constants = new String(Files.readAllBytes(c), StandardCharsets.ISO_8859_1);
            assertFalse(constants.contains("dev/hoglink/api/"), c + " refers to the client");
            assertFalse(constants.contains("javafx/"), c + " refers to JavaFX");
        }
    }
}
