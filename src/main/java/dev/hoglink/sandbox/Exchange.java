package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One parsed request and, once handled, its response; independent of the HTTP server classes. */
final class Exchange {

    final String method;
    final String path;
    final List<String> segments;
    final Map<String, String> query;
    final Map<String, String> headers;
    final byte[] body;
    final String origin;
    /** PostHog's SITE_URL: the public address it builds callback URLs from; may differ from {@link #origin}. */
    final String siteUrl;
    /** The request named {@code /api/environments/…}, served as {@code /api/projects/…} except for the detail. */
    final boolean environmentsPrefix;
    private JsonNode json;

    World.User user;
    World.PersonalKey key;
    /** True when the request carried an OAuth access token ({@code pha_…}) rather than a personal API key. */
    boolean oauth;

    Exchange(String method, String rawPath, String rawQuery, Map<String, String> headers, byte[] body, String origin,
             String siteUrl) {
        this.method = method;
        String p = rawPath == null || rawPath.isEmpty() ? "/" : rawPath;
        // The team views Hoglink uses are registered under both prefixes with the same team id lookup
        // (posthog/api/__init__.py register_legacy_dual_route_team_nested_viewset), so they are served as one. The
        // detail itself is not: /api/environments/{id}/ is RootTeamViewSet, /api/projects/{id}/ ProjectViewSet
        // (docs/api-notes.md NM2), which the router tells apart by environmentsPrefix.
        environmentsPrefix = p.startsWith("/api/environments/") || p.equals("/api/environments");
        if (environmentsPrefix) {
            p = "/api/projects" + p.substring("/api/environments".length());
        }
        this.path = p;
        List<String> segs = new ArrayList<>();
        for (String s : p.split("/")) {
            if (!s.isEmpty()) {
                segs.add(URLDecoder.decode(s, StandardCharsets.UTF_8));
            }
        }
        this.segments = List.copyOf(segs);
        this.query = parseForm(rawQuery);
        this.headers = headers;
        this.body = body == null ? new byte[0] : body;
        this.origin = origin;
        this.siteUrl = siteUrl;
    }

    static Map<String, String> parseForm(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return m;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.putIfAbsent(k, v);
        }
        return m;
    }

    String header(String name) {
        return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }

    boolean hasJsonBody() {
        for (byte b : body) {
            if (!Character.isWhitespace(b)) {
                return true;
            }
        }
        return false;
    }

    /** The JSON body (an empty object when there is none); a ParseError envelope when it does not parse. */
    JsonNode json() {
        if (json == null) {
            if (!hasJsonBody()) {
                json = JsonNodeFactory.instance.objectNode();
            } else {
                String type = header("content-type");
                if (type != null && type.startsWith("application/x-www-form-urlencoded")) {
                    var node = JsonNodeFactory.instance.objectNode();
                    parseForm(new String(body, StandardCharsets.UTF_8)).forEach(node::put);
                    json = node;
                } else {
                    try {
                        json = SandboxState.MAPPER.readTree(body);
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        throw ApiError.parse("JSON parse error - " + e.getOriginalMessage());
                    } catch (IOException e) {
                        throw ApiError.parse("JSON parse error - " + e.getMessage());
                    }
                }
            }
        }
        return json;
    }

    /** The JSON body when it is an object; DRF answers other shapes with a validation error. */
    JsonNode jsonObject() {
        JsonNode n = json();
        if (!n.isObject()) {
            throw ApiError.field("non_field_errors", "Invalid data. Expected a dictionary, but got "
                    + (n.isArray() ? "list" : n.getNodeType().name().toLowerCase(java.util.Locale.ROOT)) + ".");
        }
        return n;
    }
}
