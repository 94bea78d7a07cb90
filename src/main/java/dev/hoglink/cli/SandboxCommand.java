package dev.hoglink.cli;

import dev.hoglink.sandbox.FaultSpec;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hoglink sandbox}: runs the PostHog-compatible sandbox server standalone. Prints one
 * {@code name=value} line for the base URL and for every seeded key, then serves until the process is
 * stopped. Bad flags print the usage and exit 2.
 */
public final class SandboxCommand {

    private static final Logger LOGGER = LoggerFactory.getLogger(SandboxCommand.class);

    static final String USAGE = """
            Usage: hoglink sandbox [--port N] [--latency-ms N] [--projects N] [--state FILE] [--faults SPEC] [--throttle]
              --port N        port on 127.0.0.1 (default 0: any free port)
              --latency-ms N  delay every API response by N milliseconds
              --projects N    add a generated organization with N projects (benchmarks)
              --state FILE    load the world from FILE and save it there after every change
              --faults SPEC   inject faults, e.g. 5xx=0.1,burst429=3,slow=0.05,slowms=1500,drop=0.02,malformed=0.02,seed=7
              --throttle      enforce PostHog's personal-key throttle (480/minute, 4800/hour)
            Prints url=... and key.<role>=... lines, then serves until stopped (Ctrl+C).
            """;

    private SandboxCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        SandboxServer server;
        try {
            server = start(args, out);
        } catch (IllegalArgumentException e) {
            err.println("hoglink sandbox: " + e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException e) {
            LOGGER.warn("The sandbox could not start", e);
            err.println("hoglink sandbox: could not start: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop();
            stopped.countDown();
        }, "sandbox-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.stop();
        }
        return 0;
    }

    /** Parses the flags, starts the server and prints its url= and key.<role>= lines. */
    public static SandboxServer start(List<String> args, PrintStream out) throws IOException {
        SandboxOptions options = parse(args);
        SandboxServer server = SandboxServer.start(options);
        out.println("url=" + server.baseUri());
        for (Map.Entry<String, String> k : server.keys().entrySet()) {
            out.println("key." + k.getKey() + "=" + k.getValue());
        }
        out.flush();
        return server;
    }

    /** Parses the flags; throws IllegalArgumentException with a one-line reason on anything wrong. */
    public static SandboxOptions parse(List<String> args) {
        SandboxOptions o = SandboxOptions.defaults();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--port" -> o = o.withPort(intValue(args, ++i, a, 0, 65535));
                case "--latency-ms" -> o = o.withLatencyMs(intValue(args, ++i, a, 0, 600_000));
                case "--projects" -> o = o.withExtraProjects(intValue(args, ++i, a, 0, 100_000));
                case "--state" -> o = o.withStateFile(Path.of(value(args, ++i, a)));
                case "--faults" -> o = o.withFaults(FaultSpec.parse(value(args, ++i, a)));
                case "--throttle" -> o = o.withThrottle(true);
                default -> throw new IllegalArgumentException(
                        a.startsWith("-") ? "unknown option " + a : "unexpected argument " + a);
            }
        }
        return o;
    }

    private static String value(List<String> args, int i, String flag) {
        if (i >= args.size() || args.get(i).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args.get(i);
    }

    private static int intValue(List<String> args, int i, String flag, int min, int max) {
        String v = value(args, i, flag);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(flag + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " needs a whole number, not '" + v + "'");
        }
    }
}
