package dev.hoglink.service.credentials;

import dev.hoglink.util.Redactor;

/**
 * A credential store could not do what was asked. The message is short, safe to show and never carries
 * the key (it passes through {@link Redactor}).
 */
public class CredentialStoreException extends Exception {

    /** Why the call failed, so the UI can offer the right way out. */
    public enum Reason {
        /** There is no usable keyring (none installed, no session bus, locked, library missing). */
        UNAVAILABLE,
        /** The keyring did not answer in time. */
        TIMED_OUT,
        /** The keyring answered with an error. */
        FAILED
    }

    private final Reason reason;

    public CredentialStoreException(Reason reason, String message) {
        super(Redactor.redact(message));
        this.reason = reason;
    }

    public CredentialStoreException(Reason reason, String message, Throwable cause) {
        super(Redactor.redact(message), cause);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }

    /** True when offering "keep the key for this session only" makes sense. */
    public boolean keyringUnusable() {
        return reason == Reason.UNAVAILABLE || reason == Reason.TIMED_OUT;
    }
}
