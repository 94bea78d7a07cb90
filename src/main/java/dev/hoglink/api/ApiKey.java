package dev.hoglink.api;

import dev.hoglink.util.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * A personal API key. {@link #toString()} never shows it; creating one registers it with {@link Redactor}
 * so that it is masked wherever it might appear. Only the HTTP layer and the OS keyring call {@link #reveal()}.
 */
public final class ApiKey {

    private final String value;

    private ApiKey(String value) {
        this.value = value;
    }

    /**
     * Wraps a pasted key (surrounding blanks trimmed). Refuses an empty key or one with spaces or control
     * characters, with a message that never repeats the key.
     */
    public static ApiKey of(String raw) {
        String v = raw == null ? "" : raw.strip();
        if (v.isEmpty()) {
            throw new IllegalArgumentException("The API key is empty: paste a personal API key (it starts with phx_).");
        }
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c >= 0x7f) {
                throw new IllegalArgumentException(
                        "The API key contains spaces or unusual characters: copy it again from PostHog.");
            }
        }
        Redactor.register(v);
        return new ApiKey(v);
    }

    /** The secret itself: for the Authorization header and the OS keyring only. */
    public String reveal() {
        return value;
    }

    /** True for the usual personal-key shape ({@code phx_…}). */
    public boolean looksLikePersonalKey() {
        return value.startsWith("phx_");
    }

    /** PostHog's own mask ({@code phx_...abcd}), to match against {@code mask_value}; null for short keys. */
    public String hint() {
        return value.length() < 16 ? null : value.substring(0, 4) + "..." + value.substring(value.length() - 4);
    }

    @Override
    public String toString() {
        return "ApiKey[" + Redactor.MASK + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ApiKey other && MessageDigest.isEqual(
                value.getBytes(StandardCharsets.UTF_8), other.value.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return value.hashCode();
    }
}
