package dev.hoglink.util;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Sets up java.util.logging (the SLF4J backend): one line per record, every line passed through the
 * {@link Redactor}, to a rotating file in the data folder (owner-only). Log lines reach stderr only when asked
 * for ({@code --verbose}, which sets {@link #CONSOLE_PROPERTY}), or when the file cannot be opened.
 */
public final class Logging {

    /** System property that copies every log line to stderr as well ({@code hoglink --verbose} sets it). */
    public static final String CONSOLE_PROPERTY = "hoglink.log.console";

    /** Whether log lines go to stderr too. */
    public static boolean consoleRequested() {
        return Boolean.getBoolean(CONSOLE_PROPERTY);
    }

    private Logging() {
    }

    /** A formatter that never lets a secret through, message or stack trace. */
    public static final class RedactingFormatter extends Formatter {
        @Override
        public String format(LogRecord r) {
            StringBuilder sb = new StringBuilder(160);
            // Server text may hold line breaks or escapes that would forge log lines: one line per message.
            sb.append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                    .append(r.getLevel().getName()).append(' ')
                    .append(shortName(r.getLoggerName())).append(": ")
                    .append(PrintableText.oneLine(formatMessage(r)));
            if (r.getThrown() != null) {
                StringWriter sw = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(sw));
                sb.append(System.lineSeparator()).append(PrintableText.multiLine(sw.toString()));
            }
            return Redactor.redact(sb.toString()) + System.lineSeparator();
        }

        private static String shortName(String name) {
            if (name == null) {
                return "";
            }
            int dot = name.lastIndexOf('.');
            return dot < 0 ? name : name.substring(dot + 1);
        }
    }

    /** Configures the root logger; returns the log file, or null if it could not be opened. */
    public static Path configure(AppDirs dirs, Level fileLevel) {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            if (h instanceof OwnerOnlyFileHandler) {
                h.close();
            }
        }
        RedactingFormatter formatter = new RedactingFormatter();
        ConsoleHandler console = new ConsoleHandler();
        console.setLevel(consoleRequested() ? fileLevel : Level.WARNING);
        console.setFormatter(formatter);
        if (consoleRequested()) {
            root.addHandler(console);
        }
        root.setLevel(fileLevel);
        // Chatty third-party loggers stay at INFO whatever the app level.
        Logger.getLogger("javafx").setLevel(Level.WARNING);
        try {
            Path logs = AppDirs.ensure(dirs.data().resolve("logs"));
            // Every file the handler makes (log, lock, a second copy's hoglink.log.1, the rotated .old) is owner-only.
            OwnerOnlyFileHandler fh = new OwnerOnlyFileHandler(logs, "hoglink.log", 2_000_000);
            fh.setFormatter(formatter);
            fh.setLevel(fileLevel);
            root.addHandler(fh);
            return fh.file();
        } catch (IOException | RuntimeException e) {
            if (!consoleRequested()) {
                root.addHandler(console);
            }
            root.log(Level.WARNING, "Cannot open the log file; logging to stderr only", e);
            return null;
        }
    }
}
