package dev.hoglink.bench;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.ClientStats;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.ui.common.ExecutorTaskRunner;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Loads a large organization from the sandbox through the whole stack the window uses (view model, inventory
 * service, client with its rate limiter, loopback HTTP, sandbox with latency and optionally PostHog's
 * throttle) and prints time to first rows, time to the full inventory against its lower bound, requests,
 * 429s, retries and peak heap. Not a test: {@code packaging/bench-inventory.sh} runs it.
 *
 * <pre>InventoryBenchmark [projects=2000] [latencyMs=50] [throttle=off|on]</pre>
 */
public final class InventoryBenchmark {

    private InventoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        dev.hoglink.Launcher.keepAsyncTasksOffNewThreads(); // as the app does at start
        int projects = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        int latency = args.length > 1 ? Integer.parseInt(args[1]) : 50;
        boolean throttle = args.length > 2 && args[2].equals("on");
        SandboxServer sandbox = SandboxServer.start(SandboxOptions.defaults().withExtraProjects(projects)
                .withLatencyMs(latency).withThrottle(throttle));
        PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .build(); // the default rate limiter: PostHog's personal-key limits
        HttpInventoryService service = new HttpInventoryService(client);

        ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "ui"));
        int inFlight = InventoryViewModel.DEFAULT_MAX_IN_FLIGHT;
        ExecutorTaskRunner runner = new ExecutorTaskRunner(Executors.newFixedThreadPool(inFlight + 2), ui);
        CountDownLatch firstRows = new CountDownLatch(1);
        CountDownLatch full = new CountDownLatch(1);
        long[] times = new long[2];
        int[] rows = new int[2];
        long served0 = sandbox.knobs().requestsServed();
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
                if (!now && vm.rows().size() >= projects && full.getCount() > 0) {
                    times[1] = System.nanoTime() - t0;
                    rows[0] = vm.rows().size();
                    rows[1] = vm.failedCountProperty().get();
                    full.countDown();
                }
            });
            vm.connect(sandbox.baseUri().toString(), service, SeedWorld.INITECH_ORG);
        });
        if (!full.await(15, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the inventory did not finish loading in 15 minutes");
        }
        long peakHeap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        ClientStats stats = client.stats();
        long requests = stats.requestsSent();
        // Lower bound: the organization and project pages one after another, then the per-project requests
        // at `inFlight` at a time; and PostHog's 480 requests per (minute + margin), which the client keeps
        // to whether or not the sandbox enforces it, so that a real PostHog never answers 429.
        int pages = 1 + (int) Math.ceil(projects / 100.0) + 1;
        double roundTrips = pages * (double) latency + Math.ceil((requests - pages) / (double) inFlight) * latency;
        double throttleBound = Math.floor((requests - 1) / 480.0)
                * (60_000 + RateLimiter.POSTHOG_MARGIN.toMillis());
        double lowerBound = Math.max(roundTrips, throttleBound);
        System.out.printf(Locale.ROOT, "projects:               %d (sandbox latency %d ms, throttle %s, %d in flight)%n",
                projects, latency, throttle ? "on" : "off", inFlight);
        System.out.printf(Locale.ROOT, "time to first rows:     %d ms%n", times[0] / 1_000_000);
        System.out.printf(Locale.ROOT, "time to full inventory: %d ms (lower bound %.0f ms, ratio %.2f)%n",
                times[1] / 1_000_000, lowerBound, times[1] / 1e6 / lowerBound);
        System.out.printf(Locale.ROOT, "rows:                   %d loaded, %d failed%n", rows[0], rows[1]);
        System.out.printf(Locale.ROOT, "requests:               %d sent by the client, %d served by the sandbox%n",
                requests, sandbox.knobs().requestsServed() - served0);
        System.out.printf(Locale.ROOT, "429s received:          %d%n", stats.throttled());
        System.out.printf(Locale.ROOT, "retries:                %d%n", stats.retries());
        System.out.printf(Locale.ROOT, "rate-limiter waits:     %d (%d ms in all)%n", stats.rateLimiterWaits(),
                stats.rateLimiterWaited().toMillis());
        System.out.printf(Locale.ROOT, "peak heap:              %d MiB%n", peakHeap / (1024 * 1024));
        runner.shutdown();
        ui.shutdownNow();
        sandbox.stop();
    }
}
