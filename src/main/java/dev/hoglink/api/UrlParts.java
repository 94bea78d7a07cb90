package dev.hoglink.api;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/** Encodes the variable parts of PostHog's API paths and queries. */
final class UrlParts {

    private UrlParts() {
    }

    /** One path segment (an organization or request id), encoded; {@code @me} stays readable. */
    static String segment(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("an organization id is required");
        }
        return URLEncoder.encode(s.strip(), StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
    }

    /** One query value, encoded. */
    static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
