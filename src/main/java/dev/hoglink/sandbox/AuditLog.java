package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;

/**
 * Writes a GitHub audit event as PostHog's GitHubAudit does: an activity-log row with scope Integration,
 * activity = the event when customer-visible ({@code deleted}) else {@code github_diagnostic}.
 * <p>
 * The row names what the audit was made for (its integration, installation and owner: {@code GitHubAudit.project}
 * names a row's, the link endpoint's audit none) and carries the event's evidence in its payload, where an evidence
 * field of the same name (a link's {@code installation_id}) takes the place of the audit's (docs/api-notes.md NL2).
 * <p>
 * As PostHog's {@code record}, every event goes to the server's log ({@link #logged}), and only events that are not
 * log-only ({@link #LOG_ONLY_EVENTS}: discovery) become activity rows (docs/api-notes.md NL3).
 */
final class AuditLog {

    /**
     * The events PostHog's GitHubAuditPayload.LOG_ONLY_EVENTS keeps out of the activity log
     * (posthog/models/integration/github_audit.py at ee3c14d2): discovery runs on every suggestions load.
     */
    static final Set<String> LOG_ONLY_EVENTS = Set.of("discovery_credential_selected", "discovery_github_response",
            "discovery_candidates", "discovery_candidates_filtered", "discovery_completed", "discovery_failed");

    /** One line of the server's log (PostHog's structlog {@code logger.info(event, ...)}): the event and its team. */
    record Logged(String event, Integer teamId, String organizationId) {
    }

    private final Clock clock;
    private final LongSupplier randomBits;
    /** How many log lines are kept: the oldest go first. */
    static final int MAX_LOGGED = 10_000;
    /** The server's log of audit events, this run only (PostHog's logs are not part of its database). */
    private final List<Logged> log = new ArrayList<>();

    AuditLog(Clock clock) {
        this(clock, () -> ThreadLocalRandom.current().nextLong());
    }

    /** A log whose ids take their random part from {@code randomBits}: the seeded past is the same on every run. */
    AuditLog(Clock clock, LongSupplier randomBits) {
        this.clock = clock;
        this.randomBits = randomBits;
    }

    void audit(World w, World.User user, World.Team team, String event, Integer integrationId,
               String installationId, String owner, String discoveryId, ObjectNode evidence) {
        write(w, user, team.id, team.orgId, event, integrationId == null ? null : String.valueOf(integrationId),
                installationId, owner, discoveryId, evidence);
    }

    /**
     * An event of {@code GitHubAudit.personal(link, user)} (posthog/models/integration/github_audit.py at ee3c14d2):
     * the audit names the personal link ({@code str(pk)}) and its installation, no team and no owner, and its
     * organization is the one the link was made from; its payload carries the link's own fields
     * ({@code personal_integration_id}, {@code owning_user_id}, {@code github_user_id}, {@code github_login},
     * {@code credential_version}, {@code identity_verified_at}) before the evidence. The row is therefore
     * organization-level ({@code team_id} null); a link made from no organization gets no row at all (NL3).
     */
    void personal(World w, World.User user, World.PersonalLink link, String event, ObjectNode evidence) {
        ObjectNode fields = JsonViews.json();
        fields.put("personal_integration_id", String.valueOf(link.id));
        fields.put("owning_user_id", link.userId);
        fields.put("github_user_id", link.githubUserId == 0 ? null : link.githubUserId);
        fields.put("github_login", link.githubLogin);
        fields.putNull("credential_version"); // the sandbox keeps neither; GitHubAuditPayload.fields keeps nulls
        fields.putNull("identity_verified_at");
        if (evidence != null) {
            fields.setAll(evidence);
        }
        write(w, user, null, link.originatingOrgId, event, String.valueOf(link.id), link.installationId, null, "",
                fields);
    }

    /**
     * GitHubAudit.record: a log line always; an activity row unless the audit has no organization or the event is
     * log-only. {@code teamId} null makes an organization-level row.
     */
    private void write(World w, World.User user, Integer teamId, String organizationId, String event,
                       String integrationId, String installationId, String owner, String discoveryId,
                       ObjectNode evidence) {
        logLine(event, teamId, organizationId);
        if (organizationId == null || LOG_ONLY_EVENTS.contains(event)) {
            return;
        }
        World.ActivityRow r = new World.ActivityRow();
        java.time.Instant now = clock.instant();
        r.id = uuidt(w, now, randomBits.getAsLong());
        r.seq = w.nextActivitySeq++;
        r.teamId = teamId;
        r.organizationId = organizationId;
        r.userId = user == null ? null : user.id;
        r.activity = "deleted".equals(event) ? "deleted" : "github_diagnostic";
        r.scope = "Integration";
        // log_activity stores str(item_id): an audit that names neither an integration nor an installation (the
        // link endpoint's) leaves the text "None" (posthog/models/activity_logging/activity_log.py).
        r.itemId = integrationId != null ? integrationId : installationId != null ? installationId : "None";
        r.createdAt = World.drfTime(now);
        r.isSystem = false;
        // Detail's own fields, as ActivityDetailEncoder writes the dataclass: no id; GitHubAudit sets no type.
        ObjectNode detail = JsonViews.json();
        detail.put("name", owner != null ? owner : installationId != null ? installationId : "GitHub");
        detail.putNull("short_id");
        detail.putNull("type");
        detail.putNull("changes");
        ObjectNode trigger = detail.putObject("trigger");
        trigger.put("job_type", "github");
        trigger.put("job_id", discoveryId == null ? "" : discoveryId);
        ObjectNode payload = trigger.putObject("payload");
        payload.put("event", event);
        payload.put("integration_id", integrationId); // str(pk)
        payload.put("installation_id", installationId);
        payload.put("installation_owner", owner);
        if (evidence != null) {
            payload.setAll(evidence);
        }
        detail.putNull("context");
        r.detail = detail;
        w.activity.add(r);
    }

    /**
     * A row of the link endpoint ({@code github_link_existing} in posthog/api/integration.py): its audit is made for
     * the organization and team only, so the row names no integration nor owner ({@code item_id} "None",
     * {@code detail.name} "GitHub"); the payload carries {@code discovery_id} (empty when none), the installation the
     * request chose (null when none was valid) or, for {@code link_completed}, the one linked, then {@code more}.
     */
    void link(World w, World.User user, World.Team team, String event, String discoveryId, String installationId,
              ObjectNode more) {
        ObjectNode evidence = JsonViews.json();
        evidence.put("discovery_id", discoveryId == null ? "" : discoveryId);
        evidence.put("installation_id", installationId);
        if (more != null) {
            evidence.setAll(more);
        }
        audit(w, user, team, event, null, null, null, discoveryId, evidence);
    }

    private void logLine(String event, Integer teamId, String organizationId) {
        synchronized (log) {
            if (log.size() >= MAX_LOGGED) {
                log.remove(0);
            }
            log.add(new Logged(event, teamId, organizationId));
        }
    }

    /** The server's log lines of {@code event} for {@code teamId} (null: lines of no team). */
    long logged(String event, Integer teamId) {
        synchronized (log) {
            return log.stream().filter(l -> l.event().equals(event) && java.util.Objects.equals(l.teamId(), teamId))
                    .count();
        }
    }

    /**
     * An activity row's id as PostHog makes it (ActivityLog is a UUIDTModel; UUIDT in posthog/models/utils.py): the
     * Unix time in milliseconds (48 bits), a series counted from 0 within each millisecond (16 bits, wrapping), then
     * 64 random bits. Of rows of one instant the later written has the greater id, which is how PostHog's
     * {@code -id} tiebreak orders them (docs/api-notes.md NK1).
     */
    static String uuidt(World w, Instant at, long randomBits) {
        long ms = at.toEpochMilli();
        int series = w.uuidtSeries.getOrDefault(ms, 0);
        if (w.uuidtSeries.size() > 10_000) {
            w.uuidtSeries.clear(); // as UUIDT.get_series clears its table now and then
        }
        w.uuidtSeries.put(ms, (series + 1) & 0xFFFF);
        long high = (ms & 0xFFFF_FFFF_FFFFL) << 16 | series;
        return new UUID(high, randomBits).toString();
    }
}
