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

    /** {@code hoglink <command>: <message>} on one safe line. */
    static void line(PrintStream to, String command, String message) {
        to.println("hoglink " + command + ": " + PrintableText.oneLine(String.valueOf(message)));
    }
}
