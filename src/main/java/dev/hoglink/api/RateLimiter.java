package dev.hoglink.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Client-side limits that keep requests under PostHog's personal-key throttles (480/minute burst and
 * 4800/hour sustained, contract §1). PostHog's throttle is DRF's {@code SimpleRateThrottle}
 * ({@code posthog/rate_limit.py}): a sliding window that refuses a request while the last {@code per} already
 * holds {@code permits} requests. So this limiter keeps, per limit, the send times of the last {@code permits}
 * permits and hands out the next one no earlier than the oldest of them plus {@code per} (plus a small margin
 * for the time a request takes to reach the server). A token bucket would be wrong here: it lets a full
 * bucket plus a minute of refill through in one minute, twice what the window allows.
 * Thread-safe: each caller reserves its send time under a lock, then sleeps outside it until then, so
 * concurrent callers are spaced out fairly.
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

    /** Added to every window for PostHog, so a request that travels slower than the one before is still in time. */
    public static final Duration POSTHOG_MARGIN = Duration.ofSeconds(1);

    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final List<Limit> limits;
    private final Window[] windows;
    private final AtomicLong waits = new AtomicLong();
    private final AtomicLong waitedNanos = new AtomicLong();

    /** Exact windows, no margin. */
    public RateLimiter(List<Limit> limits, LongSupplier nanoTime, Sleeper sleeper) {
        this(limits, Duration.ZERO, nanoTime, sleeper);
    }

    /** Windows lengthened by {@code margin} (not negative). */
    public RateLimiter(List<Limit> limits, Duration margin, LongSupplier nanoTime, Sleeper sleeper) {
        if (margin.isNegative()) {
            throw new IllegalArgumentException("margin cannot be negative");
        }
        this.limits = List.copyOf(limits);
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        this.windows = this.limits.stream().map(l -> new Window(l, margin)).toArray(Window[]::new);
    }

    /** PostHog's default personal-key limits, with {@link #POSTHOG_MARGIN}. */
    public static RateLimiter postHogPersonalKey(LongSupplier nanoTime, Sleeper sleeper) {
        return new RateLimiter(POSTHOG_PERSONAL_KEY, POSTHOG_MARGIN, nanoTime, sleeper);
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

    /** Takes one permit, waiting first when a window is full; returns how long it waited. */
    public Duration acquire() throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long at = now;
            for (Window w : windows) {
                at = Math.max(at, w.earliest(now));
            }
            for (Window w : windows) {
                w.record(at);
            }
            waitNanos = at - now;
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

    /** The send times of the last {@code permits} permits, oldest first, in a ring. */
    private static final class Window {
        private final long[] times;
        private final long spanNanos;
        private int oldest;
        private int count;

        Window(Limit limit, Duration margin) {
            this.times = new long[limit.permits()];
            this.spanNanos = limit.per().plus(margin).toNanos();
        }

        /** The earliest send time at or after {@code now} that keeps the window under its limit. */
        long earliest(long now) {
            return count < times.length ? now : Math.max(now, times[oldest] + spanNanos);
        }

        /** Records a permit sent at {@code at}; send times never go backwards. */
        void record(long at) {
            if (count < times.length) {
                times[(oldest + count) % times.length] = at;
                count++;
            } else {
                times[oldest] = at;
                oldest = (oldest + 1) % times.length;
            }
        }
    }
}
