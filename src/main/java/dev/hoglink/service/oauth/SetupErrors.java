package dev.hoglink.service.oauth;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What PostHog's GitHub callback says when the OAuth round trip does not end in a new integration. PostHog
 * writes no row and no activity-log entry for a denial or a failed return of the flow Hoglink starts
 * ({@code team_oauth}, finished by {@code posthog/api/github_callback/personal_finish.py}); its only trace is
 * the page the browser lands on: {@code /settings/user-personal-integrations?github_link_error=<code>} (newer
 * servers, {@code redirects.py}) or {@code ...?github_setup_error=<code>&error_message=...} (older ones). The
 * codes and PostHog's own sentences come from {@code frontend/src/lib/integrations/githubSetupErrors.ts};
 * Hoglink adds what to do next. See docs/api-notes.md NB1.
 */
public final class SetupErrors {

    /** A code with PostHog's sentence and Hoglink's advice. */
    public record Explained(String code, String posthogSays, String whatNext) {
        public String sentence() {
            return posthogSays + " " + whatNext;
        }
    }

    private static final String AGAIN = "Create a new link and try again.";
    private static final Map<String, Explained> KNOWN = new LinkedHashMap<>();

    static {
        add("access_denied", "GitHub authorization was canceled.",
                "The request was denied (Cancel on GitHub's page), so nothing changed. Create a new link if that was a mistake.");
        add("github_oauth_error", "GitHub rejected the authorization. Please try again.", AGAIN);
        add("missing_params", "GitHub didn't send back the expected parameters. Please try again.", AGAIN);
        add("invalid_state", "The GitHub setup request expired or could not be verified. Please try again.",
                "The link was older than 15 minutes, replaced by a newer one, already used, or opened in a browser "
                        + "signed in to PostHog as someone other than the key's user. " + AGAIN);
        add("invalid_installation_id", "GitHub returned an invalid installation. Please try again.", AGAIN);
        add("invalid_installation", "GitHub returned an installation no project of yours uses.",
                "Check the installation id on the first page. " + AGAIN);
        add("exchange_failed", "GitHub rejected the authorization code. Please try again.",
                "The code expires after about 10 minutes and works once; on a self-hosted PostHog this also means "
                        + "the GitHub App's client secret is not configured. " + AGAIN);
        add("installation_verify_failed", "Could not verify your access to this GitHub installation. Please try again.",
                "GitHub did not answer PostHog's check. " + AGAIN);
        add("installation_not_authorized", "Your GitHub account isn't authorized for this installation. Ask the org admin "
                + "to grant access, or sign in with a different GitHub account.",
                "The GitHub account that approved cannot see this installation.");
        add("installation_fetch_failed", "Could not fetch installation details from GitHub. Please try again.",
                "The installation may be suspended or removed; check it on GitHub.");
        add("installation_token_failed", "Could not get an access token from GitHub. Please try again.",
                "The installation may be suspended, removed, or no longer allow PostHog; check it on GitHub.");
        add("integration_create_failed", "Could not save the GitHub connection. Please try again.",
                "PostHog could not save the project's integration (the key's user may have lost access to the project).");
        add("github_install_failed", "Could not connect GitHub. Please try again.", AGAIN);
        add("github_install_pending", "GitHub requires an organization owner to complete this installation. If you "
                + "requested access, an organization owner will need to approve it.",
                "Nothing is connected until an owner approves on GitHub.");
        add("insufficient_permissions", "You need admin access to this project to connect a GitHub integration. "
                + "Ask a project admin to set it up.", "");
        add("invalid_team", "You need admin access to this project to connect a GitHub integration.",
                "Ask a project admin to set it up.");
    }

    private static void add(String code, String posthogSays, String whatNext) {
        KNOWN.put(code, new Explained(code, posthogSays, whatNext));
    }

    private SetupErrors() {
    }

    /** Every known code, in the order shown to the user. */
    public static Map<String, Explained> known() {
        return java.util.Collections.unmodifiableMap(KNOWN);
    }

    /** The explanation of a code; an unknown code gets PostHog's detail when there is one, else its fallback. */
    public static Explained explain(String code, String detail) {
        Explained e = code == null ? null : KNOWN.get(code);
        if (e != null) {
            return e;
        }
        String says = detail != null && !detail.isBlank() ? detail.strip() : KNOWN.get("github_install_failed").posthogSays();
        return new Explained(code == null ? "" : code, says, AGAIN);
    }

    /**
     * The error a landing address carries ({@code github_link_error}, {@code github_setup_error} or {@code error},
     * with {@code error_message}); empty when it holds none (a success, or not an address at all).
     */
    public static Optional<Explained> fromLandingAddress(String address) {
        if (address == null || address.isBlank()) {
            return Optional.empty();
        }
        String query;
        try {
            query = URI.create(address.strip()).getRawQuery();
        } catch (IllegalArgumentException e) {
            int q = address.indexOf('?');
            query = q < 0 ? null : address.substring(q + 1);
        }
        if (query == null) {
            return Optional.empty();
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = decode(eq < 0 ? pair : pair.substring(0, eq));
            String v = eq < 0 ? "" : decode(pair.substring(eq + 1));
            params.putIfAbsent(k, v);
        }
        String code = first(params, "github_link_error", "github_setup_error", "error");
        if (code == null && "1".equals(params.get("github_install_pending"))) {
            code = "github_install_pending";
        }
        return code == null ? Optional.empty() : Optional.of(explain(code, params.get("error_message")));
    }

    private static String first(Map<String, String> params, String... keys) {
        for (String k : keys) {
            String v = params.get(k);
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static String decode(String s) {
        try {
            return URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }
}
