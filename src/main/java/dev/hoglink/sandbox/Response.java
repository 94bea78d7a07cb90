package dev.hoglink.sandbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** A computed response, written by {@link SandboxServer} (which may still spoil it on purpose). */
record Response(int status, String contentType, byte[] body, Map<String, String> headers) {

    static final String JSON = "application/json";
    static final String HTML = "text/html; charset=utf-8";

    static Response json(int status, JsonNode node) {
        try {
            return new Response(status, JSON, SandboxState.MAPPER.writeValueAsBytes(node), new LinkedHashMap<>());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static Response noContent() {
        return new Response(204, null, new byte[0], new LinkedHashMap<>());
    }

    static Response html(int status, String html) {
        return new Response(status, HTML, html.getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
    }

    static Response redirect(String location) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("Location", location);
        return new Response(302, null, new byte[0], h);
    }

    static Response error(ApiError e) {
        ObjectNode n = SandboxState.MAPPER.createObjectNode();
        if (e.bare) {
            n.put("detail", e.detail);
            n.put("code", e.code);
        } else {
            n.put("type", e.type);
            n.put("code", e.code);
            n.put("detail", e.detail);
            if (e.attr == null) {
                n.putNull("attr");
            } else {
                n.put("attr", e.attr);
            }
        }
        Response r = json(e.status, n);
        r.headers().putAll(e.headers);
        return r;
    }

    Response with(String header, String value) {
        headers.put(header, value);
        return this;
    }

    boolean isJson() {
        return JSON.equals(contentType);
    }
}
