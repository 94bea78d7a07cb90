package dev.hoglink.service.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.model.InstallRequest;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
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

    @org.junit.jupiter.api.io.TempDir
    java.nio.file.Path tmp;

    /** The action journal the service writes each dismissal to (a folder where it can write, by default). */
    private java.nio.file.Path journalFile;

    private ActionJournal journal() {
        return new ActionJournal(journalFile == null ? tmp.resolve("journal.jsonl") : journalFile,
                java.time.Clock.fixed(java.time.Instant.parse("2026-05-02T10:00:00Z"), java.time.ZoneOffset.UTC));
    }

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
                .retryPolicy(RetryPolicy.none()).rateLimiter(RateLimiter.unlimited()).build(), journal(),
                "http://127.0.0.1:" + server.getAddress().getPort());
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
        assertFalse(serving("DELETE", "error-404-detail-only.json", 404).dismiss("018f0000-0000-7000-8000-000000000001").wasThere());
        server.stop(0);
        assertFalse(serving("DELETE", "error-404-install-request.json", 404).dismiss("018f0000-0000-7000-8000-000000000001").wasThere());
        // each is journaled as already removed: no longer in PostHog's list, but not dismissed by Hoglink
        List<JournalEntry> entries = journal().readAll().entries();
        assertEquals(2, entries.size());
        for (JournalEntry e : entries) {
            assertEquals(JournalEntry.Action.DISMISS_INSTALL_REQUEST, e.action());
            assertEquals(JournalEntry.Outcome.ALREADY_REMOVED, e.outcome());
            assertTrue(e.outcome().settled() && !e.outcome().failed(), "settled, and no failure");
            assertTrue(e.message().contains("018f0000-0000-7000-8000-000000000001") && e.message().contains("already gone"),
                    e.message());
        }
    }

    private static final InstallRequest ACME = new InstallRequest("018f0000-0000-7000-8000-000000000002",
            InstallRequest.Status.PENDING, "ada-gh", "55555", "acme-labs", "Organization", null, null);

    @Test
    void aDismissalIsJournaledWithWhereAndWhichRequest() throws Exception {
        InstallRequestService s = serving("DELETE", "error-404-detail-only.json", 204);
        InstallRequestService.Dismissal d = s.dismiss(ACME);
        assertTrue(d.wasThere());
        assertEquals(null, d.journalProblem());
        JournalEntry e = journal().readAll().entries().get(0);
        assertEquals(JournalEntry.Action.DISMISS_INSTALL_REQUEST, e.action());
        assertEquals("dismiss_install_request", e.action().wireName());
        assertEquals(JournalEntry.Outcome.OK, e.outcome());
        assertEquals("http://127.0.0.1:" + server.getAddress().getPort(), e.host());
        assertEquals("55555", e.installationId());
        assertEquals("install request 018f0000-0000-7000-8000-000000000002 for acme-labs: dismissed", e.message());
        assertTrue(java.nio.file.Files.readString(tmp.resolve("journal.jsonl")).contains("\"dismiss_install_request\""));
    }

    @Test
    void aRefusedDismissalIsJournaledAsFailedAndStillReported() throws Exception {
        InstallRequestService s = serving("DELETE", "error-500-bare.json", 500);
        assertThrows(dev.hoglink.service.ServiceException.class, () -> s.dismiss(ACME));
        JournalEntry e = journal().readAll().entries().get(0);
        assertEquals(JournalEntry.Outcome.FAILED, e.outcome());
        assertTrue(e.message().endsWith("refused (PostHog 500)"), e.message());
    }

    @Test
    void aDismissalTheJournalCannotTakeSaysSo() throws Exception {
        journalFile = tmp.resolve("not-a-folder.txt").resolve("journal.jsonl");
        java.nio.file.Files.writeString(tmp.resolve("not-a-folder.txt"), "a file where the journal's folder should be");
        InstallRequestService.Dismissal d = serving("DELETE", "error-404-detail-only.json", 204).dismiss(ACME);
        assertTrue(d.wasThere(), "PostHog dismissed it");
        assertTrue(d.journalProblem() != null && d.journalProblem().startsWith("It could not be written to the action journal"),
                String.valueOf(d.journalProblem()));
    }
}
