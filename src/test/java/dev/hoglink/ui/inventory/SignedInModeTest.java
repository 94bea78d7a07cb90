package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.model.Capabilities;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The status bar's mark names the credential that may not write: a key, or a sign-in with PostHog. */
class SignedInModeTest {

    @Test
    void aReadOnlySignInIsNotCalledAKey() {
        assertEquals("read-only sign-in", SignedIn.modeOf(Capabilities.UNKNOWN.withKeyCanWrite(Optional.of(false), true)));
        assertEquals("read-only key", SignedIn.modeOf(Capabilities.UNKNOWN.withKeyCanWrite(Optional.of(false), false)));
        assertEquals("", SignedIn.modeOf(Capabilities.UNKNOWN.withKeyCanWrite(Optional.of(true), true)));
        assertEquals("read-only connection", SignedIn.modeOf(Capabilities.UNKNOWN
                .withKeyCanWrite(Optional.of(false), true).withConnectionReadOnly(true)));
    }
}
