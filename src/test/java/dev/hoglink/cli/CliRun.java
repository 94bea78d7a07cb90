package dev.hoglink.cli;

import dev.hoglink.util.AppDirs;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/** One in-process run of {@code hoglink audit} or {@code hoglink link}: its exit code and what it printed. */
record CliRun(int code, String out, String err) {

    /** A command's entry point, writing to the two streams it is given. */
    @FunctionalInterface
    private interface Command {
        int run(PrintStream out, PrintStream err);
    }

    /** {@code hoglink audit ARGS} with no progress line, under {@code dirs}. */
    static CliRun audit(Map<String, String> env, AppDirs dirs, String... args) {
        return capture((out, err) -> AuditCommand.run(List.of(args), env, out, err, false, dirs));
    }

    /** {@code hoglink link ARGS} under {@code dirs}. */
    static CliRun link(Map<String, String> env, AppDirs dirs, String... args) {
        return capture((out, err) -> LinkCommand.run(List.of(args), env, out, err, dirs));
    }

    private static CliRun capture(Command command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = command.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new CliRun(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
