package dev.hoglink.api.signin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hoglink.util.Redactor;
import dev.hoglink.util.Waits;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The redirect target of a desktop sign-in (RFC 8252 §7.3): an HTTP listener on 127.0.0.1 only, on a port
 * chosen at run time, that takes exactly one request on {@code /callback}, checks its {@code state}, answers a
 * plain page telling the admin to return to Hoglink, and stops. Other paths (a browser's favicon request) get a
 * 404 and do not count. The code is handed over only when the state matches; nothing of the query is logged.
 */
public final class LoopbackReceiver implements AutoCloseable {

    public static final String PATH = "/callback";

    /**
     * The JDK's HTTP server logs every request line, query and all (so the code), at its debug level. That
     * logger is held at INFO whatever the app's level, so a debug log never holds a code. Kept in a field so
     * the setting is not lost when the logger would otherwise be collected.
     */
    private static final java.util.logging.Logger JDK_SERVER_LOG = java.util.logging.Logger.getLogger("com.sun.net.httpserver");

    static {
        JDK_SERVER_LOG.setLevel(java.util.logging.Level.INFO);
    }

    /** What came back: a code, or an error from the authorization server. */
    public record Callback(String code, String error, String errorDescription) {
        @Override
        public String toString() {
            return "Callback[" + (code != null ? "code " + Redactor.MASK : "error " + error) + "]";
        }
    }

    private final HttpServer server;
    private final Pkce pkce;
    private final CompletableFuture<Callback> result = new CompletableFuture<>();
    private final AtomicBoolean taken = new AtomicBoolean();

    private LoopbackReceiver(HttpServer server, Pkce pkce) {
        this.server = server;
        this.pkce = pkce;
    }

    /**
     * Binds 127.0.0.1 on {@code port} (0: any free port) and starts listening.
     *
     * @throws OAuthException {@link OAuthException.Kind#PORT_UNAVAILABLE} when the port cannot be bound
     */
    public static LoopbackReceiver start(int port, Pkce pkce) {
        HttpServer s;
        try {
            s = HttpServer.create(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, 1}), port), 4);
        } catch (BindException e) {
            throw new OAuthException(OAuthException.Kind.PORT_UNAVAILABLE, "Hoglink could not listen on 127.0.0.1"
                    + (port == 0 ? "" : " port " + port) + " for the browser's answer (" + e.getMessage()
                    + "). A firewall or another program may hold it.");
        } catch (IOException e) {
            throw new OAuthException(OAuthException.Kind.PORT_UNAVAILABLE,
                    "Hoglink could not listen on 127.0.0.1 for the browser's answer (" + e.getMessage() + ").");
        }
        LoopbackReceiver r = new LoopbackReceiver(s, pkce);
        s.setExecutor(Executors.newSingleThreadExecutor(t -> {
            Thread th = new Thread(t, "signin-loopback");
            th.setDaemon(true);
            return th;
        }));
        s.createContext("/", r::handle);
        s.start();
        return r;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:<port>/callback}: the redirect URI of this sign-in. */
    public String redirectUri() {
        return "http://127.0.0.1:" + port() + PATH;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (!PATH.equals(ex.getRequestURI().getPath()) || !"GET".equals(ex.getRequestMethod())) {
                reply(ex, 404, "Not found", "This address only takes Hoglink's sign-in answer.");
                return;
            }
            if (!taken.compareAndSet(false, true)) {
                reply(ex, 409, "Already answered", "This sign-in already has its answer. Return to Hoglink.");
                return;
            }
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            if (!pkce.stateMatches(q.get("state"))) {
                reply(ex, 400, "Sign-in not accepted",
                        "This answer does not belong to the sign-in Hoglink started. Return to Hoglink and try again.");
                result.completeExceptionally(new OAuthException(OAuthException.Kind.STATE_MISMATCH,
                        "The browser came back with an answer that does not belong to this sign-in (its state does "
                                + "not match), so Hoglink ignored it. Start the sign-in again."));
            } else if (q.get("error") != null) {
                reply(ex, 200, "Sign-in not completed", "PostHog did not grant access. Return to Hoglink.");
                result.complete(new Callback(null, q.get("error"), q.get("error_description")));
            } else if (q.get("code") == null || q.get("code").isEmpty()) {
                reply(ex, 400, "Sign-in not completed", "The answer held no code. Return to Hoglink.");
                result.complete(new Callback(null, "invalid_request", "no code in the redirect"));
            } else {
                Redactor.register(q.get("code"));
                reply(ex, 200, "Signed in", "You are signed in. Return to Hoglink; you can close this tab.");
                result.complete(new Callback(q.get("code"), null, null));
            }
        }
    }

    /** Waits for the answer; {@link OAuthException.Kind#TIMED_OUT} after {@code timeout}. Stops listening either way. */
    public Callback await(Duration timeout) {
        try {
            return result.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new OAuthException(OAuthException.Kind.TIMED_OUT, "No answer came back from the browser within "
                    + Waits.span(timeout) + ". Start the sign-in again.");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new OAuthException(OAuthException.Kind.CANCELLED, "The sign-in was cancelled.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof OAuthException o) {
                throw o;
            }
            throw new OAuthException(OAuthException.Kind.CANCELLED, "The sign-in was cancelled.");
        } catch (java.util.concurrent.CancellationException e) {
            throw new OAuthException(OAuthException.Kind.CANCELLED, "The sign-in was cancelled.");
        } finally {
            close();
        }
    }

    /** Ends a wait in progress (the admin pressed Cancel). */
    public void cancel() {
        result.cancel(false);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new LinkedHashMap<>();
        if (raw == null) {
            return m;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            m.putIfAbsent(k, v);
        }
        return m;
    }

    private static void reply(HttpExchange ex, int status, String title, String text) throws IOException {
        String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + title
                + " · Hoglink</title></head><body style=\"font-family:sans-serif;max-width:36em;margin:4em auto\">"
                + "<h1>" + title + "</h1><p>" + text + "</p></body></html>";
        byte[] b = html.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.getResponseHeaders().set("Cache-Control", "no-store");
        ex.getResponseHeaders().set("Referrer-Policy", "no-referrer");
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream o = ex.getResponseBody()) {
            o.write(b);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
