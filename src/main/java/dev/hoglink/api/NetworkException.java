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
    private final NetworkFailure failure;
    private final boolean mayHaveReachedServer;

    NetworkException(String request, Kind kind, boolean mayHaveReachedServer, String host, Throwable cause) {
        this(request, kind, failureOf(kind, cause), mayHaveReachedServer, host, cause);
    }

    private NetworkException(String request, Kind kind, NetworkFailure failure, boolean mayHaveReachedServer,
                             String host, Throwable cause) {
        super(request + " failed: " + kind + (cause == null ? "" : " (" + cause.getClass().getSimpleName()
                + (cause.getMessage() == null ? "" : ": " + cause.getMessage()) + ")"),
                failure.text(host), 0, null, null, null, cause);
        this.kind = kind;
        this.failure = failure;
        this.mayHaveReachedServer = mayHaveReachedServer;
    }

    /** The sentence kind: what a row says here is what the message above everything says ({@link NetworkFailure}). */
    static NetworkFailure failureOf(Kind kind, Throwable cause) {
        return switch (kind) {
            case CONNECT_TIMEOUT, RESPONSE_TIMEOUT -> NetworkFailure.TIMEOUT;
            case TLS -> NetworkFailure.ofTls(cause);
            case REFUSED, UNKNOWN_HOST -> NetworkFailure.UNREACHABLE;
            case RESET -> NetworkFailure.BROKEN;
            case PROTOCOL -> NetworkFailure.NOT_HTTP;
            case CANCELLED -> NetworkFailure.CANCELLED;
            case OTHER -> NetworkFailure.OTHER;
        };
    }

    public Kind kind() {
        return kind;
    }

    /** How the user reads this failure, here and above everything. */
    public NetworkFailure failure() {
        return failure;
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
