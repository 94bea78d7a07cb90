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
    void burstOf480PassesThenEachRequestWaitsAnEighthOfASecond() throws InterruptedException {
        RateLimiter r = RateLimiter.postHogPersonalKey(time, time);
        for (int i = 0; i < 480; i++) {
            assertEquals(Duration.ZERO, r.acquire());
        }
        assertEquals(Duration.ofMillis(125), r.acquire());
        assertEquals(Duration.ofMillis(125), r.acquire());
        assertEquals(2, r.waits());
        assertEquals(List.of(Duration.ofMillis(125), Duration.ofMillis(125)), time.sleeps());
    }

    @Test
    void bucketRefillsWithElapsedTime() throws InterruptedException {
        RateLimiter r = RateLimiter.postHogPersonalKey(time, time);
        for (int i = 0; i < 480; i++) {
            r.acquire();
        }
        time.advance(Duration.ofSeconds(30));
        for (int i = 0; i < 240; i++) {
            assertEquals(Duration.ZERO, r.acquire(), "permit " + i);
        }
        assertEquals(Duration.ofMillis(125), r.acquire());
    }

    @Test
    void hourlyBudgetEventuallySpacesRequestsBy750Milliseconds() throws InterruptedException {
        RateLimiter r = RateLimiter.postHogPersonalKey(time, time);
        long start = time.getAsLong();
        Duration last = Duration.ZERO;
        for (int i = 0; i < 7000; i++) {
            last = r.acquire();
        }
        assertEquals(Duration.ofMillis(750), last);
        double hours = (time.getAsLong() - start) / 3.6e12;
        // Never more than the bucket plus its refill since the start.
        assertTrue(7000 <= 4800 + hours * 4800 + 1, "hours=" + hours);
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
        assertEquals(Duration.ofMillis(125), r.acquire(), "and not one more");
    }

    @Test
    void unlimitedNeverWaits() throws InterruptedException {
        RateLimiter r = RateLimiter.unlimited();
        for (int i = 0; i < 10_000; i++) {
            assertEquals(Duration.ZERO, r.acquire());
        }
    }
}
