package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain java.net.http calls against a sandbox, independent of Hoglink's own client. */
final class SandboxHttp {

    static final ObjectMapper MAPPER = new ObjectMapper();

    record Res(int status, HttpHeaders headers, String raw) {
        JsonNode json() {
            try {
                return MAPPER.readTree(raw);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + status + "): " + raw, e);
            }
        }

        String detail() {
            return json().path("detail").asText();
        }

        String code() {
            return json().path("code").asText();
        }

        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.NEVER).build();
    final URI base;

    SandboxHttp(URI base) {
        this.base = base;
    }

    Res get(String path, String key) {
        return send(builder(path, key).GET().build());
    }

    Res post(String path, String key, String json) {
        return send(builder(path, key).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    Res postForm(String path, String form) {
        return send(builder(path, null).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    Res delete(String path, String key) {
        return send(builder(path, key).DELETE().build());
    }

    Res method(String method, String path, String key) {
        return send(builder(path, key).method(method, HttpRequest.BodyPublishers.noBody()).build());
    }

    HttpRequest.Builder builder(String path, String key) {
        URI uri = path.startsWith("http") ? URI.create(path) : base.resolve(path);
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10));
        if (key != null) {
            b.header("Authorization", "Bearer " + key);
        }
        return b;
    }

    Res send(HttpRequest req) {
        try {
            HttpResponse<String> r = client.send(req, HttpResponse.BodyHandlers.ofString());
            return new Res(r.statusCode(), r.headers(), r.body());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
