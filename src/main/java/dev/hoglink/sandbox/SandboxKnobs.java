package dev.hoglink.sandbox;

import java.util.EnumMap;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The sandbox's runtime switches, changeable while it serves: latency, throttle, faults. Also counts the
 * requests served and the faults injected, which benchmarks print.
 */
public final class SandboxKnobs {

    /** The kinds of injected fault. */
    public enum Fault { SERVER_ERROR, THROTTLE_BURST, SLOW_BODY, DROPPED_CONNECTION, MALFORMED_JSON }

    private volatile long latencyMs;
    private volatile boolean throttle;
    private volatile int throttlePerMinute = 480;
    private volatile int throttlePerHour = 4800;
    private volatile long githubRateLimitSeconds;
    private volatile boolean sourceTeamNames = true;
    private FaultSpec faults;
    private Random random;
    private int burstLeft;
    private final AtomicLong served = new AtomicLong();
    private final Map<Fault, AtomicLong> injected = new EnumMap<>(Fault.class);

    SandboxKnobs(SandboxOptions options) {
        this.latencyMs = options.latencyMs();
        this.throttle = options.throttle();
        for (Fault f : Fault.values()) {
            injected.put(f, new AtomicLong());
        }
        setFaults(options.faults());
    }

    public long latencyMs() {
        return latencyMs;
    }

    public void setLatencyMs(long ms) {
        if (ms < 0) {
            throw new IllegalArgumentException("latency cannot be negative");
        }
        this.latencyMs = ms;
    }

    public boolean throttle() {
        return throttle;
    }

    public void setThrottle(boolean on) {
        this.throttle = on;
    }

    /** Changes the throttle rates (PostHog's are 480/minute and 4800/hour); tests use small ones. */
    public void setThrottleRates(int perMinute, int perHour) {
        if (perMinute < 1 || perHour < 1) {
            throw new IllegalArgumentException("throttle rates must be positive");
        }
        this.throttlePerMinute = perMinute;
        this.throttlePerHour = perHour;
    }

    public int throttlePerMinute() {
        return throttlePerMinute;
    }

    public int throttlePerHour() {
        return throttlePerHour;
    }

    /**
     * Makes GitHub itself rate-limit the sandbox: calls that reach GitHub (link_existing, repository
     * refresh) answer PostHog's bare 429 {@code {detail, code: rate_limited}} with this Retry-After;
     * 0 turns it off.
     */
    public void setGitHubRateLimitSeconds(long seconds) {
        if (seconds < 0) {
            throw new IllegalArgumentException("seconds cannot be negative");
        }
        this.githubRateLimitSeconds = seconds;
    }

    public long githubRateLimitSeconds() {
        return githubRateLimitSeconds;
    }

    /**
     * Whether available_installations names each source project ({@code source_team_name}), as the sandbox does by
     * default; off, it sends null beside the source's id, as the copies of PostHog's team_services.py read do
     * (docs/api-notes.md NH36), so the app must name the source from its loaded rows or say it cannot.
     */
    public boolean sourceTeamNames() {
        return sourceTeamNames;
    }

    public void setSourceTeamNames(boolean on) {
        this.sourceTeamNames = on;
    }

    public synchronized FaultSpec faults() {
        return faults;
    }

    /** Replaces the fault spec; restarts its random sequence from the spec's seed and arms its 429 burst. */
    public synchronized void setFaults(FaultSpec spec) {
        this.faults = spec == null ? FaultSpec.NONE : spec;
        this.random = new Random(this.faults.seed());
        this.burstLeft = this.faults.burst429();
    }

    /** Answers the next {@code n} API requests with 429. */
    public synchronized void startThrottleBurst(int n) {
        this.burstLeft = n;
    }

    public long requestsServed() {
        return served.get();
    }

    public long faultsInjected() {
        return injected.values().stream().mapToLong(AtomicLong::get).sum();
    }

    public long faultsInjected(Fault kind) {
        return injected.get(kind).get();
    }

    /** One line for benchmark output: {@code requests=N faults=M (5xx=a burst429=b ...)}. */
    public String summary() {
        return "requests=" + requestsServed() + " faults=" + faultsInjected()
                + " (5xx=" + faultsInjected(Fault.SERVER_ERROR)
                + " burst429=" + faultsInjected(Fault.THROTTLE_BURST)
                + " slow=" + faultsInjected(Fault.SLOW_BODY)
                + " drop=" + faultsInjected(Fault.DROPPED_CONNECTION)
                + " malformed=" + faultsInjected(Fault.MALFORMED_JSON) + ")";
    }

    void countServed() {
        served.incrementAndGet();
    }

    void countFault(Fault f) {
        injected.get(f).incrementAndGet();
    }

    /** Draws the fault (if any) for the next API request, before it is handled. */
    synchronized Fault drawBeforeHandling() {
        if (burstLeft > 0) {
            burstLeft--;
            return Fault.THROTTLE_BURST;
        }
        if (faults.serverErrorRate() > 0 && random.nextDouble() < faults.serverErrorRate()) {
            return Fault.SERVER_ERROR;
        }
        return null;
    }

    /** Draws the fault (if any) applied to the body of a response already computed. */
    synchronized Fault drawForBody(boolean json2xx) {
        if (faults.dropRate() > 0 && random.nextDouble() < faults.dropRate()) {
            return Fault.DROPPED_CONNECTION;
        }
        if (json2xx && faults.malformedRate() > 0 && random.nextDouble() < faults.malformedRate()) {
            return Fault.MALFORMED_JSON;
        }
        if (faults.slowRate() > 0 && random.nextDouble() < faults.slowRate()) {
            return Fault.SLOW_BODY;
        }
        return null;
    }

    synchronized int nextInt(int bound) {
        return random.nextInt(bound);
    }
}
