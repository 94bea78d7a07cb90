package dev.hoglink.api;

import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;

/**
 * How a request failed short of a usable PostHog answer, as the user reads it: one headline naming the host and one
 * piece of advice for each kind, whether nothing usable arrived ({@link NetworkException}) or an answer came that is
 * not a usable PostHog answer ({@link InvalidResponseException}: a page that is not PostHog's, a redirect, an
 * over-large or cut body, JSON of another shape). The one source of these sentences: a project's row (the request's own message,
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
    /** A redirect to another host, port or scheme, which Hoglink does not follow (so the key is not sent there). */
    REDIRECT_ELSEWHERE,
    /** A redirect Hoglink does not follow on the same host: after a write, without a usable address, or too many. */
    REDIRECT,
    /** An answer larger than one request's cap (8 MB), far more than PostHog sends. */
    TOO_LARGE,
    /** A status PostHog's API does not answer with there (a 1xx or 3xx, a 2xx other than the one expected). */
    UNEXPECTED_STATUS,
    /** A body that should be JSON but is cut off, empty or not valid JSON. */
    MALFORMED_JSON,
    /** Valid JSON, but not in the shape PostHog's API answers with (a list without results, a field of another type). */
    WRONG_SHAPE,
    /** A list whose pages together pass the list's cap, far above any real list. */
    LIST_TOO_LARGE,
    /** A list of more rows than Hoglink reads. */
    LIST_TOO_LONG,
    /** A list whose next-page links loop or never end. */
    ENDLESS_PAGES,
    CANCELLED,
    OTHER;

    /**
     * The headline. {@code where} is the host with its port when it has one ({@code posthog.example.com:8443}); for
     * {@link #NOT_POSTHOG} it is the address with its scheme ({@code https://posthog.example.com}), as the user typed it.
     */
    public String headline(String where) {
        return headline(where, null);
    }

    /**
     * The headline of a kind that names one more thing: for {@link #REDIRECT_ELSEWHERE} the address it sent Hoglink
     * on to ({@code https://other.example.com}), for {@link #REDIRECT} and {@link #UNEXPECTED_STATUS} the status, for
     * {@link #TOO_LARGE} and {@link #LIST_TOO_LARGE} the cap ({@code 8 MB}), for {@link #LIST_TOO_LONG} the rows.
     */
    public String headline(String where, String what) {
        return switch (this) {
            case TIMEOUT -> where + " did not answer in time.";
            case UNREACHABLE -> "Cannot reach " + where + ".";
            case TLS_UNTRUSTED -> "The certificate of " + where + " is not trusted.";
            case TLS_NAME_MISMATCH -> "The certificate of " + where + " is made out to another name.";
            case TLS_HANDSHAKE -> "The secure connection to " + where + " failed.";
            case BROKEN -> "The connection to " + where + " broke after it was made.";
            case NOT_HTTP -> where + " answered, but not in HTTP.";
            case NOT_POSTHOG -> where + " does not look like PostHog.";
            case REDIRECT_ELSEWHERE -> where + " sent Hoglink on to " + or(what, "another address")
                    + ", and Hoglink did not follow.";
            case REDIRECT -> where + " answered with a redirect" + (what == null ? "" : " (" + what + ")")
                    + " that Hoglink does not follow.";
            case TOO_LARGE -> "The answer from " + where + " was larger than " + or(what, "Hoglink reads") + ".";
            case UNEXPECTED_STATUS -> where + " gave an unexpected answer" + (what == null ? "" : " (" + what + ")") + ".";
            case MALFORMED_JSON -> "The answer from " + where + " was cut off or is not valid JSON.";
            case WRONG_SHAPE -> where + " answered in JSON, but not in the shape of PostHog's API.";
            case LIST_TOO_LARGE -> "A list from " + where + " was larger than " + or(what, "Hoglink reads") + ".";
            case LIST_TOO_LONG -> "A list from " + where + " was longer than " + or(what, "Hoglink reads") + ".";
            case ENDLESS_PAGES -> where + " kept sending more pages of a list, so Hoglink stopped reading it.";
            case CANCELLED -> "The request was cancelled.";
            case OTHER -> "The request to " + where + " failed.";
        };
    }

    /**
     * What to do about it; empty for {@link #CANCELLED}. {@code where} is what the headline names ({@link
     * #headline(String, String)}): when it is an IP address, no name was looked up, so {@link #UNREACHABLE} says
     * only that the connection was refused. {@code what} is the one more thing a kind names.
     */
    public String advice(String where, String what) {
        return switch (this) {
            case TIMEOUT -> "Check your network, VPN or proxy and the address, then try again.";
            case UNREACHABLE -> (ipLiteral(where) ? "The connection was refused."
                    : "The name was not found or the connection was refused.") + " Check the address and your network.";
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
            case REDIRECT_ELSEWHERE -> "Your API key was not sent to " + or(what, "it")
                    + ". If that is the address you open PostHog at, use it as the host; otherwise check the address.";
            case REDIRECT -> "Hoglink follows only a few redirects on the same address, and only for reads. Check the "
                    + "address: use the one you open PostHog at in your browser, without a path.";
            case TOO_LARGE -> "PostHog's answers are far smaller, so the address may belong to another service. Check "
                    + "the address and port.";
            case UNEXPECTED_STATUS -> "Hoglink cannot use that answer there, and the address may belong to another "
                    + "service. Check the address and port.";
            case MALFORMED_JSON -> "A proxy or the network may have cut it, or the address belongs to another service. "
                    + "Try again; if it keeps happening, check the address and any proxy on the way.";
            case WRONG_SHAPE -> "The address may belong to another service's API. Check the address; if it is your "
                    + "PostHog's, report this with the log.";
            case LIST_TOO_LARGE, LIST_TOO_LONG, ENDLESS_PAGES -> "PostHog does not send lists like this. Check the "
                    + "address; if it is your PostHog's, report this with the log.";
            case CANCELLED -> "";
            case OTHER -> "Check your network and try again.";
        };
    }

    /** Headline and advice as one paragraph: a row's message, the command line's, the log's. */
    public String text(String where) {
        return text(where, null);
    }

    /** Headline and advice of a kind that names one more thing ({@link #headline(String, String)}). */
    public String text(String where, String what) {
        String advice = advice(where, what);
        return advice.isEmpty() ? headline(where, what) : headline(where, what) + " " + advice;
    }

    /** A size as the user reads it: {@code 8 MB}, {@code 512 KB}, {@code 100 bytes}. */
    static String size(long bytes) {
        if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) == 0) {
            return bytes / (1024 * 1024) + " MB";
        }
        if (bytes >= 1024 && bytes % 1024 == 0) {
            return bytes / 1024 + " KB";
        }
        return bytes + " bytes";
    }

    /**
     * Whether {@code where} (a host, with a port or an address's scheme and path or not) is an IPv4 or IPv6 address
     * rather than a name: {@code 127.0.0.1:8000}, {@code [::1]:8000}, {@code ::1}. Read from the text alone, so
     * nothing is looked up.
     */
    static boolean ipLiteral(String where) {
        if (where == null) {
            return false;
        }
        String h = where.strip();
        int scheme = h.indexOf("://");
        if (scheme >= 0) {
            h = h.substring(scheme + 3);
            int path = h.indexOf('/');
            h = path >= 0 ? h.substring(0, path) : h;
        }
        if (h.startsWith("[")) {
            return h.indexOf(']') > 1;
        }
        int colon = h.indexOf(':');
        if (colon >= 0 && h.indexOf(':', colon + 1) >= 0) {
            return h.matches("[0-9A-Fa-f:.]+"); // more than one colon: an IPv6 address without brackets
        }
        String name = colon >= 0 ? h.substring(0, colon) : h;
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4) {
            return false;
        }
        for (String p : parts) {
            if (!p.matches("[0-9]{1,3}") || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    private static String or(String what, String otherwise) {
        return what == null || what.isBlank() ? otherwise : what;
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
