package dev.hoglink.sandbox;

import java.util.Locale;

/**
 * Which faults the sandbox injects into {@code /api/} responses, parsed from
 * {@code 5xx=0.1,burst429=3,slow=0.05,slowms=1500,drop=0.02,malformed=0.02,seed=7}. Rates are 0..1 and drawn
 * from a seeded random, so a run with the same spec and the same requests fails the same way.
 *
 * @param serverErrorRate share of requests answered 500/502/503
 * @param burst429        the next N requests are answered 429 with Retry-After
 * @param slowRate        share of responses whose body trickles out over {@code slowMillis}
 * @param slowMillis      how long a slow body takes
 * @param dropRate        share of responses cut off mid-body (the connection closes)
 * @param malformedRate   share of 200 responses whose JSON body is broken
 * @param seed            seed of the random draws
 */
public record FaultSpec(double serverErrorRate, int burst429, double slowRate, long slowMillis, double dropRate,
                        double malformedRate, long seed) {

    public static final FaultSpec NONE = new FaultSpec(0, 0, 0, 1500, 0, 0, 1);

    public boolean any() {
        return serverErrorRate > 0 || burst429 > 0 || slowRate > 0 || dropRate > 0 || malformedRate > 0;
    }

    /**
     * This spec in the form {@link #parse} reads: {@code parse(s.spec())} equals {@code s}. Rates print in
     * Java's shortest round-trip form, so nothing is lost.
     */
    public String spec() {
        return "5xx=" + serverErrorRate + ",burst429=" + burst429 + ",slow=" + slowRate + ",slowms=" + slowMillis
                + ",drop=" + dropRate + ",malformed=" + malformedRate + ",seed=" + seed;
    }

    /** Parses a spec; throws IllegalArgumentException naming the bad part. Blank means no faults. */
    public static FaultSpec parse(String spec) {
        FaultSpec f = NONE;
        if (spec == null || spec.isBlank()) {
            return f;
        }
        double err = 0;
        int burst = 0;
        double slow = 0;
        long slowMs = NONE.slowMillis;
        double drop = 0;
        double malformed = 0;
        long seed = NONE.seed;
        for (String part : spec.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("fault '" + p + "' needs name=value");
            }
            String name = p.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            String value = p.substring(eq + 1).trim();
            try {
                switch (name) {
                    case "5xx" -> err = rate(name, value);
                    case "burst429" -> burst = nonNegativeInt(name, value);
                    case "slow" -> slow = rate(name, value);
                    case "slowms" -> slowMs = nonNegativeInt(name, value);
                    case "drop" -> drop = rate(name, value);
                    case "malformed" -> malformed = rate(name, value);
                    case "seed" -> seed = Long.parseLong(value);
                    default -> throw new IllegalArgumentException("unknown fault '" + name
                            + "' (known: 5xx, burst429, slow, slowms, drop, malformed, seed)");
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("fault " + name + " needs a number, not '" + value + "'");
            }
        }
        return new FaultSpec(err, burst, slow, slowMs, drop, malformed, seed);
    }

    private static double rate(String name, String value) {
        double d = Double.parseDouble(value);
        if (!(d >= 0 && d <= 1)) {
            throw new IllegalArgumentException("fault " + name + " is a rate between 0 and 1, not " + value);
        }
        return d;
    }

    private static int nonNegativeInt(String name, String value) {
        int n = Integer.parseInt(value);
        if (n < 0) {
            throw new IllegalArgumentException("fault " + name + " cannot be negative");
        }
        return n;
    }
}
