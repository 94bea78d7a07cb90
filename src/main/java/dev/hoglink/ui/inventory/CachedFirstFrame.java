package dev.hoglink.ui.inventory;

import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.service.inventory.InventorySnapshot;

/**
 * The inventory's first frame at start-up: before any connection is open (the sandbox still starting, the keyring
 * still being asked, the key prompt still open), the window shows the cached inventory of the connection the start
 * opens, marked as cached with its age. When that connection opens, {@link InventoryViewModel#connect} keeps the
 * rows if it is to their host and refreshes them in place; another host replaces them. UI thread only.
 */
public final class CachedFirstFrame {

    private CachedFirstFrame() {
    }

    /**
     * Shows {@code snapshot} as the rows of the connection named {@code label}, unless a connection is open or rows
     * are shown already (then the start was quicker than the cache and shows its own).
     */
    public static void show(InventoryViewModel vm, String label, boolean sandbox, InventorySnapshot snapshot) {
        if (vm.service != null || !vm.rows.isEmpty()) {
            return;
        }
        vm.connectionLabelProperty().set(label);
        vm.sandboxProperty().set(sandbox);
        vm.host = snapshot.host();
        vm.rowsLoader.showSnapshot(snapshot);
        vm.choosing(() -> {
            vm.organizations.setAll(snapshot.organization());
            vm.selectedOrganization.set(snapshot.organization());
        });
    }

    /** Whether the rows on screen are a cached first frame of {@code host}, to be kept when it connects. */
    static boolean keepsRowsFor(InventoryViewModel vm, String host) {
        return vm.service == null && !vm.rows.isEmpty() && vm.showingCached.get()
                && InventoryCache.normalizeHost(vm.host).equals(InventoryCache.normalizeHost(host));
    }
}
