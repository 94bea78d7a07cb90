package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Runtime knobs: the personal-key throttle, latency and every kind of injected fault, with their counters. */
class SandboxKnobsTest {

    SandboxClock clock = new SandboxClock(Instant.parse("2026-08-10T09:00:00Z"));
    SandboxServer server;
    SandboxHttp http;
    String owner;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxOptions.defaults().withClock(clock));
        http = new SandboxHttp(server.baseUri());
        owner = server.key("owner");
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    SandboxHttp.Res list() {
        return http.get("/api/projects/101/integrations/", owner);
    }

    @Test
    void throttleIsOffByDefault() {
        for (int i = 0; i < 20; i++) {
            assertEquals(200, list().status());
        }
    }

    @Test
    void defaultBurstRateIs480PerMinutePerKey() {
        server.knobs().setThrottle(true);
        for (int i = 0; i < 480; i++) {
            assertEquals(200, http.get("/api/personal_api_keys/@current/", owner).status(), "request " + i);
        }
        SandboxHttp.Res r = http.get("/api/personal_api_keys/@current/", owner);
        assertEquals(429, r.status());
        assertEquals(200, http.get("/api/personal_api_keys/@current/", server.key("admin")).status(), "buckets are per key");
    }

    @Test
    void throttledRequestGetsTheEnvelopeWithTheWaitInItsDetailAndNoRetryAfterUntilTheWindowMoves() {
        server.knobs().setThrottle(true);
        server.knobs().setThrottleRates(3, 100);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, list().status());
        }
        SandboxHttp.Res r = list();
        SandboxContractTest.assertError(r, 429, "throttled_error", "throttled",
                "Request was throttled. Expected available in 60 seconds.");
        // drf-exceptions-hog answers DRF's Throttled without the Retry-After DRF would set (api-notes N3, NN4)
        assertNull(r.header("Retry-After"), "PostHog's throttle names its wait only in the detail");
        assertEquals(200, http.get("/api/users/@me/", owner).status(), "/api/users/@me/ is exempt");
        clock.advance(Duration.ofSeconds(30));
        SandboxHttp.Res later = list();
        assertEquals("Request was throttled. Expected available in 30 seconds.", later.detail());
        assertNull(later.header("Retry-After"));
        clock.advance(Duration.ofSeconds(31));
        assertEquals(200, list().status());
    }

    @Test
    void sustainedHourlyLimitAlsoApplies() {
        server.knobs().setThrottle(true);
        server.knobs().setThrottleRates(100, 2);
        list();
        list();
        SandboxHttp.Res r = list();
        assertEquals(429, r.status());
        assertEquals("Request was throttled. Expected available in 3600 seconds.", r.detail());
        assertNull(r.header("Retry-After"));
        server.knobs().setThrottle(false);
        assertEquals(200, list().status());
    }

    @Test
    void repoRefreshIsLimitedToTenPerMinutePerTeamAcrossKeys() {
        server.knobs().setThrottle(true);
        int row = http.get("/api/projects/104/integrations/?kind=github", owner).json().path("results").get(0).path("id").asInt();
        String path = "/api/projects/104/integrations/" + row + "/github_repos/refresh/";
        for (int i = 0; i < 10; i++) {
            assertEquals(200, http.post(path, i % 2 == 0 ? owner : server.key("admin"), "").status(), "refresh " + i);
        }
        SandboxHttp.Res r = http.post(path, server.key("admin"), "");
        assertEquals(429, r.status());
        assertEquals("throttled", r.code());
    }

    @Test
    void gitHubRateLimitIsPassedOnAsBare429() {
        server.knobs().setGitHubRateLimitSeconds(42);
        SandboxHttp.Res r = http.post("/api/projects/110/integrations/github/link_existing/", server.key("admin"),
                "{\"installation_id\":\"10000001\"}");
        assertEquals(429, r.status());
        assertEquals("42", r.header("Retry-After"));
        assertEquals("rate_limited", r.code());
        assertEquals("GitHub API rate limit exceeded. Please retry later.", r.detail());
        assertTrue(!r.json().has("type") && !r.json().has("attr"), r.raw());
        assertEquals(200, list().status(), "calls that do not reach GitHub still work");
        server.knobs().setGitHubRateLimitSeconds(0);
        assertEquals(200, http.post("/api/projects/110/integrations/github/link_existing/", server.key("admin"),
                "{\"installation_id\":\"10000001\"}").status());
    }

    @Test
    void latencyDelaysApiResponses() {
        server.knobs().setLatencyMs(150);
        long t0 = System.nanoTime();
        assertEquals(200, list().status());
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 150);
    }

    @Test
    void latencyHoldsNoWorkerSoManyRequestsWaitItOutTogetherAndPagesStillAnswer() throws Exception {
        // The latency is the network's: sixteen requests (four times PostHog's four workers, twice the old fixed
        // pool of eight) are all out at once, and a page without latency is answered while every one still waits.
        server.knobs().setLatencyMs(4_000);
        java.net.http.HttpClient client = java.net.http.HttpClient.newBuilder()
                .version(java.net.http.HttpClient.Version.HTTP_1_1).build();
        List<java.util.concurrent.CompletableFuture<java.net.http.HttpResponse<String>>> out = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            out.add(client.sendAsync(java.net.http.HttpRequest.newBuilder(server.baseUri().resolve(
                            "/api/projects/101/integrations/")).header("Authorization", "Bearer " + owner).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString()));
        }
        try { // up to 5 s for the sixteen to be taken in; no time is asserted
            org.testfx.util.WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS,
                    () -> server.requestsInFlight() >= 16);
        } catch (java.util.concurrent.TimeoutException e) {
            // the assertion below says how many were taken in
        }
        assertEquals(16, server.requestsInFlight(), "all sixteen are taken in at once");
        assertEquals(200, http.get("/settings/user-personal-integrations", null).status());
        assertTrue(out.stream().noneMatch(java.util.concurrent.CompletableFuture::isDone),
                "the page was answered while the API requests still wait out their latency");
        for (var f : out) {
            assertEquals(200, f.get(60, java.util.concurrent.TimeUnit.SECONDS).statusCode());
        }
        try { // an exchange frees its place just after its answer is written, so the client may see it first
            org.testfx.util.WaitForAsyncUtils.waitFor(5, java.util.concurrent.TimeUnit.SECONDS,
                    () -> server.requestsInFlight() == 0);
        } catch (java.util.concurrent.TimeoutException e) {
            // the assertion below says how many are still held
        }
        assertEquals(0, server.requestsInFlight(), "every place is freed once the answers are out");
    }

    @Test
    void serverErrorRateOneFailsEveryApiCallButNotThePages() {
        server.knobs().setFaults(FaultSpec.parse("5xx=1,seed=3"));
        for (int i = 0; i < 6; i++) {
            int s = list().status();
            assertTrue(s == 500 || s == 502 || s == 503, "status " + s);
        }
        assertEquals(200, http.get("/settings/user-personal-integrations", null).status());
        assertEquals(6, server.knobs().faultsInjected(SandboxKnobs.Fault.SERVER_ERROR));
        assertEquals(7, server.knobs().requestsServed());
    }

    @Test
    void throttleBurstAnswersTheNextRequests429ThenRecovers() {
        server.knobs().startThrottleBurst(2);
        SandboxHttp.Res first = list();
        assertEquals(429, first.status());
        assertEquals("1", first.header("Retry-After"));
        assertEquals("throttled_error", first.json().path("type").asText());
        assertEquals(429, list().status());
        assertEquals(200, list().status());
        assertEquals(2, server.knobs().faultsInjected());
    }

    @Test
    void malformedJsonBreaksTheBody() {
        server.knobs().setFaults(FaultSpec.parse("malformed=1"));
        SandboxHttp.Res r = list();
        assertEquals(200, r.status());
        assertThrows(IOException.class, () -> SandboxHttp.MAPPER.readTree(r.raw()));
        assertEquals(1, server.knobs().faultsInjected(SandboxKnobs.Fault.MALFORMED_JSON));
    }

    @Test
    void droppedConnectionCutsTheBodyShort() {
        server.knobs().setFaults(FaultSpec.parse("drop=1"));
        assertThrows(UncheckedIOException.class, this::list);
        server.knobs().setFaults(FaultSpec.NONE);
        assertEquals(200, list().status());
        assertEquals(1, server.knobs().faultsInjected(SandboxKnobs.Fault.DROPPED_CONNECTION));
    }

    @Test
    void slowBodyStillArrivesWhole() {
        server.knobs().setFaults(FaultSpec.parse("slow=1,slowms=100"));
        long t0 = System.nanoTime();
        SandboxHttp.Res r = list();
        assertEquals(2, r.json().path("count").asInt());
        assertTrue((System.nanoTime() - t0) / 1_000_000 >= 90);
        assertEquals(1, server.knobs().faultsInjected(SandboxKnobs.Fault.SLOW_BODY));
    }

    @Test
    void faultsAreDeterministicForASeed() throws IOException {
        List<Integer> a = statuses(server, "5xx=0.4,seed=42");
        try (SandboxServer other = SandboxServer.start(SandboxOptions.defaults())) {
            assertEquals(a, statuses(other, "5xx=0.4,seed=42"));
        }
        assertTrue(a.contains(200) && a.stream().anyMatch(s -> s >= 500), a.toString());
        assertTrue(server.knobs().summary().startsWith("requests=30 faults="), server.knobs().summary());
    }

    private static List<Integer> statuses(SandboxServer s, String spec) {
        s.knobs().setFaults(FaultSpec.parse(spec));
        SandboxHttp h = new SandboxHttp(s.baseUri());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            out.add(h.get("/api/projects/101/integrations/", s.key("owner")).status());
        }
        return out;
    }

    @Test
    void faultSpecRejectsBadParts() {
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("5xx=2"));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("explode=1"));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("drop"));
        assertThrows(IllegalArgumentException.class, () -> FaultSpec.parse("burst429=x"));
        FaultSpec f = FaultSpec.parse(" 5xx=0.1, burst429=3 ,slow=0.2,slowms=50,drop=0.01,malformed=0.02,seed=9");
        assertEquals(new FaultSpec(0.1, 3, 0.2, 50, 0.01, 0.02, 9), f);
        assertEquals(FaultSpec.NONE, FaultSpec.parse(""));
    }
}
