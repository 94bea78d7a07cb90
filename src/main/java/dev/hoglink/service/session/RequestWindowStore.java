package dev.hoglink.service.session;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.util.AtomicFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the client's request windows per key across launches: PostHog keeps counting the last hour's requests
 * of a key after Hoglink quits, so a new launch starts with the sends its windows still count instead of empty
 * ones that walk into 429s. One owner-only file per host and key, named by a salted SHA-256 of both (the salt
 * is a random file of its own beside them, in hex): no key, and nothing a key could be guessed from, is stored.
 * The files hold send times and whether the host throttled, nothing else. Failures are logged, never thrown.
 */
public final class RequestWindowStore {

    private static final Logger LOGGER = LoggerFactory.getLogger(RequestWindowStore.class);
    private static final int FORMAT = 1;

    private final Path folder;
    private final Clock clock;
    private final ObjectMapper mapper = new ObjectMapper();

    public RequestWindowStore(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    /**
     * A client factory whose clients start with the windows saved for their host and key; what they count is
     * saved again when the JVM exits.
     */
    public static SessionFactory.ClientFactory keepingWindows(Path folder,
            java.util.function.BiFunction<PostHogHost, ApiKey, PostHogClient> build) {
        RequestWindowStore store = new RequestWindowStore(folder, Clock.systemUTC());
        List<Runnable> savers = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> savers.forEach(Runnable::run), "hoglink-windows"));
        return (host, key) -> {
            PostHogClient client = build.apply(host, key);
            store.restore(host.url(), key, client.rateLimiter());
            savers.add(() -> store.save(host.url(), key, client.rateLimiter()));
            return client;
        };
    }

    record Stored(int format, boolean capped, List<Long> sends) {
    }

    /** Gives {@code limiter} the sends an earlier launch recorded for this host and key, if any. */
    public void restore(String host, ApiKey key, RateLimiter limiter) {
        Path file;
        try {
            file = fileFor(host, key);
            Stored s = mapper.readValue(Files.readAllBytes(file), Stored.class);
            if (s.format() != FORMAT || s.sends() == null) {
                return;
            }
            limiter.restore(new RateLimiter.Saved(s.capped(), s.sends().stream().map(Instant::ofEpochMilli).toList()),
                    clock.instant());
        } catch (NoSuchFileException e) {
            // a first launch with this key
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot read the saved request windows; starting with empty ones: {}", e.toString());
        }
    }

    /** Records what {@code limiter} still counts for this host and key. */
    public void save(String host, ApiKey key, RateLimiter limiter) {
        try {
            RateLimiter.Saved saved = limiter.saved(clock.instant());
            byte[] json = mapper.writeValueAsBytes(new Stored(FORMAT, saved.capped(),
                    saved.sends().stream().map(Instant::toEpochMilli).toList()));
            AtomicFiles.write(fileFor(host, key), json);
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot save the request windows: {}", e.toString());
        }
    }

    /** The file of one host and key: a salted hash of both, never the key. */
    Path fileFor(String host, ApiKey key) throws IOException {
        try {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            d.update(salt());
            d.update(InventoryCache.normalizeHost(host).getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            d.update(key.reveal().getBytes(StandardCharsets.UTF_8));
            return folder.resolve("requests-" + HexFormat.of().formatHex(d.digest(), 0, 16) + ".json");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private synchronized byte[] salt() throws IOException {
        Path file = folder.resolve("requests-salt");
        try {
            String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
            if (text.matches("[0-9a-f]{64}")) {
                return HexFormat.of().parseHex(text);
            }
        } catch (NoSuchFileException e) {
            // made below
        }
        byte[] salt = new byte[32];
        new SecureRandom().nextBytes(salt);
        AtomicFiles.write(file, HexFormat.of().formatHex(salt).getBytes(StandardCharsets.US_ASCII));
        return salt;
    }
}
