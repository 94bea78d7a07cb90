package dev.hoglink.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.cli.SandboxCommand;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code sandbox} command's flags and output (the long-running form is covered by SandboxStateFileTest). */
class SandboxCommandTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SandboxCommand.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void badFlagsPrintUsageAndExitTwo() {
        for (String[] args : List.of(new String[]{"--frob"}, new String[]{"--port"}, new String[]{"--port", "x"},
                new String[]{"--port", "70000"}, new String[]{"--faults", "5xx=7"}, new String[]{"extra"})) {
            out.reset();
            err.reset();
            assertEquals(2, run(args), String.join(" ", args));
            String text = err.toString(StandardCharsets.UTF_8);
            assertTrue(text.startsWith("hoglink sandbox: ") && text.contains("Usage: hoglink sandbox"), text);
        }
    }

    @Test
    void flagsMapToOptions() {
        SandboxOptions o = SandboxCommand.parse(List.of("--port", "8010", "--latency-ms", "25", "--projects", "2000",
                "--state", "w.json", "--faults", "5xx=0.1,seed=4", "--throttle"));
        assertEquals(8010, o.port());
        assertEquals(25, o.latencyMs());
        assertEquals(2000, o.extraProjects());
        assertEquals("w.json", o.stateFile().toString());
        assertEquals(0.1, o.faults().serverErrorRate());
        assertTrue(o.throttle());
        SandboxOptions d = SandboxCommand.parse(List.of());
        assertEquals(0, d.port());
        assertTrue(!d.throttle() && !d.faults().any() && d.stateFile() == null);
    }

    @Test
    void startPrintsOneNameValueLinePerSetting() throws Exception {
        try (SandboxServer s = SandboxCommand.start(List.of("--latency-ms", "0"),
                new PrintStream(out, true, StandardCharsets.UTF_8))) {
            List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
            assertEquals("url=" + s.baseUri(), lines.get(0));
            assertEquals(1 + SeedWorld.ROLES.size(), lines.size());
            assertEquals("key.owner=" + s.key("owner"), lines.get(1));
            assertTrue(lines.stream().allMatch(l -> l.matches("[a-z._]+=\\S+")), lines.toString());
        }
    }
}
