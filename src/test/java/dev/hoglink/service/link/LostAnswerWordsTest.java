package dev.hoglink.service.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.journal.ActionJournal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A link whose answer never comes is read back, and its result says so: PostHog did not answer in time, not "the
 * connection broke", which is another failure with other advice. Served for real on loopback: the link request is
 * held past the client's timeout; a connection closed mid-answer still reads as broken.
 */
class LostAnswerWordsTest {

    private static final Organization ACME = new Organization("0189-acme", "Acme", "acme", Organization.OWNER);
    private static final Project CHECKOUT = new Project(108, "Checkout", ACME.id(), Instant.EPOCH);
    private static final InstallationOption OPTION =
            new InstallationOption("12345678", "acme-gh", null, 101L, "Web", null);
    private static final String EMPTY = "{\"count\": 0, \"next\": null, \"previous\": null, \"results\": []}";

    @TempDir
    Path home;
    private HttpServer server;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile boolean closeMidAnswer;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::serve);
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop(0);
    }

    private void serve(HttpExchange x) throws IOException {
        if (x.getRequestURI().getPath().endsWith("/link_existing/")) {
            x.getRequestBody().readAllBytes();
            if (closeMidAnswer) {
                x.sendResponseHeaders(201, 500); // promises 500 bytes, sends a few, closes
                x.getResponseBody().write("{\"id\": 9".getBytes(StandardCharsets.US_ASCII));
                x.getResponseBody().flush();
                x.close();
                return;
            }
            try {
                release.await(20, TimeUnit.SECONDS); // no answer within the client's timeout
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
            return;
        }
        byte[] body = EMPTY.getBytes(StandardCharsets.UTF_8); // the read-back: not linked
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(200, body.length);
        x.getResponseBody().write(body);
        x.close();
    }

    private LinkService service() {
        String base = "http://127.0.0.1:" + server.getAddress().getPort();
        PostHogClient client = PostHogClient.builder(base, ApiKey.of("phx_" + "t".repeat(40)))
                .requestTimeout(Duration.ofSeconds(1)).connectTimeout(Duration.ofSeconds(2))
                .retryPolicy(RetryPolicy.none()).rateLimiter(RateLimiter.unlimited()).build();
        ActionJournal journal = new ActionJournal(home.resolve(ActionJournal.FILE_NAME), Clock.systemUTC());
        return new LinkService(client, journal, base);
    }

    private LinkResult link() {
        return service().linkOne(new LinkService.Target(ACME, CHECKOUT), OPTION);
    }

    /**
     * The user's later "Check again" of a link whose answer was lost reads what PostHog shows now, not "right after".
     * On the old code it said "when Hoglink read it right after", minutes after.
     */
    @Test
    void aLaterCheckSaysWhatPostHogShowsNowNotRightAfter() {
        LinkResult r = service().confirmLink(new LinkService.Target(ACME, CHECKOUT), OPTION.installationId(),
                OPTION.accountName());
        assertEquals(LinkResult.Kind.NOT_LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, r.kind(), r.message());
        assertEquals("PostHog shows Checkout not linked to acme-gh (id 12345678): the change was not made. Nothing "
                + "was sent again.", r.message());
    }

    @Test
    void aLinkWithoutAnAnswerInTimeSaysSoNotThatTheConnectionBroke() {
        LinkResult r = link();
        assertEquals(LinkResult.Kind.NOT_LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, r.kind(), r.message());
        assertTrue(r.message().startsWith("PostHog did not answer in time after the request was sent. PostHog showed "
                + "Checkout not linked to acme-gh (id 12345678) when Hoglink read it right after. It was not sent "
                + "again. PostHog may still have been working on it, so reload before trying again."), r.message());
        assertTrue(!r.message().contains("nothing changed"), "a read right after a timeout does not prove it");
    }

    @Test
    void aLinkWhoseAnswerIsCutOffSaysTheConnectionBroke() {
        closeMidAnswer = true;
        LinkResult r = link();
        assertEquals(LinkResult.Kind.NOT_LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, r.kind(), r.message());
        assertTrue(r.message().startsWith("The connection broke after the request was sent. PostHog showed Checkout "
                + "not linked to acme-gh"), r.message());
    }
}
