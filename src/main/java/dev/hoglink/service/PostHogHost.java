package dev.hoglink.service;

import dev.hoglink.api.InvalidHostException;
import java.util.function.Consumer;

import java.net.IDN;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where a PostHog instance answers its API: US Cloud, EU Cloud or a self-hosted address. Built only through
 * {@link #parse(String)}, which normalises what a user types (scheme added, host lower-cased, path, query,
 * fragment and trailing slash dropped, default port dropped) and refuses anything that is not a safe base
 * address: https is required except for a server on this computer (127.0.0.0/8, ::1, localhost).
 */
public final class PostHogHost {

    /** Which PostHog this is. */
    public enum Kind {
        US_CLOUD("US Cloud"),
        EU_CLOUD("EU Cloud"),
        SELF_HOSTED("Self-hosted");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    public static final PostHogHost US_CLOUD = new PostHogHost(Kind.US_CLOUD, URI.create("https://us.posthog.com"));
    public static final PostHogHost EU_CLOUD = new PostHogHost(Kind.EU_CLOUD, URI.create("https://eu.posthog.com"));

    private static final Pattern HOST_LABELS = Pattern.compile(
            "[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern IPV4 = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private final Kind kind;
    private final URI uri;

    private PostHogHost(Kind kind, URI uri) {
        this.kind = kind;
        this.uri = uri;
    }

    /**
     * Reads a host as a user typed it ("eu.posthog.com", "https://posthog.acme.io:8443/project/1",
     * "http://localhost:8000/").
     *
     * @throws InvalidHostException with a short message that says what to fix
     */
    /** Like {@link #parse}, but hands the message that says what to fix to {@code problem} instead of throwing. */
    public static java.util.Optional<PostHogHost> tryParse(String input, Consumer<String> problem) {
        try {
            return java.util.Optional.of(parse(input));
        } catch (InvalidHostException e) {
            problem.accept(e.userMessage());
            return java.util.Optional.empty();
        }
    }

    public static PostHogHost parse(String input) {
        if (input == null || input.isBlank()) {
            throw new InvalidHostException("Enter the PostHog address, for example https://us.posthog.com.");
        }
        String text = input.strip();
        if (text.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))) {
            throw new InvalidHostException("The address contains spaces; enter a single address such as https://posthog.example.com.");
        }
        int schemeEnd = text.indexOf("://");
        if (schemeEnd < 0) {
            if (text.matches("(?i)[a-z][a-z0-9+.-]*:[^0-9].*")) {
                throw new InvalidHostException("Only https:// addresses are supported (got \"" + shortened(text) + "\").");
            }
            text = "https://" + text;
        }
        URI parsed;
        try {
            parsed = new URI(text);
        } catch (URISyntaxException e) {
            throw new InvalidHostException("\"" + shortened(input.strip()) + "\" is not a valid address; enter something like https://posthog.example.com.");
        }
        String scheme = parsed.getScheme() == null ? "" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http")) {
            throw new InvalidHostException("Only https:// addresses are supported (got \"" + scheme + "://\").");
        }
        if (parsed.getRawUserInfo() != null) {
            throw new InvalidHostException("Remove the user name and password from the address; the API key is entered separately.");
        }
        String host = parsed.getHost();
        if ((host == null || host.isEmpty()) && parsed.getRawAuthority() != null) {
            throw new InvalidHostException("\"" + shortened(parsed.getRawAuthority()) + "\" is not a valid host name; use letters, digits, dots and dashes.");
        }
        if (host == null || host.isEmpty()) {
            throw new InvalidHostException("\"" + shortened(input.strip()) + "\" has no host name; enter something like https://posthog.example.com.");
        }
        host = normaliseHostName(host);
        int port = parsed.getPort();
        if (port == 0 || port > 65535) {
            throw new InvalidHostException("Port " + port + " is not valid; use a port between 1 and 65535.");
        }
        boolean loopback = isLoopback(host);
        if (scheme.equals("http") && !loopback) {
            throw new InvalidHostException("Use https:// for " + host
                    + ". Plain http is allowed only for a PostHog running on this computer (localhost).");
        }
        if (isIngestionHost(host)) {
            PostHogHost api = host.startsWith("eu.") ? EU_CLOUD : US_CLOUD;
            throw new InvalidHostException(host + " only receives events. For the admin API use "
                    + api.url() + " (" + api.kind.label() + ").");
        }
        int defaultPort = scheme.equals("https") ? 443 : 80;
        if (port == defaultPort) {
            port = -1;
        }
        if (port == -1 && scheme.equals("https")) {
            if (host.equals("us.posthog.com") || host.equals("app.posthog.com")) {
                return US_CLOUD;
            }
            if (host.equals("eu.posthog.com")) {
                return EU_CLOUD;
            }
        }
        String authority = (host.contains(":") ? "[" + host + "]" : host) + (port == -1 ? "" : ":" + port);
        return new PostHogHost(Kind.SELF_HOSTED, URI.create(scheme + "://" + authority));
    }

    private static String normaliseHostName(String rawHost) {
        String host = rawHost;
        if (host.startsWith("[") && host.endsWith("]")) {
            return host.substring(1, host.length() - 1).toLowerCase(Locale.ROOT);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        try {
            host = IDN.toASCII(host, IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            throw new InvalidHostException("\"" + shortened(rawHost) + "\" is not a valid host name.");
        }
        if (!HOST_LABELS.matcher(host).matches()) {
            throw new InvalidHostException("\"" + shortened(rawHost) + "\" is not a valid host name.");
        }
        return host;
    }

    /** True for localhost, 127.0.0.0/8 and ::1: the only hosts allowed over plain http. */
    static boolean isLoopback(String host) {
        if (host.equals("localhost")) {
            return true;
        }
        var ipv4 = IPV4.matcher(host);
        if (ipv4.matches()) {
            for (int i = 1; i <= 4; i++) {
                if (Integer.parseInt(ipv4.group(i)) > 255) {
                    return false;
                }
            }
            return ipv4.group(1).equals("127");
        }
        if (host.contains(":")) {
            try {
                // An IPv6 literal: parsed locally, no name lookup.
                return InetAddress.getByName(host).isLoopbackAddress();
            } catch (UnknownHostException e) {
                return false;
            }
        }
        return false;
    }

    private static boolean isIngestionHost(String host) {
        return host.equals("us.i.posthog.com") || host.equals("eu.i.posthog.com");
    }

    private static String shortened(String s) {
        return s.length() <= 60 ? s : s.substring(0, 57) + "…";
    }

    public Kind kind() {
        return kind;
    }

    public boolean isCloud() {
        return kind != Kind.SELF_HOSTED;
    }

    /** The base address with no trailing slash, e.g. {@code https://eu.posthog.com}. */
    public String url() {
        return uri.toString();
    }

    public URI uri() {
        return uri;
    }

    /** The base address joined with an API path, e.g. {@code resolve("/api/users/@me/")}. */
    public URI resolve(String path) {
        return URI.create(url() + (path.startsWith("/") ? path : "/" + path));
    }

    /** True when this host is on this computer, where plain http is allowed. */
    public boolean isLoopback() {
        String host = uri.getHost();
        return isLoopback(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
    }

    /** The other PostHog Cloud region (US for EU and EU for US); empty for a self-hosted instance. */
    public Optional<PostHogHost> otherCloudRegion() {
        return switch (kind) {
            case US_CLOUD -> Optional.of(EU_CLOUD);
            case EU_CLOUD -> Optional.of(US_CLOUD);
            case SELF_HOSTED -> Optional.empty();
        };
    }

    /** "US Cloud", "EU Cloud", or the self-hosted address. */
    public String displayName() {
        return kind == Kind.SELF_HOSTED ? url() : kind.label();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PostHogHost other && kind == other.kind && uri.equals(other.uri);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, uri);
    }

    @Override
    public String toString() {
        return url();
    }
}
