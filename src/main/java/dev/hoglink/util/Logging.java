package dev.hoglink.util;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.logging.ConsoleHandler;
import java.util.logging.FileHandler;
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
            sb.append(Instant.ofEpochMilli(r.getMillis())).append(' ')
                    .append(r.getLevel().getName()).append(' ')
                    .append(shortName(r.getLoggerName())).append(": ")
                    .append(formatMessage(r));
            if (r.getThrown() != null) {
                StringWriter sw = new StringWriter();
                r.getThrown().printStackTrace(new PrintWriter(sw));
                sb.append(System.lineSeparator()).append(sw);
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
            Path file = logs.resolve("hoglink.log");
            if (!Files.exists(file)) {
                Files.createFile(file);
            }
            AtomicFiles.restrictToOwner(file);
            FileHandler fh = new FileHandler(logs.resolve("hoglink.log").toString(), 2_000_000, 1, true);
            // The handler's lock file is created with the default umask; it holds nothing, but owner-only is the rule.
            Path lock = logs.resolve("hoglink.log.lck");
            if (Files.exists(lock)) {
                AtomicFiles.restrictToOwner(lock);
            }
            fh.setFormatter(formatter);
            fh.setLevel(fileLevel);
            root.addHandler(fh);
            return file;
        } catch (IOException | RuntimeException e) {
            if (!consoleRequested()) {
                root.addHandler(console);
            }
            root.log(Level.WARNING, "Cannot open the log file; logging to stderr only", e);
            return null;
        }
    }
}
