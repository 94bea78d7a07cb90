package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command-line conventions, checked on the launcher run as its own process (exit codes, what reaches stdout
 * and stderr): --version, each command's --help, exit 2 for bad usage and 1 for a failure, and log lines only in
 * the log file unless --verbose.
 */
class LauncherProcessTest {

    @TempDir
    Path home;

    record Result(int code, String out, String err) {
    }

    private Result hoglink(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Dhoglink.home=" + home, "-cp", System.getProperty("java.class.path"), Launcher.class.getName()));
        cmd.addAll(List.of(args));
        Path out = home.resolve("stdout.txt");
        Path err = home.resolve("stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("HOGLINK_API_KEY");
        pb.environment().putAll(env);
        Process p = pb.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("hoglink " + String.join(" ", args) + " did not end within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                Files.readString(err, StandardCharsets.UTF_8));
    }

    private Result hoglink(String... args) throws IOException, InterruptedException {
        return hoglink(Map.of(), args);
    }

    @Test
    void versionPrintsTheProjectVersion() throws Exception {
        Result r = hoglink("--version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("hoglink \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\\R"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void auditHelpPrintsTheAuditUsageAndExitsZero() throws Exception {
        for (String flag : List.of("--help", "-h")) {
            Result r = hoglink("audit", flag);
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Usage: hoglink audit"), r.out());
            assertTrue(r.out().contains("--format"), r.out());
            assertEquals("", r.err());
        }
    }

    @Test
    void sandboxHelpPrintsTheSandboxUsageAndExitsZero() throws Exception {
        Result r = hoglink("sandbox", "--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: hoglink sandbox"), r.out());
        assertTrue(r.out().contains("--control"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void topLevelHelpDocumentsTheExitCodesAndTheVerboseFlag() throws Exception {
        Result r = hoglink("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("Exit codes: 0 done, 1 the command failed"), r.out());
        assertTrue(r.out().contains("--verbose"), r.out());
    }

    @Test
    void badUsageExitsTwoWithTheUsageOnStderr() throws Exception {
        Result audit = hoglink("audit", "--frobnicate");
        assertEquals(2, audit.code());
        assertTrue(audit.err().contains("unknown argument '--frobnicate'"), audit.err());
        assertTrue(audit.err().contains("Usage: hoglink audit"), audit.err());
        assertEquals("", audit.out());

        Result sandbox = hoglink("sandbox", "--port", "many");
        assertEquals(2, sandbox.code());
        assertTrue(sandbox.err().contains("Usage: hoglink sandbox"), sandbox.err());

        Result gui = hoglink("--theme", "pink");
        assertEquals(2, gui.code());
        assertTrue(gui.err().contains("--theme takes light or dark"), gui.err());
    }

    @Test
    void aFailureExitsOneWithOneLineOnStderr() throws Exception {
        // Port 9 (discard) on the loopback: nothing listens there, the connection is refused at once.
        Result r = hoglink(Map.of("HOGLINK_API_KEY", "phx_" + "a".repeat(40)), "audit", "--host", "http://127.0.0.1:9");
        assertEquals(1, r.code(), r.err());
        assertTrue(r.err().startsWith("hoglink audit: Cannot reach 127.0.0.1:9"), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertEquals("", r.out());
    }

    @Test
    void anAuditPrintsItsOutputAndNothingElse() throws Exception {
        Result r = hoglink("audit", "--sandbox", "--org", "acme-analytics");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("installation_id,"), r.out());
        assertEquals("", r.err());
    }

    @Test
    void logLinesGoToTheLogFileAndToStderrOnlyWithVerbose() throws Exception {
        // A folder that cannot exist (a file is in the way), so writing the output fails.
        Path missingDir = Files.writeString(home.resolve("a-file"), "x").resolve("audit.csv");
        Result quiet = hoglink("audit", "--sandbox", "--org", "acme-analytics", "--out", missingDir.toString());
        assertEquals(1, quiet.code());
        assertTrue(quiet.err().startsWith("hoglink audit: "), quiet.err());
        assertEquals(1, quiet.err().lines().count(), "one line, no log line on stderr: " + quiet.err());
        Path log = home.resolve("data/logs/hoglink.log");
        assertTrue(Files.readString(log).contains("WARNING OutFile: Output file refused"),
                "the log line is in the log file");

        Result verbose = hoglink("audit", "--sandbox", "--org", "acme-analytics", "--out", missingDir.toString(),
                "--verbose");
        assertEquals(1, verbose.code());
        assertTrue(verbose.err().contains("WARNING OutFile: Output file refused"), verbose.err());
    }
}
