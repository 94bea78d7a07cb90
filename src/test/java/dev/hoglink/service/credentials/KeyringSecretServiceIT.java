package dev.hoglink.service.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.hoglink.service.credentials.CredentialStoreException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The keyring store against this computer's real keyring. On Linux that is a Secret Service; CI and
 * {@code .ci/with-keyring.sh} start gnome-keyring-daemon under dbus-run-session and set
 * {@code HOGLINK_KEYRING_TEST=required}, which turns "no keyring" from a skip into a failure. Without that
 * variable the round trip runs when a keyring answers and is skipped (assumption) when none does.
 */
class KeyringSecretServiceIT {

    private static final boolean REQUIRED = "required".equals(System.getenv("HOGLINK_KEYRING_TEST"));

    private final String profile = "hoglink-test-" + UUID.randomUUID().toString().substring(0, 8);
    private final String canary = "phx_CANARYrealKeyring" + UUID.randomUUID().toString().replace("-", "");
    private KeyringCredentialStore store;

    @BeforeEach
    void openRealKeyring() {
        store = KeyringCredentialStore.system();
    }

    @AfterEach
    void cleanUp() throws Exception {
        try {
            if (store.availability().available()) {
                store.delete(profile);
            }
        } finally {
            store.shutdown();
        }
    }

    private void requireKeyring() {
        CredentialStore.Availability availability = store.availability();
        if (REQUIRED) {
            assertTrue(availability.available(), "HOGLINK_KEYRING_TEST=required but: " + availability.message());
        }
        assumeTrue(availability.available(), "No keyring here: " + availability.message());
    }

    @Test
    void keySurvivesAFreshStoreAndIsGoneAfterDelete() throws Exception {
        requireKeyring();
        store.write(profile, canary);
        KeyringCredentialStore fresh = KeyringCredentialStore.system();
        try {
            assertEquals(Optional.of(canary), fresh.read(profile));
            store.write(profile, canary + "2");
            assertEquals(Optional.of(canary + "2"), fresh.read(profile));
            fresh.delete(profile);
            assertEquals(Optional.empty(), store.read(profile));
            fresh.delete(profile); // deleting again is harmless
        } finally {
            fresh.shutdown();
        }
    }

    @Test
    void keyIsStoredInTheSecretServiceWhereOtherToolsCanSeeIt() throws Exception {
        requireKeyring();
        assumeTrue(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"), "Secret Service is Linux only");
        assumeTrue(secretToolPresent(), "secret-tool (libsecret-tools) is not installed");
        store.write(profile, canary);
        assertEquals(canary, secretToolLookup("hoglink/" + profile));
        store.delete(profile);
        assertEquals("", secretToolLookup("hoglink/" + profile));
    }

    @Test
    void withoutASessionBusTheSystemStoreSaysNoKeyringIsAvailable() {
        assumeTrue(!REQUIRED && System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("linux"));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        assumeTrue(System.getenv("DBUS_SESSION_BUS_ADDRESS") == null && System.getenv("DISPLAY") == null
                        && (runtimeDir == null || !java.nio.file.Files.exists(java.nio.file.Path.of(runtimeDir, "bus"))),
                "a session bus may be reachable here");
        CredentialStore.Availability availability = store.availability();
        assertFalse(availability.available());
        assertTrue(availability.message().startsWith("No system keyring is available: "), availability.message());
        CredentialStoreException e = org.junit.jupiter.api.Assertions.assertThrows(CredentialStoreException.class,
                () -> store.write(profile, canary));
        assertEquals(Reason.UNAVAILABLE, e.reason());
        assertFalse(e.getMessage().contains("CANARY"));
    }

    private static boolean secretToolPresent() {
        try {
            Process p = new ProcessBuilder("secret-tool", "--version").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(5, TimeUnit.SECONDS);
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The secret libsecret finds under attribute Key=target (the attribute the keyring library sets). */
    private static String secretToolLookup(String target) throws Exception {
        Process p = new ProcessBuilder("secret-tool", "lookup", "Key", target).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.SECONDS), "secret-tool did not finish");
        return out.strip();
    }
}
