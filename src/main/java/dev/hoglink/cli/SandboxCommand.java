package dev.hoglink.cli;

import java.io.PrintStream;
import java.util.List;

/** {@code hoglink sandbox}: runs the PostHog-compatible sandbox server standalone. */
public final class SandboxCommand {
    private SandboxCommand() {
    }

    public static int run(List<String> args, PrintStream out, PrintStream err) {
        err.println("hoglink sandbox: the sandbox server is not part of this build yet");
        return 1;
    }
}
