package dev.hoglink.service.connection;

/**
 * The kinds of connection failure that each get their own message ({@link ConnectionMessages}). The code
 * that talks to PostHog maps its errors onto these, so the UI and the command line say the same thing.
 */
public enum ConnectionFailure {
    /** 401: the key was revoked, expired or mistyped. */
    INVALID_KEY,
    /** 401 on one PostHog Cloud region while the other region accepts the key. */
    KEY_FOR_OTHER_REGION,
    /**
     * The host answered, but not like PostHog's API (HTML, 404 on the API, no PostHog error body, a refused redirect,
     * an over-large, cut or oddly shaped body, an unexpected status; {@link ConnectionProblem#network()} says which).
     */
    NOT_POSTHOG,
    /** The TLS handshake failed: untrusted, expired or mismatched certificate, or no TLS at all. */
    TLS,
    /** No answer within the time limit. */
    TIMEOUT,
    /** The name did not resolve or the connection was refused. */
    UNREACHABLE,
    /** The server was reached, then the connection was reset or closed before a whole answer came. */
    CONNECTION_BROKEN,
    /** 403: the organization does not allow personal API keys for members. */
    PERSONAL_KEYS_FORBIDDEN,
    /** 403: the key lacks a scope (detail: the scope, e.g. {@code integration:write}). */
    MISSING_SCOPE
}
