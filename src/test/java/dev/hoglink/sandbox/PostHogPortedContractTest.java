package dev.hoglink.sandbox;

import static dev.hoglink.sandbox.SandboxContractTest.assertError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The observable assertions of PostHog's own API tests, run against the sandbox: each test's display name
 * names the PostHog file and test it comes from, and PostHog's test is the truth. Where PostHog's test uses
 * an endpoint Hoglink does not call (feature flags, dashboards), the same permission path is asserted on the
 * integrations endpoint and the name says "adapted". docs/api-notes.md lists what was not ported and why.
 */
class PostHogPortedContractTest {

    static final String KEYS = "posthog/api/test/test_personal_api_keys.py ";
    static final String INTEGRATION = "posthog/api/test/test_integration.py TestIntegrationAPIKeyAccess.";
    static final String USER = "posthog/api/test/test_user.py TestUserAPI.";
    static final String PROJECT = "ee/api/test/test_project.py ";
    static final String ONLY_PROJECTS = "API keys with scoped projects are only supported on project-based endpoints.";

    SandboxServer server;
    SandboxHttp http;
    String owner;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxOptions.defaults());
        http = new SandboxHttp(server.baseUri());
        owner = server.key("owner");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    /** A key for Ada (owner of Acme) with exactly these scopes, as PostHog's tests create them. */
    String keyWith(String... scopes) {
        return server.addKey(SeedWorld.ADA, List.of(scopes), List.of(), List.of());
    }

    int githubRow(int project) {
        return http.get("/api/projects/" + project + "/integrations/?kind=github", owner).json().path("results")
                .get(0).path("id").asInt();
    }

    int slackRow() {
        for (JsonNode r : http.get("/api/projects/101/integrations/", owner).json().path("results")) {
            if (r.path("kind").asText().equals("slack")) {
                return r.path("id").asInt();
            }
        }
        throw new AssertionError("the seed has a Slack row on 101");
    }

    @Nested
    class PersonalApiKeys {
        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysAPI.test_list_only_user_personal_api_keys")
        void listOnlyUserPersonalApiKeys() {
            JsonNode list = http.get("/api/personal_api_keys/", owner).json();
            assertTrue(list.isArray(), "a plain list, not a page");
            assertEquals(2, list.size(), "Ada's owner and project-scoped keys, no one else's");
            for (JsonNode k : list) {
                assertEquals(SeedWorld.ADA, k.path("user_id").asInt());
                assertTrue(k.path("value").isNull());
                assertTrue(k.has("description") && k.has("last_rolled_at") && k.has("local_dev_value"));
                assertFalse(k.path("is_legacy_hashing").asBoolean());
            }
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysAPI.test_get_own_personal_api_key")
        void getOwnPersonalApiKey() {
            String id = http.get("/api/personal_api_keys/@current/", owner).json().path("id").asText();
            assertEquals(id, http.get("/api/personal_api_keys/" + id + "/", owner).json().path("id").asText());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysAPI.test_get_someone_elses_personal_api_key")
        void getSomeoneElsesPersonalApiKey() {
            String bens = http.get("/api/personal_api_keys/@current/", server.key("admin")).json().path("id").asText();
            assertError(http.get("/api/personal_api_keys/" + bens + "/", owner), 404, "invalid_request", "not_found",
                    "Not found.");
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysAPIAuthentication.test_no_key (adapted: integrations)")
        void noKey() {
            assertError(http.get("/api/projects/101/integrations/", null), 401, "authentication_error",
                    "not_authenticated", "Authentication credentials were not provided.");
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysAPIAuthentication.test_header_resilient (adapted: integrations)")
        void headerResilient() {
            HttpRequest req = http.builder("/api/projects/101/integrations/", null)
                    .header("Authorization", "Bearer  " + owner + "  ").GET().build();
            assertEquals(200, http.send(req).status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysAPIAuthentication.test_query_string (adapted: integrations)")
        void queryString() {
            assertEquals(200, http.get("/api/projects/101/integrations/?personal_api_key=" + owner, null).status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysAPIAuthentication.test_user_endpoint")
        void userEndpoint() {
            assertEquals(200, http.get("/api/users/@me/", owner).status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysAPIAuthentication.test_cannot_create_other_keys")
        void cannotCreateOtherKeys() {
            assertEquals(403, http.post("/api/personal_api_keys/", owner,
                    "{\"label\":\"test\",\"scopes\":[\"insight:read\"],\"scoped_organizations\":[],\"scoped_teams\":[]}")
                    .status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysAPIAuthentication.test_cannot_edit_self")
        void cannotEditSelf() {
            String id = http.get("/api/personal_api_keys/@current/", owner).json().path("id").asText();
            assertEquals(403, http.post("/api/personal_api_keys/" + id + "/", owner, "{\"scopes\":[\"*\"]}").status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysAPIAuthentication.test_update_last_used_at_field")
        void updateLastUsedAtField() {
            String fresh = keyWith("*");
            assertEquals(200, http.get("/api/projects/101/integrations/", fresh).status());
            assertFalse(http.get("/api/personal_api_keys/@current/", fresh).json().path("last_used_at").isNull());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithScopeAPIAuthentication.test_allows_derived_scope_for_read (adapted)")
        void allowsDerivedScopeForRead() {
            assertEquals(200, http.get("/api/projects/101/integrations/", keyWith("integration:write")).status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithScopeAPIAuthentication.test_denies_derived_scope_for_write (adapted)")
        void deniesDerivedScopeForWrite() {
            SandboxHttp.Res r = http.post("/api/projects/102/integrations/github/link_existing/",
                    keyWith("integration:read"), "{}");
            assertEquals(403, r.status());
            assertEquals("API key missing required scope 'integration:write'", r.detail());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithScopeAPIAuthentication.test_special_handling_for_teams_still_forbids")
        void specialHandlingForTeamsStillForbids() {
            SandboxHttp.Res r = http.get("/api/projects/101/", keyWith("feature_flag:read"));
            assertEquals(403, r.status());
            assertEquals("API key missing required scope 'project:read'", r.detail());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithActivityLogCustomActions.test_denies_available_filters_with_unrelated_scope (adapted: activity_log)")
        void deniesActivityLogWithUnrelatedScope() {
            SandboxHttp.Res r = http.get("/api/projects/101/activity_log/", keyWith("feature_flag:read"));
            assertEquals(403, r.status());
            assertEquals("API key missing required scope 'activity_log:read'", r.detail());
        }
    }

    @Nested
    class OrganizationScopedKey {
        String key() {
            return server.key("org_scoped");
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithOrganizationScopeAPIAuthentication.test_allows_access_to_scoped_org")
        void allowsAccessToScopedOrg() {
            assertEquals(200, http.get("/api/organizations/" + SeedWorld.STARK_ORG, key()).status());
            assertEquals(200, http.get("/api/organizations/" + SeedWorld.STARK_ORG + "/projects", key()).status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithOrganizationScopeAPIAuthentication.test_allows_access_to_scoped_org_teams (adapted)")
        void allowsAccessToScopedOrgTeams() {
            assertEquals(200, http.get("/api/organizations/" + SeedWorld.STARK_ORG + "/projects/401", key()).status());
            assertEquals(200, http.get("/api/projects/401/integrations", key()).status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithOrganizationScopeAPIAuthentication.test_denies_access_to_non_scoped_org_and_team (adapted)")
        void deniesAccessToNonScopedOrgAndTeam() {
            assertEquals(404, http.get("/api/organizations/" + SeedWorld.WAYNE_ORG, key()).status());
            assertEquals(403, http.get("/api/projects/501/integrations", key()).status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithOrganizationScopeAPIAuthentication.test_allows_access_when_user_current_organization_differs_from_scoped_org (adapted)")
        void allowsAccessWhenCurrentOrganizationDiffers() {
            // Fay's current organization is Stark; this key is limited to Wayne.
            String wayneOnly = server.addKey(SeedWorld.FAY, List.of("*"), List.of(), List.of(SeedWorld.WAYNE_ORG));
            assertEquals(200, http.get("/api/projects/501/integrations/", wayneOnly).status());
            assertEquals(200, http.get("/api/projects/501/", wayneOnly).status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithOrganizationScopeAPIAuthentication.test_allows_user_me_read_access")
        void allowsUserMeReadAccess() {
            assertEquals(200, http.get("/api/users/@me/", key()).status());
        }
    }

    @Nested
    class TeamScopedKey {
        String key() {
            return server.key("two_projects");
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithTeamScopeAPIAuthentication.test_allows_access_to_team_resources (adapted)")
        void allowsAccessToTeamResources() {
            assertEquals(200, http.get("/api/organizations/" + SeedWorld.STARK_ORG + "/projects/401", key()).status());
            assertEquals(200, http.get("/api/projects/401", key()).status());
            assertEquals(200, http.get("/api/projects/401/integrations", key()).status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithTeamScopeAPIAuthentication.test_denies_access_to_org_resources")
        void deniesAccessToOrgResources() {
            assertError(http.get("/api/organizations/" + SeedWorld.STARK_ORG + "/projects", key()), 403,
                    "authentication_error", "permission_denied", ONLY_PROJECTS);
            assertError(http.get("/api/organizations/" + SeedWorld.STARK_ORG, key()), 403, "authentication_error",
                    "permission_denied", ONLY_PROJECTS);
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithTeamScopeAPIAuthentication.test_denies_access_to_non_scoped_org_and_team (adapted)")
        void deniesAccessToNonScopedOrgAndTeam() {
            assertEquals(403, http.get("/api/organizations/" + SeedWorld.WAYNE_ORG, key()).status());
            assertEquals(403, http.get("/api/projects/501/integrations", key()).status());
            assertEquals(403, http.get("/api/projects/501", key()).status());
        }

        @Test
        @DisplayName(KEYS + "TestPersonalAPIKeysWithTeamScopeAPIAuthentication.test_allows_user_me_read_access")
        void allowsUserMeReadAccess() {
            assertEquals(200, http.get("/api/users/@me/", key()).status());
        }
    }

    @Nested
    class Integrations {
        @Test
        @DisplayName(INTEGRATION + "test_list_integrations_without_scope_fails")
        void listWithoutScopeFails() {
            SandboxHttp.Res r = http.get("/api/environments/101/integrations/", keyWith("feature_flag:read"));
            assertEquals(403, r.status());
            assertTrue(r.detail().contains("integration:read"), r.detail());
        }

        @Test
        @DisplayName(INTEGRATION + "test_list_integrations_with_scope_succeeds")
        void listWithScopeSucceeds() {
            JsonNode results = http.get("/api/environments/101/integrations/", keyWith("integration:read")).json()
                    .path("results");
            Set<String> kinds = new HashSet<>();
            results.forEach(r -> {
                kinds.add(r.path("kind").asText());
                assertFalse(r.has("sensitive_config"));
            });
            assertEquals(Set.of("github", "slack"), kinds);
        }

        @Test
        @DisplayName(INTEGRATION + "test_retrieve_github_integration_with_scope_succeeds")
        void retrieveGitHubWithScopeSucceeds() {
            SandboxHttp.Res r = http.get("/api/environments/101/integrations/" + githubRow(101) + "/",
                    keyWith("integration:read"));
            assertEquals(200, r.status());
            assertEquals("github", r.json().path("kind").asText());
        }

        @Test
        @DisplayName(INTEGRATION + "test_retrieve_non_github_integration_with_api_key_succeeds")
        void retrieveNonGitHubWithApiKeySucceeds() {
            SandboxHttp.Res r = http.get("/api/environments/101/integrations/" + slackRow() + "/",
                    keyWith("integration:read"));
            assertEquals(200, r.status());
            assertEquals("slack", r.json().path("kind").asText());
            assertFalse(r.json().has("sensitive_config"));
        }

        @Test
        @DisplayName(INTEGRATION + "test_provider_lookup_actions_on_wrong_integration_return_400 (github_repos, refresh)")
        void providerLookupOnWrongIntegrationIs400() {
            String key = keyWith("integration:read", "integration:write");
            String base = "/api/environments/101/integrations/" + slackRow() + "/";
            SandboxHttp.Res repos = http.get(base + "github_repos/", key);
            assertEquals(400, repos.status());
            assertTrue(repos.detail().contains("GitHub"), repos.detail());
            SandboxHttp.Res refresh = http.post(base + "github_repos/refresh/", key, "");
            assertEquals(400, refresh.status());
            assertTrue(refresh.detail().contains("GitHub"), refresh.detail());
        }

        String repos(String query) {
            return "/api/environments/402/integrations/" + githubRowOf402() + "/github_repos/" + query;
        }

        int githubRowOf402() {
            return http.get("/api/projects/402/integrations/?kind=github", server.key("stark_owner")).json()
                    .path("results").get(0).path("id").asInt();
        }

        String starkKey(String... scopes) {
            return server.addKey(SeedWorld.FAY, List.of(scopes), List.of(), List.of());
        }

        @Test
        @DisplayName(INTEGRATION + "test_github_repos_with_scope_succeeds")
        void githubReposWithScopeSucceeds() {
            JsonNode data = http.get(repos(""), starkKey("integration:read")).json();
            assertEquals(100, data.path("repositories").size(), "default limit 100, offset 0");
            assertTrue(data.path("has_more").asBoolean());
        }

        @Test
        @DisplayName(INTEGRATION + "test_github_repos_pagination")
        void githubReposPagination() {
            JsonNode data = http.get(repos("?limit=100&offset=100"), starkKey("integration:read")).json();
            assertEquals(100, data.path("repositories").size());
            assertTrue(data.path("has_more").asBoolean());
        }

        @Test
        @DisplayName(INTEGRATION + "test_github_repos_has_more_false_when_partial_page")
        void githubReposHasMoreFalseWhenPartialPage() {
            JsonNode data = http.get(repos("?offset=200"), starkKey("integration:read")).json();
            assertEquals(50, data.path("repositories").size());
            assertFalse(data.path("has_more").asBoolean());
        }

        @Test
        @DisplayName(INTEGRATION + "test_github_repos_passes_limit_offset")
        void githubReposPassesLimitOffset() {
            JsonNode data = http.get(repos("?limit=10&offset=50"), starkKey("integration:read")).json();
            assertEquals(10, data.path("repositories").size());
            assertTrue(data.path("has_more").asBoolean());
        }

        @Test
        @DisplayName(INTEGRATION + "test_github_repos_passes_search_before_pagination")
        void githubReposPassesSearchBeforePagination() {
            JsonNode all = http.get(repos("?search=docs-&limit=500"), starkKey("integration:read")).json();
            JsonNode page = http.get(repos("?search=docs-&limit=1&offset=1"), starkKey("integration:read")).json();
            assertEquals(1, page.path("repositories").size());
            assertEquals(all.path("repositories").get(1), page.path("repositories").get(0),
                    "the search filters first, then limit and offset apply");
        }

        @Test
        @DisplayName(INTEGRATION + "test_refresh_github_repos_with_write_scope_succeeds")
        void refreshWithWriteScopeSucceeds() {
            SandboxHttp.Res r = http.post("/api/environments/402/integrations/" + githubRowOf402()
                    + "/github_repos/refresh/", starkKey("integration:write"), "");
            assertEquals(200, r.status(), r.raw());
            assertEquals(250, r.json().path("repositories").size());
            assertEquals("stark/web", r.json().path("repositories").get(0).path("full_name").asText());
        }

        @Test
        @DisplayName(INTEGRATION + "test_refresh_github_repos_with_read_scope_fails")
        void refreshWithReadScopeFails() {
            SandboxHttp.Res r = http.post("/api/environments/402/integrations/" + githubRowOf402()
                    + "/github_repos/refresh/", starkKey("integration:read"), "");
            assertEquals(403, r.status());
            assertTrue(r.detail().contains("integration:write"), r.detail());
        }

        @Test
        @DisplayName(INTEGRATION + "test_github_repos_without_scope_fails")
        void githubReposWithoutScopeFails() {
            SandboxHttp.Res r = http.get(repos(""), starkKey("feature_flag:read"));
            assertEquals(403, r.status());
            assertTrue(r.detail().contains("integration:read"), r.detail());
        }
    }

    @Nested
    class Users {
        @Test
        @DisplayName(USER + "test_retrieve_current_user")
        void retrieveCurrentUser() {
            JsonNode me = http.get("/api/users/@me/", server.key("member")).json();
            assertEquals("cy@acme.test", me.path("email").asText());
            assertTrue(me.path("has_password").asBoolean());
            assertFalse(me.path("is_staff").asBoolean());
            for (String hidden : List.of("password", "current_password", "set_current_team")) {
                assertFalse(me.has(hidden), hidden);
            }
            assertEquals(101, me.path("team").path("id").asInt());
            assertEquals("Web", me.path("team").path("name").asText());
            assertFalse(me.path("team").has("test_account_filters"));
            assertEquals("Acme Analytics", me.path("organization").path("name").asText());
            assertEquals(1, me.path("organization").path("membership_level").asInt());
            assertEquals(101, me.path("organization").path("teams").get(0).path("id").asInt());
            for (JsonNode o : me.path("organizations")) {
                for (String field : List.of("id", "name", "slug", "logo_media_id", "membership_level")) {
                    assertTrue(o.has(field), field);
                }
            }
        }

        @Test
        @DisplayName(USER + "test_can_only_list_yourself")
        void canOnlyListYourself() {
            JsonNode list = http.get("/api/users/", owner).json();
            assertEquals(1, list.path("count").asInt());
            String me = list.path("results").get(0).path("uuid").asText();
            assertEquals(http.get("/api/users/@me/", owner).json().path("uuid").asText(), me);
            String bens = http.get("/api/users/@me/", server.key("admin")).json().path("uuid").asText();
            assertError(http.get("/api/users/" + bens, owner), 403, "authentication_error", "permission_denied",
                    "As a non-staff user you're only allowed to access the `@me` user instance.");
        }

        @Test
        @DisplayName(USER + "test_unauthenticated_user_cannot_fetch_endpoint")
        void unauthenticatedUserCannotFetchEndpoint() {
            assertError(http.get("/api/users/@me/", null), 401, "authentication_error", "not_authenticated",
                    "Authentication credentials were not provided.");
        }

        @Test
        @DisplayName(USER + "test_creating_users_on_this_endpoint_is_not_supported")
        void creatingUsersIsNotSupported() {
            assertError(http.post("/api/users/", owner, "{\"first_name\":\"James\",\"email\":\"test+james@posthog.com\"}"),
                    405, "invalid_request", "method_not_allowed", "Method \"POST\" not allowed.");
        }
    }

    @Nested
    class Projects {
        @Test
        @DisplayName(PROJECT + "TestProjectAPI.test_list_projects_restricted_ones_hidden")
        void restrictedProjectsHidden() {
            JsonNode org = http.get("/api/organizations/" + SeedWorld.ACME_ORG + "/", server.key("member")).json();
            List<Integer> ids = new java.util.ArrayList<>();
            org.path("projects").forEach(p -> {
                ids.add(p.path("id").asInt());
                Set<String> keys = new HashSet<>();
                p.fieldNames().forEachRemaining(keys::add);
                assertEquals(Set.of("id", "name", "organization_id"), keys);
            });
            assertFalse(ids.contains(124), "the restricted Secret Lab is hidden from a member");
            assertEquals(23, ids.size());
            JsonNode list = http.get("/api/organizations/" + SeedWorld.ACME_ORG + "/projects/", server.key("member"))
                    .json();
            assertEquals(23, list.path("count").asInt());
        }

        @Test
        @DisplayName(PROJECT + "TestProjectAPI.test_cannot_create_project_in_org_without_access")
        void cannotCreateProjectInOrgWithoutAccess() {
            assertError(http.post("/api/organizations/" + SeedWorld.GLOBEX_ORG + "/projects/",
                    server.key("member_unlinked"), "{\"name\":\"Test\"}"), 404, "invalid_request", "not_found",
                    "Organization not found.");
        }
    }
}
