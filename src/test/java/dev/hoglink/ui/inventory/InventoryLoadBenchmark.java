package dev.hoglink.ui.inventory;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.service.FakeInventoryService;
import dev.hoglink.support.DemoData;
import dev.hoglink.ui.common.ExecutorTaskRunner;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Prints how the inventory view model loads a large organization over the in-memory service with a fixed
 * latency per call: time to first rows, to the full inventory, requests, and peak heap. A stand-in for
 * the sandbox benchmark (which adds the HTTP client and its rate limiter); not a test.
 *
 * <pre>java -cp ... dev.hoglink.ui.inventory.InventoryLoadBenchmark [projects] [latencyMs]</pre>
 */
public final class InventoryLoadBenchmark {

    private InventoryLoadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int projects = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(DemoData.ACME);
        for (int i = 0; i < projects; i++) {
            fake.addProject(DemoData.ACME.id(), 10_000 + i, "Project " + i);
            if (i % 3 != 0) {
                fake.link(10_000 + i, 50_000 + i, i % 5 == 0 ? "2" + i : "12345678", "acme", AccountType.ORGANIZATION,
                        LinkStatus.CONNECTED, "ada@acme.io");
            }
        }
        fake.setLatency(Duration.ofMillis(latency));

        ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "ui"));
        ExecutorTaskRunner runner = new ExecutorTaskRunner(Executors.newFixedThreadPool(6), ui);
        int inFlight = InventoryViewModel.DEFAULT_MAX_IN_FLIGHT;
        CountDownLatch firstRows = new CountDownLatch(1);
        CountDownLatch full = new CountDownLatch(1);
        long[] times = new long[2];
        long t0 = System.nanoTime();
        ui.execute(() -> {
            InventoryViewModel vm = new InventoryViewModel(runner, null, Clock.systemUTC(), inFlight);
            vm.rows().addListener((javafx.collections.ListChangeListener<ProjectRowViewModel>) c -> {
                if (!vm.rows().isEmpty() && firstRows.getCount() > 0) {
                    times[0] = System.nanoTime() - t0;
                    firstRows.countDown();
                }
            });
            vm.busyProperty().addListener((o, was, now) -> {
                if (!now && !vm.rows().isEmpty() && full.getCount() > 0) {
                    times[1] = System.nanoTime() - t0;
                    full.countDown();
                }
            });
            vm.connect("http://127.0.0.1", fake, null);
        });
        if (!full.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the inventory did not finish loading in 10 minutes");
        }
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        int requests = fake.totalCalls();
        double lowerBound = (double) (fake.calls("organizations") + fake.calls("projects")) * latency
                + Math.ceil((double) (requests - 2) / inFlight) * latency;
        System.out.printf(Locale.ROOT, "projects:               %d (latency %d ms per call, %d in flight)%n",
                projects, latency, inFlight);
        System.out.printf(Locale.ROOT, "time to first rows:     %d ms%n", times[0] / 1_000_000);
        System.out.printf(Locale.ROOT, "time to full inventory: %d ms (lower bound %.0f ms, ratio %.2f)%n",
                times[1] / 1_000_000, lowerBound, times[1] / 1e6 / lowerBound);
        System.out.printf(Locale.ROOT, "requests:               %d%n", requests);
        System.out.printf(Locale.ROOT, "429s received:          0 (the in-memory service has no throttle)%n");
        System.out.printf(Locale.ROOT, "peak heap:              %d MiB%n", peakHeap / (1024 * 1024));
        runner.shutdown();
        ui.shutdownNow();
    }
}
