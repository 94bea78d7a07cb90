package dev.hoglink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client for a plain-http host (the sandbox, a self-hosted PostHog on this computer) builds no TLS machinery:
 * the JDK's HTTP client otherwise sets up a TLS context and its default parameters when it is built (some 180
 * classes of the TLS provider, more of certificates and crypto), all of it on the start-up path of the sandbox.
 * Checked in a JVM of its own, since this one has loaded TLS classes for other tests.
 */
class PlainHttpClientLoadsNoTlsTest {

    @TempDir
    Path dir;

    @Test
    void aClientForAnHttpHostLoadsNoTlsClassesWhenBuiltAndUsed() throws Exception {
        Path log = dir.resolve("classes.txt");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                PlainHttpProbe.class.getName());
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not end within 60 s");
        String out = Files.readString(dir.resolve("out.txt"));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("me=ada@acme.io"), "the request over http did not succeed: " + out);
        List<String> tls = Files.readAllLines(log).stream()
                .filter(l -> l.contains(" sun.security.ssl.")).toList();
        assertEquals(0, tls.size(), "TLS provider classes loaded for a plain-http client, the first: "
                + tls.subList(0, Math.min(5, tls.size())));
    }

    /** Builds a client for an http server on 127.0.0.1 and asks it for /api/users/@me/ once. */
    public static final class PlainHttpProbe {
        public static void main(String[] args) throws Exception {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
            server.createContext("/", ex -> {
                byte[] body = FakeApiServer.fixture("me.json").getBytes(StandardCharsets.UTF_8);
                ex.getResponseHeaders().add("Content-Type", "application/json");
                ex.sendResponseHeaders(200, body.length);
                try (OutputStream o = ex.getResponseBody()) {
                    o.write(body);
                }
            });
            server.start();
            try {
                PostHogClient client = PostHogClient.builder("http://127.0.0.1:" + server.getAddress().getPort(),
                        ApiKey.of("phx_" + "a".repeat(40))).build();
                System.out.println("me=" + client.me().email());
            } finally {
                server.stop(0);
            }
            System.exit(0);
        }
    }
}
