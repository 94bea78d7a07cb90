package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ClientStats;
import dev.hoglink.api.InvalidResponseException;
import dev.hoglink.api.NetworkException;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.api.ServerException;
import dev.hoglink.api.ThrottledException;
import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.api.dto.ProjectDto;
import dev.hoglink.sandbox.FaultSpec;
import dev.hoglink.sandbox.SandboxKnobs;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SeedWorld;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client's transport rules against the sandbox's throttle and injected faults. */
class ClientTransportAgainstSandboxTest {

    E2e e2e;

    @BeforeEach
    void start() {
        e2e = E2e.start();
    }

    @AfterEach
    void stop() {
        e2e.close();
    }

    SandboxKnobs knobs() {
        return e2e.server.knobs();
    }

    long linkAttempts(long project) {
        List<ActivityLogEntryDto> rows = e2e.client("owner").integrationActivity(project, 5);
        return rows.stream().filter(r -> "link_started".equals(r.detail().trigger().path("payload").path("event").asText()))
                .count();
    }

    @Test
    void largeGeneratedOrganizationArrivesWholeThroughEveryPage() {
        try (E2e big = new E2e(SandboxOptions.defaults().withExtraProjects(2000))) {
            PostHogClient owner = big.client("owner");
            long before = owner.stats().requestsSent();
            List<ProjectDto> projects = owner.projects(SeedWorld.INITECH_ORG);
            assertEquals(2000, projects.size());
            assertEquals(2000, projects.stream().map(ProjectDto::id).collect(Collectors.toSet()).size());
            assertEquals(1001L, projects.get(0).id());
            assertEquals(3000L, projects.get(1999).id());
            assertEquals(20, owner.stats().requestsSent() - before, "2,000 projects in pages of 100");
            assertEquals(4, owner.organizations().size(), "Initech joins Ada's three organizations");
            assertEquals(50, big.client("admin").availableInstallations(1004).installations().stream()
                    .filter(i -> i.sourceTeamId() != null).count(), "one installation per 40 projects, none on 1004");
        }
    }

    @Test
    void throttledGetWaitsOutRetryAfterAndSucceedsWithinTheRetryPolicy() {
        knobs().setThrottle(true);
        knobs().setThrottleRates(3, 100);
        PostHogClient owner = e2e.client("owner");
        for (int i = 0; i < 3; i++) {
            owner.githubIntegrations(101);
        }
        List<IntegrationDto> rows = owner.githubIntegrations(101);
        assertEquals(1, rows.size());
        ClientStats stats = owner.stats();
        assertTrue(stats.throttled() >= 1, stats.toString());
        assertEquals(stats.throttled(), stats.retries(), stats.toString());
        assertTrue(stats.retries() < RetryPolicy.DEFAULT.maxAttempts(), stats.toString());
        // 3 requests fill the minute at one instant, so the sandbox says: available in 60 seconds.
        assertEquals(List.of(Duration.ofSeconds(60)), e2e.sleeps(), "Retry-After was waited out exactly");
    }

    @Test
    void throttleLongerThanThePolicyAllowsSurfacesTheWait() {
        knobs().setThrottle(true);
        knobs().setThrottleRates(1, 1);
        PostHogClient owner = e2e.client("owner");
        owner.githubIntegrations(101);
        ThrottledException e = E2e.fails(ThrottledException.class, () -> owner.githubIntegrations(101));
        assertEquals("throttled", e.code());
        assertTrue(e.retryAfter().compareTo(RetryPolicy.DEFAULT.maxRetryAfter()) > 0, String.valueOf(e.retryAfter()));
        assertEquals(0, owner.stats().retries());
    }

    @Test
    void githubRateLimitOnLinkIsAThrottleWithGithubsWaitAndIsNotResent() {
        knobs().setGitHubRateLimitSeconds(42);
        PostHogClient owner = e2e.client("owner");
        long served = knobs().requestsServed();
        ThrottledException e = E2e.fails(ThrottledException.class,
                () -> owner.linkExisting(108, LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME, null)));
        assertEquals("rate_limited", e.code());
        assertEquals(Duration.ofSeconds(42), e.retryAfter());
        assertTrue(e.userMessage().startsWith("GitHub is limiting"), e.userMessage());
        assertEquals(1, knobs().requestsServed() - served, "a POST is never resent");
        assertEquals(1, owner.stats().throttled());
    }

    @Test
    void burstOf429sIsRetriedForGets() {
        knobs().startThrottleBurst(2);
        assertEquals(1, e2e.client("owner").githubIntegrations(101).size());
        assertEquals(3, knobs().requestsServed());
    }

    @Test
    void rateLimiterSetToTheSandboxsRatesKeepsABurstFreeOf429s() {
        knobs().setThrottle(true);
        knobs().setThrottleRates(5, 40);
        RateLimiter limiter = new RateLimiter(List.of(new RateLimiter.Limit(5, Duration.ofMinutes(1)),
                new RateLimiter.Limit(40, Duration.ofHours(1))), e2e.nanoTime, e2e.sleeper);
        PostHogClient owner = e2e.builder(e2e.server.key("owner")).rateLimiter(limiter).build();
        for (int i = 0; i < 30; i++) {
            owner.githubIntegrations(101 + i % 3);
        }
        ClientStats stats = owner.stats();
        assertEquals(0, stats.throttled(), stats.toString());
        assertEquals(30, stats.requestsSent());
        assertTrue(stats.rateLimiterWaits() > 0, stats.toString());
    }

    @Test
    void gatewayErrorsAreRetriedForGetsAndPostHogs500IsNot() {
        // The sandbox answers a 5xx fault with PostHog's 500 or a proxy's 502/503, drawn from the seed.
        long retriedGateways = 0;
        for (long seed = 1; seed <= 6; seed++) {
            knobs().setFaults(new FaultSpec(1, 0, 0, 0, 0, 0, seed));
            long served = knobs().requestsServed();
            PostHogClient owner = e2e.client("owner");
            ServerException e = E2e.fails(ServerException.class, () -> owner.githubIntegrations(101));
            long tries = knobs().requestsServed() - served;
            assertEquals(tries, owner.stats().requestsSent(), "seed " + seed);
            assertEquals(tries - 1, owner.stats().retries(), "seed " + seed);
            if (e.status() == 500) {
                assertTrue(tries <= RetryPolicy.DEFAULT.maxAttempts(), "seed " + seed);
            } else {
                assertTrue(Set.of(502, 503).contains(e.status()), "seed " + seed + ": " + e.status());
                assertEquals(RetryPolicy.DEFAULT.maxAttempts(), tries, "a gateway error is retried to the end");
            }
            retriedGateways += owner.stats().retries();
        }
        assertTrue(retriedGateways > 0, "some seed drew a 502/503 first");
        knobs().setFaults(new FaultSpec(0.5, 0, 0, 0, 0, 0, 11));
        PostHogClient patient = e2e.builder(e2e.server.key("owner")).rateLimiter(RateLimiter.unlimited())
                .retryPolicy(new RetryPolicy(20, Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofSeconds(60)))
                .build();
        int ok = 0;
        for (int i = 0; i < 10; i++) {
            try {
                assertEquals(1, patient.githubIntegrations(101).size());
                ok++;
            } catch (ServerException e) {
                assertEquals(500, e.status(), "only PostHog's own 500 is not retried");
            }
        }
        assertTrue(ok > 0, "GETs get through a 50% fault rate");
    }

    @Test
    void linkIsSentOnceWhenTheServerFails() {
        knobs().setFaults(new FaultSpec(1, 0, 0, 0, 0, 0, 3));
        PostHogClient owner = e2e.client("owner");
        E2e.fails(ServerException.class,
                () -> owner.linkExisting(108, LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME, null)));
        assertEquals(1, knobs().requestsServed(), "the POST was not resent");
        assertEquals(0, owner.stats().retries());
        knobs().setFaults(FaultSpec.NONE);
        assertEquals(0, linkAttempts(108), "the fault came before the handler");
    }

    @Test
    void linkIsSentOnceWhenTheConnectionDropsAfterTheServerActed() {
        knobs().setFaults(new FaultSpec(0, 0, 0, 0, 1, 0, 3));
        PostHogClient owner = e2e.client("owner");
        NetworkException e = E2e.fails(NetworkException.class,
                () -> owner.linkExisting(108, LinkExistingRequest.ofInstallation(SeedWorld.INST_ACME, null)));
        assertTrue(e.mayHaveReachedServer());
        assertEquals(1, knobs().requestsServed());
        knobs().setFaults(FaultSpec.NONE);
        assertEquals(1, linkAttempts(108), "exactly one link attempt reached PostHog");
        assertEquals(1, owner.githubIntegrations(108).size(), "re-reading shows the link happened");
    }

    @Test
    void bodySlowerThanTheRequestTimeoutIsAResponseTimeout() {
        knobs().setFaults(new FaultSpec(0, 0, 1, 2000, 0, 0, 3));
        PostHogClient impatient = e2e.builder(e2e.server.key("owner")).rateLimiter(RateLimiter.unlimited())
                .requestTimeout(Duration.ofMillis(150)).build();
        NetworkException e = E2e.fails(NetworkException.class, () -> impatient.githubIntegrations(101));
        assertEquals(NetworkException.Kind.RESPONSE_TIMEOUT, e.kind());
        assertTrue(e.mayHaveReachedServer());
    }

    @Test
    void malformedJsonIsAnInvalidResponse() {
        knobs().setFaults(new FaultSpec(0, 0, 0, 0, 0, 1, 3));
        E2e.fails(InvalidResponseException.class, () -> e2e.client("owner").me());
    }

    @Test
    void droppedConnectionOnAGetIsRetriedThenANetworkException() {
        knobs().setFaults(new FaultSpec(0, 0, 0, 0, 1, 0, 3));
        NetworkException e = E2e.fails(NetworkException.class, () -> e2e.client("owner").githubIntegrations(101));
        assertEquals(NetworkException.Kind.RESET, e.kind());
        assertEquals(RetryPolicy.DEFAULT.maxAttempts(), knobs().requestsServed());
    }
}
