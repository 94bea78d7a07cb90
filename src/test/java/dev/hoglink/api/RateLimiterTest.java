package dev.hoglink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
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
}
