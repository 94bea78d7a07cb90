package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seeded world's activity log holds what PostHog wrote for its past (docs/api-notes.md NL1): every link that
 * reused an installation, at the row's created_at, by its created_by; two refusals; one earlier disconnect. Nothing
 * in it contradicts the rows, and the plan's window decides what is listed.
 */
class SeededActivityLogTest {

    @TempDir
    Path dir;

    private static String event(World.ActivityRow r) {
        return r.detail.path("trigger").path("payload").path("event").asText();
    }

    private static List<World.ActivityRow> rowsOf(World w, int team) {
        return w.activity.stream().filter(r -> Integer.valueOf(team).equals(r.teamId)).toList();
    }

    @Test
    void everyRowThatReusedAnInstallationWasLinkedAtItsCreationByItsCreator() {
        World w = SeedWorld.defaultWorld();
        Set<String> firstOfInstallation = new HashSet<>();
        List<World.Integration> github = w.integrations.stream()
                .filter(i -> "github".equals(i.kind) && i.installationId().isPresent())
                .sorted(java.util.Comparator.comparing((World.Integration i) -> Instant.parse(i.createdAt)))
                .toList();
        int reused = 0;
        for (World.Integration row : github) {
            String org = w.team(row.teamId).orElseThrow().orgId;
            List<World.ActivityRow> completed = rowsOf(w, row.teamId).stream()
                    .filter(r -> "link_completed".equals(event(r))).toList();
            if (firstOfInstallation.add(org + "/" + row.installationId().get())) {
                assertTrue(completed.isEmpty(), "the install callback that made row " + row.id + " writes no row");
                continue;
            }
            reused++;
            assertEquals(1, completed.size(), "project " + row.teamId);
            World.ActivityRow done = completed.get(0);
            World.ActivityRow started = rowsOf(w, row.teamId).stream()
                    .filter(r -> "link_started".equals(event(r))).findFirst().orElseThrow();
            for (World.ActivityRow r : List.of(started, done)) {
                assertEquals(Instant.parse(row.createdAt), Instant.parse(r.createdAt), "project " + row.teamId);
                assertEquals(row.createdById, r.userId, "project " + row.teamId);
                assertEquals(org, r.organizationId);
                assertEquals(row.installationId().get(),
                        r.detail.path("trigger").path("payload").path("installation_id").asText());
                assertEquals("github_diagnostic", r.activity);
                assertEquals("Integration", r.scope);
            }
            // As the newest PostHog writes a link (NL2): the audit names no integration nor owner.
            JsonNode payload = done.detail.path("trigger").path("payload");
            assertTrue(payload.path("integration_id").isNull(), payload.toString());
            assertTrue(payload.path("installation_owner").isNull(), payload.toString());
            assertEquals(row.id, payload.path("linked_integration_id").asInt());
            assertEquals("None", done.itemId);
            assertEquals("GitHub", done.detail.path("name").asText());
            assertTrue(started.id.compareTo(done.id) < 0, "of one instant the start has the smaller id (NK1)");
        }
        assertEquals(4, reused, "Acme Mobile and API, Globex iOS, Stark API");
    }

    @Test
    void theRefusalsAndTheDisconnectAgreeWithTheRowsAsTheyAreNow() {
        World w = SeedWorld.defaultWorld();
        List<World.ActivityRow> sales = rowsOf(w, SeedWorld.GLOBEX_SALES);
        assertEquals(List.of("link_started", "link_completed", "disconnect_started", "uninstall_completed", "deleted"),
                sales.stream().map(SeededActivityLogTest::event).toList());
        int salesRow = sales.get(1).detail.path("trigger").path("payload").path("linked_integration_id").asInt();
        assertTrue(w.integration(salesRow).isEmpty(), "the disconnected row is gone");
        assertTrue(w.integrations.stream().noneMatch(i -> i.teamId == SeedWorld.GLOBEX_SALES), "Sales has no row now");
        assertTrue(w.integrations.stream().allMatch(i -> i.id < salesRow),
                "made after every seeded row, so its id is greater than theirs");
        assertEquals(SeedWorld.CY, sales.get(1).userId);
        assertEquals(SeedWorld.ADA, sales.get(4).userId);
        assertFalse(sales.get(2).detail.path("trigger").path("payload").path("last_reference").asBoolean(true));
        assertTrue(w.integrations.stream().filter(i -> i.githubRowOf(SeedWorld.INST_GLOBEX)).count() >= 2,
                "other projects still use globex, so it was not uninstalled");
        assertEquals("active", w.installation(SeedWorld.INST_GLOBEX).orElseThrow().status);
        Instant linked = Instant.parse(sales.get(1).createdAt);
        assertTrue(Instant.parse(sales.get(2).createdAt).isAfter(linked));

        World.ActivityRow dee = rowsOf(w, SeedWorld.ACME_CHECKOUT).get(1);
        assertEquals("link_rejected", event(dee));
        assertEquals("github_link_existing_personal_github_required",
                dee.detail.path("trigger").path("payload").path("rejection_reason").get(0).asText());
        assertTrue(w.personalLinks.stream().noneMatch(p -> p.userId == SeedWorld.DEE), "Dee has no personal link");
        assertTrue(w.integrations.stream().noneMatch(i -> i.teamId == SeedWorld.ACME_CHECKOUT));

        World.ActivityRow cy = rowsOf(w, SeedWorld.GLOBEX_RESEARCH).get(1);
        assertEquals("github_adoption_admin_required",
                cy.detail.path("trigger").path("payload").path("rejection_reason").get(0).asText());
        assertTrue(w.integrations.stream().noneMatch(i -> i.githubRowOf(SeedWorld.INST_CY_PERSONAL)),
                "no project uses cy-gh, so linking it was an adoption");

        for (World.ActivityRow r : w.activity) {
            assertTrue(w.team(r.teamId).isPresent());
            assertTrue(w.user(r.userId).isPresent());
            assertFalse(Instant.parse(r.createdAt).isBefore(SeedWorld.EPOCH), r.createdAt);
            assertTrue(Instant.parse(r.createdAt).isBefore(SeedWorld.EPOCH.plus(Duration.ofDays(6))), r.createdAt);
        }
        assertEquals(w.activity.size() + 1, w.nextActivitySeq);
    }

    /** The seeded rows have the shape of the rows the sandbox writes when someone links and unlinks now. */
    @Test
    void seededRowsReadAsTheRowsTheSandboxWritesWhenSomeoneLinksAndUnlinksNow() throws IOException {
        SandboxClock clock = new SandboxClock(Instant.parse("2026-06-01T12:00:00Z"));
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withClock(clock))) {
            SandboxHttp http = new SandboxHttp(s.baseUri());
            String ben = s.key("admin");
            assertEquals(200, http.post("/api/projects/110/integrations/github/link_existing/", ben,
                    "{\"installation_id\":\"10000001\"}").status());
            int row = http.get("/api/projects/103/integrations/", ben).json().path("results").get(0).path("id").asInt();
            clock.advance(Duration.ofMinutes(1));
            assertEquals(204, http.delete("/api/projects/103/integrations/" + row + "/", ben).status());

            JsonNode live110 = http.get("/api/projects/110/activity_log/", ben).json().path("results");
            JsonNode seeded102 = http.get("/api/projects/102/activity_log/", ben).json().path("results");
            assertEquals(2, seeded102.size(), seeded102.toString());
            assertSameShape(live110, seeded102);

            List<JsonNode> live103 = new ArrayList<>();
            http.get("/api/projects/103/activity_log/", ben).json().path("results").forEach(live103::add);
            String ada = s.key("owner");
            JsonNode seededSales = http.get("/api/projects/" + SeedWorld.GLOBEX_SALES + "/activity_log/", ada).json()
                    .path("results");
            // 103: the seeded link (older), then the live disconnect; Sales: the seeded link, then its disconnect.
            assertEquals(5, live103.size());
            assertEquals(5, seededSales.size());
            assertSameShape(new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(live103), seededSales);
        }
    }

    private static void assertSameShape(JsonNode live, JsonNode seeded) {
        assertEquals(live.size(), seeded.size());
        for (int i = 0; i < live.size(); i++) {
            JsonNode a = live.get(i);
            JsonNode b = seeded.get(i);
            assertEquals(fieldNames(a), fieldNames(b));
            assertEquals(fieldNames(a.path("detail")), fieldNames(b.path("detail")));
            JsonNode pa = a.path("detail").path("trigger").path("payload");
            JsonNode pb = b.path("detail").path("trigger").path("payload");
            assertEquals(pa.path("event").asText(), pb.path("event").asText());
            assertEquals(fieldNames(pa), fieldNames(pb), pa.path("event").asText());
            assertEquals(a.path("activity").asText(), b.path("activity").asText());
            assertEquals(a.path("id").asText().length(), b.path("id").asText().length());
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            names.add(it.next());
        }
        return names;
    }

    /**
     * Acme keeps 2 months: its seeded past is listed while the clock is within 60 days of it and not after, as
     * PostHog does (NF8). Globex keeps 60 months and lists it still; Wayne (free plan) answers 402.
     */
    @Test
    void thePlansWindowDecidesWhichSeededRowsAreListed() throws IOException {
        SandboxClock clock = new SandboxClock(Instant.parse("2026-06-30T12:00:00Z"));
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withClock(clock))) {
            SandboxHttp http = new SandboxHttp(s.baseUri());
            String ada = s.key("owner");
            assertEquals(2, http.get("/api/projects/102/activity_log/", ada).json().path("results").size());
            assertEquals(2, http.get("/api/projects/108/activity_log/", ada).json().path("results").size());

            clock.advance(Duration.ofDays(2)); // 2026-07-02T12:00: the window starts 2026-05-03T12:00
            assertEquals(0, http.get("/api/projects/102/activity_log/", ada).json().path("results").size(),
                    "Acme Mobile's link of 2026-05-02 is past the window");
            assertEquals(2, http.get("/api/projects/108/activity_log/", ada).json().path("results").size(),
                    "Dee's refusal of 2026-05-04 is not");
            clock.advance(Duration.ofDays(3));
            assertEquals(0, http.get("/api/projects/108/activity_log/", ada).json().path("results").size());

            clock.advance(Duration.ofDays(365 * 3));
            assertEquals(5, http.get("/api/projects/" + SeedWorld.GLOBEX_SALES + "/activity_log/", ada).json()
                    .path("results").size(), "Globex keeps 60 months");
            assertEquals(402, http.get("/api/projects/" + SeedWorld.WAYNE_SITE + "/activity_log/",
                    s.key("stark_owner")).status());
        }
    }

    @Test
    void theSeededLogAndRowsAddedLaterSurviveARestartWithAStateFile() throws IOException {
        Path file = dir.resolve("world.json");
        List<String> before = new ArrayList<>();
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withStateFile(file))) {
            SandboxHttp http = new SandboxHttp(s.baseUri());
            assertEquals(200, http.post("/api/projects/110/integrations/github/link_existing/", s.key("admin"),
                    "{\"installation_id\":\"10000001\"}").status());
            for (int team : new int[] {110, 202, SeedWorld.GLOBEX_SALES}) {
                http.get("/api/projects/" + team + "/activity_log/", s.key("owner")).json().path("results")
                        .forEach(r -> before.add(r.toString()));
            }
        }
        assertEquals(2 + 2 + 5, before.size());
        List<String> after = new ArrayList<>();
        try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withStateFile(file))) {
            SandboxHttp http = new SandboxHttp(s.baseUri());
            for (int team : new int[] {110, 202, SeedWorld.GLOBEX_SALES}) {
                http.get("/api/projects/" + team + "/activity_log/", s.key("owner")).json().path("results")
                        .forEach(r -> after.add(r.toString()));
            }
        }
        assertEquals(before, after);
    }
}
