package dev.hoglink.api;

import static dev.hoglink.api.FakeApiServer.echoAuth;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.support.LogCapture;
import dev.hoglink.api.dto.LinkExistingRequest;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/**
 * Pushes a canary key through every error path, with a server that echoes the key back in its errors, and
 * checks that the key shows up in no log record (raw, before any log formatter's redaction), exception
 * message, user message, field, toString or stack trace.
 */
class SecretLeakTest {

    private static final String CANARY = "phx_CANARY" + randomTail();
    private final FakeApiServer server = new FakeApiServer();
    private final FakeTime time = new FakeTime();
    private final List<String> exceptionText = new ArrayList<>();
    private LogCapture logs;

    private static String randomTail() {
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append(abc.charAt(r.nextInt(abc.length())));
        }
        return sb.toString();
    }

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.start();
    }

    @AfterEach
    void restore() {
        logs.close();
        server.close();
    }

    private PostHogClient client(String base, Duration requestTimeout) {
        return PostHogClient.builder(base, ApiKey.of(CANARY))
                .sleeper(time).nanoTime(time).clock(FakeTime.clock())
                .requestTimeout(requestTimeout)
                .build();
    }

    private void expectFailure(Executable call) {
        ApiException e = assertThrows(ApiException.class, call);
        StringWriter sw = new StringWriter();
        e.printStackTrace(new PrintWriter(sw));
        exceptionText.add(String.join("\n", String.valueOf(e.getMessage()), e.userMessage(), e.toString(),
                String.valueOf(e.detail()), String.valueOf(e.code()), String.valueOf(e.attr()), sw.toString()));
    }

    @Test
    void canaryKeyAppearsInNoLogExceptionOrToStringOnAnyErrorPath() throws Exception {
        String echo = "{\"type\":\"x\",\"code\":\"c_{{auth}}\",\"detail\":\"bad key {{auth}} (Bearer {{auth}})\",\"attr\":\"{{auth}}\"}";
        server.on("GET", "/api/users/@me/", echoAuth(401, echo));
        server.on("GET", "/api/organizations/", echoAuth(403, "{\"type\":\"authentication_error\",\"code\":\"permission_denied\","
                + "\"detail\":\"API key missing required scope '{{auth}}'\",\"attr\":null}"));
        server.on("GET", "/api/organizations/o/", echoAuth(404, echo));
        server.on("POST", "/api/projects/1/integrations/github/link_existing/", echoAuth(400, echo));
        server.on("GET", "/api/projects/1/integrations/github/available_installations/",
                echoAuth(429, echo, "Retry-After", "120"));
        server.on("GET", "/api/personal_api_keys/@current/", echoAuth(500, echo));
        server.on("GET", "/api/projects/1/integrations/", echoAuth(200, "{\"results\": [ {{auth}} ]}"));
        server.on("GET", "/api/projects/2/integrations/", echoAuth(200, "<html>{{auth}}</html>"));
        server.on("GET", "/api/projects/1/activity_log/", echoAuth(200, "{\"results\":[{\"id\":{\"k\":\"{{auth}}\"}}],\"next\":null}"));
        server.on("GET", "/api/organizations/r/", echoAuth(302, "{}", "Location", "http://localhost:1/steal?key=" + CANARY));
        server.on("GET", "/api/organizations/h/projects/", FakeApiServer.hang());
        server.on("GET", "/api/organizations/d/projects/", FakeApiServer.drop());
        server.on("POST", "/api/projects/2/integrations/github/oauth_authorize/", FakeApiServer.drop());
        server.on("GET", "/api/projects/3/integrations/github/available_installations/", echoAuth(502, "<h1>{{auth}}</h1>"));

        PostHogClient c = client(server.base(), Duration.ofMillis(300));
        expectFailure(c::me);                                                        // 401
        expectFailure(c::organizations);                                             // 403
        expectFailure(() -> c.organization("o"));                                    // 404
        expectFailure(() -> c.linkExisting(1, LinkExistingRequest.ofInstallation("1", null))); // 400
        expectFailure(() -> c.availableInstallations(1));                            // 429
        expectFailure(c::currentKey);                                                // 500
        expectFailure(() -> c.githubIntegrations(1));                                // malformed JSON
        expectFailure(() -> c.githubIntegrations(2));                                // HTML page
        expectFailure(() -> c.integrationActivity(1, 1));                            // wrong types
        expectFailure(() -> c.organization("r"));                                    // cross-host redirect
        expectFailure(() -> c.projects("h"));                                        // timeout
        expectFailure(() -> c.projects("d"));                                        // reset (GET, retried)
        expectFailure(() -> c.oauthAuthorize(2, "1", null));                         // reset (POST)
        expectFailure(() -> c.availableInstallations(3));                            // 502 page, retried

        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PostHogClient refused = client("http://127.0.0.1:" + port, Duration.ofSeconds(2));
        expectFailure(refused::me);                                                  // refused
        expectFailure(() -> PostHogClient.builder("http://us.posthog.com", ApiKey.of(CANARY)));  // http refused
        expectFailure(() -> PostHogClient.builder("https://" + CANARY + "@us.posthog.com", ApiKey.of(CANARY)));

        assertEquals(17, exceptionText.size());
        assertTrue(server.requests().stream().allMatch(r -> ("Bearer " + CANARY).equals(r.header("Authorization"))),
                "the key did reach the server, so every echo above carried it");
        List<String> everything = new ArrayList<>(exceptionText);
        List<String> logged = logs.lines();
        assertFalse(logged.isEmpty(), "the client logged nothing, so this test would prove nothing");
        everything.addAll(logged);
        everything.add(c.toString());
        everything.add(c.stats().toString());
        everything.add(ApiKey.of(CANARY).toString());
        for (String text : everything) {
            assertFalse(text.contains(CANARY), "key leaked in: " + text.replace(CANARY, "<<KEY>>"));
            assertFalse(text.contains("CANARY"), "key fragment leaked in: " + text);
        }
    }

    @Test
    void aSameOriginRedirectWhosePathCarriesTheKeyIsFollowedWithoutLoggingIt() {
        server.on("GET", "/api/users/@me/", FakeApiServer.json(302, "", "Location", "/api/users/" + CANARY + "/"));
        server.on("GET", "/api/users/" + CANARY + "/", FakeApiServer.file(200, "me.json"));
        assertEquals(42L, client(server.base(), Duration.ofSeconds(2)).me().id());
        assertEquals(2, server.requests().size(), "the redirect was followed, so its target was logged");
        // Hoglink's own records: the JDK client's wire tracing (below INFO, off unless enabled) and the fake
        // server's log print every URL they see.
        List<String> own = logs.lines().stream().filter(l -> l.startsWith("dev.hoglink")).toList();
        assertTrue(own.stream().anyMatch(l -> l.contains("redirected to")), own.toString());
        for (String line : own) {
            assertFalse(line.contains(CANARY) || line.contains("CANARY"), "key leaked in: " + line.replace(CANARY, "<<KEY>>"));
        }
    }
}
