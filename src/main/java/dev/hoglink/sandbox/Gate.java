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

    Gate(SandboxKnobs knobs, Clock clock) {
        this.knobs = knobs;
        this.clock = clock;
        this.throttle = new Throttle(clock);
    }

    static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    /** Authentication and the route's scope ({@code <object>:read} for safe methods, else {@code :write}). */
    void admit(World w, Exchange ex, String scopeObject) {
        authenticate(w, ex);
        String scope = scopeObject + (isSafe(ex.method) ? ":read" : ":write");
        if (!hasScope(ex.key, scope)) {
            throw ApiError.denied("API key missing required scope '" + scope + "'");
        }
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
        String hash = "sha256$" + SeedWorld.sha256(token);
        World.PersonalKey key = w.keys.stream().filter(k -> k.secureValue.equals(hash)).findFirst()
                .orElseThrow(ApiError::invalidKey);
        World.User user = w.user(key.userId).orElseThrow(ApiError::invalidKey);
        key.lastUsedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS).toString();
        ex.key = key;
        ex.user = user;
    }

    static boolean hasScope(World.PersonalKey key, String required) {
        List<String> scopes = key.scopes == null || key.scopes.isEmpty() ? List.of("*") : key.scopes;
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
        if (!knobs.throttle()) {
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
        String raw = ex.segments.get(2);
        int id;
        if (raw.equals("@current")) {
            id = ex.user.currentTeamId;
        } else if (raw.matches("\\d{1,9}")) {
            id = Integer.parseInt(raw);
        } else {
            throw ApiError.notFound();
        }
        World.Team team = w.team(id).orElseThrow(() -> ApiError.notFound("Project not found."));
        checkKeyReachesTeam(w, ex, team);
        if (w.projectLevel(ex.user.id, team) < 0) {
            throw ApiError.denied("You don't have access to the project.");
        }
        throttle(ex);
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
        World.Org org = w.org(orgId).orElseThrow(ApiError::notFound);
        int level = w.orgLevel(ex.user.id, orgId);
        if (level >= 0 && !org.membersCanUsePersonalApiKeys && level < World.LEVEL_ADMIN) {
            throw ApiError.denied("Organization '" + org.name + "' does not allow using personal API keys. "
                    + "Contact an admin to enable personal API keys for this organization.");
        }
    }

    /** Resolves the organization of the URL ({@code @current} = the user's current one), then the throttle. */
    World.Org org(World w, Exchange ex) {
        String raw = ex.segments.get(2);
        String id = raw.equals("@current") ? ex.user.currentOrgId : raw;
        World.Org org = w.org(id).filter(o -> w.orgLevel(ex.user.id, o.id) >= 0).orElseThrow(ApiError::notFound);
        if (!ex.key.scopedOrganizations.isEmpty() && !ex.key.scopedOrganizations.contains(org.id)) {
            throw ApiError.denied("API key does not have access to the requested organization: ID " + org.id + ".");
        }
        orgAllowsKeys(w, ex, org.id);
        throttle(ex);
        return org;
    }

    /** The organizations a key may list: the user's, narrowed to scoped organizations or scoped teams. */
    static List<World.Org> visibleOrgs(World w, Exchange ex) {
        return w.organizations.stream()
                .filter(o -> w.orgLevel(ex.user.id, o.id) >= 0)
                .filter(o -> ex.key.scopedOrganizations.isEmpty() || ex.key.scopedOrganizations.contains(o.id))
                .filter(o -> ex.key.scopedTeams.isEmpty() || ex.key.scopedTeams.stream()
                        .anyMatch(t -> w.team(t).map(x -> x.orgId.equals(o.id)).orElse(false)))
                .toList();
    }

    static List<World.Team> visibleTeams(World w, Exchange ex, String orgId) {
        return w.teams.stream().filter(t -> t.orgId.equals(orgId))
                .filter(t -> w.canSee(ex.user.id, t))
                .filter(t -> ex.key.scopedTeams.isEmpty() || ex.key.scopedTeams.contains(t.id))
                .sorted(Comparator.comparingInt(t -> t.id))
                .toList();
    }
}
