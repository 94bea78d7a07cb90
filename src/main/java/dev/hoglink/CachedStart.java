package dev.hoglink;

import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.connection.ProfileStore;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.service.inventory.CacheKey;
import dev.hoglink.ui.inventory.CachedFirstFrame;
import dev.hoglink.ui.inventory.InventoryViewModel;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.application.Platform;

/**
 * Reads, on a thread of its own begun before the JavaFX toolkit starts ({@link EarlyStart}), the cached inventory of the connection this start
 * opens, so that the window's first frame shows it (marked as cached, with its age) instead of an empty table behind
 * a starting sandbox, a slow keyring or a key prompt. The connection is the one {@code HoglinkApp} opens: the
 * sandbox for {@code --sandbox}, the named profile for {@code --profile}, else the connection used last, else the
 * sandbox. Only that connection's own cache is shown, as the user it was last signed in as ({@link CacheKey}); the
 * sandbox's is keyed without its port (see {@link InventoryCache#normalizeHost}), so it is found from run to run.
 */
final class CachedStart {

    /** The sandbox as the cache keys it: on this computer, whatever its port. */
    static final String SANDBOX_HOST = "http://127.0.0.1";
    static final String SANDBOX_LABEL = "Sandbox";
    /** The role a start signs in to the sandbox as. */
    static final String SANDBOX_START_ROLE = "owner";

    /** What the first frame shows: the connection's badge text and its cached inventory. */
    record Shown(String label, boolean sandbox, InventoryCache.Cached cached) {
    }

    private final CompletableFuture<Optional<Shown>> read;

    private CachedStart(CompletableFuture<Optional<Shown>> read) {
        this.read = read;
    }

    /** Starts reading the cache of the connection {@code options} and the saved profiles make this start open. */
    static CachedStart begin(GuiOptions options, ProfileStore profiles, InventoryCache cache) {
        CompletableFuture<Optional<Shown>> f = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            try {
                f.complete(read(options, profiles, cache));
                StartupProbe.trace("cache-read");
            } catch (RuntimeException e) {
                f.complete(Optional.empty()); // no cached first frame; the connection fills the window as before
            } catch (Error e) {
                f.complete(Optional.empty()); // nobody waits on a read that never ends; the error is still reported
                throw e;
            }
        }, "hoglink-cached-start");
        t.setDaemon(true);
        t.start();
        return new CachedStart(f);
    }

    static Optional<Shown> read(GuiOptions options, ProfileStore profiles, InventoryCache cache) {
        Optional<ConnectionProfile> profile = options.sandbox() ? Optional.empty()
                : options.profile().isPresent() ? profiles.find(options.profile().get())
                : profiles.lastUsed();
        Optional<ConnectionProfile> remote = profile.filter(p -> !p.sandbox() && p.host() != null);
        if (remote.isPresent()) { // what this profile saw, as the user its last session was signed in as
            return cache.latest(remote.get().host().url(), CacheKey.profile(remote.get().name()))
                    .map(c -> new Shown(remote.get().name(), false, c));
        }
        // the start opens the sandbox as its owner (HoglinkApp), keyed the same from run to run
        return cache.latest(SANDBOX_HOST, CacheKey.sandbox(SANDBOX_START_ROLE)).map(c -> new Shown(SANDBOX_LABEL, true, c));
    }

    /**
     * The organization of the sandbox's cached inventory, which its first frame shows; empty without one. Waits for
     * the read (a start-up thread, not the FX thread).
     */
    Optional<String> organizationId() {
        return read.join().filter(Shown::sandbox).map(s -> s.cached().snapshot().organization().id());
    }

    /**
     * Shows the cached inventory in {@code inventory} (FX thread, before the window is shown): at once if it is read
     * within {@code wait}, else as soon as it is. Does nothing if there is none, or if a connection shows its own
     * rows first.
     */
    void showIn(InventoryViewModel inventory, Duration wait) {
        try {
            read.get(wait.toMillis(), TimeUnit.MILLISECONDS)
                    .ifPresent(s -> CachedFirstFrame.show(inventory, s.label(), s.sandbox(), s.cached()));
            return;
        } catch (TimeoutException e) {
            // still reading: shown when done
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            return;
        }
        read.thenAccept(r -> r.ifPresent(s -> Platform.runLater(
                () -> CachedFirstFrame.show(inventory, s.label(), s.sandbox(), s.cached()))));
    }
}
