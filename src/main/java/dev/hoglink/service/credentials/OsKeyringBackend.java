package dev.hoglink.service.credentials;

import com.microsoft.credentialstorage.SecretStore;
import com.microsoft.credentialstorage.StorageProvider;
import com.microsoft.credentialstorage.model.StoredToken;
import com.microsoft.credentialstorage.model.StoredTokenType;
import java.util.Locale;

/**
 * The keyring of this computer through credential-secure-storage: Secret Service via libsecret on Linux,
 * the Keychain on macOS, Credential Manager on Windows. Only {@link KeyringCredentialStore} uses it, always
 * on its keyring thread and under its timeout.
 */
final class OsKeyringBackend implements KeyringCredentialStore.Backend {

    /*
     * The library logs, at INFO and with a full stack trace, every legacy keyring library it fails to load
     * (libgnome-keyring is absent on current systems). Keep its own chatter to warnings; a strong reference
     * keeps the setting alive.
     */
    private static final java.util.logging.Logger LIBRARY_LOGGER = quietLibraryLogger();

    private final SecretStore<StoredToken> store;

    private OsKeyringBackend(SecretStore<StoredToken> store) {
        this.store = store;
    }

    private static java.util.logging.Logger quietLibraryLogger() {
        java.util.logging.Logger logger = java.util.logging.Logger.getLogger("com.microsoft.credentialstorage");
        logger.setLevel(java.util.logging.Level.WARNING);
        return logger;
    }

    static KeyringCredentialStore.Backend open() throws KeyringCredentialStore.KeyringUnavailableException {
        if (unixWithoutSessionBus()) {
            // libsecret would try to reach (or autolaunch) a session bus through GLib, which can abort the
            // whole process when there is none; without a bus there is no Secret Service to reach anyway.
            throw new KeyringCredentialStore.KeyringUnavailableException(
                    "there is no desktop session bus, so no Secret Service (GNOME Keyring, KWallet) can be reached.");
        }
        SecretStore<StoredToken> store = StorageProvider.getTokenStorage(true, StorageProvider.SecureOption.REQUIRED);
        if (store == null) {
            throw new KeyringCredentialStore.KeyringUnavailableException(whyMissing());
        }
        return new OsKeyringBackend(store);
    }

    /** Linux/BSD with neither DBUS_SESSION_BUS_ADDRESS nor the standard per-user bus socket. */
    static boolean unixWithoutSessionBus() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (!(os.contains("linux") || os.contains("bsd"))) {
            return false;
        }
        String address = System.getenv("DBUS_SESSION_BUS_ADDRESS");
        if (address != null && !address.isBlank()) {
            return false;
        }
        String runtime = System.getenv("XDG_RUNTIME_DIR");
        return runtime == null || !java.nio.file.Files.exists(java.nio.file.Path.of(runtime, "bus"));
    }

    private static String whyMissing() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("linux") || os.contains("bsd")) {
            if (System.getenv("DBUS_SESSION_BUS_ADDRESS") == null && System.getenv("XDG_RUNTIME_DIR") == null) {
                return "there is no desktop session bus, so no Secret Service (GNOME Keyring, KWallet) can be reached.";
            }
            return "no unlocked Secret Service keyring (GNOME Keyring, KWallet) answered, or libsecret is not installed.";
        }
        if (os.contains("mac")) {
            return "the macOS Keychain could not be used.";
        }
        if (os.contains("win")) {
            return "Windows Credential Manager could not be used.";
        }
        return "this operating system has no supported keyring.";
    }

    static String keyringName() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return "the macOS Keychain";
        }
        if (os.contains("win")) {
            return "Windows Credential Manager";
        }
        return "the system keyring (Secret Service)";
    }

    @Override
    public String get(String target) {
        StoredToken token = store.get(target);
        if (token == null) {
            return null;
        }
        try {
            return new String(token.getValue());
        } finally {
            token.clear();
        }
    }

    @Override
    public void put(String target, String secret) {
        StoredToken token = new StoredToken(secret.toCharArray(), StoredTokenType.PERSONAL);
        try {
            if (!store.add(target, token)) {
                throw new IllegalStateException("the keyring refused to save the entry");
            }
        } finally {
            token.clear();
        }
    }

    @Override
    public boolean remove(String target) {
        StoredToken existing = store.get(target);
        if (existing == null) {
            return false;
        }
        existing.clear();
        if (!store.delete(target)) {
            throw new IllegalStateException("the keyring refused to delete the entry");
        }
        return true;
    }
}
