package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Locale;

/** A GitHub integration's repositories (E9): the cached list and its refresh from GitHub. */
final class GitHubReposHandler {

    private final Gate gate;
    private final GitHubLinks links;

    /** GITHUB_REPOSITORY_REFRESH_COOLDOWN_SECONDS (posthog/models/integration/github.py). */
    static final long REFRESH_COOLDOWN_MS = 30_000;

    GitHubReposHandler(Gate gate, GitHubLinks links) {
        this.gate = gate;
        this.links = links;
    }

    Response list(World w, Exchange ex) {
        World.Team t = gate.team(w, ex);
        Gate.requireMethod(ex, "GET");
        int limit = intParam(ex, "limit", 100);
        int offset = intParam(ex, "offset", 0);
        // GitHubReposQuerySerializer's IntegerFields: DRF's max_value and min_value codes pass through unchanged
        if (limit < 1 || limit > 500) {
            throw limit < 1 ? ApiError.field("limit", "min_value", "Ensure this value is greater than or equal to 1.")
                    : ApiError.field("limit", "max_value", "Ensure this value is less than or equal to 500.");
        }
        if (offset < 0) {
            throw ApiError.field("offset", "min_value", "Ensure this value is greater than or equal to 0.");
        }
        // _filter_cached_repositories (posthog/models/github_integration_base.py): the stripped search, casefolded,
        // within the full name ("owner/name"), so an owner's name matches all its repositories.
        String search = ex.query.getOrDefault("search", "").trim().toLowerCase(Locale.ROOT);
        World.Integration row = githubRowOf(w, ex, t, "github_repos");
        List<World.Repo> repos = reposOf(w, row).stream()
                .filter(r -> search.isEmpty() || r.fullName.toLowerCase(Locale.ROOT).contains(search))
                .toList();
        ObjectNode n = JsonViews.json();
        ArrayNode arr = n.putArray("repositories");
        repos.stream().skip(offset).limit(limit).forEach(r -> arr.add(JsonViews.repoJson(r)));
        n.put("has_more", offset + limit < repos.size());
        // The newest github_repos also names count_cached_repositories(search): every match, across all pages (NI3).
        n.put("total", repos.size());
        return Response.json(200, n);
    }

    Response refresh(World w, Exchange ex) {
        World.Team t = gate.team(w, ex);
        Gate.requireMethod(ex, "POST");
        // The refresh action adds 10/minute per team, whatever the authentication.
        gate.throttleBucket("github_repos_refresh:" + t.id, 10);
        World.Integration row = githubRowOf(w, ex, t, "refresh_github_repos");
        // sync_repository_cache(min_refresh_interval_seconds=30): within 30 s of the last refresh PostHog answers
        // from its cache and does not ask GitHub.
        long now = links.nowMillis();
        boolean fresh = row.reposRefreshedAtMillis != null && now - row.reposRefreshedAtMillis < REFRESH_COOLDOWN_MS;
        World.AppInstallation inst = row.installationId().flatMap(w::installation).orElse(null);
        if (inst == null) {
            throw ApiError.validation("Unable to refresh GitHub repositories. Please check integration settings and try again.");
        }
        if (!fresh) {
            links.githubCall();
            row.reposRefreshedAtMillis = now;
            // The listing mints a token when the stored one is past its half-life or GitHub refuses it (a marked
            // row's stale token). A gone installation refuses the mint and marks the row; a working one gives a
            // fresh token and clears the mark and the row's errors (refresh_github_repos;
            // GitHubIntegrationBase.api_request and refresh_access_token, posthog/models/github_integration_base.py).
            long seconds = links.nowEpochSecond();
            if (!inst.available()) {
                row.mintRefused(seconds);
            } else if (row.tokenExpired(seconds)) {
                row.minted(seconds);
            }
        }
        ObjectNode n = JsonViews.json();
        ArrayNode arr = n.putArray("repositories");
        // When GitHub reports the installation gone or suspended, the last cached list comes back.
        inst.repositories.forEach(r -> arr.add(JsonViews.repoJson(r)));
        n.put("installation_status", row.installationStatusText());
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

    /**
     * PostHog's stored list of the row's repositories: list_cached_repositories answers it whatever GitHub now says of
     * the installation (a sync GitHub refuses keeps the last list), suspended and uninstalled alike.
     */
    private static List<World.Repo> reposOf(World w, World.Integration row) {
        return row.installationId().flatMap(w::installation).map(i -> i.repositories).orElse(List.of());
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
}
