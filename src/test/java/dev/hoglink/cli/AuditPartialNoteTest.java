package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.audit.AuditReport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The console's partial-report note says the wait as the window does, and when it ends. */
class AuditPartialNoteTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");

    private static AuditReport notRead(Instant resumeAt) {
        Organization org = new Organization("org-1", "Acme", "acme", Organization.OWNER);
        AuditReport.ProjectAudit refused = new AuditReport.ProjectAudit(new Project(7, "Checkout", org.id(), null),
                List.of(), ProjectState.NOT_CONNECTED, "PostHog is limiting how fast Hoglink may send requests.");
        return new AuditReport("https://us.posthog.com", org, List.of(refused), List.of(),
                new AuditReport.Summary(1, 0, 0, 0, 0, 1), List.of(), List.of(), true, "", "").withReads(0, resumeAt);
    }

    /** PostHog's hourly throttle asks for up to an hour: "in 60 min", not a bare timestamp to subtract by hand. */
    @Test
    void anHoursWaitIsSaidInMinutesWithTheTimeItEnds() {
        assertEquals("partial report: 1 of 1 projects could not be read; the counts cover the others only. PostHog "
                + "allows requests again in 60 min (at 2026-11-24T11:00:00Z).",
                AuditCommand.partialNote(notRead(NOW.plus(Duration.ofHours(1))), NOW));
        assertEquals("partial report: 1 of 1 projects could not be read; the counts cover the others only. PostHog "
                + "allows requests again in 57 min (at 2026-11-24T10:56:53Z).",
                AuditCommand.partialNote(notRead(NOW.plus(Duration.ofMillis(3_412_400))), NOW), "rounded up");
        assertEquals("partial report: 1 of 1 projects could not be read; the counts cover the others only.",
                AuditCommand.partialNote(notRead(null), NOW));
    }
}
