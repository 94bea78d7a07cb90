package dev.hoglink.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The watchdog the hardening tests trust: an FX thread that blocks (as on a network read) or computes for longer
 * than a stall is counted, whatever share of the delay was a wait for a core; a free FX thread is not.
 */
class FxWatchdogFxTest {

    @BeforeAll
    static void fx() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void anFxThreadBlockedForLongerThanAStallIsCounted() throws Exception {
        try (FxWatchdog dog = FxWatchdog.start()) {
            answered(dog, 3); // the FX thread's schedstat is known
            long before = dog.pings();
            WaitForAsyncUtils.asyncFx(() -> {
                Thread.sleep(300); // the stall under test: off the CPU, not waiting for one
                return null;
            }).get();
            answered(dog, before + 2); // the ping held up by the stall has been answered
            dog.close();
            assertTrue(dog.stalls() >= 1, dog.toString());
            assertTrue(dog.worstOwnMillis() >= 200, dog.toString());
        }
    }

    @Test
    void anFxThreadBusyForLongerThanAStallIsCounted() throws Exception {
        try (FxWatchdog dog = FxWatchdog.start()) {
            answered(dog, 3);
            long before = dog.pings();
            WaitForAsyncUtils.asyncFx(() -> {
                long end = System.nanoTime() + 300_000_000L; // the stall under test: 300 ms of work
                long spin = 0;
                while (System.nanoTime() < end) {
                    spin++;
                }
                return spin;
            }).get();
            answered(dog, before + 2);
            dog.close();
            assertTrue(dog.stalls() >= 1, dog.toString());
        }
    }

    @Test
    void aFreeFxThreadAnswersEveryPingWithoutAStall() throws Exception {
        try (FxWatchdog dog = FxWatchdog.start()) {
            answered(dog, 10);
            dog.close();
            assertTrue(dog.pings() >= 10, dog.toString());
            assertEquals(0, dog.stalls(), dog.toString());
        }
    }

    /** Waits until the watchdog has had {@code pings} pings answered. */
    private static void answered(FxWatchdog dog, long pings) throws Exception {
        WaitForAsyncUtils.waitFor(10, java.util.concurrent.TimeUnit.SECONDS, () -> dog.pings() >= pings);
    }
}
