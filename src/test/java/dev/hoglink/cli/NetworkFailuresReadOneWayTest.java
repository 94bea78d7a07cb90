package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.hoglink.api.ApiException;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.InvalidResponseException;
import dev.hoglink.api.NetworkException;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.connection.ConnectionService;
import dev.hoglink.util.AppDirs;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of network failure, provoked for real on loopback, reads one way: in a project's row (the request's own
 * message, as the inventory's rows, the bulk link result and the detail pane show it), above everything (the
 * connection dialog's message) and on the command line ({@code hoglink audit}). The host is named, the advice is the
 * kind's own, and the key never shows.
 */
class NetworkFailuresReadOneWayTest {

    private static final ApiKey KEY = ApiKey.of("phx_CANARY" + "k".repeat(36));

    @TempDir
    Path home;

    private final RawLoopback servers = new RawLoopback();

    @AfterEach
    void close() throws Exception {
        servers.close();
    }

    /** The three texts for one failure; all must be the same sentence, which is returned. */
    private String oneSentence(String base, SSLContext trust, Duration timeout, Class<? extends ApiException> type) {
        PostHogHost host = PostHogHost.parse(base);
        ConnectionService connection = new ConnectionService((h, k) -> client(h, k, trust, timeout));
        ApiException e = assertThrows(type, () -> client(host, KEY, trust, timeout).me());
        return OneSentence.of(host, e, connection.test(host, KEY));
    }

    private static PostHogClient client(PostHogHost h, ApiKey k, SSLContext trust, Duration timeout) {
        PostHogClient.Builder b = PostHogClient.builder(h.url(), k).requestTimeout(timeout)
                .connectTimeout(Duration.ofSeconds(2)).retryPolicy(RetryPolicy.none())
                .rateLimiter(RateLimiter.unlimited());
        if (trust != null) {
            b.sslContext(trust);
        }
        return b.build();
    }

    private static final Duration PATIENT = Duration.ofSeconds(5);

    /** {@code hoglink audit} against {@code base}: what it printed. */
    private String cli(String base) {
        CliRun r = CliRun.audit(Map.of(AuditCommand.KEY_VARIABLE, KEY.reveal()), AppDirs.under(home), "--host", base,
                "--org", "any");
        assertEquals(1, r.code(), r.err());
        assertFalse(r.err().contains("CANARY"), r.err());
        return r.err().strip();
    }

    @Test
    void aServerThatNeverAnswers() throws IOException {
        int port = raw(s -> {
            // Holds the connection open and says nothing.
        });
        String text = oneSentence("http://127.0.0.1:" + port, null, Duration.ofMillis(300), NetworkException.class);
        assertEquals("127.0.0.1:" + port + " did not answer in time. Check your network, VPN or proxy and the "
                + "address, then try again.", text);
    }

    @Test
    void aConnectionResetMidBody() throws IOException {
        int port = raw(s -> {
            readHead(s);
            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                    + "{\"id\": 42, \"email\": ").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.setSoLinger(true, 0);
            s.close();
        });
        String base = "http://127.0.0.1:" + port;
        String text = oneSentence(base, null, PATIENT, NetworkException.class);
        assertEquals("The connection to 127.0.0.1:" + port + " broke after it was made. The server was reached, then "
                + "the connection was reset or closed before a whole answer came. Try again; if it keeps happening, "
                + "check a proxy, VPN or firewall on the way and that the port is PostHog's.", text);
        assertEquals("hoglink audit: " + text, cli(base));
    }

    @Test
    void aProxysHtmlPage() throws IOException {
        byte[] page = "<html><body><h1>Sign in to the proxy</h1></body></html>".getBytes(StandardCharsets.US_ASCII);
        int port = raw(s -> {
            readHead(s);
            s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + page.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().write(page);
            s.getOutputStream().flush();
            s.close();
        });
        String base = "http://127.0.0.1:" + port;
        String text = oneSentence(base, null, PATIENT, InvalidResponseException.class);
        assertEquals(base + " does not look like PostHog. It answered, but not with PostHog's API (a proxy's or another "
                + "site's page, for example). Use the address you open PostHog at in your browser, without a path: for "
                + "PostHog Cloud https://us.posthog.com or https://eu.posthog.com.", text);
        assertEquals("hoglink audit: " + text, cli(base));
    }

    @Test
    void aNameThatDoesNotResolve() {
        String text = oneSentence("https://nothing-here.invalid", null, PATIENT, NetworkException.class);
        assertEquals("Cannot reach nothing-here.invalid. The name was not found or the connection was refused. Check "
                + "the address and your network.", text);
        assertEquals("hoglink audit: " + text, cli("https://nothing-here.invalid"));
    }

    @Test
    void aSelfSignedCertificate() throws Exception {
        String base = "https://127.0.0.1:" + https(InetAddress.getLoopbackAddress());
        String text = oneSentence(base, null, PATIENT, NetworkException.class);
        assertEquals("The certificate of " + base.substring(8) + " is not trusted. It is self-signed, expired or from "
                + "an authority this computer does not trust, and Hoglink never skips that check. Check the address; "
                + "if your PostHog uses a certificate from a private authority, add that authority to the trust store "
                + "of the Java runtime Hoglink uses.", text);
        assertEquals("hoglink audit: " + text, cli(base));
    }

    @Test
    void aCertificateForAnotherName() throws Exception {
        // The certificate names localhost and 127.0.0.1; 127.0.0.2 is loopback too, but not a name it holds.
        InetAddress other = InetAddress.getByName("127.0.0.2");
        String base = "https://127.0.0.2:" + https(other);
        String text = oneSentence(base, trustingTheTestCertificate(), PATIENT, NetworkException.class);
        assertEquals("The certificate of " + base.substring(8) + " is made out to another name. Hoglink never skips "
                + "that check. Use the address the certificate names, the one you open PostHog at in your browser.",
                text);
    }

    @Test
    void aPortThatDoesNotSpeakTls() throws IOException {
        int port = raw(s -> {
            s.getInputStream().read(new byte[512]); // the client's hello, read as if it were an HTTP request
            s.getOutputStream().write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            s.getOutputStream().flush();
            s.close();
        });
        String base = "https://127.0.0.1:" + port;
        String text = oneSentence(base, null, PATIENT, NetworkException.class);
        assertEquals("The secure connection to 127.0.0.1:" + port + " failed. The server did not complete a TLS "
                + "handshake. Check the address and that this port serves https, not plain http; Hoglink never skips "
                + "certificate checks.", text);
        assertEquals("hoglink audit: " + text, cli(base));
    }

    // ---------------------------------------------------------------- servers

    private int raw(RawLoopback.Handler handler) throws IOException {
        return servers.serve(handler);
    }

    private static void readHead(Socket s) throws IOException {
        RawLoopback.readHead(s);
    }

    private static KeyStore testKeyStore() throws Exception {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = NetworkFailuresReadOneWayTest.class.getResourceAsStream("/tls/self-signed.p12")) {
            ks.load(in, "changeit".toCharArray());
        }
        return ks;
    }

    /** An https server with the test's self-signed certificate (CN=localhost, SAN localhost and 127.0.0.1). */
    private int https(InetAddress on) throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(testKeyStore(), "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        HttpsServer server = HttpsServer.create(new InetSocketAddress(on, 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(ctx));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        server.start();
        servers.onClose(() -> {
            server.stop(0);
            pool.shutdownNow();
        });
        return server.getAddress().getPort();
    }

    private static SSLContext trustingTheTestCertificate() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(testKeyStore());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
