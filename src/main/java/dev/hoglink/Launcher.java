package dev.hoglink;

import dev.hoglink.cli.AuditCommand;
import dev.hoglink.cli.SandboxCommand;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;

/**
 * Plain entry point (not a JavaFX Application subclass, so {@code java -jar} works on the classpath).
 * Opens the GUI by default and dispatches the headless subcommands.
 */
public final class Launcher {

    static final String USAGE = """
            Usage:
              hoglink [--sandbox | --profile NAME] [--theme light|dark]
                  open the desktop app (on the embedded sandbox when no connection is configured)
              hoglink sandbox [--port N] [--latency-ms N] [--projects N] [--state FILE] [--faults SPEC] [--throttle] [--control]
                  run the PostHog-compatible sandbox server until stopped
              hoglink audit (--sandbox | --host URL) [--org ID] [--format csv|json] [--history] [--out FILE]
                  write the organization's installation audit; the key comes from HOGLINK_API_KEY
              hoglink --help | --version
            """;

    private Launcher() {
    }

    public static void main(String[] args) {
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
        List<String> list = Arrays.asList(args);
        if (!list.isEmpty()) {
            String first = list.get(0);
            List<String> rest = list.subList(1, list.size());
            switch (first) {
                case "sandbox":
                    return SandboxCommand.run(rest, out, err);
                case "audit":
                    return AuditCommand.run(rest, System.getenv(), out, err);
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
        HoglinkApp.launchWith(options);
        return GUI_STARTED;
    }

    static String version() {
        String v = Launcher.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
