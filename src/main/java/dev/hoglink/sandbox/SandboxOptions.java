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
 */
public record SandboxOptions(int port, long latencyMs, int extraProjects, Path stateFile, FaultSpec faults,
                             boolean throttle, Clock clock) {

    public SandboxOptions {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be 0..65535");
        }
        if (latencyMs < 0 || extraProjects < 0) {
            throw new IllegalArgumentException("latency and project count cannot be negative");
        }
        faults = Objects.requireNonNullElse(faults, FaultSpec.NONE);
        clock = Objects.requireNonNullElse(clock, Clock.systemUTC());
    }

    public static SandboxOptions defaults() {
        return new SandboxOptions(0, 0, 0, null, FaultSpec.NONE, false, Clock.systemUTC());
    }

    public SandboxOptions withPort(int p) {
        return new SandboxOptions(p, latencyMs, extraProjects, stateFile, faults, throttle, clock);
    }

    public SandboxOptions withLatencyMs(long ms) {
        return new SandboxOptions(port, ms, extraProjects, stateFile, faults, throttle, clock);
    }

    public SandboxOptions withExtraProjects(int n) {
        return new SandboxOptions(port, latencyMs, n, stateFile, faults, throttle, clock);
    }

    public SandboxOptions withStateFile(Path file) {
        return new SandboxOptions(port, latencyMs, extraProjects, file, faults, throttle, clock);
    }

    public SandboxOptions withFaults(FaultSpec f) {
        return new SandboxOptions(port, latencyMs, extraProjects, stateFile, f, throttle, clock);
    }

    public SandboxOptions withThrottle(boolean on) {
        return new SandboxOptions(port, latencyMs, extraProjects, stateFile, faults, on, clock);
    }

    public SandboxOptions withClock(Clock c) {
        return new SandboxOptions(port, latencyMs, extraProjects, stateFile, faults, throttle, c);
    }
}
