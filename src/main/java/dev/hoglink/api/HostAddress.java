package dev.hoglink.api;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Checks and normalises a PostHog host address: https (or http for loopback only), a host, no user info,
 * query or fragment; lower-case scheme and host; no trailing slash. A bare host name gets {@code https://}.
 */
public final class HostAddress {

    private static final Pattern IPV4_LOOPBACK = Pattern.compile("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");

    private HostAddress() {
    }

    /** The normalised base URI, or {@link InvalidHostException} with a message that says what to fix. */
    public static URI normalise(String raw) {
        String s = raw == null ? "" : raw.strip();
        if (s.isEmpty()) {
            throw invalid("empty host", "Enter the PostHog address, e.g. https://us.posthog.com.");
        }
        if (!s.contains("://")) {
            s = "https://" + s;
        }
        URI u;
        try {
            u = new URI(s);
        } catch (URISyntaxException e) {
            throw invalid("unparsable host address", "That is not a web address. Enter e.g. https://us.posthog.com.");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        String host = u.getHost();
        if (host == null || host.isBlank()) {
            throw invalid("host address without host", "That is not a web address. Enter e.g. https://us.posthog.com.");
        }
        if (u.getRawUserInfo() != null) {
            throw invalid("host address with user info",
                    "Remove the user name or password from the address; the key is sent separately.");
        }
        if (u.getRawQuery() != null || u.getRawFragment() != null) {
            throw invalid("host address with query or fragment", "Enter only the address, e.g. https://us.posthog.com.");
        }
        host = host.toLowerCase(Locale.ROOT);
        if (scheme.equals("http")) {
            if (!isLoopback(host)) {
                throw invalid("plain http refused for " + host,
                        "Use https:// for " + host + ". Plain http would send your key unencrypted; it is only "
                                + "allowed for this computer (localhost).");
            }
        } else if (!scheme.equals("https")) {
            throw invalid("unsupported scheme " + scheme, "The address must start with https://.");
        }
        String path = u.getRawPath() == null ? "" : u.getRawPath();
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        try {
            return new URI(scheme + "://" + (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host)
                    + (u.getPort() >= 0 ? ":" + u.getPort() : "") + path);
        } catch (URISyntaxException e) {
            throw invalid("unparsable host address", "That is not a web address. Enter e.g. https://us.posthog.com.");
        }
    }

    /** localhost, 127.0.0.0/8 or ::1, by name only (no DNS lookup). */
    public static boolean isLoopback(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.endsWith(".")) {
            h = h.substring(0, h.length() - 1);
        }
        if (h.equals("localhost")) {
            return true;
        }
        if (IPV4_LOOPBACK.matcher(h).matches()) {
            for (String part : h.split("\\.")) {
                if (Integer.parseInt(part) > 255) {
                    return false;
                }
            }
            return true;
        }
        if (h.equals("::1") || h.equals("0:0:0:0:0:0:0:1")) {
            return true;
        }
        // An IPv4-mapped IPv6 address of 127.0.0.0/8 (::ffff:127.0.0.1 or ::ffff:7f00:1) is loopback too, as
        // PostHogHost already says.
        if (h.contains(":") && h.matches("[0-9a-f:.]+")) {
            try {
                return java.net.InetAddress.getByName(h).isLoopbackAddress(); // a literal: no name lookup
            } catch (java.net.UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    /** Same scheme, host and effective port. */
    public static boolean sameOrigin(URI a, URI b) {
        return a.getScheme() != null && b.getScheme() != null
                && a.getScheme().equalsIgnoreCase(b.getScheme())
                && a.getHost() != null && b.getHost() != null
                && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    static int port(URI u) {
        if (u.getPort() >= 0) {
            return u.getPort();
        }
        return "http".equalsIgnoreCase(u.getScheme()) ? 80 : 443;
    }

    private static InvalidHostException invalid(String message, String userMessage) {
        return new InvalidHostException(message, userMessage);
    }
}
