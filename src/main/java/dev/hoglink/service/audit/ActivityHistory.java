package dev.hoglink.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.model.Project;
import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import dev.hoglink.service.audit.AuditReport.Source;
import dev.hoglink.service.link.InstallationUse;
import dev.hoglink.util.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** PostHog's integration activity log, read as the audit's history lines. */
final class ActivityHistory {

    private ActivityHistory() {
    }

    /** The project column of a row PostHog logged for the organization, not for one of its teams. */
    static final String ORGANIZATION = "Organization (all projects)";

    /**
     * A PostHog activity-log row of a project as a history line: event, installation, account, outcome, user.
     * {@code sequence} is the row's place in the project's log counted from its oldest end.
     */
    static HistoryEntry entry(Project p, ActivityLogEntryDto row, long sequence) {
        JsonNode payload = row.detail() == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : row.detail().payload();
        String installation = text(payload.path("installation_id"));
        String event = row.detail() == null ? null : row.detail().githubEvent();
        if (event == null) {
            event = row.activity();
        }
        List<String> parts = new ArrayList<>();
        String owner = text(payload.path("installation_owner"));
        if (owner != null) {
            parts.add("account " + owner);
        }
        // A personal GitHub link's event (GitHubAudit.personal) names whose link it was: the link's GitHub login; one
        // unlink can remove several users' links of one installation, one line each (docs/api-notes.md NL3).
        String login = text(payload.path("github_login"));
        if (login != null) {
            parts.add("GitHub login " + login);
        }
        // failure_type: the exception's class name of link_failed, disconnect_failed and the like; stage: which step
        // of a disconnect failed (posthog/models/integration/github_audit.py EVENT_FIELDS, docs/api-notes.md NL2).
        // The payload's own outcome (uninstall_completed's "skipped", deleted's "disconnected") is the Outcome column's,
        // as a journal line's is; only the rest goes to the details.
        String outcome = text(payload.path("outcome"));
        if ("uninstall_completed".equals(event) && "failed".equals(outcome)) {
            // The uninstall raised; the row was deleted all the same (docs/api-notes.md NH20).
            parts.add(InstallationUse.uninstallFailed(owner != null ? owner
                    : installation != null ? "installation " + installation : "the account"));
        }
        for (String field : List.of("reason", "error", "stage", "failure_type")) {
            String v = text(payload.path(field));
            if (v != null) {
                parts.add("reason".equals(field) && STEP_REASONS.containsKey(v) ? STEP_REASONS.get(v)
                        : field.replace('_', ' ') + " " + v);
            }
        }
        // Lists of ValidationError codes (posthog/models/integration/github_audit.py, docs/api-notes.md N12, N20).
        String rejected = reasons(payload.path("rejection_reason"));
        if (rejected != null) {
            parts.add("rejected: " + rejected);
        }
        String failed = reasons(payload.path("failure_category"));
        if (failed != null) {
            parts.add("failed: " + failed);
        }
        String user = row.user() != null ? row.user().displayName()
                : Boolean.TRUE.equals(row.isSystem()) ? "PostHog (system)" : "";
        Instant time = row.createdAt() == null ? Instant.EPOCH : row.createdAt().toInstant();
        // An organization-level row (team_id null) is in every subscribed team's log: it belongs to none of them (NF6).
        boolean org = row.organizationLevel();
        return new HistoryEntry(time, Source.POSTHOG, org ? null : p.id(), org ? ORGANIZATION : p.inText(), installation,
                user, event, outcome == null ? "" : Redactor.redact(outcome), Redactor.redact(String.join("; ", parts)),
                sequence);
    }

    /**
     * The reasons a disconnect's steps give (posthog/api/integration.py perform_destroy, docs/api-notes.md N6, NH20),
     * in words; any other reason reads as "reason" and its code.
     */
    static final Map<String, String> STEP_REASONS = Map.of(
            "other_project_references", "other projects still use the installation, so the app stays installed",
            "last_project_disconnected", "the last project using the installation was disconnected");

    /** PostHog's error codes in words (the codes the link and setup flows raise; any other code as itself). */
    static final Map<String, String> REASONS = Map.ofEntries(
            Map.entry("github_link_existing_orphan_installation",
                    InstallationUse.notLinkedWhereAccessible("the user", "this installation")),
            Map.entry("github_adoption_admin_required", "a project admin must link it: "
                    + InstallationUse.unusedInOrganization("this installation")),
            Map.entry("github_link_existing_personal_github_required",
                    "the user needs a working personal GitHub link that can see the installation on GitHub (or an "
                    + "admin to link it)"),
            Map.entry("installation_verify_failed", "PostHog could not verify access to the installation"),
            Map.entry("installation_access_denied", "the user has no access to this GitHub installation"),
            Map.entry("invalid", "the request was refused (installation or source project not valid)"),
            Map.entry("invalid_input", "the request was refused (installation or source project not valid)"),
            Map.entry("insufficient_permissions", "the user lacks the project rights for this"),
            Map.entry("invalid_state", "the sign-in state was missing or expired"),
            Map.entry("invalid_installation_id", "the installation id was malformed"),
            Map.entry("access_denied", "the user declined on GitHub"),
            Map.entry("github_oauth_error", "GitHub returned an error"),
            Map.entry("github_install_failed", "the installation could not be set up"),
            Map.entry("permission_denied", "permission denied"),
            Map.entry("not_found", "not found"),
            Map.entry("throttled", "too many requests"));

    /** A list (or a single code) of reasons as words, joined; null when there are none. */
    static String reasons(JsonNode n) {
        List<String> codes = new ArrayList<>();
        if (n != null && n.isArray()) {
            n.forEach(c -> {
                String t = text(c);
                if (t != null) {
                    codes.add(t);
                }
            });
        } else {
            String t = text(n);
            if (t != null) {
                codes.add(t);
            }
        }
        if (codes.isEmpty()) {
            return null;
        }
        return codes.stream().distinct().map(c -> REASONS.getOrDefault(c, c.replace('_', ' ')))
                .collect(java.util.stream.Collectors.joining(", "));
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        String s = n.asText();
        return s.isBlank() ? null : s;
    }
}
