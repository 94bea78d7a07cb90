package dev.hoglink.hardening;

import dev.hoglink.sandbox.FaultSpec;
import dev.hoglink.sandbox.SandboxKnobs;
import dev.hoglink.sandbox.SeedWorld;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sandbox in a JVM of its own, as PostHog is a process of its own, driven through
 * {@code hoglink sandbox --control}. It runs at the lowest CPU priority ({@code nice -n 19}) where the machine
 * has {@code nice}: on a 2-core machine the server's threads then take a core only when the app's threads
 * leave one free, so the FX thread's answer times measure the app, not the stand-in server sharing its cores.
 */
final class SandboxProcess implements AutoCloseable {

    private static final Pattern COUNT = Pattern.compile("([a-z0-9]+)=(\\d+)");
    private static final Map<String, SandboxKnobs.Fault> KINDS = Map.of(
            "5xx", SandboxKnobs.Fault.SERVER_ERROR, "burst429", SandboxKnobs.Fault.THROTTLE_BURST,
            "slow", SandboxKnobs.Fault.SLOW_BODY, "drop", SandboxKnobs.Fault.DROPPED_CONNECTION,
            "malformed", SandboxKnobs.Fault.MALFORMED_JSON);

    private final Process process;
    private final PrintStream commands;
    private final BufferedReader replies;
    private final Path log;
    private final Map<String, String> header = new LinkedHashMap<>();

    /** What {@code summary} answered: requests served and faults injected, by kind. */
    record Summary(long requests, long faults, Map<SandboxKnobs.Fault, Long> byKind) {
        long faults(SandboxKnobs.Fault kind) {
            return byKind.getOrDefault(kind, 0L);
        }
    }

    private SandboxProcess(List<String> flags) throws IOException {
        log = Files.createTempFile("hoglink-sandbox-process", ".log");
        List<String> cmd = new ArrayList<>();
        for (String nice : List.of("/usr/bin/nice", "/bin/nice")) {
            if (Files.isExecutable(Path.of(nice))) {
                cmd.addAll(List.of(nice, "-n", "19"));
                break;
            }
        }
        cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dsun.net.httpserver.nodelay=true",
                "-cp", System.getProperty("java.class.path"), "dev.hoglink.Launcher", "sandbox", "--control"));
        cmd.addAll(flags);
        process = new ProcessBuilder(cmd).redirectError(log.toFile()).start();
        commands = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        replies = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        try {
            while (header.size() < 1 + SeedWorld.ROLES.size()) {
                String line = replies.readLine();
                int eq = line == null ? -1 : line.indexOf('=');
                if (eq <= 0) {
                    throw new IOException("the sandbox process printed '" + line + "' before serving: " + logTail());
                }
                header.put(line.substring(0, eq), line.substring(eq + 1));
            }
        } catch (IOException | RuntimeException e) {
            process.destroyForcibly();
            throw e;
        }
    }

    /** Starts {@code hoglink sandbox --control} with these extra flags and waits until it serves. */
    static SandboxProcess start(String... flags) throws IOException {
        return new SandboxProcess(List.of(flags));
    }

    URI baseUri() {
        return URI.create(header.get("url"));
    }

    String key(String role) {
        String k = header.get("key." + role);
        if (k == null) {
            throw new IllegalArgumentException("no key for role " + role);
        }
        return k;
    }

    void setFaults(FaultSpec spec) {
        command("faults " + spec.spec());
    }

    void startThrottleBurst(int n) {
        command("burst " + n);
    }

    Summary summary() {
        String reply = command("summary");
        Map<String, Long> counts = new LinkedHashMap<>();
        Matcher m = COUNT.matcher(reply);
        while (m.find()) {
            counts.put(m.group(1), Long.parseLong(m.group(2)));
        }
        Map<SandboxKnobs.Fault, Long> byKind = new EnumMap<>(SandboxKnobs.Fault.class);
        KINDS.forEach((name, kind) -> byKind.put(kind, counts.getOrDefault(name, 0L)));
        if (!counts.containsKey("requests") || !counts.containsKey("faults")) {
            throw new IllegalStateException("the sandbox process answered '" + reply + "' to summary");
        }
        return new Summary(counts.get("requests"), counts.get("faults"), byKind);
    }

    /** Sends one control command and returns its {@code ok} reply; anything else is an IllegalStateException. */
    synchronized String command(String line) {
        commands.println(line);
        String reply;
        try {
            reply = replies.readLine();
        } catch (IOException e) {
            throw new IllegalStateException("the sandbox process did not answer '" + line + "'", e);
        }
        if (reply == null || !(reply.equals("ok") || reply.startsWith("ok "))) {
            throw new IllegalStateException("the sandbox process answered '" + reply + "' to '" + line + "': "
                    + logTail());
        }
        return reply;
    }

    private String logTail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /** Stops the process (the end of its input stops it; it is killed if it lingers) and removes its log. */
    @Override
    public void close() {
        commands.close();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try {
            Files.deleteIfExists(log);
        } catch (IOException ignored) {
            // a temporary file; the OS cleans its folder
        }
    }
}
