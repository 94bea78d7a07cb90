package dev.hoglink.service.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.model.InstallRequest;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The install-request service over the answers PostHog's own frontend test mocks give
 * (frontend/src/lib/integrations/githubInstallRequestsLogic.test.ts: an {@code install_url} of null, a DELETE 404
 * whose body is {@code {"detail": …}} only), and over the DRF-shaped ones (fixtures/posthog, docs/api-notes.md NE1,
 * NI1), served on loopback to the real client.
 */
class InstallRequestShapesTest {

    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private InstallRequestService serving(String method, String fixture, int status) throws Exception {
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/posthog/" + fixture)) {
            body = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/users/@me/integrations/github/install_requests/", ex -> {
            boolean match = ex.getRequestMethod().equals(method);
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(match ? status : 405, match ? body.length : -1);
            try (OutputStream out = ex.getResponseBody()) {
                if (match) {
                    out.write(body);
                }
            }
        });
        server.start();
        return new InstallRequestService(PostHogClient.builder("http://127.0.0.1:" + server.getAddress().getPort(),
                        ApiKey.of("phx_testKey0123456789abcdefABCDEF"))
                .retryPolicy(RetryPolicy.none()).rateLimiter(RateLimiter.unlimited()).build());
    }

    @Test
    void eachStatusNewestFirstWithTheInstallUrl() throws Exception {
        InstallRequest.Listing l = serving("GET", "github-install-requests.json", 200).list();
        assertTrue(l.supported());
        assertEquals(List.of(InstallRequest.Status.PENDING, InstallRequest.Status.APPROVED,
                InstallRequest.Status.UNIDENTIFIED), l.requests().stream().map(InstallRequest::status).toList());
        assertEquals("https://github.com/apps/posthog/installations/new", l.installUrl().orElseThrow().toString());
    }

    @Test
    void aNullInstallUrlAsTheFrontendMockHasItIsNoAddress() throws Exception {
        InstallRequest.Listing l = serving("GET", "github-install-requests-frontend-mock.json", 200).list();
        assertEquals(1, l.requests().size());
        assertEquals("octocat", l.requests().get(0).githubLogin());
        assertTrue(l.installUrl().isEmpty());
    }

    @Test
    void dismissingOneAlreadyGoneIsDismissedWithEitherBodyOf404() throws Exception {
        assertFalse(serving("DELETE", "error-404-detail-only.json", 404).dismiss("018f0000-0000-7000-8000-000000000001"));
        server.stop(0);
        assertFalse(serving("DELETE", "error-404-install-request.json", 404).dismiss("018f0000-0000-7000-8000-000000000001"));
    }
}
