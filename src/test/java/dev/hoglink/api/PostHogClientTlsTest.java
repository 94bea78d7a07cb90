package dev.hoglink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** An https server with a self-signed certificate (test resource, CN=localhost, SAN 127.0.0.1). */
class PostHogClientTlsTest {

    private HttpsServer server;
    private ExecutorService pool;
    private KeyStore keyStore;
    private final AtomicInteger handled = new AtomicInteger();
    private final FakeTime time = new FakeTime();

    @BeforeEach
    void start() throws Exception {
        keyStore = KeyStore.getInstance("PKCS12");
        try (InputStream in = getClass().getResourceAsStream("/tls/self-signed.p12")) {
            keyStore.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keyStore, "changeit".toCharArray());
        SSLContext serverCtx = SSLContext.getInstance("TLS");
        serverCtx.init(kmf.getKeyManagers(), null, null);
        server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        server.setHttpsConfigurator(new HttpsConfigurator(serverCtx));
        pool = Executors.newFixedThreadPool(2);
        server.setExecutor(pool);
        server.createContext("/", ex -> {
            handled.incrementAndGet();
            byte[] body = FakeApiServer.fixture("me.json").getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
        pool.shutdownNow();
    }

    private String base() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    @Test
    void untrustedCertificateIsATlsErrorWithNoBypassAndNoRetry() {
        PostHogClient c = ClientFixtures.builder(base(), time).build();
        NetworkException e = assertThrows(NetworkException.class, c::me);
        assertTrue(e.tls(), e.getMessage());
        assertFalse(e.mayHaveReachedServer());
        assertEquals(NetworkFailure.TLS_UNTRUSTED, e.failure(), e.getMessage());
        assertTrue(e.userMessage().contains("Hoglink never skips that check"), e.userMessage());
        assertEquals(0, handled.get(), "no request got through");
        assertEquals(1, c.stats().requestsSent());
    }

    @Test
    void certificateTrustedThroughAnInjectedSslContextWorks() throws Exception {
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(keyStore);
        SSLContext clientCtx = SSLContext.getInstance("TLS");
        clientCtx.init(null, tmf.getTrustManagers(), null);
        PostHogClient c = ClientFixtures.builder(base(), time).sslContext(clientCtx).build();
        assertEquals(42L, c.me().id());
        assertEquals(1, handled.get());
    }

    @Test
    void aTrustedCertificateMadeOutToAnotherNameIsToldAsSuch() throws Exception {
        // The same server answering on every local address; its certificate names 127.0.0.1 only.
        HttpsServer wide = HttpsServer.create(new InetSocketAddress(0), 10);
        wide.setHttpsConfigurator(server.getHttpsConfigurator());
        wide.setExecutor(pool);
        wide.createContext("/", ex -> {
            handled.incrementAndGet();
            ex.sendResponseHeaders(500, -1);
            ex.close();
        });
        wide.start();
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(keyStore);
            SSLContext clientCtx = SSLContext.getInstance("TLS");
            clientCtx.init(null, tmf.getTrustManagers(), null);
            PostHogClient c = ClientFixtures.builder("https://127.0.0.2:" + wide.getAddress().getPort(), time)
                    .sslContext(clientCtx).build();
            NetworkException e = assertThrows(NetworkException.class, c::me);
            assertEquals(NetworkFailure.TLS_NAME_MISMATCH, e.failure(), e.getMessage());
            assertTrue(e.userMessage().contains("is made out to another name"), e.userMessage());
            assertEquals(0, handled.get(), "no request got through");
        } finally {
            wide.stop(0);
        }
    }

    @Test
    void anHttpsClientUsesTheDefaultTrustStore() throws Exception {
        PostHogClient c = ClientFixtures.builder(base(), time).build();
        assertSame(SSLContext.getDefault(), c.httpClient().sslContext());
    }

    @Test
    void aPlainHttpLoopbackClientTrustsNoCertificateAtAll() throws Exception {
        PostHogClient c = ClientFixtures.builder("http://127.0.0.1:" + server.getAddress().getPort(), time).build();
        SSLContext ctx = c.httpClient().sslContext();
        assertNotSame(SSLContext.getDefault(), ctx, "the default trust store is not loaded for a plain-http client");
        // Were it ever used for TLS, its trust manager would refuse every server.
        assertThrows(Exception.class, () -> handshake(ctx));
    }

    /** One TLS handshake with the test server through {@code ctx}. */
    private void handshake(SSLContext ctx) throws Exception {
        try (javax.net.ssl.SSLSocket socket = (javax.net.ssl.SSLSocket) ctx.getSocketFactory()
                .createSocket(InetAddress.getLoopbackAddress(), server.getAddress().getPort())) {
            socket.setSoTimeout(5_000);
            socket.startHandshake();
        }
    }
}
