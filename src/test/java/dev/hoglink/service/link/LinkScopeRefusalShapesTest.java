package dev.hoglink.service.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.sun.net.httpserver.HttpServer;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.model.Capabilities;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Project;
import dev.hoglink.service.journal.ActionJournal;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link refused with 403 as PostHog words it (fixtures/posthog, served on loopback to the real client): the missing
 * integration:write scope is the credential's, so it holds the rest of a bulk run, in the window's read-only words;
 * a 403 for the project's own reason (not a project admin) holds nothing (docs/api-notes.md NJ4).
 */
class LinkScopeRefusalShapesTest {

    @TempDir
    Path tmp;
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private LinkService answering403With(String fixture) throws Exception {
        byte[] body;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/posthog/" + fixture)) {
            body = in.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/projects/108/integrations/github/link_existing/", ex -> {
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(403, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        PostHogClient client = PostHogClient.builder(base, ApiKey.of("phx_testKey0123456789abcdefABCDEF"))
                .retryPolicy(RetryPolicy.none()).rateLimiter(RateLimiter.unlimited()).build();
        return new LinkService(client, new ActionJournal(tmp.resolve("journal.jsonl"), Clock.systemUTC()), base);
    }

    private static LinkResult link(LinkService links) {
        return links.linkOne(new LinkService.Target(null, new Project(108, "Checkout", "org", null)),
                new InstallationOption("10000001", "acme", dev.hoglink.model.AccountType.ORGANIZATION, 101L, "Web", null));
    }

    @Test
    void aMissingIntegrationWriteScopeHoldsTheRestInTheReadOnlyWords() throws Exception {
        LinkResult r = link(answering403With("error-403-missing-integration-write.json"));
        assertEquals(LinkResult.Kind.MISSING_SCOPE, r.kind(), r.message());
        assertEquals("integration:write", r.missingScope());
        assertEquals(Capabilities.READ_ONLY, r.message());
        assertEquals("Not sent: " + Capabilities.READ_ONLY, PlanService.holdAfter(r, "Checkout"));
    }

    /**
     * A server where Checkout has PostHog's fixture rows and every change is refused 403 with {@code fixture}: the
     * link_existing request and the delete of a row alike.
     */
    private LinkService refusingChangesWith(String fixture) throws Exception {
        byte[] refusal;
        byte[] rows;
        try (InputStream in = getClass().getResourceAsStream("/fixtures/posthog/" + fixture);
             InputStream list = getClass().getResourceAsStream("/fixtures/posthog/integrations.json")) {
            refusal = in.readAllBytes();
            rows = list.readAllBytes();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/api/projects/108/integrations/", ex -> {
            boolean read = "GET".equals(ex.getRequestMethod());
            byte[] body = read ? rows : refusal;
            ex.getResponseHeaders().add("Content-Type", "application/json");
            ex.sendResponseHeaders(read ? 200 : 403, body.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        PostHogClient client = PostHogClient.builder(base, ApiKey.of("phx_testKey0123456789abcdefABCDEF"))
                .retryPolicy(RetryPolicy.none()).rateLimiter(RateLimiter.unlimited()).build();
        return new LinkService(client, new ActionJournal(tmp.resolve("journal.jsonl"), Clock.systemUTC()), base);
    }

    private static UnlinkResult unlink(LinkService links) {
        LinkService.Target checkout = new LinkService.Target(null, new Project(108, "Checkout", "org", null));
        return links.unlink(checkout, links.links(108).get(0));
    }

    /** A link and an unlink refused for one missing scope read the same, but for what each needs it for. */
    @Test
    void aLinkAndAnUnlinkRefusedForAMissingScopeSayItInTheSameWords() throws Exception {
        LinkService links = refusingChangesWith("error-403-missing-integration-write.json");
        assertEquals(Capabilities.READ_ONLY, link(links).message());
        assertEquals(Capabilities.READ_ONLY, unlink(links).message());
        server.stop(0);

        links = refusingChangesWith("error-403-missing-scope.json");
        String remedy = " needs. Add it to the key in PostHog (Settings › Personal API keys) or use a key that has it.";
        assertEquals("The API key lacks the scope 'integration:read', which linking" + remedy, link(links).message());
        UnlinkResult u = unlink(links);
        assertEquals(UnlinkResult.Kind.MISSING_SCOPE, u.kind(), u.message());
        assertEquals("The API key lacks the scope 'integration:read', which unlinking" + remedy, u.message());
    }

    @Test
    void aRefusalForTheProjectsOwnReasonHoldsNothing() throws Exception {
        LinkResult r = link(answering403With("error-403-prepare-callback-member.json"));
        assertEquals(LinkResult.Kind.FORBIDDEN, r.kind(), r.message());
        assertNull(PlanService.holdAfter(r, "Checkout"));
    }
}
