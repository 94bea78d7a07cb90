package dev.hoglink.ui.inventory;

import dev.hoglink.service.inventory.CacheKey;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.service.inventory.InventorySnapshot;
import java.util.Objects;

/**
 * The inventory's cached rows and whose they are. At start-up, before any connection is open (the sandbox still
 * starting, the keyring still being asked, the key prompt still open), the window shows the cached inventory of the
 * connection the start opens, marked as cached with its age. Cached rows are only ever another read of the same
 * identity ({@link CacheKey}: host, connection, user): when a connection opens, {@link InventoryViewModel#connect}
 * keeps the rows if it is that identity and refreshes them in place, and once PostHog says who the key belongs to,
 * rows another user saw are dropped. UI thread only.
 */
public final class CachedFirstFrame {

    private CachedFirstFrame() {
    }

    /**
     * Shows {@code cached} as the rows of the connection named {@code label}, unless a connection is open or rows
     * are shown already (then the start was quicker than the cache and shows its own).
     */
    public static void show(InventoryViewModel vm, String label, boolean sandbox, InventoryCache.Cached cached) {
        if (vm.service != null || !vm.rows.isEmpty()) {
            return;
        }
        InventorySnapshot snapshot = cached.snapshot();
        vm.connectionLabelProperty().set(label);
        vm.sandboxProperty().set(sandbox);
        vm.host = snapshot.host();
        vm.cacheConnection = cached.key().connection();
        vm.cacheUser = cached.key().user();
        vm.rowsLoader.showSnapshot(snapshot);
        vm.choosing(() -> {
            vm.organizations.setAll(snapshot.organization());
            vm.selectedOrganization.set(snapshot.organization());
        });
    }

    /** The identity the rows on screen are cached and saved under. */
    static CacheKey key(InventoryViewModel vm) {
        return new CacheKey(vm.host, vm.cacheConnection, vm.cacheUser);
    }

    /**
     * Points the view model at a new connection: its host, and the user that connection was last signed in as
     * (until a request says who it is). True if the rows on screen are the start's cached rows of this very
     * identity, to be kept and refreshed in place.
     */
    static boolean switchTo(InventoryViewModel vm, String host, String connection) {
        Objects.requireNonNull(host);
        String name = connection == null ? "" : connection;
        boolean keep = vm.service == null && !vm.rows.isEmpty() && vm.showingCached.get()
                && InventoryCache.normalizeHost(vm.host).equals(InventoryCache.normalizeHost(host))
                && vm.cacheConnection.equals(name);
        vm.host = host;
        vm.cacheConnection = name;
        if (!keep) {
            vm.cacheUser = vm.cache == null ? "" : vm.cache.recordedUser(host, name);
        }
        return keep;
    }

    /**
     * PostHog said who the connection's key belongs to ({@code userId}, empty when it could not be read). If the
     * rows are the cache of someone else, they go (the load that follows fills them); the user is recorded for the
     * next start's first frame.
     */
    static void signedInAs(InventoryViewModel vm, String userId) {
        if (userId == null || userId.isEmpty()) {
            return; // nobody named: the identity stays as it was
        }
        boolean another = !userId.equals(vm.cacheUser);
        vm.cacheUser = userId;
        if (another && vm.showingCached.get()) {
            vm.rows.clear();
            vm.rowsLoader.forgetOrganization();
            vm.showingCached.set(false);
        }
        if (vm.cache != null && another) {
            CacheKey key = key(vm);
            vm.runner.run(() -> {
                vm.cache.recordUser(key);
                return Boolean.TRUE;
            });
        }
    }
}
