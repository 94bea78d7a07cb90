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

    /** Stops accepting work and interrupts what is running. */
    default void shutdown() {
    }
}
