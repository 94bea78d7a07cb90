package dev.hoglink.hardening;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.security.SecureRandom;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * A canary personal key ({@code phx_CANARY…}, random per run) and a java.util.logging capture that records every
 * log line (raw, formatted with its parameters and stack trace) while installed. {@link #hits(Throwable)} and
 * {@link #logHits()} count where the canary shows up.
 */
final class Canary implements AutoCloseable {

    static final String KEY = "phx_CANARY" + randomTail();

    private final List<String> logged = new ArrayList<>();
    private final Logger app = Logger.getLogger("dev.hoglink");
    private final Logger root = Logger.getLogger("");
    private final Level appLevel;
    private final Level rootLevel;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            String msg = r.getMessage();
            if (r.getParameters() != null && msg != null) {
                try {
                    msg = MessageFormat.format(msg, r.getParameters());
                } catch (IllegalArgumentException e) {
                    msg = msg + " " + java.util.Arrays.toString(r.getParameters());
                }
            }
            StringBuilder sb = new StringBuilder(r.getLoggerName() + " " + msg);
            if (r.getThrown() != null) {
                sb.append('\n').append(stackTrace(r.getThrown()));
            }
            synchronized (logged) {
                logged.add(sb.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    /** Starts capturing every level of every logger. */
    Canary() {
        appLevel = app.getLevel();
        rootLevel = root.getLevel();
        app.setLevel(Level.ALL);
        root.setLevel(Level.ALL);
        capture.setLevel(Level.ALL);
        root.addHandler(capture);
    }

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
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
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
        synchronized (logged) {
            int n = 0;
            for (String s : logged) {
                n += count(s);
            }
            return n;
        }
    }

    int logLines() {
        synchronized (logged) {
            return logged.size();
        }
    }

    @Override
    public void close() {
        root.removeHandler(capture);
        app.setLevel(appLevel);
        root.setLevel(rootLevel);
    }
}
