package dev.hoglink.cli;

import java.io.PrintStream;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ctrl+C (SIGINT) as a request to stop between steps, for a command that must not be cut off mid-change: the first
 * one only raises {@link #requested()} (and says so on standard error), the work stops where it safely can and the
 * command reports what was done; a second one ends the process at once with {@link #EXIT_CODE}. Without the JVM's
 * signal API (another JVM), Ctrl+C keeps its default effect. {@link #close()} gives the default back.
 */
final class StopOnInterrupt implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(StopOnInterrupt.class);

    /** The exit code of a command stopped by Ctrl+C: 128 + SIGINT's number, as shells report an interrupt. */
    static final int EXIT_CODE = 130;

    private final AtomicBoolean requested = new AtomicBoolean();
    private final Object previous;

    private StopOnInterrupt(PrintStream err, String command, String whatHappens) {
        Object old = null;
        try {
            old = sun.misc.Signal.handle(new sun.misc.Signal("INT"), sig -> {
                if (requested.compareAndSet(false, true)) {
                    CliText.line(err, command, "Ctrl+C: " + whatHappens + " (Ctrl+C again to quit at once)");
                } else {
                    CliText.line(err, command, "Ctrl+C again: quitting now");
                    Runtime.getRuntime().halt(EXIT_CODE);
                }
            });
        } catch (RuntimeException | LinkageError e) {
            LOGGER.info("Ctrl+C cannot be caught here ({}); it ends the command at once", e.toString());
        }
        this.previous = old;
    }

    /**
     * From now until {@link #close()}, Ctrl+C asks to stop.
     *
     * @param whatHappens what the first Ctrl+C will do, said when it comes ("stopping after the current project")
     */
    static StopOnInterrupt install(PrintStream err, String command, String whatHappens) {
        return new StopOnInterrupt(err, command, whatHappens);
    }

    /** True once Ctrl+C was pressed. */
    boolean requested() {
        return requested.get();
    }

    @Override
    public void close() {
        if (previous instanceof sun.misc.SignalHandler h) {
            try {
                sun.misc.Signal.handle(new sun.misc.Signal("INT"), h);
            } catch (RuntimeException e) {
                LOGGER.info("Could not give Ctrl+C its default back: {}", e.toString());
            }
        }
    }
}
