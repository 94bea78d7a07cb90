package dev.hoglink.api.signin;

import dev.hoglink.util.Redactor;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * One sign-in's proof key (RFC 7636) and {@code state}: a fresh random verifier of 43 base64url characters
 * (32 bytes), its S256 challenge, and a random state of the same size. PostHog accepts only S256
 * ({@code enforce_supported_code_challenge_method} in posthog/models/oauth.py) and requires PKCE for every
 * client ({@code PKCE_REQUIRED} in posthog/settings/web.py). The verifier and state are registered with the
 * redactor at once and never shown by {@link #toString()}.
 */
public final class Pkce {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final String verifier;
    private final String challenge;
    private final String state;

    private Pkce(String verifier, String state) {
        this.verifier = verifier;
        this.challenge = challengeOf(verifier);
        this.state = state;
    }

    /** A new verifier, challenge and state from {@code random}. */
    public static Pkce create(SecureRandom random) {
        String v = randomText(random);
        String s = randomText(random);
        Redactor.register(v);
        Redactor.register(s);
        return new Pkce(v, s);
    }

    static String randomText(SecureRandom random) {
        byte[] b = new byte[32];
        random.nextBytes(b);
        return B64.encodeToString(b);
    }

    /** {@code BASE64URL(SHA256(ASCII(verifier)))} without padding (RFC 7636 §4.2). */
    public static String challengeOf(String verifier) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII));
            return B64.encodeToString(d);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public String verifier() {
        return verifier;
    }

    public String challenge() {
        return challenge;
    }

    public String state() {
        return state;
    }

    /** Whether {@code returned} is this sign-in's state, compared in constant time. */
    public boolean stateMatches(String returned) {
        return returned != null && MessageDigest.isEqual(state.getBytes(StandardCharsets.UTF_8),
                returned.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Pkce[S256, " + Redactor.MASK + "]";
    }
}
