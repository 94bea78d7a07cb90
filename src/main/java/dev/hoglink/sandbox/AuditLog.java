package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.util.UUID;

/**
 * Writes a GitHub audit event as PostHog's GitHubAudit does: an activity-log row with scope Integration,
 * activity = the event when customer-visible ({@code deleted}) else {@code github_diagnostic}.
 */
final class AuditLog {

    private final Clock clock;

    AuditLog(Clock clock) {
        this.clock = clock;
    }

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
        r.createdAt = World.drfTime(clock.instant());
        r.isSystem = false;
        ObjectNode detail = JsonViews.json();
        detail.put("id", r.itemId);
        detail.put("name", owner != null ? owner : installationId != null ? installationId : "GitHub");
        detail.putNull("short_id");
        detail.put("type", "github");
        detail.putNull("changes");
        ObjectNode trigger = detail.putObject("trigger");
        trigger.put("job_type", "github");
        trigger.put("job_id", discoveryId == null ? "" : discoveryId);
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
}
