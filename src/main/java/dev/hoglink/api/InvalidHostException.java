package dev.hoglink.api;

/**
 * The host address cannot be used: not a URL, not https (plain http is allowed only for this computer), or
 * carries a user name or password. Raised before any request is sent.
 */
public final class InvalidHostException extends ApiException {

    private static final long serialVersionUID = 1L;

    InvalidHostException(String message, String userMessage) {
        super(message, userMessage, 0, null, null, null, null);
    }
}
