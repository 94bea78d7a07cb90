package dev.hoglink.service.audit;

import com.fasterxml.jackson.databind.JsonNode;
import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.model.Project;
import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import dev.hoglink.service.audit.AuditReport.Source;
import dev.hoglink.util.Redactor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** PostHog's integration activity log, read as the audit's history lines. */
final class ActivityHistory {

    private ActivityHistory() {
    }

    /** A PostHog activity-log row of a project as a history line: event, installation, account, outcome, user. */
    static HistoryEntry entry(Project p, ActivityLogEntryDto row) {
        JsonNode payload = row.detail() == null || row.detail().trigger() == null
                ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : row.detail().trigger().path("payload");
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
        for (String field : List.of("outcome", "reason", "rejection_reason", "error")) {
            String v = text(payload.path(field));
            if (v != null) {
                parts.add(field.replace('_', ' ') + " " + v);
            }
        }
        String user = row.user() != null ? row.user().displayName()
                : Boolean.TRUE.equals(row.isSystem()) ? "PostHog (system)" : "";
        Instant time = row.createdAt() == null ? Instant.EPOCH : row.createdAt().toInstant();
        return new HistoryEntry(time, Source.POSTHOG, p.id(), p.name(), installation, user, event, "",
                Redactor.redact(String.join("; ", parts)));
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull() || n.isMissingNode()) {
            return null;
        }
        String s = n.asText();
        return s.isBlank() ? null : s;
    }
}
