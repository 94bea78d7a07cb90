package dev.hoglink.service.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.util.Redactor;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionCredentialStoreTest {

    @Test
    void keepsKeysInMemoryPerProfileUntilDeleted() {
        SessionCredentialStore store = new SessionCredentialStore();
        assertTrue(store.availability().available());
        store.write("Acme", "session-only-key-0001");
        assertEquals(Optional.of("session-only-key-0001"), store.read(" Acme "));
        assertEquals(Optional.empty(), store.read("Other"));
        store.delete("Acme");
        assertEquals(Optional.empty(), store.read("Acme"));
    }

    @Test
    void separateStoresShareNothingSoKeysDoNotOutliveTheSession() {
        new SessionCredentialStore().write("Acme", "session-only-key-0002");
        assertEquals(Optional.empty(), new SessionCredentialStore().read("Acme"));
    }

    @Test
    void writtenKeysAreRedactedAndNeverInToString() {
        SessionCredentialStore store = new SessionCredentialStore();
        store.write("Acme", "session-only-key-0003");
        assertEquals("x [redacted]", Redactor.redact("x session-only-key-0003"));
        assertFalse(store.toString().contains("session-only-key-0003"));
        assertThrows(IllegalArgumentException.class, () -> store.write("Acme", ""));
    }
}
