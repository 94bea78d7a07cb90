package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Every endpoint and error case of the shared API contract, over real HTTP against a fresh sandbox. */
class SandboxContractTest {

    SandboxServer server;
    SandboxHttp http;
    String owner;
    String admin;
    String member;
    String unlinked;
    String stale;
    String readonly;
    String scoped;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxOptions.defaults());
        http = new SandboxHttp(server.baseUri());
        owner = server.key("owner");
        admin = server.key("admin");
        member = server.key("member");
        unlinked = server.key("member_unlinked");
        stale = server.key("member_stale_github");
        readonly = server.key("readonly");
        scoped = server.key("project_scoped");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    static void assertError(SandboxHttp.Res r, int status, String type, String code, String detail) {
        assertEquals(status, r.status(), r.raw());
        JsonNode j = r.json();
        assertEquals(type, j.path("type").asText(), r.raw());
        assertEquals(code, j.path("code").asText(), r.raw());
        assertEquals(detail, j.path("detail").asText(), r.raw());
        assertTrue(j.has("attr"), r.raw());
    }

    JsonNode worldJson() {
        try {
            return SandboxHttp.MAPPER.readTree(server.snapshot());
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    SandboxHttp.Res link(String key, int project, String body) {
        return http.post("/api/projects/" + project + "/integrations/github/link_existing/", key, body);
    }

    List<JsonNode> githubRows(String key, int project) {
        List<JsonNode> out = new ArrayList<>();
        http.get("/api/projects/" + project + "/integrations/?kind=github", key).json().path("results").forEach(out::add);
        return out;
    }

    @Nested
    class CommonRules {
        @Test
        void noCredentialsIs401NotAuthenticatedWithWwwAuthenticate() {
            SandboxHttp.Res r = http.get("/api/projects/101/integrations/", null);
            assertError(r, 401, "authentication_error", "not_authenticated", "Authentication credentials were not provided.");
            assertEquals("Bearer resource_metadata=\"" + server.baseUri() + "/.well-known/oauth-protected-resource\"",
                    r.header("WWW-Authenticate"));
        }

        @Test
        void unknownKeyIs401AuthenticationFailed() {
            SandboxHttp.Res r = http.get("/api/projects/101/integrations/", "phx_not_a_real_key_0000");
            assertError(r, 401, "authentication_error", "authentication_failed",
                    "Personal API key found in request Authorization header is invalid.");
            assertNotNull(r.header("WWW-Authenticate"));
        }

        @Test
        void keyInQueryParameterAuthenticates() {
            assertEquals(200, http.get("/api/projects/101/integrations/?personal_api_key=" + owner, null).status());
        }

        @Test
        void unknownPathIsPostHogsCatchAll404() {
            // posthog/api/__init__.py api_not_found, routed for every unmatched /api/ path by posthog/urls.py
            assertError(http.get("/api/nothing-here/", owner), 404, "invalid_request", "not_found",
                    "Endpoint not found.");
            assertError(http.post("/api/projects/101/integrations/github/no_such_action/", owner, "{}"), 404,
                    "invalid_request", "not_found", "Endpoint not found.");
        }

        @Test
        void unknownProjectIs404ProjectNotFound() {
            assertError(http.get("/api/projects/999999/integrations/", owner), 404, "invalid_request", "not_found",
                    "Project not found.");
        }

        @Test
        void projectOfAnOrganizationTheUserIsNotInIs403() {
            assertError(http.get("/api/projects/201/integrations/", unlinked), 403, "authentication_error",
                    "permission_denied", "You don't have access to the project.");
        }

        @Test
        void restrictedProjectIsHiddenFromMembersNotListedOnIt() {
            assertEquals(403, http.get("/api/projects/124/integrations/", member).status());
            assertEquals(200, http.get("/api/projects/124/integrations/", unlinked).status());
            assertEquals(200, http.get("/api/projects/124/integrations/", admin).status());
            JsonNode list = http.get("/api/organizations/" + SeedWorld.ACME_ORG + "/projects/?limit=500", member).json();
            list.path("results").forEach(p -> assertNotEquals(124, p.path("id").asInt()));
            assertEquals(23, list.path("count").asInt());
        }

        @Test
        void environmentsAliasTrailingSlashAndAtCurrentReachTheSameRows() {
            String canonical = http.get("/api/projects/101/integrations/", owner).raw();
            assertEquals(canonical, http.get("/api/environments/101/integrations/", owner).raw());
            assertEquals(canonical, http.get("/api/projects/101/integrations", owner).raw());
            assertEquals(canonical, http.get("/api/projects/@current/integrations/", owner).raw());
            assertEquals(SeedWorld.ACME_ORG, http.get("/api/organizations/@current", owner).json().path("id").asText());
        }

        @Test
        void wrongMethodIs405() {
            assertError(http.method("PUT", "/api/projects/101/integrations/1/", owner), 405, "invalid_request",
                    "method_not_allowed", "Method \"PUT\" not allowed.");
            assertEquals(405, http.get("/api/projects/101/integrations/github/link_existing/", owner).status());
        }

        @Test
        void keyWithoutWriteScopeIs403NamingTheScopeBeforeTheBodyIsRead() {
            SandboxHttp.Res r = link(readonly, 110, "{\"installation_id\":\"0\"}");
            assertError(r, 403, "authentication_error", "permission_denied",
                    "API key missing required scope 'integration:write'");
            // N1's probe: a key with the scope gets the validation error instead, and nothing changes
            assertError(link(member, 110, "{\"installation_id\":\"0\"}"), 400, "validation_error", "invalid_input",
                    "Invalid installation_id");
            assertEquals(200, http.get("/api/projects/110/integrations/", readonly).status());
        }

        @Test
        void writeScopeSatisfiesReadAndStarSatisfiesAll() {
            World.PersonalKey k = new World.PersonalKey();
            k.scopes = List.of("integration:write");
            assertTrue(Gate.hasScope(k, "integration:read"));
            assertFalse(Gate.hasScope(k, "project:read"));
            k.scopes = List.of("integration:read");
            assertFalse(Gate.hasScope(k, "integration:write"));
            k.scopes = List.of("*");
            assertTrue(Gate.hasScope(k, "activity_log:read"));
            // The newest APIScopePermission gives a key without scopes no legacy exemption (api-notes NH1).
            k.scopes = List.of();
            assertFalse(Gate.hasScope(k, "integration:read"));
            k.scopes = null;
            assertFalse(Gate.hasScope(k, "integration:read"));
        }

        @Test
        void projectScopedKeyIsRefusedOtherProjects() {
            assertError(http.get("/api/projects/101/integrations/", scoped), 403, "authentication_error",
                    "permission_denied", "API key does not have access to the requested project: ID 101.");
            assertEquals(200, http.get("/api/projects/102/integrations/", scoped).status());
            // posthog/permissions.py check_team_and_org_permissions: organization views have no team.
            String onlyProjects = "API keys with scoped projects are only supported on project-based endpoints.";
            assertError(http.get("/api/organizations/" + SeedWorld.ACME_ORG + "/projects/", scoped), 403,
                    "authentication_error", "permission_denied", onlyProjects);
            assertError(http.get("/api/organizations/", scoped), 403, "authentication_error", "permission_denied",
                    onlyProjects);
            assertEquals(102, http.get("/api/organizations/" + SeedWorld.ACME_ORG + "/projects/102/", scoped).json()
                    .path("id").asInt());
        }

        @Test
        void organizationForbiddingPersonalKeysRefusesNonAdminsOnly() {
            assertError(http.get("/api/projects/201/integrations/", member), 403, "authentication_error",
                    "permission_denied", "Organization 'Globex Labs' does not allow using personal API keys. "
                            + "Contact an admin to enable personal API keys for this organization.");
            assertEquals(200, http.get("/api/projects/201/integrations/", owner).status());
        }
    }

    @Nested
    class Identity {
        @Test
        void meReturnsUserCurrentTeamAndOrganizationsWithLevels() {
            JsonNode me = http.get("/api/users/@me/", owner).json();
            assertEquals("ada@acme.test", me.path("email").asText());
            assertEquals(101, me.path("team").path("id").asInt());
            assertEquals(SeedWorld.ACME_ORG, me.path("organization").path("id").asText());
            Set<Integer> levels = new HashSet<>();
            me.path("organizations").forEach(o -> levels.add(o.path("membership_level").asInt()));
            assertEquals(Set.of(15, 8), levels);
            JsonNode cy = http.get("/api/users/@me/", member).json();
            assertEquals(1, cy.path("organization").path("membership_level").asInt());
        }

        @Test
        void otherUsersThanMeAre403() {
            assertEquals(403, http.get("/api/users/2/", owner).status());
        }

        @Test
        void currentKeyShowsScopesAndScopedTeamsButNoValue() {
            JsonNode k = http.get("/api/personal_api_keys/@current/", owner).json();
            assertTrue(k.path("value").isNull());
            assertEquals("*", k.path("scopes").get(0).asText());
            assertTrue(k.path("scoped_teams").isNull());
            assertTrue(k.path("scoped_organizations").isNull());
            assertTrue(k.path("mask_value").asText().startsWith("phx_..."));
            // A key limited to projects cannot read itself: the keys view is not project-based.
            assertError(http.get("/api/personal_api_keys/@current/", scoped), 403, "authentication_error",
                    "permission_denied", "API keys with scoped projects are only supported on project-based endpoints.");
            JsonNode org = http.get("/api/personal_api_keys/@current/", server.key("org_scoped")).json();
            assertEquals(SeedWorld.STARK_ORG, org.path("scoped_organizations").get(0).asText());
            JsonNode ro = http.get("/api/personal_api_keys/@current/", readonly).json();
            List<String> scopes = new ArrayList<>();
            ro.path("scopes").forEach(s -> scopes.add(s.asText()));
            assertTrue(scopes.contains("integration:read") && !scopes.contains("integration:write"), ro.toString());
        }
    }

    @Nested
    class OrganizationsAndProjects {
        @Test
        void organizationListIsPaginatedWithVisibleProjects() {
            JsonNode page = http.get("/api/organizations/", owner).json();
            assertEquals(3, page.path("count").asInt());
            assertTrue(page.path("next").isNull() && page.path("previous").isNull());
            JsonNode acme = page.path("results").get(0);
            assertEquals("Acme Analytics", acme.path("name").asText());
            assertEquals(15, acme.path("membership_level").asInt());
            assertEquals(24, acme.path("projects").size());
            assertEquals(24, acme.path("teams").size());
            assertEquals(5, acme.path("member_count").asInt());
            assertFalse(page.path("results").get(1).path("members_can_use_personal_api_keys").asBoolean());
        }

        @Test
        void organizationTheUserIsNotInIs404() {
            assertError(http.get("/api/organizations/" + SeedWorld.GLOBEX_ORG + "/", unlinked), 404, "invalid_request",
                    "not_found", "Not found.");
        }

        @Test
        void projectsPageWithLimitOffsetAndSearch() {
            String base = "/api/organizations/" + SeedWorld.ACME_ORG + "/projects/";
            JsonNode first = http.get(base + "?limit=10", owner).json();
            assertEquals(24, first.path("count").asInt());
            assertEquals(10, first.path("results").size());
            JsonNode second = http.get(first.path("next").asText(), owner).json();
            assertEquals(111, second.path("results").get(0).path("id").asInt());
            assertEquals(10, second.path("results").size());
            JsonNode third = http.get(second.path("next").asText(), owner).json();
            assertEquals(4, third.path("results").size());
            assertTrue(third.path("next").isNull());
            assertFalse(third.path("previous").isNull());
            JsonNode search = http.get(base + "?search=WEB", owner).json();
            assertEquals(1, search.path("count").asInt());
            assertEquals("Web", search.path("results").get(0).path("name").asText());
            JsonNode basic = first.path("results").get(0);
            for (String f : List.of("id", "uuid", "organization", "api_token", "name", "timezone", "is_demo")) {
                assertTrue(basic.has(f), f);
            }
            assertFalse(basic.has("project_id"), "ProjectBackwardCompatBasicSerializer (posthog/api/shared.py) has none");
        }

        @Test
        void projectDetailByIdAndAtCurrent() {
            assertEquals("Mobile", http.get("/api/organizations/@current/projects/102/", owner).json().path("name").asText());
            assertEquals(101, http.get("/api/organizations/@current/projects/@current/", owner).json().path("id").asInt());
            // PostHog caps a project level at admin: the owner reads 8 (posthog/user_permissions.py; api-notes NM1)
            assertEquals(8, http.get("/api/projects/101/", owner).json().path("effective_membership_level").asInt());
        }

        @Test
        void pageSizeIsOneHundredByDefault() throws IOException {
            try (SandboxServer big = SandboxServer.start(SandboxOptions.defaults().withExtraProjects(250))) {
                SandboxHttp h = new SandboxHttp(big.baseUri());
                JsonNode p = h.get("/api/organizations/" + SeedWorld.INITECH_ORG + "/projects/", big.key("owner")).json();
                assertEquals(250, p.path("count").asInt());
                assertEquals(100, p.path("results").size());
                assertTrue(p.path("next").asText().contains("limit=100") && p.path("next").asText().contains("offset=100"));
            }
        }
    }

    @Nested
    class Integrations {
        @Test
        void listShowsSharedStatusErrorsAndOrder() {
            JsonNode web = http.get("/api/projects/101/integrations/", owner).json();
            assertEquals(2, web.path("count").asInt());
            JsonNode gh = web.path("results").get(0);
            assertEquals("github", gh.path("kind").asText());
            assertEquals("acme", gh.path("display_name").asText());
            assertTrue(gh.path("installation_shared").asBoolean());
            assertEquals("connected", gh.path("installation_status").asText());
            assertEquals("10000001", gh.path("config").path("installation_id").asText());
            assertEquals("Organization", gh.path("config").path("account").path("type").asText());
            assertEquals("ada@acme.test", gh.path("created_by").path("email").asText());
            JsonNode slack = web.path("results").get(1);
            assertEquals("slack", slack.path("kind").asText());
            assertTrue(slack.path("installation_shared").isNull() && slack.path("installation_status").isNull());
            assertEquals(1, http.get("/api/projects/101/integrations/?kind=github", owner).json().path("count").asInt());
            assertFalse(githubRows(owner, 104).get(0).path("installation_shared").asBoolean());
            assertEquals("unavailable", githubRows(owner, 105).get(0).path("installation_status").asText());
            assertEquals("TOKEN_REFRESH_FAILED", githubRows(owner, 106).get(0).path("errors").asText());
            assertEquals(0, http.get("/api/projects/110/integrations/", owner).json().path("count").asInt());
        }

        @Test
        void detailOfRowAndRowOfAnotherProjectIs404() {
            int id = githubRows(owner, 101).get(0).path("id").asInt();
            assertEquals(id, http.get("/api/projects/101/integrations/" + id + "/", owner).json().path("id").asInt());
            assertError(http.get("/api/projects/102/integrations/" + id + "/", owner), 404, "invalid_request",
                    "not_found", "Not found.");
        }
    }

    @Nested
    class AvailableInstallations {
        @Test
        void listsVisibleSiblingsLowestRowAndPersonalOnlyInstallations() {
            SandboxHttp.Res r = http.get("/api/projects/110/integrations/github/available_installations/", member);
            assertEquals("private, no-store", r.header("Cache-Control"));
            JsonNode j = r.json();
            assertEquals("ok", j.path("personal_discovery_status").asText());
            assertEquals("cy-gh", j.path("personal_github_login").asText());
            assertTrue(j.path("personal_github_connected").asBoolean());
            assertEquals(36, j.path("discovery_id").asText().length());
            List<String> ids = new ArrayList<>();
            j.path("installations").forEach(i -> ids.add(i.path("installation_id").asText()));
            assertEquals(List.of("10000001", "10000002", "10000003", "10000004", "10000006", "10000008"), ids);
            JsonNode acme = j.path("installations").get(0);
            assertEquals(101, acme.path("source_team_id").asInt());
            assertEquals("Web", acme.path("source_team_name").asText());
            assertEquals("acme", acme.path("account_name").asText());
            JsonNode personal = j.path("installations").get(4);
            assertTrue(personal.path("source_team_id").isNull() && personal.path("source_team_name").isNull());
            assertEquals("User", personal.path("account_type").asText());
            assertNotEquals(j.path("discovery_id").asText(), http.get(
                    "/api/projects/110/integrations/github/available_installations/", member).json().path("discovery_id").asText());
        }

        @Test
        void withoutSourceNamesTheSourceIsGivenByIdAloneAsPostHogsCodeDoes() {
            server.knobs().setSourceTeamNames(false);
            JsonNode acme = http.get("/api/projects/110/integrations/github/available_installations/", member).json()
                    .path("installations").get(0);
            assertEquals(101, acme.path("source_team_id").asInt());
            assertTrue(acme.has("source_team_name") && acme.path("source_team_name").isNull(), acme.toString());
        }

        @Test
        void excludesTheProjectItselfAndShowsOrphansToThoseWhoSeeThem() {
            JsonNode j = http.get("/api/projects/101/integrations/github/available_installations/", unlinked).json();
            assertEquals("not_connected", j.path("personal_discovery_status").asText());
            assertFalse(j.path("personal_github_connected").asBoolean());
            JsonNode first = j.path("installations").get(0);
            assertEquals("10000001", first.path("installation_id").asText());
            assertEquals(102, first.path("source_team_id").asInt());
            boolean secret = false;
            for (JsonNode i : j.path("installations")) {
                secret |= i.path("installation_id").asText().equals(SeedWorld.INST_SECRET_ORPHAN);
            }
            assertTrue(secret, "Dee is listed on Secret Lab, so she sees its installation");
        }

        @Test
        void brokenPersonalTokenReportsUnavailable() {
            JsonNode j = http.get("/api/projects/110/integrations/github/available_installations/", stale).json();
            assertEquals("unavailable", j.path("personal_discovery_status").asText());
            assertTrue(j.path("personal_github_connected").asBoolean());
        }
    }

    @Nested
    class LinkExisting {
        @Test
        void adminLinksSiblingInstallationWithoutGitHubProof() {
            SandboxHttp.Res r = link(admin, 110, "{\"installation_id\":\"10000001\",\"discovery_id\":null}");
            assertEquals(200, r.status(), r.raw());
            JsonNode row = r.json();
            assertEquals("github", row.path("kind").asText());
            assertTrue(row.path("installation_shared").asBoolean());
            assertEquals("ben@acme.test", row.path("created_by").path("email").asText());
            assertEquals("ada-gh", row.path("config").path("connecting_user_github_login").asText());
            assertEquals(1, githubRows(admin, 110).size());
        }

        @Test
        void relinkIsIdempotentSameRowLatestCaller() {
            int first = link(admin, 110, "{\"installation_id\":\"10000001\"}").json().path("id").asInt();
            JsonNode again = link(owner, 110, "{\"installation_id\":\"10000001\"}").json();
            assertEquals(first, again.path("id").asInt());
            assertEquals("ada@acme.test", again.path("created_by").path("email").asText());
            assertEquals(1, githubRows(owner, 110).size());
        }

        @Test
        void relinkClearsErrors() {
            JsonNode row = link(owner, 106, "{\"installation_id\":\"10000004\"}").json();
            assertEquals("", row.path("errors").asText());
            assertEquals(1, githubRows(owner, 106).size());
        }

        @Test
        void memberWithPersonalGitHubProofLinks() {
            SandboxHttp.Res r = link(member, 110, "{\"installation_id\":\"10000001\"}");
            assertEquals(200, r.status(), r.raw());
            assertEquals("cy@acme.test", r.json().path("created_by").path("email").asText());
        }

        @Test
        void sourceTeamIdPicksItsInstallation() {
            SandboxHttp.Res r = link(owner, 110, "{\"source_team_id\":104}");
            assertEquals(200, r.status(), r.raw());
            assertEquals("10000002", r.json().path("config").path("installation_id").asText());
            assertEquals("10000002", link(owner, 111, "{\"source_team_id\":\"104\",\"installation_id\":\"10000002\"}")
                    .json().path("config").path("installation_id").asText());
        }

        @Test
        void emptyBodyUsesTheOnlyInstallationOfTheOrganization() {
            SandboxHttp.Res r = link(owner, 203, "{}");
            assertEquals(200, r.status(), r.raw());
            assertEquals(SeedWorld.INST_GLOBEX, r.json().path("config").path("installation_id").asText());
        }

        @Test
        void adoptionByAdminWithGitHubAccessLinksAnInstallationNoProjectHas() {
            SandboxHttp.Res r = link(owner, 110, "{\"installation_id\":\"10000007\"}");
            assertEquals(200, r.status(), r.raw());
            assertFalse(r.json().path("installation_shared").asBoolean());
            assertEquals("acme-oss", r.json().path("display_name").asText());
        }

        @Test
        void invalidInstallationIdsAreRefused() {
            for (String bad : List.of("\"0\"", "\"0123\"", "\"123456789012345678901\"", "\"12a\"", "\"-5\"", "0")) {
                assertError(link(owner, 110, "{\"installation_id\":" + bad + "}"), 400, "validation_error",
                        "invalid_input", "Invalid installation_id");
            }
            SandboxHttp.Res twenty = link(owner, 110, "{\"installation_id\":\"12345678901234567890\"}");
            assertEquals("installation_access_denied", twenty.code(), "twenty digits pass the pattern");
        }

        @Test
        void wrongFieldTypeNamesTheField() {
            SandboxHttp.Res r = link(owner, 110, "{\"installation_id\":{\"x\":1}}");
            assertEquals(400, r.status());
            assertEquals("installation_id", r.json().path("attr").asText());
            assertEquals("invalid_input", r.code());
        }

        @Test
        void blankInstallationIdCountsAsAbsent() {
            assertEquals("Your organization has multiple GitHub installations; specify which one to link via installation_id",
                    link(owner, 110, "{\"installation_id\":\"\"}").detail());
        }

        @Test
        void sourceTeamErrors() {
            SandboxHttp.Res notInt = link(owner, 110, "{\"source_team_id\":\"abc\"}");
            assertError(notInt, 400, "validation_error", "invalid_input", "A valid integer is required.");
            assertEquals("source_team_id", notInt.json().path("attr").asText());
            assertEquals("source_team_id", link(owner, 110, "{\"source_team_id\":1.5}").json().path("attr").asText());
            assertError(link(owner, 110, "{\"source_team_id\":201}"), 400, "validation_error", "invalid_input",
                    "Source team not found in your organization");
            assertError(link(member, 110, "{\"source_team_id\":124}"), 400, "validation_error", "invalid_input",
                    "Source team not found in your organization");
            assertError(link(owner, 110, "{\"source_team_id\":111}"), 400, "validation_error", "invalid_input",
                    "Source team does not have a GitHub integration");
            assertError(link(owner, 110, "{\"source_team_id\":101,\"installation_id\":\"10000002\"}"), 400,
                    "validation_error", "invalid_input", "Source team does not have a GitHub integration");
            assertError(link(owner, 110, "{\"source_team_id\":107}"), 400, "validation_error", "invalid_input",
                    "Source integration is missing installation_id");
        }

        @Test
        void multipleInstallationsNeedAnInstallationId() {
            assertError(link(owner, 110, "{}"), 400, "validation_error", "invalid_input",
                    "Your organization has multiple GitHub installations; specify which one to link via installation_id");
            // team_services.py tests `if source_team_id:`, so a 0 is as if none were given
            assertError(link(owner, 110, "{\"source_team_id\":0}"), 400, "validation_error", "invalid_input",
                    "Your organization has multiple GitHub installations; specify which one to link via installation_id");
        }

        @Test
        void orphanErrors() {
            assertError(link(member, 110, "{\"installation_id\":\"10000005\"}"), 400, "validation_error",
                    "github_link_existing_orphan_installation",
                    "No team in your organization has this GitHub installation linked");
            assertError(link(owner, 301, "{}"), 400, "validation_error", "github_link_existing_orphan_installation",
                    "No team in your organization has a GitHub installation to link");
        }

        @Test
        void memberWithoutPersonalGitHubIsAskedToConnectIt() {
            assertError(link(unlinked, 110, "{\"installation_id\":\"10000001\"}"), 400, "validation_error",
                    "github_link_existing_personal_github_required",
                    "You must connect your personal GitHub account (via Linked Accounts) before linking an existing "
                            + "installation, to confirm you have access to the GitHub App installation.");
            assertEquals("github_link_existing_personal_github_required",
                    link(admin, 110, "{\"installation_id\":\"10000007\"}").code(), "adoption needs proof even for admins");
        }

        @Test
        void memberWithBrokenGitHubTokenIsAskedForAWorkingLink() {
            // personal_state.py usable_personal_github_token: no link with a usable token is no proof at all
            assertError(link(stale, 110, "{\"installation_id\":\"10000001\"}"), 400, "validation_error",
                    "github_link_existing_personal_github_required", GitHubLinks.PERSONAL_GITHUB_REQUIRED);
        }

        @Test
        void aStaleNewestLinkDoesNotHideAnOlderOneThatWorks() {
            server.addPersonalGitHubLink(SeedWorld.CY, "10000001", "cy-gh", false);
            assertEquals(200, link(member, 110, "{\"installation_id\":\"10000001\"}").status(),
                    "usable_personal_github_token tries each link, newest first");
        }

        @Test
        void adoptionNeedsProjectAdmin() {
            assertError(link(member, 110, "{\"installation_id\":\"10000006\"}"), 400, "validation_error",
                    "github_adoption_admin_required",
                    "Linking a GitHub installation that no project has connected yet requires admin access to this "
                            + "project. Ask a project admin to link it.");
        }

        @Test
        void installationTheCallersGitHubCannotSeeIsDenied() {
            assertError(link(owner, 110, "{\"installation_id\":\"10000099\"}"), 400, "validation_error",
                    "installation_access_denied", "You do not have access to this GitHub installation");
            assertEquals("github_link_existing_personal_github_required",
                    link(member, 110, "{\"installation_id\":\"10000002\"}").code(),
                    "for sibling reuse a token without access counts as no proof");
        }

        @Test
        void installationGoneOnGitHubFailsTheFetch() {
            SandboxHttp.Res r = link(admin, 110, "{\"installation_id\":\"10000003\"}");
            assertEquals(500, r.status());
            assertEquals("server_error", r.json().path("type").asText());
        }

        @Test
        void bodyThatIsNotJsonIsAParseError() {
            SandboxHttp.Res r = link(owner, 110, "{nope");
            assertEquals(400, r.status());
            assertEquals("parse_error", r.code());
        }
    }

    @Nested
    class OAuthAuthorize {
        @Test
        void answersGitHubShapedUrlOnTheSandboxOrigin() {
            SandboxHttp.Res r = http.post("/api/projects/110/integrations/github/oauth_authorize/", member,
                    "{\"installation_id\":\"10000001\",\"next\":\"/project/110/settings\"}");
            assertEquals(200, r.status(), r.raw());
            String url = r.json().path("oauth_url").asText();
            String prefix = server.baseUri() + "/login/oauth/authorize?client_id=";
            assertTrue(url.startsWith(prefix), url);
            assertTrue(url.contains("&redirect_uri=" + Paging.enc(server.baseUri() + "/complete/github-link/")), url);
            String state = url.substring(url.indexOf("&state=") + 7);
            assertTrue(state.startsWith("token%3D"), url);
            assertEquals(48, state.substring("token%3D".length()).length());
        }

        @Test
        void validatesInstallationIdAndNext() {
            String p = "/api/projects/110/integrations/github/oauth_authorize/";
            assertError(http.post(p, member, "{}"), 400, "validation_error", "invalid_input", "installation_id is required");
            assertError(http.post(p, member, "{\"installation_id\":\"007\"}"), 400, "validation_error", "invalid_input",
                    "Invalid installation_id");
            for (String next : List.of("https://evil.example/", "//evil.example/x", "settings")) {
                assertError(http.post(p, member, "{\"installation_id\":\"10000001\",\"next\":\"" + next + "\"}"), 400,
                        "validation_error", "invalid_input", "next must be a relative path starting with /");
            }
            assertEquals(403, http.post(p, readonly, "{\"installation_id\":\"10000001\"}").status());
        }

        /**
         * posthog/api/integration.py github_oauth_authorize passes str(request.data.get(...) or "") on, not its
         * serializer's output: falsy values are absent, nothing is trimmed, true reads "True".
         */
        @Test
        void readsTheRawBodyAsPostHogsViewDoes() {
            String p = "/api/projects/110/integrations/github/oauth_authorize/";
            for (String id : List.of("0", "false", "\"\"", "null", "[]")) {
                assertError(http.post(p, member, "{\"installation_id\":" + id + "}"), 400, "validation_error",
                        "invalid_input", "installation_id is required");
            }
            for (String id : List.of("\" 10000001\"", "true", "10000001.0", "[10000001]")) {
                assertError(http.post(p, member, "{\"installation_id\":" + id + "}"), 400, "validation_error",
                        "invalid_input", "Invalid installation_id");
            }
            assertEquals(200, http.post(p, member, "{\"installation_id\":10000001,\"next\":false}").status());
            assertError(http.post(p, member, "{\"installation_id\":10000001,\"next\":5}"), 400, "validation_error",
                    "invalid_input", "next must be a relative path starting with /");
        }
    }

    @Nested
    class Delete {
        @Test
        void sharedRowIsRemovedAndTheAppStays() {
            int id = githubRows(owner, 102).get(0).path("id").asInt();
            assertEquals(204, http.delete("/api/projects/102/integrations/" + id + "/", owner).status());
            assertEquals(0, githubRows(owner, 102).size());
            JsonNode web = githubRows(owner, 101).get(0);
            assertTrue(web.path("installation_shared").asBoolean(), "103 still shares it");
            assertEquals("connected", web.path("installation_status").asText());
            assertError(http.delete("/api/projects/102/integrations/" + id + "/", owner), 404, "invalid_request",
                    "not_found", "Not found.");
        }

        @Test
        void lastReferenceUninstallsAndDropsPersonalLinks() {
            for (int p : List.of(103, 102, 101)) {
                int id = githubRows(owner, p).get(0).path("id").asInt();
                assertEquals(204, http.delete("/api/projects/" + p + "/integrations/" + id + "/", owner).status());
            }
            JsonNode ada = http.get("/api/projects/110/integrations/github/available_installations/", owner).json();
            assertEquals("not_connected", ada.path("personal_discovery_status").asText(), ada.toString());
            JsonNode cy = http.get("/api/projects/110/integrations/github/available_installations/", member).json();
            cy.path("installations").forEach(i -> assertNotEquals("10000001", i.path("installation_id").asText()));
            JsonNode world = worldJson();
            for (JsonNode i : world.path("installations")) {
                if (i.path("installationId").asText().equals("10000001")) {
                    assertEquals("uninstalled", i.path("status").asText());
                }
            }
            world.path("personalLinks").forEach(l -> assertNotEquals("10000001", l.path("installationId").asText()));
            JsonNode log = http.get("/api/projects/101/activity_log/?scope=Integration", owner).json();
            List<String> events = new ArrayList<>();
            log.path("results").forEach(r -> events.add(r.path("detail").path("trigger").path("payload").path("event").asText()));
            assertEquals(List.of("deleted", "credential_deleted", "credential_deleted", "credential_deleted", "uninstall_completed",
                    "disconnect_started"), events);
            assertEquals("deleted", log.path("results").get(0).path("activity").asText());
            assertEquals("github_diagnostic", log.path("results").get(1).path("activity").asText());
            // GitHubAudit.personal (api-notes NL3): of the organization the link was made from and of no team, naming
            // the personal link and its installation, no owner; Acme Web receives organization-level rows.
            JsonNode removed = log.path("results").get(1);
            assertTrue(removed.has("team_id") && removed.path("team_id").isNull(), removed.toString());
            assertEquals(SeedWorld.ACME_ORG, removed.path("organization_id").asText());
            JsonNode payload = removed.path("detail").path("trigger").path("payload");
            assertEquals(removed.path("item_id").asText(), payload.path("integration_id").asText());
            assertEquals(payload.path("personal_integration_id").asText(), payload.path("integration_id").asText());
            assertTrue(payload.path("personal_integration_id").isTextual(), "str(pk)");
            assertEquals("10000001", payload.path("installation_id").asText());
            assertTrue(payload.path("installation_owner").isNull(), payload.toString());
            assertEquals("10000001", removed.path("detail").path("name").asText(), "no owner: the installation");
            assertEquals("last_project_disconnected", payload.path("reason").asText());
            assertEquals(List.of("integration_id", "installation_id", "installation_owner", "personal_integration_id",
                    "owning_user_id", "github_user_id", "github_login", "credential_version", "identity_verified_at",
                    "reason"), fieldNames(payload).subList(1, 11));
            JsonNode shared = http.get("/api/projects/103/activity_log/?scope=Integration", owner).json().path("results");
            List<String> sharedEvents = new ArrayList<>();
            shared.forEach(r -> sharedEvents.add(r.path("detail").path("trigger").path("payload").path("event").asText()));
            assertFalse(sharedEvents.contains("credential_deleted"),
                    "103 does not receive organization-level rows: " + sharedEvents);
            assertEquals("skipped", shared.get(1).path("detail").path("trigger").path("payload").path("outcome").asText(),
                    "an installation still shared is not uninstalled");
        }

        /**
         * GitHub refuses the uninstall of the last reference's installation: PostHog still deletes the row and its
         * personal links and answers 204, records the uninstall as failed, and the app stays installed on GitHub
         * (posthog/api/integration.py perform_destroy, docs/api-notes.md NH20).
         */
        @Test
        void lastReferenceWhoseUninstallGitHubRefusesIsStillDeletedAndRecordedAsFailed() {
            server.refuseUninstall("10000001", true);
            for (int p : List.of(103, 102, 101)) {
                int id = githubRows(owner, p).get(0).path("id").asInt();
                assertEquals(204, http.delete("/api/projects/" + p + "/integrations/" + id + "/", owner).status());
            }
            assertEquals(0, githubRows(owner, 101).size(), "the row is deleted all the same");
            JsonNode world = worldJson();
            boolean seen = false;
            for (JsonNode i : world.path("installations")) {
                if (i.path("installationId").asText().equals("10000001")) {
                    assertEquals("active", i.path("status").asText(), "still installed on GitHub");
                    seen = true;
                }
            }
            assertTrue(seen);
            world.path("personalLinks").forEach(l -> assertNotEquals("10000001", l.path("installationId").asText()));
            JsonNode results = http.get("/api/projects/101/activity_log/?scope=Integration", owner).json().path("results");
            List<String> events = new ArrayList<>();
            results.forEach(r -> events.add(r.path("detail").path("trigger").path("payload").path("event").asText()));
            assertEquals(List.of("deleted", "credential_deleted", "credential_deleted", "credential_deleted",
                    "uninstall_completed", "disconnect_started"), events);
            JsonNode uninstall = results.get(4).path("detail").path("trigger").path("payload");
            assertEquals("failed", uninstall.path("outcome").asText(), uninstall.toString());
            assertEquals("GitHubIntegrationError", uninstall.path("failure_type").asText(), uninstall.toString());
            assertTrue(results.get(5).path("detail").path("trigger").path("payload").path("last_reference").asBoolean());
        }

        @Test
        void nonAdminCannotDelete() {
            int id = githubRows(owner, 101).get(0).path("id").asInt();
            assertError(http.delete("/api/projects/101/integrations/" + id + "/", member), 403, "authentication_error",
                    "permission_denied", "You don't have sufficient permissions in the project.");
        }

        @Test
        void rowsInUseAreRefusedWithTheirUses() {
            assertError(http.delete("/api/projects/104/integrations/" + githubRows(owner, 104).get(0).path("id").asInt() + "/", owner),
                    400, "validation_error", "invalid_input", "This integration is used by active workflows: Deploy digest, PR triage. "
                            + "Update them to use a different integration before disconnecting it.");
            assertEquals("This integration is used by batch exports: Nightly S3 export. "
                            + "Update them to use a different integration before disconnecting it.",
                    http.delete("/api/projects/106/integrations/" + githubRows(owner, 106).get(0).path("id").asInt() + "/", owner).detail());
            assertTrue(http.delete("/api/projects/201/integrations/" + githubRows(owner, 201).get(0).path("id").asInt() + "/", owner)
                    .detail().equals("This GitHub integration is being used by 2 in-progress background agent runs. "
                            + "Wait for them to finish or cancel them before disconnecting it."));
            assertEquals("This integration is used by enabled data pipelines: GitHub issues source. "
                            + "Update them to use a different integration before disconnecting it.",
                    http.delete("/api/projects/202/integrations/" + githubRows(owner, 202).get(0).path("id").asInt() + "/", owner).detail());
        }
    }

    @Nested
    class Repositories {
        int labs() {
            return githubRows(owner, 104).get(0).path("id").asInt();
        }

        @Test
        void pagesWithLimitAndOffset() {
            JsonNode j = http.get("/api/projects/104/integrations/" + labs() + "/github_repos/?limit=5&offset=25", owner).json();
            assertEquals(30, j.path("total").asInt(), "the newest github_repos names every match (api-notes NI3)");
            assertEquals(5, j.path("repositories").size());
            assertFalse(j.path("has_more").asBoolean());
            JsonNode first = http.get("/api/projects/104/integrations/" + labs() + "/github_repos/?limit=5", owner).json();
            assertTrue(first.path("has_more").asBoolean());
            JsonNode repo = first.path("repositories").get(0);
            for (String f : List.of("id", "name", "full_name", "private", "default_branch", "language", "pushed_at", "archived", "can_push")) {
                assertTrue(repo.has(f), f);
            }
            assertEquals("acme-labs/web", repo.path("full_name").asText());
        }

        @Test
        void searchIsCaseInsensitive() {
            JsonNode j = http.get("/api/projects/104/integrations/" + labs() + "/github_repos/?search=WEB", owner).json();
            assertEquals(3, j.path("repositories").size());
            j.path("repositories").forEach(r -> assertTrue(r.path("name").asText().contains("web")));
        }

        @Test
        void searchMatchesTheFullNameSoTheOwnersNameMatchesEveryRepository() {
            // _filter_cached_repositories (posthog/models/github_integration_base.py) looks in full_name.
            JsonNode owners = http.get("/api/projects/104/integrations/" + labs()
                    + "/github_repos/?search=%20ACME-LABS/&limit=500", owner).json();
            assertEquals(30, owners.path("repositories").size());
            assertFalse(owners.path("has_more").asBoolean());
        }

        @Test
        void limitOutsideOneToFiveHundredIsRefused() {
            assertEquals(400, http.get("/api/projects/104/integrations/" + labs() + "/github_repos/?limit=0", owner).status());
            assertEquals(400, http.get("/api/projects/104/integrations/" + labs() + "/github_repos/?limit=501", owner).status());
            assertEquals(200, http.get("/api/projects/104/integrations/" + labs() + "/github_repos/?limit=500", owner).status());
            assertEquals(400, http.get("/api/projects/104/integrations/" + labs() + "/github_repos/?offset=-1", owner).status());
        }

        @Test
        void nonGitHubRowIsRefused() {
            int slack = http.get("/api/projects/101/integrations/?kind=slack", owner).json().path("results").get(0).path("id").asInt();
            assertError(http.get("/api/projects/101/integrations/" + slack + "/github_repos/", owner), 400,
                    "validation_error", "invalid_input", "github_repos endpoint is only supported for GitHub integrations");
            assertEquals("refresh_github_repos endpoint is only supported for GitHub integrations",
                    http.post("/api/projects/101/integrations/" + slack + "/github_repos/refresh/", owner, "").detail());
        }

        @Test
        void refreshReportsInstallationStatus() {
            JsonNode ok = http.post("/api/projects/104/integrations/" + labs() + "/github_repos/refresh/", owner, "").json();
            assertEquals("connected", ok.path("installation_status").asText());
            assertEquals(30, ok.path("repositories").size());
            int legacy = githubRows(owner, 105).get(0).path("id").asInt();
            JsonNode gone = http.post("/api/projects/105/integrations/" + legacy + "/github_repos/refresh/", owner, "").json();
            assertEquals("unavailable", gone.path("installation_status").asText());
            assertEquals(4, gone.path("repositories").size(), "the last cached list comes back");
            assertEquals(403, http.post("/api/projects/104/integrations/" + labs() + "/github_repos/refresh/", readonly, "").status());
        }
    }

    @Nested
    class ActivityLog {
        @Test
        void linkWritesAnIntegrationRowShapedLikeGitHubAudit() {
            int id = link(admin, 110, "{\"installation_id\":\"10000001\"}").json().path("id").asInt();
            assertEquals(0, http.get("/api/projects/110/activity_log/?scope=Integration&item_id=" + id, owner).json()
                    .path("results").size(), "the link endpoint's audit names no integration (api-notes NL2)");
            JsonNode page = http.get("/api/projects/110/activity_log/?scope=Integration&item_id=None", owner).json();
            assertFalse(page.has("count"));
            JsonNode row = page.path("results").get(0);
            assertEquals("Integration", row.path("scope").asText());
            assertEquals("github_diagnostic", row.path("activity").asText());
            assertEquals("None", row.path("item_id").asText());
            assertEquals("GitHub", row.path("detail").path("name").asText());
            assertEquals("ben@acme.test", row.path("user").path("email").asText());
            assertEquals(SeedWorld.ACME_ORG, row.path("organization_id").asText());
            JsonNode trigger = row.path("detail").path("trigger");
            assertEquals("github", trigger.path("job_type").asText());
            JsonNode payload = trigger.path("payload");
            assertEquals("link_completed", payload.path("event").asText());
            assertEquals(id, payload.path("linked_integration_id").asInt());
            assertEquals("10000001", payload.path("installation_id").asText());
            assertTrue(payload.path("installation_owner").isNull(), payload.toString());
            JsonNode rejected = http.get("/api/projects/110/activity_log/?user=2", owner).json();
            assertTrue(rejected.path("results").size() >= 1);
        }

        /**
         * api-notes NL3: the newest github_audit.py keeps discovery_completed (LOG_ONLY_EVENTS) in PostHog's server log;
         * available_installations leaves no activity row, however often it is asked.
         */
        @Test
        void discoveryIsInTheServerLogOnlyNotInTheActivityLog() {
            for (int i = 0; i < 3; i++) {
                assertEquals(200, http.get("/api/projects/110/integrations/github/available_installations/", member)
                        .status());
            }
            List<String> events = new ArrayList<>();
            http.get("/api/projects/110/activity_log/", owner).json().path("results")
                    .forEach(r -> events.add(r.path("detail").path("trigger").path("payload").path("event").asText()));
            assertFalse(events.contains("discovery_completed"), "no activity row for a discovery: " + events);
            assertEquals(3, server.gitHubEventsLogged("discovery_completed", 110));
            assertEquals(0, server.gitHubEventsLogged("discovery_completed", 101));
        }

        @Test
        void rejectionsAreLoggedWithTheirReason() {
            link(unlinked, 110, "{\"installation_id\":\"10000001\"}");
            JsonNode row = http.get("/api/projects/110/activity_log/", owner).json().path("results").get(0);
            JsonNode payload = row.path("detail").path("trigger").path("payload");
            assertEquals("link_rejected", payload.path("event").asText());
            assertEquals("github_link_existing_personal_github_required", payload.path("rejection_reason").get(0).asText());
            JsonNode started = http.get("/api/projects/110/activity_log/", owner).json().path("results").get(1);
            assertEquals("link_started", started.path("detail").path("trigger").path("payload").path("event").asText());
        }

        @Test
        void cursorPaginationWalksNewestFirst() {
            for (int i = 0; i < 65; i++) { // link_started and link_rejected each
                assertEquals(400, link(owner, 112, "{\"installation_id\":\"not-a-number\"}").status());
            }
            JsonNode first = http.get("/api/projects/112/activity_log/", owner).json();
            assertEquals(100, first.path("results").size());
            assertTrue(first.path("previous").isNull());
            String next = first.path("next").asText();
            assertTrue(next.contains("cursor="), next);
            JsonNode second = http.get(next, owner).json();
            assertEquals(30, second.path("results").size());
            assertTrue(second.path("next").isNull());
            Set<String> ids = new HashSet<>();
            first.path("results").forEach(r -> ids.add(r.path("id").asText()));
            second.path("results").forEach(r -> ids.add(r.path("id").asText()));
            assertEquals(130, ids.size());
            JsonNode back = http.get(second.path("previous").asText(), owner).json();
            assertEquals(first.path("results").get(0).path("id"), back.path("results").get(0).path("id"));
            assertEquals(403, http.get("/api/projects/112/activity_log/", scoped).status());
        }
    }

    private static List<String> fieldNames(JsonNode n) {
        List<String> names = new ArrayList<>();
        n.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
