package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;

/**
 * What stands in front of every handler, as PostHog's authentication classes, permission classes and
 * throttles do: the personal API key (header, query or body), the route's scope, the key's reach (scoped
 * projects and organizations, the organization's personal-key ban), the user's access to the project or
 * organization of the URL, and the personal-key throttle (counted after those checks, as DRF does).
 */
final class Gate {

    private final SandboxKnobs knobs;
    private final Throttle throttle;
    private final Clock clock;
    /** The authorization server's tokens, when the sandbox plays it (always, in SandboxServer). */
    private volatile OAuthStore oauthTokens;

    Gate(SandboxKnobs knobs, Clock clock) {
        this.knobs = knobs;
        this.clock = clock;
        this.throttle = new Throttle(clock);
    }

    /** Lets requests authenticate with the OAuth access tokens of {@code store}. */
    void acceptOAuth(OAuthStore store) {
        this.oauthTokens = store;
    }

    static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /**
     * What a view is based on, which decides how PostHog's {@code check_team_and_org_permissions} treats a key
     * limited to some projects or organizations (posthog/permissions.py, posthog/api/routing.py).
     */
    enum Reach {
        /** {@code /api/users/...}: scope object {@code user}, exempt from project and organization limits. */
        USER,
        /** Neither project- nor organization-based ({@code /api/personal_api_keys/...}); its organization is the user's current one. */
        UNSCOPED,
        /** {@code /api/organizations/} and one organization: no team; organization from the user's current one. */
        ORGANIZATION,
        /** {@code /api/organizations/{id}/projects/}: the organization of the URL, no team. */
        ORGANIZATION_PROJECTS,
        /** {@code /api/organizations/{id}/projects/{team}/}: the organization of the URL and that project. */
        ORGANIZATION_PROJECT,
        /** {@code /api/projects/{team}/...}: the project (team) of the URL. */
        TEAM,
        /**
         * {@code /api/projects/{id}/} itself (ProjectViewSet): the id names a project, never an environment's team;
         * a number that names no project the user can see is 404 {@code Not found.} ({@link #urlProject}).
         */
        PROJECT,
        /** {@code /api/environments/{id}/} (RootTeamViewSet): any team the user can see ({@link #urlEnvironment}). */
        ENVIRONMENT
    }

    static final String SCOPED_TEAMS_ONLY_PROJECTS =
            "API keys with scoped projects are only supported on project-based endpoints.";

    /**
     * Authentication, then PostHog's APIScopePermission as its newest version has it (docs/api-notes.md NH1): an
     * OAuth token without scopes is refused outright; every other credential has its project and organization
     * limits checked for this kind of view, then the route's scope ({@code <object>:read} for safe methods, else
     * {@code :write}). A personal API key without scopes is no longer a legacy full-access key: it has no scope,
     * so it is refused as missing the route's scope (after the limits, as PostHog orders the checks).
     */
    void admit(World w, Exchange ex, String scopeObject, Reach reach) {
        authenticate(w, ex);
        if (ex.oauth && scopesOf(ex.key).isEmpty()) {
            throw ApiError.denied("OAuth token has no scopes and cannot access this resource");
        }
        checkReach(w, ex, reach);
        String scope = scopeObject + (isSafe(ex.method) ? ":read" : ":write");
        if (!hasScope(ex.key, scope)) {
            throw ApiError.denied("API key missing required scope '" + scope + "'");
        }
    }

    private static void checkReach(World w, Exchange ex, Reach reach) {
        World.PersonalKey key = ex.key;
        switch (reach) {
            case USER -> {
                // posthog/permissions.py: "The /api/users/@me/ endpoint is exempt from team and org scoping"
            }
            case TEAM -> checkKeyReachesTeam(w, ex, urlTeam(w, ex, ex.segments.get(2)));
            case PROJECT -> checkKeyReachesTeam(w, ex, urlProject(w, ex, ex.segments.get(2)));
            case ENVIRONMENT -> orgAllowsKeys(w, ex, urlEnvironment(w, ex, ex.segments.get(2)).orgId);
            case ORGANIZATION_PROJECT -> {
                String orgId = urlOrgId(ex);
                World.Team t = urlProject(w, ex, ex.segments.get(4));
                orgAllowsKeys(w, ex, orgId);
                if (!key.scopedTeams.isEmpty() && !key.scopedTeams.contains(t.id)) {
                    throw ApiError.denied("API key does not have access to the requested project: ID " + t.id + ".");
                }
                checkScopedOrganization(ex, orgId);
            }
            case ORGANIZATION_PROJECTS -> {
                String orgId = urlOrgId(ex);
                orgAllowsKeys(w, ex, orgId);
                if (!key.scopedTeams.isEmpty()) {
                    throw ApiError.denied(SCOPED_TEAMS_ONLY_PROJECTS);
                }
                checkScopedOrganization(ex, orgId);
            }
            case ORGANIZATION, UNSCOPED -> {
                // The view has no team, and its organization is the user's current one (routing.py organization_id).
                String current = ex.user.currentOrgId;
                if (current != null) {
                    orgAllowsKeys(w, ex, current);
                }
                if (!key.scopedTeams.isEmpty()) {
                    throw ApiError.denied(SCOPED_TEAMS_ONLY_PROJECTS);
                }
                if (current != null) {
                    checkScopedOrganization(ex, current);
                }
            }
            default -> throw new IllegalStateException(reach.name());
        }
    }

    private static void checkScopedOrganization(Exchange ex, String orgId) {
        if (!ex.key.scopedOrganizations.isEmpty() && !ex.key.scopedOrganizations.contains(orgId)) {
            throw ApiError.denied("API key does not have access to the requested organization: ID " + orgId + ".");
        }
    }

    private static String urlOrgId(Exchange ex) {
        String raw = ex.segments.get(2);
        return raw.equals("@current") ? ex.user.currentOrgId : raw;
    }

    /** The team a URL segment names ({@code @current} = the user's current team); 404 as PostHog words it. */
    static World.Team urlTeam(World w, Exchange ex, String raw) {
        int id;
        if (raw.equals("@current")) {
            id = ex.user.currentTeamId;
        } else if (raw.matches("\\d{1,9}")) {
            id = Integer.parseInt(raw);
        } else {
            throw ApiError.notFound("Project not found.");
        }
        return w.team(id).orElseThrow(() -> ApiError.notFound("Project not found."));
    }

    /**
     * The project {@code /api/projects/{id}/} names, as posthog/api/project.py {@code ProjectViewSet} finds it: its
     * queryset is the Project rows whose id is a team the user can see ({@code safely_get_queryset},
     * {@code team_ids_visible_for_user}), and {@code safely_get_object} looks the id up there with Django's
     * {@code get_object_or_404}. A project's id is its main team's id, so an environment's own team id, an unknown
     * number and a project the user cannot see are all Django's Http404, which drf-exceptions-hog answers as a bare
     * {@code NotFound}: 404 {@code Not found.}. {@code @current} is the project of the user's current team; a value
     * that is not a number fails Django's integer lookup ({@code ValueError}), which the view turns into a 400.
     */
    static World.Team urlProject(World w, Exchange ex, String raw) {
        if (raw.equals("@current")) {
            World.Team current = w.team(ex.user.currentTeamId).orElseThrow(ApiError::notFound);
            return w.team(current.projectId()).orElseThrow(ApiError::notFound);
        }
        return w.team(teamNumber(raw)).filter(t -> t.parentProjectId == null)
                .filter(t -> w.canSee(ex.user.id, t)).orElseThrow(ApiError::notFound);
    }

    /**
     * The team {@code /api/environments/{id}/} names, as posthog/api/team/viewsets.py {@code TeamViewSet} finds it: any
     * team (a project's main one or another environment) the user can see, narrowed to the key's organizations and
     * projects ({@code safely_get_queryset}); anything else is 404 {@code Not found.}, as for a project.
     */
    static World.Team urlEnvironment(World w, Exchange ex, String raw) {
        World.Team t = raw.equals("@current") ? w.team(ex.user.currentTeamId).orElseThrow(ApiError::notFound)
                : w.team(teamNumber(raw)).filter(x -> w.canSee(ex.user.id, x)).orElseThrow(ApiError::notFound);
        if (!ex.key.scopedOrganizations.isEmpty() && !ex.key.scopedOrganizations.contains(t.orgId)
                || !ex.key.scopedTeams.isEmpty() && !ex.key.scopedTeams.contains(t.id)) {
            throw ApiError.notFound();
        }
        return t;
    }

    /** A detail view's id: a number (one too large names no row), else Django's message for a bad integer lookup. */
    private static int teamNumber(String raw) {
        if (!raw.matches("[+-]?\\d+")) {
            String quoted = raw.contains("'") && !raw.contains("\"") ? "\"" + raw + "\"" : "'" + raw + "'";
            throw ApiError.validation("Field 'id' expected a number but got " + quoted + ".");
        }
        String digits = raw.replaceFirst("^[+-]", "");
        return raw.startsWith("-") || digits.length() > 9 ? -1 : Integer.parseInt(digits);
    }

    /** {@code /api/projects/{id}/}'s project ({@link #urlProject}), its key limits checked, then the throttle. */
    World.Team project(World w, Exchange ex) {
        World.Team project = urlProject(w, ex, ex.segments.get(2));
        checkKeyReachesTeam(w, ex, project);
        throttle(ex);
        return project;
    }

    /** {@code /api/environments/{id}/}'s team ({@link #urlEnvironment}), then the throttle. */
    World.Team environment(World w, Exchange ex) {
        World.Team team = urlEnvironment(w, ex, ex.segments.get(2));
        orgAllowsKeys(w, ex, team.orgId);
        throttle(ex);
        return team;
    }

    private void authenticate(World w, Exchange ex) {
        String token = null;
        String auth = ex.header("authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            token = auth.substring(7).trim();
        } else if (ex.query.containsKey("personal_api_key")) {
            token = ex.query.get("personal_api_key");
        } else if (!isSafe(ex.method) && ex.hasJsonBody()) {
            try {
                JsonNode body = ex.json();
                if (body.isObject() && body.hasNonNull("personal_api_key")) {
                    token = body.get("personal_api_key").asText();
                }
            } catch (ApiError ignored) {
                // a body that does not parse carries no key; the handler reports the parse error
            }
        }
        if (token == null || token.isEmpty()) {
            throw ApiError.notAuthenticated();
        }
        if (token.startsWith("pha_") && oauthTokens != null) {
            authenticateOAuth(w, ex, token);
            return;
        }
        String hash = "sha256$" + SeedWorld.sha256(token);
        World.PersonalKey key = w.keys.stream().filter(k -> k.secureValue.equals(hash)).findFirst()
                .orElseThrow(ApiError::invalidKey);
        World.User user = w.user(key.userId).orElseThrow(ApiError::invalidKey);
        key.lastUsedAt = World.drfTime(clock.instant());
        ex.key = key;
        ex.user = user;
    }

    /**
     * posthog/auth.py {@code OAuthAccessTokenAuthentication}: a live {@code pha_} token of a known user, with its
     * granted scopes. It stands in the exchange as a key with those scopes and no project or organization limits;
     * {@link Exchange#oauth} tells the throttles and the personal-key ban apart.
     */
    private void authenticateOAuth(World w, Exchange ex, String token) {
        List<String> problem = new java.util.ArrayList<>();
        OAuthStore.Token t = oauthTokens.accessToken(token, problem).orElseThrow(() -> ApiError.invalidToken(problem.get(0)));
        World.User user = w.user(t.userId).orElseThrow(() -> ApiError.invalidToken("User associated with access token is disabled."));
        World.PersonalKey k = new World.PersonalKey();
        k.id = "oauth:" + t.family;
        k.userId = t.userId;
        k.scopes = new java.util.ArrayList<>(t.scopes.stream().filter(s -> s.contains(":") || s.equals("*")).toList());
        ex.key = k;
        ex.user = user;
        ex.oauth = true;
    }

    /** The key's scopes; a key stored without any (null, as PostHog's column allows) has none. */
    static List<String> scopesOf(World.PersonalKey key) {
        return key.scopes == null ? List.of() : key.scopes;
    }

    static boolean hasScope(World.PersonalKey key, String required) {
        List<String> scopes = scopesOf(key);
        if (scopes.contains("*") || scopes.contains(required)) {
            return true;
        }
        if (required.endsWith(":read")) {
            return scopes.contains(required.substring(0, required.length() - 5) + ":write");
        }
        return false;
    }

    /** The personal-key throttle (when switched on): burst per minute and sustained per hour, per key. */
    void throttle(Exchange ex) {
        // PersonalApiKeyRateThrottle (posthog/rate_limit.py): "Only rate limit authenticated requests made with a
        // personal API key"; an OAuth access token is no personal key (find_key_with_source returns None for pha_).
        if (!knobs.throttle() || ex.oauth) {
            return;
        }
        OptionalLong wait = throttle.acquire(ex.key.id, knobs.throttlePerMinute(), knobs.throttlePerHour());
        if (wait.isPresent()) {
            throw ApiError.throttled(Math.max(1, wait.getAsLong()));
        }
    }

    /** An extra named bucket (e.g. the 10/minute per team of github_repos/refresh), whatever the authentication. */
    void throttleBucket(String bucket, int perMinute) {
        if (!knobs.throttle()) {
            return;
        }
        OptionalLong wait = throttle.acquire(bucket, perMinute, Integer.MAX_VALUE);
        if (wait.isPresent()) {
            throw ApiError.throttled(Math.max(1, wait.getAsLong()));
        }
    }

    void resetThrottle() {
        throttle.reset();
    }

    static void requireMethod(Exchange ex, String... allowed) {
        for (String m : allowed) {
            if (m.equals(ex.method) || (m.equals("GET") && ex.method.equals("HEAD"))) {
                return;
            }
        }
        throw ApiError.methodNotAllowed(ex.method);
    }

    Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }

    // ------------------------------------------------------------------ the project or organization of the URL

    /** Resolves the project of the URL and runs PostHog's permission checks on it, then the throttle. */
    World.Team team(World w, Exchange ex) {
        World.Team team = teamUnthrottled(w, ex);
        throttle(ex);
        return team;
    }

    /** As {@link #team(World, Exchange)} without the throttle, for views with permission checks of their own. */
    World.Team teamUnthrottled(World w, Exchange ex) {
        World.Team team = urlTeam(w, ex, ex.segments.get(2));
        checkKeyReachesTeam(w, ex, team);
        if (w.projectLevel(ex.user.id, team) < 0) {
            throw ApiError.denied("You don't have access to the project.");
        }
        return team;
    }

    static void checkKeyReachesTeam(World w, Exchange ex, World.Team team) {
        if (!ex.key.scopedTeams.isEmpty() && !ex.key.scopedTeams.contains(team.id)) {
            throw ApiError.denied("API key does not have access to the requested project: ID " + team.id + ".");
        }
        if (!ex.key.scopedOrganizations.isEmpty() && !ex.key.scopedOrganizations.contains(team.orgId)) {
            throw ApiError.denied("API key does not have access to the requested organization: ID " + team.orgId + ".");
        }
        orgAllowsKeys(w, ex, team.orgId);
    }

    private static void orgAllowsKeys(World w, Exchange ex, String orgId) {
        if (ex.oauth) {
            return; // the organization's ban is on personal API keys (members_can_use_personal_api_keys)
        }
        World.Org org = w.org(orgId).orElse(null);
        if (org == null || !org.hasFeature(World.ORGANIZATION_SECURITY_SETTINGS)) {
            return;
        }
        int level = w.orgLevel(ex.user.id, orgId);
        if (level >= 0 && !org.membersCanUsePersonalApiKeys && level < World.LEVEL_ADMIN) {
            throw ApiError.denied("Organization '" + org.name + "' does not allow using personal API keys. "
                    + "Contact an admin to enable personal API keys for this organization.");
        }
    }

    /** Resolves the organization of the URL ({@code @current} = the user's current one), then the throttle. */
    World.Org org(World w, Exchange ex) {
        World.Org org = w.org(urlOrgId(ex)).filter(o -> w.orgLevel(ex.user.id, o.id) >= 0)
                .orElseThrow(ApiError::notFound);
        if (ex.segments.size() == 3) {
            // OrganizationViewSet filters its queryset to the key's organizations: another one is not found.
            if (!ex.key.scopedOrganizations.isEmpty() && !ex.key.scopedOrganizations.contains(org.id)) {
                throw ApiError.notFound();
            }
            orgAllowsKeys(w, ex, org.id);
        }
        throttle(ex);
        return org;
    }

    /** The organizations a key may list: the user's, narrowed to the key's organizations. */
    static List<World.Org> visibleOrgs(World w, Exchange ex) {
        return w.organizations.stream()
                .filter(o -> w.orgLevel(ex.user.id, o.id) >= 0)
                .filter(o -> ex.key.scopedOrganizations.isEmpty() || ex.key.scopedOrganizations.contains(o.id))
                .toList();
    }

    /** Every team (environment) of the organization the user can see, in id order. */
    static List<World.Team> visibleTeams(World w, Exchange ex, String orgId) {
        return w.teams.stream().filter(t -> t.orgId.equals(orgId))
                .filter(t -> w.canSee(ex.user.id, t))
                .sorted(Comparator.comparingInt(t -> t.id))
                .toList();
    }

    /**
     * The organization's projects as its {@code projects} field names them, in id order, each as its primary team:
     * a project is there when any of its teams (environments) is visible (posthog/api/organization.py get_projects,
     * {@code UserPermissions.project_ids_visible_for_user}: the project ids of the visible teams).
     */
    static List<World.Team> visibleProjects(World w, Exchange ex, String orgId) {
        return visibleTeams(w, ex, orgId).stream().map(World.Team::projectId).distinct().sorted()
                .map(id -> w.team(id).orElse(null)).filter(java.util.Objects::nonNull).toList();
    }

    /**
     * The projects {@code /api/organizations/{org}/projects/} lists: those whose own team (same id) the user can see.
     * posthog/api/project.py ProjectViewSet.safely_get_queryset filters project ids by the visible team ids, so a
     * project whose main team is hidden is not listed even when another of its environments is visible
     * (ee/api/test/test_project.py test_list_projects_restricted_ones_hidden hides a restricted one).
     */
    static List<World.Team> listedProjects(World w, Exchange ex, String orgId) {
        return visibleTeams(w, ex, orgId).stream().filter(t -> t.projectId() == t.id).toList();
    }
}
