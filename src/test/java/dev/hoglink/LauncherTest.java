package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinWorkerThread;
import org.junit.jupiter.api.Test;

class LauncherTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Launcher.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void unknownSubcommandPrintsUsageAndExitsTwo() {
        assertEquals(2, run("frobnicate"));
        String text = err.toString(StandardCharsets.UTF_8);
        assertTrue(text.contains("unknown command frobnicate"), text);
        assertTrue(text.contains("Usage:"), text);
    }

    @Test
    void unknownFlagPrintsUsageAndExitsTwo() {
        assertEquals(2, run("--frobnicate"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("unknown option --frobnicate"));
    }

    @Test
    void helpPrintsUsageAndExitsZero() {
        assertEquals(0, run("--help"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("hoglink sandbox"));
    }

    @Test
    void guiFlagsParseAndRoundTrip() {
        GuiOptions o = GuiOptions.parse(List.of("--profile", "work", "--theme", "dark"));
        assertEquals("work", o.profile().orElseThrow());
        assertEquals(o, GuiOptions.parse(List.of(o.toArgs())));
        assertTrue(GuiOptions.parse(List.of("--sandbox")).sandbox());
    }

    @Test
    void guiFlagsRejectMissingValuesAndConflicts() {
        assertThrows(IllegalArgumentException.class, () -> GuiOptions.parse(List.of("--profile")));
        assertThrows(IllegalArgumentException.class, () -> GuiOptions.parse(List.of("--theme", "pink")));
        assertThrows(IllegalArgumentException.class,
                () -> GuiOptions.parse(List.of("--sandbox", "--profile", "x")));
    }

    @Test
    void onFewCoresTheCommonPoolGetsTwoThreadsUnlessItsSizeWasSet() {
        String was = System.getProperty(Launcher.COMMON_POOL_PARALLELISM);
        try {
            System.clearProperty(Launcher.COMMON_POOL_PARALLELISM);
            Launcher.keepAsyncTasksOffNewThreads();
            assertEquals(Runtime.getRuntime().availableProcessors() < 3 ? "2" : null,
                    System.getProperty(Launcher.COMMON_POOL_PARALLELISM));
            System.setProperty(Launcher.COMMON_POOL_PARALLELISM, "5");
            Launcher.keepAsyncTasksOffNewThreads();
            assertEquals("5", System.getProperty(Launcher.COMMON_POOL_PARALLELISM), "an explicit size is kept");
        } finally {
            if (was == null) {
                System.clearProperty(Launcher.COMMON_POOL_PARALLELISM);
            } else {
                System.setProperty(Launcher.COMMON_POOL_PARALLELISM, was);
            }
        }
    }

    @Test
    void asyncStepsRunOnPooledThreadsInTheTestJvmAsInTheApp() throws Exception {
        // The build gives the test JVM the setting the app makes at start; without it, on 2 cores each async
        // step would run on a new thread and the load tests would not measure what users run.
        assertTrue(CompletableFuture.supplyAsync(() -> Thread.currentThread() instanceof ForkJoinWorkerThread).get(),
                "default-executor async steps run in the common pool");
    }
}
