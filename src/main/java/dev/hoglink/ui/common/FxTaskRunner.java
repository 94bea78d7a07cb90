package dev.hoglink.ui.common;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.concurrent.Task;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The production {@link TaskRunner}: a {@link Task} per call on a small pool of daemon threads; callbacks on
 * the FX thread (through the Task's event handlers).
 */
public final class FxTaskRunner implements TaskRunner {

    private static final Logger LOGGER = LoggerFactory.getLogger(FxTaskRunner.class);

    private final ExecutorService pool;

    public FxTaskRunner(int threads) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory factory = r -> {
            Thread t = new Thread(r, "hoglink-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.pool = Executors.newFixedThreadPool(threads, factory);
    }

    @Override
    public <T> TaskHandle<T> run(Callable<T> work) {
        TaskHandle<T> handle = new TaskHandle<>();
        Task<T> task = new Task<>() {
            @Override
            protected T call() throws Exception {
                return work.call();
            }
        };
        task.setOnRunning(e -> handle.markRunning());
        task.setOnSucceeded(e -> handle.succeed(task.getValue()));
        task.setOnFailed(e -> {
            Throwable t = task.getException();
            LOGGER.debug("Background task failed", t);
            handle.fail(t);
        });
        task.setOnCancelled(e -> handle.cancelled());
        handle.setCanceller(() -> task.cancel(true));
        try {
            pool.execute(task);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // The app is closing: late work (a retry timer, a refresh) is dropped, not reported as an error.
            LOGGER.debug("Task submitted after shutdown was dropped");
            handle.cancelled();
        }
        return handle;
    }

    @Override
    public void onUiThread(Runnable update) {
        javafx.application.Platform.runLater(update);
    }

    /**
     * An animation timer's first call comes at the start of the next pulse, before that pulse's CSS and layout; its
     * second call at the start of the pulse after, once that frame is laid out. JavaFX runs pulses while a timer
     * runs, so this waits for no event of its own.
     */
    @Override
    public void afterNextFrame(Runnable action) {
        new javafx.animation.AnimationTimer() {
            private int pulses;

            @Override
            public void handle(long now) {
                if (++pulses == 2) {
                    stop();
                    action.run();
                }
            }
        }.start();
    }

    @Override
    public void shutdown() {
        pool.shutdownNow();
    }
}
