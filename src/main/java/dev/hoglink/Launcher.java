package dev.hoglink;

import dev.hoglink.cli.AuditCommand;
import dev.hoglink.cli.SandboxCommand;
import dev.hoglink.util.AppDirs;
import dev.hoglink.util.Logging;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;

/**
 * Plain entry point (not a JavaFX Application subclass, so {@code java -jar} works on the classpath).
 * Opens the GUI by default and dispatches the headless subcommands.
 */
public final class Launcher {

    static final String USAGE = """
            Usage:
              hoglink [--sandbox | --profile NAME] [--theme light|dark] [--verbose]
                  open the desktop app (on the embedded sandbox when no connection is configured)
              hoglink sandbox [--port N] [--latency-ms N] [--projects N] [--state FILE] [--faults SPEC] [--throttle] [--site-url URL] [--unnamed-sources] [--shared-elsewhere] [--control]
                  run the PostHog-compatible sandbox server until stopped
              hoglink audit (--sandbox | --host URL | --profile NAME) [--org ID] [--format csv|json] [--history] [--out FILE]
                  write the organization's installation audit; the key comes from HOGLINK_API_KEY
              hoglink link --plan --host URL --installation ID [--org ID] [--projects FILTER] [--format csv|json] [--out FILE]
              hoglink link --apply PLAN [--host URL] [--format csv|json] [--out FILE]
                  plan a bulk link (nothing sent), or apply a saved plan; the key comes from HOGLINK_API_KEY
              hoglink login --profile NAME [--host URL] [--no-browser] [--logout]
                  sign in with PostHog in the browser (OAuth); then audit --profile NAME needs no key
              hoglink --help | --version
              hoglink audit --help | hoglink sandbox --help | hoglink link --help | hoglink login --help
                  print that command's usage
            The app and audit write log lines only to the log file (hoglink.log in the data folder, e.g.
            ~/.local/share/hoglink/logs); add --verbose to copy them to standard error. The sandbox server
            logs to standard error.
            Exit codes: 0 done, 1 the command failed (the reason is on standard error), 2 bad usage;
            link --apply: 3 the plan was applied but not every planned project ended linked;
            login: 3 the server offers no sign-in with PostHog (use a personal API key).
            """;

    /** The flag, accepted anywhere on the command line, that copies log lines to stderr. */
    static final String VERBOSE = "--verbose";

    private Launcher() {
    }

    public static void main(String[] args) {
        StartupProbe.trace("main");
        keepAsyncTasksOffNewThreads();
        int code = run(args, System.out, System.err);
        if (code != GUI_STARTED) {
            System.exit(code);
        }
    }

    static final String COMMON_POOL_PARALLELISM = "java.util.concurrent.ForkJoinPool.common.parallelism";

    /**
     * On a machine with fewer than 3 cores the common pool has one thread, and CompletableFuture then runs
     * every default-executor async step on a new thread; the JDK's HTTP client takes such a step for each
     * response body, so a 2,000-project load started thousands of threads. Two common-pool threads keep those
     * steps on pooled threads. Must run before anything touches ForkJoinPool; an explicit setting is kept.
     */
    public static void keepAsyncTasksOffNewThreads() {
        if (System.getProperty(COMMON_POOL_PARALLELISM) == null && Runtime.getRuntime().availableProcessors() < 3) {
            System.setProperty(COMMON_POOL_PARALLELISM, "2");
        }
    }

    static final int GUI_STARTED = Integer.MIN_VALUE;

    /** Runs the command line; returns the process exit code, or {@link #GUI_STARTED} once the GUI has closed. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> list = new ArrayList<>(Arrays.asList(args));
        boolean verbose = false;
        while (list.remove(VERBOSE)) { // a loop, not removeIf with a method reference: see ModulePathRelaunch
            verbose = true;
        }
        if (verbose) {
            System.setProperty(Logging.CONSOLE_PROPERTY, "true");
        }
        if (!list.isEmpty()) {
            String first = list.get(0);
            List<String> rest = list.subList(1, list.size());
            switch (first) {
                case "sandbox":
                    if (asksForHelp(rest)) {
                        out.print(SandboxCommand.USAGE);
                        return 0;
                    }
                    // A server for development and tests: its log lines stay on stderr, as a server's do.
                    return SandboxCommand.run(rest, out, err);
                case "audit":
                    if (asksForHelp(rest)) {
                        out.print(AuditCommand.USAGE);
                        return 0;
                    }
                    Logging.configure(AppDirs.forCurrentUser(), Level.INFO);
                    return AuditCommand.run(rest, System.getenv(), out, err);
                case "link":
                    if (asksForHelp(rest)) {
                        out.print(dev.hoglink.cli.LinkCommand.USAGE);
                        return 0;
                    }
                    Logging.configure(AppDirs.forCurrentUser(), Level.INFO);
                    return dev.hoglink.cli.LinkCommand.run(rest, System.getenv(), out, err);
                case "login":
                    if (asksForHelp(rest)) {
                        out.print(dev.hoglink.cli.LoginCommand.USAGE);
                        return 0;
                    }
                    Logging.configure(AppDirs.forCurrentUser(), Level.INFO);
                    return dev.hoglink.cli.LoginCommand.run(rest, out, err);
                case "--help":
                case "-h":
                    out.print(USAGE);
                    return 0;
                case "--version":
                    out.println("hoglink " + version());
                    return 0;
                default:
                    break;
            }
        }
        GuiOptions options;
        try {
            options = GuiOptions.parse(list);
        } catch (IllegalArgumentException e) {
            err.println("hoglink: " + e.getMessage());
            err.print(USAGE);
            return 2;
        }
        if (ModulePathRelaunch.wanted()) {
            Optional<Integer> code = ModulePathRelaunch.run(args(list));
            if (code.isPresent()) {
                return code.get();
            }
        }
        RenderingPipeline.chooseSoftwareWithoutGpu();
        StartupWarmup.start();
        EarlyStart.begin(options); // files, cache, sandbox: while the JavaFX toolkit starts
        StartupProbe.trace("launch");
        HoglinkApp.launchWith(options);
        return GUI_STARTED;
    }

    /** The arguments handed to a relaunched GUI: the GUI's own, and --verbose if it was given. */
    private static List<String> args(List<String> gui) {
        List<String> out = new ArrayList<>(gui);
        if (Logging.consoleRequested()) {
            out.add(VERBOSE);
        }
        return out;
    }

    /** {@code --help} or {@code -h} anywhere after a command asks for that command's usage. */
    static boolean asksForHelp(List<String> commandArgs) {
        return commandArgs.contains("--help") || commandArgs.contains("-h");
    }

    /** The project version the build wrote into version.properties; "dev" if the file is missing. */
    static String version() {
        try (java.io.InputStream in = Launcher.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                java.util.Properties p = new java.util.Properties();
                p.load(in);
                String v = p.getProperty("version", "").strip();
                if (!v.isEmpty() && !v.startsWith("${")) {
                    return v;
                }
            }
        } catch (java.io.IOException e) {
            // fall through to the jar's manifest
        }
        String v = Launcher.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
