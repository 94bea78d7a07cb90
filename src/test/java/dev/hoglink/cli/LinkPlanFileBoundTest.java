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
        List<String> cmd = new ArrayList<>(CLI.java("link", "--apply", endless.toString(), "--host", "http://127.0.0.1:9"));
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
        assertTrue(stderr.startsWith("hoglink link: /dev/zero is not a Hoglink link plan: it is larger than 64 MB"), stderr);
        assertEquals("", Files.readString(out));
    }
}
