package dev.hoglink.sandbox;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;

/**
 * How to start a sandbox. Everything is off by default: port 0 (any free port), no latency, no throttle,
 * no faults, no state file, the default seeded world.
 *
 * @param port       TCP port on 127.0.0.1; 0 picks a free one
 * @param latencyMs  extra delay before every API response
 * @param extraProjects size of a generated large organization added to the default world (0 = none)
 * @param stateFile  JSON file to load the world from and save it to after each change; null = memory only
 * @param faults     fault injection
 * @param throttle   enforce PostHog's personal-key throttle (480/minute, 4800/hour)
 * @param clock      time source (OAuth state expiry, throttle windows, timestamps)
 * @param siteUrl    PostHog's SITE_URL, the public address callback URLs are built from, when it differs from
 *                   the listening address (split DNS, a proxy); {@code {port}} stands for the bound port; null =
 *                   the listening address
 */
public record SandboxOptions(int port, long latencyMs, int extraProjects, Path stateFile, FaultSpec faults,
                             boolean throttle, Clock clock, String siteUrl) {

    public SandboxOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (latencyMs < 0 || extraProjects < 0) {
            throw new IllegalArgumentException("latency and project count cannot be negative");
        }
        faults = Objects.requireNonNullElse(faults, FaultSpec.NONE);
        clock = Objects.requireNonNullElse(clock, Clock.systemUTC());
        if (siteUrl != null) {
            siteUrl = siteUrl.strip();
            while (siteUrl.endsWith("/")) {
                siteUrl = siteUrl.substring(0, siteUrl.length() - 1);
            }
            if (!siteUrl.matches("https?://[^/?#\\s]+")) {
                throw new IllegalArgumentException("site URL must be http(s)://host[:port] with no path");
            }
        }
    }

    /** The same options in the old shape (no separate site URL). */
    public SandboxOptions(int port, long latencyMs, int extraProjects, Path stateFile, FaultSpec faults,
                          boolean throttle, Clock clock) {
        this(port, latencyMs, extraProjects, stateFile, faults, throttle, clock, null);
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 0, 0, null, FaultSpec.NONE, false, Clock.systemUTC());
    }

    public SandboxOptions withPort(int p) {
        return new SandboxOptions(p, latencyMs, extraProjects, stateFile, faults, throttle, clock, siteUrl);
    }

    public SandboxOptions withLatencyMs(long ms) {
        return new SandboxOptions(port, ms, extraProjects, stateFile, faults, throttle, clock, siteUrl);
    }

    public SandboxOptions withExtraProjects(int n) {
        return new SandboxOptions(port, latencyMs, n, stateFile, faults, throttle, clock, siteUrl);
    }

    public SandboxOptions withStateFile(Path file) {
        return new SandboxOptions(port, latencyMs, extraProjects, file, faults, throttle, clock, siteUrl);
    }

    public SandboxOptions withFaults(FaultSpec f) {
        return new SandboxOptions(port, latencyMs, extraProjects, stateFile, f, throttle, clock, siteUrl);
    }

    public SandboxOptions withThrottle(boolean on) {
        return new SandboxOptions(port, latencyMs, extraProjects, stateFile, faults, on, clock, siteUrl);
    }

    public SandboxOptions withClock(Clock c) {
        return new SandboxOptions(port, latencyMs, extraProjects, stateFile, faults, throttle, c, siteUrl);
    }

    public SandboxOptions withSiteUrl(String url) {
        return new SandboxOptions(port, latencyMs, extraProjects, stateFile, faults, throttle, clock, url);
    }
}
