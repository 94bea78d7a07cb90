package dev.hoglink.api;

/**
 * The host address cannot be used: not a URL, not https (plain http is allowed only for this computer), or
 * carries a user name or password. Raised before any request is sent: by the client's builder, and by
 * {@code service.PostHogHost} when it reads an address a user typed. The one type for a bad address.
 */
public final class InvalidHostException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** An address a user typed cannot be used; {@code userMessage} says what to fix. */
    public InvalidHostException(String userMessage) {
        this(userMessage, userMessage);
    }

    InvalidHostException(String message, String userMessage) {
        super(message, userMessage, 0, null, null, null, null);
    }
}
