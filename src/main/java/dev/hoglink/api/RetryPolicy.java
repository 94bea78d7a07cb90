package dev.hoglink.api;

import java.time.Duration;
import java.util.Random;

/**
 * When GETs are retried: at most {@code maxAttempts} tries in all, on 429/502/503/504 and reset connections,
 * waiting a FULL-jitter backoff {@code random(0, min(maxDelay, baseDelay * 2^retry))} or the server's
 * Retry-After when that is longer. A Retry-After over {@code maxRetryAfter} is not waited out: the error is
 * raised at once (the UI shows a countdown). POST and DELETE are never retried.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    public static final RetryPolicy DEFAULT =
            new RetryPolicy(3, Duration.ofMillis(500), Duration.ofSeconds(8), Duration.ofSeconds(60));

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        if (baseDelay.isNegative() || maxDelay.isNegative() || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
    }

    /** One try only. */
    public static RetryPolicy none() {
        return new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    /** The backoff ceiling before retry number {@code retry} (0 for the first retry). */
    public Duration ceiling(int retry) {
        long base = baseDelay.toMillis();
        long cap = maxDelay.toMillis();
        long c = retry >= 31 ? cap : Math.min(cap, base * (1L << retry));
        return Duration.ofMillis(Math.max(0, c));
    }

    /** A uniformly random delay in {@code [0, ceiling(retry)]}, to the millisecond. */
    public Duration jitteredDelay(int retry, Random random) {
        long c = ceiling(retry).toMillis();
        return Duration.ofMillis(Math.round(random.nextDouble() * c));
    }

    /** The wait before retry number {@code retry}: the jittered backoff, but never less than Retry-After. */
    public Duration delay(int retry, Duration retryAfter, Random random) {
        Duration jitter = jitteredDelay(retry, random);
        return retryAfter != null && retryAfter.compareTo(jitter) > 0 ? retryAfter : jitter;
    }
}
