package dev.hoglink.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.ClientStats;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.RetryPolicy;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.FaultSpec;
import dev.hoglink.sandbox.SandboxKnobs;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.inventory.RowState;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import javafx.beans.value.ChangeListener;

/**
 * The 2,000-project load under faults, shared by the plain view-model test and the FX one: a sandbox process
 * ({@link SandboxProcess}, at the lowest CPU priority) with {@value #PROJECTS} extra projects answering 5% 5xx
 * and 429 bursts, a client without a rate limiter and without real backoff sleeps (the waits are counted, not
 * slept), and the recovery loop the user would follow (F5 when projects are missing, "retry failed" when rows
 * failed), bounded to {@value #MAX_ROUNDS} rounds.
 */
final class LoadRig implements AutoCloseable {

    static final int PROJECTS = 2000;
    /**
     * The user's recovery steps allowed. PostHog's 500 is not retried (only 502/503/504 and 429 are), so each
     * load loses about 1.7% of its calls to the 5% 5xx: a 20-page project list fails nearly one time in three
     * and is reloaded with F5, then "retry failed" mops up the rows; 10 steps leave room for an unlucky run.
     */
    static final int MAX_ROUNDS = 10;
    static final FaultSpec FAULTS = FaultSpec.parse("5xx=0.05,seed=7");
    static final RetryPolicy POLICY = RetryPolicy.DEFAULT;

    final SandboxProcess sandbox;
    final PostHogClient client;
    final HttpInventoryService service;
    final AtomicLong backoffWaits = new AtomicLong();
    private final int[] bursts = new int[1];
    /** Sends the mid-load bursts, so the UI thread never waits on the sandbox process. */
    private final ExecutorService control = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "load-sandbox-control");
        t.setDaemon(true);
        return t;
    });

    /** What one load did, for the figures and the report. */
    record Result(int rows, int expected, int lost, int wrongStatus, int rounds, ClientStats stats, long faults,
                  long throttleFaults, long requestsServed, List<String> actions) {
    }

    LoadRig() throws IOException {
        sandbox = SandboxProcess.start("--projects", String.valueOf(PROJECTS));
        client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .rateLimiter(RateLimiter.unlimited())
                .retryPolicy(POLICY)
                .sleeper(d -> backoffWaits.incrementAndGet())
                .random(new Random(7))
                .requestTimeout(Duration.ofSeconds(10))
                .build();
        service = new HttpInventoryService(client);
    }

    /** Turns 5% 5xx on, with a burst of 429s right away (more bursts follow mid-load). */
    void faultsOn() {
        sandbox.setFaults(FAULTS);
        sandbox.startThrottleBurst(FIRST_BURST);
    }

    void faultsOff() {
        sandbox.setFaults(FaultSpec.NONE);
    }

    /** Longer than the client's three tries, so the first organizations call fails and the user retries it. */
    static final int FIRST_BURST = 4;

    static final int BURST = 12;

    /**
     * Connects {@code vm} (whose callbacks run on {@code ui}) to the sandbox's big organization, waits for the
     * load to settle, then follows the view model's own recovery path until nothing is missing or failed, or
     * the rounds run out. Then turns the faults off and compares every row with a clean read.
     */
    Result loadAndRecover(InventoryViewModel vm, Executor ui, dev.hoglink.service.inventory.InventoryService via)
            throws Exception {
        // Two more bursts while the rows arrive, so they hit the project pages and the status requests.
        on(ui, () -> {
            vm.rows().addListener((javafx.collections.ListChangeListener<ProjectRowViewModel>) c -> {
                int n = vm.rows().size();
                if (bursts[0] == 0 && n >= 500 || bursts[0] == 1 && n >= 1500) {
                    bursts[0]++;
                    control.execute(() -> sandbox.startThrottleBurst(BURST));
                }
            });
            return null;
        });
        settle(vm, ui, () -> vm.connect(sandbox.baseUri().toString(), via, SeedWorld.INITECH_ORG));
        int rounds = 0;
        List<String> actions = new ArrayList<>();
        while (rounds < MAX_ROUNDS) {
            Action next = on(ui, () -> nextAction(vm));
            if (next == Action.NONE) {
                break;
            }
            rounds++;
            actions.add(on(ui, () -> next.name() + "(" + vm.rows().size() + " rows, "
                    + vm.rows().stream().filter(r -> r.state() == RowState.FAILED).count() + " failed)"));
            settle(vm, ui, () -> {
                switch (next) {
                    case ORGANIZATIONS -> vm.loadOrganizations(SeedWorld.INITECH_ORG);
                    case REFRESH -> vm.refresh();
                    default -> vm.retryFailed();
                }
            });
        }
        control.submit(() -> { }).get(30, TimeUnit.SECONDS);
        SandboxProcess.Summary summary = sandbox.summary();
        long faults = summary.faults();
        long throttled = summary.faults(SandboxKnobs.Fault.THROTTLE_BURST);
        long served = summary.requests();
        faultsOff();

        // The truth: a clean read of the same organization with a fresh client.
        PostHogClient clean = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .rateLimiter(RateLimiter.unlimited()).build();
        HttpInventoryService truth = new HttpInventoryService(clean);
        List<Project> projects = truth.projects(SeedWorld.INITECH_ORG);
        Map<Long, List<GitHubLink>> truthLinks = new HashMap<>();
        for (Project p : projects) {
            truthLinks.put(p.id(), truth.githubLinks(p.id()));
        }
        Map<Long, ProjectRowViewModel> shown = on(ui, () -> {
            Map<Long, ProjectRowViewModel> m = new HashMap<>();
            vm.rows().forEach(r -> m.put(r.id(), r));
            return m;
        });
        int lost = 0;
        int wrong = 0;
        List<String> examples = new ArrayList<>();
        for (Project p : projects) {
            ProjectRowViewModel r = shown.get(p.id());
            if (r == null) {
                lost++;
                continue;
            }
            List<GitHubLink> want = truthLinks.get(p.id());
            boolean same = on(ui, () -> r.state() != RowState.FAILED && r.state() != RowState.LOADING
                    && r.links().equals(want));
            if (!same) {
                wrong++;
                if (examples.size() < 5) {
                    examples.add(on(ui, r::toString));
                }
            }
        }
        Result result = new Result(shown.size(), projects.size(), lost, wrong, rounds, client.stats(), faults,
                throttled, served, actions);
        FaultFigures.add("rows loaded", shown.size());
        FaultFigures.add(FaultFigures.ROWS_LOST, lost + wrong);
        FaultFigures.add(FaultFigures.RETRIES, result.stats().retries());
        FaultFigures.add("429s received", result.stats().throttled());
        FaultFigures.add(FaultFigures.FAULTS_INJECTED, faults);
        FaultFigures.add("view-model retry rounds", rounds);
        assertTrue(projects.size() >= PROJECTS, "the sandbox organization has " + projects.size() + " projects");
        assertEquals(0, lost, "rows missing from the inventory: " + lost + " of " + projects.size());
        assertEquals(0, wrong, "rows whose status differs from the sandbox after " + actions + ": " + examples);
        return result;
    }

    /** Asserts the retries stayed bounded: none without a fault, never more than the policy allows per request. */
    static void assertRetriesBounded(Result r) {
        ClientStats s = r.stats();
        assertTrue(s.retries() <= r.faults(),
                "every retry answers an injected fault: " + s.retries() + " retries for " + r.faults() + " faults");
        long logicalCalls = s.requestsSent() - s.retries();
        assertTrue(s.retries() <= (long) (POLICY.maxAttempts() - 1) * logicalCalls, s.toString());
        // One load of every project, one more for the failed rows' retries, and one more per reload: when a 429
        // burst meets the organizations or the project pages, the list comes back short and the recovery reads
        // it all again (loadOrganizations or refresh).
        long reloads = r.actions().stream().filter(a -> a.startsWith("REFRESH") || a.startsWith("ORGANIZATIONS")).count();
        assertTrue(s.requestsSent() <= (2L + reloads) * (r.expected() + 200) + r.faults(),
                "requests stay near one per project and reload: " + s + " after " + r.actions());
        assertTrue(r.rounds() <= MAX_ROUNDS, "rounds " + r.rounds());
    }

    private enum Action { NONE, ORGANIZATIONS, REFRESH, RETRY_FAILED }

    private static Action nextAction(InventoryViewModel vm) {
        if (vm.selectedOrganizationProperty().get() == null) {
            return Action.ORGANIZATIONS;
        }
        if (vm.rows().size() < PROJECTS) {
            return Action.REFRESH;
        }
        boolean failed = vm.rows().stream().anyMatch(r -> r.state() == RowState.FAILED || r.state() == RowState.LOADING);
        return failed ? Action.RETRY_FAILED : Action.NONE;
    }

    /**
     * Runs {@code action} on the UI executor and waits until the view model is no longer busy afterwards. A
     * reload passes through "not busy" for a moment (it cancels the row work, then starts again), so each
     * "not busy" is checked again on the UI thread once the callback that caused it has finished.
     */
    private static void settle(InventoryViewModel vm, Executor ui, Runnable action) throws Exception {
        java.util.concurrent.Semaphore idle = new java.util.concurrent.Semaphore(0);
        boolean[] armed = new boolean[1];
        ChangeListener<Boolean> l = (o, was, now) -> {
            if (!now && armed[0]) {
                idle.release();
            }
        };
        on(ui, () -> {
            vm.busyProperty().addListener(l);
            action.run();
            armed[0] = true;
            if (!vm.busyProperty().get()) {
                idle.release();
            }
            return null;
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                assertTrue(left > 0 && idle.tryAcquire(left, TimeUnit.NANOSECONDS), "the inventory did not settle in 60 s");
                if (on(ui, () -> !vm.busyProperty().get())) {
                    return;
                }
            }
        } finally {
            on(ui, () -> {
                vm.busyProperty().removeListener(l);
                return null;
            });
        }
    }

    /** Runs {@code action} on the UI executor and waits until the view model is idle again (public for the FX tests). */
    static void settleAfter(InventoryViewModel vm, Executor ui, Runnable action) throws Exception {
        settle(vm, ui, action);
    }

    static <T> T on(Executor ui, Callable<T> c) throws Exception {
        CompletableFuture<T> f = new CompletableFuture<>();
        ui.execute(() -> {
            try {
                f.complete(c.call());
            } catch (Throwable t) {
                f.completeExceptionally(t);
            }
        });
        return f.get(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        control.shutdownNow();
        sandbox.close();
    }
}
