package dev.hoglink.hardening;

import dev.hoglink.api.ApiException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Runs one client call on a worker thread with a time bound, and sorts the result: a value, an
 * {@link ApiException}, anything else that escaped (untyped, including Errors), or a call that overran the bound
 * (its worker is abandoned and a fresh one is used for the next call).
 */
final class CallGuard implements AutoCloseable {

    /** What one call did. */
    record Outcome(Object value, ApiException apiException, Throwable untyped, boolean overran, long millis) {
        boolean typed() {
            return untyped == null && !overran;
        }

        String describe() {
            if (overran) {
                return "call overran its bound (" + millis + " ms)";
            }
            if (untyped != null) {
                return "untyped " + untyped.getClass().getName() + ": " + untyped.getMessage();
            }
            return apiException != null ? apiException.getClass().getSimpleName() + ": " + apiException.getMessage()
                    : "value " + (value == null ? "null" : value.getClass().getSimpleName());
        }
    }

    private final Duration bound;
    private ExecutorService worker = newWorker();

    CallGuard(Duration bound) {
        this.bound = bound;
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "hardening-call", 0);
            t.setDaemon(true);
            return t;
        });
    }

    Outcome call(Supplier<?> call) {
        long started = System.nanoTime();
        Future<?> f = worker.submit(call::get);
        try {
            Object v = f.get(bound.toMillis(), TimeUnit.MILLISECONDS);
            return new Outcome(v, null, null, false, millisSince(started));
        } catch (ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof ApiException api) {
                return new Outcome(null, api, null, false, millisSince(started));
            }
            return new Outcome(null, null, c, false, millisSince(started));
        } catch (TimeoutException e) {
            f.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            return new Outcome(null, null, null, true, millisSince(started));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(null, null, e, false, millisSince(started));
        }
    }

    private static long millisSince(long started) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    }

    @Override
    public void close() {
        worker.shutdownNow();
    }
}
