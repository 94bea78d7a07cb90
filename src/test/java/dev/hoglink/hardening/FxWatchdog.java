package dev.hoglink.hardening;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.application.Platform;

/**
 * Measures how quickly the FX thread answers while a scenario runs: a daemon thread posts a
 * {@link Platform#runLater} ping every {@value #PERIOD_MS} ms (one at a time: while a ping waits, no other is
 * posted, so one stall counts once) and records each ping's wall-clock delay. A ping answered after more than
 * {@value #STALL_MS} ms is a stall; one still waiting when the watchdog stops counts with its age so far. It
 * also records how much CPU the FX thread itself used while each ping waited, and samples the FX thread's
 * stack whenever a ping has waited over {@value #SAMPLE_MS} ms, so a stall's cause shows in the failure.
 * <p>
 * Where Linux's per-thread scheduler statistics are readable, the time the FX thread (and JavaFX's renderer, which
 * each pulse waits for, and the watchdog while posting) spent ready to run but waiting for a core is taken off a
 * ping's delay before it is compared with {@value #STALL_MS} ms: on a busy two-core machine other processes can keep
 * runnable threads off the CPU, which is not the app's doing. What stays is the FX thread's own work, the
 * renderer's, and blocking (a network read, a lock, a sleep): what a stall means.
 */
final class FxWatchdog implements AutoCloseable {

    static final long PERIOD_MS = 20;
    static final long STALL_MS = 100;
    static final long SAMPLE_MS = 50;

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "fx-watchdog");
        t.setDaemon(true);
        return t;
    });
    private final AtomicLong outstandingSince = new AtomicLong(-1);
    private final AtomicLong worstNanos = new AtomicLong();
    private final AtomicLong stalls = new AtomicLong();
    private final AtomicLong pings = new AtomicLong();
    private volatile boolean stopped;
    private static final java.lang.management.ThreadMXBean THREADS = java.lang.management.ManagementFactory.getThreadMXBean();
    private volatile long fxThreadId = -1;
    private final AtomicLong worstCpuNanos = new AtomicLong();

    /** The most CPU the FX thread used while one ping waited (its own work, as opposed to waiting for a core). */
    long worstCpuMillis() {
        return TimeUnit.NANOSECONDS.toMillis(worstCpuNanos.get());
    }
    private volatile long sampledPing = -1;
    private final java.util.List<String> samples = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** What the FX thread was doing during each stall (its top frames), to find the cause. */
    java.util.List<String> samples() {
        return java.util.List.copyOf(samples);
    }

    private void sampleFxThread() {
        for (var e : Thread.getAllStackTraces().entrySet()) {
            if (e.getKey().getName().equals("JavaFX Application Thread")) {
                StringBuilder sb = new StringBuilder("FX thread during a stall:");
                StackTraceElement[] st = e.getValue();
                for (int i = 0; i < Math.min(25, st.length); i++) {
                    sb.append("\n    at ").append(st[i]);
                }
                samples.add(sb.toString());
            }
        }
    }

    /** Starts pinging at once. */
    static FxWatchdog start() {
        FxWatchdog w = new FxWatchdog();
        w.timer.scheduleAtFixedRate(w::tick, 0, PERIOD_MS, TimeUnit.MILLISECONDS);
        return w;
    }

    private void tick() {
        long ownBefore = runQueueWait(SELF);
        long now = System.nanoTime();
        if (stopped) {
            return;
        }
        if (!outstandingSince.compareAndSet(-1, now)) {
            long since = outstandingSince.get();
            if (since != -1 && now - since > TimeUnit.MILLISECONDS.toNanos(SAMPLE_MS) && sampledPing != since) {
                sampledPing = since;
                sampleFxThread();
            }
            return;
        }
        long cpu = fxCpu();
        waitAtPost = fxRunQueueWait();
        postedLate = 0; // until this post's own figure is in (an answer before it counts the delay whole)
        Platform.runLater(() -> answered(now, cpu));
        // this thread's own wait for a core between its clock reading and the post delays the answer too
        long ownAfter = runQueueWait(SELF);
        postedLate = ownBefore < 0 || ownAfter < 0 ? 0 : Math.max(0, ownAfter - ownBefore);
    }

    private long fxCpu() {
        long id = fxThreadId;
        return id < 0 ? -1 : THREADS.getThreadCpuTime(id);
    }

    /** The FX thread's /proc schedstat (Linux), known once it has answered a ping; null elsewhere. */
    private volatile java.nio.file.Path fxSchedstat;
    /** The run-queue wait (ns) of the FX thread when the outstanding ping was posted; -1 when unknown. */
    private volatile long waitAtPost = -1;

    private static final java.nio.file.Path SELF = java.nio.file.Path.of("/proc/thread-self/schedstat");
    /** How long the watchdog's thread waited for a core while posting the outstanding ping (ns). */
    private volatile long postedLate;

    /** The renderer thread's /proc schedstat (Linux), found once the FX thread is known; null until then. */
    private volatile java.nio.file.Path rendererSchedstat;

    /**
     * How long the FX thread and JavaFX's renderer have waited for a core so far (ns, schedstat's second field), or
     * -1. A pulse waits for the renderer to finish the last frame, so a renderer kept off the CPU holds the FX
     * thread too.
     */
    private long fxRunQueueWait() {
        long fx = runQueueWait(fxSchedstat);
        if (fx < 0) {
            return -1;
        }
        if (rendererSchedstat == null) {
            rendererSchedstat = findThread("QuantumRendere"); // Linux keeps 15 characters of a thread's name
        }
        long renderer = runQueueWait(rendererSchedstat);
        return fx + Math.max(0, renderer);
    }

    /** The schedstat file of this process's thread whose name starts with {@code name}, or null. */
    private static java.nio.file.Path findThread(String name) {
        try (var tasks = java.nio.file.Files.list(java.nio.file.Path.of("/proc/self/task"))) {
            for (java.nio.file.Path t : (Iterable<java.nio.file.Path>) tasks::iterator) {
                try {
                    if (java.nio.file.Files.readString(t.resolve("comm")).startsWith(name)) {
                        return t.resolve("schedstat");
                    }
                } catch (java.io.IOException e) {
                    // a thread that ended meanwhile
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return null;
        }
        return null;
    }

    /** How long the thread of this schedstat file has waited for a core so far (ns), or -1. */
    private static long runQueueWait(java.nio.file.Path p) {
        if (p == null) {
            return -1;
        }
        try {
            return Long.parseLong(java.nio.file.Files.readString(p).trim().split("\\s+")[1]);
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
    }

    private void answered(long posted, long cpuAtPost) {
        fxThreadId = Thread.currentThread().getId();
        if (fxSchedstat == null) {
            try { // "<pid>/task/<tid>": this thread's own entry, readable from the watchdog's thread too
                java.nio.file.Path self = java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/thread-self"));
                fxSchedstat = java.nio.file.Path.of("/proc").resolve(self).resolve("schedstat");
            } catch (java.io.IOException | RuntimeException e) {
                // no /proc: delays count whole
            }
        }
        long cpu = cpuAtPost < 0 ? -1 : THREADS.getThreadCpuTime(fxThreadId) - cpuAtPost;
        long delay = System.nanoTime() - posted;
        if (cpu >= 0) {
            worstCpuNanos.accumulateAndGet(cpu, Math::max);
        }
        record(delay, waitedSincePost());
        pings.incrementAndGet();
        outstandingSince.compareAndSet(posted, -1);
    }

    /**
     * The waits for a core in the outstanding ping's delay (ns, 0 when unknown): the FX thread's since the ping was
     * posted, and the watchdog's own while it posted it.
     */
    private long waitedSincePost() {
        long before = waitAtPost;
        long now = fxRunQueueWait();
        return (before < 0 || now < 0 ? 0 : Math.max(0, now - before)) + postedLate;
    }

    private void record(long delay, long waitedForCore) {
        worstNanos.accumulateAndGet(delay, Math::max);
        worstOwnNanos.accumulateAndGet(delay - waitedForCore, Math::max);
        if (delay - waitedForCore > TimeUnit.MILLISECONDS.toNanos(STALL_MS)) {
            stalls.incrementAndGet();
        }
    }

    private final AtomicLong worstOwnNanos = new AtomicLong();

    /** The longest delay less the FX thread's wait for a core, in milliseconds: its own work and blocking. */
    long worstOwnMillis() {
        return TimeUnit.NANOSECONDS.toMillis(worstOwnNanos.get());
    }

    /** The longest the FX thread took to answer a ping, in milliseconds. */
    long worstMillis() {
        return TimeUnit.NANOSECONDS.toMillis(worstNanos.get());
    }

    /** Pings answered later than {@value #STALL_MS} ms. */
    long stalls() {
        return stalls.get();
    }

    long pings() {
        return pings.get();
    }

    /** Stops pinging; a ping still unanswered counts with its age; adds the stalls to the figures. */
    @Override
    public void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        timer.shutdownNow();
        long since = outstandingSince.getAndSet(-1);
        if (since != -1) {
            record(System.nanoTime() - since, waitedSincePost());
        }
        FaultFigures.add(FaultFigures.FX_STALLS, stalls());
        FaultFigures.add("FX pings answered", pings());
        synchronized (FxWatchdog.class) {
            long cpu = Math.max(FaultFigures.get("worst FX-thread CPU in one ping (ms)"), worstCpuMillis());
            FaultFigures.add("worst FX-thread CPU in one ping (ms)", cpu - FaultFigures.get("worst FX-thread CPU in one ping (ms)"));
            long worst = Math.max(FaultFigures.get("worst FX-thread delay (ms)"), worstMillis());
            FaultFigures.add("worst FX-thread delay (ms)", worst - FaultFigures.get("worst FX-thread delay (ms)"));
        }
    }

    @Override
    public String toString() {
        return pings() + " pings, worst " + worstMillis() + " ms, " + worstOwnMillis()
                + " ms of it not waiting for a core (FX-thread CPU at most " + worstCpuMillis()
                + " ms in one ping), " + stalls() + " over " + STALL_MS + " ms"
                + (samples.isEmpty() ? "" : "\n" + String.join("\n", samples));
    }
}
