package dev.hoglink.service.credentials;

import java.util.Optional;

/**
 * Where a profile's personal API key is kept. Profiles themselves (connection.ProfileStore) never hold the key.
 * Implementations: {@link KeyringCredentialStore} (the OS keyring) and {@link SessionCredentialStore}
 * (memory only, for "keep the key for this session only"). There is no plaintext file store.
 *
 * <p>Every key read or written is registered with {@link dev.hoglink.util.Redactor}, so it is masked in logs
 * and messages from then on. Calls may block (the keyring can be slow); never call them on the UI thread.
 */
public interface CredentialStore {

    /** The key saved for this profile, or empty when none is saved. */
    Optional<String> read(String profileName) throws CredentialStoreException;

    /** Saves (or replaces) the key for this profile. Nothing is saved when this throws. */
    void write(String profileName, String key) throws CredentialStoreException;

    /** Forgets the key for this profile; does nothing when none is saved. */
    void delete(String profileName) throws CredentialStoreException;

    /** Whether this store can be used now, and if not, why (a message fit for the user). */
    Availability availability();

    /** Short words for where keys go, e.g. "the system keyring" or "memory, for this session only". */
    String description();

    /** The result of {@link #availability()}. */
    record Availability(boolean available, String message) {

        public static Availability ok(String message) {
            return new Availability(true, message);
        }

        public static Availability unavailable(String message) {
            return new Availability(false, message);
        }
    }
}
