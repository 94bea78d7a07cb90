package dev.hoglink.api;

/**
 * No usable answer arrived: timeout, TLS failure, refused or reset connection, unknown host, cancellation.
 * {@link #mayHaveReachedServer()} is true when the request may have been sent (so a POST may have taken
 * effect: re-read the state instead of resending).
 */
public final class NetworkException extends ApiException {

    private static final long serialVersionUID = 1L;

    /** What went wrong on the wire. */
    public enum Kind {
        CONNECT_TIMEOUT, RESPONSE_TIMEOUT, TLS, REFUSED, UNKNOWN_HOST, RESET,
        /** The server answered with something that is not HTTP (a garbage status line). */
        PROTOCOL, CANCELLED, OTHER
    }

    private final Kind kind;
    private final boolean mayHaveReachedServer;

    NetworkException(String request, Kind kind, boolean mayHaveReachedServer, String host, Throwable cause) {
        super(request + " failed: " + kind + (cause == null ? "" : " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")"),
                userText(kind, host), 0, null, null, null, cause);
        this.kind = kind;
        this.mayHaveReachedServer = mayHaveReachedServer;
    }

    /**
     * What to do when the server cannot be reached (a refused connection or a name not found): the one sentence
     * for it, in a row's result and in the message above everything (ConnectionMessages, window and command line).
     */
    public static final String UNREACHABLE_ADVICE =
            "The name was not found or the connection was refused. Check the address and your network.";

    /** "Cannot reach posthog.example.com:8443.": the headline before {@link #UNREACHABLE_ADVICE}. */
    public static String unreachableHeadline(String host) {
        return "Cannot reach " + host + ".";
    }

    private static String userText(Kind kind, String host) {
        return switch (kind) {
            case CONNECT_TIMEOUT -> "Could not reach " + host + " in time. Check your network and the host address.";
            case RESPONSE_TIMEOUT -> host + " did not answer in time. Check your network and try again.";
            case TLS -> "The secure connection to " + host + " failed (the certificate is not trusted or TLS "
                    + "failed). Check the host address; Hoglink does not bypass certificate errors.";
            case REFUSED, UNKNOWN_HOST -> unreachableHeadline(host) + " " + UNREACHABLE_ADVICE;
            case RESET -> "The connection to " + host + " broke. Check your network and try again.";
            case PROTOCOL -> host + " answered, but not in HTTP. Check the address and port: they may belong to "
                    + "another service, not PostHog.";
            case CANCELLED -> "The request was cancelled.";
            case OTHER -> "The request to " + host + " failed. Check your network and try again.";
        };
    }

    public Kind kind() {
        return kind;
    }

    /** True for connect and response timeouts. */
    public boolean timeout() {
        return kind == Kind.CONNECT_TIMEOUT || kind == Kind.RESPONSE_TIMEOUT;
    }

    public boolean tls() {
        return kind == Kind.TLS;
    }

    /** True when the request may have been sent before the failure (response timeout, reset, cancel). */
    public boolean mayHaveReachedServer() {
        return mayHaveReachedServer;
    }
}
