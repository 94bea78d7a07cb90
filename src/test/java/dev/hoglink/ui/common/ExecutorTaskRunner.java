package dev.hoglink.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/** A {@link TaskRunner} without JavaFX: work on a pool, callbacks on a single "UI" executor. For the benchmark. */
public final class ExecutorTaskRunner implements TaskRunner {

    private final ExecutorService workers;
    private final Executor ui;

    public ExecutorTaskRunner(ExecutorService workers, Executor ui) {
        this.workers = workers;
        this.ui = ui;
    }

    @Override
    public <T> TaskHandle<T> run(Callable<T> work) {
        TaskHandle<T> handle = new TaskHandle<>();
        Future<?> f = workers.submit(() -> {
            ui.execute(handle::markRunning);
            try {
                T v = work.call();
                ui.execute(() -> handle.succeed(v));
            } catch (Exception | Error e) {
                ui.execute(() -> handle.fail(e));
            }
        });
        handle.setCanceller(() -> f.cancel(true));
        return handle;
    }

    @Override
    public void shutdown() {
        workers.shutdownNow();
    }

    @Override
    public void onUiThread(Runnable update) {
        ui.execute(update);
    }
}
