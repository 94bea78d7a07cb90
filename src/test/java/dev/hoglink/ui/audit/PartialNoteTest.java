package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartialNoteTest {

    static final Instant NOW = Instant.parse("2026-11-24T10:00:00Z");
    static final Organization ORG = new Organization("org-1", "Acme", "acme", Organization.OWNER);

    final TestClock clock = new TestClock(NOW);

    static AuditReport partial(Instant resumeAt) {
        List<ProjectAudit> projects = List.of(
                new ProjectAudit(new Project(1, "Web", ORG.id(), null), List.of(), ProjectState.NOT_CONNECTED, ""),
                new ProjectAudit(new Project(2, "Docs", ORG.id(), null), List.of(), ProjectState.NOT_CONNECTED,
                        "PostHog is limiting how fast Hoglink may send requests. Try again in 60 min."));
        return new AuditReport("https://us.posthog.com", ORG, projects, List.of(),
                new AuditReport.Summary(2, 0, 1, 0, 0, 1), List.of(), List.of(), true, "", "").withReads(0, resumeAt);
    }

    /** PostHog's hourly throttle asks for up to an hour: the note counts it down with units, as the banner does. */
    @Test
    void anHoursWaitIsCountedDownInMinutesAndSeconds() {
        PartialNote note = new PartialNote(clock);
        note.show(partial(NOW.plus(Duration.ofHours(1))));
        assertTrue(note.textProperty().get().endsWith(" PostHog allows requests again in 60 min 00 s; reload then."),
                note.textProperty().get());
        clock.advance(Duration.ofSeconds(188));
        note.tick();
        assertTrue(note.textProperty().get().endsWith(" again in 56 min 52 s; reload then."), note.textProperty().get());
        clock.advance(Duration.ofSeconds(3_412));
        note.tick();
        assertTrue(note.textProperty().get().endsWith(" PostHog allows requests again now: reload to read them."),
                note.textProperty().get());
    }

    @Test
    void aWaitOfHoursSaysHoursAndMinutes() {
        PartialNote note = new PartialNote(clock);
        note.show(partial(NOW.plus(Duration.ofHours(24))));
        assertTrue(note.textProperty().get().endsWith(" again in 24 h 00 min; reload then."), note.textProperty().get());
        note.show(partial(null));
        assertEquals("Partial report: 1 of 2 projects read; the counts and the matrix cover those only, and the 1 not "
                + "read are listed under Problems. Reload to read them again.", note.textProperty().get());
    }
}
