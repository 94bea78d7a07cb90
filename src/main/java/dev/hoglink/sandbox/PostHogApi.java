package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * PostHog's REST behaviour for what Hoglink uses: authentication, scopes, throttles, routing and the
 * endpoints E1-E9 of the shared contract plus N1 (the key itself) and N2 (activity log).
 */
final class PostHogApi {

    static final Pattern INSTALLATION_ID = Pattern.compile("^[1-9]\\d{0,19}$");
    static final Duration STATE_TTL = Duration.ofMinutes(15);
    static final int PAGE_SIZE = 100;
    private static final String WWW_AUTHENTICATE_PATH = "/.well-known/oauth-protected-resource";

    private final SandboxState state;
    private final SandboxKnobs knobs;
    private final Throttle throttle;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    PostHogApi(SandboxState state, SandboxKnobs knobs, Clock clock) {
        this.state = state;
        this.knobs = knobs;
        this.clock = clock;
        this.throttle = new Throttle(clock);
    }

    /** A matched route: the scope object it needs, the methods it allows, whether even a GET changes state. */
    private record Route(String scopeObject, Set<String> methods, boolean writesOnRead, Handler handler) {
    }

    @FunctionalInterface
    private interface Handler {
        Response handle(World w, Exchange ex);
    }

    Response handle(Exchange ex) {
        try {
            Route route = route(ex);
            if (route == null) {
                throw ApiError.notFound();
            }
            boolean writes = route.writesOnRead || !isSafe(ex.method);
            return writes ? state.write(w -> run(w, ex, route)) : state.read(w -> run(w, ex, route));
        } catch (ApiError e) {
            return errorResponse(ex, e);
        }
    }

    private Response errorResponse(Exchange ex, ApiError e) {
        Response r = Response.error(e);
        if (e.status == 401) {
            r.with("WWW-Authenticate", "Bearer resource_metadata=\"" + ex.origin + WWW_AUTHENTICATE_PATH + "\"");
        }
        return r;
    }

    private Response run(World w, Exchange ex, Route route) {
        authenticate(w, ex);
        String scope = route.scopeObject + (isSafe(ex.method) ? ":read" : ":write");
        if (!hasScope(ex.key, scope)) {
            throw ApiError.denied("API key missing required scope '" + scope + "'");
        }
        // Project and organization checks happen inside the handler via team()/org(); the throttle after them.
        return route.handler.handle(w, ex);
    }

    private static boolean isSafe(String method) {
        return method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS");
    }

    // ------------------------------------------------------------------ routing

    private Route route(Exchange ex) {
        List<String> s = ex.segments;
        if (s.size() < 2 || !s.get(0).equals("api")) {
            return null;
        }
        String a = s.get(1);
        int n = s.size();
        switch (a) {
            case "users":
                if (n == 3) {
                    return new Route("user", Set.of("GET"), false, this::me);
                }
                return null;
            case "personal_api_keys":
                if (n == 3 && s.get(2).equals("@current")) {
                    return new Route("personal_api_key", Set.of("GET"), false, this::currentKey);
                }
                return null;
            case "organizations":
                if (n == 2) {
                    return new Route("organization", Set.of("GET"), false, this::orgList);
                }
                if (n == 3) {
                    return new Route("organization", Set.of("GET"), false, this::orgDetail);
                }
                if (n == 4 && s.get(3).equals("projects")) {
                    return new Route("project", Set.of("GET"), false, this::orgProjects);
                }
                if (n == 5 && s.get(3).equals("projects")) {
                    return new Route("project", Set.of("GET"), false, this::orgProjectDetail);
                }
                return null;
            case "projects":
                return projectRoute(s);
            default:
                return null;
        }
    }

    private Route projectRoute(List<String> s) {
        int n = s.size();
        if (n == 3) {
            return new Route("project", Set.of("GET"), false, this::projectDetail);
        }
        if (n == 4 && s.get(3).equals("activity_log")) {
            return new Route("activity_log", Set.of("GET"), false, this::activityLog);
        }
        if (n < 4 || !s.get(3).equals("integrations")) {
            return null;
        }
        if (n == 4) {
            return new Route("integration", Set.of("GET"), false, this::integrationList);
        }
        if (n == 6 && s.get(4).equals("github")) {
            switch (s.get(5)) {
                case "available_installations":
                    return new Route("integration", Set.of("GET"), true, this::availableInstallations);
                case "link_existing":
                    return new Route("integration", Set.of("POST"), false, this::linkExisting);
                case "oauth_authorize":
                    return new Route("integration", Set.of("POST"), false, this::oauthAuthorize);
                default:
                    return null;
            }
        }
        if (!s.get(4).matches("\\d{1,9}")) {
            return null;
        }
        if (n == 5) {
            return new Route("integration", Set.of("GET", "DELETE"), false, this::integrationDetail);
        }
        if (n == 6 && s.get(5).equals("github_repos")) {
            return new Route("integration", Set.of("GET"), false, this::githubRepos);
        }
        if (n == 7 && s.get(5).equals("github_repos") && s.get(6).equals("refresh")) {
            return new Route("integration", Set.of("POST"), false, this::githubReposRefresh);
        }
        return null;
    }

    // ------------------------------------------------------------------ auth, scopes, access

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
        World.ApiKey key = w.keys.stream().filter(k -> k.secureValue.equals(hash)).findFirst()
                .orElseThrow(ApiError::invalidKey);
        World.User user = w.user(key.userId).orElseThrow(ApiError::invalidKey);
        key.lastUsedAt = now().toString();
        ex.key = key;
        ex.user = user;
    }

    static boolean hasScope(World.ApiKey key, String required) {
        List<String> scopes = key.scopes == null || key.scopes.isEmpty() ? List.of("*") : key.scopes;
        if (scopes.contains("*") || scopes.contains(required)) {
            return true;
        }
        if (required.endsWith(":read")) {
            return scopes.contains(required.substring(0, required.length() - 5) + ":write");
        }
        return false;
    }

    private void throttle(Exchange ex) {
        if (!knobs.throttle()) {
            return;
        }
        OptionalLong wait = throttle.acquire(ex.key.id, knobs.throttlePerMinute(), knobs.throttlePerHour());
        if (wait.isPresent()) {
            throw ApiError.throttled(Math.max(1, wait.getAsLong()));
        }
    }

    void resetThrottle() {
        throttle.reset();
    }

    private void githubCall() {
        long wait = knobs.githubRateLimitSeconds();
        if (wait > 0) {
            throw ApiError.githubRateLimited(wait);
        }
    }

    private static void requireMethod(Exchange ex, String... allowed) {
        for (String m : allowed) {
            if (m.equals(ex.method) || (m.equals("GET") && ex.method.equals("HEAD"))) {
                return;
            }
        }
        throw ApiError.methodNotAllowed(ex.method);
    }

    /** Resolves the project of the URL and runs PostHog's permission checks on it, then the throttle. */
    private World.Team team(World w, Exchange ex) {
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

    private void checkKeyReachesTeam(World w, Exchange ex, World.Team team) {
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

    private World.Org org(World w, Exchange ex) {
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
    private static List<World.Org> visibleOrgs(World w, Exchange ex) {
        return w.organizations.stream()
                .filter(o -> w.orgLevel(ex.user.id, o.id) >= 0)
                .filter(o -> ex.key.scopedOrganizations.isEmpty() || ex.key.scopedOrganizations.contains(o.id))
                .filter(o -> ex.key.scopedTeams.isEmpty() || ex.key.scopedTeams.stream()
                        .anyMatch(t -> w.team(t).map(x -> x.orgId.equals(o.id)).orElse(false)))
                .toList();
    }

    private static List<World.Team> visibleTeams(World w, Exchange ex, String orgId) {
        return w.teams.stream().filter(t -> t.orgId.equals(orgId))
                .filter(t -> w.canSee(ex.user.id, t))
                .filter(t -> ex.key.scopedTeams.isEmpty() || ex.key.scopedTeams.contains(t.id))
                .sorted(Comparator.comparingInt(t -> t.id))
                .toList();
    }

    // ------------------------------------------------------------------ E1, N1

    private Response me(World w, Exchange ex) {
        requireMethod(ex, "GET");
        if (!ex.segments.get(2).equals("@me")) {
            throw ApiError.denied("You do not have permission to perform this action.");
        }
        // /api/users/@me/ replaces the default throttles (contract §1): no throttle here.
        World.User u = ex.user;
        ObjectNode n = basicUser(u);
        n.put("is_staff", false);
        n.put("date_joined", SeedWorld.EPOCH.minus(Duration.ofDays(300)).toString());
        w.team(u.currentTeamId).ifPresentOrElse(t -> n.set("team", basicTeam(w, t)), () -> n.putNull("team"));
        w.org(u.currentOrgId).ifPresentOrElse(o -> n.set("organization", fullOrg(w, ex, o)),
                () -> n.putNull("organization"));
        ArrayNode orgs = n.putArray("organizations");
        for (World.Org o : w.organizations) {
            if (w.orgLevel(u.id, o.id) >= 0) {
                orgs.add(basicOrg(w, u, o));
            }
        }
        return Response.json(200, n);
    }

    private Response currentKey(World w, Exchange ex) {
        requireMethod(ex, "GET");
        throttle(ex);
        World.ApiKey k = ex.key;
        ObjectNode n = json();
        n.put("id", k.id);
        n.put("label", k.label);
        n.putNull("value");
        n.put("mask_value", k.maskValue);
        n.put("created_at", k.createdAt);
        n.put("last_used_at", k.lastUsedAt);
        n.put("user_id", k.userId);
        ArrayNode scopes = n.putArray("scopes");
        (k.scopes.isEmpty() ? List.of("*") : k.scopes).forEach(scopes::add);
        if (k.scopedTeams.isEmpty()) {
            n.putNull("scoped_teams");
        } else {
            k.scopedTeams.forEach(n.putArray("scoped_teams")::add);
        }
        if (k.scopedOrganizations.isEmpty()) {
            n.putNull("scoped_organizations");
        } else {
            k.scopedOrganizations.forEach(n.putArray("scoped_organizations")::add);
        }
        return Response.json(200, n);
    }

    // ------------------------------------------------------------------ E2, E3

    private Response orgList(World w, Exchange ex) {
        requireMethod(ex, "GET");
        throttle(ex);
        List<JsonNode> items = new ArrayList<>();
        for (World.Org o : visibleOrgs(w, ex)) {
            items.add(fullOrg(w, ex, o));
        }
        return Response.json(200, paginate(ex, items));
    }

    private Response orgDetail(World w, Exchange ex) {
        World.Org o = org(w, ex);
        requireMethod(ex, "GET");
        return Response.json(200, fullOrg(w, ex, o));
    }

    private Response orgProjects(World w, Exchange ex) {
        World.Org o = org(w, ex);
        requireMethod(ex, "GET");
        String search = ex.query.getOrDefault("search", "").toLowerCase(Locale.ROOT);
        List<JsonNode> items = new ArrayList<>();
        for (World.Team t : visibleTeams(w, ex, o.id)) {
            if (search.isEmpty() || t.name.toLowerCase(Locale.ROOT).contains(search)) {
                items.add(basicTeam(w, t));
            }
        }
        return Response.json(200, paginate(ex, items));
    }

    private Response orgProjectDetail(World w, Exchange ex) {
        World.Org o = org(w, ex);
        String raw = ex.segments.get(4);
        int id;
        if (raw.equals("@current")) {
            id = ex.user.currentTeamId;
        } else if (raw.matches("\\d{1,9}")) {
            id = Integer.parseInt(raw);
        } else {
            throw ApiError.notFound();
        }
        World.Team t = w.team(id).filter(x -> x.orgId.equals(o.id)).orElseThrow(ApiError::notFound);
        checkKeyReachesTeam(w, ex, t);
        if (!w.canSee(ex.user.id, t)) {
            throw ApiError.notFound();
        }
        requireMethod(ex, "GET");
        return Response.json(200, fullTeam(w, ex, t));
    }

    private Response projectDetail(World w, Exchange ex) {
        World.Team t = team(w, ex);
        requireMethod(ex, "GET");
        return Response.json(200, fullTeam(w, ex, t));
    }

    // ------------------------------------------------------------------ E4, E8

    private Response integrationList(World w, Exchange ex) {
        World.Team t = team(w, ex);
        requireMethod(ex, "GET");
        String kind = ex.query.get("kind");
        List<JsonNode> items = new ArrayList<>();
        for (World.Integration i : teamIntegrations(w, t.id)) {
            if (kind == null || kind.isEmpty() || kind.equals(i.kind)) {
                items.add(integrationJson(w, i));
            }
        }
        return Response.json(200, paginate(ex, items));
    }

    private static List<World.Integration> teamIntegrations(World w, int teamId) {
        return w.integrations.stream().filter(i -> i.teamId == teamId)
                .sorted(Comparator.comparing((World.Integration i) -> i.createdAt).thenComparingInt(i -> i.id))
                .toList();
    }

    private Response integrationDetail(World w, Exchange ex) {
        World.Team t = team(w, ex);
        requireMethod(ex, "GET", "DELETE");
        World.Integration row = w.integration(Integer.parseInt(ex.segments.get(4)))
                .filter(i -> i.teamId == t.id).orElseThrow(ApiError::notFound);
        if (ex.method.equals("GET")) {
            return Response.json(200, integrationJson(w, row));
        }
        return delete(w, ex, t, row);
    }

    private Response delete(World w, Exchange ex, World.Team t, World.Integration row) {
        if (w.projectLevel(ex.user.id, t) < World.LEVEL_ADMIN) {
            throw ApiError.denied("You don't have sufficient permissions in the project.");
        }
        List<String> usedBy = new ArrayList<>();
        if (!row.activeWorkflows.isEmpty()) {
            usedBy.add("active workflows: " + sortedNames(row.activeWorkflows));
        }
        if (!row.dataPipelines.isEmpty()) {
            usedBy.add("enabled data pipelines: " + sortedNames(row.dataPipelines));
        }
        if (!row.batchExports.isEmpty()) {
            usedBy.add("batch exports: " + sortedNames(row.batchExports));
        }
        if (!usedBy.isEmpty()) {
            throw ApiError.validation("This integration is used by " + String.join(" and ", usedBy)
                    + ". Update them to use a different integration before disconnecting it.");
        }
        if ("github".equals(row.kind) && row.runningAgentRuns > 0) {
            throw ApiError.validation("This GitHub integration is being used by " + row.runningAgentRuns
                    + " in-progress background agent run" + (row.runningAgentRuns != 1 ? "s" : "")
                    + ". Wait for them to finish or cancel them before disconnecting it.");
        }
        Optional<String> inst = "github".equals(row.kind) ? row.installationId() : Optional.empty();
        String owner = row.config != null && row.config.path("account").hasNonNull("name")
                ? row.config.path("account").get("name").asText() : inst.orElse(String.valueOf(row.id));
        if (inst.isPresent()) {
            boolean last = w.integrations.stream().noneMatch(i -> i.id != row.id && "github".equals(i.kind)
                    && i.installationId().equals(inst));
            audit(w, ex.user, t, "disconnect_started", row.id, inst.get(), owner, null,
                    json().put("last_reference", last));
            if (!last) {
                audit(w, ex.user, t, "uninstall_completed", row.id, inst.get(), owner, null,
                        json().put("outcome", "skipped").put("reason", "other_project_references"));
            } else {
                // Last team reference: PostHog uninstalls the App on GitHub and drops personal links to it.
                w.installation(inst.get()).ifPresent(i -> i.status = "uninstalled");
                audit(w, ex.user, t, "uninstall_completed", row.id, inst.get(), owner, null,
                        json().put("outcome", "uninstalled"));
                List<World.PersonalLink> dropped = w.personalLinks.stream()
                        .filter(p -> inst.get().equals(p.installationId)).toList();
                w.personalLinks.removeAll(dropped);
                for (World.PersonalLink p : dropped) {
                    audit(w, ex.user, t, "credential_deleted", row.id, inst.get(), owner, null,
                            json().put("reason", "last_project_disconnected").put("personal_integration_id", p.id)
                                    .put("owning_user_id", p.userId).put("github_login", p.githubLogin));
                }
            }
        }
        w.integrations.remove(row);
        if ("github".equals(row.kind)) {
            audit(w, ex.user, t, "deleted", row.id, inst.orElse(null), owner, null,
                    json().put("outcome", "disconnected"));
        }
        return Response.noContent();
    }

    private static String sortedNames(List<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }

    // ------------------------------------------------------------------ E5

    private Response availableInstallations(World w, Exchange ex) {
        World.Team target = team(w, ex);
        requireMethod(ex, "GET");
        ObjectNode n = json();
        String discoveryId = UUID.randomUUID().toString();
        n.put("discovery_id", discoveryId);
        n.put("discovered_at", now().toString());
        Personal personal = personal(w, ex.user);
        if (personal.login == null) {
            n.putNull("personal_github_login");
        } else {
            n.put("personal_github_login", personal.login);
        }
        n.put("personal_discovery_status", personal.status);
        n.put("personal_github_connected", personal.connected);
        ArrayNode list = n.putArray("installations");
        Map<String, World.Integration> lowest = new TreeMap<>();
        for (World.Integration i : w.integrations) {
            if (!"github".equals(i.kind) || i.teamId == target.id || i.installationId().isEmpty()) {
                continue;
            }
            World.Team t = w.team(i.teamId).orElse(null);
            if (t == null || !t.orgId.equals(target.orgId) || !w.canSee(ex.user.id, t)) {
                continue;
            }
            lowest.merge(i.installationId().get(), i, (a, b) -> a.id <= b.id ? a : b);
        }
        lowest.values().stream().sorted(Comparator.comparingInt(i -> i.id)).forEach(i -> {
            ObjectNode o = list.addObject();
            o.put("installation_id", i.installationId().get());
            JsonNode account = i.config.path("account");
            String name = account.hasNonNull("name") ? account.get("name").asText()
                    : i.config.path("connecting_user_github_login").asText(null);
            o.put("account_name", name);
            o.put("account_type", account.path("type").asText(null));
            o.put("source_team_id", i.teamId);
            o.put("source_team_name", w.team(i.teamId).map(t -> t.name).orElse(null));
        });
        if ("ok".equals(personal.status)) {
            Set<String> linkedInOrg = w.integrations.stream().filter(i -> "github".equals(i.kind))
                    .filter(i -> w.team(i.teamId).map(t -> t.orgId.equals(target.orgId)).orElse(false))
                    .map(World.Integration::installationId).flatMap(Optional::stream).collect(Collectors.toSet());
            for (String id : personal.visibleInstallations(w)) {
                World.Installation inst = w.installation(id).orElse(null);
                if (inst == null || linkedInOrg.contains(id)) {
                    continue;
                }
                ObjectNode o = list.addObject();
                o.put("installation_id", id);
                o.put("account_name", inst.accountName);
                o.put("account_type", inst.accountType);
                o.putNull("source_team_id");
                o.putNull("source_team_name");
            }
        }
        ObjectNode payload = json();
        payload.put("discovery_id", discoveryId);
        payload.put("installation_count", list.size());
        ArrayNode snapshot = payload.putArray("installations");
        for (int i = 0; i < Math.min(50, list.size()); i++) {
            snapshot.add(list.get(i).deepCopy());
        }
        payload.put("personal_discovery_status", personal.status);
        audit(w, ex.user, target, "discovery_completed", null, null, null, discoveryId, payload);
        return Response.json(200, n).with("Cache-Control", "private, no-store");
    }

    /**
     * What the caller's newest personal GitHub link can show, as PostHog's personal discovery reads it:
     * no link → not_connected; a token that cannot be used → unavailable; else the installations GitHub's
     * {@code GET /user/installations?per_page=100} lists for that account (one page, so at most 100).
     */
    private record Personal(String status, String login, boolean connected, World.PersonalLink newest) {
        List<String> visibleInstallations(World w) {
            if (!"ok".equals(status)) {
                return List.of();
            }
            return w.githubUser(newest.githubLogin).map(g -> g.installationIds.stream()
                    .filter(id -> w.installation(id).map(i -> !"uninstalled".equals(i.status)).orElse(false))
                    .limit(100).toList()).orElse(List.of());
        }
    }

    static World.PersonalLink newestLink(World w, int userId) {
        return w.personalLinksOf(userId).stream()
                .max(Comparator.comparing((World.PersonalLink p) -> p.createdAt).thenComparingInt(p -> p.id))
                .orElse(null);
    }

    private static Personal personal(World w, World.User u) {
        World.PersonalLink newest = newestLink(w, u.id);
        if (newest == null) {
            return new Personal("not_connected", null, false, null);
        }
        return new Personal(newest.tokenValid ? "ok" : "unavailable", newest.githubLogin, true, newest);
    }

    // ------------------------------------------------------------------ E6

    private Response linkExisting(World w, Exchange ex) {
        World.Team target = team(w, ex);
        requireMethod(ex, "POST");
        JsonNode body = ex.jsonObject();
        // The request serializer: field types first (DRF errors name the field), nothing audited yet.
        String rawInstallationId = installationIdField(body.get("installation_id"));
        Integer sourceTeamId = parseSourceTeamId(body.get("source_team_id"));
        String discoveryId = parseDiscoveryId(body.get("discovery_id"));
        String selected = rawInstallationId != null && INSTALLATION_ID.matcher(rawInstallationId).matches()
                ? rawInstallationId : null;
        audit(w, ex.user, target, "link_started", null, selected, null, discoveryId, null);
        try {
            String installationId = rawInstallationId == null || rawInstallationId.isEmpty() ? null : rawInstallationId;
            if (installationId != null && selected == null) {
                throw ApiError.validation("Invalid installation_id");
            }
            return Response.json(200, link(w, ex, target, installationId, sourceTeamId, discoveryId));
        } catch (ApiError e) {
            String event = e.status == 400 ? "link_rejected" : "link_failed";
            ObjectNode payload = json();
            if (e.status == 400) {
                payload.putArray("rejection_reason").add(e.code);
            } else {
                payload.put("failure_type", "GitHubIntegrationError");
            }
            audit(w, ex.user, target, event, null, selected, null, discoveryId, payload);
            throw e;
        }
    }

    /** installation_id as DRF's CharField(allow_blank, allow_null) reads it: strings and numbers only. */
    static String installationIdField(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual() && !v.isNumber()) {
            throw ApiError.field("installation_id", "Not a valid string.");
        }
        return v.asText().trim();
    }

    private static Integer parseSourceTeamId(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        // DRF IntegerField: integers and integral strings; anything else names the field.
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isTextual() && v.asText().trim().matches("-?\\d{1,9}")) {
            return Integer.parseInt(v.asText().trim());
        }
        if (v.isIntegralNumber() || (v.isTextual() && v.asText().trim().matches("-?\\d+"))) {
            return Integer.MIN_VALUE; // a valid integer that names no project
        }
        throw ApiError.field("source_team_id", "A valid integer is required.");
    }

    private static String parseDiscoveryId(JsonNode v) {
        if (v == null || v.isNull()) {
            return null;
        }
        try {
            return UUID.fromString(v.asText()).toString();
        } catch (IllegalArgumentException e) {
            throw ApiError.field("discovery_id", "Must be a valid UUID.");
        }
    }

    private ObjectNode link(World w, Exchange ex, World.Team target, String installationId, Integer sourceTeamId,
                            String discoveryId) {
        World.User user = ex.user;
        boolean admin = w.projectLevel(user.id, target) >= World.LEVEL_ADMIN;
        List<World.Team> accessible = w.teams.stream()
                .filter(t -> t.orgId.equals(target.orgId) && w.canSee(user.id, t)).toList();
        Set<Integer> accessibleIds = accessible.stream().map(t -> t.id).collect(Collectors.toSet());
        World.Integration source = null;
        String instId;
        boolean adoption = false;
        if (sourceTeamId != null) {
            if (!accessibleIds.contains(sourceTeamId)) {
                throw ApiError.validation("Source team not found in your organization");
            }
            source = githubRows(w, Set.of(sourceTeamId)).stream()
                    .filter(i -> installationId == null || i.installationId().map(installationId::equals).orElse(false))
                    .findFirst()
                    .orElseThrow(() -> ApiError.validation("Source team does not have a GitHub integration"));
            instId = source.installationId()
                    .orElseThrow(() -> ApiError.validation("Source integration is missing installation_id"));
        } else if (installationId != null) {
            instId = installationId;
            source = githubRows(w, accessibleIds).stream()
                    .filter(i -> i.installationId().map(installationId::equals).orElse(false))
                    .findFirst().orElse(null);
            if (source == null) {
                boolean linkedElsewhereInOrg = w.integrations.stream()
                        .filter(i -> "github".equals(i.kind) && i.installationId().map(installationId::equals).orElse(false))
                        .anyMatch(i -> w.team(i.teamId).map(t -> t.orgId.equals(target.orgId)).orElse(false));
                if (linkedElsewhereInOrg) {
                    throw ApiError.validation("github_link_existing_orphan_installation",
                            "No team in your organization has this GitHub installation linked");
                }
                adoption = true;
            }
        } else {
            Set<Integer> siblings = accessibleIds.stream().filter(id -> id != target.id).collect(Collectors.toSet());
            List<World.Integration> rows = githubRows(w, siblings).stream()
                    .filter(i -> i.installationId().isPresent()).toList();
            Set<String> distinct = rows.stream().map(i -> i.installationId().get()).collect(Collectors.toSet());
            if (distinct.isEmpty()) {
                throw ApiError.validation("github_link_existing_orphan_installation",
                        "No team in your organization has a GitHub installation to link");
            }
            if (distinct.size() > 1) {
                throw ApiError.validation(
                        "Your organization has multiple GitHub installations; specify which one to link via installation_id");
            }
            source = rows.get(0);
            instId = source.installationId().get();
        }
        Personal personal = personal(w, user);
        if (adoption) {
            if (!admin) {
                throw ApiError.validation("github_adoption_admin_required",
                        "Linking a GitHub installation that no project has connected yet requires admin access to this project. Ask a project admin to link it.");
            }
            requireProof(w, user, instId, true);
        } else if (!admin) {
            requireProof(w, user, instId, false);
        }
        githubCall();
        // PostHog re-fetches the installation from GitHub; a gone or suspended one fails the fetch.
        World.Installation inst = w.installation(instId).filter(World.Installation::available)
                .orElseThrow(ApiError::server);
        String sourceLogin = source == null ? personal.login
                : source.config.path("connecting_user_github_login").asText(null);
        World.Integration row = upsertGithubRow(w, target, inst, user, sourceLogin, false);
        ObjectNode payload = json().put("linked_integration_id", row.id)
                .put("source_team_id", source == null ? null : source.teamId)
                .put("adoption", adoption);
        audit(w, user, target, "link_completed", row.id, instId, inst.accountName, discoveryId, payload);
        return integrationJson(w, row);
    }

    /**
     * GitHub proof with the caller's newest personal link's token. For sibling reuse a token that cannot
     * see the installation counts as no proof (personal_github_required); for adoption it is
     * installation_access_denied, and a token GitHub refuses is installation_verify_failed.
     */
    private static void requireProof(World w, World.User user, String installationId, boolean adoption) {
        World.PersonalLink newest = newestLink(w, user.id);
        if (newest == null) {
            throw ApiError.validation("github_link_existing_personal_github_required", PERSONAL_GITHUB_REQUIRED);
        }
        if (!newest.tokenValid) {
            throw ApiError.validation(adoption ? "installation_verify_failed" : "invalid_input",
                    "Failed to verify installation access");
        }
        boolean sees = w.githubUser(newest.githubLogin).map(g -> g.installationIds.contains(installationId)).orElse(false)
                && w.installation(installationId).map(i -> !"uninstalled".equals(i.status)).orElse(false);
        if (!sees) {
            if (adoption) {
                throw ApiError.validation("installation_access_denied", "You do not have access to this GitHub installation");
            }
            throw ApiError.validation("github_link_existing_personal_github_required", PERSONAL_GITHUB_REQUIRED);
        }
    }

    static final String PERSONAL_GITHUB_REQUIRED = "You must connect your personal GitHub account (via Linked "
            + "Accounts) before linking an existing installation, to confirm you have access to the GitHub App installation.";

    private static List<World.Integration> githubRows(World w, Set<Integer> teamIds) {
        return w.integrations.stream().filter(i -> "github".equals(i.kind) && teamIds.contains(i.teamId))
                .sorted(Comparator.comparingInt(i -> i.id)).toList();
    }

    /**
     * Creates or refreshes the team's GitHub row for the installation (unique on team, kind, installation):
     * new token fields, account and selection from GitHub, errors cleared, created_by = the caller.
     */
    World.Integration upsertGithubRow(World w, World.Team team, World.Installation inst, World.User user,
                                      String login, boolean overwriteLogin) {
        World.Integration row = w.integrations.stream()
                .filter(i -> i.teamId == team.id && "github".equals(i.kind)
                        && i.installationId().map(inst.installationId::equals).orElse(false))
                .findFirst().orElse(null);
        String keepLogin = row == null ? null : row.config.path("connecting_user_github_login").asText(null);
        String connecting = overwriteLogin ? login : (keepLogin != null ? keepLogin : login);
        ObjectNode config = SeedWorld.githubConfig(inst, now().getEpochSecond(), connecting);
        if (row == null) {
            row = new World.Integration();
            row.id = w.nextIntegrationId++;
            row.teamId = team.id;
            row.kind = "github";
            row.createdAt = now().toString();
            w.integrations.add(row);
        }
        row.config = config;
        row.errors = "";
        row.createdById = user.id;
        return row;
    }

    // ------------------------------------------------------------------ E7

    private Response oauthAuthorize(World w, Exchange ex) {
        World.Team team = team(w, ex);
        requireMethod(ex, "POST");
        JsonNode body = ex.jsonObject();
        JsonNode rawId = body.get("installation_id");
        if (rawId == null || rawId.isNull() || rawId.asText().trim().isEmpty()) {
            throw ApiError.validation("installation_id is required");
        }
        String installationId = rawId.asText().trim();
        if (!(rawId.isTextual() || rawId.isIntegralNumber()) || !INSTALLATION_ID.matcher(installationId).matches()) {
            throw ApiError.validation("Invalid installation_id");
        }
        String next = body.hasNonNull("next") ? body.get("next").asText() : null;
        if (next != null && !next.isEmpty() && (!next.startsWith("/") || next.startsWith("//") || next.contains("\\"))) {
            throw ApiError.validation("next must be a relative path starting with /");
        }
        String connectFrom = "posthog_code".equals(body.path("connect_from").asText(null)) ? "posthog_code" : null;
        w.oauthStates.removeIf(s -> s.used || s.expiresAtMillis <= clock.millis());
        World.OAuthState st = new World.OAuthState();
        st.token = randomToken(48);
        st.userId = ex.user.id;
        st.teamId = team.id;
        st.installationId = installationId;
        st.next = next == null || next.isEmpty() ? null : next;
        st.connectFrom = connectFrom;
        st.expiresAtMillis = clock.millis() + STATE_TTL.toMillis();
        w.oauthStates.add(st);
        ex.user.pendingOAuthState = st.token;
        String url = ex.origin + "/login/oauth/authorize?client_id=" + enc(w.githubClientId)
                + "&redirect_uri=" + enc(ex.origin + "/complete/github-link/")
                + "&state=" + enc("token=" + st.token);
        return Response.json(200, json().put("oauth_url", url));
    }

    String randomToken(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    // ------------------------------------------------------------------ E9

    private Response githubRepos(World w, Exchange ex) {
        World.Team t = team(w, ex);
        requireMethod(ex, "GET");
        int limit = intParam(ex, "limit", 100);
        int offset = intParam(ex, "offset", 0);
        if (limit < 1 || limit > 500) {
            throw ApiError.field("limit", "Ensure this value is " + (limit < 1 ? "greater than or equal to 1." : "less than or equal to 500."));
        }
        if (offset < 0) {
            throw ApiError.field("offset", "Ensure this value is greater than or equal to 0.");
        }
        String search = ex.query.getOrDefault("search", "").trim().toLowerCase(Locale.ROOT);
        World.Integration row = githubRowOf(w, ex, t, "github_repos");
        List<World.Repo> repos = reposOf(w, row).stream()
                .filter(r -> search.isEmpty() || r.name.toLowerCase(Locale.ROOT).contains(search))
                .toList();
        ObjectNode n = json();
        ArrayNode arr = n.putArray("repositories");
        repos.stream().skip(offset).limit(limit).forEach(r -> arr.add(repoJson(r)));
        n.put("has_more", offset + limit < repos.size());
        n.put("total", repos.size());
        return Response.json(200, n);
    }

    private Response githubReposRefresh(World w, Exchange ex) {
        World.Team t = team(w, ex);
        requireMethod(ex, "POST");
        if (knobs.throttle()) {
            // The refresh action adds 10/minute per team, whatever the authentication.
            OptionalLong wait = throttle.acquire("github_repos_refresh:" + t.id, 10, Integer.MAX_VALUE);
            if (wait.isPresent()) {
                throw ApiError.throttled(Math.max(1, wait.getAsLong()));
            }
        }
        World.Integration row = githubRowOf(w, ex, t, "refresh_github_repos");
        githubCall();
        World.Installation inst = row.installationId().flatMap(w::installation).orElse(null);
        ObjectNode n = json();
        ArrayNode arr = n.putArray("repositories");
        if (inst == null) {
            throw ApiError.validation("Unable to refresh GitHub repositories. Please check integration settings and try again.");
        }
        // When GitHub reports the installation gone or suspended, the last cached list comes back.
        inst.repositories.forEach(r -> arr.add(repoJson(r)));
        n.put("installation_status", inst.available() ? "connected" : "unavailable");
        return Response.json(200, n);
    }

    private static World.Integration githubRowOf(World w, Exchange ex, World.Team t, String endpoint) {
        World.Integration row = w.integration(Integer.parseInt(ex.segments.get(4)))
                .filter(i -> i.teamId == t.id).orElseThrow(ApiError::notFound);
        if (!"github".equals(row.kind)) {
            throw ApiError.validation(endpoint + " endpoint is only supported for GitHub integrations");
        }
        return row;
    }

    private static List<World.Repo> reposOf(World w, World.Integration row) {
        return row.installationId().flatMap(w::installation)
                .filter(i -> !"uninstalled".equals(i.status))
                .map(i -> i.repositories).orElse(List.of());
    }

    private static ObjectNode repoJson(World.Repo r) {
        ObjectNode o = json();
        o.put("id", r.id);
        o.put("name", r.name);
        o.put("full_name", r.fullName);
        o.put("private", r.isPrivate);
        o.put("default_branch", r.defaultBranch);
        o.put("language", r.language);
        o.put("pushed_at", r.pushedAt);
        o.put("archived", r.archived);
        o.put("can_push", r.canPush);
        return o;
    }

    private static int intParam(Exchange ex, String name, int dflt) {
        String v = ex.query.get(name);
        if (v == null || v.isEmpty()) {
            return dflt;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw ApiError.field(name, "A valid integer is required.");
        }
    }

    // ------------------------------------------------------------------ N2

    private Response activityLog(World w, Exchange ex) {
        World.Team t = team(w, ex);
        requireMethod(ex, "GET");
        String scope = ex.query.get("scope");
        String itemId = ex.query.get("item_id");
        String userFilter = ex.query.get("user");
        List<World.ActivityRow> rows = w.activity.stream().filter(r -> r.teamId == t.id)
                .filter(r -> scope == null || scope.isEmpty() || scope.equals(r.scope))
                .filter(r -> itemId == null || itemId.isEmpty() || itemId.equals(r.itemId))
                .filter(r -> userFilter == null || userFilter.isEmpty()
                        || (r.userId != null && userFilter.equals(String.valueOf(r.userId))))
                .sorted(Comparator.comparing((World.ActivityRow r) -> r.createdAt).reversed()
                        .thenComparing(Comparator.comparingLong((World.ActivityRow r) -> r.seq).reversed()))
                .toList();
        // Cursor: base64 of "p=<seq>" (rows after that position) or "r=1&p=<seq>" (the page before it).
        String cursor = ex.query.get("cursor");
        int from = 0;
        int to;
        if (cursor != null && !cursor.isEmpty()) {
            Map<String, String> c = decodeCursor(cursor);
            long p = Long.parseLong(c.get("p"));
            int idx = indexAfter(rows, p);
            if ("1".equals(c.get("r"))) {
                int end = indexOf(rows, p);
                to = end;
                from = Math.max(0, end - PAGE_SIZE);
            } else {
                from = idx;
                to = Math.min(rows.size(), from + PAGE_SIZE);
            }
        } else {
            to = Math.min(rows.size(), PAGE_SIZE);
        }
        List<World.ActivityRow> page = rows.subList(from, to);
        ObjectNode n = json();
        if (to < rows.size() && !page.isEmpty()) {
            n.put("next", withQuery(ex, Map.of("cursor", encodeCursor("p=" + page.get(page.size() - 1).seq))));
        } else {
            n.putNull("next");
        }
        if (from > 0 && !page.isEmpty()) {
            n.put("previous", withQuery(ex, Map.of("cursor", encodeCursor("r=1&p=" + page.get(0).seq))));
        } else {
            n.putNull("previous");
        }
        ArrayNode results = n.putArray("results");
        for (World.ActivityRow r : page) {
            results.add(activityJson(w, r));
        }
        return Response.json(200, n);
    }

    private static int indexAfter(List<World.ActivityRow> rows, long seq) {
        int i = indexOf(rows, seq);
        return i < rows.size() ? i + 1 : i;
    }

    private static int indexOf(List<World.ActivityRow> rows, long seq) {
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).seq == seq) {
                return i;
            }
        }
        return rows.size();
    }

    private static String encodeCursor(String s) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static Map<String, String> decodeCursor(String cursor) {
        try {
            Map<String, String> m = Exchange.parseForm(new String(Base64.getUrlDecoder().decode(cursor),
                    StandardCharsets.UTF_8));
            Long.parseLong(m.get("p"));
            return m;
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiError.notFound("Invalid cursor");
        }
    }

    private ObjectNode activityJson(World w, World.ActivityRow r) {
        ObjectNode o = json();
        o.put("id", r.id);
        Optional<World.User> u = r.userId == null ? Optional.empty() : w.user(r.userId);
        u.ifPresentOrElse(x -> o.set("user", basicUser(x)), () -> o.putNull("user"));
        o.put("activity", r.activity);
        o.put("scope", r.scope);
        o.put("item_id", r.itemId);
        o.set("detail", r.detail);
        o.put("created_at", r.createdAt);
        o.put("organization_id", r.organizationId);
        o.put("was_impersonated", false);
        o.put("is_system", r.isSystem);
        o.put("unread", false);
        return o;
    }

    /**
     * Writes a GitHub audit event as PostHog's GitHubAudit does: an activity-log row with scope Integration,
     * activity = the event when customer-visible ({@code deleted}) else {@code github_diagnostic}.
     */
    void audit(World w, World.User user, World.Team team, String event, Integer integrationId,
               String installationId, String owner, String discoveryId, ObjectNode evidence) {
        World.ActivityRow r = new World.ActivityRow();
        r.id = UUID.randomUUID().toString();
        r.seq = w.nextActivitySeq++;
        r.teamId = team.id;
        r.organizationId = team.orgId;
        r.userId = user == null ? null : user.id;
        r.activity = "deleted".equals(event) ? "deleted" : "github_diagnostic";
        r.scope = "Integration";
        r.itemId = integrationId != null ? String.valueOf(integrationId) : installationId;
        r.createdAt = now().toString();
        r.isSystem = false;
        ObjectNode detail = json();
        detail.put("id", r.itemId);
        detail.put("name", owner != null ? owner : installationId);
        detail.putNull("short_id");
        detail.put("type", "github");
        detail.putNull("changes");
        ObjectNode trigger = detail.putObject("trigger");
        trigger.put("job_type", "github");
        trigger.put("job_id", discoveryId);
        ObjectNode payload = trigger.putObject("payload");
        payload.put("event", event);
        payload.put("integration_id", integrationId);
        payload.put("installation_id", installationId);
        payload.put("installation_owner", owner);
        if (evidence != null) {
            payload.setAll(evidence);
        }
        detail.putNull("context");
        r.detail = detail;
        w.activity.add(r);
    }

    // ------------------------------------------------------------------ serializers

    static ObjectNode json() {
        return SandboxState.MAPPER.createObjectNode();
    }

    Instant now() {
        return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static ObjectNode basicUser(World.User u) {
        ObjectNode n = json();
        n.put("id", u.id);
        n.put("uuid", u.uuid);
        n.put("distinct_id", u.distinctId);
        n.put("first_name", u.firstName);
        n.put("last_name", u.lastName);
        n.put("email", u.email);
        n.put("is_email_verified", true);
        n.putNull("hedgehog_config");
        n.putNull("role_at_organization");
        return n;
    }

    private static ObjectNode basicOrg(World w, World.User u, World.Org o) {
        ObjectNode n = json();
        n.put("id", o.id);
        n.put("name", o.name);
        n.put("slug", o.slug);
        n.putNull("logo_media_id");
        n.put("membership_level", w.orgLevel(u.id, o.id));
        n.put("members_can_use_personal_api_keys", o.membersCanUsePersonalApiKeys);
        n.put("is_active", true);
        n.putNull("is_not_active_reason");
        n.put("is_pending_deletion", false);
        return n;
    }

    private static ObjectNode fullOrg(World w, Exchange ex, World.Org o) {
        ObjectNode n = basicOrg(w, ex.user, o);
        n.put("created_at", o.createdAt);
        n.put("updated_at", o.createdAt);
        n.put("plugins_access_level", 9);
        ArrayNode teams = n.putArray("teams");
        ArrayNode projects = n.putArray("projects");
        for (World.Team t : visibleTeams(w, ex, o.id)) {
            teams.add(basicTeam(w, t));
            projects.addObject().put("id", t.id).put("organization_id", o.id).put("name", t.name);
        }
        n.put("member_count", (int) w.memberships.stream().filter(m -> m.orgId.equals(o.id)).count());
        n.putNull("enforce_2fa");
        n.put("members_can_invite", true);
        n.putArray("available_product_features");
        n.put("is_member_join_email_enabled", true);
        n.putObject("metadata");
        n.putNull("customer_id");
        return n;
    }

    private static ObjectNode basicTeam(World w, World.Team t) {
        ObjectNode n = json();
        n.put("id", t.id);
        n.put("uuid", t.uuid);
        n.put("organization", t.orgId);
        n.put("project_id", t.id);
        n.put("api_token", t.apiToken);
        n.put("name", t.name);
        n.put("completed_snippet_onboarding", true);
        n.putObject("has_completed_onboarding_for");
        n.put("ingested_event", true);
        n.put("is_demo", false);
        n.put("timezone", t.timezone);
        n.put("access_control", t.restricted);
        return n;
    }

    private static ObjectNode fullTeam(World w, Exchange ex, World.Team t) {
        ObjectNode n = basicTeam(w, t);
        n.put("organization_id", t.orgId);
        n.put("created_at", t.createdAt);
        n.put("updated_at", t.createdAt);
        n.put("effective_membership_level", w.projectLevel(ex.user.id, t));
        n.put("access_control", t.restricted);
        return n;
    }

    static ObjectNode integrationJson(World w, World.Integration i) {
        ObjectNode n = json();
        n.put("id", i.id);
        n.put("kind", i.kind);
        n.set("config", i.config == null ? json() : i.config.deepCopy());
        n.put("created_at", i.createdAt);
        Optional<World.User> by = i.createdById == null ? Optional.empty() : w.user(i.createdById);
        by.ifPresentOrElse(u -> n.set("created_by", basicUser(u)), () -> n.putNull("created_by"));
        n.put("errors", i.errors == null ? "" : i.errors);
        Optional<String> inst = "github".equals(i.kind) ? i.installationId() : Optional.empty();
        String display;
        if ("github".equals(i.kind)) {
            JsonNode account = i.config == null ? null : i.config.path("account");
            display = account != null && account.hasNonNull("name") ? account.get("name").asText() : inst.orElse("");
        } else {
            display = i.config == null ? "" : i.config.path("team").path("name").asText(i.kind);
        }
        n.put("display_name", display);
        n.put("files_write_requestable", false);
        if (inst.isPresent()) {
            boolean shared = w.integrations.stream().anyMatch(o -> o.id != i.id && "github".equals(o.kind)
                    && o.installationId().equals(inst));
            n.put("installation_shared", shared);
            boolean available = w.installation(inst.get()).map(World.Installation::available).orElse(false);
            n.put("installation_status", available ? "connected" : "unavailable");
        } else {
            n.putNull("installation_shared");
            n.putNull("installation_status");
        }
        return n;
    }

    // ------------------------------------------------------------------ pagination

    /** DRF limit/offset pagination with PostHog's page size 100; next/previous keep the other parameters. */
    static ObjectNode paginate(Exchange ex, List<JsonNode> items) {
        int limit = PAGE_SIZE;
        int offset = 0;
        try {
            String l = ex.query.get("limit");
            if (l != null && !l.isEmpty() && Integer.parseInt(l) > 0) {
                limit = Integer.parseInt(l);
            }
            String o = ex.query.get("offset");
            if (o != null && !o.isEmpty() && Integer.parseInt(o) >= 0) {
                offset = Integer.parseInt(o);
            }
        } catch (NumberFormatException ignored) {
            // DRF falls back to the defaults on unparsable values
        }
        ObjectNode n = json();
        n.put("count", items.size());
        if (offset + limit < items.size()) {
            n.put("next", withQuery(ex, Map.of("limit", String.valueOf(limit), "offset", String.valueOf(offset + limit))));
        } else {
            n.putNull("next");
        }
        if (offset > 0) {
            Map<String, String> prev = new LinkedHashMap<>();
            prev.put("limit", String.valueOf(limit));
            if (offset - limit > 0) {
                prev.put("offset", String.valueOf(offset - limit));
            }
            n.put("previous", withQuery(ex, prev, offset - limit <= 0 ? "offset" : null));
        } else {
            n.putNull("previous");
        }
        ArrayNode results = n.putArray("results");
        items.stream().skip(offset).limit(limit).forEach(results::add);
        return n;
    }

    private static String withQuery(Exchange ex, Map<String, String> set) {
        return withQuery(ex, set, null);
    }

    private static String withQuery(Exchange ex, Map<String, String> set, String remove) {
        Map<String, String> q = new LinkedHashMap<>(ex.query);
        q.putAll(set);
        if (remove != null) {
            q.remove(remove);
        }
        q.remove("personal_api_key");
        String query = q.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
                .collect(Collectors.joining("&"));
        return ex.origin + ex.path + (query.isEmpty() ? "" : "?" + query);
    }
}
