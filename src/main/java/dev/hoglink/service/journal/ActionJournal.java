package dev.hoglink.service.journal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoglink.util.AppDirs;
import dev.hoglink.util.Redactor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An append-only record of every link, unlink, OAuth launch and OAuth completion: one JSON line per action
 * in {@code journal.jsonl} in the data folder (owner-only). {@link #append} returns only after the line is
 * written and fsynced, so the UI reports success only for what is on disk. {@link #readAll} tolerates a
 * line torn by a crash, reports it, and never rewrites the file; the next append starts on a fresh line.
 *
 * <p>A change is journaled twice: {@link #sending} before the request leaves, {@link #append} with its outcome after
 * (the same attempt). A crash, a kill or a failed write between PostHog's answer and the second line leaves the first
 * alone, which {@link #readAll} returns as {@link JournalEntry.Outcome#UNKNOWN} ({@value #NO_ANSWER_RECORDED}): the
 * change may have been made, and the history and the audit say to check it, instead of showing nothing. A line whose
 * request is still under way, in this process or in another running Hoglink sharing the file (the window and
 * {@code hoglink link --apply}), is left out until its outcome follows; one another running copy gave up on without
 * an outcome (an unexpected error, its outcome line not written) is left out there until that copy ends.
 *
 * <p>Thread-safe: one writer at a time in this process, and a file lock against a second running copy.
 * Calls do file I/O; keep them off the UI thread.
 */
public final class ActionJournal {

    private static final Logger LOGGER = LoggerFactory.getLogger(ActionJournal.class);
    public static final String FILE_NAME = "journal.jsonl";
    /** The code of an attempt whose outcome line is missing. */
    public static final String NO_ANSWER_RECORDED = "no_answer_recorded";
    /** The sentence a problem about an unknown outcome ends with: the same in the history, the audit and exports. */
    public static final String CHECK_THE_PROJECT = "Check the project's current state.";

    /**
     * What a {@code sending} line without its outcome means, for its action. Not "it was sent": the line is written
     * before the request leaves, so Hoglink may have stopped before sending it too.
     */
    static String noAnswerNote(JournalEntry.Action action) {
        String maybe = switch (action) {
            case LINK -> "the link may have been made. " + CHECK_THE_PROJECT;
            case UNLINK -> "the project may have been unlinked. " + CHECK_THE_PROJECT;
            case DISMISS_INSTALL_REQUEST -> "the install request may have been dismissed. Check the install requests.";
            case OAUTH_LAUNCH, OAUTH_COMPLETE -> "it may have been done. " + CHECK_THE_PROJECT;
        };
        return "Hoglink stopped before writing down PostHog's answer: " + maybe;
    }

    /** Attempts of this process still waiting for their outcome: their lines are not read as unanswered. */
    private static final java.util.Set<String> IN_FLIGHT = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private static final java.util.concurrent.atomic.AtomicLong ATTEMPTS = new java.util.concurrent.atomic.AtomicLong();

    /** Makes written bytes durable; the default is {@code FileChannel.force(true)}. Tests watch it. */
    @FunctionalInterface
    interface Syncer {
        void force(FileChannel channel) throws IOException;
    }

    /** A line that could not be read as an entry, by its 1-based line number. */
    public record DamagedLine(int lineNumber, String reason) {
    }

    /** Everything readable in the journal, plus the lines that were not. */
    public record ReadResult(List<JournalEntry> entries, List<DamagedLine> damaged) {
        public boolean clean() {
            return damaged.isEmpty();
        }

        /** One sentence for the UI, or an empty string when nothing is damaged. */
        public String report() {
            if (damaged.isEmpty()) {
                return "";
            }
            List<String> lines = damaged.stream().map(d -> String.valueOf(d.lineNumber())).toList();
            return "The action journal has " + (damaged.size() == 1 ? "a damaged line (line " : "damaged lines (lines ")
                    + String.join(", ", lines) + "), probably from a crash while writing. It was skipped; the file is unchanged.";
        }
    }

    private final Path file;
    private final Clock clock;
    private final Syncer syncer;
    private final ObjectMapper mapper = new ObjectMapper();
    private final Object lock = new Object();

    public static ActionJournal open(AppDirs dirs) {
        return new ActionJournal(dirs.dataPath().resolve(FILE_NAME), Clock.systemUTC());
    }

    public ActionJournal(Path file, Clock clock) {
        this(file, clock, ch -> ch.force(true));
    }

    ActionJournal(Path file, Clock clock, Syncer syncer) {
        this.file = Objects.requireNonNull(file);
        this.clock = Objects.requireNonNull(clock);
        this.syncer = Objects.requireNonNull(syncer);
    }

    public Path file() {
        return file;
    }

    /**
     * Writes the line saying {@code entry}'s change is about to be sent ({@link JournalEntry.Outcome#SENDING}), and
     * returns the attempt to give the outcome's entry ({@link JournalEntry.Builder#attempt}). Null when the line could
     * not be written (logged): the change may still be sent, and its outcome's line is then all the journal has.
     */
    public String sending(JournalEntry entry) {
        // not a UUID: its SecureRandom would set up the security providers at the first link
        String attempt = Long.toString(clock.millis(), 36) + "-" + ProcessHandle.current().pid() + "-"
                + ATTEMPTS.incrementAndGet();
        IN_FLIGHT.add(attempt);
        try {
            append(entry.as(JournalEntry.Outcome.SENDING, attempt, null, entry.action().wireName() + " about to be sent"));
            return attempt;
        } catch (IOException | RuntimeException e) {
            IN_FLIGHT.remove(attempt);
            LOGGER.error("Cannot write the action journal {} before sending", file, e);
            return null;
        }
    }

    /**
     * The attempt ended without an outcome to journal (an error nobody expected): its line now reads as unanswered
     * in this process too.
     */
    public static void abandon(String attempt) {
        if (attempt != null) {
            IN_FLIGHT.remove(attempt);
        }
    }

    /**
     * Writes one entry as a line, flushes and fsyncs it. When this returns, the entry is on disk; when it
     * throws, the caller must not report the action as recorded.
     *
     * @return the entry as written (time filled in, texts redacted)
     */
    public JournalEntry append(JournalEntry entry) throws IOException {
        try {
            return write(entry);
        } finally {
            if (entry.outcome() != JournalEntry.Outcome.SENDING) {
                abandon(entry.attempt()); // answered, or its answer could not be written: no longer in flight
            }
        }
    }

    private JournalEntry write(JournalEntry entry) throws IOException {
        JournalEntry stamped = redacted(entry.time() == null ? entry.withTime(clock.instant()) : entry);
        byte[] line = (toJson(stamped) + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (lock) {
            boolean created = createIfMissing();
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                FileLock fileLock = ch.lock(); // a second running copy of Hoglink waits here
                try {
                    writeLine(ch, line);
                } finally {
                    fileLock.release();
                }
            }
            if (created) {
                fsyncFolder();
            }
        }
        return stamped;
    }

    private void writeLine(FileChannel ch, byte[] line) throws IOException {
        long size = ch.size();
        ByteBuffer buf;
        if (size > 0 && !endsWithNewline(ch, size)) {
            LOGGER.warn("The journal's last line was torn; starting a fresh line");
            buf = ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip();
        } else {
            buf = ByteBuffer.wrap(line);
        }
        long position = size;
        while (buf.hasRemaining()) {
            position += ch.write(buf, position);
        }
        syncer.force(ch);
    }

    /** Reads every entry; damaged lines (a torn last line, a garbled line) are skipped and reported. */
    public ReadResult readAll() throws IOException {
        byte[] bytes;
        synchronized (lock) {
            try {
                bytes = Files.readAllBytes(file);
            } catch (NoSuchFileException e) {
                return new ReadResult(List.of(), List.of());
            }
        }
        String text = new String(bytes, StandardCharsets.UTF_8);
        String[] lines = text.split("\n", -1);
        List<JournalEntry> entries = new ArrayList<>();
        List<DamagedLine> damaged = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            boolean last = i == lines.length - 1;
            if (line.isBlank()) {
                continue;
            }
            try {
                entries.add(fromJson(line));
            } catch (RuntimeException | JsonProcessingException e) {
                boolean unterminated = last; // the final piece had no newline after it
                damaged.add(new DamagedLine(i + 1, unterminated
                        ? "incomplete last line, probably cut off by a crash while writing"
                        : "not a journal entry"));
                LOGGER.warn("Journal line {} is damaged: {}", i + 1,
                        unterminated ? "incomplete last line" : Redactor.redact(String.valueOf(e.getMessage())));
            }
        }
        return new ReadResult(answered(entries), List.copyOf(damaged));
    }

    /**
     * The entries as they ended: a {@code sending} line is left out when its outcome's line follows or its request is
     * still under way in this process or another running Hoglink ({@link #ofAnotherRunningCopy}), and read as
     * {@code unknown} when neither (see the class comment).
     */
    private static List<JournalEntry> answered(List<JournalEntry> entries) {
        java.util.Set<String> ended = new java.util.HashSet<>();
        for (JournalEntry e : entries) {
            if (e.attempt() != null && e.outcome() != JournalEntry.Outcome.SENDING) {
                ended.add(e.attempt());
            }
        }
        java.util.Map<Long, Instant> running = new java.util.HashMap<>();
        List<JournalEntry> out = new ArrayList<>(entries.size());
        for (JournalEntry e : entries) {
            if (e.outcome() != JournalEntry.Outcome.SENDING) {
                out.add(e);
            } else if (e.attempt() == null || !ended.contains(e.attempt()) && !IN_FLIGHT.contains(e.attempt())
                    && !ofAnotherRunningCopy(e.attempt(), running)) {
                out.add(e.as(JournalEntry.Outcome.UNKNOWN, e.attempt(), NO_ANSWER_RECORDED, noAnswerNote(e.action())));
            }
        }
        return List.copyOf(out);
    }

    /**
     * Whether the attempt is another Hoglink's that is still running (the window while {@code hoglink link --apply}
     * sends, or the other way round): its process, named in the attempt ({@link #sending}), is alive and was started
     * before the attempt began, so it is the process that wrote the line (a process id handed out again belongs to a
     * process started later) and its request may still be under way; it did not stop before writing the answer. Such
     * a line is left out, as this process's own are, until its outcome's line follows or that process ends. False when
     * the attempt names this process, is not in that form, or the start of its process cannot be told.
     *
     * @param running start times of the processes looked up so far in this read, by id ({@link Instant#MAX}: none)
     */
    static boolean ofAnotherRunningCopy(String attempt, java.util.Map<Long, Instant> running) {
        String[] parts = attempt.split("-");
        if (parts.length != 3) {
            return false;
        }
        long began;
        long pid;
        try {
            began = Long.parseLong(parts[0], 36);
            pid = Long.parseLong(parts[1]);
        } catch (NumberFormatException e) {
            return false;
        }
        if (pid == ProcessHandle.current().pid()) {
            return false; // this process's own: IN_FLIGHT tells
        }
        Instant start = running.computeIfAbsent(pid, id -> ProcessHandle.of(id).filter(ProcessHandle::isAlive)
                .flatMap(p -> p.info().startInstant()).orElse(Instant.MAX));
        return !start.equals(Instant.MAX) && !start.isAfter(Instant.ofEpochMilli(began));
    }

    /** Whether this journal has checked an existing file's permissions (once, at its first entry). */
    private boolean checkedExisting;

    private boolean createIfMissing() throws IOException {
        if (Files.exists(file)) {
            if (!checkedExisting) {
                // an older version, a restored backup or a hand edit may have left it readable by others
                checkedExisting = true;
                try {
                    dev.hoglink.util.AtomicFiles.restrictToOwner(file);
                } catch (IOException e) {
                    // not ours to change (another owner, a read-only mount): the entry is still written
                    LOGGER.warn("Could not make the journal owner-only: {}", e.toString());
                }
            }
            return false;
        }
        AppDirs.ensure(file.toAbsolutePath().getParent());
        try {
            if (FileSystemsHolder.POSIX) {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(file);
            }
            return true;
        } catch (FileAlreadyExistsException e) {
            return false;
        }
    }

    private static final class FileSystemsHolder {
        static final boolean POSIX = java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    }

    private void fsyncFolder() {
        try (FileChannel dir = FileChannel.open(file.toAbsolutePath().getParent(), StandardOpenOption.READ)) {
            dir.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Windows cannot open a folder for sync; the file's own data is already forced.
        }
    }

    private static boolean endsWithNewline(FileChannel ch, long size) throws IOException {
        ByteBuffer one = ByteBuffer.allocate(1);
        ch.read(one, size - 1);
        return one.get(0) == '\n';
    }

    private static JournalEntry redacted(JournalEntry e) {
        return new JournalEntry(e.time(), Redactor.redact(e.host()), Redactor.redact(e.organizationId()),
                Redactor.redact(e.organizationName()), e.projectId(), Redactor.redact(e.projectName()),
                Redactor.redact(e.installationId()), e.action(), e.outcome(), Redactor.redact(e.errorCode()),
                Redactor.redact(e.message()), e.attempt());
    }

    private String toJson(JournalEntry e) throws JsonProcessingException {
        ObjectNode n = mapper.createObjectNode();
        n.put("time", e.time().toString());
        n.put("host", e.host());
        n.put("organization_id", e.organizationId());
        n.put("organization_name", e.organizationName());
        n.put("project_id", e.projectId());
        n.put("project_name", e.projectName());
        n.put("installation_id", e.installationId());
        n.put("action", e.action().wireName());
        n.put("outcome", e.outcome().wireName());
        n.put("error_code", e.errorCode());
        n.put("message", e.message());
        if (e.attempt() != null) {
            n.put("attempt", e.attempt());
        }
        return mapper.writeValueAsString(n);
    }

    private JournalEntry fromJson(String line) throws JsonProcessingException {
        JsonNode n = mapper.readTree(line);
        if (n == null || !n.isObject() || !n.path("action").isTextual() || !n.path("outcome").isTextual()
                || !n.path("time").isTextual()) {
            throw new IllegalArgumentException("missing time, action or outcome");
        }
        JsonNode project = n.path("project_id");
        JournalEntry.Action action = JournalEntry.Action.fromWire(n.path("action").asText());
        String message = text(n, "message");
        return new JournalEntry(Instant.parse(n.path("time").asText()), text(n, "host"), text(n, "organization_id"),
                text(n, "organization_name"), project.isIntegralNumber() ? project.asLong() : null, text(n, "project_name"),
                text(n, "installation_id"), action,
                outcome(action, JournalEntry.Outcome.fromWire(n.path("outcome").asText()), message),
                text(n, "error_code"), message, text(n, "attempt"));
    }

    /**
     * A line's outcome, read as what it meant when an older Hoglink wrote it. Before {@code already_removed} existed,
     * an unlink that found the row already gone was written as {@code ok} with the message {@code already_gone}, and
     * an install request's dismissal answered 404 as {@code ok} with a message ending {@code : already gone (PostHog 404)};
     * before {@code not_sent}, a request that never left was written as {@code failed} with the message
     * {@code not_sent}, and an unlink held back because the project had become the installation's last one with
     * {@code now_last_reference}. Only those exact messages, which those versions wrote for nothing else, are read
     * so (an unlink held back because the read before it was refused was written like a refused delete, and stays
     * {@code failed}); the file itself is never rewritten.
     */
    static JournalEntry.Outcome outcome(JournalEntry.Action action, JournalEntry.Outcome written, String message) {
        boolean linkOrUnlink = action == JournalEntry.Action.LINK || action == JournalEntry.Action.UNLINK;
        if (action == JournalEntry.Action.UNLINK && written == JournalEntry.Outcome.OK && "already_gone".equals(message)
                || action == JournalEntry.Action.DISMISS_INSTALL_REQUEST && written == JournalEntry.Outcome.OK
                && message != null && message.endsWith(": already gone (PostHog 404)")) {
            return JournalEntry.Outcome.ALREADY_REMOVED;
        }
        if (written == JournalEntry.Outcome.FAILED && (linkOrUnlink && "not_sent".equals(message)
                || action == JournalEntry.Action.UNLINK && "now_last_reference".equals(message))) {
            return JournalEntry.Outcome.NOT_SENT;
        }
        return written;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : null;
    }
}
