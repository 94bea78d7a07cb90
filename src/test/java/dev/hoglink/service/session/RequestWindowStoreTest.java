package dev.hoglink.service.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.Sleeper;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client's request windows carried from one launch to the next, per host and key, with no key stored. */
class RequestWindowStoreTest {

    static final String KEY = "phx_windowTestKey0123456789abcdefABCD";
    static final String CLOUD = "https://us.posthog.com";
    static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");

    @TempDir
    Path dir;

    /** A monotonic clock that only moves when told (each launch starts its own at an arbitrary value). */
    static final class Ticks implements java.util.function.LongSupplier, Sleeper {
        final AtomicLong nanos;

        Ticks(long start) {
            nanos = new AtomicLong(start);
        }

        @Override
        public long getAsLong() {
            return nanos.get();
        }

        @Override
        public void sleep(Duration d) {
            nanos.addAndGet(d.toNanos());
        }
    }

    static RequestWindowStore store(Path dir, Instant now) {
        return new RequestWindowStore(dir, Clock.fixed(now, ZoneOffset.UTC));
    }

    @Test
    void aRestartCountsThePreviousLaunchsRequestsAsPostHogStillDoes() throws Exception {
        Ticks first = new Ticks(5_000_000_000L);
        RateLimiter before = RateLimiter.forHost(URI.create(CLOUD), first, first);
        for (int i = 0; i < 480; i++) {
            before.acquire();
        }
        store(dir, T0).save(CLOUD, ApiKey.of(KEY), before);

        // Ten seconds later, a new launch (its monotonic clock starts anywhere).
        Ticks second = new Ticks(-77_000_000_000L);
        RateLimiter after = RateLimiter.forHost(URI.create(CLOUD), second, second);
        store(dir, T0.plusSeconds(10)).restore(CLOUD, ApiKey.of(KEY), after);
        assertEquals(Duration.ofSeconds(51), after.nextPermitIn(), "the minute's 480 are still counted");

        // Without the saved windows the new launch would send at once, into PostHog's 429.
        RateLimiter fresh = RateLimiter.forHost(URI.create(CLOUD), second, second);
        assertEquals(Duration.ZERO, fresh.nextPermitIn());
    }

    @Test
    void aSelfHostedInstanceThatThrottledStaysCappedAndOldSendsAreDropped() throws Exception {
        String host = "https://posthog.acme.io";
        Ticks first = new Ticks(0);
        RateLimiter before = RateLimiter.forHost(URI.create(host), first, first);
        before.acquire();
        before.throttled(null);
        store(dir, T0).save(host, ApiKey.of(KEY), before);

        RateLimiter after = RateLimiter.forHost(URI.create(host), new Ticks(0), new Ticks(0));
        store(dir, T0.plus(Duration.ofHours(2))).restore(host, ApiKey.of(KEY), after);
        assertTrue(after.capped(), "it throttled before, so its windows hold requests from the start");
        assertEquals(List.of(), after.saved(T0.plus(Duration.ofHours(2))).sends(), "sends older than the hour are gone");
    }

    @Test
    void theFilesHoldNoKeyAreOwnerOnlyAndAreKeptApartPerKeyAndHost() throws Exception {
        Ticks t = new Ticks(0);
        RateLimiter limiter = RateLimiter.forHost(URI.create(CLOUD), t, t);
        limiter.acquire();
        RequestWindowStore s = store(dir, T0);
        s.save(CLOUD, ApiKey.of(KEY), limiter);
        s.save("https://eu.posthog.com", ApiKey.of(KEY), limiter);
        s.save(CLOUD, ApiKey.of(KEY.replace('0', '1')), limiter);
        List<Path> files;
        try (Stream<Path> list = Files.list(dir)) {
            files = list.sorted().toList();
        }
        assertEquals(4, files.size(), files.toString()); // three windows and the salt
        for (Path f : files) {
            String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertFalse(text.contains(KEY) || text.contains(KEY.substring(4, 20)), f.toString());
            assertFalse(f.getFileName().toString().contains(KEY.substring(4, 12)));
            if (Files.getFileStore(f).supportsFileAttributeView("posix")) {
                assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(f)));
            }
        }
        assertEquals(s.fileFor(CLOUD, ApiKey.of(KEY)), store(dir, T0).fileFor(CLOUD + "/", ApiKey.of(KEY)),
                "a later launch finds the same file (the salt is kept)");
        assertNotEquals(s.fileFor(CLOUD, ApiKey.of(KEY)), new RequestWindowStore(dir.resolve("other"),
                Clock.systemUTC()).fileFor(CLOUD, ApiKey.of(KEY)).getFileName(), "another salt, another name");
    }

    @Test
    void aDamagedFileIsIgnoredNotThrown() throws Exception {
        RequestWindowStore s = store(dir, T0);
        Files.writeString(s.fileFor(CLOUD, ApiKey.of(KEY)), "{\"format\":1,\"sends\":[tru");
        Ticks t = new Ticks(0);
        RateLimiter limiter = RateLimiter.forHost(URI.create(CLOUD), t, t);
        s.restore(CLOUD, ApiKey.of(KEY), limiter);
        assertEquals(Duration.ZERO, limiter.nextPermitIn());
    }
}
