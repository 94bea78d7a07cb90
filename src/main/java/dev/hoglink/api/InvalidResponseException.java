package dev.hoglink.api;

/**
 * The server answered, but not with what a PostHog API sends: a 200 whose body is not the expected JSON, a
 * non-JSON error page, an over-large body, or a redirect Hoglink will not follow. Often means the host is not
 * PostHog.
 */
public final class InvalidResponseException extends ApiException {

    private static final long serialVersionUID = 1L;
    /** The message for an answer that is not PostHog's ({@link NetworkFailure#NOT_POSTHOG}) from {@code base}. */
    static String notPostHog(java.net.URI base) {
        return NetworkFailure.NOT_POSTHOG.text(base.getScheme() + "://" + base.getRawAuthority());
    }

    InvalidResponseException(String message, String userMessage, int status, Throwable cause) {
        super(message, userMessage, status, null, null, null, cause);
    }
}
