package dev.hoglink.cli;

import dev.hoglink.sandbox.FaultSpec;
import dev.hoglink.sandbox.SandboxKnobs;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code hoglink sandbox}: runs the PostHog-compatible sandbox server standalone. Prints one
 * {@code name=value} line for the base URL and for every seeded key, then serves until the process is
 * stopped. Bad flags print the usage and exit 2. With {@code --control} it also reads commands from standard
 * input, one a line, to change its faults, throttle and latency while it serves (scripts and the hardening
 * suite drive a sandbox in another process this way), and stops at the end of that input.
 */
public final class SandboxCommand {

    private static final Logger LOGGER = LoggerFactory.getLogger(SandboxCommand.class);

    /** The command's usage text ({@code hoglink <command> --help} prints it). */
    public static final String USAGE = """
            Usage: hoglink sandbox [--port N] [--latency-ms N] [--projects N] [--state FILE] [--faults SPEC] [--throttle] [--site-url URL] [--unnamed-sources] [--shared-elsewhere] [--control]
              --port N        port on 127.0.0.1 (default 0: any free port)
              --latency-ms N  delay every API response by N milliseconds
              --projects N    add a generated organization with N projects (benchmarks)
              --state FILE    load the world from FILE and save it there after every change
              --faults SPEC   inject faults, e.g. 5xx=0.1,burst429=3,slow=0.05,slowms=1500,drop=0.02,malformed=0.02,seed=7
              --throttle      enforce PostHog's personal-key throttle (480/minute, 4800/hour)
              --site-url URL  PostHog's SITE_URL when it differs from the listening address, e.g. http://localhost:{port}
              --unnamed-sources  send available_installations' source_team_name as null, as PostHog's code read does
              --shared-elsewhere also link Globex Android (Globex Labs) to acme-labs: Acme's Labs reads shared "elsewhere"
              --control       read commands from standard input while serving; stop at its end
            Prints url=... and key.<role>=... lines, then serves until stopped (Ctrl+C).
            With --control, each line of standard input is one command, answered with one line (ok ... or error ...):
              faults SPEC | faults none   replace the injected faults (SPEC as for --faults)
              burst N                     answer the next N API requests with 429
              latency N                   delay every API response by N milliseconds
              throttle on | throttle off  PostHog's personal-key throttle
              source-names on | off       name the source projects in available_installations (off: null)
              refuse-uninstall ID on|off  GitHub refuses (on) or accepts again (off) PostHog's uninstall of installation ID
              summary                     ok requests=N faults=M (5xx=a burst429=b slow=c drop=d malformed=e)
              stop                        stop serving and exit
            """;

    private SandboxCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        return run(args, System.in, out, err);
    }

    /** Runs the command; with {@code --control} the commands come from {@code in}. */
    public static int run(List<String> args, InputStream in, PrintStream out, PrintStream err) {
        List<String> flags = new ArrayList<>(args);
        boolean control = flags.remove("--control");
        SandboxServer server;
        try {
            server = start(flags, out);
        } catch (IllegalArgumentException e) {
            CliText.line(err, "sandbox", e.getMessage());
            err.print(USAGE);
            return 2;
        } catch (IOException e) {
            LOGGER.warn("The sandbox could not start", e);
            CliText.line(err, "sandbox", "could not start: " + e.getMessage());
            return 1;
        }
        if (control) {
            try (server) {
                control(server, new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), out);
            } catch (IOException e) {
                LOGGER.warn("The sandbox's control input failed", e);
                CliText.line(err, "sandbox", "control input failed: " + e.getMessage());
                return 1;
            }
            return 0;
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

    /**
     * Reads control commands until {@code stop} or the end of the input, answering each with one flushed line:
     * {@code ok}, {@code ok <summary>} or {@code error <reason>}. A bad command changes nothing.
     */
    public static void control(SandboxKnobs knobs, BufferedReader in, PrintStream out) throws IOException {
        control(knobs, null, in, out);
    }

    /**
     * As {@link #control(SandboxKnobs, BufferedReader, PrintStream)} over the server's knobs, with the commands that
     * change its world: {@code refuse-uninstall ID on|off} ({@link SandboxServer#refuseUninstall}).
     */
    public static void control(SandboxServer server, BufferedReader in, PrintStream out) throws IOException {
        control(server.knobs(), server, in, out);
    }

    private static void control(SandboxKnobs knobs, SandboxServer server, BufferedReader in, PrintStream out)
            throws IOException {
        String line;
        while ((line = in.readLine()) != null) {
            String[] words = line.strip().split("\\s+", 2);
            String arg = words.length > 1 ? words[1].strip() : "";
            String reply = "ok";
            try {
                switch (words[0]) {
                    case "" -> {
                        continue;
                    }
                    case "faults" -> knobs.setFaults(arg.equals("none") ? FaultSpec.NONE : FaultSpec.parse(needs(arg, "faults")));
                    case "burst" -> knobs.startThrottleBurst(number(needs(arg, "burst"), "burst", 0, 1_000_000));
                    case "latency" -> knobs.setLatencyMs(number(needs(arg, "latency"), "latency", 0, 600_000));
                    case "throttle" -> knobs.setThrottle(switch (arg) {
                        case "on" -> true;
                        case "off" -> false;
                        default -> throw new IllegalArgumentException("throttle takes on or off");
                    });
                    case "source-names" -> knobs.setSourceTeamNames(switch (arg) {
                        case "on" -> true;
                        case "off" -> false;
                        default -> throw new IllegalArgumentException("source-names takes on or off");
                    });
                    case "refuse-uninstall" -> {
                        String[] idAndSwitch = needs(arg, "refuse-uninstall").split("\\s+");
                        if (idAndSwitch.length != 2 || !idAndSwitch[1].matches("on|off")) {
                            throw new IllegalArgumentException("refuse-uninstall takes an installation id and on or off");
                        }
                        if (server == null) {
                            throw new IllegalArgumentException("refuse-uninstall needs the running sandbox");
                        }
                        server.refuseUninstall(idAndSwitch[0], idAndSwitch[1].equals("on"));
                    }
                    case "summary" -> reply = "ok " + knobs.summary();
                    case "stop" -> {
                        out.println("ok");
                        out.flush();
                        return;
                    }
                    default -> throw new IllegalArgumentException("unknown command '" + words[0]
                            + "' (known: faults, burst, latency, throttle, source-names, refuse-uninstall, summary, stop)");
                }
            } catch (IllegalArgumentException e) {
                reply = "error " + e.getMessage();
            }
            out.println(reply);
            out.flush();
        }
    }

    private static String needs(String arg, String command) {
        if (arg.isEmpty()) {
            throw new IllegalArgumentException(command + " needs a value");
        }
        return arg;
    }

    /** Parses the flags, starts the server and prints its url= and key.<role>= lines. */
    public static SandboxServer start(List<String> args, PrintStream out) throws IOException {
        List<String> flags = new ArrayList<>(args);
        boolean unnamedSources = flags.remove("--unnamed-sources"); // a knob of the running server, not an option
        boolean sharedElsewhere = flags.remove("--shared-elsewhere"); // a change to the world once it is loaded
        SandboxOptions options = parse(flags);
        SandboxServer server = SandboxServer.start(options);
        server.knobs().setSourceTeamNames(!unnamedSources);
        if (sharedElsewhere) {
            server.shareInstallationElsewhere();
        }
        out.println("url=" + server.baseUri());
        if (!server.siteUri().equals(server.baseUri())) {
            out.println("site_url=" + server.siteUri());
        }
        for (Map.Entry<String, String> k : server.keys().entrySet()) {
            out.println("key." + k.getKey() + "=" + k.getValue());
        }
        out.flush();
        return server;
    }

    /** Parses the flags; throws IllegalArgumentException with a one-line reason on anything wrong. */
    public static SandboxOptions parse(List<String> args) {
        SandboxOptions o = SandboxOptions.defaults();
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            CliText.once(seen, a);
            switch (a) {
                case "--port" -> o = o.withPort(intValue(args, ++i, a, 0, 65535));
                case "--latency-ms" -> o = o.withLatencyMs(intValue(args, ++i, a, 0, 600_000));
                case "--projects" -> o = o.withExtraProjects(intValue(args, ++i, a, 0, 100_000));
                case "--state" -> o = o.withStateFile(Path.of(value(args, ++i, a)));
                case "--faults" -> o = o.withFaults(FaultSpec.parse(value(args, ++i, a)));
                case "--throttle" -> o = o.withThrottle(true);
                case "--site-url" -> o = o.withSiteUrl(value(args, ++i, a));
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
        return number(value(args, i, flag), flag, min, max);
    }

    private static int number(String v, String name, int min, int max) {
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new IllegalArgumentException(name + " must be between " + min + " and " + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " needs a whole number, not '" + v + "'");
        }
    }
}
