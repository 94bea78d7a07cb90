package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.api.Sleeper;
import dev.hoglink.sandbox.SandboxClock;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.function.Executable;

/**
 * A real sandbox on a loopback port and real clients for its seeded keys. Time is the sandbox's movable
 * clock: the clients' sleeper advances it instead of sleeping, so throttle windows and Retry-After waits
 * pass at once and agree on both sides.
 */
final class E2e implements AutoCloseable {

    static final Instant START = Instant.parse("2026-08-10T09:00:00Z");

    final SandboxClock clock = new SandboxClock(START);
    final SandboxServer server;
    final List<Duration> sleeps = new ArrayList<>();
    final Sleeper sleeper = d -> {
        synchronized (sleeps) {
            sleeps.add(d);
        }
        clock.advance(d);
    };
    final LongSupplier nanoTime = () -> {
        Instant i = clock.instant();
        return i.getEpochSecond() * 1_000_000_000L + i.getNano();
    };

    E2e(SandboxOptions options) {
        try {
            server = SandboxServer.start(options.withClock(clock));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static E2e start() {
        return new E2e(SandboxOptions.defaults());
    }

    /** A client for one seeded role, without a client-side rate limit, with the default retry policy. */
    PostHogClient client(String role) {
        return builder(server.key(role)).rateLimiter(RateLimiter.unlimited()).build();
    }

    PostHogClient.Builder builder(String key) {
        return PostHogClient.builder(server.baseUri().toString(), ApiKey.of(key))
                .sleeper(sleeper).clock(clock).nanoTime(nanoTime).random(new Random(7))
                .retryPolicy(RetryPolicy.DEFAULT)
                .requestTimeout(Duration.ofSeconds(5)).connectTimeout(Duration.ofSeconds(2));
    }

    List<Duration> sleeps() {
        synchronized (sleeps) {
            return List.copyOf(sleeps);
        }
    }

    @Override
    public void close() {
        server.stop();
    }

    static <T extends ApiException> T fails(Class<T> type, Executable call) {
        return assertThrows(type, call);
    }

    // ---------------------------------------------------------------- the browser side of OAuth

    private static final Pattern HIDDEN = Pattern.compile("<input type=\"hidden\" name=\"(\\w+)\" value=\"([^\"]*)\">");
    private final HttpClient browser = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2)).build();

    record Page(int status, String location, String body) {
    }

    Page browse(String method, String url, String form) {
        HttpRequest.Builder b = HttpRequest.newBuilder(server.baseUri().resolve(url)).timeout(Duration.ofSeconds(5));
        if (form != null) {
            b.header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        } else {
            b.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> r = browser.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Page(r.statusCode(), r.headers().firstValue("Location").orElse(null), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * Opens the authorize page, submits its Approve (or Deny) form, follows GitHub's redirect to PostHog's
     * callback, and returns where PostHog finally sends the browser (with installation_id and integration_id).
     */
    URI approve(String oauthUrl, String decision) {
        Page page = browse("GET", oauthUrl, null);
        assertEquals(200, page.status(), page.body());
        int at = page.body().indexOf("id=\"" + decision + "\"");
        int formStart = page.body().lastIndexOf("<form", at);
        Matcher m = HIDDEN.matcher(page.body().substring(formStart, at));
        Map<String, String> fields = new LinkedHashMap<>();
        while (m.find()) {
            fields.put(m.group(1), m.group(2).replace("&amp;", "&").replace("&quot;", "\""));
        }
        String form = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        Page toCallback = browse("POST", "/login/oauth/authorize", form);
        assertEquals(302, toCallback.status(), toCallback.body());
        Page landing = browse("GET", toCallback.location(), null);
        assertEquals(302, landing.status(), landing.body());
        return server.baseUri().resolve(landing.location());
    }

    static Map<String, String> query(URI uri) {
        Map<String, String> m = new LinkedHashMap<>();
        if (uri.getRawQuery() == null) {
            return m;
        }
        for (String p : uri.getRawQuery().split("&")) {
            String[] kv = p.split("=", 2);
            m.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                    kv.length < 2 ? "" : URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
        }
        return m;
    }
}
