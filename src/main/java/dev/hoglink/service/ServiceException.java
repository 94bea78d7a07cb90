package dev.hoglink.service;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed service call, in terms the UI can act on. {@link #userMessage()} is short, safe to show and never
 * carries a secret; details belong in the log.
 */
public class ServiceException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** What went wrong, as far as the UI is concerned. */
    public enum Kind {
        /** The key was rejected (401): ask for a new key. */
        AUTH,
        /** Forbidden (403): a missing scope, a project the key may not see, or an org rule. */
        PERMISSION,
        NOT_FOUND,
        /** The server refused the input (400). */
        VALIDATION,
        /** Rate limited (429); see {@link #retryAfter()}. */
        THROTTLED,
        SERVER,
        NETWORK,
        /** The server answered something Hoglink cannot read. */
        INVALID_RESPONSE
    }

    private final Kind kind;
    private final String code;
    private final String missingScope;
    private final Duration retryAfter;

    public ServiceException(Kind kind, String userMessage, String code, String missingScope, Duration retryAfter,
                            Throwable cause) {
        super(userMessage, cause);
        this.kind = Objects.requireNonNull(kind, "kind");
        this.code = code;
        this.missingScope = missingScope;
        this.retryAfter = retryAfter;
    }

    public ServiceException(Kind kind, String userMessage) {
        this(kind, userMessage, null, null, null, null);
    }

    public static ServiceException missingScope(String scope) {
        return new ServiceException(Kind.PERMISSION, "API key missing required scope '" + scope + "'",
                "permission_denied", scope, null, null);
    }

    public static ServiceException throttled(Duration retryAfter) {
        return new ServiceException(Kind.THROTTLED, dev.hoglink.api.ThrottledException.limitingText("PostHog", retryAfter),
                "throttled", null, retryAfter, null);
    }

    public Kind kind() {
        return kind;
    }

    public String userMessage() {
        return getMessage();
    }

    /** The server's error code (e.g. {@code permission_denied}), or null. */
    public String code() {
        return code;
    }

    /** The scope the key lacks, when a 403 named one. */
    public Optional<String> missingScope() {
        return Optional.ofNullable(missingScope);
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /**
     * A 404 meaning this PostHog has no such endpoint (an older version: its catch-all "Endpoint not found."), not
     * that the item is gone.
     */
    public boolean endpointMissing() {
        return kind == Kind.NOT_FOUND && getCause() instanceof dev.hoglink.api.NotFoundException nf && nf.endpointMissing();
    }

    /**
     * What went wrong below the user's words, for the log: the message of each cause, innermost last, on one line
     * (the request, its status and what could not be read, e.g. Jackson's field path); empty without a cause. It may
     * quote a piece of the server's answer, so it goes to the log only, whose formatter redacts and flattens every line.
     */
    public String logDetail() {
        StringBuilder sb = new StringBuilder();
        java.util.Set<Throwable> seen = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        for (Throwable t = getCause(); t != null && seen.add(t); t = t.getCause()) {
            sb.append(sb.length() == 0 ? "" : " <- ").append(t.getClass().getSimpleName());
            if (t.getMessage() != null && !t.getMessage().isBlank()) {
                sb.append(": ").append(t.getMessage());
            }
        }
        return sb.toString();
    }

    /** Wraps anything thrown by a service into a ServiceException, keeping one that already is. */
    public static ServiceException of(Throwable t) {
        if (t instanceof ServiceException se) {
            return se;
        }
        return new ServiceException(Kind.INVALID_RESPONSE, "Unexpected error: " + t.getClass().getSimpleName(),
                null, null, null, t);
    }
}
