package dev.hoglink.util;

import java.util.concurrent.ExecutionException;

/** What a waited-for task's failure becomes for its caller. */
public final class Futures {

    private Futures() {
    }

    /**
     * The cause of {@code e} as the task threw it: an unchecked exception as it is (returned, for the caller to
     * {@code throw}), an error thrown at once, a checked exception wrapped in an {@link IllegalStateException}.
     */
    public static RuntimeException unwrap(ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException r) {
            return r;
        }
        if (cause instanceof Error err) {
            throw err;
        }
        return new IllegalStateException(cause);
    }
}
