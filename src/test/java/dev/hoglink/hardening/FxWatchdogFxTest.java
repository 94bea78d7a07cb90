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
            Thread.sleep(200); // a few pings answered: the FX thread's schedstat is known
            WaitForAsyncUtils.asyncFx(() -> {
                Thread.sleep(300); // off the CPU, not waiting for one
                return null;
            }).get();
            Thread.sleep(100);
            dog.close();
            assertTrue(dog.stalls() >= 1, dog.toString());
            assertTrue(dog.worstOwnMillis() >= 200, dog.toString());
        }
    }

    @Test
    void anFxThreadBusyForLongerThanAStallIsCounted() throws Exception {
        try (FxWatchdog dog = FxWatchdog.start()) {
            Thread.sleep(200);
            WaitForAsyncUtils.asyncFx(() -> {
                long end = System.nanoTime() + 300_000_000L;
                long spin = 0;
                while (System.nanoTime() < end) {
                    spin++;
                }
                return spin;
            }).get();
            Thread.sleep(100);
            dog.close();
            assertTrue(dog.stalls() >= 1, dog.toString());
        }
    }

    @Test
    void aFreeFxThreadAnswersEveryPingWithoutAStall() throws Exception {
        try (FxWatchdog dog = FxWatchdog.start()) {
            Thread.sleep(500);
            dog.close();
            assertTrue(dog.pings() >= 5, dog.toString());
            assertEquals(0, dog.stalls(), dog.toString());
        }
    }
}
