package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * PostHog's OAuth 2.0 authorization server, as the sandbox plays it: metadata (posthog/api/oauth/metadata.py),
 * dynamic client registration with PostHog's rules (posthog/api/oauth/dcr.py, client_name.py; redirect URIs as
 * {@code OAuthApplication._validate_redirect_uris} in posthog/models/oauth.py), the authorize page with a real
 * consent form, the token endpoint (code with PKCE S256, refresh) and revocation (posthog/api/oauth/views.py).
 * PostHog's consent page is its web app behind a login; the sandbox has no login, so its page lets the admin
 * choose which seeded user signs in, then shows what the application asks for, with Authorize and Deny.
 */
final class AuthorizationServer {

    static final Set<String> ALWAYS_ALLOWED = Set.of("openid", "profile", "email", "introspection");
    static final Set<String> PRIVILEGED = Set.of("llm_gateway:read", "llm_gateway:write");
    private static final List<String> OBJECTS = List.of("action", "activity_log", "annotation", "batch_export",
            "cohort", "dashboard", "experiment", "feature_flag", "insight", "integration", "llm_gateway",
            "organization", "organization_member", "person", "project", "query", "session_recording", "survey", "user");

    private final SandboxState state;
    private final OAuthStore store;
    private final ClientRegistration registration;

    AuthorizationServer(SandboxState state, OAuthStore store, java.time.Clock clock) {
        this.state = state;
        this.store = store;
        this.registration = new ClientRegistration(store, clock);
    }

    static List<String> allScopes() {
        List<String> s = new ArrayList<>(List.of("openid", "profile", "email", "introspection"));
        for (String o : OBJECTS) {
            s.add(o + ":read");
            s.add(o + ":write");
        }
        return s;
    }

    static boolean handles(String path) {
        return path.startsWith("/oauth/") || path.startsWith("/.well-known/");
    }

    Response handle(Exchange ex) {
        if (!store.enabled()) {
            return Response.html(404, page("Not found", "<p>Nothing here.</p>"));
        }
        String p = ex.path.endsWith("/") ? ex.path : ex.path + "/";
        return switch (p) {
            case "/.well-known/oauth-authorization-server/", "/.well-known/openid-configuration/" -> metadata(ex);
            case "/oauth/register/" -> registration.register(ex);
            case "/oauth/authorize/" -> ex.method.equals("POST") ? consent(ex) : authorizePage(ex);
            case "/oauth/token/" -> token(ex);
            case "/oauth/revoke/" -> revoke(ex);
            default -> Response.html(404, page("Not found", "<p>Nothing here.</p>"));
        };
    }

    private Response metadata(Exchange ex) {
        String b = ex.siteUrl;
        ObjectNode n = SandboxState.MAPPER.createObjectNode();
        n.put("issuer", b);
        n.put("authorization_endpoint", b + "/oauth/authorize/");
        n.put("token_endpoint", b + "/oauth/token/");
        n.put("userinfo_endpoint", b + "/oauth/userinfo/");
        n.put("revocation_endpoint", b + "/oauth/revoke/");
        n.put("introspection_endpoint", b + "/oauth/introspect/");
        n.put("registration_endpoint", b + "/oauth/register/");
        n.put("jwks_uri", b + "/.well-known/jwks.json");
        ArrayNode scopes = n.putArray("scopes_supported");
        allScopes().stream().filter(s -> !PRIVILEGED.contains(s)).forEach(scopes::add);
        n.putArray("response_types_supported").add("code");
        n.putArray("response_modes_supported").add("query");
        n.putArray("grant_types_supported").add("authorization_code").add("refresh_token");
        n.putArray("token_endpoint_auth_methods_supported").add("none").add("client_secret_post");
        n.putArray("code_challenge_methods_supported").add("S256");
        n.put("service_documentation", "https://posthog.com/docs/api");
        return Response.json(200, n);
    }

    /**
     * DOT's {@code redirect_uri_allowed}: exact match, except that for 127.0.0.1 and ::1 any port is allowed
     * (RFC 8252 §7.3); for {@code localhost} only when the registered URI has no port (PostHog's carve-out).
     */
    static boolean redirectAllowed(OAuthStore.Client c, String uri) {
        URI asked;
        try {
            asked = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            return false;
        }
        for (String reg : c.redirectUris()) {
            if (reg.equals(uri)) {
                return true;
            }
            URI r = URI.create(reg);
            boolean ipLoopback = "http".equals(asked.getScheme()) && asked.getHost() != null
                    && (asked.getHost().equals("127.0.0.1") || asked.getHost().equals("[::1]"));
            boolean localhost = "localhost".equals(asked.getHost()) && r.getPort() < 0;
            if ((ipLoopback || localhost) && "http".equals(r.getScheme()) && asked.getHost().equals(r.getHost())
                    && java.util.Objects.equals(asked.getRawPath(), r.getRawPath())
                    && java.util.Objects.equals(asked.getRawQuery(), r.getRawQuery())) {
                return true;
            }
        }
        return false;
    }

    // ------------------------------------------------------------------ authorize (views.py OAuthAuthorizationView)

    /** The request's checked parameters, or the response that refuses it. */
    private record Authorize(OAuthStore.Client client, String redirectUri, String state, String challenge,
                             List<String> scopes, Response refusal) {
    }

    private Authorize validate(Map<String, String> q) {
        String clientId = q.get("client_id");
        if (clientId == null || clientId.isEmpty()) {
            return refusal(oauthError(400, "invalid_request", "Missing client_id parameter."));
        }
        OAuthStore.Client c = store.client(clientId).orElse(null);
        if (c == null) {
            return refusal(oauthError(400, "invalid_request", "No OAuth application is registered with this client_id. "
                    + "Check the client_id, or register the application again."));
        }
        String redirect = q.get("redirect_uri");
        if (redirect == null || redirect.isEmpty()) {
            if (c.redirectUris().size() != 1) {
                return refusal(oauthError(400, "invalid_request", "Missing redirect URI."));
            }
            redirect = c.redirectUris().get(0);
        } else if (!redirectAllowed(c, redirect)) {
            return refusal(oauthError(400, "invalid_request", "Mismatching redirect URI."));
        }
        String state = q.get("state");
        if (!"code".equals(q.get("response_type"))) {
            return refusal(Response.redirect(errorRedirect(redirect, "unsupported_response_type", null, state)));
        }
        String challenge = q.get("code_challenge");
        if (challenge == null || challenge.isEmpty()) {
            return refusal(Response.redirect(errorRedirect(redirect, "invalid_request", "Code challenge required.", state)));
        }
        if (!"S256".equals(q.get("code_challenge_method"))) {
            return refusal(Response.redirect(errorRedirect(redirect, "invalid_request",
                    "Transform algorithm not supported.", state)));
        }
        // validate_scopes: clamp to the application's ceiling (empty: every unprivileged scope); unknown ones dropped.
        Set<String> ceiling = new LinkedHashSet<>(c.scopes().isEmpty()
                ? allScopes().stream().filter(s -> !PRIVILEGED.contains(s)).toList() : c.scopes());
        ceiling.addAll(ALWAYS_ALLOWED);
        String raw = q.getOrDefault("scope", "").trim();
        List<String> scopes = raw.isEmpty() ? List.copyOf(ceiling)
                : List.of(raw.split("\\s+")).stream().filter(ceiling::contains).distinct().toList();
        return new Authorize(c, redirect, state, challenge, scopes, null);
    }

    private static Authorize refusal(Response r) {
        return new Authorize(null, null, null, null, null, r);
    }

    private Response authorizePage(Exchange ex) {
        Authorize a = validate(ex.query);
        if (a.refusal() != null) {
            return a.refusal();
        }
        StringBuilder b = new StringBuilder();
        b.append("<p><strong>").append(GitHubOAuth.esc(a.client().name()))
                .append("</strong> wants to access your PostHog account.</p>");
        b.append("<form method=\"post\" action=\"/oauth/authorize/\">");
        for (String k : List.of("client_id", "redirect_uri", "response_type", "state", "code_challenge",
                "code_challenge_method")) {
            String v = k.equals("redirect_uri") ? a.redirectUri() : ex.query.getOrDefault(k, "");
            b.append("<input type=\"hidden\" name=\"").append(k).append("\" value=\"").append(GitHubOAuth.esc(v)).append("\">");
        }
        b.append("<input type=\"hidden\" name=\"scope\" value=\"").append(GitHubOAuth.esc(String.join(" ", a.scopes())))
                .append("\">");
        b.append("<p><label for=\"user\">Signed in to this sandbox as</label> <select id=\"user\" name=\"user\">");
        state.read(w -> {
            w.users.forEach(u -> b.append("<option value=\"").append(u.id).append("\">")
                    .append(GitHubOAuth.esc(u.firstName + " " + u.lastName + " (" + u.email + ")")).append("</option>"));
            return null;
        });
        b.append("</select></p><p>It will be able to:</p><ul id=\"scopes\">");
        a.scopes().forEach(s -> b.append("<li>").append(GitHubOAuth.esc(describe(s))).append(" <code>")
                .append(GitHubOAuth.esc(s)).append("</code></li>"));
        b.append("</ul><p>Access: all your organizations and projects.</p>");
        b.append("<button id=\"authorize\" type=\"submit\" name=\"allow\" value=\"true\">Authorize</button> ");
        b.append("<button id=\"deny\" type=\"submit\" name=\"allow\" value=\"false\">Deny</button></form>");
        return Response.html(200, page("Authorize " + a.client().name(), b.toString()))
                .with("Cache-Control", "no-store").with("X-Frame-Options", "DENY");
    }

    /** get_scope_descriptions(): "<Action> access to <object>". */
    static String describe(String scope) {
        int colon = scope.indexOf(':');
        if (colon < 0) {
            return switch (scope) {
                case "openid" -> "Know who you are";
                case "profile" -> "See your name";
                case "email" -> "See your email address";
                default -> "Inspect its own token";
            };
        }
        String action = scope.substring(colon + 1);
        return Character.toUpperCase(action.charAt(0)) + action.substring(1) + " access to "
                + scope.substring(0, colon).replace('_', ' ');
    }

    /** The consent form's POST (a form from the page, or JSON as PostHog's web app sends it). */
    private Response consent(Exchange ex) {
        JsonNode body;
        try {
            body = ex.jsonObject();
        } catch (ApiError e) {
            return oauthError(400, "invalid_request", e.detail);
        }
        Map<String, String> q = new java.util.LinkedHashMap<>();
        body.fields().forEachRemaining(e -> q.put(e.getKey(), e.getValue().asText()));
        Authorize a = validate(q);
        if (a.refusal() != null) {
            return a.refusal();
        }
        boolean json = !String.valueOf(ex.header("content-type")).startsWith("application/x-www-form-urlencoded");
        String target;
        if (!"true".equalsIgnoreCase(q.get("allow"))) {
            target = errorRedirect(a.redirectUri(), "access_denied", null, a.state());
        } else if (a.scopes().isEmpty()) {
            return Response.json(400, SandboxState.MAPPER.createObjectNode().put("scope", "This field may not be blank."));
        } else {
            int userId;
            try {
                userId = Integer.parseInt(q.getOrDefault("user", "1"));
            } catch (NumberFormatException e) {
                return oauthError(400, "invalid_request", "Unknown user.");
            }
            if (state.read(w -> w.user(userId).isEmpty())) {
                return oauthError(400, "invalid_request", "Unknown user.");
            }
            String code = store.grant(a.client().clientId(), a.redirectUri(), a.challenge(), a.scopes(), userId);
            target = a.redirectUri() + (a.redirectUri().contains("?") ? "&" : "?") + "code=" + enc(code)
                    + (a.state() == null ? "" : "&state=" + enc(a.state()));
        }
        if (json) {
            return Response.json(200, SandboxState.MAPPER.createObjectNode().put("redirect_to", target));
        }
        return Response.redirect(target);
    }

    private static String errorRedirect(String redirect, String error, String description, String state) {
        return redirect + (redirect.contains("?") ? "&" : "?") + "error=" + enc(error)
                + (description == null ? "" : "&error_description=" + enc(description))
                + (state == null ? "" : "&state=" + enc(state));
    }

    // ------------------------------------------------------------------ token and revoke

    private Response token(Exchange ex) {
        if (!ex.method.equals("POST")) {
            return oauthError(405, "invalid_request", "Method not allowed");
        }
        Map<String, String> f = form(ex);
        String clientId = f.get("client_id");
        OAuthStore.Client c = store.client(clientId).orElse(null);
        if (c == null) {
            return oauthError(401, "invalid_client", null);
        }
        switch (f.getOrDefault("grant_type", "")) {
            case "authorization_code" -> {
                OAuthStore.CodeGrant g = store.takeGrant(f.get("code")).orElse(null);
                if (g == null) {
                    return oauthError(400, "invalid_grant", "Authorization code is invalid or has already been used");
                }
                if (!g.clientId().equals(clientId) || !g.redirectUri().equals(f.get("redirect_uri"))
                        || !store.now().isBefore(g.expiresAt())) {
                    return oauthError(400, "invalid_grant", null);
                }
                String verifier = f.get("code_verifier");
                if (verifier == null || !MessageDigest.isEqual(s256(verifier).getBytes(StandardCharsets.US_ASCII),
                        g.challenge().getBytes(StandardCharsets.US_ASCII))) {
                    return oauthError(400, "invalid_grant", null);
                }
                return Response.json(200, SandboxState.MAPPER.valueToTree(
                        store.issue(clientId, g.userId(), g.scopes(), null))).with("Cache-Control", "no-store");
            }
            case "refresh_token" -> {
                String rt = f.get("refresh_token");
                OAuthStore.Refresh r = store.usableRefresh(rt, clientId).orElse(null);
                if (r == null) {
                    return oauthError(400, "invalid_grant", null);
                }
                return Response.json(200, SandboxState.MAPPER.valueToTree(
                        store.issue(clientId, r.userId, r.scopes, rt))).with("Cache-Control", "no-store");
            }
            default -> {
                return oauthError(400, "unsupported_grant_type", null);
            }
        }
    }

    private Response revoke(Exchange ex) {
        if (!ex.method.equals("POST")) {
            return oauthError(405, "invalid_request", "Method not allowed");
        }
        Map<String, String> f = form(ex);
        if (store.client(f.get("client_id")).isEmpty()) {
            return oauthError(401, "invalid_client", null);
        }
        if (f.get("token") == null) {
            return oauthError(400, "invalid_request", null);
        }
        store.revoke(f.get("token"), f.get("client_id"));
        return Response.html(200, "");
    }

    private static Map<String, String> form(Exchange ex) {
        Map<String, String> f = new java.util.LinkedHashMap<>();
        try {
            JsonNode body = ex.json();
            body.fields().forEachRemaining(e -> f.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : null));
        } catch (ApiError e) {
            // an unparsable body has no fields; the grant fails below
        }
        return f;
    }

    static String s256(String verifier) {
        try {
            return java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response oauthError(int status, String error, String description) {
        ObjectNode n = SandboxState.MAPPER.createObjectNode();
        n.put("error", error);
        if (description != null) {
            n.put("error_description", description);
        }
        return Response.json(status, n).with("Cache-Control", "no-store");
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + GitHubOAuth.esc(title)
                + " · PostHog sandbox</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto}"
                + "button{font-size:1rem;padding:.4rem 1rem;margin-right:.5rem}code{color:#555}</style></head><body><h1>"
                + GitHubOAuth.esc(title) + "</h1>" + body + "</body></html>";
    }
}
