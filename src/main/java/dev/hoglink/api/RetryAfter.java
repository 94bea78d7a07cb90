package dev.hoglink.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How long an answer asks to wait: its Retry-After header, or PostHog's "available in N seconds" (N3). */
final class RetryAfter {

    private static final Logger LOGGER = LoggerFactory.getLogger(PostHogClient.class);
    static final Duration MAX_STATED_WAIT = Duration.ofDays(1);
    private static final Pattern AVAILABLE_IN = Pattern.compile("available in (\\d+) second");

    private RetryAfter() {
    }

    /** Retry-After as delta-seconds or HTTP-date; for PostHog's 429 also "available in N seconds". */
    static Duration of(Transport.Answer a, ObjectMapper mapper, Clock clock) {
        Optional<String> h = a.headers().firstValue("Retry-After");
        if (h.isPresent()) {
            String v = h.get().strip();
            if (v.matches("\\d+")) {
                // Any number of digits: a wait beyond a day (or too long for a long) is "a day", never absent.
                return waitOf(v);
            }
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                // A date in the far future (year 9999) is "a day", like a long number of seconds: beyond ~292
                // years a wait no longer fits in nanoseconds, and no throttle of PostHog's asks for more than an hour.
                return d.isNegative() ? Duration.ZERO : d.compareTo(MAX_STATED_WAIT) > 0 ? MAX_STATED_WAIT : d;
            } catch (DateTimeParseException e) {
                LOGGER.debug("{}: unreadable Retry-After", a.request());
            }
        }
        if (a.status() == 429) {
            ErrorBody e = ErrorBody.parse(mapper, a.body());
            if (e != null && e.detail() != null) {
                Matcher m = AVAILABLE_IN.matcher(e.detail());
                if (m.find()) {
                    return waitOf(m.group(1));
                }
            }
        }
        return null;
    }

    /** A wait in whole seconds from PostHog's text; more than a day (or too many digits for a long) is a day. */
    static Duration waitOf(String digits) {
        digits = digits.replaceFirst("^0+(?=\\d)", "");
        if (digits.length() > 9) {
            return MAX_STATED_WAIT;
        }
        Duration d = Duration.ofSeconds(Long.parseLong(digits));
        return d.compareTo(MAX_STATED_WAIT) > 0 ? MAX_STATED_WAIT : d;
    }
}
