package dev.hoglink.api;

import dev.hoglink.util.Waits;
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
        return who + " is limiting how fast Hoglink may send requests. Try again " + Waits.when(retryAfter) + ".";
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
                        + "again " + Waits.when(in) + ".",
                429, "client_budget_spent", null, null, null);
        this.retryAfter = in;
    }

    /** How long to wait before retrying, or null when the server did not say. */
    public Duration retryAfter() {
        return retryAfter;
    }
}
