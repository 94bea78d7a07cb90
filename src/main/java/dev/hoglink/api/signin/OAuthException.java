package dev.hoglink.api.signin;

/**
 * A sign-in step that failed, with a kind the service turns into plain words. The message never holds a token,
 * code or verifier: the server's {@code error_description} is passed through the redactor and cut to 300
 * characters. No stack trace is filled in for the server's refusals.
 */
public final class OAuthException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong. */
    public enum Kind {
        /** The server serves no authorization-server metadata (404 on every well-known path): an older PostHog. */
        NO_METADATA,
        /** The metadata names no registration endpoint, or registration answered 404: no dynamic registration. */
        NO_REGISTRATION,
        /** The registration endpoint refused Hoglink's registration (400 invalid_client_metadata / redirect_uri). */
        REGISTRATION_REFUSED,
        /** The admin denied consent ({@code error=access_denied} on the redirect). */
        DENIED,
        /** The redirect carried another {@code error} (invalid_scope, invalid_request, ...). */
        AUTHORIZATION_ERROR,
        /** The redirect's state is not this sign-in's. */
        STATE_MISMATCH,
        /** The loopback port could not be bound. */
        PORT_UNAVAILABLE,
        /** No answer came back to the loopback listener in time. */
        TIMED_OUT,
        /** The token endpoint refused to exchange the code. */
        EXCHANGE_FAILED,
        /** The refresh token is no longer accepted (invalid_grant): sign in again. */
        REFRESH_REFUSED,
        /** The server could not be reached, or answered something that is not OAuth. */
        NETWORK,
        /** The sign-in was cancelled. */
        CANCELLED
    }

    private final Kind kind;
    private final String serverError;

    public OAuthException(Kind kind, String message, String serverError) {
        super(message, null, false, false);
        this.kind = kind;
        this.serverError = serverError;
    }

    public OAuthException(Kind kind, String message) {
        this(kind, message, null);
    }

    public Kind kind() {
        return kind;
    }

    /** The server's {@code error} code (e.g. invalid_grant), or null. */
    public String serverError() {
        return serverError;
    }
}
