package dev.hoglink.ui.common;

import java.util.concurrent.Callable;

/** Runs work inline on the calling thread, so view-model tests are deterministic. */
public final class SameThreadTaskRunner implements TaskRunner {

    private int started;

    @Override
    public <T> TaskHandle<T> run(Callable<T> work) {
        started++;
        TaskHandle<T> handle = new TaskHandle<>();
        handle.markRunning();
        try {
            handle.succeed(work.call());
        } catch (Exception | Error e) {
            handle.fail(e);
        }
        return handle;
    }

    public int started() {
        return started;
    }
}
