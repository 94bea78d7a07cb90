package dev.hoglink.sandbox;

import static dev.hoglink.sandbox.JsonViews.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A team's integrations (E4, E8): the list, one integration, and its delete with PostHog's in-use refusals. */
final class IntegrationsHandler {

    private final Gate gate;
    private final AuditLog audit;
    private final GitHubLinks links;

    IntegrationsHandler(Gate gate, GitHubLinks links) {
        this.gate = gate;
        this.audit = links.audit();
        this.links = links;
    }

    Response list(World w, Exchange ex) {
        World.Team t = gate.team(w, ex);
        Gate.requireMethod(ex, "GET");
        String kind = ex.query.get("kind");
        List<JsonNode> items = new ArrayList<>();
        for (World.Integration i : teamIntegrations(w, t.id)) {
            if (kind == null || kind.isEmpty() || kind.equals(i.kind)) {
                items.add(view(w, i));
            }
        }
        return Response.json(200, Paging.paginate(ex, items));
    }

    /**
     * A row as PostHog serves it now: its refresh_integrations task (posthog/tasks/integrations.py, every minute)
     * has renewed the installation token of every working GitHub row past half its life
     * (GitHubIntegrationBase.access_token_expired and refresh_access_token, posthog/models/github_integration_base.py),
     * writing a new refreshed_at and a float expires_in; read here as of the sandbox clock, the stored row unchanged.
     */
    private JsonNode view(World w, World.Integration i) {
        ObjectNode n = JsonViews.integrationJson(w, i);
        Long renewed = i.errors == null || i.errors.isEmpty() ? i.scheduledRenewal(links.nowEpochSecond()) : null;
        if (renewed != null && i.installationId().flatMap(w::installation).map(World.AppInstallation::available)
                .orElse(false)) {
            ((ObjectNode) n.get("config")).put("expires_in", 3599.0)
                    .put("refreshed_at", renewed);
        }
        return n;
    }

    private static List<World.Integration> teamIntegrations(World w, int teamId) {
        return w.integrations.stream().filter(i -> i.teamId == teamId)
                .sorted(Comparator.comparing((World.Integration i) -> World.instant(i.createdAt)).thenComparingInt(i -> i.id))
                .toList();
    }

    Response detail(World w, Exchange ex) {
        World.Team t = gate.team(w, ex);
        Gate.requireMethod(ex, "GET", "DELETE");
        World.Integration row = w.integration(Integer.parseInt(ex.segments.get(4)))
                .filter(i -> i.teamId == t.id).orElseThrow(ApiError::notFound);
        if (ex.method.equals("GET")) {
            return Response.json(200, view(w, row));
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
            audit.audit(w, ex.user, t, "disconnect_started", row.id, inst.get(), owner, null,
                    json().put("last_reference", last));
            if (!last) {
                audit.audit(w, ex.user, t, "uninstall_completed", row.id, inst.get(), owner, null,
                        json().put("outcome", "skipped").put("reason", "other_project_references"));
            } else {
                // Last team reference: PostHog uninstalls the App on GitHub and drops personal links to it. A failed
                // uninstall is recorded (outcome failed, the exception's class as failure_type) and changes nothing
                // else: the personal links still go, the row is still deleted, the answer is still 204 (NH20).
                Optional<World.AppInstallation> app = w.installation(inst.get());
                if (app.map(i -> i.refusesUninstall).orElse(false)) {
                    audit.audit(w, ex.user, t, "uninstall_completed", row.id, inst.get(), owner, null,
                            json().put("outcome", "failed").put("failure_type", "GitHubIntegrationError"));
                } else {
                    app.ifPresent(i -> i.status = "uninstalled");
                    audit.audit(w, ex.user, t, "uninstall_completed", row.id, inst.get(), owner, null,
                            json().put("outcome", "uninstalled"));
                }
                List<World.PersonalLink> dropped = w.personalLinks.stream()
                        .filter(p -> inst.get().equals(p.installationId)).toList();
                w.personalLinks.removeAll(dropped);
                // GitHubAudit.personal: rows of the organization the link was made from, of no team (NL3, NF6).
                for (World.PersonalLink p : dropped) {
                    audit.personal(w, ex.user, p, "credential_deleted", json().put("reason", "last_project_disconnected"));
                }
            }
        }
        w.integrations.remove(row);
        if ("github".equals(row.kind)) {
            audit.audit(w, ex.user, t, "deleted", row.id, inst.orElse(null), owner, null,
                    json().put("outcome", "disconnected"));
        }
        return Response.noContent();
    }

    private static String sortedNames(List<String> names) {
        return names.stream().sorted().collect(Collectors.joining(", "));
    }
}
