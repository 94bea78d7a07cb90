package dev.hoglink.service.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanJournalTest {

    @TempDir
    Path dir;

    private static PlanJournal.Ended ended(String outcome) {
        return new PlanJournal.Ended(outcome, null);
    }

    @Test
    void aBegunPlanIsUnfinishedUntilClosedWithTheProjectsThatEnded() throws Exception {
        PlanJournal j = new PlanJournal(dir.resolve("plans"));
        byte[] plan = "{\"plan\":1}".getBytes(StandardCharsets.UTF_8);
        j.begin("p-1", plan);
        j.progress("p-1", 101, "linked");
        j.progress("p-1", 102, "refused");
        PlanJournal.Unfinished u = j.unfinished().get(0);
        assertEquals("p-1", u.id());
        assertArrayEquals(plan, u.plan());
        assertEquals(Map.of(101L, ended("linked"), 102L, ended("refused")), u.done());
        j.close("p-1");
        assertTrue(j.unfinished().isEmpty());
    }

    @Test
    void aProgressLineTornByACrashCountsAsNotDone() throws Exception {
        PlanJournal j = new PlanJournal(dir);
        j.begin("p-2", new byte[] {'{', '}'});
        j.progress("p-2", 101, "linked");
        Files.writeString(dir.resolve("p-2.progress"), "10", StandardOpenOption.APPEND);
        assertEquals(Map.of(101L, ended("linked")), j.unfinished().get(0).done());
        j.progress("p-2", 103, "linked"); // the next line starts on a fresh line after the torn piece
        assertEquals(Map.of(101L, ended("linked"), 103L, ended("linked")), j.unfinished().get(0).done());
    }

    @Test
    void aGarbledProgressLineLosesOnlyThatLineNotThePlan() throws Exception {
        // A crash can leave bytes that are not text where a line was being written (what the disk held there).
        PlanJournal j = new PlanJournal(dir);
        j.begin("p-3", new byte[] {'{', '}'});
        j.progress("p-3", 101, "linked");
        Files.write(dir.resolve("p-3.progress"), new byte[] {'1', 0x0F, (byte) 0xE9, (byte) 0xFF, '\n'},
                StandardOpenOption.APPEND);
        Files.writeString(dir.resolve("p-3.progress"), "9999999999999999999 linked\n", StandardOpenOption.APPEND);
        j.progress("p-3", 103, "refused");

        assertEquals(1, j.unfinished().size(), "the plan is still offered for resuming");
        assertEquals(Map.of(101L, ended("linked"), 103L, ended("refused")), j.unfinished().get(0).done());
        assertEquals(Map.of(101L, ended("linked"), 103L, ended("refused")), j.outcomes("p-3"));
    }

    @Test
    void aProjectsLineKeepsHowPostHogsAnswerEndedBesideItsOutcome() throws Exception {
        PlanJournal j = new PlanJournal(dir);
        j.begin("p-3", new byte[] {'{', '}'});
        j.progress("p-3", 101, "linked");
        j.progress("p-3", 102, "refused", "source_gone");
        assertEquals("101 linked\n102 refused source_gone\n", Files.readString(dir.resolve("p-3.progress")));
        assertEquals(Map.of(101L, ended("linked"), 102L, new PlanJournal.Ended("refused", "source_gone")),
                j.outcomes("p-3"));
    }

    /**
     * A project the plan linked keeps the id of PostHog's row, so a later run can tell its own link from one someone
     * else made after removing it; lines without it (written before, or for an answer lost) still read.
     */
    @Test
    void aLinkedProjectsLineKeepsTheRowIdPostHogAnsweredAndOlderLinesStillRead() throws Exception {
        PlanJournal j = new PlanJournal(dir);
        j.begin("p-5", new byte[] {'{', '}'});
        Files.writeString(dir.resolve("p-5.progress"), "100 linked\n");
        j.progress("p-5", 101, "linked", null, 57L);
        j.progress("p-5", 102, "refused", "source_gone", null);
        assertEquals("100 linked\n101 linked 57\n102 refused source_gone\n",
                Files.readString(dir.resolve("p-5.progress")));
        assertEquals(Map.of(100L, ended("linked"), 101L, new PlanJournal.Ended("linked", null, 57L),
                102L, new PlanJournal.Ended("refused", "source_gone")), j.outcomes("p-5"));
    }

    /**
     * Every way PostHog's answer can end is noted beside the outcome, the longest too
     * ({@code not_linked_confirmed_after_network_failure}, 42 letters): a line refused for its length was never
     * written, so the project counted as not done at the next start and was offered to be sent again.
     */
    @Test
    void everyKindOfAnswerIsNotedAndReadBack() throws Exception {
        PlanJournal j = new PlanJournal(dir);
        j.begin("p-4", new byte[] {'{', '}'});
        Map<Long, PlanJournal.Ended> want = new java.util.LinkedHashMap<>();
        long id = 100;
        for (dev.hoglink.service.link.LinkResult.Kind k : dev.hoglink.service.link.LinkResult.Kind.values()) {
            j.progress("p-4", ++id, "error", k.wireName());
            want.put(id, new PlanJournal.Ended("error", k.wireName()));
        }
        assertEquals(want, j.outcomes("p-4"));
    }
}
