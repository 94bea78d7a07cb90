package dev.hoglink.ui.common;

import java.util.concurrent.Callable;

/**
 * Runs slow work off the FX thread and reports back on it:
 * <pre>runner.run(() -> service.projects(orgId)).onSuccess(list -> ...).onFailure(e -> ...).onFinished(...)</pre>
 * Call it on the UI thread; the work runs elsewhere, the callbacks on the UI thread. Callbacks attached after
 * the work ended still fire (at once), so chaining after {@code run} is always safe.
 */
public interface TaskRunner {

    <T> TaskHandle<T> run(Callable<T> work);

    /**
     * Hands intermediate results from running work back to the UI thread (e.g. each page of a long list).
     * Call it from the work; {@code update} runs on the UI thread, in order. Runners whose callbacks run on
     * the calling thread (tests) run it at once.
     */
    default void onUiThread(Runnable update) {
        update.run();
    }

    /**
     * Runs {@code action} on the UI thread once the next frame is laid out, so that work it starts does not compete
     * with that frame for the CPU (the first rows of a load, say). Call it on the UI thread. Runners without frames
     * (tests) run it at once.
     */
    default void afterNextFrame(Runnable action) {
        action.run();
    }

    /** This runner as the service loader's dispatch: work on the pool, outcomes on the UI thread. */
    default dev.hoglink.service.ProjectLoader.Dispatch dispatch() {
        TaskRunner self = this;
        return new dev.hoglink.service.ProjectLoader.Dispatch() {
            @Override
            public <R> Runnable submit(java.util.concurrent.Callable<R> work, java.util.function.Consumer<R> ok,
                                       java.util.function.Consumer<Throwable> failed, Runnable finished) {
                TaskHandle<R> h = self.run(work);
                h.onSuccess(ok::accept).onFailure(failed).onFinished(finished);
                return h::cancel;
            }
        };
    }

    /** Stops accepting work and interrupts what is running. */
    default void shutdown() {
    }
}
