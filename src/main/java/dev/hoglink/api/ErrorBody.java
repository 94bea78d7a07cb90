package dev.hoglink.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.util.Redactor;
import java.io.IOException;

/** PostHog's error envelope {@code {type, code, detail, attr}}; null when the body is not such JSON. */
record ErrorBody(String type, String code, String detail, String attr) {
    static ErrorBody parse(ObjectMapper mapper, byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        try {
            JsonNode n = mapper.readTree(body);
            if (n == null || !n.isObject() || !(n.has("detail") || n.has("code"))) {
                return null;
            }
            return new ErrorBody(text(n.get("type")), text(n.get("code")), text(n.get("detail")),
                    text(n.get("attr")));
        } catch (IOException | RuntimeException ex) {
            return null;
        }
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return null;
        }
        String s = n.isValueNode() ? n.asText() : n.toString();
        if (s.length() > TEXT_WINDOW) {
            // Only the start is kept: drop the word the cut ends in (it may be part of a key) and redact
            // what is left before the final cut, so that no part of a secret survives either cut.
            int end = TEXT_WINDOW;
            while (end > 0 && isWordChar(s.charAt(end - 1))) {
                end--;
            }
            s = s.substring(0, end) + "\u2026";
        }
        return ApiException.plain(Redactor.redact(s), ApiException.MAX_SERVER_TEXT);
    }

    private static final int TEXT_WINDOW = 4 * ApiException.MAX_SERVER_TEXT;

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '=';
    }
}
