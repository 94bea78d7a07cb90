package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The sandbox's answers against the PostHog-shaped fixtures ({@code fixtures/posthog/}, sources in its README) where
 * both describe the same answer: the same keys at every level, no type the fixture does not show, and datetimes in
 * the forms Python prints (DRF's {@code Z}, or {@code +00:00} where PostHog sends a raw isoformat string). A pass here
 * means the sandbox has not drifted from PostHog's shape; {@code PostHogShapesTest} feeds the same files to the client.
 * Free-form JSON (an integration's {@code config}, an audit row's {@code payload}) is left out of the key comparison.
 */
class SandboxMatchesPostHogFixturesTest {

    /** Python's isoformat: no fraction when the microseconds are 0, else six digits; UTC as Z (DRF) or +00:00. */
    private static final Pattern PYTHON_DATETIME =
            Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{6})?(Z|\\+00:00)");
    private static final Pattern DATETIME_LIKE = Pattern.compile("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d.*");

    private final SandboxClock clock = new SandboxClock(Instant.parse("2026-09-01T08:00:00Z"));
    private SandboxServer server;
    private SandboxHttp http;
    private String owner;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxOptions.defaults().withClock(clock));
        http = new SandboxHttp(server.baseUri());
        owner = server.key("owner");
        // a time with microseconds, so every "now" the sandbox writes shows how it prints a fraction
        clock.advance(Duration.ofNanos(123_456_000L));
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private int githubRow(long project) {
        return http.get("/api/projects/" + project + "/integrations/?kind=github", owner).json().path("results").get(0)
                .path("id").asInt();
    }

    @Test
    void repositoryPageWithItsTotal() {
        assertSameShape("github-repos-total.json",
                http.get("/api/projects/101/integrations/" + githubRow(101) + "/github_repos/?limit=2", owner));
    }

    @Test
    void repositoryRefresh() {
        assertSameShape("github-repos-refresh-unavailable.json",
                http.post("/api/projects/101/integrations/" + githubRow(101) + "/github_repos/refresh/", owner, ""));
    }

    @Test
    void outOfRangeLimitIsTheSameErrorToTheLetter() {
        SandboxHttp.Res r = http.get("/api/projects/101/integrations/" + githubRow(101) + "/github_repos/?limit=501",
                owner);
        assertEquals(400, r.status());
        assertEquals(fixture("error-400-max-value.json"), r.json());
    }

    @Test
    void bodyThatIsNotAnObjectIsTheSameErrorToTheLetter() {
        SandboxHttp.Res r = http.post("/api/projects/101/integrations/github/link_existing/", owner, "[]");
        assertEquals(400, r.status());
        assertEquals(fixture("error-400-not-an-object.json"), r.json());
    }

    @Test
    void availableInstallationsWithPythonsIsoformat() {
        assertSameShape("available-installations.json",
                http.get("/api/projects/102/integrations/github/available_installations/", owner));
    }

    @Test
    void integrationListAndLinkExisting() {
        assertSameShape("integrations.json", http.get("/api/projects/101/integrations/?kind=github", owner),
                contentOf(".results[].config"));
        assertSameShape("link-existing.json", http.post("/api/projects/103/integrations/github/link_existing/", owner,
                "{\"installation_id\":\"10000001\"}"), contentOf(".config"));
    }

    @Test
    void activityLogRows() {
        assertEquals(200, http.post("/api/projects/103/integrations/github/link_existing/", owner,
                "{\"installation_id\":\"10000001\"}").status());
        // The newer copy of the row (fields "__all__", so team_id is sent); client and ip_address are model fields
        // the newest viewset filters on and the sandbox does not keep, and Hoglink reads neither (api-notes NL3).
        // detail is the Detail dataclass's fields, compared whole; activity-link-newest.json holds the sandbox to
        // the newest row.
        assertSameShape("activity-org-level-team2.json",
                http.get("/api/projects/103/activity_log/?scope=Integration", owner),
                contentOf(".results[].detail.trigger.payload"), key(".results[].client"), key(".results[].ip_address"));
    }

    /**
     * api-notes NL2: the newest posthog/api/integration.py audits github_link_existing for the organization and team
     * only, so a link row's item_id is "None" (log_activity stores str(None)), its detail.name "GitHub", its payload
     * names no integration nor owner and carries discovery_id as a string, the chosen installation (null when none
     * was valid) and, per event, rejection_reason, failure_type or linked_integration_id; a disconnect's rows, made
     * with GitHubAudit.project, name the row and owner. The sandbox's rows of the same requests match the fixture's
     * to the payload's keys and kinds.
     */
    @Test
    void linkAndDisconnectRowsAreTheNewestPostHogsToThePayload() {
        SandboxHttp.Res invalid = http.post("/api/projects/103/integrations/github/link_existing/", owner,
                "{\"installation_id\":\"not-a-number\"}");
        assertEquals(400, invalid.status(), invalid.raw());
        SandboxHttp.Res failed = http.post("/api/projects/103/integrations/github/link_existing/", owner,
                "{\"installation_id\":\"" + SeedWorld.INST_LEGACY_SUSPENDED + "\"}");
        assertEquals(500, failed.status(), failed.raw());
        SandboxHttp.Res linked = http.post("/api/projects/103/integrations/github/link_existing/", owner,
                "{\"installation_id\":\"10000001\",\"discovery_id\":\"7c1e4b90-3d2f-4a8e-b6c5-91f0d2e7a384\"}");
        assertEquals(200, linked.status(), linked.raw());
        int row = linked.json().path("id").asInt();
        assertEquals(204, http.delete("/api/projects/103/integrations/" + row + "/", owner).status());

        SandboxHttp.Res log = http.get("/api/projects/103/activity_log/?scope=Integration", owner);
        assertSameShape("activity-link-newest.json", log, contentOf(".results[].detail.trigger.payload"));
        Map<String, JsonNode> posthog = byEvent(fixture("activity-link-newest.json"));
        Map<String, JsonNode> sandbox = byEvent(log.json());
        assertEquals(posthog.keySet(), sandbox.keySet(), log.raw());
        posthog.forEach((event, theirs) -> {
            JsonNode ours = sandbox.get(event);
            JsonNode theirPayload = theirs.path("detail").path("trigger").path("payload");
            JsonNode ourPayload = ours.path("detail").path("trigger").path("payload");
            assertEquals(kinds(theirPayload), kinds(ourPayload), event + ": payload keys and kinds; sandbox " + ours);
            if (event.startsWith("link_")) {
                assertEquals("None", ours.path("item_id").asText(), event);
                assertEquals("GitHub", ours.path("detail").path("name").asText(), event);
                assertTrue(ourPayload.path("integration_id").isNull() && ourPayload.path("installation_owner").isNull(),
                        event + ": " + ourPayload);
            } else {
                assertEquals(String.valueOf(row), ours.path("item_id").asText(), event);
                assertEquals("acme", ours.path("detail").path("name").asText(), event);
            }
        });
        assertTrue(sandbox.get("link_rejected").path("detail").path("trigger").path("payload").path("installation_id")
                .isNull(), "no valid installation was chosen");
        JsonNode completed = sandbox.get("link_completed").path("detail").path("trigger");
        assertEquals("7c1e4b90-3d2f-4a8e-b6c5-91f0d2e7a384", completed.path("job_id").asText());
        assertEquals("10000001", completed.path("payload").path("installation_id").asText());
        assertEquals(row, completed.path("payload").path("linked_integration_id").asInt());
        assertEquals("", sandbox.get("link_failed").path("detail").path("trigger").path("payload").path("discovery_id")
                .asText(null), "no discovery: an empty string, not null");
    }

    /** The newest row of each event on a page (pages are newest first). */
    private static Map<String, JsonNode> byEvent(JsonNode page) {
        Map<String, JsonNode> out = new TreeMap<>();
        page.path("results").forEach(r ->
                out.putIfAbsent(r.path("detail").path("trigger").path("payload").path("event").asText(), r));
        return out;
    }

    /** A payload's keys and the kind of each value (null, bool, int, string, list, object). */
    private static Map<String, String> kinds(JsonNode payload) {
        Map<String, String> out = new TreeMap<>();
        payload.fields().forEachRemaining(e -> out.put(e.getKey(), kind(e.getValue())));
        return out;
    }

    /**
     * api-notes NJ2: a key without integration:write is refused by APIScopePermission in PostHog's words, and before
     * the body is read, so a body PostHog could not read gets the same 403 and not the 400 a full key gets.
     */
    @Test
    void linkWithAKeyWithoutIntegrationWriteIsTheSameRefusalToTheLetter() {
        server.setKeyScopes(owner, List.of("user:read", "organization:read", "project:read", "integration:read",
                "activity_log:read", "personal_api_key:read"));
        for (String body : List.of("{\"installation_id\":\"10000001\"}", "[]")) {
            SandboxHttp.Res r = http.post("/api/projects/103/integrations/github/link_existing/", owner, body);
            assertEquals(403, r.status(), body + ": " + r.raw());
            assertEquals(fixture("error-403-missing-integration-write.json"), r.json(), body);
        }
    }

    /**
     * api-notes NK1: PostHog orders the log ("-created_at", "-id") and an activity row's id is a UUIDT (its first 48
     * bits the Unix time in milliseconds, then a counter within that millisecond), so of rows of one instant the one
     * written later comes first and its id is the greater. The clock stands still here: every row of these requests
     * has one created_at.
     */
    @Test
    void activityRowsOfOneInstantComeWithTheGreaterTimeOrderedIdFirst() {
        for (String installation : List.of("10000001", "99999999", "10000001")) {
            http.post("/api/projects/103/integrations/github/link_existing/", owner,
                    "{\"installation_id\":\"" + installation + "\"}");
        }
        SandboxHttp.Res log = http.get("/api/projects/103/activity_log/?scope=Integration", owner);
        assertSameShape("activity-one-instant.json", log, contentOf(".results[].detail.trigger.payload"),
                key(".results[].client"), key(".results[].ip_address"));
        List<JsonNode> rows = new ArrayList<>();
        log.json().path("results").forEach(rows::add);
        assertTrue(rows.size() >= 4, "several rows of one instant: " + log.raw());
        for (JsonNode row : rows) {
            String id = row.path("id").asText();
            long ms = Instant.parse(row.path("created_at").asText()).toEpochMilli();
            assertEquals(String.format("%012x", ms), id.replace("-", "").substring(0, 12),
                    "a UUIDT starts with its time in milliseconds: " + id + " at " + row.path("created_at").asText());
        }
        for (int i = 1; i < rows.size(); i++) {
            JsonNode newer = rows.get(i - 1);
            JsonNode older = rows.get(i);
            if (newer.path("created_at").asText().equals(older.path("created_at").asText())) {
                assertTrue(newer.path("id").asText().compareTo(older.path("id").asText()) > 0,
                        "-id within one instant: " + newer.path("id") + " listed before " + older.path("id"));
            }
        }
    }

    @Test
    void projectsPersonalKeyAndInstallRequests() {
        String org = http.get("/api/organizations/", owner).json().path("results").get(0).path("id").asText();
        assertSameShape("projects-page1.json", http.get("/api/organizations/" + org + "/projects/?limit=2", owner),
                contentOf(".results[].has_completed_onboarding_for"));
        assertSameShape("personal-api-key.json", http.get("/api/personal_api_keys/@current/", owner));
        assertSameShape("github-install-requests.json",
                http.get("/api/users/@me/integrations/github/install_requests/", owner));
    }

    /**
     * api-notes NN1: an organization, in the list and alone, is posthog/api/organization.py's OrganizationSerializer (at
     * ed258aef): its own fields and nothing of OrganizationBasicSerializer's (is_active, is_not_active_reason,
     * is_pending_deletion are the basic form's, in /api/users/@me/ only); teams are TeamBasicSerializer, projects
     * ProjectBasicSerializer, and each available_product_features entry billing's ProductFeature.
     */
    @Test
    void organizationInTheListAndAloneIsTheOrganizationSerializersShape() {
        SandboxHttp.Res list = http.get("/api/organizations/", owner);
        assertEquals(200, list.status(), list.raw());
        String org = list.json().path("results").get(0).path("id").asText();
        Skip onboarding = contentOf(".teams[].has_completed_onboarding_for"); // free-form, per product
        assertSameShape("organization-detail-newest.json", http.get("/api/organizations/" + org + "/", owner),
                onboarding);
        assertSameShape("organization-detail-newest.json", http.get("/api/organizations/@current/", owner),
                onboarding);
        list.json().path("results").forEach(o -> assertSameShape("organization-detail-newest.json",
                new SandboxHttp.Res(200, list.headers(), o.toString()), onboarding));
    }

    /**
     * api-notes NN2: /api/users/@me/ is posthog/api/user.py's UserSerializer (at 000e575c): its readable fields, the
     * current organization in full (NN1), the others in the basic form. Free-form settings are compared by key only,
     * and so are the lists the sandbox keeps empty (notification locks, scene personalisation, pending invites, the
     * real-time notification types).
     */
    @Test
    void meIsTheUserSerializersShape() {
        assertSameShape("me-newest.json", http.get("/api/users/@me/", owner),
                contentOf(".notification_settings"), contentOf(".notification_locks"), contentOf(".events_column_config"),
                contentOf(".has_seen_product_intro_for"), contentOf(".scene_personalisation"),
                contentOf(".hedgehog_config"), contentOf(".ui_configuration"), contentOf(".pending_invites"),
                contentOf(".active_realtime_notification_types"), contentOf(".team.has_completed_onboarding_for"),
                contentOf(".organization.teams[].has_completed_onboarding_for"));
    }

    /**
     * api-notes NN3: a project's detail is posthog/api/project.py's ProjectSerializer and an environment's (by its own
     * id under /api/environments/) posthog/api/team/team_serializer.py's TeamSerializer, each with its own fields:
     * neither has organization_id, and only the environment's names its project_id and user_access_level.
     */
    @Test
    void projectAndEnvironmentDetailsAreTheirSerializersShapes() {
        Skip[] freeForm = {contentOf(".has_completed_onboarding_for"), contentOf(".default_modifiers"),
                contentOf(".correlation_config"), contentOf(".managed_viewsets"),
                contentOf(".available_setup_task_ids")}; // per product; the sandbox offers no setup task
        assertSameShape("project-detail-member.json", http.get("/api/projects/101/", owner), freeForm);
        assertSameShape("environment-detail-project-admin.json", http.get("/api/environments/101/", owner), freeForm);
        String stark = server.key("stark_owner");
        assertSameShape("environment-detail-project-admin.json", http.get("/api/environments/402/", stark), freeForm);
        assertEquals(401, http.get("/api/environments/402/", stark).json().path("project_id").asInt(),
                "an environment names the project it belongs to");
    }

    @Test
    void personalGitHubLinks() {
        // Copies of posthog/api/user_integration.py differ on the link's "id" (the UserIntegration uuid): some send
        // it, some do not; the sandbox follows the latter and Hoglink reads neither way (api-notes NI1).
        assertSameShape("user-integrations.json", http.get("/api/users/@me/integrations/", owner),
                key(".results[].id"));
    }

    // ------------------------------------------------------------------------------------------------ comparison

    /**
     * api-notes NL3: an activity row's detail is what ActivityDetailEncoder writes of the Detail dataclass
     * (posthog/models/activity_logging/activity_log.py): its fields name, short_id, type, changes, trigger and context,
     * nothing else (no id, no merge). Every activity fixture holds to it, so the shape comparisons above need not skip
     * a key of detail.
     */
    @Test
    void everyActivityFixturesDetailHasOnlyTheDetailDataclassFields() {
        Set<String> detailFields = Set.of("name", "short_id", "type", "changes", "trigger", "context");
        List<String> files = List.of("activity-page1.json", "activity-page2.json", "activity-one-instant.json",
                "activity-org-level-team2.json", "activity-org-level-team3.json", "activity-link-newest.json");
        List<String> wrong = new ArrayList<>();
        for (String f : files) {
            fixture(f).path("results").forEach(row -> row.path("detail").fieldNames().forEachRemaining(k -> {
                if (!detailFields.contains(k)) {
                    wrong.add(f + " " + row.path("id").asText() + ": detail." + k);
                }
            }));
        }
        assertTrue(wrong.isEmpty(), "keys no Detail has: " + wrong);
    }

    private static JsonNode fixture(String name) {
        String path = "/fixtures/posthog/" + name;
        try (InputStream in = SandboxMatchesPostHogFixturesTest.class.getResourceAsStream(path)) {
            return SandboxHttp.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A path left out of the comparison: {@link #contentOf} keeps the key but not what is under it (free-form JSON);
     * {@link #key} drops the key itself (a field PostHog's copies disagree on, or the sandbox does not model).
     */
    private record Skip(String path, boolean whole) {
    }

    private static Skip contentOf(String path) {
        return new Skip(path, false);
    }

    private static Skip key(String path) {
        return new Skip(path, true);
    }

    /** Same key paths (outside the skipped ones) and no type the fixture lacks; every datetime in a Python form. */
    private static void assertSameShape(String fixtureName, SandboxHttp.Res answer, Skip... skips) {
        assertEquals(200, answer.status(), answer.raw());
        Map<String, Set<String>> posthog = shape(fixture(fixtureName), skips);
        Map<String, Set<String>> sandbox = shape(answer.json(), skips);
        assertEquals(posthog.keySet(), sandbox.keySet(),
                fixtureName + ": the key paths differ; sandbox " + answer.raw());
        List<String> wrong = new ArrayList<>();
        posthog.forEach((path, kinds) -> {
            Set<String> theirs = withoutNull(kinds);
            Set<String> ours = withoutNull(sandbox.get(path));
            if (!theirs.isEmpty() && !theirs.containsAll(ours)) {
                wrong.add(path + ": PostHog " + theirs + ", sandbox " + ours);
            }
        });
        assertTrue(wrong.isEmpty(), fixtureName + ": types differ: " + wrong);
        List<String> dates = new ArrayList<>();
        collectDatetimes(answer.json(), dates);
        for (String d : dates) {
            assertTrue(PYTHON_DATETIME.matcher(d).matches(), fixtureName + ": not a datetime Python prints: " + d);
        }
    }

    private static Set<String> withoutNull(Set<String> kinds) {
        Set<String> s = new TreeSet<>(kinds);
        s.remove("null");
        return s;
    }

    private static Map<String, Set<String>> shape(JsonNode root, Skip... skips) {
        Map<String, Set<String>> out = new TreeMap<>();
        walk(root, "", out, List.of(skips));
        return out;
    }

    private static void walk(JsonNode n, String path, Map<String, Set<String>> out, List<Skip> skips) {
        if (skips.contains(key(path))) {
            return;
        }
        out.computeIfAbsent(path, p -> new TreeSet<>()).add(kind(n));
        if (skips.contains(contentOf(path))) {
            return;
        }
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> walk(e.getValue(), path + "." + e.getKey(), out, skips));
        } else if (n.isArray()) {
            n.forEach(e -> walk(e, path + "[]", out, skips));
        }
    }

    private static String kind(JsonNode n) {
        if (n.isNull()) {
            return "null";
        } else if (n.isBoolean()) {
            return "bool";
        } else if (n.isIntegralNumber()) {
            return "int";
        } else if (n.isNumber()) {
            return "float";
        } else if (n.isTextual()) {
            String s = n.asText();
            if (DATETIME_LIKE.matcher(s).matches()) {
                return s.endsWith("Z") ? "datetime Z" : "datetime offset";
            }
            return "string";
        } else if (n.isArray()) {
            return "list";
        }
        return "object";
    }

    private static void collectDatetimes(JsonNode n, List<String> into) {
        if (n.isTextual() && DATETIME_LIKE.matcher(n.asText()).matches()) {
            into.add(n.asText());
        }
        n.forEach(c -> collectDatetimes(c, into));
    }
}
