package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.hoglink.util.AppDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer in JSON but not in PostHog's shape makes {@code hoglink audit} and {@code hoglink link} say "report this
 * with the log" (NetworkFailure.WRONG_SHAPE). The log must then hold what was wrong: the request and the field Jackson
 * could not read, for a whole command that failed and for one project of an audit, and never the key. Served for real
 * on loopback.
 */
class FailureDetailsInLogTest {

    private static final String KEY = "phx_CANARY" + "q".repeat(36);
    private static final String ORGS = "{\"count\": 1, \"next\": null, \"previous\": null, \"results\": [{\"id\": "
            + "\"org-1\", \"name\": \"Acme\", \"slug\": \"acme\", \"membership_level\": 8}]}";

    @TempDir
    Path home;
    private HttpServer server;
    private volatile boolean orgsOfAnotherShape;
    private dev.hoglink.support.LogCapture capture;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::serve);
        server.start();
        capture = dev.hoglink.support.LogCapture.asTheLogFile();
    }

    @AfterEach
    void stop() {
        capture.close();
        server.stop(0);
    }

    private void serve(HttpExchange x) throws IOException {
        String path = x.getRequestURI().getPath();
        int status = 200;
        String body;
        if (path.equals("/api/organizations/")) {
            // "results" an object: JSON, but not a page of organizations.
            body = orgsOfAnotherShape ? "{\"count\": 1, \"next\": null, \"previous\": null, \"results\": "
                    + "{\"id\": \"org-1\"}}" : ORGS;
        } else if (path.equals("/api/organizations/org-1/")) {
            body = "{\"id\": \"org-1\", \"name\": \"Acme\", \"slug\": \"acme\", \"membership_level\": 8}";
        } else if (path.equals("/api/organizations/org-1/projects/")) {
            body = "{\"count\": 2, \"next\": null, \"previous\": null, \"results\": [{\"id\": 101, \"organization\": "
                    + "\"org-1\", \"name\": \"Web\"}, {\"id\": 102, \"organization\": \"org-1\", \"name\": \"Mobile\"}]}";
        } else if (path.equals("/api/projects/101/integrations/")) {
            // The key echoed back where a number belongs: the parser's message quotes it, and the log must not.
            String echoed = x.getRequestHeaders().getFirst("Authorization");
            body = "{\"count\": 1, \"next\": null, \"previous\": null, \"results\": [{\"id\": \"" + echoed
                    + "\", \"kind\": \"github\"}]}";
        } else if (path.equals("/api/projects/102/integrations/")) {
            body = "{\"count\": 0, \"next\": null, \"previous\": null, \"results\": []}";
        } else {
            status = 404;
            body = "{\"type\": \"invalid_request\", \"code\": \"not_found\", \"detail\": \"Not found.\", \"attr\": null}";
        }
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        x.getResponseHeaders().set("Content-Type", "application/json");
        x.sendResponseHeaders(status, bytes.length);
        x.getResponseBody().write(bytes);
        x.close();
    }

    private String base() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    private String log() {
        return capture.text();
    }

    @Test
    void anAuditThatFailsLogsWhichRequestAndWhichField() {
        orgsOfAnotherShape = true;
        failedWithRequestAndFieldLogged(CliRun.audit(Map.of(AuditCommand.KEY_VARIABLE, KEY), AppDirs.under(home),
                "--host", base(), "--org", "org-1"));
    }

    private void failedWithRequestAndFieldLogged(CliRun r) {
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().contains("report this with the log"), r.err());
        String log = log();
        assertTrue(log.contains("GET /api/organizations/?limit=100 -> 200"), log);
        assertTrue(log.contains("results"), "the field Jackson could not read: " + log);
        assertFalse(log.contains("CANARY"), log);
    }

    @Test
    void aLinkPlanThatFailsLogsWhichRequestAndWhichField() {
        orgsOfAnotherShape = true;
        failedWithRequestAndFieldLogged(CliRun.link(Map.of(AuditCommand.KEY_VARIABLE, KEY), AppDirs.under(home),
                "--plan", "--host", base(), "--installation", "12345678", "--org", "org-1"));
    }

    @Test
    void aProjectTheAuditCouldNotReadLogsWhichRequest() {
        CliRun r = CliRun.audit(Map.of(AuditCommand.KEY_VARIABLE, KEY), AppDirs.under(home), "--host", base(),
                "--org", "org-1", "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("report this with the log"), r.out());
        String line = log().lines().filter(l -> l.contains("links of project 101 unreadable")).findFirst()
                .orElse("no line for project 101 in: " + log());
        assertTrue(line.contains("GET /api/projects/101/integrations/?kind=github&limit=100 -> 200"), line);
        assertTrue(line.contains("IntegrationDto[\"id\"]"), "the field Jackson could not read: " + line);
        assertFalse(log().contains("CANARY"), log());
    }
}
