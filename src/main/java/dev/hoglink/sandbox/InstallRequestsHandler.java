package dev.hoglink.sandbox;

import static dev.hoglink.sandbox.JsonViews.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.Comparator;

/**
 * Install requests waiting on a GitHub organization owner (docs/api-notes.md NE1):
 * {@code GET /api/users/@me/integrations/github/install_requests/} lists the caller's own requests with the
 * app's install URL, {@code DELETE …/install_requests/{id}/} dismisses one. GitHub's {@code installation}
 * webhook with {@code action: created} and a {@code requester} flips that GitHub user's pending requests to
 * approved (posthog/api/github_callback/installation_events.py); the sandbox takes that webhook at
 * {@code POST /_sandbox/github/webhook/installation}, and its GitHub stand-in's approval page sends it. The same
 * webhook with {@code action: deleted} (the App uninstalled on GitHub) makes PostHog delete every team and personal
 * GitHub row of the installation (handle_installation_event; docs/api-notes.md NH22).
 */
final class InstallRequestsHandler {

    static final String APP_SLUG = "posthog-sandbox";
    static final String APPROVAL_PATH = "/apps/" + APP_SLUG + "/installations/new";
    static final String WEBHOOK_PATH = "/_sandbox/github/webhook/installation";

    private final Gate gate;
    private final Clock clock;

    InstallRequestsHandler(Gate gate, Clock clock) {
        this.gate = gate;
        this.clock = clock;
    }

    /** {@code {results: [...], install_url}}: not paginated; newest first (the order is inferred). */
    Response list(World w, Exchange ex) {
        Gate.requireMethod(ex, "GET");
        gate.throttle(ex);
        ObjectNode body = json();
        ArrayNode results = body.putArray("results");
        w.installRequests.stream().filter(r -> r.userId == ex.user.id)
                .sorted(Comparator.comparing((World.GitHubInstallRequest r) -> r.requestedAt).reversed())
                .forEach(r -> results.add(requestJson(r)));
        body.put("install_url", ex.origin + APPROVAL_PATH);
        return Response.json(200, body);
    }

    /** Dismisses one of the caller's requests, whatever its status; another user's or a gone one is not found. */
    Response dismiss(World w, Exchange ex) {
        Gate.requireMethod(ex, "DELETE");
        gate.throttle(ex);
        String id = ex.segments.get(6);
        boolean removed = w.installRequests.removeIf(r -> r.id.equals(id) && r.userId == ex.user.id);
        if (!removed) {
            throw ApiError.notFound("No GitHub install request found.");
        }
        return Response.noContent();
    }

    static ObjectNode requestJson(World.GitHubInstallRequest r) {
        ObjectNode n = json();
        n.put("id", r.id);
        n.put("github_login", r.githubLogin == null ? "" : r.githubLogin);
        n.put("status", r.status);
        n.put("installation_id", r.installationId);
        n.put("account_login", r.accountLogin);
        n.put("account_type", r.accountType);
        n.put("requested_at", r.requestedAt);
        n.put("resolved_at", r.resolvedAt);
        return n;
    }

    /**
     * GitHub's {@code installation} webhook, action {@code created}: every pending request of the GitHub user in
     * {@code requester.id} becomes approved, with the installation and its account. No requester (an owner
     * installing for themselves) changes nothing. Answers how many requests it resolved.
     */
    Response webhook(World w, Exchange ex) {
        JsonNode p = ex.json();
        JsonNode installation = p.path("installation");
        if ("deleted".equals(p.path("action").asText())) {
            return uninstalled(w, installation.path("id"));
        }
        JsonNode requester = p.path("requester").path("id");
        if (!"created".equals(p.path("action").asText()) || !installation.has("id") || !requester.isNumber()) {
            return Response.json(200, json().put("resolved", 0));
        }
        int resolved = approve(w, requester.asLong(), installation.path("id").asText(),
                installation.path("account").path("login").asText(null),
                installation.path("account").path("type").asText(null));
        return Response.json(200, json().put("resolved", resolved));
    }

    /**
     * GitHub's {@code installation} webhook, action {@code deleted}: the installation is gone on GitHub, and PostHog
     * deletes every team row and personal row that names it. Answers how many team rows went; an unknown or missing
     * installation id changes nothing (PostHog answers 200 to it too).
     */
    private static Response uninstalled(World w, JsonNode id) {
        if (!id.isNumber() && !id.isTextual()) {
            return Response.json(200, json().put("team_integrations_deleted", 0));
        }
        String installationId = id.asText();
        w.installation(installationId).ifPresent(i -> i.status = "uninstalled");
        return Response.json(200, json().put("team_integrations_deleted", w.installationDeleted(installationId)));
    }

    int approve(World w, long githubUserId, String installationId, String accountLogin, String accountType) {
        int n = 0;
        for (World.GitHubInstallRequest r : w.installRequests) {
            if ("pending".equals(r.status) && r.githubUserId != null && r.githubUserId == githubUserId) {
                r.status = "approved";
                r.installationId = installationId;
                r.accountLogin = accountLogin;
                r.accountType = accountType;
                r.resolvedAt = World.drfTime(clock.instant());
                n++;
            }
        }
        return n;
    }

    /**
     * The GitHub stand-in's page behind {@code install_url}: what an organization owner sees. A POST with
     * {@code requester} approves that GitHub user's pending requests on the acme-oss installation, as the
     * owner's approval and GitHub's webhook would.
     */
    Response approvalPage(World w, Exchange ex) {
        if ("POST".equals(ex.method)) {
            JsonNode form = ex.json();
            long requester = form.path("requester").asLong(-1);
            int n = approve(w, requester, SeedWorld.INST_ACME_OSS_ADOPTABLE, "acme-oss", "Organization");
            return Response.html(200, page("Approved " + n + (n == 1 ? " request" : " requests")
                    + ". PostHog now shows it as approved."));
        }
        StringBuilder rows = new StringBuilder();
        w.installRequests.stream().filter(r -> "pending".equals(r.status) && r.githubUserId != null)
                .map(r -> r.githubUserId + ":" + r.githubLogin).distinct().forEach(who -> {
                    String[] parts = who.split(":", 2);
                    rows.append("<form method=\"post\"><input type=\"hidden\" name=\"requester\" value=\"")
                            .append(parts[0]).append("\"><button>Approve the request of ")
                            .append(GitHubOAuth.esc(parts[1])).append("</button></form>");
                });
        return Response.html(200, page(rows.isEmpty() ? "No request waits for approval." : rows.toString()));
    }

    private static String page(String body) {
        return "<!doctype html><html><head><title>Install PostHog (sandbox GitHub)</title></head><body>"
                + "<h1>Install the PostHog app</h1><p>This is the sandbox's stand-in for GitHub, as an organization "
                + "owner sees it.</p>" + body + "</body></html>";
    }
}
