package dev.hoglink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

class RateLimiterTest {

    private final FakeTime time = new FakeTime();

    @Test
    void postHogLimitsAre480PerMinuteAnd4800PerHour() {
        RateLimiter r = RateLimiter.postHogPersonalKey(time, time);
        assertEquals(List.of(new RateLimiter.Limit(480, Duration.ofMinutes(1)), new RateLimiter.Limit(4800, Duration.ofHours(1))),
                r.limits());
    }

    @Test
    void burstOf480PassesThenTheNextWaitsUntilTheFirstLeavesTheMinute() throws InterruptedException {
        RateLimiter r = RateLimiter.postHogPersonalKey(time, time);
        for (int i = 0; i < 480; i++) {
            assertEquals(Duration.ZERO, r.acquire());
        }
        Duration minuteAndMargin = Duration.ofMinutes(1).plus(RateLimiter.POSTHOG_MARGIN);
        assertEquals(minuteAndMargin, r.acquire());
        assertEquals(Duration.ZERO, r.acquire(), "the second of the burst left the window at the same moment");
        assertEquals(1, r.waits());
        assertEquals(List.of(minuteAndMargin), time.sleeps());
    }

    @Test
    void neverMoreThanTheLimitInAnySlidingWindow() throws InterruptedException {
        // PostHog counts a sliding window (DRF SimpleRateThrottle); a token bucket would let 2x through.
        RateLimiter r = new RateLimiter(List.of(new RateLimiter.Limit(5, Duration.ofMinutes(1))), time, time);
        List<Long> sent = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            r.acquire();
            sent.add(time.getAsLong());
            time.advance(Duration.ofSeconds(7));
        }
        for (int i = 5; i < sent.size(); i++) {
            assertTrue(sent.get(i) - sent.get(i - 5) >= Duration.ofMinutes(1).toNanos(), "permit " + i);
        }
    }

    @Test
    void windowFreesPermitsAsTimePasses() throws InterruptedException {
        RateLimiter r = RateLimiter.postHogPersonalKey(time, time);
        for (int i = 0; i < 240; i++) {
            r.acquire();
        }
        time.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 240; i++) {
            r.acquire();
        }
        time.advance(Duration.ofSeconds(31));
        for (int i = 0; i < 240; i++) {
            assertEquals(Duration.ZERO, r.acquire(), "the first 240 left the window: permit " + i);
        }
        assertEquals(Duration.ofSeconds(30), r.acquire(), "the second 240 leave it 30 s later");
    }

    @Test
    void hourlyBudgetHoldsTheRequestsBeyond4800() throws InterruptedException {
        RateLimiter r = RateLimiter.postHogPersonalKey(time, time);
        long start = time.getAsLong();
        for (int i = 0; i < 4800; i++) {
            r.acquire();
        }
        long afterBudget = time.getAsLong();
        assertTrue(afterBudget - start < Duration.ofHours(1).toNanos(), "4800 fit in the first hour");
        Duration last = r.acquire();
        assertTrue(time.getAsLong() - start >= Duration.ofHours(1).toNanos(), "the 4801st waits for the hour: " + last);
    }

    @Test
    void concurrentCallersShareTheBudgetExactly() throws Exception {
        RateLimiter r = RateLimiter.postHogPersonalKey(time, time);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch go = new CountDownLatch(1);
        try {
            List<Future<Duration>> waits = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                waits.add(pool.submit(() -> {
                    go.await();
                    Duration total = Duration.ZERO;
                    for (int i = 0; i < 60; i++) {
                        total = total.plus(r.acquire());
                    }
                    return total;
                }));
            }
            go.countDown();
            for (Future<Duration> f : waits) {
                assertEquals(Duration.ZERO, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(0, r.waits(), "480 permits across 8 threads fit the burst");
        assertEquals(Duration.ofMinutes(1).plus(RateLimiter.POSTHOG_MARGIN), r.acquire(), "and not one more");
    }

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        RateLimiter r = RateLimiter.unlimited();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Duration.ZERO, r.acquire());
        }
    }

    // ---------------------------------------------------------------- knowing the host

    @Test
    void cloudHostsAreCappedFromTheStartAndOtherHostsAreNot() {
        for (String cloud : List.of("https://us.posthog.com", "https://eu.posthog.com", "https://app.posthog.com",
                "https://US.PostHog.com.")) {
            assertTrue(RateLimiter.forHost(URI.create(cloud), time, time).capped(), cloud);
        }
        for (String other : List.of("https://posthog.acme.io", "http://127.0.0.1:8000", "https://us.posthog.com.evil.io",
                "https://us.i.posthog.com")) {
            assertFalse(RateLimiter.forHost(URI.create(other), time, time).capped(), other);
        }
    }

    @Test
    void anUncappedHostSendsWithoutWaitsUntilItsFirst429ThenKeepsToWindowsThatAlreadyCountedItsSends()
            throws InterruptedException {
        RateLimiter r = RateLimiter.forHost(URI.create("https://posthog.acme.io"), time, time);
        for (int i = 0; i < 1000; i++) {
            assertEquals(Duration.ZERO, r.acquire(), "no client-side cap before the first 429");
        }
        assertEquals(List.of(), time.sleeps());
        r.throttled(null);
        assertTrue(r.capped());
        // The last 480 of those 1000 sends are in the minute PostHog counts: the next waits for the oldest to leave.
        assertEquals(Duration.ofMinutes(1).plus(RateLimiter.POSTHOG_MARGIN), r.acquire());
    }

    @Test
    void retryAfterHoldsEveryPermitUntilItIsOver() throws InterruptedException {
        RateLimiter r = RateLimiter.forHost(URI.create("https://posthog.acme.io"), time, time);
        r.acquire();
        r.throttled(Duration.ofSeconds(12));
        assertEquals(Duration.ofSeconds(12), r.nextPermitIn());
        assertEquals(Duration.ofSeconds(12), r.acquire());
        assertEquals(Duration.ZERO, r.acquire(), "the hold ends with the wait PostHog asked for");
        r.throttled(Duration.ofSeconds(5));
        r.throttled(Duration.ofSeconds(2));
        assertEquals(Duration.ofSeconds(5), r.nextPermitIn(), "a shorter wait does not cut a longer hold short");
    }

    @Test
    void aWaitOfCenturiesHoldsPermitsForADayAndDoesNotOverflow() {
        RateLimiter r = RateLimiter.forHost(URI.create("https://posthog.acme.io"), time, time);
        r.throttled(Duration.ofDays(365L * 8000));
        assertEquals(Duration.ofDays(1), r.nextPermitIn());
    }

    @Test
    void aPermitFurtherOffThanTheCallerMayWaitIsNotTaken() throws InterruptedException {
        RateLimiter r = RateLimiter.postHogPersonalKey(time, time);
        r.throttled(Duration.ofMinutes(45));
        assertEquals(Optional.empty(), r.acquire(Duration.ofSeconds(60)));
        assertEquals(List.of(), time.sleeps(), "it did not wait");
        assertEquals(Duration.ofMinutes(45), r.nextPermitIn());
        time.advance(Duration.ofMinutes(45));
        assertEquals(Optional.of(Duration.ZERO), r.acquire(Duration.ofSeconds(60)));
    }

    @Test
    void theHoursBudgetSpentIsReportedAsTheTimeItReturns() throws InterruptedException {
        RateLimiter r = RateLimiter.postHogPersonalKey(time, time);
        for (int i = 0; i < 4800; i++) {
            assertTrue(r.acquire(Duration.ofMinutes(2)).isPresent(), "permit " + i);
        }
        Duration back = r.nextPermitIn();
        assertEquals(Optional.empty(), r.acquire(Duration.ofSeconds(60)));
        assertTrue(back.compareTo(Duration.ofMinutes(50)) > 0 && back.compareTo(Duration.ofMinutes(61)) <= 0,
                back.toString());
    }

    @Test
    void anUnlimitedLimiterIgnoresA429sWait() throws InterruptedException {
        RateLimiter r = new RateLimiter(List.of(), time, time);
        r.throttled(Duration.ofMinutes(5));
        assertFalse(r.capped());
        assertEquals(Duration.ZERO, r.nextPermitIn());
        assertEquals(Optional.of(Duration.ZERO), r.acquire(Duration.ZERO));
    }
}
