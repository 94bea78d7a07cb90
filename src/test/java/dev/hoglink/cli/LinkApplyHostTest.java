package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.hoglink.model.AccountType;
import dev.hoglink.service.link.LinkPlan;
import dev.hoglink.service.link.PlanFiles;
import dev.hoglink.service.link.PlanOutcome;
import dev.hoglink.util.AppDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A plan is a file that travels (a ticket, a repository, a colleague), and {@code --apply} sends the key in
 * HOGLINK_API_KEY to the host it names. A plan whose host was changed must not get the key: a host other than
 * PostHog Cloud is used only when the command line names it too ({@code --host}), and a different one is refused.
 */
class LinkApplyHostTest {

    private static final String KEY = "phx_ApplyHost" + Long.toHexString(System.nanoTime()) + "Tail";

    @TempDir
    Path home;
    private HttpServer bystander;
    private final List<String> seen = Collections.synchronizedList(new ArrayList<>());

    @BeforeEach
    void start() throws Exception {
        bystander = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        bystander.createContext("/", ex -> {
            seen.add(ex.getRequestMethod() + " " + ex.getRequestURI() + " auth=" + ex.getRequestHeaders().getFirst("Authorization"));
            ex.sendResponseHeaders(404, -1);
            ex.close();
        });
        bystander.start();
    }

    @AfterEach
    void stop() {
        bystander.stop(0);
    }

    private String bystanderUrl() {
        return "http://127.0.0.1:" + bystander.getAddress().getPort();
    }

    private Path planFor(String host) throws Exception {
        LinkPlan plan = new LinkPlan("3f2a-1", Instant.parse("2026-12-06T12:00:00Z"), host, "o1", "Acme",
                new LinkPlan.Installation("10000001", "acme", AccountType.ORGANIZATION, 101L, "Web"),
                List.of(new LinkPlan.Row(108, "Checkout", PlanOutcome.WILL_LINK, "Will link.", true)));
        return Files.write(home.resolve("plan.json"), PlanFiles.write(plan, PlanFiles.Format.JSON));
    }

    private int apply(ByteArrayOutputStream err, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        return LinkCommand.run(all, Map.of(AuditCommand.KEY_VARIABLE, KEY),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), AppDirs.under(home));
    }

    @Test
    void aPlanNamingAHostOtherThanPostHogCloudGetsNoKeyUnlessTheCommandLineNamesItToo() throws Exception {
        Path plan = planFor(bystanderUrl());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = apply(err, "--apply", plan.toString());
        assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), seen, "the host the plan names got requests");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--host " + bystanderUrl()), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aPlanForAnotherHostThanTheOneGivenIsRefused() throws Exception {
        Path plan = planFor(bystanderUrl());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = apply(err, "--apply", plan.toString(), "--host", "https://posthog.acme.test");
        assertEquals(2, code, err.toString(StandardCharsets.UTF_8));
        assertEquals(List.of(), seen);
        Path cloudPlan = planFor("https://us.posthog.com");
        assertEquals(2, apply(err, "--apply", cloudPlan.toString(), "--host", bystanderUrl()));
        assertEquals(List.of(), seen);
    }

    @Test
    void theHostNamedOnTheCommandLineIsUsed() throws Exception {
        Path plan = planFor(bystanderUrl());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        apply(err, "--apply", plan.toString(), "--host", bystanderUrl() + "/");
        assertTrue(!seen.isEmpty(), "confirmed on the command line, the plan's host is asked: " + err);
    }
}
