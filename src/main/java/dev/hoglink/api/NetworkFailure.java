package dev.hoglink.api;

import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * How a request failed short of a usable PostHog answer, as the user reads it: one headline naming the host and one
 * piece of advice for each kind. The one source of these sentences: a project's row (the request's own message,
 * {@link NetworkException#userMessage()}, {@link InvalidResponseException}) and the message above everything (the
 * connection dialog, {@code hoglink audit} and {@code hoglink link}, which the service layer builds from here) read
 * the same words.
 */
public enum NetworkFailure {
    /** No connection or no whole answer within the time limit. */
    TIMEOUT,
    /** The name did not resolve or the connection was refused: nothing was reached. */
    UNREACHABLE,
    /** The certificate did not verify: self-signed, expired or from an authority the runtime does not trust. */
    TLS_UNTRUSTED,
    /** The certificate verified but names another host than the one in the address. */
    TLS_NAME_MISMATCH,
    /** The TLS handshake itself failed (no TLS on that port, no common protocol). */
    TLS_HANDSHAKE,
    /** The server was reached, then the connection was reset or closed before a whole answer came. */
    BROKEN,
    /** Something answered, but not in HTTP (a garbage status line). */
    NOT_HTTP,
    /** Something answered in HTTP, but not with PostHog's API (a proxy's or another site's page). */
    NOT_POSTHOG,
    CANCELLED,
    OTHER;

    /**
     * The headline. {@code where} is the host with its port when it has one ({@code posthog.example.com:8443}); for
     * {@link #NOT_POSTHOG} it is the address with its scheme ({@code https://posthog.example.com}), as the user typed it.
     */
    public String headline(String where) {
        return switch (this) {
            case TIMEOUT -> where + " did not answer in time.";
            case UNREACHABLE -> "Cannot reach " + where + ".";
            case TLS_UNTRUSTED -> "The certificate of " + where + " is not trusted.";
            case TLS_NAME_MISMATCH -> "The certificate of " + where + " is made out to another name.";
            case TLS_HANDSHAKE -> "The secure connection to " + where + " failed.";
            case BROKEN -> "The connection to " + where + " broke after it was made.";
            case NOT_HTTP -> where + " answered, but not in HTTP.";
            case NOT_POSTHOG -> where + " does not look like PostHog.";
            case CANCELLED -> "The request was cancelled.";
            case OTHER -> "The request to " + where + " failed.";
        };
    }

    /** What to do about it; empty for {@link #CANCELLED}. */
    public String advice() {
        return switch (this) {
            case TIMEOUT -> "Check your network, VPN or proxy and the address, then try again.";
            case UNREACHABLE -> "The name was not found or the connection was refused. Check the address and your network.";
            case TLS_UNTRUSTED -> "It is self-signed, expired or from an authority this computer does not trust, and "
                    + "Hoglink never skips that check. Check the address; if your PostHog uses a certificate from a "
                    + "private authority, add that authority to the trust store of the Java runtime Hoglink uses.";
            case TLS_NAME_MISMATCH -> "Hoglink never skips that check. Use the address the certificate names, the one "
                    + "you open PostHog at in your browser.";
            case TLS_HANDSHAKE -> "The server did not complete a TLS handshake. Check the address and that this port "
                    + "serves https, not plain http; Hoglink never skips certificate checks.";
            case BROKEN -> "The server was reached, then the connection was reset or closed before a whole answer came. "
                    + "Try again; if it keeps happening, check a proxy, VPN or firewall on the way and that the port "
                    + "is PostHog's.";
            case NOT_HTTP -> "Check the address and port: they may belong to another service, not PostHog.";
            case NOT_POSTHOG -> "It answered, but not with PostHog's API (a proxy's or another site's page, for "
                    + "example). Use the address you open PostHog at in your browser, without a path: for PostHog "
                    + "Cloud https://us.posthog.com or https://eu.posthog.com.";
            case CANCELLED -> "";
            case OTHER -> "Check your network and try again.";
        };
    }

    /** Headline and advice as one paragraph: a row's message, the command line's, the log's. */
    public String text(String where) {
        String advice = advice();
        return advice.isEmpty() ? headline(where) : headline(where) + " " + advice;
    }

    /**
     * How a transport failure of the JDK client (and its causes) reads, for a caller outside this package that sends
     * its own requests (the sign-in endpoints): the words {@link NetworkException} would use.
     */
    public static NetworkFailure of(Throwable t) {
        return NetworkException.failureOf(Transport.kindOf(t), t);
    }

    /** Which TLS failure {@code t} (or a cause of it) stands for: the certificate's trust, its name, or the handshake. */
    static NetworkFailure ofTls(Throwable t) {
        boolean certificate = false;
        for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
            if (t instanceof CertificateException c) {
                String m = c.getMessage() == null ? "" : c.getMessage();
                // The JDK's host name check (HostnameChecker): "No subject alternative DNS name matching x found.",
                // "No subject alternative names matching IP address x found", "No name matching x found".
                if (m.startsWith("No subject alternative") || m.startsWith("No name matching")) {
                    return TLS_NAME_MISMATCH;
                }
                certificate = true;
            } else if (t instanceof java.security.cert.CertPathValidatorException
                    || t instanceof java.security.cert.CertPathBuilderException) {
                certificate = true;
            } else if (t instanceof javax.net.ssl.SSLPeerUnverifiedException) {
                certificate = true;
            }
        }
        return certificate ? TLS_UNTRUSTED : TLS_HANDSHAKE;
    }

    /** True for the kinds a {@link SSLException} stands for. */
    public boolean tls() {
        return this == TLS_UNTRUSTED || this == TLS_NAME_MISMATCH || this == TLS_HANDSHAKE;
    }
}
