package dev.hoglink.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Client-side token buckets that keep requests under PostHog's personal-key throttles (480/minute burst and
 * 4800/hour sustained, contract §1). Thread-safe: each caller reserves a permit under a lock, then sleeps
 * outside it for as long as the emptiest bucket needs, so concurrent callers are spaced out fairly.
 */
public final class RateLimiter {

    /** One limit: {@code permits} per {@code per}. */
    public record Limit(int permits, Duration per) {
        public Limit {
            if (permits < 1 || per.isNegative() || per.isZero()) {
                throw new IllegalArgumentException("a limit needs at least one permit per positive duration");
            }
        }
    }

    public static final List<Limit> POSTHOG_PERSONAL_KEY =
            List.of(new Limit(480, Duration.ofMinutes(1)), new Limit(4800, Duration.ofHours(1)));

    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final List<Limit> limits;
    private final Bucket[] buckets;
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();

    public RateLimiter(List<Limit> limits, LongSupplier nanoTime, Sleeper sleeper) {
        this.limits = List.copyOf(limits);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        long now = nanoTime.getAsLong();
        this.buckets = this.limits.stream().map(l -> new Bucket(l, now)).toArray(Bucket[]::new);
    }

    /** PostHog's default personal-key limits. */
    public static RateLimiter postHogPersonalKey(LongSupplier nanoTime, Sleeper sleeper) {
        return new RateLimiter(POSTHOG_PERSONAL_KEY, nanoTime, sleeper);
    }

    /** PostHog's limits on the real clock. */
    public static RateLimiter postHogPersonalKey() {
        return postHogPersonalKey(System::nanoTime, Sleeper.system());
    }

    /** No limit at all. */
    public static RateLimiter unlimited() {
        return new RateLimiter(List.of(), System::nanoTime, Sleeper.system());
    }

    public List<Limit> limits() {
        return limits;
    }

    /** Takes one permit, waiting first when a bucket is empty; returns how long it waited. */
    public Duration acquire() throws InterruptedException {
        long waitNanos = 0;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            for (Bucket b : buckets) {
                waitNanos = Math.max(waitNanos, b.take(now));
            }
        }
        if (waitNanos <= 0) {
            return Duration.ZERO;
        }
        waits.incrementAndGet();
        waitedNanos.addAndGet(waitNanos);
        Duration wait = Duration.ofNanos(waitNanos);
        sleeper.sleep(wait);
        return wait;
    }

    /** How many acquisitions had to wait. */
    public long waits() {
        return waits.get();
    }

    public Duration waited() {
        return Duration.ofNanos(waitedNanos.get());
    }

    /** A bucket that refills continuously; a permit taken from an empty bucket is a debt paid by waiting. */
    private static final class Bucket {
        private final double capacity;
        private final double nanosPerPermit;
        private double tokens;
        private long last;

        Bucket(Limit limit, long now) {
            this.capacity = limit.permits();
            this.nanosPerPermit = (double) limit.per().toNanos() / limit.permits();
            this.tokens = capacity;
            this.last = now;
        }

        long take(long now) {
            if (now > last) {
                tokens = Math.min(capacity, tokens + (now - last) / nanosPerPermit);
                last = now;
            }
            tokens -= 1;
            return tokens >= 0 ? 0 : (long) Math.ceil(-tokens * nanosPerPermit);
        }
    }
}
