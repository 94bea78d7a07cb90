package dev.hoglink.service;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The {@link ProjectLoader}'s dispatch for a caller that blocks (the audit, the headless audit command): reads
 * run on a small daemon pool, and their outcomes queue up until the calling thread, the owner, runs them in
 * {@link #runUntil}. Close it to stop the pool.
 */
public final class BlockingDispatch implements ProjectLoader.Dispatch, AutoCloseable {

    private final ExecutorService pool;
    private final BlockingQueue<Runnable> outcomes = new LinkedBlockingQueue<>();

    public BlockingDispatch(int threads, String threadName) {
        this.pool = Executors.newFixedThreadPool(Math.max(1, threads), r -> {
            Thread t = new Thread(r, threadName);
            t.setDaemon(true);
            return t;
        });
    }

    @Override
    public <R> Runnable submit(Callable<R> work, Consumer<R> ok, Consumer<Throwable> failed, Runnable finished) {
        Future<?> f = pool.submit(() -> {
            try {
                R r = work.call();
                outcomes.add(() -> {
                    try {
                        ok.accept(r);
                    } finally {
                        finished.run();
                    }
                });
            } catch (Throwable t) {
                outcomes.add(() -> {
                    try {
                        failed.accept(t);
                    } finally {
                        finished.run();
                    }
                });
            }
        });
        return () -> f.cancel(true);
    }

    /** Runs the outcomes on this thread, as they come, until {@code done} holds. */
    public void runUntil(BooleanSupplier done) throws InterruptedException {
        while (!done.getAsBoolean()) {
            outcomes.take().run();
        }
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
