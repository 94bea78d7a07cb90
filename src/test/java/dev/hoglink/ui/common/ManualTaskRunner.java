package dev.hoglink.ui.common;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;

/**
 * Queues work until the test runs it, one task at a time, so a test can see how many tasks a view model
 * keeps in flight at once.
 */
public final class ManualTaskRunner implements TaskRunner {

    private record Job<T>(Callable<T> work, TaskHandle<T> handle) {
        void execute() {
            if (handle.isCancelled()) {
                return;
            }
            handle.markRunning();
            try {
                handle.succeed(work.call());
            } catch (Exception | Error e) {
                handle.fail(e);
            }
        }
    }

    private final Deque<Job<?>> pending = new ArrayDeque<>();
    private int maxPending;

    @Override
    public <T> TaskHandle<T> run(Callable<T> work) {
        TaskHandle<T> handle = new TaskHandle<>();
        pending.add(new Job<>(work, handle));
        maxPending = Math.max(maxPending, pendingCount());
        return handle;
    }

    /** Tasks submitted and not yet run (cancelled ones excluded). */
    public int pendingCount() {
        return (int) pending.stream().filter(j -> !j.handle().isCancelled()).count();
    }

    /** The most tasks ever waiting at once. */
    public int maxPending() {
        return maxPending;
    }

    /** Runs the oldest task; returns false when none was waiting. */
    public boolean runNext() {
        Job<?> j = pending.poll();
        if (j == null) {
            return false;
        }
        j.execute();
        return true;
    }

    /** Runs the newest task; returns false when none was waiting. */
    public boolean runNewest() {
        Job<?> j = pending.pollLast();
        if (j == null) {
            return false;
        }
        j.execute();
        return true;
    }

    /** Runs tasks (including ones they submit) until none is left. */
    public void runAll() {
        int guard = 0;
        while (runNext()) {
            if (++guard > 100_000) {
                throw new IllegalStateException("tasks keep coming");
            }
        }
    }
}
