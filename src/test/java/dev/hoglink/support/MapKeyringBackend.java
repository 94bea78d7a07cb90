package dev.hoglink.support;

import dev.hoglink.service.credentials.KeyringCredentialStore;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** A keyring in a map, as the OS keyring would behave when it works; tests read {@link #entries} to see what it holds. */
public class MapKeyringBackend implements KeyringCredentialStore.Backend {

    public final Map<String, String> entries;

    public MapKeyringBackend() {
        this(new ConcurrentHashMap<>());
    }

    /** A keyring whose entries are {@code entries} (a map the test keeps). */
    public MapKeyringBackend(Map<String, String> entries) {
        this.entries = entries;
    }

    @Override
    public String get(String target) {
        return entries.get(target);
    }

    @Override
    public void put(String target, String secret) {
        entries.put(target, secret);
    }

    @Override
    public boolean remove(String target) {
        return entries.remove(target) != null;
    }
}
