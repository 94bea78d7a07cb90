package dev.hoglink.sandbox;

import static dev.hoglink.sandbox.JsonViews.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Linking a team to a GitHub App installation another project (or the caller's own GitHub account) already
 * has: {@code integrations/github/available_installations/} (E5) and {@code link_existing/} (E6), with
 * PostHog's GitHub proof rules for non-admins and adoption.
 */
final class GitHubHandler {

    static final Pattern INSTALLATION_ID = Pattern.compile("^[1-9]\\d{0,19}$");

    private final Gate gate;
    private final GitHubLinks links;

    GitHubHandler(Gate gate, GitHubLinks links) {
        this.gate = gate;
        this.links = links;
    }

    /**
     * {@code timezone.now().isoformat()} as github_available_installations sends it (a plain string, not a DRF
     * DateTimeField): {@code +00:00}, microseconds only when not zero (posthog/api/integration.py).
     */
    static String pythonIsoformat(java.time.Instant t) {
        String drf = World.drfTime(t);
        return drf.substring(0, drf.length() - 1) + "+00:00";
    }

    Response availableInstallations(World w, Exchange ex) {
        World.Team target = gate.team(w, ex);
        Gate.requireMethod(ex, "GET");
        ObjectNode n = json();
        String discoveryId = UUID.randomUUID().toString();
        n.put("discovery_id", discoveryId);
        n.put("discovered_at", pythonIsoformat(gate.now()));
        GitHubLinks.Personal personal = GitHubLinks.personal(w, ex.user);
        if (personal.login() == null) {
            n.putNull("personal_github_login");
        } else {
            n.put("personal_github_login", personal.login());
        }
        n.put("personal_discovery_status", personal.status());
        n.put("personal_github_connected", personal.connected());
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
            o.put("source_team_name", links.sourceTeamNames() ? w.team(i.teamId).map(t -> t.name).orElse(null) : null);
        });
        if ("ok".equals(personal.status())) {
            Set<String> linkedInOrg = w.integrations.stream().filter(i -> "github".equals(i.kind))
                    .filter(i -> w.team(i.teamId).map(t -> t.orgId.equals(target.orgId)).orElse(false))
                    .map(World.Integration::installationId).flatMap(Optional::stream).collect(Collectors.toSet());
            for (String id : personal.visibleInstallations(w)) {
                World.AppInstallation inst = w.installation(id).orElse(null);
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
        // PostHog ends the view with record("discovery_completed"), which the newest github_audit.py keeps in its logs
        // only (LOG_ONLY_EVENTS): no activity row (docs/api-notes.md NL3, N22).
        links.audit().audit(w, ex.user, target, "discovery_completed", null, null, null, discoveryId, null);
        return Response.json(200, n).with("Cache-Control", "private, no-store");
    }

    Response linkExisting(World w, Exchange ex) {
        World.Team target = gate.team(w, ex);
        Gate.requireMethod(ex, "POST");
        JsonNode body = ex.jsonObject();
        // The request serializer: field types first (DRF errors name the field), nothing audited yet.
        String rawInstallationId = installationIdField(body.get("installation_id"));
        Integer sourceTeamId = parseSourceTeamId(body.get("source_team_id"));
        if (sourceTeamId != null && sourceTeamId == 0) {
            sourceTeamId = null; // team_services.py tests `if source_team_id:`, so 0 counts as not given
        }
        String discoveryId = parseDiscoveryId(body.get("discovery_id"));
        String selected = rawInstallationId != null && INSTALLATION_ID.matcher(rawInstallationId).matches()
                ? rawInstallationId : null;
        links.audit().link(w, ex.user, target, "link_started", discoveryId, selected, null);
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
                payload.put("failure_type", e.failureType == null ? "GitHubIntegrationError" : e.failureType);
            }
            links.audit().link(w, ex.user, target, event, discoveryId, selected, payload);
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
            source = GitHubLinks.githubRows(w, Set.of(sourceTeamId)).stream()
                    .filter(i -> installationId == null || i.installationId().map(installationId::equals).orElse(false))
                    .findFirst()
                    .orElseThrow(() -> ApiError.validation("Source team does not have a GitHub integration"));
            instId = source.installationId()
                    .orElseThrow(() -> ApiError.validation("Source integration is missing installation_id"));
        } else if (installationId != null) {
            instId = installationId;
            source = GitHubLinks.githubRows(w, accessibleIds).stream()
                    .filter(i -> i.installationId().map(installationId::equals).orElse(false))
                    .findFirst().orElse(null);
            if (source == null) {
                boolean linkedElsewhereInOrg = w.integrations.stream()
                        .filter(i -> i.githubRowOf(installationId))
                        .anyMatch(i -> w.team(i.teamId).map(t -> t.orgId.equals(target.orgId)).orElse(false));
                if (linkedElsewhereInOrg) {
                    throw ApiError.validation("github_link_existing_orphan_installation",
                            "No team in your organization has this GitHub installation linked");
                }
                adoption = true;
            }
        } else {
            Set<Integer> siblings = accessibleIds.stream().filter(id -> id != target.id).collect(Collectors.toSet());
            List<World.Integration> rows = GitHubLinks.githubRows(w, siblings).stream()
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
        GitHubLinks.Personal personal = GitHubLinks.personal(w, user);
        if (adoption) {
            if (!admin) {
                throw ApiError.validation("github_adoption_admin_required",
                        "Linking a GitHub installation that no project has connected yet requires admin access to this project. Ask a project admin to link it.");
            }
            requireProof(w, user, instId, true);
        } else if (!admin) {
            requireProof(w, user, instId, false);
        }
        links.githubCall();
        // PostHog re-fetches the installation from GitHub; a gone or suspended one fails the fetch.
        World.AppInstallation inst = w.installation(instId).filter(World.AppInstallation::available)
                .orElseThrow(ApiError::installationFetchFailed);
        String sourceLogin = source == null ? personal.login()
                : source.config.path("connecting_user_github_login").asText(null);
        World.Integration row = links.upsertGithubRow(w, target, inst, user, sourceLogin, false);
        links.audit().link(w, user, target, "link_completed", discoveryId, instId,
                json().put("linked_integration_id", row.id));
        return JsonViews.integrationJson(w, row);
    }

    /**
     * GitHub proof with the caller's first usable personal link, newest first (team_services.py
     * authorize_link_existing_installation and adopt_orphan_installation, both through usable_personal_github_token):
     * none usable → personal_github_required; a token that cannot see the installation counts as no proof for
     * sibling reuse (personal_github_required) and is installation_access_denied for adoption. PostHog's "Failed to
     * verify installation access" comes only from a network error on the way to GitHub, which the sandbox does not
     * model.
     */
    private static void requireProof(World w, World.User user, String installationId, boolean adoption) {
        World.PersonalLink usable = GitHubLinks.usableLink(w, user.id);
        if (usable == null) {
            throw ApiError.validation("github_link_existing_personal_github_required", GitHubLinks.PERSONAL_GITHUB_REQUIRED);
        }
        boolean sees = w.githubUser(usable.githubLogin).map(g -> g.installationIds.contains(installationId)).orElse(false)
                && w.installation(installationId).map(i -> !"uninstalled".equals(i.status)).orElse(false);
        if (!sees) {
            if (adoption) {
                throw ApiError.validation("installation_access_denied", "You do not have access to this GitHub installation");
            }
            throw ApiError.validation("github_link_existing_personal_github_required", GitHubLinks.PERSONAL_GITHUB_REQUIRED);
        }
    }

}
