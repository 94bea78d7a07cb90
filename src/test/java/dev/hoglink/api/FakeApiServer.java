package dev.hoglink.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A JDK HttpServer on 127.0.0.1, port 0, that answers scripted responses per "METHOD /path" (the last script
 * repeats) and records every request. Fixtures come from {@code src/test/resources/fixtures}; {@code {{base}}}
 * in a fixture becomes this server's address.
 */
final class FakeApiServer implements AutoCloseable {

    /** A request as the server saw it. */
    record Seen(String method, String path, String query, Map<String, List<String>> headers, String body) {
        String header(String name) {
            for (Map.Entry<String, List<String>> e : headers.entrySet()) {
                if (e.getKey() != null && e.getKey().equalsIgnoreCase(name)) {
                    return e.getValue().isEmpty() ? null : e.getValue().get(0);
                }
            }
            return null;
        }
    }

    /** What to do for one request. */
    interface Script {
        void run(HttpExchange ex, FakeApiServer server) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService pool = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "fake-posthog");
        t.setDaemon(true);
        return t;
    });
    private final Map<String, Deque<Script>> scripts = new HashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private final CountDownLatch release = new CountDownLatch(1);

    FakeApiServer() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(pool);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    /** {@code http://127.0.0.1:port} */
    String base() {
        return "http://127.0.0.1:" + port();
    }

    List<Seen> requests() {
        return List.copyOf(seen);
    }

    /** Queues scripts for "METHOD /path" (path without query); the last one keeps answering. */
    synchronized FakeApiServer on(String method, String path, Script... answers) {
        Deque<Script> q = scripts.computeIfAbsent(method + " " + path, k -> new ArrayDeque<>());
        for (Script s : answers) {
            q.addLast(s);
        }
        return this;
    }

    private synchronized Script next(String key) {
        Deque<Script> q = scripts.get(key);
        if (q == null || q.isEmpty()) {
            return null;
        }
        return q.size() > 1 ? q.pollFirst() : q.peekFirst();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readAllBytes();
        }
        String path = ex.getRequestURI().getRawPath();
        seen.add(new Seen(ex.getRequestMethod(), path, ex.getRequestURI().getRawQuery(),
                Map.copyOf(new HashMap<>(ex.getRequestHeaders())), new String(body, StandardCharsets.UTF_8)));
        Script s = next(ex.getRequestMethod() + " " + path);
        if (s == null) {
            s = json(404, "{\"type\":\"invalid_request\",\"code\":\"not_found\",\"detail\":\"Not found.\",\"attr\":null}");
        }
        s.run(ex, this);
    }

    // ------------------------------------------------------------------ scripts

    static String fixture(String name) {
        try (InputStream in = FakeApiServer.class.getResourceAsStream("/fixtures/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Script file(int status, String fixtureName, String... headers) {
        String text = fixture(fixtureName);
        return (ex, srv) -> send(ex, status, "application/json", text.replace("{{base}}", srv.base()), headers);
    }

    static Script json(int status, String body, String... headers) {
        return (ex, srv) -> send(ex, status, "application/json", body.replace("{{base}}", srv.base()), headers);
    }

    /** Like {@link #json}, with {@code {{auth}}} replaced by the request's Authorization header (a careless server). */
    static Script echoAuth(int status, String body, String... headers) {
        return (ex, srv) -> {
            String auth = ex.getRequestHeaders().getFirst("Authorization");
            String key = auth == null ? "" : auth.replace("Bearer ", "");
            send(ex, status, "application/json", body.replace("{{auth}}", key).replace("{{base}}", srv.base()), headers);
        };
    }

    static Script text(int status, String contentType, String body, String... headers) {
        return (ex, srv) -> send(ex, status, contentType, body, headers);
    }

    static Script empty(int status, String... headers) {
        return (ex, srv) -> {
            addHeaders(ex, headers);
            ex.sendResponseHeaders(status, -1);
            ex.close();
        };
    }

    /** Closes the connection without any answer (the client sees a reset / end of stream). */
    static Script drop() {
        return (ex, srv) -> {
            throw new IOException("fake server drops the connection");
        };
    }

    /** Never answers until the server is closed. */
    static Script hang() {
        return (ex, srv) -> {
            try {
                srv.release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        };
    }

    /** Sends headers and part of the body, then stalls. */
    static Script stallMidBody() {
        return (ex, srv) -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, 1000);
            OutputStream out = ex.getResponseBody();
            out.write("{\"id\": 4".getBytes(StandardCharsets.UTF_8));
            out.flush();
            try {
                srv.release.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            ex.close();
        };
    }

    /** A JSON body of roughly {@code bytes} bytes. */
    static Script huge(int bytes) {
        StringBuilder sb = new StringBuilder(bytes + 32).append("{\"id\":1,\"pad\":\"");
        while (sb.length() < bytes) {
            sb.append("xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx");
        }
        sb.append("\"}");
        String body = sb.toString();
        return json(200, body);
    }

    private static void send(HttpExchange ex, int status, String contentType, String body, String... headers)
            throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().add("Content-Type", contentType);
        addHeaders(ex, headers);
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    private static void addHeaders(HttpExchange ex, String... headers) {
        for (int i = 0; i + 1 < headers.length; i += 2) {
            ex.getResponseHeaders().add(headers[i], headers[i + 1]);
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        pool.shutdownNow();
    }

    static List<String> paths(List<Seen> seen) {
        List<String> out = new ArrayList<>();
        for (Seen s : seen) {
            out.add(s.method() + " " + s.path() + (s.query() == null ? "" : "?" + s.query()));
        }
        return out;
    }
}
