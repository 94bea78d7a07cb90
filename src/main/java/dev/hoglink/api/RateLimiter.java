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
 *
 * <p><b>Knowing the host.</b> PostHog Cloud (US, EU and the older app host) always throttles personal keys, so
 * its limiter is capped from the start. A self-hosted instance may have the throttle off
 * ({@code RATE_LIMIT_ENABLED}) or on, so its limiter starts uncapped ({@link #forHost}) and caps itself at the
 * first 429 PostHog's throttle sends ({@link #throttled}). The windows record every send in either state, so when
 * the cap comes on it already counts what the server counted. A 429 with a wait also holds every permit until
 * that wait is over, so the other requests in flight do not walk into the same refusal.
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
    /** The longest a 429's wait holds the client's requests. */
    static final Duration MAX_HOLD = Duration.ofDays(1);

    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final List<Limit> limits;
    private final Window[] windows;
    private final AtomicLong waits = new AtomicLong();
    /** Guarded by this: whether the windows hold requests back yet, and the end of a hold PostHog asked for. */
    private boolean capped;
    private long holdUntil;
    private boolean holding;
    private final AtomicLong waitedNanos = new AtomicLong();
    /** True for an OAuth session's limiter: no windows, but a 429's Retry-After still holds every permit. */
    private boolean holdsWithoutWindows;

    /** Exact windows, no margin. */
    public RateLimiter(List<Limit> limits, LongSupplier nanoTime, Sleeper sleeper) {
        this(limits, Duration.ZERO, nanoTime, sleeper);
    }

    /** Windows lengthened by {@code margin} (not negative). */
    public RateLimiter(List<Limit> limits, Duration margin, LongSupplier nanoTime, Sleeper sleeper) {
        this(limits, margin, nanoTime, sleeper, true);
    }

    private RateLimiter(List<Limit> limits, Duration margin, LongSupplier nanoTime, Sleeper sleeper, boolean capped) {
        this.capped = capped;
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

    /**
     * The limiter for a PostHog at {@code base}: PostHog Cloud's windows from the start for a Cloud host, and for
     * any other host the same windows kept uncapped until its first throttle 429.
     */
    public static RateLimiter forHost(java.net.URI base, LongSupplier nanoTime, Sleeper sleeper) {
        return isPostHogCloud(base)
                ? postHogPersonalKey(nanoTime, sleeper)
                : new RateLimiter(POSTHOG_PERSONAL_KEY, POSTHOG_MARGIN, nanoTime, sleeper, false);
    }

    /** PostHog Cloud's API hosts: {@code us.posthog.com}, {@code eu.posthog.com} and {@code app.posthog.com}. */
    public static boolean isPostHogCloud(java.net.URI base) {
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(java.util.Locale.ROOT);
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        return "https".equalsIgnoreCase(base.getScheme())
                && (host.equals("us.posthog.com") || host.equals("eu.posthog.com") || host.equals("app.posthog.com"));
    }

    /**
     * The limiter for an OAuth access token ({@code pha_…}): no client-side windows, because PostHog's Burst
     * (480/minute) and Sustained (4800/hour) throttles count only requests made with a personal API key
     * ({@code PersonalApiKeyRateThrottle} in posthog/rate_limit.py lets any other authenticated request through;
     * {@code PersonalAPIKeyAuthentication.find_key_with_source} finds no key in a {@code pha_} token). A 429 still
     * holds every permit until its Retry-After is over, so an infrastructure limit or the 10/minute per-project
     * {@code github_repos/refresh} throttle (which counts every credential) is honoured by all requests in flight.
     * Concurrency is bounded by the callers (the inventory sends at most 8 at a time).
     */
    public static RateLimiter forOAuth(LongSupplier nanoTime, Sleeper sleeper) {
        RateLimiter r = new RateLimiter(List.of(), Duration.ZERO, nanoTime, sleeper, false);
        r.holdsWithoutWindows = true;
        return r;
    }

    /** Whether this limiter is an OAuth session's ({@link #forOAuth}): no windows, only Retry-After holds. */
    public boolean forOAuthSession() {
        return holdsWithoutWindows;
    }

    /** No limit at all. */
    public static RateLimiter unlimited() {
        return new RateLimiter(List.of(), System::nanoTime, Sleeper.system());
    }

    public List<Limit> limits() {
        return limits;
    }

    /** Whether the windows hold requests back (always for Cloud; after the first throttle 429 otherwise). */
    public synchronized boolean capped() {
        return capped && windows.length > 0;
    }

    /**
     * Told of a 429 from PostHog's throttle: the windows hold requests back from now on, and when PostHog said
     * how long to wait ({@code retryAfter}, may be null), no permit is handed out before that wait is over.
     */
    public void throttled(Duration retryAfter) {
        if (windows.length == 0 && !holdsWithoutWindows) {
            return; // unlimited: no client-side limiting at all
        }
        synchronized (this) {
            capped = true;
            if (retryAfter != null && !retryAfter.isNegative()) {
                // Compared as durations first: toNanos() of a wait beyond ~292 years would overflow.
                Duration wait = retryAfter.compareTo(MAX_HOLD) > 0 ? MAX_HOLD : retryAfter;
                long until = nanoTime.getAsLong() + wait.toNanos();
                if (!holding || until - holdUntil > 0) {
                    holdUntil = until;
                    holding = true;
                }
            }
        }
    }

    /** Takes one permit, waiting first when a window is full; returns how long it waited. */
    public Duration acquire() throws InterruptedException {
        return acquire(null).orElseThrow();
    }

    /**
     * Takes one permit if it comes within {@code maxWait} (null: any wait), waiting first when a window is full or
     * PostHog asked to wait. When the wait would be longer, takes nothing and returns empty: see {@link #nextPermitIn()}.
     */
    public java.util.Optional<Duration> acquire(Duration maxWait) throws InterruptedException {
        long waitNanos;
        synchronized (this) {
            long now = nanoTime.getAsLong();
            long at = earliest(now);
            waitNanos = at - now;
            if (maxWait != null && waitNanos > maxWait.toNanos()) {
                return java.util.Optional.empty();
            }
            for (Window w : windows) {
                w.record(at);
            }
        }
        if (waitNanos <= 0) {
            return java.util.Optional.of(Duration.ZERO);
        }
        waits.incrementAndGet();
        waitedNanos.addAndGet(waitNanos);
        Duration wait = Duration.ofNanos(waitNanos);
        sleeper.sleep(wait);
        return java.util.Optional.of(wait);
    }

    /** How long until the next permit would be handed out (zero when one is free now). */
    public synchronized Duration nextPermitIn() {
        long now = nanoTime.getAsLong();
        return Duration.ofNanos(Math.max(0, earliest(now) - now));
    }

    /** Guarded by this: the earliest send time at or after {@code now} that every window and hold allows. */
    private long earliest(long now) {
        long at = now;
        if (holding) {
            if (holdUntil - now > 0) {
                at = holdUntil;
            } else {
                holding = false;
            }
        }
        if (capped) {
            for (Window w : windows) {
                at = Math.max(at, w.earliest(at));
            }
        }
        return at;
    }

    /**
     * The send times the windows still count, as wall-clock instants (oldest first), and whether the windows
     * hold requests back: what a later launch needs to keep counting as PostHog still counts ({@link #restore}).
     */
    public synchronized Saved saved(java.time.Instant wallNow) {
        long now = nanoTime.getAsLong();
        Window longest = longest();
        List<java.time.Instant> sends = new java.util.ArrayList<>();
        if (longest != null) {
            for (int i = 0; i < longest.count; i++) {
                long t = longest.times[(longest.oldest + i) % longest.times.length];
                if (now - t < longest.spanNanos) {
                    sends.add(wallNow.minusNanos(now - t));
                }
            }
        }
        return new Saved(capped && windows.length > 0, List.copyOf(sends));
    }

    /** Counts the sends of an earlier launch (those still inside a window) and takes over its cap. */
    public synchronized void restore(Saved saved, java.time.Instant wallNow) {
        Window longest = longest();
        if (longest == null) {
            return;
        }
        long now = nanoTime.getAsLong();
        saved.sends().stream().sorted().forEach(at -> {
            long ago = java.time.Duration.between(at, wallNow).toNanos();
            if (ago >= 0 && ago < longest.spanNanos) {
                for (Window w : windows) {
                    w.record(now - ago);
                }
            }
        });
        capped |= saved.capped();
    }

    /** What {@link #saved} hands over to a later launch. */
    public record Saved(boolean capped, List<java.time.Instant> sends) {
    }

    private Window longest() {
        Window longest = null;
        for (Window w : windows) {
            if (longest == null || w.spanNanos > longest.spanNanos) {
                longest = w;
            }
        }
        return longest;
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
