package dev.hoglink.cli;

import java.io.PrintStream;
import java.util.List;
import java.util.Map;

/** {@code hoglink audit}: writes the installation audit without a window. */
public final class AuditCommand {
    private AuditCommand() {
    }

    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        err.println("hoglink audit: the audit export is not part of this build yet");
        return 1;
    }
}
