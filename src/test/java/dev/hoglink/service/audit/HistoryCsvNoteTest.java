package dev.hoglink.service.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Organization;
import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The history CSV names what it misses, as the window, stderr and the JSON export do (issue 20, point 4). */
class HistoryCsvNoteTest {

    private static final Organization ORG = new Organization("org-1", "Acme", "acme", Organization.OWNER);
    private static final String CUT = "The history is cut short: older activity of 1 project(s) was not read "
            + "(over 20 pages of 1,000 rows, or over 60 s each): Mobile.";
    private static final HistoryEntry ROW = new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"),
            AuditReport.Source.POSTHOG, 1L, "Web", "100", "ada@x", "link_completed", "", "");

    private static AuditReport report(String activityNote, String journalNote) {
        return new AuditReport("https://us.posthog.com", ORG, List.of(), List.of(),
                new AuditReport.Summary(0, 0, 0, 0, 0, 0), List.of(), List.of(ROW), true, activityNote, journalNote);
    }

    @Test
    void aHistoryCutShortSaysSoInItsFirstRow() {
        String csv = new String(AuditExport.write(report(CUT, ""), AuditExport.Kind.HISTORY, AuditExport.Format.CSV),
                StandardCharsets.UTF_8);
        List<String> lines = csv.lines().toList();
        assertEquals(String.join(",", AuditExport.HISTORY_COLUMNS), lines.get(0));
        assertTrue(lines.get(1).startsWith(",note,") && lines.get(1).contains("The history is cut short"), lines.get(1));
        assertTrue(lines.get(2).contains("link_completed"), lines.get(2));
        assertEquals(3, lines.size());
    }

    @Test
    void skippedJournalLinesAreNamedToo() {
        String csv = AuditExport.historyCsv(report("", "1 damaged line of the journal was skipped."), List.of(ROW));
        assertTrue(csv.lines().anyMatch(l -> l.startsWith(",note,") && l.contains("damaged line")), csv);
    }

    @Test
    void aWholeHistoryHasNoNoteRow() {
        String csv = AuditExport.historyCsv(report("", ""), List.of(ROW));
        assertTrue(csv.lines().noneMatch(l -> l.contains(",note,")), csv);
        assertEquals(2, csv.lines().count());
    }
}
