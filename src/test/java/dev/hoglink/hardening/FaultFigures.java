package dev.hoglink.hardening;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The hardening suite's figures for one test run (one JVM): every fuzz property and fault test adds to these
 * counters, and {@link FaultFiguresReporter} prints them as a table when the run ends. Other suites (UI watchdog,
 * load, sandbox faults) add their own rows with {@link #add(String, long)}.
 */
public final class FaultFigures {

    public static final String BODIES_FUZZED = "bodies fuzzed";
    public static final String FAULTS_INJECTED = "faults injected";
    public static final String UNCAUGHT = "uncaught exceptions";
    public static final String CANARY_HITS = "canary hits";
    public static final String RETRIES = "retries";
    public static final String SLOW_CALLS = "calls over the time bound";
    public static final String FX_STALLS = "FX-thread stalls over 100 ms";
    public static final String ROWS_LOST = "rows lost";
    public static final String HOSTILE_NAMES = "hostile names tried";
    public static final String CSV_NEUTRALISED = "CSV cells neutralised";
    public static final String KEY_FORMS = "key forms tried";
    public static final String OWNER_ONLY = "owner-only files checked";

    private static final Map<String, AtomicLong> COUNTERS = new LinkedHashMap<>();

    static {
        for (String row : new String[] {BODIES_FUZZED, FAULTS_INJECTED, UNCAUGHT, FX_STALLS, ROWS_LOST, CANARY_HITS, RETRIES,
            SLOW_CALLS, HOSTILE_NAMES, CSV_NEUTRALISED, KEY_FORMS, OWNER_ONLY}) {
            COUNTERS.put(row, new AtomicLong());
        }
    }

    private FaultFigures() {
    }

    /** Adds {@code n} to the row {@code name} (created on first use, shown in creation order). */
    public static long add(String name, long n) {
        AtomicLong c;
        synchronized (COUNTERS) {
            c = COUNTERS.computeIfAbsent(name, k -> new AtomicLong());
        }
        return c.addAndGet(n);
    }

    public static long get(String name) {
        synchronized (COUNTERS) {
            AtomicLong c = COUNTERS.get(name);
            return c == null ? 0 : c.get();
        }
    }

    /** A copy of every row, in order. */
    public static Map<String, Long> snapshot() {
        Map<String, Long> out = new LinkedHashMap<>();
        synchronized (COUNTERS) {
            COUNTERS.forEach((k, v) -> out.put(k, v.get()));
        }
        return out;
    }

    /** True when nothing was counted (the run had no hardening test in it). */
    public static boolean isEmpty() {
        return snapshot().values().stream().allMatch(v -> v == 0);
    }

    /** The figures as a small plain-text table. */
    public static String table() {
        Map<String, Long> rows = snapshot();
        int w = "figure".length();
        for (String k : rows.keySet()) {
            w = Math.max(w, k.length());
        }
        String line = "+" + "-".repeat(w + 2) + "+" + "-".repeat(14) + "+";
        StringBuilder sb = new StringBuilder();
        sb.append("Hardening figures\n").append(line).append('\n');
        sb.append(String.format("| %-" + w + "s | %12s |%n", "figure", "count"));
        sb.append(line).append('\n');
        String row = "| %-" + w + "s | %12d |%n";
        rows.forEach((k, v) -> sb.append(String.format(row, k, v)));
        sb.append(line).append('\n');
        return sb.toString();
    }
}
