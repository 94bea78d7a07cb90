package dev.hoglink.service.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.service.credentials.CredentialStoreException.Reason;
import dev.hoglink.support.MapKeyringBackend;
import dev.hoglink.util.Redactor;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The keyring store's contract over injected backends: round trip, timeouts, missing keyrings, no leaks. */
class KeyringCredentialStoreTest {

    private static final Duration SHORT = Duration.ofMillis(150);
    private static final String CANARY = "phx_CANARYkeyringStore0000000000";

    private final CountDownLatch release = new CountDownLatch(1);
    private KeyringCredentialStore store;

    @AfterEach
    void tearDown() {
        release.countDown();
        if (store != null) {
            store.shutdown();
        }
    }

    /** Hangs on every call until released (or interrupted), like a keyring waiting on an unlock prompt. */
    final class HangingBackend implements KeyringCredentialStore.Backend {
        final AtomicInteger calls = new AtomicInteger();

        private void hang() throws InterruptedException {
            calls.incrementAndGet();
            release.await();
        }

        @Override
        public String get(String target) throws InterruptedException {
            hang();
            return null;
        }

        @Override
        public void put(String target, String secret) throws InterruptedException {
            hang();
        }

        @Override
        public boolean remove(String target) throws InterruptedException {
            hang();
            return false;
        }
    }

    @Test
    void writeReadDeleteRoundTripUsesOneEntryPerProfile() throws Exception {
        MapKeyringBackend backend = new MapKeyringBackend();
        store = KeyringCredentialStore.over(backend, SHORT);
        store.write("Acme US", CANARY);
        store.write("Acme EU", "phx_otherKeyForEu000000");
        assertEquals(Optional.of(CANARY), store.read("Acme US"));
        assertEquals(Optional.of(CANARY), store.read("  Acme US "), "names are trimmed");
        assertEquals(CANARY, backend.entries.get("hoglink/Acme US"));
        store.write("Acme US", "phx_replacedKey000000000");
        assertEquals(Optional.of("phx_replacedKey000000000"), store.read("Acme US"));
        store.delete("Acme US");
        assertEquals(Optional.empty(), store.read("Acme US"));
        assertEquals(Optional.of("phx_otherKeyForEu000000"), store.read("Acme EU"));
        store.delete("Never saved");
        assertEquals(Optional.empty(), store.read("Never saved"));
    }

    @Test
    void keysReadOrWrittenAreRegisteredForRedactionWhateverTheirShape() throws Exception {
        MapKeyringBackend backend = new MapKeyringBackend();
        backend.entries.put("hoglink/Self", "unshaped-secret-read-4242");
        store = KeyringCredentialStore.over(backend, SHORT);
        store.read("Self");
        store.write("Other", "unshaped-secret-written-4242");
        assertEquals("a [redacted] b [redacted]",
                Redactor.redact("a unshaped-secret-read-4242 b unshaped-secret-written-4242"));
    }

    @Test
    void hungKeyringTimesOutWithATypedFailureInsteadOfBlocking() {
        HangingBackend backend = new HangingBackend();
        store = KeyringCredentialStore.over(backend, SHORT);
        long start = System.nanoTime();
        CredentialStoreException e = assertThrows(CredentialStoreException.class, () -> store.read("Acme"));
        long elapsedMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(Reason.TIMED_OUT, e.reason());
        assertTrue(e.keyringUnusable());
        assertTrue(e.getMessage().startsWith("No system keyring is available: the keyring did not answer within 150 ms"),
                e.getMessage());
        assertTrue(elapsedMs >= 140 && elapsedMs < 2_000, "returned after " + elapsedMs + " ms");
    }

    @Test
    void writeToAHungKeyringTimesOutAndNeverLeaksTheKey() {
        store = KeyringCredentialStore.over(new HangingBackend(), SHORT);
        CredentialStoreException e = assertThrows(CredentialStoreException.class, () -> store.write("Acme", CANARY));
        assertEquals(Reason.TIMED_OUT, e.reason());
        assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
    }

    @Test
    void storeRecoversAfterATimeoutOnceTheKeyringAnswersAgain() throws Exception {
        MapKeyringBackend working = new MapKeyringBackend();
        working.entries.put("hoglink/Acme", "phx_recoveredKey0000000");
        AtomicInteger calls = new AtomicInteger();
        KeyringCredentialStore.Backend firstHangsThenWorks = new KeyringCredentialStore.Backend() {
            @Override
            public String get(String target) throws Exception {
                if (calls.getAndIncrement() == 0) {
                    release.await(); // interrupted by the store's cancel after the timeout
                }
                return working.get(target);
            }

            @Override
            public void put(String target, String secret) {
                working.put(target, secret);
            }

            @Override
            public boolean remove(String target) {
                return working.remove(target);
            }
        };
        store = KeyringCredentialStore.over(firstHangsThenWorks, SHORT);
        assertEquals(Reason.TIMED_OUT, assertThrows(CredentialStoreException.class, () -> store.read("Acme")).reason());
        assertEquals(Optional.of("phx_recoveredKey0000000"), store.read("Acme"));
    }

    @Test
    void keyringThatHangsWhileOpeningIsReportedUnavailable() {
        store = new KeyringCredentialStore(() -> {
            release.await();
            return new MapKeyringBackend();
        }, SHORT);
        CredentialStore.Availability availability = store.availability();
        assertFalse(availability.available());
        assertTrue(availability.message().startsWith("No system keyring is available: "), availability.message());
    }

    @Test
    void missingKeyringIsATypedUnavailableFailureWithItsReason() {
        store = new KeyringCredentialStore(() -> {
            throw new KeyringCredentialStore.KeyringUnavailableException("there is no desktop session bus.");
        }, SHORT);
        CredentialStoreException e = assertThrows(CredentialStoreException.class, () -> store.write("Acme", CANARY));
        assertEquals(Reason.UNAVAILABLE, e.reason());
        assertEquals("No system keyring is available: there is no desktop session bus.", e.getMessage());
        assertEquals("No system keyring is available: there is no desktop session bus.", store.availability().message());
    }

    @Test
    void missingNativeLibraryOrNullBackendIsUnavailableNotACrash() {
        store = new KeyringCredentialStore(() -> {
            throw new UnsatisfiedLinkError("libsecret-1.so.0: cannot open shared object file");
        }, SHORT);
        CredentialStoreException e = assertThrows(CredentialStoreException.class, () -> store.read("Acme"));
        assertEquals(Reason.UNAVAILABLE, e.reason());
        assertTrue(e.getMessage().startsWith("No system keyring is available: it could not be opened"), e.getMessage());
        store.shutdown();

        store = new KeyringCredentialStore(() -> null, SHORT);
        assertEquals(Reason.UNAVAILABLE, assertThrows(CredentialStoreException.class, () -> store.read("Acme")).reason());
    }

    @Test
    void backendErrorsBecomeFailedWithTheKeyMasked() {
        KeyringCredentialStore.Backend refusing = new MapKeyringBackend() {
            @Override
            public void put(String target, String secret) {
                throw new IllegalStateException("cannot store " + secret + " in a locked collection");
            }
        };
        store = KeyringCredentialStore.over(refusing, SHORT);
        CredentialStoreException e = assertThrows(CredentialStoreException.class, () -> store.write("Acme", CANARY));
        assertEquals(Reason.FAILED, e.reason());
        assertFalse(e.keyringUnusable());
        assertFalse(e.getMessage().contains("CANARY"), e.getMessage());
        assertTrue(e.getMessage().startsWith("The system keyring could not save the key for Acme: cannot store [redacted]"),
                e.getMessage());
    }

    @Test
    void invalidProfileNamesAndBlankKeysAreRefusedBeforeTheKeyringIsTouched() {
        HangingBackend backend = new HangingBackend();
        store = KeyringCredentialStore.over(backend, SHORT);
        assertThrows(IllegalArgumentException.class, () -> store.read(" "));
        assertThrows(IllegalArgumentException.class, () -> store.write("Acme/../x", CANARY));
        IllegalArgumentException blank = assertThrows(IllegalArgumentException.class, () -> store.write("Acme", "  "));
        assertEquals("Enter a personal API key.", blank.getMessage());
        assertThrows(IllegalArgumentException.class, () -> store.write("Acme", CANARY + "\n"));
        assertEquals(0, backend.calls.get());
    }

    @Test
    void toStringNeverShowsKeys() throws Exception {
        store = KeyringCredentialStore.over(new MapKeyringBackend(), SHORT);
        store.write("Acme", CANARY);
        assertFalse(store.toString().contains("CANARY"));
    }
}
