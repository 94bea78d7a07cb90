package dev.hoglink.api;

import dev.hoglink.util.Redactor;
import java.util.Objects;

/** Keeps secrets out of exception causes: a chain whose text carries one is replaced by a redacted copy. */
final class SafeThrowables {

    private SafeThrowables() {
    }

    /** The same throwable when no message in its chain needs redaction, else a redacted copy of the chain. */
    static Throwable sanitize(Throwable t) {
        if (t == null || clean(t, 0)) {
            return t;
        }
        return copy(t, 0);
    }

    private static boolean clean(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return true;
        }
        String m = t.getMessage();
        return Objects.equals(m, Redactor.redact(m)) && clean(t.getCause(), depth + 1);
    }

    private static Throwable copy(Throwable t, int depth) {
        if (t == null || depth > 20) {
            return null;
        }
        RedactedCause c = new RedactedCause(t.getClass().getName() + ": " + Redactor.redact(t.getMessage()),
                copy(t.getCause(), depth + 1));
        c.setStackTrace(t.getStackTrace());
        return c;
    }

    /** Stands in for a cause whose message carried a secret. */
    static final class RedactedCause extends Exception {
        private static final long serialVersionUID = 1L;

        RedactedCause(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
