package dev.hoglink.api;

import static dev.hoglink.api.FakeApiServer.file;
import static dev.hoglink.api.FakeApiServer.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.dto.LinkExistingRequest;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.params.ParameterizedTest;

class PostHogClientTransportTest {

    private static final String ME = "/api/users/@me/";
    private static final String LINK = "/api/projects/102/integrations/github/link_existing/";

    private final FakeApiServer server = new FakeApiServer();
    private final FakeTime time = new FakeTime();

    /** Jitter source that always draws the middle of the range, so waits are exact. */
    private static final class HalfRandom extends Random {
        private static final long serialVersionUID = 1L;

        @Override
        public double nextDouble() {
            return 0.5;
        }
    }

    private PostHogClient client() {
        return ClientFixtures.builder(server.base(), time).random(new HalfRandom()).build();
    }

    /** The host as a failure's headline names it: {@code 127.0.0.1:PORT}. */
    private String hostPort() {
        return java.net.URI.create(server.base()).getRawAuthority();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private static LinkExistingRequest link() {
        return LinkExistingRequest.ofInstallation("12345678", null);
    }

    // ---------------------------------------------------------------- timeouts

    @Test
    void defaultsAreConnect10sRequest30sNoRedirectsAndPostHogRateLimits() {
        PostHogClient c = PostHogClient.builder("https://us.posthog.com", ApiKey.of(ClientFixtures.KEY)).build();
        assertEquals(Duration.ofSeconds(10), c.connectTimeout());
        assertEquals(Optional.of(Duration.ofSeconds(10)), c.httpClient().connectTimeout());
        assertEquals(Duration.ofSeconds(30), c.requestTimeout());
        assertEquals(HttpClient.Redirect.NEVER, c.httpClient().followRedirects());
        assertEquals(RetryPolicy.DEFAULT, c.retryPolicy());
        assertEquals(3, c.retryPolicy().maxAttempts());
        assertEquals(Duration.ofSeconds(60), c.retryPolicy().maxRetryAfter());
        assertEquals(RateLimiter.POSTHOG_PERSONAL_KEY, c.rateLimiter().limits());
    }

    @Test
    void configuredConnectTimeoutReachesTheHttpClient() {
        PostHogClient c = ClientFixtures.builder(server.base(), time).connectTimeout(Duration.ofMillis(1500)).build();
        assertEquals(Optional.of(Duration.ofMillis(1500)), c.httpClient().connectTimeout());
    }

    @Test
    void silentServerTimesOutAfterTheRequestTimeoutWithoutRetry() {
        server.on("GET", ME, FakeApiServer.hang());
        PostHogClient c = ClientFixtures.builder(server.base(), time).requestTimeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();
        NetworkException e = assertThrows(NetworkException.class, c::me);
        long ms = (System.nanoTime() - start) / 1_000_000;
        assertEquals(NetworkException.Kind.RESPONSE_TIMEOUT, e.kind());
        assertTrue(e.timeout());
        assertTrue(e.mayHaveReachedServer());
        assertTrue(ms >= 250 && ms < 5000, "took " + ms + " ms");
        assertEquals(1, server.requests().size());
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void bodyThatStallsAfterTheHeadersAlsoTimesOut() {
        server.on("GET", ME, FakeApiServer.stallMidBody());
        PostHogClient c = ClientFixtures.builder(server.base(), time).requestTimeout(Duration.ofMillis(300)).build();
        long start = System.nanoTime();
        NetworkException e = assertThrows(NetworkException.class, c::me);
        assertTrue(e.timeout());
        assertTrue((System.nanoTime() - start) / 1_000_000 < 5000);
    }

    @Test
    void postThatTimesOutSaysItMayHaveReachedTheServerAndIsNotResent() {
        server.on("POST", LINK, FakeApiServer.hang());
        PostHogClient c = ClientFixtures.builder(server.base(), time).requestTimeout(Duration.ofMillis(300)).build();
        NetworkException e = assertThrows(NetworkException.class, () -> c.linkExisting(102, link()));
        assertTrue(e.mayHaveReachedServer());
        assertEquals(1, server.requests().size());
    }

    @Test
    void refusedConnectionIsNotRetriedAndDidNotReachTheServer() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        PostHogClient c = ClientFixtures.builder("http://127.0.0.1:" + port, time).build();
        NetworkException e = assertThrows(NetworkException.class, c::me);
        assertEquals(NetworkException.Kind.REFUSED, e.kind());
        assertFalse(e.mayHaveReachedServer());
        assertFalse(e.timeout());
        assertEquals(1, c.stats().requestsSent());
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void transportFailuresAreClassifiedForTheUi() {
        NetworkException tls = PostHogClient.classify("GET /", "h", new SSLHandshakeException("PKIX path building failed"));
        assertTrue(tls.tls());
        assertFalse(tls.mayHaveReachedServer());
        assertEquals(NetworkFailure.TLS_HANDSHAKE, tls.failure(), "no certificate in the causes: the handshake itself");
        assertTrue(tls.userMessage().contains("never skips certificate checks"), tls.userMessage());
        Throwable untrusted = new SSLHandshakeException("PKIX path building failed").initCause(
                new java.security.cert.CertificateException("PKIX path building failed"));
        assertEquals(NetworkFailure.TLS_UNTRUSTED, PostHogClient.classify("GET /", "h", untrusted).failure());
        Throwable otherName = new SSLHandshakeException("No subject alternative names matching IP address 10.0.0.9 found")
                .initCause(new java.security.cert.CertificateException(
                        "No subject alternative names matching IP address 10.0.0.9 found"));
        assertEquals(NetworkFailure.TLS_NAME_MISMATCH, PostHogClient.classify("GET /", "h", otherName).failure());
        NetworkException connectTimeout = PostHogClient.classify("GET /", "h", new HttpConnectTimeoutException("connect timed out"));
        assertEquals(NetworkException.Kind.CONNECT_TIMEOUT, connectTimeout.kind());
        assertTrue(connectTimeout.timeout());
        assertFalse(connectTimeout.mayHaveReachedServer());
        NetworkException responseTimeout = PostHogClient.classify("GET /", "h", new HttpTimeoutException("request timed out"));
        assertTrue(responseTimeout.mayHaveReachedServer());
        assertEquals(NetworkException.Kind.REFUSED, PostHogClient.classify("GET /", "h", new ConnectException()).kind());
        Throwable unresolved = new ConnectException("x").initCause(new java.nio.channels.UnresolvedAddressException());
        assertEquals(NetworkException.Kind.UNKNOWN_HOST, PostHogClient.classify("GET /", "h", unresolved).kind());
        NetworkException reset = PostHogClient.classify("GET /", "h", new IOException("Connection reset"));
        assertEquals(NetworkException.Kind.RESET, reset.kind());
        assertTrue(reset.mayHaveReachedServer());
    }

    // ---------------------------------------------------------------- retries

    @Test
    void getIsRetriedOn503WithAFullJitterWaitThenSucceeds() {
        server.on("GET", ME, json(503, "{}"), file(200, "me.json"));
        PostHogClient c = client();
        assertEquals(42L, c.me().id());
        assertEquals(2, server.requests().size());
        assertEquals(List.of(Duration.ofMillis(250)), time.sleeps(), "half of min(8 s, 500 ms * 2^0)");
        assertEquals(1, c.stats().retries());
        assertEquals(2, c.stats().requestsSent());
    }

    @Test
    void backoffDoublesPerRetryOn502And504() {
        server.on("GET", ME, json(502, "{}"), json(504, "{}"), file(200, "me.json"));
        client().me();
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500)), time.sleeps());
    }

    @Test
    void getGivesUpAfterThreeAttemptsWithTheLastError() {
        server.on("GET", ME, file(503, "error-500.json"));
        PostHogClient c = client();
        ServerException e = assertThrows(ServerException.class, c::me);
        assertEquals(503, e.status());
        assertEquals(3, server.requests().size());
        assertEquals(2, time.sleeps().size());
        assertEquals(2, c.stats().retries());
    }

    @Test
    void otherServerErrorsAndClientErrorsAreNotRetried() {
        server.on("GET", ME, file(500, "error-500.json"));
        assertThrows(ServerException.class, client()::me);
        server.on("GET", "/api/organizations/x/", file(404, "error-404.json"));
        assertThrows(NotFoundException.class, () -> client().organization("x"));
        assertEquals(2, server.requests().size());
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void retryAfterSecondsIsWaitedAsAMinimum() {
        server.on("GET", ME, file(429, "error-429.json", "Retry-After", "2"), file(200, "me.json"));
        PostHogClient c = client();
        c.me();
        assertEquals(List.of(Duration.ofSeconds(2)), time.sleeps());
        assertEquals(1, c.stats().throttled());
    }

    @Test
    void jitterLongerThanRetryAfterWins() {
        server.on("GET", ME, json(429, "{\"detail\":\"x\",\"code\":\"throttled\"}", "Retry-After", "0"), file(200, "me.json"));
        client().me();
        assertEquals(List.of(Duration.ofMillis(250)), time.sleeps());
    }

    private static final String ROW_ACTIVITY = "/api/projects/101/activity_log/";

    @Test
    void aDeletedRowsActivityIsAskedOnceAndAThrottleIsNotWaitedOut() {
        // it only words an unlink PostHog already made: a 429 must not hold that result for a minute or two
        server.on("GET", ROW_ACTIVITY, file(429, "error-429.json", "Retry-After", "30"),
                file(200, "activity-page1.json"));
        PostHogClient c = client();
        ThrottledException e = assertThrows(ThrottledException.class, () -> c.integrationActivityOf(101, 77));
        assertEquals(Duration.ofSeconds(30), e.retryAfter());
        assertEquals(List.of("GET " + ROW_ACTIVITY + "?scope=Integration&item_id=77"),
                FakeApiServer.paths(server.requests()));
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void aDeletedRowsActivityIsNotHeldForARateLimitPermit() {
        server.on("GET", ROW_ACTIVITY, file(200, "activity-page1.json"));
        server.on("GET", ME, file(200, "me.json"));
        PostHogClient c = ClientFixtures.builder(server.base(), time).random(new HalfRandom())
                .rateLimiter(new RateLimiter(List.of(new RateLimiter.Limit(1, Duration.ofSeconds(30))), time, time))
                .build();
        c.me(); // the window's one permit
        assertThrows(ThrottledException.class, () -> c.integrationActivityOf(101, 77));
        assertEquals(1, server.requests().size(), "not sent");
        assertEquals(List.of(), time.sleeps());
    }

    private static final String INTEGRATIONS = "/api/projects/101/integrations/";

    @Test
    void theRowsReadAfterAnUnlinkAreAskedOnceAndAThrottleIsNotWaitedOut() {
        // they only word an unlink PostHog already made (NH20): a 429 must not hold that result
        server.on("GET", INTEGRATIONS, file(429, "error-429.json", "Retry-After", "30"),
                file(200, "integrations-page1.json"));
        PostHogClient c = client();
        ThrottledException e = assertThrows(ThrottledException.class, () -> c.githubIntegrationsOnce(101));
        assertEquals(Duration.ofSeconds(30), e.retryAfter());
        assertEquals(List.of("GET " + INTEGRATIONS + "?kind=github&limit=100"), FakeApiServer.paths(server.requests()));
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void theRowsReadAfterAnUnlinkAreNotHeldForARateLimitPermit() {
        server.on("GET", INTEGRATIONS, file(200, "integrations-page1.json"));
        server.on("GET", ME, file(200, "me.json"));
        PostHogClient c = ClientFixtures.builder(server.base(), time).random(new HalfRandom())
                .rateLimiter(new RateLimiter(List.of(new RateLimiter.Limit(1, Duration.ofSeconds(30))), time, time))
                .build();
        c.me(); // the window's one permit
        assertThrows(ThrottledException.class, () -> c.githubIntegrationsOnce(101));
        assertEquals(1, server.requests().size(), "not sent");
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void theRowsReadAfterAnUnlinkFollowEveryPage() {
        server.on("GET", INTEGRATIONS, file(200, "integrations-page1.json"), file(200, "integrations-page2.json"));
        assertEquals(2, client().githubIntegrationsOnce(101).size());
    }

    @Test
    void aLinkedProjectsActivityIsAskedOnceForOnePageAndAThrottleIsNotWaitedOut() {
        // it only words a link PostHog already made (NH21): a 429 must not hold that result
        server.on("GET", ROW_ACTIVITY, file(429, "error-429.json", "Retry-After", "30"),
                file(200, "activity-page1.json"));
        PostHogClient c = client();
        assertThrows(ThrottledException.class, () -> c.integrationActivityFirstPage(101));
        assertEquals(List.of("GET " + ROW_ACTIVITY + "?scope=Integration"), FakeApiServer.paths(server.requests()));
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void aLinkedProjectsActivityIsNotHeldForARateLimitPermit() {
        server.on("GET", ROW_ACTIVITY, file(200, "activity-page1.json"));
        server.on("GET", ME, file(200, "me.json"));
        PostHogClient c = ClientFixtures.builder(server.base(), time).random(new HalfRandom())
                .rateLimiter(new RateLimiter(List.of(new RateLimiter.Limit(1, Duration.ofSeconds(30))), time, time))
                .build();
        c.me(); // the window's one permit
        assertThrows(ThrottledException.class, () -> c.integrationActivityFirstPage(101));
        assertEquals(1, server.requests().size(), "not sent");
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void retryAfterHttpDateIsWaitedUntilThatTime() {
        server.on("GET", ME, file(503, "error-500.json", "Retry-After", "Tue, 24 Nov 2026 05:00:05 GMT"), file(200, "me.json"));
        client().me();
        assertEquals(List.of(Duration.ofSeconds(5)), time.sleeps());
    }

    @Test
    void retryAfterOverSixtySecondsIsNotWaitedButReportedForACountdown() {
        server.on("GET", ME, file(429, "error-429.json", "Retry-After", "120"), file(200, "me.json"));
        ThrottledException e = assertThrows(ThrottledException.class, client()::me);
        assertEquals(Duration.ofSeconds(120), e.retryAfter());
        assertEquals(1, server.requests().size());
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void aWaitOfMinutesIsSaidInMinutesAsPostHogsHourlyThrottleAsksForUpToAnHour() {
        server.on("GET", ME, json(429, "{\"type\":\"throttled_error\",\"code\":\"throttled\","
                + "\"detail\":\"Request was throttled. Expected available in 3412 seconds.\"}", "Retry-After", "3412"));
        ThrottledException e = assertThrows(ThrottledException.class, client()::me);
        assertEquals("PostHog is limiting how fast Hoglink may send requests. Try again in 57 min.", e.userMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"99999999999", "100000", "000000000000000000000000086401", "99999999999999999999999999"})
    void retryAfterBeyondTheCapWhateverItsLengthIsTooLongNotAbsent(String header) {
        server.on("GET", ME, json(429, "{\"detail\":\"x\",\"code\":\"throttled\"}", "Retry-After", header),
                file(200, "me.json"));
        ThrottledException e = assertThrows(ThrottledException.class, client()::me);
        assertTrue(e.retryAfter() != null && e.retryAfter().compareTo(RetryPolicy.DEFAULT.maxRetryAfter()) > 0,
                String.valueOf(e.retryAfter()));
        assertEquals(1, server.requests().size(), "not retried as if the header were absent");
        assertEquals(List.of(), time.sleeps());
    }

    @ParameterizedTest
    @ValueSource(strings = {"GET", "POST"})
    void retryAfterDateCenturiesAwayIsADaysWaitNotAnArithmeticError(String method) {
        // Centuries do not fit in a long of nanoseconds; the date form must be capped like the number form.
        String header = "Fri, 31 Dec 9999 23:59:59 GMT";
        String body = "{\"type\":\"throttled_error\",\"code\":\"throttled\",\"detail\":\"x\",\"attr\":null}";
        server.on("GET", ME, json(429, body, "Retry-After", header));
        server.on("POST", LINK, json(429, body, "Retry-After", header));
        PostHogClient c = client();
        ThrottledException e = assertThrows(ThrottledException.class,
                method.equals("GET") ? c::me : () -> c.linkExisting(102, link()));
        assertEquals(RetryAfter.MAX_STATED_WAIT, e.retryAfter());
        assertTrue(e.userMessage().endsWith("Try again in 24 h."), e.userMessage());
        assertEquals(1, server.requests().size());
        ThrottledException held = assertThrows(ThrottledException.class, c::me);
        assertEquals(1, server.requests().size(), "the wait holds the next call, which is not sent");
        assertTrue(held.retryAfter().compareTo(RetryAfter.MAX_STATED_WAIT) <= 0, String.valueOf(held.retryAfter()));
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void getIsRetriedWhenTheConnectionIsResetThenReportsTheReset() {
        // The JDK client may itself resend an idempotent GET once on a dropped connection, so the server can
        // see more hits than the client's own tries; the client's counters count its own tries only.
        server.on("GET", ME, FakeApiServer.drop());
        PostHogClient c = client();
        NetworkException e = assertThrows(NetworkException.class, c::me);
        assertEquals(NetworkException.Kind.RESET, e.kind());
        assertTrue(e.mayHaveReachedServer());
        assertEquals(3, c.stats().requestsSent());
        assertEquals(2, c.stats().retries());
        assertEquals(List.of(Duration.ofMillis(250), Duration.ofMillis(500)), time.sleeps());
        assertTrue(server.requests().size() >= 3);
    }

    @Test
    void getSucceedsWhenTheServerRecoversAfterResets() {
        server.on("GET", ME, FakeApiServer.drop(), FakeApiServer.drop(), file(200, "me.json"));
        PostHogClient c = client();
        assertEquals(42L, c.me().id());
        assertTrue(c.stats().retries() >= 1, c.stats().toString());
    }

    @Test
    void postIsNeverRetriedOn503Or429OrReset() {
        server.on("POST", LINK, file(503, "error-500.json"), file(429, "error-429.json", "Retry-After", "1"),
                FakeApiServer.drop(), file(200, "link-existing.json"));
        PostHogClient c = client();
        assertThrows(ServerException.class, () -> c.linkExisting(102, link()));
        assertEquals(1, server.requests().size());
        assertThrows(ThrottledException.class, () -> c.linkExisting(102, link()));
        assertEquals(2, server.requests().size());
        NetworkException reset = assertThrows(NetworkException.class, () -> c.linkExisting(102, link()));
        assertTrue(reset.mayHaveReachedServer());
        assertEquals(3, server.requests().size());
        assertEquals(List.of(Duration.ofSeconds(1)), time.sleeps(),
                "only the next request waits out the 429's Retry-After; nothing is resent");
        assertEquals(0, c.stats().retries());
    }

    @Test
    void deleteIsNeverRetried() {
        server.on("DELETE", "/api/projects/102/integrations/9/", json(502, "{}"), FakeApiServer.empty(204));
        PostHogClient c = client();
        assertThrows(ServerException.class, () -> c.deleteIntegration(102, 9));
        assertEquals(1, server.requests().size());
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void fullJitterStaysWithinTheCappedCeilingAndVaries() {
        RetryPolicy p = RetryPolicy.DEFAULT;
        assertEquals(Duration.ofMillis(500), p.ceiling(0));
        assertEquals(Duration.ofSeconds(1), p.ceiling(1));
        assertEquals(Duration.ofSeconds(8), p.ceiling(4));
        assertEquals(Duration.ofSeconds(8), p.ceiling(40), "capped, no overflow");
        Random r = new Random();
        for (int retry = 0; retry < 6; retry++) {
            Set<Duration> seen = new HashSet<>();
            for (int i = 0; i < 100; i++) {
                Duration d = p.jitteredDelay(retry, r);
                assertFalse(d.isNegative(), d.toString());
                assertTrue(d.compareTo(p.ceiling(retry)) <= 0, d + " > " + p.ceiling(retry));
                seen.add(d);
            }
            assertTrue(seen.size() > 1, "100 jittered delays were all equal");
        }
    }

    @Test
    void jitteredRetriesThroughTheClientDifferAcrossRuns() {
        List<Duration> waits = new ArrayList<>();
        Random shared = new Random();
        for (int i = 0; i < 20; i++) {
            FakeTime t = new FakeTime();
            try (FakeApiServer s = new FakeApiServer()) {
                s.on("GET", ME, json(503, "{}"), file(200, "me.json"));
                ClientFixtures.builder(s.base(), t).random(shared).build().me();
            }
            assertEquals(1, t.sleeps().size());
            waits.addAll(t.sleeps());
        }
        assertTrue(waits.stream().allMatch(d -> d.compareTo(Duration.ofMillis(500)) <= 0), waits.toString());
        assertTrue(new HashSet<>(waits).size() > 1, waits.toString());
    }

    // ---------------------------------------------------------------- redirects

    @Test
    void sameOriginRedirectIsFollowedWithTheKey() {
        server.on("GET", ME, json(301, "", "Location", "/api/v2/users/@me/"));
        server.on("GET", "/api/v2/users/@me/", file(200, "me.json"));
        assertEquals(42L, client().me().id());
        assertEquals(2, server.requests().size());
        assertEquals("Bearer " + ClientFixtures.KEY, server.requests().get(1).header("Authorization"));
    }

    @Test
    void redirectToAnotherHostNameIsRefusedAndTheOtherHostGetsNothing() {
        try (FakeApiServer other = new FakeApiServer()) {
            other.on("GET", ME, file(200, "me.json"));
            server.on("GET", ME, json(302, "", "Location", "http://localhost:" + other.port() + ME));
            InvalidResponseException e = assertThrows(InvalidResponseException.class, client()::me);
            assertTrue(e.userMessage().contains("localhost:" + other.port()), e.userMessage());
            assertTrue(e.userMessage().contains("Hoglink did not follow. Your API key was not sent to http://localhost:"
                    + other.port() + "."), e.userMessage());
            assertEquals(NetworkFailure.REDIRECT_ELSEWHERE, e.failure());
            assertEquals(List.of(), other.requests());
        }
    }

    @Test
    void redirectToAnotherPortOrSchemeIsRefused() {
        try (FakeApiServer other = new FakeApiServer()) {
            server.on("GET", ME, json(307, "", "Location", "http://127.0.0.1:" + other.port() + ME));
            assertThrows(InvalidResponseException.class, client()::me);
            assertEquals(List.of(), other.requests());
        }
        server.on("GET", "/api/organizations/x/", json(308, "", "Location", "https://127.0.0.1:" + server.port() + "/x"));
        assertThrows(InvalidResponseException.class, () -> client().organization("x"));
        assertEquals(2, server.requests().size());
    }

    @Test
    void redirectOfAPostIsNotFollowed() {
        server.on("POST", LINK, json(307, "", "Location", LINK + "again/"));
        assertThrows(InvalidResponseException.class, () -> client().linkExisting(102, link()));
        assertEquals(1, server.requests().size());
    }

    @Test
    void redirectLoopStopsAfterFiveHops() {
        server.on("GET", ME, json(302, "", "Location", ME));
        assertThrows(InvalidResponseException.class, client()::me);
        assertEquals(PostHogClient.MAX_REDIRECTS + 1, server.requests().size());
    }

    // ---------------------------------------------------------------- http refusal, rate limit, threads

    @Test
    void plainHttpToARemoteHostIsRefusedBeforeAnyRequest() {
        ApiKey key = ApiKey.of(ClientFixtures.KEY);
        InvalidHostException e = assertThrows(InvalidHostException.class,
                () -> PostHogClient.builder("http://us.posthog.com", key));
        assertTrue(e.userMessage().contains("https://"), e.userMessage());
        assertThrows(InvalidHostException.class, () -> PostHogClient.builder("http://10.0.0.5:8000", key));
        assertThrows(InvalidHostException.class, () -> PostHogClient.builder("http://128.0.0.1", key));
        assertThrows(InvalidHostException.class, () -> PostHogClient.builder("ftp://us.posthog.com", key));
    }

    @Test
    void rateLimiterHoldsRequestsBeyondItsBudget() {
        RateLimiter limiter = new RateLimiter(List.of(new RateLimiter.Limit(2, Duration.ofMinutes(1))), time, time);
        PostHogClient c = ClientFixtures.builder(server.base(), time).rateLimiter(limiter).build();
        server.on("GET", ME, file(200, "me.json"));
        c.me();
        c.me();
        assertEquals(List.of(), time.sleeps());
        c.me();
        assertEquals(List.of(Duration.ofMinutes(1)), time.sleeps(), "until the first leaves the minute");
        assertEquals(1, c.stats().rateLimiterWaits());
        assertEquals(Duration.ofMinutes(1), c.stats().rateLimiterWaited());
    }

    @Test
    void aSelfHostedClientIsUncappedUntilPostHogsThrottleAnswersThenHonoursItsWait() {
        // The fake server is on this computer, so the client's limiter is that of a host other than PostHog Cloud.
        server.on("GET", ME, file(200, "me.json"), file(429, "error-429.json"), file(200, "me.json"));
        PostHogClient c = ClientFixtures.builder(server.base(), time).build();
        assertFalse(c.rateLimiter().capped());
        c.me();
        c.me();
        assertTrue(c.rateLimiter().capped(), "capped at the first 429 from PostHog's throttle");
        assertEquals(List.of(Duration.ofSeconds(12)), time.sleeps(), "the retry waited the 12 s PostHog named");
        assertEquals(1, c.stats().retries());
    }

    @Test
    void aLongRetryAfterFailsTheOtherCallersAtOnceSayingWhenRequestsGoAgain() {
        server.on("GET", ME, json(429, "{\"type\":\"throttled_error\",\"code\":\"throttled\","
                + "\"detail\":\"Request was throttled. Expected available in 2700 seconds.\"}"), file(200, "me.json"));
        PostHogClient c = ClientFixtures.builder(server.base(), time).build();
        ThrottledException first = assertThrows(ThrottledException.class, c::me);
        assertEquals(Duration.ofSeconds(2700), first.retryAfter());
        ThrottledException next = assertThrows(ThrottledException.class, c::me);
        assertEquals(1, server.requests().size(), "the next call is not sent into the same refusal");
        assertEquals(Duration.ofSeconds(2700), next.retryAfter());
        assertTrue(next.userMessage().endsWith("Requests go again in 45 min."), next.userMessage());
        assertEquals(List.of(), time.sleeps(), "nobody stalls");
    }

    @Test
    void aClientThatNeverRetriesStillWaitsForAPermitAFewSecondsOff() {
        server.on("GET", ME, file(200, "me.json"));
        PostHogClient c = ClientFixtures.builder(server.base(), time).retryPolicy(RetryPolicy.none())
                .rateLimiter(new RateLimiter(List.of(new RateLimiter.Limit(1, Duration.ofSeconds(5))), time, time)).build();
        c.me();
        c.me();
        assertEquals(List.of(Duration.ofSeconds(5)), time.sleeps(), "the permit wait is not the retry policy's");
    }

    @Test
    void aRepositoryRefreshs429HoldsNoOtherRequest() {
        String refresh = "/api/projects/102/integrations/9/github_repos/refresh/";
        server.on("POST", refresh, file(429, "error-429.json", "Retry-After", "45"));
        server.on("GET", ME, file(200, "me.json"));
        PostHogClient c = client();
        ThrottledException e = assertThrows(ThrottledException.class, () -> c.refreshGitHubRepos(102, 9));
        assertEquals(Optional.of(Duration.ofSeconds(45)), Optional.ofNullable(e.retryAfter()));
        assertEquals(42L, c.me().id());
        assertEquals(List.of(), time.sleeps(), "the refresh throttle is that project's refreshes only");
        assertEquals(Duration.ZERO, c.rateLimiter().nextPermitIn());
    }

    @Test
    void aGitHub429DoesNotCapPostHogsLimiter() {
        server.on("GET", ME, json(429, "{\"detail\":\"GitHub API rate limit exceeded. Please retry later.\","
                + "\"code\":\"rate_limited\"}", "Retry-After", "3000"));
        PostHogClient c = ClientFixtures.builder(server.base(), time).build();
        assertThrows(ThrottledException.class, c::me);
        assertFalse(c.rateLimiter().capped());
        assertEquals(Duration.ZERO, c.rateLimiter().nextPermitIn());
    }

    @Test
    void oneClientServesConcurrentCallers() throws Exception {
        server.on("GET", ME, file(200, "me.json"));
        PostHogClient c = client();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                results.add(pool.submit(() -> c.me().id()));
            }
            for (Future<Long> f : results) {
                assertEquals(42L, f.get());
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(60, c.stats().requestsSent());
        assertEquals(60, server.requests().size());
    }

    @Test
    void interruptedCallerGetsACancelledNetworkError() {
        server.on("GET", ME, file(200, "me.json"));
        PostHogClient c = ClientFixtures.builder(server.base(), time)
                .sleeper(d -> {
                    throw new InterruptedException();
                })
                .rateLimiter(new RateLimiter(List.of(new RateLimiter.Limit(1, Duration.ofSeconds(30))), time, d -> {
                    throw new InterruptedException();
                }))
                .build();
        c.me();
        NetworkException e = assertThrows(NetworkException.class, c::me);
        assertEquals(NetworkException.Kind.CANCELLED, e.kind());
        assertTrue(Thread.interrupted(), "interrupt flag restored");
        assertInstanceOf(InterruptedException.class, e.getCause());
    }

    // ---------------------------------------------------------------- one retry budget, one deadline, a page cap

    /** Answers like {@code then}, after moving the fake clock on by {@code took} (a slow server, no real wait). */
    private FakeApiServer.Script slow(Duration took, FakeApiServer.Script then) {
        return (ex, srv) -> {
            time.advance(took);
            then.run(ex, srv);
        };
    }

    @Test
    void noRetryStartsOnceTheOperationsDeadlineWouldBePassed() {
        FakeApiServer.Script slow503 = slow(Duration.ofSeconds(20), file(503, "error-500.json"));
        server.on("GET", ME, slow503, slow503, file(200, "me.json"));
        assertThrows(ServerException.class, client()::me);
        assertEquals(2, server.requests().size(), "20 s + 20 s is past the 35 s deadline: no third try");
        assertEquals(List.of(Duration.ofMillis(250)), time.sleeps());
    }

    @Test
    void aRetryAfterWaitIsTheServersAskAndDoesNotCountAgainstTheDeadline() {
        server.on("GET", ME, slow(Duration.ofSeconds(30), json(429, "{\"detail\":\"x\",\"code\":\"throttled\"}",
                "Retry-After", "10")), file(200, "me.json"));
        client().me();
        assertEquals(List.of(Duration.ofSeconds(10)), time.sleeps());
        assertEquals(2, server.requests().size());
    }

    @Test
    void ourOwnBackoffThatWouldEndPastTheDeadlineIsNotWaited() {
        server.on("GET", ME, slow(Duration.ofMillis(34_800), file(503, "error-500.json")), file(200, "me.json"));
        assertThrows(ServerException.class, client()::me);
        assertEquals(1, server.requests().size(), "0.25 s of backoff would leave 0 s for the second try");
        assertEquals(List.of(), time.sleeps());
    }

    @Test
    void theLastTryGetsOnlyTheTimeLeftSoAStalledServerFailsWithinTheDeadline() {
        server.on("GET", ME, slow(Duration.ofSeconds(29), file(503, "error-500.json")), FakeApiServer.hang());
        PostHogClient c = ClientFixtures.builder(server.base(), time).random(new HalfRandom())
                .operationDeadline(Duration.ofSeconds(30)).build();
        // 29 s (fake) for the first answer, 0.25 s backoff: the second try has 0.75 s, not the 30 s request timeout.
        NetworkException e = org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(Duration.ofSeconds(10),
                () -> assertThrows(NetworkException.class, c::me));
        assertTrue(e.timeout(), e.kind().toString());
        assertEquals(2, server.requests().size());
    }

    @Test
    void aListWhoseNextLinksNeverEndStopsAtThePageCapWithAPlainMessage() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        FakeApiServer.Script endless = (ex, srv) -> {
            int page = n.incrementAndGet();
            json(200, "{\"next\":\"{{base}}/api/organizations/?limit=100&offset=" + page * 100
                    + "\",\"results\":[{\"id\":\"o" + page + "\",\"name\":\"n\"}]}").run(ex, srv);
        };
        server.on("GET", "/api/organizations/", endless);
        InvalidResponseException e = assertThrows(InvalidResponseException.class, client()::organizations);
        assertTrue(e.userMessage().startsWith(hostPort() + " kept sending more pages of a list"), e.userMessage());
        assertEquals(PostHogClient.MAX_LIST_PAGES, server.requests().size());
    }

    private static FakeApiServer.Script organizationsPage(String next, String... ids) {
        StringBuilder rows = new StringBuilder();
        for (String id : ids) {
            rows.append(rows.length() == 0 ? "" : ",").append("{\"id\":\"").append(id).append("\",\"name\":\"n\"}");
        }
        return json(200, "{\"count\":9,\"next\":" + (next == null ? "null" : "\"{{base}}" + next + "\"")
                + ",\"results\":[" + rows + "]}");
    }

    @Test
    void aNextLinkBackToTheSamePageIsABrokenListNotItsEnd() {
        server.on("GET", "/api/organizations/", organizationsPage("/api/organizations/?limit=100", "o1"));
        InvalidResponseException e = assertThrows(InvalidResponseException.class, client()::organizations);
        assertTrue(e.userMessage().startsWith(hostPort() + " kept sending more pages of a list"), e.userMessage());
        assertEquals(1, server.requests().size());
    }

    @Test
    void nextLinksThatLoopABAAreABrokenListNotItsEnd() {
        server.on("GET", "/api/organizations/", (ex, srv) -> {
            boolean b = ex.getRequestURI().getRawQuery().contains("offset=1");
            organizationsPage(b ? "/api/organizations/?limit=100" : "/api/organizations/?limit=100&offset=1",
                    b ? "o2" : "o1").run(ex, srv);
        });
        InvalidResponseException e = assertThrows(InvalidResponseException.class, client()::organizations);
        assertTrue(e.userMessage().startsWith(hostPort() + " kept sending more pages of a list"), e.userMessage());
        assertEquals(2, server.requests().size());
    }

    @Test
    void emptyPagesThatKeepLinkingOnStopAtTheSecondNotTheThousandth() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        server.on("GET", "/api/organizations/", (ex, srv) -> organizationsPage("/api/organizations/?limit=100&offset="
                + n.incrementAndGet() * 100).run(ex, srv));
        InvalidResponseException e = assertThrows(InvalidResponseException.class, client()::organizations);
        assertTrue(e.userMessage().startsWith(hostPort() + " kept sending more pages of a list"), e.userMessage());
        assertEquals(2, server.requests().size(), "one empty page with a next is a race at the server; two are not");
    }

    @Test
    void oneEmptyPageWithANextIsARaceAtTheServerAndTheListEndsAfterIt() {
        server.on("GET", "/api/organizations/", (ex, srv) -> {
            String q = ex.getRequestURI().getRawQuery();
            (q.contains("offset=200") ? organizationsPage(null)
                    : q.contains("offset=100") ? organizationsPage("/api/organizations/?limit=100&offset=200")
                    : organizationsPage("/api/organizations/?limit=100&offset=100", "o1", "o2")).run(ex, srv);
        });
        assertEquals(List.of("o1", "o2"), client().organizations().stream().map(o -> o.id()).toList());
        assertEquals(3, server.requests().size());
    }

    @Test
    void aCursorListThatLoopsIsCutNotFailedAndSaysSo() {
        String path = "/api/projects/1/activity_log/";
        server.on("GET", path, json(200, "{\"next\":\"{{base}}" + path + "?scope=Integration&page_size=1000\","
                + "\"results\":[{\"id\":\"a1\",\"scope\":\"Integration\",\"activity\":\"created\"}]}"));
        ActivityLog log = client().integrationActivityLog(1, 50, Duration.ofMinutes(5));
        assertTrue(log.cut(), "rows were left unread");
        assertEquals(1, log.rows().size());
        assertEquals(1, server.requests().size());
    }

    /** Pages of one row each, its name and activity {@code nameBytes} long each, linking on {@code pages} times. */
    private static FakeApiServer.Script bigRows(java.util.concurrent.atomic.AtomicInteger n, int nameBytes, int pages,
                                                String path, String query) {
        String name = "x".repeat(nameBytes);
        return (ex, srv) -> {
            int page = n.incrementAndGet();
            String next = page < pages ? "\"{{base}}" + path + "?" + query + "&offset=" + page + "\"" : "null";
            json(200, "{\"next\":" + next + ",\"results\":[{\"id\":\"r" + page + "\",\"name\":\"" + name
                    + "\",\"scope\":\"Integration\",\"activity\":\"" + name + "\"}]}").run(ex, srv);
        };
    }

    @Test
    void theDefaultListBudgetIs128MegabytesOverAllPages() {
        assertEquals(128L * 1024 * 1024, PostHogClient.DEFAULT_MAX_LIST_BYTES);
    }

    @Test
    void aListWhosePagesTogetherPassTheBudgetStopsThereInsteadOfHoldingEveryPage() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        server.on("GET", "/api/organizations/", bigRows(n, 150_000, 1000, "/api/organizations/", "limit=100"));
        PostHogClient c = ClientFixtures.builder(server.base(), time).maxListBytes(1024 * 1024).build();
        InvalidResponseException e = assertThrows(InvalidResponseException.class, c::organizations);
        assertTrue(e.userMessage().startsWith("A list from " + hostPort() + " was larger than 1 MB."), e.userMessage());
        assertEquals(4, server.requests().size(), "three pages of 300 kB fit in 1 MB, the fourth does not");
    }

    @Test
    void anActivityLogPastTheBudgetIsCutWithTheRowsRead() {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        String path = "/api/projects/1/activity_log/";
        server.on("GET", path, bigRows(n, 150_000, 1000, path, "scope=Integration&page_size=1000"));
        PostHogClient c = ClientFixtures.builder(server.base(), time).maxListBytes(1024 * 1024).build();
        ActivityLog log = c.integrationActivityLog(1, 50, Duration.ofMinutes(5));
        assertTrue(log.cut());
        assertEquals(3, log.rows().size(), "three pages of 300 kB fit in 1 MB, the fourth does not");
    }
}
