package dev.hoglink.api;

/**
 * The server answered, but not with what a PostHog API sends: a page that is not PostHog's, a body that is cut off or
 * not the expected JSON, an over-large body or list, an unexpected status, or a redirect Hoglink will not follow. Its
 * user message is {@link NetworkFailure}'s for its {@link #failure()} kind, naming the host and, where the kind has
 * one, {@link #what()} (the address a redirect pointed to, the status, the cap), so the message above everything
 * reads the same.
 */
public final class InvalidResponseException extends ApiException {

    private static final long serialVersionUID = 1L;

    private final NetworkFailure failure;
    private final String what;

    /**
     * {@code base} names the host as each kind's headline does: the address with its scheme for
     * {@link NetworkFailure#NOT_POSTHOG}, the host with its port otherwise.
     */
    InvalidResponseException(String message, NetworkFailure failure, java.net.URI base, String what, int status,
                             Throwable cause) {
        super(message, failure.text(where(failure, base), what), status, null, null, null, cause);
        this.failure = failure;
        this.what = what;
    }

    /** How {@code failure}'s headline names the host of {@code base}. */
    static String where(NetworkFailure failure, java.net.URI base) {
        return failure == NetworkFailure.NOT_POSTHOG ? base.getScheme() + "://" + base.getRawAuthority()
                : base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "");
    }

    /** Which kind of unusable answer this is; its words are {@link NetworkFailure}'s. */
    public NetworkFailure failure() {
        return failure;
    }

    /** The one more thing the kind's sentence names (a redirect's address, a status, a cap), or null. */
    public String what() {
        return what;
    }
}
