package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hoglink.support.CliProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code link --apply} reads a plan file only up to a bound: a file named by mistake gives one line, not an error dump. */
class LinkPlanFileBoundTest {

    private static final CliProcesses CLI = CliProcesses.withTemporaryHome("hoglink-plan-bound");

    @Test
    void anEndlessFileGivenAsThePlanIsRefusedInOneLineWithoutExhaustingMemory() throws Exception {
        Path endless = Path.of("/dev/zero");
        assumeTrue(Files.isReadable(endless), "needs /dev/zero");
        assertEquals("hoglink link: /dev/zero is not a regular file, so not a Hoglink link plan", refused(endless),
                "a device or a pipe is not read at all");
        // A regular file larger than any plan (sparse: 65 MB that take no disk) is read only to the bound.
        Path huge = Files.createTempFile("hoglink-huge", ".csv");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(65L * 1024 * 1024);
        }
        assertEquals("hoglink link: " + huge + " is not a Hoglink link plan: it is larger than 64 MB", refused(huge));
        Files.delete(huge);
    }

    /** Runs link --apply on the file with a small heap; its one stderr line. */
    private static String refused(Path plan) throws Exception {
        List<String> cmd = new ArrayList<>(CLI.java("link", "--apply", plan.toString(), "--host", "http://127.0.0.1:9"));
        cmd.add(1, "-Xmx256m"); // room for the bound, not for an endless read
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("HOGLINK_API_KEY", "phx_plan_bound_test_key_0123456789");
        Path out = Files.createTempFile("hoglink-out", ".txt");
        Path err = Files.createTempFile("hoglink-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the command finished");
        String stderr = Files.readString(err);
        assertEquals(1, p.exitValue(), stderr);
        assertFalse(stderr.contains("Exception") || stderr.contains("Error"), stderr);
        assertEquals(1, stderr.strip().lines().count(), stderr);
        assertEquals("", Files.readString(out));
        return stderr.strip();
    }
}
