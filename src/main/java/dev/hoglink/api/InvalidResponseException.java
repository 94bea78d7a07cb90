package dev.hoglink.api;

/**
 * The server answered, but not with what a PostHog API sends: a 200 whose body is not the expected JSON, a
 * non-JSON error page, an over-large body, or a redirect Hoglink will not follow. Often means the host is not
 * PostHog.
 */
public final class InvalidResponseException extends ApiException {

    private static final long serialVersionUID = 1L;
    static final String NOT_POSTHOG =
            "This does not look like a PostHog API: the answer was not PostHog's JSON. Check the host address "
                    + "(for PostHog Cloud: https://us.posthog.com or https://eu.posthog.com).";

    InvalidResponseException(String message, String userMessage, int status, Throwable cause) {
        super(message, userMessage, status, null, null, null, cause);
    }
}
