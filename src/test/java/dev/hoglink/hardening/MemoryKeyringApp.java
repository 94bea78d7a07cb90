package dev.hoglink.hardening;

import dev.hoglink.HoglinkApp;
import dev.hoglink.service.credentials.CredentialStore;
import dev.hoglink.service.credentials.SessionCredentialStore;

/** The real app on its embedded sandbox, with a memory keyring so tests never touch the machine's own. */
public final class MemoryKeyringApp extends HoglinkApp {

    /** The instance the last test started. */
    static volatile MemoryKeyringApp current;

    @Override
    public void start(javafx.stage.Stage stage) {
        current = this;
        super.start(stage);
    }

    dev.hoglink.ui.inventory.InventoryViewModel vm() {
        return inventory();
    }

    @Override
    protected CredentialStore createKeyring() {
        return new SessionCredentialStore();
    }
}
