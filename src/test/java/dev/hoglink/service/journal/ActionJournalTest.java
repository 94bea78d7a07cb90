package dev.hoglink.service.journal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.service.journal.JournalEntry.Action;
import dev.hoglink.service.journal.JournalEntry.Outcome;
import dev.hoglink.util.AppDirs;
import dev.hoglink.util.Redactor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActionJournalTest {

    private static final Instant NOW = Instant.parse("2026-11-24T05:40:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @TempDir
    Path tmp;

    private Path file() {
        return tmp.resolve("data").resolve(ActionJournal.FILE_NAME);
    }

    private static JournalEntry link(long projectId, Outcome outcome) {
        return JournalEntry.builder(Action.LINK, outcome)
                .host("https://us.posthog.com")
                .organization("0189-acme", "Acme")
                .project(projectId, "Project " + projectId)
                .installationId("12345678")
                .build();
    }

    @Test
    void appendedEntriesReadBackEqualWithTheClockTimeFilledIn() throws Exception {
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        JournalEntry a = link(102, Outcome.OK);
        JournalEntry b = JournalEntry.builder(Action.UNLINK, Outcome.FAILED).host("https://eu.posthog.com")
                .project(7L, "Mobile").installationId("1").error("installation_in_use", "Used by 2 batch exports")
                .time(Instant.parse("2026-01-02T03:04:05Z")).build();
        JournalEntry c = JournalEntry.builder(Action.OAUTH_LAUNCH, Outcome.UNKNOWN).build();
        JournalEntry d = JournalEntry.builder(Action.OAUTH_COMPLETE, Outcome.OK).organization(null, "Acme").build();
        List<JournalEntry> written = List.of(journal.append(a), journal.append(b), journal.append(c), journal.append(d));

        ActionJournal.ReadResult result = new ActionJournal(file(), CLOCK).readAll();
        assertTrue(result.clean());
        assertEquals("", result.report());
        assertEquals(written, result.entries());
        assertEquals(NOW, result.entries().get(0).time());
        assertEquals(Instant.parse("2026-01-02T03:04:05Z"), result.entries().get(1).time());
        assertEquals(4, Files.readAllLines(file()).size());
    }

    @Test
    void eachEntryIsOneJsonLineWithWireNames() throws Exception {
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        journal.append(JournalEntry.builder(Action.OAUTH_LAUNCH, Outcome.UNKNOWN).project(5L, "Web")
                .message("line one\nline two").build());
        String content = Files.readString(file());
        assertEquals("{\"time\":\"2026-11-24T05:40:00Z\",\"host\":null,\"organization_id\":null,\"organization_name\":null,"
                + "\"project_id\":5,\"project_name\":\"Web\",\"installation_id\":null,\"action\":\"oauth_launch\","
                + "\"outcome\":\"unknown\",\"error_code\":null,\"message\":\"line one\\nline two\"}\n", content);
    }

    @Test
    void appendForcesTheLineToDiskBeforeReturning() throws Exception {
        List<Long> sizesAtForce = new ArrayList<>();
        ActionJournal journal = new ActionJournal(file(), CLOCK, ch -> {
            sizesAtForce.add(ch.size());
            ch.force(true);
        });
        journal.append(link(1, Outcome.OK));
        long afterFirst = Files.size(file());
        journal.append(link(2, Outcome.OK));
        assertEquals(List.of(afterFirst, Files.size(file())), sizesAtForce, "force ran once per append, after the write");
    }

    @Test
    void appendFailsWhenTheFsyncFailsSoTheUiCannotReportSuccess() {
        ActionJournal journal = new ActionJournal(file(), CLOCK, ch -> {
            throw new IOException("disk full");
        });
        IOException e = assertThrows(IOException.class, () -> journal.append(link(1, Outcome.OK)));
        assertEquals("disk full", e.getMessage());
    }

    @Test
    void tornLastLineIsReportedByNumberAndTheFileIsNotRewritten() throws Exception {
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        journal.append(link(1, Outcome.OK));
        journal.append(link(2, Outcome.FAILED));
        Files.write(file(), "{\"time\":\"2026-11-24T05:41:00Z\",\"host\":\"https://us.po".getBytes(StandardCharsets.UTF_8),
                StandardOpenOption.APPEND);
        byte[] before = Files.readAllBytes(file());

        ActionJournal.ReadResult result = journal.readAll();
        assertEquals(List.of(1L, 2L), result.entries().stream().map(JournalEntry::projectId).toList());
        assertEquals(1, result.damaged().size());
        assertEquals(3, result.damaged().get(0).lineNumber());
        assertTrue(result.damaged().get(0).reason().startsWith("incomplete last line"));
        assertTrue(result.report().contains("line 3"), result.report());
        assertArrayEquals(before, Files.readAllBytes(file()));
    }

    @Test
    void appendAfterATornLineStartsOnAFreshLine() throws Exception {
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        journal.append(link(1, Outcome.OK));
        Files.write(file(), "{\"time\":\"2026-11-".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        journal.append(link(3, Outcome.UNKNOWN));

        ActionJournal.ReadResult result = journal.readAll();
        assertEquals(List.of(1L, 3L), result.entries().stream().map(JournalEntry::projectId).toList());
        assertEquals(List.of(new ActionJournal.DamagedLine(2, "not a journal entry")), result.damaged());
        List<String> lines = Files.readAllLines(file());
        assertEquals(3, lines.size());
        assertEquals("{\"time\":\"2026-11-", lines.get(1), "the torn bytes are kept as they were");
        assertTrue(Files.readString(file()).endsWith("}\n"));
    }

    @Test
    void garbledLineInTheMiddleIsSkippedAndReported() throws Exception {
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        journal.append(link(1, Outcome.OK));
        Files.write(file(), "[1,2,3]\n{\"action\":\"link\"}\n".getBytes(StandardCharsets.UTF_8), StandardOpenOption.APPEND);
        journal.append(link(4, Outcome.OK));
        ActionJournal.ReadResult result = journal.readAll();
        assertEquals(List.of(1L, 4L), result.entries().stream().map(JournalEntry::projectId).toList());
        assertEquals(List.of(2, 3), result.damaged().stream().map(ActionJournal.DamagedLine::lineNumber).toList());
        assertTrue(result.report().contains("lines 2, 3"), result.report());
    }

    @Test
    void journalFileAndNewDataFolderAreOwnerOnly() throws Exception {
        ActionJournal journal = ActionJournal.open(AppDirs.under(tmp.resolve("home")));
        journal.append(link(1, Outcome.OK));
        assertEquals(tmp.resolve("home/data/journal.jsonl"), journal.file());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.file().getParent())));
    }

    @Test
    void aJournalLeftReadableByOthersIsMadeOwnerOnlyAtTheNextEntry() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.FileSystems.getDefault().supportedFileAttributeViews()
                .contains("posix"), "POSIX permissions");
        ActionJournal journal = ActionJournal.open(AppDirs.under(tmp.resolve("home")));
        journal.append(link(1, Outcome.OK));
        // as an older version, a copy from a backup or a hand edit may leave it
        Files.setPosixFilePermissions(journal.file(), PosixFilePermissions.fromString("rw-r--r--"));
        ActionJournal.open(AppDirs.under(tmp.resolve("home"))).append(link(2, Outcome.OK));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(journal.file())));
        assertEquals(2, journal.readAll().entries().size());
    }

    @Test
    void canaryKeysNeverReachTheFile() throws Exception {
        Redactor.register("unshaped-journal-secret-777");
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        journal.append(JournalEntry.builder(Action.LINK, Outcome.FAILED)
                .host("https://us.posthog.com")
                .organization("phx_CANARYjournal0000000000", "Acme unshaped-journal-secret-777")
                .project(1L, "Bearer phx_CANARYjournal0000000000")
                .installationId("phx_CANARYjournal0000000000")
                .error("authentication_failed", "Personal API key phx_CANARYjournal0000000000 is invalid")
                .build());
        String content = Files.readString(file());
        assertFalse(content.contains("CANARY"), content);
        assertFalse(content.contains("unshaped-journal-secret-777"), content);
        assertTrue(content.contains("[redacted]"));
        assertEquals(1, journal.readAll().entries().size());
    }

    @Test
    void concurrentAppendsNeverInterleaveLines() throws Exception {
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 25; i++) {
                        journal.append(link(thread * 100L + i, Outcome.OK));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
        ActionJournal.ReadResult result = journal.readAll();
        assertTrue(result.clean(), result.report());
        assertEquals(100, result.entries().stream().map(JournalEntry::projectId).distinct().count());
    }

    /** A journal line as Hoglink wrote unlinks and links before "already_removed" and "not_sent" existed. */
    private static String olderLine(String action, String outcome, String code, String message) {
        return "{\"time\":\"2026-11-20T10:00:00Z\",\"host\":\"https://us.posthog.com\",\"organization_id\":\"0189-acme\","
                + "\"organization_name\":\"Acme\",\"project_id\":7,\"project_name\":\"Mobile\",\"installation_id\":\"1\","
                + "\"action\":\"" + action + "\",\"outcome\":\"" + outcome + "\",\"error_code\":"
                + (code == null ? "null" : "\"" + code + "\"") + ",\"message\":\"" + message + "\"}\n";
    }

    private List<String> outcomesRead(String... lines) throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), String.join("", lines));
        ActionJournal.ReadResult result = new ActionJournal(file(), CLOCK).readAll();
        assertTrue(result.clean(), result.report());
        return result.entries().stream().map(e -> e.outcome().wireName()).toList();
    }

    @Test
    void anUnlinkThatFoundTheRowAlreadyGoneReadsAsAlreadyRemovedAlsoWhenAnOlderVersionWroteItAsOk() throws Exception {
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        JournalEntry written = journal.append(JournalEntry.builder(Action.UNLINK, Outcome.fromWire("already_removed"))
                .project(7L, "Mobile").installationId("1").error("not_found", "already_gone").build());
        assertEquals(List.of(written), journal.readAll().entries());
        assertTrue(Files.readString(file()).contains("\"outcome\":\"already_removed\""), Files.readString(file()));

        assertEquals(List.of("already_removed", "ok", "ok"), outcomesRead(
                olderLine("unlink", "ok", "not_found", "already_gone"), // the read before the delete, or PostHog's 404
                olderLine("unlink", "ok", null, "unlinked_app_stays"),
                olderLine("unlink", "ok", "network", "unlinked_confirmed_after_network_failure")));
        // an install request's dismissal answered 404, written as ok by older versions
        assertEquals(List.of("already_removed", "ok"), outcomesRead(
                olderLine("dismiss_install_request", "ok", null, "install request 9 for acme: already gone (PostHog 404)"),
                olderLine("dismiss_install_request", "ok", null, "install request 9 for acme: dismissed")));
    }

    @Test
    void aRequestNeverSentReadsAsNotSentAlsoWhenAnOlderVersionWroteItAsFailed() throws Exception {
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        JournalEntry written = journal.append(JournalEntry.builder(Action.UNLINK, Outcome.fromWire("not_sent"))
                .project(7L, "Mobile").installationId("1").error("now_last_reference", "now_last_reference").build());
        assertEquals(List.of(written), journal.readAll().entries());
        assertTrue(Files.readString(file()).contains("\"outcome\":\"not_sent\""), Files.readString(file()));

        assertEquals(List.of("not_sent", "not_sent", "not_sent", "failed", "failed", "failed"), outcomesRead(
                olderLine("unlink", "failed", "now_last_reference", "now_last_reference"),
                olderLine("unlink", "failed", "network", "not_sent"), // the delete, or the read before it, never left
                olderLine("link", "failed", "network", "not_sent"),
                olderLine("unlink", "failed", "invalid_input", "in_use"), // refused by PostHog: a failure
                olderLine("link", "failed", "invalid_input", "invalid_input (PostHog 400 invalid_input: not_sent)"),
                // A refused read before the delete and a refused delete were written alike: it stays as written.
                olderLine("unlink", "failed", "throttled", "throttled")));
    }

    @Test
    void aSendingLineFollowedByItsOutcomeReadsAsTheOutcomeAlone() throws Exception {
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        String attempt = journal.sending(link(102, Outcome.SENDING));
        JournalEntry done = journal.append(JournalEntry.builder(Action.LINK, Outcome.OK).project(102L, "Project 102")
                .installationId("12345678").message("linked").attempt(attempt).build());

        assertEquals(2, Files.readAllLines(file()).size(), "the line before sending and the outcome's");
        assertTrue(Files.readAllLines(file()).get(0).contains("\"outcome\":\"sending\""));
        assertEquals(List.of(done), new ActionJournal(file(), CLOCK).readAll().entries());
    }

    @Test
    void aSendingLineWithoutItsOutcomeReadsAsUnknownOnceItsRequestIsNoLongerUnderWay() throws Exception {
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        journal.append(link(101, Outcome.OK));
        String attempt = journal.sending(link(102, Outcome.SENDING));

        assertEquals(List.of(101L), projects(journal.readAll()), "still under way: its outcome is not known yet");

        ActionJournal.abandon(attempt); // as a crash leaves it: the next process finds no outcome line
        List<JournalEntry> read = new ActionJournal(file(), CLOCK).readAll().entries();
        assertEquals(List.of(101L, 102L), read.stream().map(JournalEntry::projectId).toList());
        JournalEntry unanswered = read.get(1);
        assertEquals(Outcome.UNKNOWN, unanswered.outcome());
        assertEquals(ActionJournal.NO_ANSWER_RECORDED, unanswered.errorCode());
        assertEquals("Hoglink stopped before writing down PostHog's answer: the link may have been made. Check the"
                + " project's current state.", unanswered.message(),
                "not \"it was sent\": the line is written before the request leaves");
        assertEquals(Action.LINK, unanswered.action());
        assertEquals("12345678", unanswered.installationId());
        assertEquals("Acme", unanswered.organizationName());
        assertEquals(NOW, unanswered.time());
        assertTrue(unanswered.outcome().failed(), "it calls for a look");
    }

    @Test
    void anOutcomeLineThatCouldNotBeWrittenLeavesItsSendingLineToSayUnknown() throws Exception {
        int[] forces = {0};
        ActionJournal journal = new ActionJournal(file(), CLOCK, ch -> {
            if (++forces[0] == 2) {
                long before = ch.size();
                ch.truncate(before - 1 - lastLineLength(ch)); // as a crash before the line reached the disk
                throw new IOException("killed");
            }
            ch.force(true);
        });
        String attempt = journal.sending(link(7, Outcome.SENDING));
        assertThrows(IOException.class, () -> journal.append(JournalEntry.builder(Action.LINK, Outcome.OK)
                .project(7L, "Project 7").attempt(attempt).build()));

        List<JournalEntry> read = journal.readAll().entries();
        assertEquals(1, read.size());
        assertEquals(Outcome.UNKNOWN, read.get(0).outcome());
        assertEquals(7L, read.get(0).projectId());
    }

    @Test
    void anUnansweredLineDoesNotSayTheRequestWasSent() throws Exception {
        // the link was never sent (the connection refused), and its not_sent line could not be written
        int[] forces = {0};
        ActionJournal journal = new ActionJournal(file(), CLOCK, ch -> {
            if (++forces[0] == 2) {
                ch.truncate(ch.size() - 1 - lastLineLength(ch));
                throw new IOException("disk full");
            }
            ch.force(true);
        });
        String attempt = journal.sending(link(8, Outcome.SENDING));
        assertThrows(IOException.class, () -> journal.append(JournalEntry.builder(Action.LINK, Outcome.NOT_SENT)
                .project(8L, "Project 8").error("network", "not_sent").attempt(attempt).build()));

        JournalEntry read = journal.readAll().entries().get(0);
        assertEquals(Outcome.UNKNOWN, read.outcome());
        assertFalse(read.message().contains("was sent"), read.message());
        assertTrue(read.message().contains("may have been made"), read.message());
        assertFalse(read.message().contains("sent"), read.message());
    }

    @Test
    void linesOfOtherAttemptsAndOfNoAttemptDoNotAnswerEachOther() throws Exception {
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        String first = journal.sending(link(1, Outcome.SENDING));
        String second = journal.sending(link(2, Outcome.SENDING));
        assertFalse(first.equals(second));
        journal.append(link(1, Outcome.OK)); // no attempt: an older version's line answers nothing
        journal.append(JournalEntry.builder(Action.LINK, Outcome.FAILED).project(2L, "Project 2").attempt(second)
                .build());
        ActionJournal.abandon(first);

        List<JournalEntry> read = new ActionJournal(file(), CLOCK).readAll().entries();
        assertEquals(List.of(Outcome.UNKNOWN, Outcome.OK, Outcome.FAILED), read.stream().map(JournalEntry::outcome).toList());
        assertEquals(List.of(1L, 1L, 2L), read.stream().map(JournalEntry::projectId).toList());
    }

    @Test
    void anotherRunningHoglinksRequestUnderWayIsNotReadAsUnanswered() throws Exception {
        // the window reading the journal while 'hoglink link --apply' sends: its line names that process, alive
        ProcessHandle other = ProcessHandle.current().parent().orElseThrow();
        Instant otherStarted = other.info().startInstant().orElseThrow();
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        journal.append(link(101, Outcome.OK));
        String underWay = Long.toString(System.currentTimeMillis(), 36) + "-" + other.pid() + "-1";
        journal.append(link(102, Outcome.SENDING).as(Outcome.SENDING, underWay, null, "link about to be sent"));
        // the same process id, but a line written before that process started: the id was another's, which stopped
        String reused = Long.toString(otherStarted.minusSeconds(3600).toEpochMilli(), 36) + "-" + other.pid() + "-1";
        journal.append(link(103, Outcome.SENDING).as(Outcome.SENDING, reused, null, "link about to be sent"));

        List<JournalEntry> read = new ActionJournal(file(), CLOCK).readAll().entries();
        assertEquals(List.of(101L, 103L), read.stream().map(JournalEntry::projectId).toList(),
                "another running copy's request has no answer yet; it did not stop before writing one");
        assertEquals(Outcome.UNKNOWN, read.get(1).outcome());

        journal.append(JournalEntry.builder(Action.LINK, Outcome.OK).project(102L, "Project 102").attempt(underWay)
                .build());
        assertEquals(List.of(101L, 103L, 102L), projects(new ActionJournal(file(), CLOCK).readAll()));
    }

    @Test
    void aRequestOfAHoglinkThatHasStoppedReadsAsUnanswered() throws Exception {
        Process stopped = new ProcessBuilder(ProcessHandle.current().info().command().orElseThrow(), "-version")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        long began = System.currentTimeMillis();
        assertTrue(stopped.waitFor(60, TimeUnit.SECONDS));
        ActionJournal journal = new ActionJournal(file(), CLOCK);
        journal.append(link(104, Outcome.SENDING).as(Outcome.SENDING,
                Long.toString(began, 36) + "-" + stopped.pid() + "-1", null, "link about to be sent"));

        List<JournalEntry> read = new ActionJournal(file(), CLOCK).readAll().entries();
        assertEquals(1, read.size());
        assertEquals(Outcome.UNKNOWN, read.get(0).outcome());
        assertEquals(ActionJournal.NO_ANSWER_RECORDED, read.get(0).errorCode());
    }

    private static List<Long> projects(ActionJournal.ReadResult r) {
        return r.entries().stream().map(JournalEntry::projectId).toList();
    }

    /** The length of the file's last line without its newline. */
    private static long lastLineLength(java.nio.channels.FileChannel ch) throws IOException {
        java.nio.ByteBuffer all = java.nio.ByteBuffer.allocate((int) ch.size());
        ch.read(all, 0);
        String text = new String(all.array(), StandardCharsets.UTF_8);
        String body = text.substring(0, text.length() - 1);
        return body.length() - body.lastIndexOf('\n') - 1;
    }

    @Test
    void missingJournalReadsAsEmpty() throws Exception {
        ActionJournal.ReadResult result = new ActionJournal(file(), CLOCK).readAll();
        assertEquals(List.of(), result.entries());
        assertTrue(result.clean());
        assertFalse(Files.exists(file()));
    }
}
