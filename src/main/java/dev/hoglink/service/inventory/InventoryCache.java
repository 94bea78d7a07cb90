package dev.hoglink.service.inventory;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hoglink.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The last inventory per identity ({@link CacheKey}: host, connection, user) and organization, as JSON files in the
 * cache folder. The window shows it at once on start-up, marked with its age, while it refreshes in the background.
 * A missing or unreadable file is simply no cache. Files hold no secrets, and their names are made from the identity
 * only (no key or token, nor anything derived from one); they are written atomically and owner-only.
 *
 * <p>Per connection, an index file records the organization saved last and the user that connection was last
 * signed in as: what a first frame may show before any request says who the key belongs to. A new key or sign-in
 * for a profile forgets that user ({@link #forgetUser}), so the first frame of a profile signed in as someone else
 * shows nothing rather than the first user's inventory. Files of the first format (keyed by host and organization
 * only) are never read, and are deleted by the first save.
 */
public final class InventoryCache {

    private static final Logger LOGGER = LoggerFactory.getLogger(InventoryCache.class);
    static final int FORMAT = 2;

    private final Path folder;
    private final ObjectMapper mapper;
    /** Snapshots waiting for the writer thread, by file; a newer one replaces one not yet written. */
    private final java.util.Map<Path, Pending> pending = new java.util.LinkedHashMap<>();
    private Thread writer;
    private volatile boolean oldFormatSwept;
    /** Older than any write in progress, even another running copy's of a 2,000-project snapshot. */
    static final java.time.Duration LEFTOVER_AGE = java.time.Duration.ofMinutes(10);

    private record Pending(CacheKey key, InventorySnapshot snapshot) {
    }

    /** The connection's index: where it was, the organization saved last and who it was signed in as. */
    record Recorded(String host, String connection, String organization, String user) {
    }

    /** A snapshot with the identity it was saved under. */
    public record Cached(CacheKey key, InventorySnapshot snapshot) {
    }

    public InventoryCache(Path folder) {
        this.folder = folder;
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The snapshot saved for this identity and organization, if there is a readable one. */
    public Optional<InventorySnapshot> load(CacheKey key, String organizationId) {
        Path file = fileFor(key, organizationId);
        synchronized (pending) {
            Pending waiting = pending.get(file);
            if (waiting != null) {
                return Optional.of(waiting.snapshot()); // saved a moment ago, not yet on disk
            }
        }
        try {
            Stored stored = mapper.readValue(Files.readAllBytes(file), Stored.class);
            if (stored.format() != FORMAT || stored.snapshot() == null) {
                LOGGER.info("Ignoring inventory cache {} of another format ({})", file.getFileName(), stored.format());
                return Optional.empty();
            }
            InventorySnapshot s = stored.snapshot();
            if (!key.host().equals(normalizeHost(s.host())) || !key.connection().equals(stored.connection())
                    || !key.user().equals(stored.user())
                    || s.organization() == null || !organizationId.equals(s.organization().id())) {
                LOGGER.warn("Inventory cache {} belongs to another connection, user or organization; ignoring it",
                        file.getFileName());
                return Optional.empty();
            }
            return Optional.of(s);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot read the inventory cache {}; it will be rebuilt", file, e);
            return Optional.empty();
        }
    }

    /**
     * The snapshot this connection saved last, whatever its organization, under the user it was last signed in as:
     * what the window shows in its first frame, before the connection is open and anyone is known.
     */
    public Optional<Cached> latest(String host, String connection) {
        return recorded(host, connection).flatMap(r -> {
            CacheKey key = new CacheKey(host, connection, r.user());
            return r.organization() == null ? Optional.empty()
                    : load(key, r.organization()).map(s -> new Cached(key, s));
        });
    }

    /** The user this connection was last signed in as on this host; empty when none is recorded. */
    public String recordedUser(String host, String connection) {
        return recorded(host, connection).map(Recorded::user).orElse("");
    }

    private Optional<Recorded> recorded(String host, String connection) {
        Path index = indexFor(connection);
        try {
            Recorded r = mapper.readValue(Files.readAllBytes(index), Recorded.class);
            return r.host() != null && normalizeHost(host).equals(r.host()) && connection.equals(r.connection())
                    ? Optional.of(new Recorded(r.host(), r.connection(), r.organization(),
                            r.user() == null ? "" : r.user()))
                    : Optional.empty();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot read the inventory cache index {}", index.getFileName(), e);
            return Optional.empty();
        }
    }

    /**
     * Records that this connection is signed in as {@code key.user()} (once a request has said so), keeping the
     * organization saved last if it was saved by the same user. Failures are logged, never thrown.
     */
    public void recordUser(CacheKey key) {
        Optional<Recorded> was = recorded(key.host(), key.connection());
        if (was.isPresent() && was.get().user().equals(key.user())) {
            return;
        }
        writeIndex(key, null);
    }

    /**
     * Forgets who this connection was signed in as: its key or sign-in was replaced, so until a request says who
     * the new one belongs to, no first frame shows the previous user's inventory. Failures are logged.
     */
    public void forgetUser(String connection) {
        try {
            Files.deleteIfExists(indexFor(connection));
        } catch (IOException e) {
            LOGGER.warn("Cannot forget the user of a connection's inventory cache", e);
        }
    }

    /** Replaces the snapshot for its identity and organization; failures are logged, never thrown. */
    public void save(CacheKey key, InventorySnapshot snapshot) {
        Path file = fileFor(key, snapshot.organization().id());
        try {
            AtomicFiles.write(file, mapper.writeValueAsBytes(new Stored(FORMAT, key.connection(), key.user(), snapshot)));
            writeIndex(key, snapshot.organization().id());
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot write the inventory cache {}", file, e);
        }
        sweepOldFormat();
    }

    private void writeIndex(CacheKey key, String organizationId) {
        try {
            AtomicFiles.write(indexFor(key.connection()), mapper.writeValueAsBytes(
                    new Recorded(key.host(), key.connection(), organizationId, key.user())));
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot write the inventory cache index", e);
        }
    }

    /** Deletes, once per run, the files of the first format: keyed by host and organization, whoever saw them. */
    private void sweepOldFormat() {
        if (oldFormatSwept) {
            return;
        }
        oldFormatSwept = true;
        // A copy killed while writing a snapshot (megabytes for a large organization) leaves its temp file.
        int left = AtomicFiles.deleteLeftovers(folder, LEFTOVER_AGE);
        if (left > 0) {
            LOGGER.info("Deleted {} unfinished inventory cache file(s) an earlier run left when it was stopped mid-write", left);
        }
        try (var files = Files.newDirectoryStream(folder, f -> {
            String n = f.getFileName().toString();
            return n.startsWith("inventory-") && n.endsWith(".json") || n.startsWith("latest-") && n.endsWith(".txt");
        })) {
            for (Path f : files) {
                Files.deleteIfExists(f);
            }
        } catch (IOException | RuntimeException e) {
            LOGGER.info("Could not delete the inventory cache files of the first format: {}", e.getMessage());
        }
    }

    /**
     * Saves on a writer thread of its own, so the caller (the FX thread, when a load completes) never waits
     * on serializing and writing a 2,000-project file. Writes keep their order; a snapshot that a newer one
     * for the same file overtakes before it is written is skipped.
     */
    public void saveInBackground(CacheKey key, InventorySnapshot snapshot) {
        Path file = fileFor(key, snapshot.organization().id());
        synchronized (pending) {
            pending.remove(file);
            pending.put(file, new Pending(key, snapshot));
            if (writer == null) {
                writer = new Thread(this::drain, "hoglink-cache-writer");
                writer.setDaemon(true);
                writer.start();
            }
        }
    }

    private void drain() {
        while (true) {
            Pending next;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    writer = null;
                    pending.notifyAll();
                    return;
                }
                next = pending.values().iterator().next();
            }
            save(next.key(), next.snapshot());
            synchronized (pending) {
                pending.remove(fileFor(next.key(), next.snapshot().organization().id()), next);
            }
        }
    }

    /** Waits up to {@code timeout} for the background writes (on exit, and in tests); true if all are on disk. */
    public boolean flush(java.time.Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (pending) {
            while (writer != null) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                try {
                    pending.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            }
            return true;
        }
    }

    /** The connection's index: its organization saved last and its user (the name hashes the connection only). */
    Path indexFor(String connection) {
        return folder.resolve("last2-" + hash(connection) + ".json");
    }

    Path fileFor(CacheKey key, String organizationId) {
        return folder.resolve("inventory2-" + hash(key.host() + "\n" + key.connection() + "\n" + key.user()
                + "\n" + organizationId) + ".json");
    }

    /**
     * The host as the cache keys it. A server on this computer is keyed without its port: the sandbox listens on
     * a new free port at every start, and its cached inventory must still show at once on the next. Its
     * organizations keep their ids from run to run, and the file is also keyed by the organization.
     */
    public static String normalizeHost(String host) {
        String h = host == null ? "" : host.trim().toLowerCase(Locale.ROOT);
        while (h.endsWith("/")) {
            h = h.substring(0, h.length() - 1);
        }
        java.util.regex.Matcher local = LOCAL_WITH_PORT.matcher(h);
        return local.matches() ? local.group(1) : h;
    }

    private static final java.util.regex.Pattern LOCAL_WITH_PORT = java.util.regex.Pattern.compile(
            "(https?://(?:localhost|127(?:\\.\\d{1,3}){3}|\\[::1\\]))(?::\\d+)?");

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    record Stored(int format, String connection, String user, InventorySnapshot snapshot) {
    }
}
