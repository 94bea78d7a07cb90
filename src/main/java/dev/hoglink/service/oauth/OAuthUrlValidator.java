package dev.hoglink.service.oauth;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks a minted GitHub authorize URL before it leaves the app (browser, clipboard, QR code). Only a URL
 * of exactly GitHub's shape passes: https, host exactly github.com (or a GitHub Enterprise host the admin
 * configured, or in sandbox mode the sandbox's own loopback origin), path /login/oauth/authorize, no
 * user-info, default port, client_id and state present, and a redirect_uri on the connected PostHog host.
 * Host comparison is exact: no suffix, prefix or pattern matching.
 */
public final class OAuthUrlValidator {

    public static final String GITHUB_HOST = "github.com";
    public static final String AUTHORIZE_PATH = "/login/oauth/authorize";
    /**
     * The longest authorize link accepted. PostHog builds it as {@code https://github.com/login/oauth/authorize?}
     * plus {@code client_id} (a GitHub App client id, 20 characters), {@code redirect_uri} (its SITE_URL and
     * {@code /complete/github-link/}, URL-encoded: about 300 characters even for a 253-character host name) and
     * {@code state} ({@code token=} and a 48-character token): under 500 characters
     * (posthog/api/github_callback/types.py, {@code github_oauth_authorize_url}). 2,048 leaves room for a
     * longer state or a GitHub Enterprise host and still fits a QR code at medium error correction.
     */
    public static final int MAX_LENGTH = 2048;

    /** The outcome: the URL to open, or why it is refused. */
    public sealed interface Result permits Accepted, Refused {
        boolean accepted();
    }

    public record Accepted(URI url) implements Result {
        @Override
        public boolean accepted() {
            return true;
        }
    }

    /**
     * @param notGitHub the link is not on GitHub's sign-in page (its scheme, host, port or path), as opposed to a link
     *                  on it that is malformed or would return elsewhere than the connected PostHog: only then do the
     *                  hosts Hoglink opens say what to change
     */
    public record Refused(String reason, boolean notGitHub) implements Result {
        public Refused(String reason) {
            this(reason, false);
        }

        @Override
        public boolean accepted() {
            return false;
        }
    }

    private final URI postHogHost;
    private final Set<String> enterpriseHosts;
    private final Optional<URI> sandboxOrigin;
    private final Optional<URI> siteUrl;

    /**
     * @param postHogHost     the connected PostHog host; redirect_uri must be on its origin
     * @param enterpriseHosts GitHub Enterprise host names the admin configured (exact, lower case)
     * @param sandboxOrigin   in sandbox mode, the sandbox's loopback origin, which stands in for github.com
     */
    public OAuthUrlValidator(URI postHogHost, Set<String> enterpriseHosts, Optional<URI> sandboxOrigin) {
        this(postHogHost, enterpriseHosts, sandboxOrigin, Optional.empty());
    }

    /**
     * @param siteUrl the instance's public address (PostHog's SITE_URL) when it differs from the address Hoglink
     *                connects to (split DNS, a VPN name): redirect_uri may be on it too (docs/api-notes.md N14)
     */
    public OAuthUrlValidator(URI postHogHost, Set<String> enterpriseHosts, Optional<URI> sandboxOrigin,
                             Optional<URI> siteUrl) {
        this.siteUrl = siteUrl;
        this.postHogHost = postHogHost;
        this.enterpriseHosts = Set.copyOf(enterpriseHosts.stream().map(h -> h.toLowerCase(Locale.ROOT)).toList());
        this.sandboxOrigin = sandboxOrigin;
    }

    public Result validate(String raw) {
        if (raw == null || raw.isBlank()) {
            return refuse("PostHog returned no authorize link.");
        }
        if (raw.length() > MAX_LENGTH) {
            return refuse("The authorize link is " + raw.length() + " characters long; PostHog's are under 500 and "
                    + "Hoglink accepts at most " + MAX_LENGTH + ".");
        }
        for (char c : raw.toCharArray()) {
            if (c <= ' ' || c == 0x7f) {
                return refuse("The authorize link contains spaces or control characters.");
            }
        }
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException e) {
            return refuse("The authorize link is not a valid URL.");
        }
        if (!uri.isAbsolute() || uri.isOpaque()) {
            return refuse("The authorize link is not an absolute web address.");
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = asciiHost(uri);
        if (host == null) {
            return refuse("The authorize link has no host.");
        }
        if (uri.getRawUserInfo() != null) {
            return refuse("The authorize link carries a user name before its host, a phishing pattern.");
        }
        boolean sandbox = sandboxOrigin.map(o -> sameOrigin(uri, o)).orElse(false);
        if (!sandbox) {
            if (!scheme.equals("https")) {
                return refuseNotGitHub("The authorize link does not use https.");
            }
            if (!host.equals(GITHUB_HOST) && !enterpriseHosts.contains(host)) {
                return refuseNotGitHub("The authorize link points to " + host + ", not to GitHub.");
            }
            if (uri.getPort() != -1 && uri.getPort() != 443) {
                return refuseNotGitHub("The authorize link uses a non-standard port.");
            }
        }
        if (!AUTHORIZE_PATH.equals(uri.getPath())) {
            return refuseNotGitHub("The authorize link is not GitHub's sign-in page (" + AUTHORIZE_PATH + ").");
        }
        Map<String, List<String>> params = query(uri.getRawQuery());
        for (String name : List.of("client_id", "state", "redirect_uri")) {
            List<String> values = params.getOrDefault(name, List.of());
            if (values.isEmpty() || values.get(0).isBlank()) {
                return refuse("The authorize link has no " + name + ".");
            }
            if (values.size() > 1) {
                return refuse("The authorize link repeats " + name + ".");
            }
        }
        URI redirect;
        try {
            redirect = new URI(params.get("redirect_uri").get(0));
        } catch (URISyntaxException e) {
            return refuse("The authorize link's redirect_uri is not a valid URL.");
        }
        boolean home = sameOrigin(redirect, postHogHost) || siteUrl.map(u -> sameOrigin(redirect, u)).orElse(false);
        if (redirect.getRawUserInfo() != null || !home) {
            return refuse("The authorize link would return to " + describe(redirect)
                    + ", not to the connected PostHog host " + describe(postHogHost)
                    + siteUrl.map(u -> " or its site address " + describe(u)).orElse("") + ".");
        }
        return new Accepted(uri);
    }

    private static Result refuse(String reason) {
        return new Refused(reason + " It was not opened.");
    }

    /** A link that is not on GitHub's sign-in page ({@link Refused#notGitHub}). */
    private static Result refuseNotGitHub(String reason) {
        return new Refused(reason + " It was not opened.", true);
    }

    static boolean sameOrigin(URI a, URI b) {
        if (a.getScheme() == null || b.getScheme() == null || asciiHost(a) == null || asciiHost(b) == null) {
            return false;
        }
        return a.getScheme().equalsIgnoreCase(b.getScheme())
                && asciiHost(a).equals(asciiHost(b))
                && effectivePort(a) == effectivePort(b);
    }

    /**
     * The host in its ASCII form, lower case (java.net.IDN): a name typed or sent in Unicode compares equal to its
     * punycode; null when there is none or it is not a valid name.
     */
    static String asciiHost(URI u) {
        String h = u.getHost();
        if (h == null && u.getRawAuthority() != null) {
            String a = u.getAuthority();
            int at = a.lastIndexOf('@');
            a = at >= 0 ? a.substring(at + 1) : a;
            int colon = a.lastIndexOf(':');
            h = colon > 0 && !a.endsWith("]") ? a.substring(0, colon) : a;
        }
        if (h == null || h.isEmpty()) {
            return null;
        }
        try {
            return java.net.IDN.toASCII(h, java.net.IDN.USE_STD3_ASCII_RULES).toLowerCase(Locale.ROOT);
        } catch (IllegalArgumentException e) {
            return h.startsWith("[") ? h.toLowerCase(Locale.ROOT) : null;
        }
    }

    private static int effectivePort(URI u) {
        if (u.getPort() != -1) {
            return u.getPort();
        }
        return "https".equalsIgnoreCase(u.getScheme()) ? 443 : "http".equalsIgnoreCase(u.getScheme()) ? 80 : -1;
    }

    private static String describe(URI u) {
        return asciiHost(u) == null ? "an unknown host" : u.getScheme() + "://" + asciiHost(u)
                + (u.getPort() == -1 ? "" : ":" + u.getPort());
    }

    private static Map<String, List<String>> query(String raw) {
        Map<String, List<String>> out = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return out;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            out.computeIfAbsent(k, x -> new ArrayList<>()).add(v);
        }
        return out;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return "";
        }
    }
}
