package dev.hoglink.hardening;

import dev.hoglink.support.LogCapture;
import java.security.SecureRandom;

/**
 * A canary personal key ({@code phx_CANARY…}, random per run) and a java.util.logging capture that records every
 * log line (raw, formatted with its parameters and stack trace) while installed. {@link #hits(Throwable)} and
 * {@link #logHits()} count where the canary shows up.
 */
final class Canary implements AutoCloseable {

    static final String KEY = "phx_CANARY" + randomTail();

    private final LogCapture logs = LogCapture.start();

    private static String randomTail() {
        String abc = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        SecureRandom r = new SecureRandom();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append(abc.charAt(r.nextInt(abc.length())));
        }
        return sb.toString();
    }

    static String stackTrace(Throwable t) {
        return LogCapture.stackTrace(t);
    }

    /** How often the canary (or its 16-character tail) appears in the text of {@code t}, its toString and trace. */
    static int hits(Throwable t) {
        StringBuilder sb = new StringBuilder();
        sb.append(t.getMessage()).append('\n').append(t).append('\n').append(stackTrace(t));
        if (t instanceof dev.hoglink.api.ApiException e) {
            sb.append('\n').append(e.userMessage()).append('\n').append(e.detail()).append('\n').append(e.code())
                    .append('\n').append(e.attr());
        }
        return count(sb.toString());
    }

    static int count(String text) {
        if (text == null) {
            return 0;
        }
        String tail = KEY.substring(KEY.length() - 16);
        int n = 0;
        for (int i = text.indexOf(tail); i >= 0; i = text.indexOf(tail, i + 1)) {
            n++;
        }
        return n;
    }

    /** Canary hits in every log line captured so far. */
    int logHits() {
        int n = 0;
        for (String s : logs.lines()) {
            n += count(s);
        }
        return n;
    }

    int logLines() {
        return logs.lines().size();
    }

    @Override
    public void close() {
        logs.close();
    }
}
