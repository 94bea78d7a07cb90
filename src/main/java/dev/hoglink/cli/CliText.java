package dev.hoglink.cli;

import dev.hoglink.util.PrintableText;
import java.io.PrintStream;

/**
 * The one way the command line prints a message: prefixed with the command, on one line, with secrets redacted
 * and control and bidirectional characters removed ({@link PrintableText}), since much of what it reports
 * (organization names, PostHog's error details) came from a server.
 */
final class CliText {

    private CliText() {
    }

    /**
     * Refuses a flag given twice ("--host A --host B"): the last one silently winning could send a key or write a
     * file somewhere the user did not mean.
     */
    static void once(java.util.Set<String> seen, String flag) {
        if (flag.startsWith("--") && !seen.add(flag)) {
            throw new IllegalArgumentException(PrintableText.oneLine(flag) + " is given twice");
        }
    }

    /** {@code hoglink <command>: <message>} on one safe line. */
    static void line(PrintStream to, String command, String message) {
        to.println("hoglink " + command + ": " + PrintableText.oneLine(String.valueOf(message)));
    }
}
