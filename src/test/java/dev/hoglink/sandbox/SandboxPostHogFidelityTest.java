package dev.hoglink.sandbox;

import static dev.hoglink.sandbox.SandboxContractTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The behaviours of real PostHog that the first sandbox lacked (issue 20, points 1-7), each over real HTTP
 * against the seeded Stark and Wayne organizations. docs/api-notes.md names the PostHog file of each.
 */
class SandboxPostHogFidelityTest {

    static final String ONLY_PROJECTS = "API keys with scoped projects are only supported on project-based endpoints.";

    SandboxClock clock = new SandboxClock(Instant.parse("2026-09-01T08:00:00Z"));
    SandboxServer server;
    SandboxHttp http;
    String fay;
    String twoProjects;
    String orgScoped;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxOptions.defaults().withClock(clock));
        http = new SandboxHttp(server.baseUri());
        fay = server.key("stark_owner");
        twoProjects = server.key("two_projects");
        orgScoped = server.key("org_scoped");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /**
     * PostHog's refresh_integrations task renews a working GitHub row's token once it is past half its life
     * (posthog/tasks/integrations.py; access_token_expired and refresh_access_token in
     * posthog/models/github_integration_base.py), so a connected row's refreshed_at is never more than about half
     * an hour old, and expires_in is written as a float.
     */
    @Test
    void aWorkingGitHubRowsTokenIsRenewedEveryHalfHourAsPostHogsTaskDoes() throws IOException {
        String ada = server.key("owner");
        JsonNode row = http.get("/api/projects/102/integrations/?kind=github", ada).json().path("results").get(0);
        long now = clock.instant().getEpochSecond();
        long refreshedAt = row.path("config").path("refreshed_at").asLong();
        assertTrue(refreshedAt <= now && refreshedAt > now - 1800, "renewed within the last half hour: " + refreshedAt);
        assertTrue(row.path("config").path("expires_in").isDouble());
        clock.advance(java.time.Duration.ofMinutes(10));
        JsonNode later = http.get("/api/projects/102/integrations/?kind=github", ada).json().path("results").get(0);
        long again = later.path("config").path("refreshed_at").asLong();
        assertTrue(again == refreshedAt || again == refreshedAt + 1800, "renewed on its half-life only: " + again);
    }

    static List<Integer> ids(JsonNode array) {
        List<Integer> out = new ArrayList<>();
        array.forEach(n -> out.add(n.path("id").asInt()));
        return out;
    }

    @Nested
    class KeysLimitedToProjectsOrOrganizations {
        @Test
        void projectKeyIsRefusedOnOrganizationEndpointsAndOnItselfButReadsItsProjects() {
            for (String path : List.of("/api/organizations/", "/api/organizations/" + SeedWorld.STARK_ORG + "/",
                    "/api/organizations/@current/", "/api/organizations/" + SeedWorld.STARK_ORG + "/projects/",
                    "/api/personal_api_keys/@current/", "/api/personal_api_keys/")) {
                assertError(http.get(path, twoProjects), 403, "authentication_error", "permission_denied", ONLY_PROJECTS);
            }
            JsonNode me = http.get("/api/users/@me/", twoProjects).json();
            assertEquals("fay@stark.test", me.path("email").asText(), "users/@me is exempt from key limits");
            assertEquals(2, me.path("organizations").size());
            assertEquals(200, http.get("/api/projects/401/", twoProjects).status());
            assertEquals(200, http.get("/api/projects/403/integrations/", twoProjects).status());
            assertEquals(200, http.get("/api/organizations/" + SeedWorld.STARK_ORG + "/projects/403/", twoProjects).status());
            assertError(http.get("/api/projects/404/integrations/", twoProjects), 403, "authentication_error",
                    "permission_denied", "API key does not have access to the requested project: ID 404.");
            assertError(http.get("/api/projects/402/integrations/", twoProjects), 403, "authentication_error",
                    "permission_denied", "API key does not have access to the requested project: ID 402.");
        }

        @Test
        void organizationKeySeesOnlyItsOrganization() {
            JsonNode orgs = http.get("/api/organizations/", orgScoped).json();
            assertEquals(1, orgs.path("count").asInt());
            assertEquals(SeedWorld.STARK_ORG, orgs.path("results").get(0).path("id").asText());
            assertEquals(3, http.get("/api/organizations/" + SeedWorld.STARK_ORG + "/projects/", orgScoped).json()
                    .path("count").asInt());
            assertError(http.get("/api/organizations/" + SeedWorld.WAYNE_ORG + "/", orgScoped), 404, "invalid_request",
                    "not_found", "Not found.");
            String other = "API key does not have access to the requested organization: ID " + SeedWorld.WAYNE_ORG + ".";
            assertError(http.get("/api/organizations/" + SeedWorld.WAYNE_ORG + "/projects/", orgScoped), 403,
                    "authentication_error", "permission_denied", other);
            assertError(http.get("/api/projects/501/integrations/", orgScoped), 403, "authentication_error",
                    "permission_denied", other);
            assertEquals(200, http.get("/api/projects/402/integrations/", orgScoped).status());
            JsonNode key = http.get("/api/personal_api_keys/@current/", orgScoped).json();
            assertTrue(key.path("scoped_teams").isNull());
            assertEquals(SeedWorld.STARK_ORG, key.path("scoped_organizations").get(0).asText());
        }
    }

    @Nested
    class FreePlan {
        @Test
        void activityLogOfAFreePlanOrganizationIsPaymentRequiredAndEverythingElseWorks() {
            assertError(http.get("/api/projects/501/activity_log/?scope=Integration", fay), 402, "server_error",
                    "payment_required", "Audit logs requires a paid PostHog plan. Please upgrade to access this feature.");
            assertEquals(200, http.get("/api/projects/501/activity_log/?scope=FeatureFlag", fay).status(),
                    "feature flag history stays free");
            assertEquals(1, http.get("/api/projects/501/integrations/?kind=github", fay).json().path("count").asInt());
            assertEquals(200, http.get("/api/projects/401/activity_log/", fay).status(), "a paid organization reads it");
            JsonNode wayne = http.get("/api/organizations/" + SeedWorld.WAYNE_ORG + "/", fay).json();
            assertEquals(0, wayne.path("available_product_features").size());
        }
    }

    /**
     * PostHog shows a team's activity rows of the organization's audit-log window only
     * (get_activity_log_lookback_restriction; docs/api-notes.md NF8): the seeded Acme states 2 months, i.e. 60 days.
     */
    @Test
    void activityOlderThanThePlansWindowIsNoLongerListed() throws IOException {
        String ada = server.key("owner");
        JsonNode feature = http.get("/api/organizations/" + SeedWorld.ACME_ORG + "/", ada).json()
                .path("available_product_features").get(0);
        assertEquals("audit_logs", feature.path("key").asText());
        assertEquals(2, feature.path("limit").asInt());
        assertEquals("months", feature.path("unit").asText());
        assertEquals(400, refusedLink(101, ada));
        int rows = http.get("/api/projects/101/activity_log/", ada).json().path("results").size();
        assertTrue(rows > 0, "the refused link wrote its rows");

        clock.advance(java.time.Duration.ofDays(59));
        assertEquals(rows, http.get("/api/projects/101/activity_log/", ada).json().path("results").size());
        clock.advance(java.time.Duration.ofDays(2));
        assertEquals(0, http.get("/api/projects/101/activity_log/", ada).json().path("results").size(),
                "61 days later the row is past the window");
    }

    /**
     * Newest first by time: a row made on a whole second ("…:00Z") is older than one 120 ms later ("…:00.120000Z",
     * DRF's six digits), though its text sorts after it.
     */
    @Test
    void theActivityLogIsNewestFirstByTimeNotByTheTimesText() throws IOException {
        String ada = server.key("owner");
        assertEquals(0, clock.instant().getNano(), "the test clock starts on a whole second");
        assertEquals(400, refusedLink(101, ada));
        clock.advance(java.time.Duration.ofMillis(120));
        assertEquals(400, refusedLink(101, ada));
        JsonNode rows = http.get("/api/projects/101/activity_log/", ada).json().path("results");
        List<String> times = new ArrayList<>();
        rows.forEach(r -> times.add(r.path("created_at").asText()));
        assertTrue(times.contains("2026-09-01T08:00:00Z") && times.contains("2026-09-01T08:00:00.120000Z"), times.toString());
        List<String> newestFirst = new ArrayList<>(times);
        newestFirst.sort(java.util.Comparator.comparing((String t) -> java.time.Instant.parse(t)).reversed());
        assertEquals(newestFirst, times);
    }

    @Nested
    class RejectionReasons {
        @Test
        void linkRejectedRowCarriesItsReasonCodesAsAList() {
            SandboxHttp.Res r = http.post("/api/projects/110/integrations/github/link_existing/",
                    server.key("member_unlinked"), "{\"installation_id\":\"10000001\"}");
            assertEquals(400, r.status(), r.raw());
            JsonNode rows = http.get("/api/projects/110/activity_log/?scope=Integration", server.key("owner")).json()
                    .path("results");
            JsonNode payload = rows.get(0).path("detail").path("trigger").path("payload");
            assertEquals("link_rejected", payload.path("event").asText());
            assertTrue(payload.path("rejection_reason").isArray());
            assertEquals("github_link_existing_personal_github_required", payload.path("rejection_reason").get(0).asText());
            assertEquals("", rows.get(0).path("detail").path("trigger").path("job_id").asText(),
                    "GitHubAudit writes str(discovery_id or \"\")");
        }
    }

    @Nested
    class PageSizes {
        @Test
        void activityLogHonoursPageSizeUpToOneThousand() {
            for (int i = 0; i < 503; i++) { // link_started and link_rejected each: 1006 rows
                assertEquals(400, refusedLink(404, fay));
            }
            JsonNode dflt = http.get("/api/projects/404/activity_log/", fay).json();
            assertEquals(100, dflt.path("results").size());
            JsonNode big = http.get("/api/projects/404/activity_log/?page_size=5000", fay).json();
            assertEquals(1000, big.path("results").size(), "max_page_size 1000");
            assertTrue(big.path("next").asText().startsWith(server.baseUri() + "/api/projects/404/activity_log/?"),
                    "next is an absolute link");
            JsonNode rest = http.get(big.path("next").asText(), fay).json();
            assertEquals(6, rest.path("results").size());
            assertTrue(rest.path("next").isNull());
        }
    }

    @Nested
    class Environments {
        @Test
        void aProjectWithTwoEnvironmentsHasGitHubOnlyOnTheSecond() {
            JsonNode stark = http.get("/api/organizations/" + SeedWorld.STARK_ORG + "/", fay).json();
            assertEquals(List.of(401, 402, 403, 404), ids(stark.path("teams")));
            assertEquals(401, stark.path("teams").get(1).path("project_id").asInt());
            assertEquals(List.of(401, 403, 404), ids(stark.path("projects")));
            JsonNode projects = http.get("/api/organizations/" + SeedWorld.STARK_ORG + "/projects/", fay).json();
            assertEquals(List.of(401, 403, 404), ids(projects.path("results")));
            assertEquals(0, http.get("/api/projects/401/integrations/?kind=github", fay).json().path("count").asInt());
            JsonNode second = http.get("/api/environments/402/integrations/?kind=github", fay).json();
            assertEquals(1, second.path("count").asInt());
            assertEquals(SeedWorld.INST_STARK, second.path("results").get(0).path("config").path("installation_id").asText());
            assertTrue(second.path("results").get(0).path("installation_shared").asBoolean(), "403 uses it too");
            JsonNode found = http.get("/api/projects/404/integrations/github/available_installations/", fay).json();
            assertEquals(402, found.path("installations").get(0).path("source_team_id").asInt(),
                    "the lowest row is on the second environment");
        }
        /**
         * posthog/api/project.py ProjectViewSet lists a project only when its own team is visible; the organization's
         * projects (posthog/api/organization.py, project_ids_visible_for_user) name it when any of its teams is.
         */
        @Test
        void aProjectWhoseMainTeamIsHiddenIsNotListedButItsEnvironmentIs() {
            server.addMembership(SeedWorld.STARK_ORG, SeedWorld.CY, World.LEVEL_MEMBER);
            server.restrictTeam(SeedWorld.STARK_WEB, java.util.Map.of());
            String cy = server.key("member");
            JsonNode projects = http.get("/api/organizations/" + SeedWorld.STARK_ORG + "/projects/", cy).json();
            assertEquals(List.of(403, 404), ids(projects.path("results")));
            assertFalse(projects.path("results").get(0).has("project_id"), "ProjectBackwardCompatBasicSerializer has none");
            JsonNode stark = http.get("/api/organizations/" + SeedWorld.STARK_ORG + "/", cy).json();
            assertEquals(List.of(402, 403, 404), ids(stark.path("teams")));
            assertEquals(List.of(401, 403, 404), ids(stark.path("projects")), "named through its visible environment");
            assertEquals(200, http.get("/api/projects/402/integrations/?kind=github", cy).status());
        }

        /**
         * posthog/api/team.py: ProjectEnvironmentsViewSet.initial raises PermissionDenied before DRF authenticates,
         * so every caller and method gets the same 403 (the environments are still teams of their own, above).
         */
        @Test
        void theProjectEnvironmentsListIsRefusedForEveryoneAsPostHogDoes() throws IOException {
            String expected = "{\"type\":\"authentication_error\",\"code\":\"permission_denied\","
                    + "\"detail\":\"Multiple environments per project are no longer available. Please contact support "
                    + "if you need assistance.\",\"attr\":null}";
            for (SandboxHttp.Res r : List.of(http.get("/api/projects/401/environments/", fay),
                    http.get("/api/projects/401/environments/402/", fay),
                    http.get("/api/projects/401/environments/", null),
                    http.post("/api/projects/401/environments/", fay, "{}"))) {
                assertEquals(403, r.status(), r.raw());
                assertEquals(new ObjectMapper().readTree(expected), r.json());
            }
        }
    }

    @Nested
    class SiteUrl {
        @Test
        void callbackUrlsUseTheSiteUrlWhileTheServerListensElsewhere() throws IOException {
            try (SandboxServer s = SandboxServer.start(SandboxOptions.defaults().withSiteUrl("http://localhost:{port}"))) {
                SandboxHttp h = new SandboxHttp(s.baseUri());
                String site = "http://localhost:" + s.port();
                assertEquals(URI.create(site), s.siteUri());
                String url = h.post("/api/projects/110/integrations/github/oauth_authorize/", s.key("member"),
                        "{\"installation_id\":\"10000001\"}").json().path("oauth_url").asText();
                assertTrue(url.startsWith(s.baseUri() + "/login/oauth/authorize?"), url);
                assertTrue(url.contains("redirect_uri=" + Paging.enc(site + "/complete/github-link/")), url);
                assertEquals(200, h.get(url, null).status(), "the GitHub stand-in accepts the site URL callback");
                String wrong = url.replace(Paging.enc(site), Paging.enc(s.baseUri().toString()));
                assertEquals(400, h.get(wrong, null).status(), "the listening address is not the registered callback");
                assertEquals("Bearer resource_metadata=\"" + site + "/.well-known/oauth-protected-resource\"",
                        h.get("/api/users/@me/", null).header("WWW-Authenticate"));
                JsonNode preflight = h.get("/_preflight/", null).json();
                assertTrue(preflight.path("django").asBoolean());
                assertFalse(preflight.has("site_url"), "PostHog shows site_url to signed-in sessions only");
            }
        }
    }

    @Nested
    class NewerApi {
        @Test
        void deletingAnAlreadyDeletedRowIs404() {
            String owner = server.key("owner");
            int id = http.get("/api/projects/103/integrations/?kind=github", owner).json().path("results").get(0)
                    .path("id").asInt();
            assertEquals(204, http.delete("/api/projects/103/integrations/" + id + "/", owner).status());
            assertError(http.delete("/api/projects/103/integrations/" + id + "/", owner), 404, "invalid_request",
                    "not_found", "Not found.");
        }

        @Test
        void onlyActiveWorkflowsAndEnabledPipelinesBlockADelete() {
            // Stark API's row is used by a draft workflow and a paused pipeline: neither blocks (integration.py).
            int id = http.get("/api/projects/403/integrations/?kind=github", fay).json().path("results").get(0)
                    .path("id").asInt();
            assertEquals(204, http.delete("/api/projects/403/integrations/" + id + "/", fay).status());
            int labs = http.get("/api/projects/104/integrations/?kind=github", server.key("owner")).json()
                    .path("results").get(0).path("id").asInt();
            assertError(http.delete("/api/projects/104/integrations/" + labs + "/", server.key("owner")), 400,
                    "validation_error", "invalid_input", "This integration is used by active workflows: Deploy digest, "
                            + "PR triage. Update them to use a different integration before disconnecting it.");
        }

        @Test
        void prepareCallbackLetsGitHubsStatelessUpdateReturnThrough() {
            String admin = server.key("admin");
            URI refused = URI.create(http.get("/complete/github-link/?installation_id=10000001&setup_action=update", null)
                    .header("Location"));
            assertTrue(refused.getQuery().contains("github_setup_error=invalid_state"), refused.toString());
            SandboxHttp.Res prep = http.post("/api/projects/101/integrations/github/prepare_callback/", admin,
                    "{\"installation_id\":\"10000001\"}");
            assertEquals(204, prep.status(), prep.raw());
            URI back = URI.create(http.get("/complete/github-link/?installation_id=10000001&setup_action=update", null)
                    .header("Location"));
            assertEquals("/project/101/integrations/github", back.getPath());
            assertTrue(back.getQuery().contains("installation_id=10000001&integration_id="), back.toString());
            URI again = URI.create(http.get("/complete/github-link/?installation_id=10000001&setup_action=update", null)
                    .header("Location"));
            assertTrue(again.getQuery().contains("github_setup_error=invalid_state"), "the state is single use");
            assertError(http.post("/api/projects/101/integrations/github/prepare_callback/", admin,
                    "{\"installation_id\":\"0x1\"}"), 400, "validation_error", "invalid_input", "Invalid installation_id");
            assertError(http.post("/api/projects/101/integrations/github/prepare_callback/", admin,
                    "{\"next\":\"https://evil.example/\"}"), 400, "validation_error", "invalid_input",
                    "next must be a relative path starting with /");
        }

        /**
         * posthog/api/integration.py: prepare_callback is not among the actions dangerously_get_permissions keeps at
         * membership, so IntegrationManagementPermission (TeamMemberStrictManagementPermission, posthog/permissions.py)
         * applies: a POST needs project admin, refused before the body is read (api-notes NI3).
         */
        @Test
        void prepareCallbackNeedsProjectAdminAsTheNewestPostHogDoes() {
            String path = "/api/projects/101/integrations/github/prepare_callback/";
            assertError(http.post(path, server.key("member"), "{\"installation_id\":\"10000001\"}"), 403,
                    "authentication_error", "permission_denied", "You don't have sufficient permissions in the project.");
            assertError(http.post(path, server.key("member"), "{\"installation_id\":\"0x1\"}"), 403,
                    "authentication_error", "permission_denied", "You don't have sufficient permissions in the project.");
            assertEquals(204, http.post(path, server.key("admin"), "{\"installation_id\":\"10000001\"}").status());
            // link_existing and oauth_authorize stay at membership (dangerously_get_permissions)
            assertEquals(200, http.post("/api/projects/101/integrations/github/oauth_authorize/", server.key("member"),
                    "{\"installation_id\":\"10000001\"}").status());
        }

        /** posthog/api/integration.py github_repos: {repositories, has_more, total = count_cached_repositories(search)}. */
        @Test
        void githubReposNamesTheTotalOfItsSearchAsTheNewestPostHogDoes() {
            String owner = server.key("owner");
            int id = http.get("/api/projects/101/integrations/?kind=github", owner).json().path("results").get(0)
                    .path("id").asInt();
            String path = "/api/projects/101/integrations/" + id + "/github_repos/";
            JsonNode page = http.get(path + "?limit=5", owner).json();
            assertEquals(5, page.path("repositories").size());
            assertTrue(page.path("has_more").asBoolean());
            assertEquals(12, page.path("total").asInt(), page.toString());
            JsonNode none = http.get(path + "?search=no-such-repository", owner).json();
            assertEquals(0, none.path("total").asInt(), none.toString());
            assertTrue(none.path("total").isInt(), "present, 0, when nothing matches");
        }

        /**
         * DRF's IntegerField refuses an out-of-range value with the codes max_value and min_value, which
         * drf-exceptions-hog (exceptions_hog/handler.py) passes through; only "invalid" becomes invalid_input.
         */
        @Test
        void outOfRangeRepositoryPagesCarryDrfsOwnErrorCodes() {
            String owner = server.key("owner");
            int id = http.get("/api/projects/101/integrations/?kind=github", owner).json().path("results").get(0)
                    .path("id").asInt();
            String path = "/api/projects/101/integrations/" + id + "/github_repos/";
            SandboxHttp.Res tooMany = http.get(path + "?limit=501", owner);
            assertError(tooMany, 400, "validation_error", "max_value", "Ensure this value is less than or equal to 500.");
            assertEquals("limit", tooMany.json().path("attr").asText());
            assertError(http.get(path + "?limit=0", owner), 400, "validation_error", "min_value",
                    "Ensure this value is greater than or equal to 1.");
            SandboxHttp.Res before = http.get(path + "?offset=-1", owner);
            assertError(before, 400, "validation_error", "min_value", "Ensure this value is greater than or equal to 0.");
            assertEquals("offset", before.json().path("attr").asText());
            assertError(http.get(path + "?limit=ten", owner), 400, "validation_error", "invalid_input",
                    "A valid integer is required.");
        }

        /**
         * A body that is not a JSON object: DRF's serializer raises its "Expected a dictionary" error under
         * non_field_errors, which drf-exceptions-hog reports with attr null (exceptions_hog/handler.py).
         */
        @Test
        void aBodyThatIsNotAnObjectIsRefusedWithoutNamingAField() {
            SandboxHttp.Res r = http.post("/api/projects/101/integrations/github/link_existing/", server.key("owner"), "[]");
            assertError(r, 400, "validation_error", "invalid_input", "Invalid data. Expected a dictionary, but got list.");
            assertTrue(r.json().path("attr").isNull(), r.raw());
        }

        /**
         * posthog/api/integration.py github_available_installations puts timezone.now().isoformat() in the payload as
         * a plain string (no DateTimeField), so discovered_at ends in "+00:00", with microseconds unless they are 0.
         */
        @Test
        void discoveredAtIsPythonsIsoformatWithItsOffset() {
            clock.advance(Duration.ofMillis(123));
            String at = http.get("/api/projects/101/integrations/github/available_installations/", server.key("owner"))
                    .json().path("discovered_at").asText();
            assertEquals("2026-09-01T08:00:00.123000+00:00", at);
            clock.advance(Duration.ofMillis(877));
            assertEquals("2026-09-01T08:00:01+00:00", http.get("/api/projects/101/integrations/github/available_installations/",
                    server.key("owner")).json().path("discovered_at").asText(), "isoformat leaves out zero microseconds");
        }

        @Test
        void prepareCallbackForAnotherInstallationDoesNotAcceptThisOne() {
            assertEquals(204, http.post("/api/projects/101/integrations/github/prepare_callback/", server.key("admin"),
                    "{\"installation_id\":\"10000002\"}").status());
            URI back = URI.create(http.get("/complete/github-link/?installation_id=10000001&setup_action=update", null)
                    .header("Location"));
            assertTrue(back.getQuery().contains("github_setup_error=invalid_state"), back.toString());
        }

        @Test
        void refreshWithinThirtySecondsAnswersFromTheCacheWithoutAskingGitHub() {
            String owner = server.key("owner");
            int id = http.get("/api/projects/101/integrations/?kind=github", owner).json().path("results").get(0)
                    .path("id").asInt();
            String path = "/api/projects/101/integrations/" + id + "/github_repos/refresh/";
            assertEquals(200, http.post(path, owner, "").status());
            server.knobs().setGitHubRateLimitSeconds(60);
            clock.advance(Duration.ofSeconds(29));
            SandboxHttp.Res cached = http.post(path, owner, "");
            assertEquals(200, cached.status(), "within the cooldown GitHub is not asked");
            assertEquals(12, cached.json().path("repositories").size());
            clock.advance(Duration.ofSeconds(2));
            SandboxHttp.Res asked = http.post(path, owner, "");
            assertEquals(429, asked.status(), "after 30 s the refresh asks GitHub again");
            assertEquals("rate_limited", asked.code());
        }

        @Test
        void refreshIsLimitedToTenPerMinutePerTeam() {
            server.knobs().setThrottle(true);
            String owner = server.key("owner");
            int id = http.get("/api/projects/101/integrations/?kind=github", owner).json().path("results").get(0)
                    .path("id").asInt();
            String path = "/api/projects/101/integrations/" + id + "/github_repos/refresh/";
            for (int i = 0; i < 10; i++) {
                assertEquals(200, http.post(path, owner, "").status());
            }
            SandboxHttp.Res eleventh = http.post(path, owner, "");
            assertEquals(429, eleventh.status());
            assertEquals("throttled", eleventh.code());
            int other = http.get("/api/projects/102/integrations/?kind=github", owner).json().path("results").get(0)
                    .path("id").asInt();
            assertEquals(200, http.post("/api/projects/102/integrations/" + other + "/github_repos/refresh/", owner, "")
                    .status(), "another team has its own ten");
        }
    }

    /**
     * PostHog's installation_status is what a GitHub row's config records: a token mint GitHub refused for a gone
     * installation writes installation_unavailable_since, and only a mint that succeeds clears it
     * (posthog/api/integration.py get_installation_status; posthog/models/github_integration_base.py).
     */
    @Nested
    class InstallationStatusIsStoredOnTheRow {
        static final String ACME = "10000001";

        String owner;

        @BeforeEach
        void keys() {
            owner = server.key("owner");
        }

        JsonNode row(int project) {
            return http.get("/api/projects/" + project + "/integrations/?kind=github", owner).json().path("results").get(0);
        }

        JsonNode refresh(int project) {
            SandboxHttp.Res r = http.post("/api/projects/" + project + "/integrations/" + row(project).path("id").asInt()
                    + "/github_repos/refresh/", owner, "");
            assertEquals(200, r.status(), r.raw());
            return r.json();
        }

        @Test
        void aGitHubRowWithoutAnInstallationIdIsConnectedAndNotShared() {
            JsonNode docs = row(107);
            assertFalse(docs.path("config").has("installation_id"), docs.toString());
            assertEquals("connected", docs.path("installation_status").asText(), "null is for other kinds only");
            assertTrue(docs.path("installation_shared").isNull(), docs.toString());
        }

        @Test
        void aSuspendedInstallationsRowCarriesWhatTheFailedRefreshWrote() {
            JsonNode legacy = row(105);
            assertEquals("unavailable", legacy.path("installation_status").asText());
            assertEquals("TOKEN_REFRESH_FAILED", legacy.path("errors").asText());
            JsonNode config = legacy.path("config");
            assertTrue(config.path("installation_unavailable_since").asLong() > 0, config.toString());
            assertFalse(config.has("expires_in") || config.has("refreshed_at"), config.toString());
        }

        @Test
        void postHogSaysConnectedUntilAMintFailsAndUnavailableUntilOneSucceeds() {
            server.setInstallationStatus(ACME, "suspended", false);
            assertEquals("connected", row(101).path("installation_status").asText(), "no mint has failed yet");
            assertEquals("", row(101).path("errors").asText());

            JsonNode gone = refresh(101);
            assertEquals("unavailable", gone.path("installation_status").asText());
            assertEquals(12, gone.path("repositories").size(), "the last cached list");
            JsonNode web = row(101);
            assertEquals("unavailable", web.path("installation_status").asText());
            long since = web.path("config").path("installation_unavailable_since").asLong();
            assertEquals(clock.instant().getEpochSecond(), since);
            assertEquals("connected", row(102).path("installation_status").asText(),
                    "only the refreshed row is marked; the others wait for their own mint");

            server.setInstallationStatus(ACME, "active", false);
            assertEquals("unavailable", row(101).path("installation_status").asText(), "marked until a mint succeeds");
            clock.advance(Duration.ofSeconds(10));
            assertEquals("unavailable", refresh(101).path("installation_status").asText(),
                    "within 30 s of the last refresh PostHog does not ask GitHub");
            clock.advance(Duration.ofSeconds(30));
            assertEquals("connected", refresh(101).path("installation_status").asText());
            web = row(101);
            assertEquals("connected", web.path("installation_status").asText());
            assertEquals("", web.path("errors").asText());
            assertFalse(web.path("config").has("installation_unavailable_since"), web.toString());
            assertEquals(3599.0, web.path("config").path("expires_in").asDouble());
            assertTrue(web.path("config").path("expires_in").isFloatingPointNumber(), "refresh_access_token's float");
        }

        @Test
        void postHogsPeriodicRefreshMarksEveryRowOfTheGoneInstallation() {
            server.setInstallationStatus(ACME, "uninstalled");
            for (int project : List.of(101, 102, 103)) {
                assertEquals("unavailable", row(project).path("installation_status").asText(), "project " + project);
                assertEquals("TOKEN_REFRESH_FAILED", row(project).path("errors").asText());
            }
        }

        /**
         * list_cached_repositories (posthog/models/github_integration_base.py): a sync GitHub refuses leaves PostHog's
         * last list, which github_repos answers (200) whenever a snapshot exists, as the refresh does (API notes NN5).
         * The sandbox answered an uninstalled installation's rows an empty list.
         */
        @Test
        void githubReposOfAGoneInstallationAnswersPostHogsLastList() {
            int web = row(101).path("id").asInt();
            String path = "/api/projects/101/integrations/" + web + "/github_repos/?limit=500";
            int before = http.get(path, owner).json().path("repositories").size();
            assertTrue(before > 0);
            server.setInstallationStatus(ACME, "uninstalled");
            JsonNode after = http.get(path, owner).json();
            assertEquals(before, after.path("repositories").size(), after.toString());
            assertEquals(before, after.path("total").asInt());
            server.setInstallationStatus(ACME, "suspended", true);
            assertEquals(before, http.get(path, owner).json().path("repositories").size());
        }

        @Test
        void githubsUninstallWebhookDeletesEveryRowOfTheInstallationSoItsIdsAnswer404() {
            int web = row(101).path("id").asInt();
            assertEquals(3, server.uninstallWithWebhook(ACME));
            for (int project : List.of(101, 102, 103)) {
                assertEquals(0, http.get("/api/projects/" + project + "/integrations/?kind=github", owner).json()
                        .path("results").size(), "project " + project);
            }
            SandboxHttp.Res r = http.post("/api/projects/101/integrations/" + web + "/github_repos/refresh/", owner, "");
            assertEquals(404, r.status(), r.raw());
            assertEquals("Not found.", r.json().path("detail").asText());
            assertEquals("unavailable", row(105).path("installation_status").asText(), "another installation's row stays");
        }

        @Test
        void linkingAgainWritesANewConfigWithoutTheMark() {
            server.setInstallationStatus(ACME, "suspended");
            server.setInstallationStatus(ACME, "active", false);
            assertEquals("unavailable", row(102).path("installation_status").asText());
            SandboxHttp.Res r = http.post("/api/projects/102/integrations/github/link_existing/", owner,
                    "{\"installation_id\":\"" + ACME + "\"}");
            assertEquals(200, r.status(), r.raw());
            assertEquals("connected", r.json().path("installation_status").asText());
            assertEquals("connected", row(102).path("installation_status").asText());
            assertEquals("unavailable", row(101).path("installation_status").asText(), "another project's row stays marked");
        }
    }

    /**
     * A link PostHog refuses for its malformed installation id: two activity rows (link_started, link_rejected). An
     * available_installations call writes none in the newest PostHog (docs/api-notes.md NL3).
     */
    private int refusedLink(int project, String key) {
        return http.post("/api/projects/" + project + "/integrations/github/link_existing/", key,
                "{\"installation_id\":\"not-a-number\"}").status();
    }
}
