package dev.hoglink.sandbox;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * PostHog's personal-key throttles (burst per minute, sustained per hour, bucket = the key), with the
 * sliding-window arithmetic of DRF's SimpleRateThrottle: a request is refused when the window already
 * holds the limit; the wait is the window's remaining time spread over the requests left.
 */
final class Throttle {

    private static final long MINUTE = 60_000L;
    private static final long HOUR = 3_600_000L;

    private final Clock clock;
    private final Map<String, Deque<Long>> minute = new HashMap<>();
    private final Map<String, Deque<Long>> hour = new HashMap<>();

    Throttle(Clock clock) {
        this.clock = clock;
    }

    /** Records the request, or returns the seconds to wait (rounded up) when either window is full. */
    synchronized OptionalLong acquire(String bucket, int perMinute, int perHour) {
        long now = clock.millis();
        double waitMinute = check(minute.computeIfAbsent(bucket, k -> new ArrayDeque<>()), now, MINUTE, perMinute);
        double waitHour = check(hour.computeIfAbsent(bucket, k -> new ArrayDeque<>()), now, HOUR, perHour);
        double wait = Math.max(waitMinute, waitHour);
        if (wait >= 0) {
            return OptionalLong.of((long) Math.ceil(wait));
        }
        return OptionalLong.empty();
    }

    synchronized void reset() {
        minute.clear();
        hour.clear();
    }

    /** -1 when allowed (and recorded), else the wait in seconds. */
    private static double check(Deque<Long> history, long now, long duration, int limit) {
        while (!history.isEmpty() && history.peekLast() <= now - duration) {
            history.pollLast();
        }
        if (history.size() >= limit) {
            double remaining = (duration - (now - history.peekLast())) / 1000.0;
            int available = limit - history.size() + 1;
            return available <= 0 ? remaining : remaining / available;
        }
        history.addFirst(now);
        return -1;
    }
}
