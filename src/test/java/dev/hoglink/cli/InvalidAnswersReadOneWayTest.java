package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.InvalidResponseException;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.connection.ConnectionService;
import dev.hoglink.util.AppDirs;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of answer that is not a usable PostHog answer, served for real on loopback, reads one way: in a project's
 * row (the request's own message, as the inventory's rows, the bulk link result and the detail pane show it), above
 * everything (the connection dialog's message) and on the command line ({@code hoglink audit}). The host is named, the
 * advice is the kind's own, a redirect to another host says the key was not sent there, and the key never shows.
 */
class InvalidAnswersReadOneWayTest {

    private static final ApiKey KEY = ApiKey.of("phx_CANARY" + "v".repeat(36));
    private static final String USER = "{\"id\": 1, \"uuid\": \"u-1\", \"email\": \"ada@example.com\", "
            + "\"first_name\": \"Ada\", \"last_name\": \"L\", \"organizations\": []}";

    @TempDir
    Path home;

    private final RawLoopback servers = new RawLoopback();

    @AfterEach
    void close() throws Exception {
        servers.close();
    }

    /**
     * The texts for one answer: the row's (what {@code call} throws), the connection dialog's and {@code hoglink
     * audit}'s must be one sentence, without the key; it is returned.
     */
    private String oneSentence(String base, Consumer<PostHogClient> call) {
        PostHogHost host = PostHogHost.parse(base);
        ConnectionService connection = new ConnectionService(InvalidAnswersReadOneWayTest::client);
        InvalidResponseException e = assertThrows(InvalidResponseException.class, () -> call.accept(client(host, KEY)));
        String text = OneSentence.of(host, e, connection.test(host, KEY));
        CliRun r = CliRun.audit(Map.of(AuditCommand.KEY_VARIABLE, KEY.reveal()), AppDirs.under(home), "--host", base,
                "--org", "any");
        assertEquals(1, r.code(), r.err());
        assertFalse(r.err().contains("CANARY") || r.out().contains("CANARY"), r.err());
        assertEquals("hoglink audit: " + text, r.err().strip());
        return text;
    }

    private static PostHogClient client(PostHogHost h, ApiKey k) {
        return PostHogClient.builder(h.url(), k).requestTimeout(Duration.ofSeconds(10))
                .connectTimeout(Duration.ofSeconds(2)).retryPolicy(RetryPolicy.none())
                .rateLimiter(RateLimiter.unlimited()).build();
    }

    @Test
    void aRedirectToAnotherHost() throws IOException {
        AtomicInteger reachedElsewhere = new AtomicInteger();
        int elsewhere = raw(s -> reachedElsewhere.incrementAndGet());
        int port = raw(s -> {
            String head = readHead(s);
            // Puts the key the request carried into the address, as a hostile server would.
            String auth = head.lines().filter(l -> l.regionMatches(true, 0, "Authorization:", 0, 14)).findFirst()
                    .orElse("").replaceAll("(?i)authorization: *bearer *", "");
            answer(s, "302 Found", "Location: http://127.0.0.1:" + elsewhere + "/api/users/@me/?k=" + auth + "\r\n",
                    "", new byte[0]);
        });
        String base = "http://127.0.0.1:" + port;
        String text = oneSentence(base, PostHogClient::me);
        assertEquals("127.0.0.1:" + port + " sent Hoglink on to http://127.0.0.1:" + elsewhere + ", and Hoglink did "
                + "not follow. Your API key was not sent to http://127.0.0.1:" + elsewhere + ". If that is the address "
                + "you open PostHog at, use it as the host; otherwise check the address.", text);
        assertEquals(0, reachedElsewhere.get(), "nothing went to the other address");
    }

    @Test
    void redirectsThatNeverEndOnTheSameHost() throws IOException {
        int port = answering("302 Found", "Location: /api/users/@me/\r\n", "", new byte[0]);
        String text = oneSentence("http://127.0.0.1:" + port, PostHogClient::me);
        assertEquals("127.0.0.1:" + port + " answered with a redirect (302) that Hoglink does not follow. Hoglink "
                + "follows only a few redirects on the same address, and only for reads. Check the address: use the one "
                + "you open PostHog at in your browser, without a path.", text);
    }

    @Test
    void anAnswerOverTheSizeLimit() throws IOException {
        long size = PostHogClient.DEFAULT_MAX_BODY_BYTES + 1;
        int port = raw(s -> {
            readHead(s);
            OutputStream out = s.getOutputStream();
            out.write(("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: " + size
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] chunk = new byte[64 * 1024];
            java.util.Arrays.fill(chunk, (byte) ' ');
            chunk[0] = '[';
            for (long sent = 0; sent < size; sent += chunk.length) {
                out.write(chunk, 0, (int) Math.min(chunk.length, size - sent));
                chunk[0] = ' ';
            }
            out.flush();
            s.close();
        });
        String text = oneSentence("http://127.0.0.1:" + port, PostHogClient::me);
        assertEquals("The answer from 127.0.0.1:" + port + " was larger than 8 MB. PostHog's answers are far smaller, "
                + "so the address may belong to another service. Check the address and port.", text);
    }

    @Test
    void anUnexpectedStatus() throws IOException {
        int port = answering("204 No Content", "", "", new byte[0]);
        String text = oneSentence("http://127.0.0.1:" + port, PostHogClient::me);
        assertEquals("127.0.0.1:" + port + " gave an unexpected answer (204). Hoglink cannot use that answer there, "
                + "and the address may belong to another service. Check the address and port.", text);
    }

    @Test
    void malformedJson() throws IOException {
        int port = answering("200 OK", "", "application/json",
                "{\"id\": 1, \"email\": \"ada@example.com\", \"first_na".getBytes(StandardCharsets.US_ASCII));
        String text = oneSentence("http://127.0.0.1:" + port, PostHogClient::me);
        assertEquals("The answer from 127.0.0.1:" + port + " was cut off or is not valid JSON. A proxy or the network "
                + "may have cut it, or the address belongs to another service. Try again; if it keeps happening, check "
                + "the address and any proxy on the way.", text);
    }

    @Test
    void jsonOfTheWrongShape() throws IOException {
        int port = answering("200 OK", "", "application/json", "[1, 2, 3]".getBytes(StandardCharsets.US_ASCII));
        String text = oneSentence("http://127.0.0.1:" + port, PostHogClient::me);
        assertEquals("127.0.0.1:" + port + " answered in JSON, but not in the shape of PostHog's API. The address may "
                + "belong to another service's API. Check the address; if it is your PostHog's, report this with the "
                + "log.", text);
    }

    @Test
    void aListWhosePagesNeverEnd() throws IOException {
        int port = raw(s -> {
            String head = readHead(s);
            String path = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
            byte[] body = path.startsWith("/api/users/@me/") ? USER.getBytes(StandardCharsets.UTF_8)
                    // Every page links to itself: a loop.
                    : ("{\"count\": 5, \"next\": \"" + path + "\", \"results\": [{\"id\": \"o-1\", \"name\": \"Org\"}]}")
                    .getBytes(StandardCharsets.UTF_8);
            answer(s, "200 OK", "", "application/json", body);
        });
        String text = oneSentence("http://127.0.0.1:" + port, PostHogClient::organizations);
        assertEquals("127.0.0.1:" + port + " kept sending more pages of a list, so Hoglink stopped reading it. PostHog "
                + "does not send lists like this. Check the address; if it is your PostHog's, report this with the "
                + "log.", text);
    }

    // ---------------------------------------------------------------- servers

    private int raw(RawLoopback.Handler handler) throws IOException {
        return servers.serve(handler);
    }

    /** A server that answers every request so; its port. */
    private int answering(String status, String headers, String type, byte[] body) throws IOException {
        return raw(s -> {
            readHead(s);
            answer(s, status, headers, type, body);
        });
    }

    private static void answer(Socket s, String status, String headers, String type, byte[] body) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(("HTTP/1.1 " + status + "\r\n" + headers + (type.isEmpty() ? "" : "Content-Type: " + type + "\r\n")
                + (status.startsWith("204") ? "" : "Content-Length: " + body.length + "\r\n")
                + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(body);
        out.flush();
        s.close();
    }

    private static String readHead(Socket s) throws IOException {
        return RawLoopback.readHead(s);
    }
}
