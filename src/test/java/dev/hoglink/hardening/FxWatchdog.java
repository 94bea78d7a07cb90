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
        Platform.runLater(() -> answered(now, cpu));
    }

    private long fxCpu() {
        long id = fxThreadId;
        return id < 0 ? -1 : THREADS.getThreadCpuTime(id);
    }

    private void answered(long posted, long cpuAtPost) {
        fxThreadId = Thread.currentThread().getId();
        long cpu = cpuAtPost < 0 ? -1 : THREADS.getThreadCpuTime(fxThreadId) - cpuAtPost;
        long delay = System.nanoTime() - posted;
        if (cpu >= 0) {
            worstCpuNanos.accumulateAndGet(cpu, Math::max);
        }
        record(delay);
        pings.incrementAndGet();
        outstandingSince.compareAndSet(posted, -1);
    }

    private void record(long delay) {
        worstNanos.accumulateAndGet(delay, Math::max);
        if (delay > TimeUnit.MILLISECONDS.toNanos(STALL_MS)) {
            stalls.incrementAndGet();
        }
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
            record(System.nanoTime() - since);
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
        return pings() + " pings, worst " + worstMillis() + " ms (FX-thread CPU at most " + worstCpuMillis()
                + " ms in one ping), " + stalls() + " over " + STALL_MS + " ms"
                + (samples.isEmpty() ? "" : "\n" + String.join("\n", samples));
    }
}
