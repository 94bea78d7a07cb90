package dev.hoglink.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.hardening.Bodies.Mutation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Serves fuzzed bodies for every response type the client decodes from an in-process server, through one
 * client (no retries, no rate limit), and checks that each call returns a typed DTO or throws an ApiException
 * subtype within a time bound, that error statuses never yield a DTO, that user messages stay short plain text,
 * and that the canary key shows up in no exception and no log line.
 * <p>
 * Every case is built from (endpoint, mutation, seed) and named so, which replays it. The random cases come from
 * {@code -Dhoglink.fuzz.seed} (default 20261124) and {@code -Dhoglink.fuzz.cases} (default 1,544; with the 384 matrix and 72 id cases, 2,000 bodies).
 */
class FuzzedResponsesTest {

    /** Request timeout 2 s; a call may also follow pages of a list. */
    static final Duration BOUND = Duration.ofSeconds(6);
    static final long SEED = Long.getLong("hoglink.fuzz.seed", 20261124L);
    static final int CASES = Integer.getInteger("hoglink.fuzz.cases", 1544);

    private static FuzzServer server;
    private static PostHogClient client;
    private static CallGuard guard;
    private static Canary canary;

    @BeforeAll
    static void start() {
        server = new FuzzServer();
        client = PostHogClient.builder(server.base(), ApiKey.of(Canary.KEY))
                .retryPolicy(RetryPolicy.none())
                .rateLimiter(RateLimiter.unlimited())
                .requestTimeout(Duration.ofSeconds(2))
                .build();
        guard = new CallGuard(BOUND);
        canary = new Canary();
    }

    @AfterAll
    static void stop() {
        int logHits = canary.logHits();
        FaultFigures.add(FaultFigures.CANARY_HITS, logHits);
        int lines = canary.logLines();
        canary.close();
        guard.close();
        server.close();
        FaultFigures.add(FaultFigures.RETRIES, client.stats().retries());
        assertEquals(0, logHits, "the canary key was logged");
        assertTrue(lines > 0, "the log capture saw nothing: it cannot have checked the canary");
    }

    @TestFactory
    Stream<DynamicTest> everyResponseTypeUnderEveryMutationGivesADtoOrAnApiException() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            for (Mutation m : Mutation.values()) {
                long seed = 31L * e.ordinal() + m.ordinal();
                tests.add(DynamicTest.dynamicTest(e + " " + m + " seed " + seed, () -> check(e, m, seed)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> idsSentAsNumbersWithHugeExponentsEndAtOnceForEveryResponseType() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Endpoint e : Endpoint.values()) {
            for (long seed = 0; seed < 3; seed++) {
                long s = seed;
                tests.add(DynamicTest.dynamicTest(e + " ID_EXPONENTS seed " + s, () -> check(e, Mutation.ID_EXPONENTS, s)));
            }
        }
        return tests.stream();
    }

    @TestFactory
    Stream<DynamicTest> randomFuzzedBodiesGiveADtoOrAnApiExceptionWithinTheBound() {
        Random r = new Random(SEED);
        Endpoint[] endpoints = Endpoint.values();
        List<DynamicTest> tests = new ArrayList<>(CASES);
        for (int i = 0; i < CASES; i++) {
            Endpoint e = endpoints[r.nextInt(endpoints.length)];
            Mutation m = weightedMutation(r);
            long seed = r.nextLong();
            tests.add(DynamicTest.dynamicTest(e + " " + m + " seed " + seed, () -> check(e, m, seed)));
        }
        return tests.stream();
    }

    /** Cheap mutations often, the multi-megabyte ones rarely (they are all in the exhaustive matrix too). */
    private static final Object[][] WEIGHTS = {
        {Mutation.TRUNCATED, 12}, {Mutation.WRONG_TYPE, 14}, {Mutation.NULLS_EVERYWHERE, 8},
        {Mutation.CONTROL_CHARS, 8}, {Mutation.INVALID_UTF8, 8}, {Mutation.RANDOM_BYTES, 10},
        {Mutation.HUGE_NUMBERS, 10}, {Mutation.SCALAR_ROOT, 6}, {Mutation.CANARY_ECHO, 6}, {Mutation.VALID, 4},
        {Mutation.EMPTY, 3}, {Mutation.DEEP_NESTING, 2}, {Mutation.HUGE_STRING, 1}, {Mutation.HUGE_ARRAY, 1},
        {Mutation.TEN_MB, 1}, {Mutation.ID_EXPONENTS, 2}
    };

    private static Mutation weightedMutation(Random r) {
        int total = 0;
        for (Object[] w : WEIGHTS) {
            total += (Integer) w[1];
        }
        int pick = r.nextInt(total);
        for (Object[] w : WEIGHTS) {
            pick -= (Integer) w[1];
            if (pick < 0) {
                return (Mutation) w[0];
            }
        }
        throw new IllegalStateException("weights");
    }

    /**
     * Not blank, at most 600 characters, one line, no control or format characters, no broken surrogate pairs,
     * no exception names.
     */
    static boolean isShortPlainText(String s) {
        if (s == null || s.isBlank() || s.length() > 600 || s.contains("Exception")) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return s.chars().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || Character.getType(c) == Character.LINE_SEPARATOR
                || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
    }

    private static void check(Endpoint endpoint, Mutation mutation, long seed) {
        byte[] body = Bodies.make(endpoint, mutation, seed, server.base());
        if (mutation == Mutation.VALID) {
            // A valid list's next page is its last: the same page again would be a loop, which the client refuses.
            server.serve(endpoint.status, body, Bodies.lastPage(body));
        } else {
            server.serve(endpoint.status, body);
        }
        FaultFigures.add(FaultFigures.BODIES_FUZZED, 1);
        CallGuard.Outcome o = guard.call(() -> endpoint.call.apply(client));
        String what = endpoint + " " + mutation + " seed " + seed + " (" + body.length + " bytes): " + o.describe();
        if (o.overran()) {
            FaultFigures.add(FaultFigures.SLOW_CALLS, 1);
            fail(what);
        }
        if (o.untyped() != null) {
            FaultFigures.add(FaultFigures.UNCAUGHT, 1);
            fail(what, o.untyped());
        }
        if (o.apiException() != null) {
            int hits = Canary.hits(o.apiException());
            FaultFigures.add(FaultFigures.CANARY_HITS, hits);
            assertEquals(0, hits, what);
            String user = o.apiException().userMessage();
            assertTrue(isShortPlainText(user), "user message is not short plain text: " + what + "\n" + user);
        } else {
            assertNotNull(o.value(), what);
        }
        if (endpoint.isError()) {
            assertNotNull(o.apiException(), "an error status gave no ApiException: " + what);
        } else if (mutation == Mutation.VALID) {
            assertNotNull(o.value(), "the valid body was not decoded: " + what);
        }
        assertTrue(o.millis() < BOUND.toMillis(), what);
    }
}
