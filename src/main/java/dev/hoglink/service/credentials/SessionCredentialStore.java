package dev.hoglink.service.credentials;

import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.util.Redactor;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps keys in memory only, for "keep the key for this session only" when the keyring cannot be used.
 * Nothing is written anywhere; the keys are gone when the app quits. Also the store tests use.
 */
public final class SessionCredentialStore implements CredentialStore {

    private final Map<String, String> keys = new ConcurrentHashMap<>();

    @Override
    public Optional<String> read(String profileName) {
        String key = keys.get(ConnectionProfile.requireValidName(profileName));
        Redactor.register(key);
        return Optional.ofNullable(key);
    }

    @Override
    public void write(String profileName, String key) {
        String name = ConnectionProfile.requireValidName(profileName);
        KeyringCredentialStore.requireKey(key);
        Redactor.register(key);
        keys.put(name, key);
    }

    @Override
    public void delete(String profileName) {
        keys.remove(ConnectionProfile.requireValidName(profileName));
    }

    @Override
    public Availability availability() {
        return Availability.ok("The key is kept in memory until Hoglink quits.");
    }

    @Override
    public String description() {
        return "memory, for this session only";
    }

    @Override
    public String toString() {
        return "SessionCredentialStore[" + keys.size() + " keys]";
    }
}
