package dev.hoglink.util;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * The words for a wait, the same wherever one shows (a 429's Retry-After, the client's request budget, a link's
 * expiry, a refresh cooldown; window, detail pane, CLI). Two forms with one set of units, so a message and the
 * countdown beside it agree:
 * <ul>
 * <li>{@link #when}, said once: "in 45 s" under two minutes, "in 57 min" under two hours, then "in 24 h", rounded
 * up (a wait is never said shorter than it is; PostHog's hourly throttle asks for up to 3,600 s);</li>
 * <li>{@link #countdown}, redrawn each second: the same leading unit and one smaller unit after it,
 * "45 s", "56 min 52 s", "23 h 59 min", seconds rounded up so it reads "0 s" only once the wait is over.</li>
 * </ul>
 * A limit set beforehand (how long the sign-in waits for the browser) is said exactly with {@link #span}, in the
 * same units: "20 s", "5 min", "2 min 30 s", so the window and the CLI name one limit with one text.
 * A clock time alone ("14:57") is not used: on its own it reads as a time of day.
 */
public final class Waits {

    private static final long TWO_MINUTES = 120;
    private static final long TWO_HOURS = 7_200;

    private Waits() {
    }

    /**
     * "in 45 s", "in 57 min", "in 24 h" (rounded up); "now" for a wait that is over (zero or negative); "in a
     * minute" when the wait is not known (null): PostHog's throttles count by the minute. Callers write "Try again "
     * + when(wait) + ".".
     */
    public static String when(Duration wait) {
        if (wait == null) {
            return "in a minute";
        }
        long s = secondsUp(wait);
        if (s <= 0) {
            return "now";
        }
        if (s < TWO_MINUTES) {
            return "in " + s + " s";
        }
        long min = (s + 59) / 60;
        return min < TWO_HOURS / 60 ? "in " + min + " min" : "in " + (min + 59) / 60 + " h";
    }

    /**
     * The time left, for a label a timer redraws each second: "45 s" and "119 s" under two minutes, "59 min 59 s"
     * under two hours, then "23 h 59 min" (minutes rounded up). "0 s" once it is over, negative included.
     */
    public static String countdown(Duration left) {
        Objects.requireNonNull(left, "a countdown counts to a known time");
        long s = Math.max(0, secondsUp(left));
        if (s < TWO_MINUTES) {
            return s + " s";
        }
        if (s < TWO_HOURS) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        long min = (s + 59) / 60;
        return String.format(Locale.ROOT, "%d h %02d min", min / 60, min % 60);
    }

    /**
     * A length of time said exactly, for a limit ("waits up to 5 min"), where rounding would misstate it: "90 s"
     * under two minutes, "5 min" or "2 min 30 s" under two hours, then "2 h" or "2 h 30 min" (a started second or,
     * past two hours, a started minute counted as one). "0 s" for zero or less.
     */
    public static String span(Duration length) {
        Objects.requireNonNull(length, "a span has a length");
        long s = Math.max(0, secondsUp(length));
        if (s < TWO_MINUTES) {
            return s + " s";
        }
        if (s < TWO_HOURS) {
            return s % 60 == 0 ? s / 60 + " min" : s / 60 + " min " + s % 60 + " s";
        }
        long min = (s + 59) / 60;
        return min % 60 == 0 ? min / 60 + " h" : min / 60 + " h " + min % 60 + " min";
    }

    /** Whole seconds, a started second counted as one. */
    private static long secondsUp(Duration d) {
        long s = d.getSeconds();
        return d.getNano() > 0 ? s + 1 : s;
    }
}
