package dev.hoglink.support;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.text.MessageFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Every log record of every logger at every level, while installed: each as one text, the logger's name, the
 * message formatted with its parameters (raw, before any formatter's redaction), and the stack trace of what it
 * carries. For the tests that look for a secret in the logs. {@link #close()} takes it out and gives the levels back.
 */
public final class LogCapture implements AutoCloseable {

    private final List<String> logged = new ArrayList<>();
    private final Logger app = Logger.getLogger("dev.hoglink");
    private final Logger root = Logger.getLogger("");
    private final Level appLevel;
    private final Level rootLevel;
    private final Predicate<String> skipLogger;
    /** Null: raw records at every level; else each record as this formatter writes it, at the configured levels. */
    private final java.util.logging.Formatter formatter;
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord r) {
            if (r.getLoggerName() != null && skipLogger.test(r.getLoggerName())) {
                return;
            }
            if (formatter != null) {
                String line = formatter.format(r);
                synchronized (logged) {
                    logged.add(line);
                }
                return;
            }
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

    private LogCapture(Predicate<String> skipLogger, java.util.logging.Formatter formatter) {
        this.skipLogger = skipLogger;
        this.formatter = formatter;
        appLevel = app.getLevel();
        rootLevel = root.getLevel();
        if (formatter == null) {
            app.setLevel(Level.ALL);
            root.setLevel(Level.ALL);
            capture.setLevel(Level.ALL);
        }
        root.addHandler(capture);
    }

    /** Starts capturing every record. */
    public static LogCapture start() {
        return new LogCapture(name -> false, null);
    }

    /** Starts capturing every record but those of the loggers {@code skipLogger} names. */
    public static LogCapture startSkipping(Predicate<String> skipLogger) {
        return new LogCapture(skipLogger, null);
    }

    /**
     * Starts capturing what the log file gets: the records of the levels configured, each as the app's redacting
     * formatter writes it.
     */
    public static LogCapture asTheLogFile() {
        return new LogCapture(name -> false, new dev.hoglink.util.Logging.RedactingFormatter());
    }

    /** The records captured so far, as one text. */
    public String text() {
        return String.join("", lines());
    }

    /** The records captured so far, in order. */
    public List<String> lines() {
        synchronized (logged) {
            return List.copyOf(logged);
        }
    }

    /** The text of a throwable's stack trace. */
    public static String stackTrace(Throwable t) {
        StringWriter sw = new StringWriter();
        t.printStackTrace(new PrintWriter(sw));
        return sw.toString();
    }

    @Override
    public void close() {
        root.removeHandler(capture);
        app.setLevel(appLevel);
        root.setLevel(rootLevel);
    }
}
