package dev.hoglink.api;

import java.time.Duration;

/**
 * Counters of one client since it was built: requests put on the wire (each try and each redirect hop),
 * automatic retries, 429 answers, and how often and how long the client-side rate limiter held a request.
 */
public record ClientStats(long requestsSent, long retries, long throttled, long rateLimiterWaits,
        Duration rateLimiterWaited) {

    @Override
    public String toString() {
        return "requests=" + requestsSent + " retries=" + retries + " 429s=" + throttled + " limiterWaits="
                + rateLimiterWaits + " limiterWaited=" + rateLimiterWaited.toMillis() + "ms";
    }
}
