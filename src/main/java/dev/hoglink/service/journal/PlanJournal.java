package dev.hoglink.service.journal;

import dev.hoglink.util.AppDirs;
import dev.hoglink.util.AtomicFiles;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The record of bulk link plans being applied, beside the action journal in the data folder ({@code plans/}):
 * {@code <id>.plan} (the plan as written before the first request, atomically and fsynced),
 * {@code <id>.progress} ({@code <project id> unknown} just before a project's request is sent, so a crash while it
 * is out leaves it as possibly sent; then one line per project once its request has ended, the last line of a
 * project winning: {@code <project id> <outcome>}, then
 * for a project PostHog did not link how its answer ended, e.g. {@code 109 refused source_gone}, and for one it
 * linked the id of PostHog's row, e.g. {@code 108 linked 57}; fsynced) and
 * {@code <id>.closed} once the run ended or the admin dismissed it. A plan without the last is
 * unfinished: the next start offers to resume it. Each project's request itself is in the action journal too.
 * A torn last progress line (a crash while writing) is ignored, so that project counts as not done.
 * Thread-safe; file I/O, so keep it off the UI thread.
 */
public final class PlanJournal {

    private static final Logger LOGGER = LoggerFactory.getLogger(PlanJournal.class);
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9-]{1,64}");
    // Long enough for every LinkResult.Kind (not_linked_confirmed_after_network_failure has 42 letters); lines
    // written with the older limit of 40 still match.
    private static final Pattern WORD = Pattern.compile("[a-z_]{1,64}");
    private static final Pattern LINE = Pattern.compile(
            "(\\d{1,19}) ([a-z_]{1,64})(?: ([a-z_]{1,64}))?(?: (\\d{1,19}))?(?: discovery=([A-Za-z0-9-]{1,64}))?");

    /**
     * How a project's request ended: the plan's outcome word and, when the line says it, how PostHog's answer ended
     * (e.g. {@code source_gone}), else null; and, for a project the plan linked, the id of the GitHub row PostHog
     * answered with (null when not known: an answer lost, or a line an older Hoglink wrote). A later run of the plan
     * tells its own link from someone else's by it: a row unlinked and linked again is a new row.
     */
    public record Ended(String outcome, String kind, Long integrationId, String discoveryId) {
        public Ended {
            Objects.requireNonNull(outcome, "outcome");
        }

        public Ended(String outcome, String kind, Long integrationId) {
            this(outcome, kind, integrationId, null);
        }

        public Ended(String outcome, String kind) {
            this(outcome, kind, null, null);
        }
    }

    /**
     * Notes, before a project's request is sent, that it may be sent ({@code <project id> unknown}), with the
     * discovery id the request names when it names one ({@code discovery=<id>}): PostHog's record of the link carries
     * it, so a later run can tell the link a killed run made from someone else's (docs/api-notes.md NH24).
     */
    public void sending(String id, long projectId, String discoveryId) throws IOException {
        progress(id, projectId, "unknown", null, null,
                discoveryId != null && ID.matcher(discoveryId).matches() ? discoveryId : null);
    }

    /** A plan that was begun and not closed, with the end of each project that ended. */
    public record Unfinished(String id, byte[] plan, Map<Long, Ended> done, Instant begun) {
    }

    private final Path dir;
    private final Object lock = new Object();

    public PlanJournal(Path dir) {
        this.dir = Objects.requireNonNull(dir);
    }

    public static PlanJournal open(AppDirs dirs) {
        return new PlanJournal(dirs.dataPath().resolve("plans"));
    }

    public Path dir() {
        return dir;
    }

    /** The plans this process is sending now (a file lock does not exclude the process that holds it). */
    private static final java.util.Set<Path> CLAIMED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** Thrown when another run, in this process or another, is sending the same plan. */
    public static final class PlanBusyException extends IOException {
        private static final long serialVersionUID = 1L;

        PlanBusyException(String id) {
            super("The plan " + id + " is being applied by another run right now. Wait for it to end, then run it "
                    + "again to see where it stands: nothing it linked is sent twice.");
        }
    }

    /** A plan claimed for sending; closing it lets another run claim the plan. */
    public interface Claim extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Claims the plan for one run: an exclusive lock on {@code <id>.lock}, held until the claim is closed (or the
     * process ends), so two runs of one plan (two terminals, a script and the window) never both send a project
     * between one's check and its link. Throws {@link PlanBusyException} when another run holds it.
     */
    public Claim claim(String id) throws IOException {
        check(id);
        AppDirs.ensure(dir);
        Path file = dir.resolve(id + ".lock").toAbsolutePath();
        if (!CLAIMED.add(file)) {
            throw new PlanBusyException(id);
        }
        FileChannel ch = null;
        try {
            ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            AtomicFiles.restrictToOwner(file);
            java.nio.channels.FileLock held = ch.tryLock();
            if (held == null) {
                throw new PlanBusyException(id);
            }
            FileChannel open = ch;
            return () -> {
                try {
                    held.release();
                    open.close();
                } catch (IOException e) {
                    LOGGER.warn("Cannot release the plan {}: {}", id, e.getClass().getSimpleName());
                } finally {
                    CLAIMED.remove(file);
                }
            };
        } catch (IOException | RuntimeException e) {
            CLAIMED.remove(file);
            if (ch != null) {
                ch.close();
            }
            throw e;
        }
    }

    /** Writes the plan before the first request; returns when it is on disk. */
    public void begin(String id, byte[] plan) throws IOException {
        check(id);
        synchronized (lock) {
            AppDirs.ensure(dir);
            AtomicFiles.write(dir.resolve(id + ".plan"), plan);
            Files.deleteIfExists(dir.resolve(id + ".closed"));
        }
    }

    /** Notes that a project's request ended (and how); fsynced before it returns. */
    public void progress(String id, long projectId, String outcome) throws IOException {
        progress(id, projectId, outcome, null);
    }

    /**
     * Notes that a project's request ended, how, and how PostHog's answer ended ({@code kind}, or null); fsynced
     * before it returns.
     */
    public void progress(String id, long projectId, String outcome, String kind) throws IOException {
        progress(id, projectId, outcome, kind, null);
    }

    /**
     * As {@link #progress(String, long, String, String)}, with the id of the GitHub row the project uses through the
     * plan's link ({@code integrationId}, or null when not known).
     */
    public void progress(String id, long projectId, String outcome, String kind, Long integrationId)
            throws IOException {
        progress(id, projectId, outcome, kind, integrationId, null);
    }

    private void progress(String id, long projectId, String outcome, String kind, Long integrationId,
                          String discoveryId) throws IOException {
        check(id);
        if (!WORD.matcher(outcome).matches()) {
            throw new IllegalArgumentException("outcome");
        }
        if (kind != null && !WORD.matcher(kind).matches()) {
            throw new IllegalArgumentException("kind");
        }
        if (integrationId != null && integrationId < 0) {
            throw new IllegalArgumentException("integration id");
        }
        byte[] line = (projectId + " " + outcome + (kind == null ? "" : " " + kind)
                + (integrationId == null ? "" : " " + integrationId)
                + (discoveryId == null ? "" : " discovery=" + discoveryId) + "\n")
                .getBytes(StandardCharsets.US_ASCII);
        synchronized (lock) {
            Path file = dir.resolve(id + ".progress");
            try (FileChannel ch = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE)) {
                long size = ch.size();
                ByteBuffer last = ByteBuffer.allocate(1);
                boolean torn = size > 0 && ch.read(last, size - 1) == 1 && last.get(0) != '\n';
                ByteBuffer buf = torn ? ByteBuffer.allocate(line.length + 1).put((byte) '\n').put(line).flip()
                        : ByteBuffer.wrap(line);
                long position = size;
                while (buf.hasRemaining()) {
                    position += ch.write(buf, position);
                }
                ch.force(true);
            }
        }
    }

    /** Marks the plan over: it is no longer offered for resuming. */
    public void close(String id) throws IOException {
        check(id);
        synchronized (lock) {
            if (Files.exists(dir.resolve(id + ".plan"))) {
                AtomicFiles.write(dir.resolve(id + ".closed"), new byte[0]);
            }
        }
    }

    /**
     * How each project of a plan ended in its earlier runs (the last line per project wins), closed or not; empty
     * when the plan was never begun here or its progress cannot be read.
     */
    public Map<Long, Ended> outcomes(String id) {
        check(id);
        synchronized (lock) {
            try {
                return done(id);
            } catch (IOException e) {
                LOGGER.warn("Cannot read the progress of the plan {}: {}", id, e.getClass().getSimpleName());
                return new LinkedHashMap<>();
            }
        }
    }

    /** Every plan begun and not closed, oldest first. A plan file that cannot be read is skipped and logged. */
    public List<Unfinished> unfinished() {
        List<Unfinished> out = new ArrayList<>();
        synchronized (lock) {
            if (!Files.isDirectory(dir)) {
                return out;
            }
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*.plan")) {
                for (Path f : files) {
                    String name = f.getFileName().toString();
                    String id = name.substring(0, name.length() - ".plan".length());
                    if (!ID.matcher(id).matches() || Files.exists(dir.resolve(id + ".closed"))) {
                        continue;
                    }
                    try {
                        out.add(new Unfinished(id, Files.readAllBytes(f), done(id),
                                Files.getLastModifiedTime(f).toInstant()));
                    } catch (IOException e) {
                        LOGGER.warn("Cannot read the plan {}: {}", id, e.getClass().getSimpleName());
                    }
                }
            } catch (IOException e) {
                LOGGER.warn("Cannot list the plans in {}: {}", dir, e.getClass().getSimpleName());
            }
        }
        out.sort(Comparator.comparing(Unfinished::begun));
        return out;
    }

    private Map<Long, Ended> done(String id) throws IOException {
        Map<Long, Ended> done = new LinkedHashMap<>();
        Path file = dir.resolve(id + ".progress");
        if (!Files.exists(file)) {
            return done;
        }
        // Byte for byte, so a line a crash left garbled (bytes that are not ASCII) fails only its own match below
        // instead of making the whole file, and with it the plan, unreadable.
        String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            boolean last = i == lines.length - 1;
            var m = LINE.matcher(lines[i]);
            if (!last && m.matches()) { // the last piece has no newline after it: torn or empty
                try {
                    done.put(Long.parseLong(m.group(1)), new Ended(m.group(2), m.group(3),
                            m.group(4) == null ? null : Long.valueOf(m.group(4)), m.group(5)));
                } catch (NumberFormatException e) {
                    LOGGER.warn("Line {} of the plan {}'s progress names no project id; skipped", i + 1, id);
                }
            }
        }
        return done;
    }

    private static void check(String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("plan id");
        }
    }
}
