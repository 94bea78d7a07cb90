package dev.hoglink.service.credentials;

import java.util.Optional;

/**
 * The app's two key stores in one place: the OS keyring, and memory for keys the user chose to keep for
 * this session only (when the keyring is unavailable). A key is read from memory first, then the keyring.
 * Both may block; call them off the UI thread.
 */
public final class Credentials {

    private final CredentialStore keyring;
    private final SessionCredentialStore session = new SessionCredentialStore();
    private final java.util.List<java.util.function.Consumer<String>> newCredentialListeners =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    public Credentials(CredentialStore keyring) {
        this.keyring = keyring;
    }

    public Optional<String> read(String profile) throws CredentialStoreException {
        Optional<String> kept = session.read(profile);
        return kept.isPresent() ? kept : keyring.read(profile);
    }

    /** Saves in the OS keyring. Throws when the keyring cannot take it; nothing is kept then. */
    public void saveInKeyring(String profile, String key) throws CredentialStoreException {
        keyring.write(profile, key);
        session.delete(profile);
    }

    /** Keeps the key in memory until the app closes, by the user's explicit choice. */
    public void keepForSession(String profile, String key) {
        session.write(profile, key);
    }

    /** True when the profile's key is kept in memory only (no keyring): it is gone at the next start. */
    public boolean sessionOnly(String profile) {
        return session.read(profile).isPresent();
    }

    public void forget(String profile) throws CredentialStoreException {
        session.delete(profile);
        keyring.delete(profile);
    }

    /** Called with a profile's name when it is given a new key or sign-in (which may be another user's). */
    public void onNewCredential(java.util.function.Consumer<String> listener) {
        newCredentialListeners.add(java.util.Objects.requireNonNull(listener));
    }

    /**
     * Says that {@code profile} now has a new key or sign-in, not a renewal of the old one: what was read as its
     * previous user must not be shown as this one's. Listeners' failures are not the caller's.
     */
    public void newCredential(String profile) {
        for (var l : newCredentialListeners) {
            try {
                l.accept(profile);
            } catch (RuntimeException e) {
                org.slf4j.LoggerFactory.getLogger(Credentials.class).warn("A new-credential listener failed", e);
            }
        }
    }

    /** Whether the OS keyring can be used now (may block up to the keyring's timeout: never on the UI thread). */
    public CredentialStore.Availability keyringAvailability() {
        return keyring.availability();
    }

    public String keyringDescription() {
        return keyring.description();
    }
}
