package dev.hoglink;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Start-up measurement hook for the benchmark script (packaging/bench-startup.sh). Inert unless the
 * environment variable {@code HOGLINK_STARTUP_PROBE} holds the epoch milliseconds at which the process
 * was spawned. Then it prints {@code startup.<mark>_ms=} figures to stderr and ends the process at the
 * mark named by {@code HOGLINK_STARTUP_EXIT} ({@code rows} by default: the main window showing data).
 * Environment variables rather than -D flags, so the same probe works through the packaged launcher.
 * Each mark also prints {@code startup.<mark>_jvm_ms=}, the JVM's own age, where Linux's /proc gives it, and the CPU
 * time spent so far by the thread that reached the mark (the FX thread: {@code startup.<mark>_fx_cpu_ms=}) and by the
 * JIT compiler threads ({@code startup.<mark>_jit_cpu_ms=}), from Linux's per-thread scheduler statistics: what the
 * window's own thread costs, steadier than wall time on a shared machine. The probe itself loads nothing the app does
 * not (no JMX), so it neither slows the marks after the first nor adds classes to a class cache trained with it.
 */
public final class StartupProbe {

    private static final String T0 = System.getenv("HOGLINK_STARTUP_PROBE");
    private static final String EXIT_AT = System.getenv().getOrDefault("HOGLINK_STARTUP_EXIT", "rows");

    private StartupProbe() {
    }

    public static boolean active() {
        return T0 != null && !T0.isBlank();
    }

    private static final boolean TRACE = System.getenv("HOGLINK_STARTUP_TRACE") != null;

    /**
     * A step of the start, printed as {@code startup.step.<name>_ms=<ms from spawn> <thread> cpu=<the thread's CPU ms>} when
     * {@code HOGLINK_STARTUP_TRACE} is set too: what runs when, and on which thread (packaging/README.md).
     */
    public static void trace(String name) {
        if (TRACE && active()) {
            long spawned;
            try {
                spawned = Long.parseLong(T0.trim());
            } catch (NumberFormatException e) {
                return;
            }
            long now = System.currentTimeMillis();
            String cpu = schedstat(Path.of("/proc/thread-self")).map(f -> " cpu=" + f[0] / 1_000_000L).orElse("");
            System.err.println("startup.step." + name + "_ms=" + (now - spawned) + " "
                    + Thread.currentThread().getName() + cpu);
        }
    }

    /** The main window is on screen. */
    public static void windowShown() {
        mark("window");
    }

    /** The first project rows are on screen. */
    public static void firstRows() {
        mark("rows");
    }

    /** The report of the last mark before the exit mark, still being read off the marking thread. */
    private static Thread pendingReport;

    /**
     * Prints the mark's time at once. Its other figures (the JVM's age, every thread's CPU time: some eighty small
     * /proc reads) are read on a thread of their own unless this is the exit mark, so that measuring the window does
     * not spend the FX thread's time before the rows; only the marking thread's own CPU time is read here, one file.
     * The exit mark waits for that report before its own figures, so each mark's lines come out whole, in order.
     */
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
        System.err.println("startup." + name + "_ms=" + (now - spawned));
        java.util.Optional<long[]> self = schedstat(Path.of("/proc/thread-self"));
        if (!name.equals(EXIT_AT)) {
            Thread report = new Thread(() -> report(name, now, self), "startup-probe");
            report.setDaemon(true);
            pendingReport = report;
            report.start();
            return;
        }
        if (pendingReport != null) {
            try {
                pendingReport.join(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        report(name, now, self);
        System.err.flush();
        Runtime.getRuntime().halt(0);
    }

    /** The figures of a mark made at {@code markedAt} by a thread whose schedstat then read {@code self}. */
    private static void report(String name, long markedAt, java.util.Optional<long[]> self) {
        OptionalLong age = processAgeMillis(Path.of("/proc/self/stat"), Path.of("/proc/uptime"));
        if (age.isPresent()) {
            // read after the mark: the time since the mark is taken off again
            System.err.println("startup." + name + "_jvm_ms=" + (age.getAsLong() - (System.currentTimeMillis() - markedAt)));
        }
        Map<String, Long> cpu = threadCpuMillis(null, Path.of("/proc/self/task"));
        self.ifPresent(f -> {
            cpu.put(SELF, f[0] / 1_000_000L);
            cpu.put(SELF_WAITING, f[1] / 1_000_000L);
        });
        if (cpu.containsKey(SELF)) {
            System.err.println("startup." + name + "_fx_cpu_ms=" + cpu.get(SELF));
            System.err.println("startup." + name + "_jit_cpu_ms=" + cpu.entrySet().stream()
                    .filter(e -> e.getKey().startsWith("C1 Compiler") || e.getKey().startsWith("C2 Compiler"))
                    .mapToLong(Map.Entry::getValue).sum());
        }
        if (TRACE) {
            if (cpu.containsKey(SELF_WAITING)) {
                System.err.println("startup." + name + "_fx_runqueue_ms=" + cpu.get(SELF_WAITING));
            }
            cpu.forEach((thread, ms) -> {
                if (ms >= 5 && !thread.equals(SELF) && !thread.equals(SELF_WAITING)) {
                    System.err.println("startup.cpu." + name + "." + thread.replace(' ', '_') + "=" + ms);
                }
            });
        }
    }

    /** The key of {@link #threadCpuMillis} for the calling thread. */
    static final String SELF = "(this thread)";
    /** The key of {@link #threadCpuMillis} for how long the calling thread was ready to run but waited for a CPU. */
    static final String SELF_WAITING = "(this thread, waiting)";

    /**
     * CPU milliseconds each thread of this process has used: the first field of each thread's {@code schedstat}
     * (nanoseconds on a CPU), keyed by its {@code comm} name (threads of one name summed; Linux cuts names to 15
     * characters), and the calling thread's under {@link #SELF}, with its wait for a CPU (the second field) under
     * {@link #SELF_WAITING} (none for a null {@code self}). Empty where /proc is missing or unreadable.
     */
    static Map<String, Long> threadCpuMillis(Path self, Path tasks) {
        Map<String, Long> out = new TreeMap<>();
        try (Stream<Path> all = Files.list(tasks)) {
            all.forEach(t -> schedstat(t).ifPresent(f -> out.merge(comm(t), f[0] / 1_000_000L, Long::sum)));
            if (self != null) {
                schedstat(self).ifPresent(f -> {
                    out.put(SELF, f[0] / 1_000_000L);
                    out.put(SELF_WAITING, f[1] / 1_000_000L);
                });
            }
        } catch (IOException | RuntimeException e) {
            return new TreeMap<>();
        }
        return out;
    }

    /** A thread's nanoseconds on a CPU and waiting for one, the first two fields of its {@code schedstat}. */
    private static java.util.Optional<long[]> schedstat(Path task) {
        try {
            String[] f = Files.readString(task.resolve("schedstat")).trim().split("\\s+");
            return java.util.Optional.of(new long[] {Long.parseLong(f[0]), Long.parseLong(f[1])});
        } catch (IOException | RuntimeException e) {
            return java.util.Optional.empty(); // a thread that ended meanwhile
        }
    }

    private static String comm(Path task) {
        try {
            return Files.readString(task.resolve("comm")).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    /**
     * How long this process has run, from the kernel's own clock: the system's uptime minus the process's start
     * (field 22 of /proc/self/stat, in clock ticks of 1/100 s, the fixed USER_HZ of Linux's ABI). Unlike
     * {@code ProcessHandle.Info.startInstant()} this needs no boot time, which Linux gives only to the second.
     * Empty where /proc is missing or unreadable.
     */
    static OptionalLong processAgeMillis(Path stat, Path uptime) {
        try {
            String s = Files.readString(stat);
            // after the command name in parentheses (which may itself hold spaces), fields 3, 4, ... follow
            String[] f = s.substring(s.lastIndexOf(')') + 2).trim().split("\\s+");
            long startTicks = Long.parseLong(f[22 - 3]);
            double up = Double.parseDouble(Files.readString(uptime).trim().split("\\s+")[0]);
            return OptionalLong.of(Math.round(up * 1000) - startTicks * 10);
        } catch (IOException | RuntimeException e) {
            return OptionalLong.empty();
        }
    }
}
