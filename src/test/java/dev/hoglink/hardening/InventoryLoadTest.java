package dev.hoglink.hardening;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.ui.common.ExecutorTaskRunner;
import dev.hoglink.ui.inventory.InventoryViewModel;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Load: the inventory of a 2,000-project organization through the real view model, inventory service and
 * client, while the sandbox answers 5% 5xx and bursts of 429. Callbacks run on one "UI" thread, as on the FX
 * thread; the FX version of this load (with the real window and the watchdog) is {@link FxWatchdogFxTest}.
 */
class InventoryLoadTest {

    @Test
    @Timeout(120)
    void aFaulted2000ProjectLoadLosesNoRowAndEndsWithEveryStatusTrueAfterBoundedRetries() throws Exception {
        ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "load-ui"));
        int inFlight = InventoryViewModel.DEFAULT_MAX_IN_FLIGHT;
        ExecutorTaskRunner runner = new ExecutorTaskRunner(Executors.newFixedThreadPool(inFlight + 2), ui);
        try (LoadRig rig = new LoadRig()) {
            rig.faultsOn();
            InventoryViewModel vm = LoadRig.on(ui, () -> new InventoryViewModel(runner, null, Clock.systemUTC(), inFlight));
            LoadRig.Result r = rig.loadAndRecover(vm, ui, rig.service);
            LoadRig.assertRetriesBounded(r);
            assertTrue(r.faults() > 0 && r.throttleFaults() > 0, "the faults were really injected: " + r);
            assertTrue(r.stats().throttled() > 0, "the client met 429s: " + r.stats());
        } finally {
            runner.shutdown();
            ui.shutdownNow();
        }
    }
}
