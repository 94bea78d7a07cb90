package dev.hoglink.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.ClientStats;
import dev.hoglink.api.InvalidResponseException;
import dev.hoglink.api.NetworkException;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.hardening.FaultServer.Fault;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Socket faults from a raw server against the real client: each gives a typed ApiException with a short plain
 * user message of the right kind; GETs are retried within the policy and POSTs are never resent (counted as
 * connections at the server); the canary key never shows in an exception or the log.
 */
class SocketFaultTest {

    /** The stalls run against a short timeout; the other faults get a patient client, so load cannot flake them. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    private static final Duration PATIENT_TIMEOUT = Duration.ofSeconds(4);
    private static final RetryPolicy POLICY = RetryPolicy.DEFAULT;
    /** Worst case of one call: a few tries, no real backoff. */
    private static final Duration BOUND = Duration.ofSeconds(8);

    private static FaultServer server;
    private static PostHogClient quick;
    private static PostHogClient patient;
    private static Canary canary;
    private static CallGuard guard;
    private static final List<Duration> WAITS = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        server = new FaultServer();
        quick = client(SHORT_TIMEOUT);
        patient = client(PATIENT_TIMEOUT);
        canary = new Canary();
        guard = new CallGuard(BOUND);
    }

    private static PostHogClient client(Duration requestTimeout) {
        return PostHogClient.builder(server.base(), ApiKey.of(Canary.KEY))
                .requestTimeout(requestTimeout)
                .connectTimeout(Duration.ofSeconds(2))
                .retryPolicy(POLICY)
                .rateLimiter(RateLimiter.unlimited())
                .sleeper(WAITS::add)
                .random(new Random(3))
                .build();
    }

    private static PostHogClient clientFor(Fault f) {
        return f == Fault.STALL || f == Fault.HEADERS_ONLY_THEN_STALL ? quick : patient;
    }

    @AfterAll
    static void stop() {
        int logHits = canary.logHits();
        FaultFigures.add(FaultFigures.CANARY_HITS, logHits);
        canary.close();
        guard.close();
        server.close();
        FaultFigures.add(FaultFigures.RETRIES, quick.stats().retries() + patient.stats().retries());
        assertEquals(0, logHits, "the canary key was logged");
        assertTrue(canary.logLines() > 0, "the log capture saw nothing: it cannot have checked the canary");
    }

    /** Kinds whose failure the client treats as a broken connection (retried for GET). */
    private static boolean broken(Fault f) {
        return f != Fault.STALL && f != Fault.HEADERS_ONLY_THEN_STALL && f != Fault.TEN_MB_BODY;
    }

    private static ApiException failWith(Fault f, Supplier<?> call) {
        server.inject(f);
        CallGuard.Outcome o = guard.call(call);
        FaultFigures.add(FaultFigures.FAULTS_INJECTED, server.connections());
        if (o.overran()) {
            FaultFigures.add(FaultFigures.SLOW_CALLS, 1);
            fail(f + ": " + o.describe());
        }
        if (o.untyped() != null) {
            FaultFigures.add(FaultFigures.UNCAUGHT, 1);
            fail(f + ": " + o.describe(), o.untyped());
        }
        assertNotNull(o.apiException(), f + " gave a value: " + o.describe());
        ApiException e = o.apiException();
        int hits = Canary.hits(e);
        FaultFigures.add(FaultFigures.CANARY_HITS, hits);
        assertEquals(0, hits, f + ": the canary is in the exception");
        assertTrue(FuzzedResponsesTest.isShortPlainText(e.userMessage()), e.userMessage());
        return e;
    }

    private static void assertKind(Fault f, ApiException e) {
        switch (f) {
            case STALL, HEADERS_ONLY_THEN_STALL -> {
                NetworkException n = assertInstanceOf(NetworkException.class, e, e.toString());
                assertTrue(n.timeout(), n.kind().toString());
                assertTrue(n.userMessage().contains("did not answer in time"), n.userMessage());
            }
            case TEN_MB_BODY -> {
                InvalidResponseException i = assertInstanceOf(InvalidResponseException.class, e, e.toString());
                assertTrue(i.userMessage().contains("larger than 8 MB"), i.userMessage());
            }
            case GARBAGE_THEN_CLOSE -> {
                // Random bytes are no HTTP status line; the server was reached.
                NetworkException n = assertInstanceOf(NetworkException.class, e, e.toString());
                assertEquals(NetworkException.Kind.PROTOCOL, n.kind(), e.toString());
                assertTrue(n.mayHaveReachedServer());
                assertTrue(n.userMessage().startsWith("127.0.0.1:" + server.base().replaceAll(".*:", "")
                        + " answered, but not in HTTP."), n.userMessage());
            }
            default -> {
                NetworkException n = assertInstanceOf(NetworkException.class, e, e.toString());
                assertEquals(NetworkException.Kind.RESET, n.kind(), e.toString());
                assertTrue(n.mayHaveReachedServer());
                assertTrue(n.userMessage().contains("connection to 127.0.0.1:"), n.userMessage());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void getFailsWithTheRightTypedErrorAndRetriesOnlyWithinThePolicy(Fault f) {
        PostHogClient client = clientFor(f);
        ClientStats before = client.stats();
        WAITS.clear();
        ApiException e = failWith(f, client::me);
        assertKind(f, e);
        ClientStats after = client.stats();
        long sent = after.requestsSent() - before.requestsSent();
        long retried = after.retries() - before.retries();
        int expectedTries = broken(f) ? POLICY.maxAttempts() : 1;
        assertEquals(expectedTries, sent, "tries the client made");
        assertEquals(expectedTries - 1, retried, "retries the client counted");
        assertEquals(expectedTries - 1, WAITS.size(), "backoff waits");
        for (int i = 0; i < WAITS.size(); i++) {
            Duration w = WAITS.get(i);
            assertFalse(w.isNegative() || w.compareTo(POLICY.ceiling(i)) > 0, "wait " + i + " = " + w);
        }
        // One retry budget: the JDK client's own resend of a GET (on a connection that dies before the answer)
        // is turned off, so every send on the wire is one of the client's counted tries, at most three.
        int conns = server.connections();
        assertEquals(sent, conns, f + ": connections for " + sent + " tries");
        assertTrue(conns <= 3, f + ": " + conns + " sends of one GET");
        assertTrue(server.methods().stream().allMatch("GET"::equals), server.methods().toString());
        FaultFigures.add(JDK_RESENDS, conns - sent);
    }

    /** Connections the JDK client opened beyond the client's own tries (its silent resend of a GET). */
    static final String JDK_RESENDS = "GET resends by the JDK client";

    @ParameterizedTest
    @EnumSource(Fault.class)
    void postFailsWithTheRightTypedErrorAndIsNeverResent(Fault f) {
        PostHogClient client = clientFor(f);
        ClientStats before = client.stats();
        ApiException e = failWith(f, () -> client.linkExisting(102, new LinkExistingRequest(101L, "12345678", null)));
        assertKind(f, e);
        if (e instanceof NetworkException n) {
            assertTrue(n.mayHaveReachedServer(), "a POST that may have arrived must say so (re-read, not resend)");
        }
        ClientStats after = client.stats();
        assertEquals(1, after.requestsSent() - before.requestsSent(), "tries the client made");
        assertEquals(0, after.retries() - before.retries(), "retries");
        assertEquals(1, server.connections(), f + ": connections at the server");
        assertEquals(List.of("POST"), server.methods());
    }
}
