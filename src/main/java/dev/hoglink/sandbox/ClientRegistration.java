package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code POST /oauth/register/}: RFC 7591 dynamic client registration as posthog/api/oauth/dcr.py does it:
 * {@code DCRRequestSerializer}'s fields and choices, {@code validate_client_name} (posthog/api/oauth/client_name.py:
 * no name starting with "posthog", none containing "official", "verified" or "trusted"), privileged scopes
 * stripped, the model's redirect-URI rules ({@code _validate_redirect_uris} in posthog/models/oauth.py), the
 * 60/minute and 1000/hour per-IP throttles, and the 201 answer of RFC 7591 §3.2.
 */
final class ClientRegistration {

    private static final Set<String> BLOCKED_SCHEMES = Set.of("javascript", "data", "file", "blob", "vbscript");

    private final OAuthStore store;
    private final Throttle dcrThrottle;

    ClientRegistration(OAuthStore store, java.time.Clock clock) {
        this.store = store;
        this.dcrThrottle = new Throttle(clock);
    }

    Response register(Exchange ex) {
        if (!ex.method.equals("POST")) {
            return AuthorizationServer.oauthError(405, "invalid_request", "Method not allowed");
        }
        // DCRBurstThrottle 60/minute and DCRSustainedThrottle 1000/hour, by IP, always on; the view is a DRF APIView, so
        // its Throttled goes through drf-exceptions-hog like any other: no Retry-After (docs/api-notes.md NN4).
        // The detail is the only place the wait is said, so it is the window's own, as DRF's Throttled states it.
        java.util.OptionalLong wait = dcrThrottle.acquire("dcr:" + ex.header("x-forwarded-for"), 60, 1000);
        if (wait.isPresent()) {
            return Response.error(ApiError.throttled(Math.max(1, wait.getAsLong())));
        }
        JsonNode body;
        try {
            body = ex.json();
        } catch (ApiError e) {
            return AuthorizationServer.oauthError(400, "invalid_client_metadata", e.detail);
        }
        List<String> errors = new ArrayList<>();
        List<String> uris = new ArrayList<>();
        JsonNode ru = body.path("redirect_uris");
        if (!ru.isArray()) {
            errors.add("'redirect_uris': ['This field is required.']");
        } else if (ru.isEmpty()) {
            errors.add("'redirect_uris': ['Ensure this field has at least 1 elements.']");
        } else {
            for (JsonNode u : ru) {
                String s = u.asText("");
                if (s.isEmpty() || !s.matches("^\\S+$")) {
                    errors.add("'redirect_uris': ['Redirect URI cannot contain whitespace']");
                }
                uris.add(s);
            }
        }
        String name = body.hasNonNull("client_name") ? body.get("client_name").asText() : null;
        if (name != null) {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith("posthog")) {
                errors.add("'client_name': [\"Client name cannot start with 'posthog'\"]");
            }
            for (String w : List.of("official", "verified", "trusted")) {
                if (lower.contains(w)) {
                    errors.add("'client_name': [\"Client name cannot contain '" + w + "'\"]");
                }
            }
            if (name.length() > 255) {
                errors.add("'client_name': ['Ensure this field has no more than 255 characters.']");
            }
        }
        List<String> grantTypes = strings(body.path("grant_types"), List.of("authorization_code"));
        grantTypes.stream().filter(g -> !g.equals("authorization_code") && !g.equals("refresh_token")).findFirst()
                .ifPresent(g -> errors.add("'grant_types': {0: ['\"" + g + "\" is not a valid choice.']}"));
        List<String> responseTypes = strings(body.path("response_types"), List.of("code"));
        responseTypes.stream().filter(r -> !r.equals("code")).findFirst()
                .ifPresent(r -> errors.add("'response_types': {0: ['\"" + r + "\" is not a valid choice.']}"));
        String method = body.path("token_endpoint_auth_method").asText("none");
        if (!method.equals("none") && !method.equals("client_secret_post")) {
            errors.add("'token_endpoint_auth_method': ['\"" + method + "\" is not a valid choice.']");
        }
        if (!errors.isEmpty()) {
            return AuthorizationServer.oauthError(400, "invalid_client_metadata", "{" + String.join(", ", errors) + "}");
        }
        List<String> scopes = List.of();
        if (body.hasNonNull("scope") && !body.get("scope").asText().isBlank()) {
            Set<String> known = new LinkedHashSet<>(AuthorizationServer.allScopes());
            scopes = List.of(body.get("scope").asText().trim().split("\\s+")).stream()
                    .filter(s -> known.contains(s) && !AuthorizationServer.PRIVILEGED.contains(s)).distinct().toList();
            if (scopes.isEmpty()) {
                return AuthorizationServer.oauthError(400, "invalid_client_metadata", "None of the requested scopes are available to "
                        + "self-registered clients. Omit `scope` to register with the default scope set.");
            }
        }
        List<String> uriProblems = new ArrayList<>();
        uris.forEach(u -> redirectUriProblem(u).ifPresent(uriProblems::add));
        if (!uriProblems.isEmpty()) {
            return AuthorizationServer.oauthError(400, "invalid_redirect_uri", String.join("; ", uriProblems));
        }
        String shownName = name == null ? "MCP Client" : GitHubOAuth.esc(name);
        OAuthStore.Client c = store.register(shownName, uris, scopes, method.equals("client_secret_post"));
        ObjectNode n = SandboxState.MAPPER.createObjectNode();
        n.put("client_id", c.clientId());
        ArrayNode r = n.putArray("redirect_uris");
        uris.forEach(r::add);
        ArrayNode g = n.putArray("grant_types");
        grantTypes.forEach(g::add);
        ArrayNode rt = n.putArray("response_types");
        responseTypes.forEach(rt::add);
        n.put("token_endpoint_auth_method", method);
        n.put("client_id_issued_at", c.issuedAt().getEpochSecond());
        if (name != null) {
            n.put("client_name", shownName);
        }
        if (!scopes.isEmpty()) {
            n.put("scope", String.join(" ", scopes));
        }
        return Response.json(201, n);
    }

    private static List<String> strings(JsonNode n, List<String> dflt) {
        if (!n.isArray()) {
            return dflt;
        }
        List<String> out = new ArrayList<>();
        n.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** posthog/models/oauth.py {@code _validate_redirect_uris}: custom schemes, fragments, http only on loopback. */
    static java.util.Optional<String> redirectUriProblem(String uri) {
        URI u;
        try {
            u = new URI(uri);
        } catch (java.net.URISyntaxException e) {
            return java.util.Optional.of("Enter a valid URL.");
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (BLOCKED_SCHEMES.contains(scheme)) {
            return java.util.Optional.of("Redirect URI scheme '" + scheme + "' is not allowed for security reasons");
        }
        if (u.getRawFragment() != null) {
            return java.util.Optional.of("Redirect URI " + uri + " cannot contain fragments");
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return u.getHost() == null && !scheme.isEmpty() ? java.util.Optional.empty()
                    : java.util.Optional.of("Enter a valid URL.");
        }
        if (u.getHost() == null) {
            return java.util.Optional.of("Enter a valid URL.");
        }
        if (scheme.equals("http") && !isLoopback(u.getHost())) {
            return java.util.Optional.of("Redirect URI " + uri
                    + " must use https (http is only allowed for loopback addresses)");
        }
        return java.util.Optional.empty();
    }

    static boolean isLoopback(String host) {
        return host.equals("localhost") || host.equals("::1") || host.equals("[::1]")
                || host.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }
}
