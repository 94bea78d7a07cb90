package dev.hoglink.api;

import java.time.Duration;

/**
 * 429: PostHog (or GitHub behind it) asks to slow down. {@link #retryAfter()} is how long to wait, when known;
 * the UI shows a countdown. Raised without waiting when the wait is longer than the retry policy allows.
 */
public final class ThrottledException extends ApiException {

    private static final long serialVersionUID = 1L;
    private final Duration retryAfter;

    ThrottledException(String request, String code, String detail, String attr, Duration retryAfter) {
        super(describe(request, 429, code, detail) + (retryAfter == null ? "" : " (retry after " + retryAfter.toSeconds() + " s)"),
                userText(detail, retryAfter), 429, code, detail, attr, null);
        this.retryAfter = retryAfter;
    }

    private static String userText(String detail, Duration retryAfter) {
        return limitingText(detail != null && detail.contains("GitHub") ? "GitHub" : "PostHog", retryAfter);
    }

    /**
     * The words for a 429 of {@code who} ("PostHog", "GitHub"), saying when to try again: the one sentence every
     * place shows, so none adds its own "try again" to it.
     */
    public static String limitingText(String who, Duration retryAfter) {
        String when = retryAfter == null ? "in a minute" : "in " + inWords(retryAfter);
        return who + " is limiting how fast Hoglink may send requests. Try again " + when + ".";
    }

    /**
     * A wait as a person reads it, rounded up: "12 s" up to two minutes, then "57 min" (PostHog's hourly throttle
     * asks for up to 3,600 s), then "24 h".
     */
    public static String inWords(Duration wait) {
        long s = Math.max(1, (wait.toMillis() + 999) / 1000);
        if (s < 120) {
            return s + " s";
        }
        long min = (s + 59) / 60;
        return min < 120 ? min + " min" : (min + 59) / 60 + " h";
    }

    /**
     * Not sent: the client's windows (PostHog's 480 a minute and 4,800 an hour) or a wait PostHog asked for hold
     * the next request longer than a call may wait. Says so, and when requests go again.
     */
    static ThrottledException budgetSpent(String request, Duration in) {
        return new ThrottledException(request, in);
    }

    private ThrottledException(String request, Duration in) {
        super(request + ": not sent, the next request PostHog allows is " + in.toSeconds() + " s away",
                "Hoglink has used the requests PostHog allows for now (480 a minute, 4,800 an hour). Requests go "
                        + "again in " + inWords(in) + ".",
                429, "client_budget_spent", null, null, null);
        this.retryAfter = in;
    }

    /** How long to wait before retrying, or null when the server did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
