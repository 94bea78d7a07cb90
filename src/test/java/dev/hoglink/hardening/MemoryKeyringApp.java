package dev.hoglink.hardening;

import dev.hoglink.HoglinkApp;
import dev.hoglink.service.CredentialStore;
import dev.hoglink.service.SessionCredentialStore;

/** The real app on its embedded sandbox, with a memory keyring so tests never touch the machine's own. */
public final class MemoryKeyringApp extends HoglinkApp {

    @Override
    protected CredentialStore createKeyring() {
        return new SessionCredentialStore();
    }
}
