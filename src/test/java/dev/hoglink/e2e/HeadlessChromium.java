package dev.hoglink.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real browser for the OAuth round trip: Debian's headless Chromium, driven over the DevTools protocol with
 * the JDK's WebSocket client (no extra dependency). It opens a page, clicks a button by id and reports where
 * the browser ended up. Used only by {@link ChromiumRoundTrip}, outside the default build.
 */
final class HeadlessChromium implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final WebSocket page;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> waiting = new ConcurrentHashMap<>();

    HeadlessChromium(String executable) throws Exception {
        profile = Files.createTempDirectory("hoglink-chromium");
        process = new ProcessBuilder(List.of(executable, "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "about:blank")).start();
        process.getInputStream().close();
        BufferedReader err = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8));
        URI browserWs = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (String line; browserWs == null && System.nanoTime() < deadline && (line = err.readLine()) != null; ) {
            Matcher m = LISTENING.matcher(line);
            if (m.find()) {
                browserWs = URI.create(m.group(1));
            }
        }
        if (browserWs == null) {
            throw new IOException("Chromium did not open its DevTools port");
        }
        Thread drain = new Thread(() -> err.lines().forEach(l -> { }), "chromium-stderr");
        drain.setDaemon(true);
        drain.start();
        HttpClient http = HttpClient.newHttpClient();
        URI list = URI.create("http://" + browserWs.getAuthority() + "/json/list");
        JsonNode targets = json.readTree(http.send(HttpRequest.newBuilder(list).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String pageWs = null;
        for (JsonNode t : targets) {
            if ("page".equals(t.path("type").asText())) {
                pageWs = t.path("webSocketDebuggerUrl").asText();
            }
        }
        if (pageWs == null) {
            throw new IOException("Chromium has no page to drive");
        }
        page = http.newWebSocketBuilder().buildAsync(URI.create(pageWs), new Listener()).get(10, TimeUnit.SECONDS);
    }

    private final class Listener implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();

        @Override
        public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                try {
                    JsonNode msg = json.readTree(partial.toString());
                    CompletableFuture<JsonNode> f = msg.has("id") ? waiting.remove(msg.get("id").asInt()) : null;
                    if (f != null) {
                        f.complete(msg);
                    }
                } catch (IOException e) {
                    // not a protocol message; ignore
                }
                partial.setLength(0);
            }
            ws.request(1);
            return null;
        }
    }

    private JsonNode call(String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        CompletableFuture<JsonNode> f = new CompletableFuture<>();
        waiting.put(id, f);
        ObjectNode msg = json.createObjectNode().put("id", id).put("method", method);
        msg.set("params", params);
        page.sendText(json.writeValueAsString(msg), true).get(10, TimeUnit.SECONDS);
        return f.get(20, TimeUnit.SECONDS);
    }

    /** Evaluates a JavaScript expression in the page and returns its value as text ("" when none). */
    String eval(String expression) throws Exception {
        JsonNode r = call("Runtime.evaluate", json.createObjectNode().put("expression", expression).put("returnByValue", true));
        return r.path("result").path("result").path("value").asText("");
    }

    void navigate(String url) throws Exception {
        call("Page.navigate", json.createObjectNode().put("url", url));
    }

    /**
     * Waits until the expression is true in the page. The page itself polls (a promise that resolves when the
     * expression holds); a navigation ends that promise with an error, and the next round waits in the new page.
     */
    void waitUntil(String expression, Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            long ms = Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime()));
            String promise = "new Promise(res => { const t0 = Date.now(); const f = () => { let ok = false; "
                    + "try { ok = !!(" + expression + "); } catch (e) { } "
                    + "if (ok) { res(true); } else if (Date.now() - t0 > " + ms + ") { res(false); } else { setTimeout(f, 100); } }; f(); })";
            JsonNode r = call("Runtime.evaluate", json.createObjectNode().put("expression", promise)
                    .put("awaitPromise", true).put("returnByValue", true));
            if (r.path("result").path("result").path("value").asBoolean(false)) {
                return;
            }
        }
        throw new IOException("Timed out waiting for " + expression + " at " + eval("location.href"));
    }

    /** Opens the authorize page, clicks the button with this id and returns where the browser lands. */
    URI clickThrough(String url, String buttonId) throws Exception {
        navigate(url);
        waitUntil("document.readyState === 'complete' && document.getElementById('" + buttonId + "')", Duration.ofSeconds(20));
        eval("document.getElementById('" + buttonId + "').click()");
        waitUntil("location.search.includes('integration_id') || location.search.includes('github_setup_error')",
                Duration.ofSeconds(20));
        return URI.create(eval("location.href"));
    }

    /**
     * Opens a page, clicks the button with this id once it is there, waits until {@code landed} (a JavaScript
     * expression) holds in the page the browser ends on, and returns that page's address.
     */
    URI clickThrough(String url, String buttonId, String landed) throws Exception {
        navigate(url);
        waitUntil("document.readyState === 'complete' && document.getElementById('" + buttonId + "')", Duration.ofSeconds(20));
        eval("document.getElementById('" + buttonId + "').click()");
        waitUntil(landed, Duration.ofSeconds(20));
        return URI.create(eval("location.href"));
    }

    @Override
    public void close() throws IOException {
        page.abort();
        process.destroy();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        process.destroyForcibly();
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
