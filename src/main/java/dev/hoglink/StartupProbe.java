package dev.hoglink;

import java.lang.management.ManagementFactory;

/**
 * Start-up measurement hook for the benchmark script (packaging/bench-startup.sh). Inert unless the
 * environment variable {@code HOGLINK_STARTUP_PROBE} holds the epoch milliseconds at which the process
 * was spawned. Then it prints {@code startup.<mark>_ms=} figures to stderr and ends the process at the
 * mark named by {@code HOGLINK_STARTUP_EXIT} ({@code rows} by default: the main window showing data).
 * Environment variables rather than -D flags, so the same probe works through the packaged launcher.
 */
public final class StartupProbe {

    private static final String T0 = System.getenv("HOGLINK_STARTUP_PROBE");
    private static final String EXIT_AT = System.getenv().getOrDefault("HOGLINK_STARTUP_EXIT", "rows");

    private StartupProbe() {
    }

    public static boolean active() {
        return T0 != null && !T0.isBlank();
    }

    /** The main window is on screen. */
    public static void windowShown() {
        mark("window");
    }

    /** The first project rows are on screen. */
    public static void firstRows() {
        mark("rows");
    }

    private static synchronized void mark(String name) {
        if (!active()) {
            return;
        }
        long now = System.currentTimeMillis();
        long spawned;
        try {
            spawned = Long.parseLong(T0.trim());
        } catch (NumberFormatException e) {
            spawned = now;
        }
        long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
        System.err.println("startup." + name + "_ms=" + (now - spawned));
        System.err.println("startup." + name + "_jvm_ms=" + (now - jvmStart));
        if (name.equals(EXIT_AT)) {
            System.err.flush();
            Runtime.getRuntime().halt(0);
        }
    }
}
