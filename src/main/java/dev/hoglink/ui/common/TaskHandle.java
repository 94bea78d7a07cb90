package dev.hoglink.ui.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * A running piece of work and its callbacks. Every method is called on the UI thread. On success the
 * onSuccess callbacks run, on failure the onFailure ones, and then onFinished in both cases. A cancelled
 * task calls none of them: its owner has moved on.
 */
public final class TaskHandle<T> {

    private enum State { PENDING, RUNNING, SUCCEEDED, FAILED, CANCELLED }

    private State state = State.PENDING;
    private T value;
    private Throwable error;
    private Runnable canceller = () -> { };
    private final List<Runnable> onRunning = new ArrayList<>();
    private final List<Consumer<? super T>> onSuccess = new ArrayList<>();
    private final List<Consumer<Throwable>> onFailure = new ArrayList<>();
    private final List<Runnable> onFinished = new ArrayList<>();

    public TaskHandle<T> onRunning(Runnable r) {
        if (state == State.PENDING) {
            onRunning.add(r);
        } else if (state == State.RUNNING) {
            r.run();
        }
        return this;
    }

    public TaskHandle<T> onSuccess(Consumer<? super T> c) {
        if (state == State.SUCCEEDED) {
            c.accept(value);
        } else if (!isDone()) {
            onSuccess.add(c);
        }
        return this;
    }

    public TaskHandle<T> onFailure(Consumer<Throwable> c) {
        if (state == State.FAILED) {
            c.accept(error);
        } else if (!isDone()) {
            onFailure.add(c);
        }
        return this;
    }

    public TaskHandle<T> onFinished(Runnable r) {
        if (state == State.SUCCEEDED || state == State.FAILED) {
            r.run();
        } else if (!isDone()) {
            onFinished.add(r);
        }
        return this;
    }

    /** Cancels the work (interrupting it if it runs) and drops every callback. */
    public void cancel() {
        if (isDone()) {
            return;
        }
        state = State.CANCELLED;
        clear();
        canceller.run();
    }

    public boolean isDone() {
        return state == State.SUCCEEDED || state == State.FAILED || state == State.CANCELLED;
    }

    public boolean isCancelled() {
        return state == State.CANCELLED;
    }

    // ---- for runners --------------------------------------------------------------------------------

    void setCanceller(Runnable canceller) {
        this.canceller = canceller;
    }

    void markRunning() {
        if (state != State.PENDING) {
            return;
        }
        state = State.RUNNING;
        List<Runnable> rs = List.copyOf(onRunning);
        onRunning.clear();
        rs.forEach(Runnable::run);
    }

    void succeed(T result) {
        if (isDone()) {
            return;
        }
        state = State.SUCCEEDED;
        value = result;
        List<Consumer<? super T>> cs = List.copyOf(onSuccess);
        List<Runnable> fs = List.copyOf(onFinished);
        clear();
        try {
            cs.forEach(c -> c.accept(result));
        } finally {
            fs.forEach(Runnable::run);
        }
    }

    void fail(Throwable t) {
        if (isDone()) {
            return;
        }
        state = State.FAILED;
        error = t;
        List<Consumer<Throwable>> cs = List.copyOf(onFailure);
        List<Runnable> fs = List.copyOf(onFinished);
        clear();
        try {
            cs.forEach(c -> c.accept(t));
        } finally {
            fs.forEach(Runnable::run);
        }
    }

    void cancelled() {
        if (!isDone()) {
            state = State.CANCELLED;
            clear();
        }
    }

    private void clear() {
        onRunning.clear();
        onSuccess.clear();
        onFailure.clear();
        onFinished.clear();
    }
}
