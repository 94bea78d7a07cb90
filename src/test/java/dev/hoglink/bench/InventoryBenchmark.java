package dev.hoglink.bench;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.ClientStats;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.ui.common.ExecutorTaskRunner;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Loads an organization from a running sandbox (a separate {@code hoglink sandbox} process) through the whole
 * stack the window uses (view model, inventory service, client with its host-aware rate limiter, loopback
 * HTTP) and prints, one {@code name=value} a line: time to first rows, time to the full inventory, rows,
 * requests, 429s, retries and rate-limiter waits. Not a test: {@code packaging/bench-inventory.sh} runs it next
 * to the curl loop and measures its peak RSS from outside.
 *
 * <pre>InventoryBenchmark URL KEY ORGANIZATION_ID PROJECTS [inFlight=4] [limiter=host|cloud|oauth]</pre>
 *
 * {@code oauth} first signs in with PostHog (the sandbox's authorization server, consent scripted as the seeded
 * owner; not timed) and loads with the session's access token and the OAuth limiter: PostHog's personal-key
 * throttle does not count OAuth requests. KEY is then unused.
 *
 * {@code -Dbench.trace=true} prints the wall-clock time the timing starts at on standard error, to set beside the
 * client's request log (java.util.logging, {@code dev.hoglink.api.PostHogClient} at FINE) when profiling.
 *
 * {@code cloud} gives the client the limiter of a PostHog Cloud host (capped from the start) although the
 * sandbox is on this computer: the sandbox with its throttle on stands in for PostHog Cloud.
 */
public final class InventoryBenchmark {

    private InventoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        dev.hoglink.Launcher.keepAsyncTasksOffNewThreads(); // as the app does at start
        String url = args[0];
        String key = args[1];
        String org = args[2];
        int projects = Integer.parseInt(args[3]);
        int inFlight = args.length > 4 ? Integer.parseInt(args[4]) : InventoryViewModel.DEFAULT_MAX_IN_FLIGHT;
        boolean cloud = args.length > 5 && args[5].equals("cloud");
        boolean oauth = args.length > 5 && args[5].equals("oauth");
        PostHogClient.Builder builder;
        long signInMs = 0;
        if (oauth) {
            long s0 = System.nanoTime();
            dev.hoglink.api.BearerSource session = signIn(url);
            signInMs = (System.nanoTime() - s0) / 1_000_000;
            builder = PostHogClient.builder(url, session.current()).bearer(session); // the OAuth limiter
        } else {
            builder = PostHogClient.builder(url, ApiKey.of(key)); // the default, host-aware limiter
        }
        if (cloud) {
            builder.rateLimiter(dev.hoglink.api.RateLimiter.postHogPersonalKey());
        }
        PostHogClient client = builder.build();
        HttpInventoryService service = new HttpInventoryService(client);

        ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "ui"));
        ExecutorTaskRunner runner = new ExecutorTaskRunner(Executors.newFixedThreadPool(inFlight + 2), ui);
        CountDownLatch firstRows = new CountDownLatch(1);
        CountDownLatch full = new CountDownLatch(1);
        long[] times = new long[2];
        int[] rows = new int[2];
        long t0 = System.nanoTime();
        if (Boolean.getBoolean("bench.trace")) {
            System.err.println("t0 " + java.time.LocalTime.now());
        }
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
            vm.connect(url, service, org);
        });
        if (!full.await(30, TimeUnit.MINUTES)) {
            throw new IllegalStateException("the inventory did not finish loading in 30 minutes");
        }
        ClientStats stats = client.stats();
        System.out.printf(Locale.ROOT, "in_flight=%d%n", inFlight);
        System.out.printf(Locale.ROOT, "signin_ms=%d%n", signInMs);
        System.out.printf(Locale.ROOT, "first_rows_ms=%d%n", times[0] / 1_000_000);
        System.out.printf(Locale.ROOT, "full_ms=%d%n", times[1] / 1_000_000);
        System.out.printf(Locale.ROOT, "rows=%d%n", rows[0]);
        System.out.printf(Locale.ROOT, "failed=%d%n", rows[1]);
        System.out.printf(Locale.ROOT, "requests=%d%n", stats.requestsSent());
        System.out.printf(Locale.ROOT, "throttled=%d%n", stats.throttled());
        System.out.printf(Locale.ROOT, "retries=%d%n", stats.retries());
        System.out.printf(Locale.ROOT, "limiter_waits=%d%n", stats.rateLimiterWaits());
        System.out.printf(Locale.ROOT, "limiter_waited_ms=%d%n", stats.rateLimiterWaited().toMillis());
        System.out.printf(Locale.ROOT, "capped=%s%n", client.rateLimiter().capped());
        runner.shutdown();
        ui.shutdownNow();
        System.exit(0);
    }

    /** Signs in through the sandbox's authorization server, consenting as its owner (Ada), as a person would. */
    private static dev.hoglink.api.BearerSource signIn(String url) throws Exception {
        dev.hoglink.service.signin.SignInService service = new dev.hoglink.service.signin.SignInService(
                new dev.hoglink.service.signin.SignInStore(java.nio.file.Files.createTempDirectory("bench-signin")
                        .resolve("signin.json"), Clock.systemUTC()),
                new dev.hoglink.service.credentials.Credentials(new dev.hoglink.service.credentials.SessionCredentialStore()),
                Clock.systemUTC());
        dev.hoglink.service.signin.SignInService.Pending pending =
                service.start(service.plan(dev.hoglink.service.PostHogHost.parse(url)));
        Thread consent = new Thread(() -> {
            try {
                new dev.hoglink.e2e.ScriptedConsent().consent(pending.url(), true, dev.hoglink.sandbox.SeedWorld.ADA);
            } catch (Exception e) {
                e.printStackTrace();
            }
        }, "consent");
        consent.setDaemon(true);
        consent.start();
        return service.finish(pending, "Bench", java.time.Duration.ofSeconds(180)).session();
    }
}
