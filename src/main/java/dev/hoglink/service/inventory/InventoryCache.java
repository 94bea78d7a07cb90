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
 * The last inventory per (host, organization), as JSON files in the cache folder. The window shows it at
 * once on start-up, marked with its age, while it refreshes in the background. A missing or unreadable
 * file is simply no cache. Files hold no secrets; they are written atomically and owner-only.
 */
public final class InventoryCache {

    private static final Logger LOGGER = LoggerFactory.getLogger(InventoryCache.class);
    static final int FORMAT = 1;

    private final Path folder;
    private final ObjectMapper mapper;
    /** Snapshots waiting for the writer thread, by file; a newer one replaces one not yet written. */
    private final java.util.Map<Path, InventorySnapshot> pending = new java.util.LinkedHashMap<>();
    private Thread writer;

    public InventoryCache(Path folder) {
        this.folder = folder;
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    /** The snapshot saved for this host and organization, if there is a readable one. */
    public Optional<InventorySnapshot> load(String host, String organizationId) {
        Path file = fileFor(host, organizationId);
        synchronized (pending) {
            InventorySnapshot waiting = pending.get(file);
            if (waiting != null) {
                return Optional.of(waiting); // saved a moment ago, not yet on disk
            }
        }
        try {
            Stored stored = mapper.readValue(Files.readAllBytes(file), Stored.class);
            if (stored.format() != FORMAT || stored.snapshot() == null) {
                LOGGER.info("Ignoring inventory cache {} of another format ({})", file.getFileName(), stored.format());
                return Optional.empty();
            }
            InventorySnapshot s = stored.snapshot();
            if (!normalizeHost(host).equals(normalizeHost(s.host()))
                    || s.organization() == null || !organizationId.equals(s.organization().id())) {
                LOGGER.warn("Inventory cache {} belongs to another host or organization; ignoring it", file.getFileName());
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
     * The snapshot saved last for this host, whatever its organization: what the window shows in its first frame,
     * before the connection is open and the organizations are known.
     */
    public Optional<InventorySnapshot> latest(String host) {
        Path index = latestFileFor(host);
        String organizationId;
        try {
            organizationId = Files.readString(index, StandardCharsets.UTF_8).strip();
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot read the inventory cache index {}", index, e);
            return Optional.empty();
        }
        return organizationId.isEmpty() ? Optional.empty() : load(host, organizationId);
    }

    /** Replaces the snapshot for its host and organization; failures are logged, never thrown. */
    public void save(InventorySnapshot snapshot) {
        Path file = fileFor(snapshot.host(), snapshot.organization().id());
        try {
            AtomicFiles.write(file, mapper.writeValueAsBytes(new Stored(FORMAT, snapshot)));
            AtomicFiles.write(latestFileFor(snapshot.host()),
                    snapshot.organization().id().getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot write the inventory cache {}", file, e);
        }
    }

    /**
     * Saves on a writer thread of its own, so the caller (the FX thread, when a load completes) never waits
     * on serializing and writing a 2,000-project file. Writes keep their order; a snapshot that a newer one
     * for the same file overtakes before it is written is skipped.
     */
    public void saveInBackground(InventorySnapshot snapshot) {
        Path file = fileFor(snapshot.host(), snapshot.organization().id());
        synchronized (pending) {
            pending.remove(file);
            pending.put(file, snapshot);
            if (writer == null) {
                writer = new Thread(this::drain, "hoglink-cache-writer");
                writer.setDaemon(true);
                writer.start();
            }
        }
    }

    private void drain() {
        while (true) {
            InventorySnapshot next;
            synchronized (pending) {
                if (pending.isEmpty()) {
                    writer = null;
                    pending.notifyAll();
                    return;
                }
                next = pending.values().iterator().next();
            }
            save(next);
            synchronized (pending) {
                Path file = fileFor(next.host(), next.organization().id());
                pending.remove(file, next);
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

    /** Names the organization saved last for a host (its id only). */
    Path latestFileFor(String host) {
        return folder.resolve("latest-" + hash(normalizeHost(host)) + ".txt");
    }

    Path fileFor(String host, String organizationId) {
        return folder.resolve("inventory-" + hash(normalizeHost(host) + "\n" + organizationId) + ".json");
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

    record Stored(int format, InventorySnapshot snapshot) {
    }
}
