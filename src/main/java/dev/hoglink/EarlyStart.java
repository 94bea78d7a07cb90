package dev.hoglink;

import dev.hoglink.api.PostHogClient;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.connection.ProfileStore;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.service.inventory.StartedReads;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.oauth.OAuthSettings;
import dev.hoglink.service.session.RequestWindowStore;
import dev.hoglink.service.session.Session;
import dev.hoglink.service.session.SessionFactory;
import dev.hoglink.ui.common.UiPreferences;
import dev.hoglink.ui.common.UiPreferencesStore;
import dev.hoglink.util.AppDirs;
import dev.hoglink.util.Logging;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;

/**
 * The part of the desktop start that needs no JavaFX, begun before the JavaFX toolkit starts (the toolkit takes most
 * of a hello world's time to its window) on a thread of its own, so the window's first frame finds it done:
 * <ol>
 * <li>the log, the saved connections, the window settings, the action journal and the session factory (local files
 * the FX thread read itself before);</li>
 * <li>the cached inventory of the connection this start opens ({@link CachedStart}, its own thread, begun first);</li>
 * <li>when the start opens the embedded sandbox and has no cached rows of it (a first start): the sandbox, a session
 * on it and that session's first reads ({@link StartedReads}: organizations, who, the first organization's projects),
 * so that its rows arrive right after the first frame instead of being asked for once the window is up. With cached
 * rows the first frame shows those, and the window starts the sandbox to refresh them, as before.</li>
 * </ol>
 * The launcher begins it just before {@code Application.launch}; a start without the launcher (tests) begins it in
 * {@code start()}. The FX thread waits only for step 1; the sandbox's session completes a future the window takes
 * when it is done, its failure shown as before. {@code -Dhoglink.earlystart=false} keeps the sandbox and its reads
 * for the window to start.
 */
final class EarlyStart {

    /** What the window needs of step 1. */
    record Services(AppDirs dirs, UiPreferencesStore prefsStore, UiPreferences prefs, ProfileStore profiles,
                    InventoryCache cache, ActionJournal journal, OAuthSettings oauth, SessionFactory sessions,
                    CachedStart cached) {
    }

    /** The sandbox's first session and the reads begun on it. */
    record SandboxStart(Session session, StartedReads reads) {
    }

    private static final AtomicReference<EarlyStart> BEGUN = new AtomicReference<>();

    private final GuiOptions options;
    private final EmbeddedSandbox sandbox = new EmbeddedSandbox(SandboxOptions.defaults());
    private final CompletableFuture<Services> services = new CompletableFuture<>();
    private final CompletableFuture<Optional<SandboxStart>> sandboxStart = new CompletableFuture<>();
    private final boolean startSandbox;

    private EarlyStart(GuiOptions options, boolean startSandbox) {
        this.options = options;
        this.startSandbox = startSandbox;
    }

    /** Begins the start for {@code options} (the launcher, before the toolkit starts). */
    static void begin(GuiOptions options) {
        BEGUN.set(start(options, !"false".equalsIgnoreCase(System.getProperty("hoglink.earlystart"))));
    }

    /**
     * The start begun for {@code options}, or one begun now ({@code startSandbox}: whether it may start the sandbox;
     * not when the window opens on a fixed connection).
     */
    static EarlyStart take(GuiOptions options, boolean startSandbox) {
        EarlyStart e = BEGUN.getAndSet(null);
        return e != null && same(e.options, options) ? e : start(options, startSandbox);
    }

    /** Field by field: a record's equals() is bootstrapped on first use, some ms on the FX thread of a cold JVM. */
    private static boolean same(GuiOptions a, GuiOptions b) {
        return a.sandbox() == b.sandbox() && a.profile().equals(b.profile()) && a.theme().equals(b.theme());
    }

    private static EarlyStart start(GuiOptions options, boolean startSandbox) {
        EarlyStart e = new EarlyStart(options, startSandbox);
        Thread t = new Thread(e::run, "hoglink-early-start");
        t.setDaemon(true);
        t.start();
        return e;
    }

    private void run() {
        Services s;
        try {
            AppDirs dirs = AppDirs.forCurrentUser();
            Logging.configure(dirs, Level.INFO);
            ProfileStore profiles = ProfileStore.open(dirs);
            InventoryCache cache = new InventoryCache(dirs.cachePath());
            CachedStart cached = CachedStart.begin(options, profiles, cache);
            UiPreferencesStore prefsStore = new UiPreferencesStore(dirs.configPath());
            UiPreferences prefs = prefsStore.load();
            ActionJournal journal = ActionJournal.open(dirs);
            OAuthSettings oauth = new OAuthSettings(dirs.configPath().resolve(OAuthSettings.FILE_NAME));
            SessionFactory sessions = new SessionFactory(RequestWindowStore.keepingWindows(dirs.dataPath()
                    .resolve("requests"), (h, k) -> PostHogClient.builder(h.url(), k).build()), journal,
                    oauth::enterpriseHosts);
            StartupProbe.trace("early-services");
            s = new Services(dirs, prefsStore, prefs, profiles, cache, journal, oauth, sessions, cached);
            services.complete(s);
        } catch (RuntimeException | Error e) {
            services.completeExceptionally(e);
            sandboxStart.complete(Optional.empty());
            return;
        }
        // With cached rows for the first frame, the sandbox waits for the window: started now it would only compete
        // with the toolkit for the cores, and its refresh is not what the first frame shows.
        if (!startSandbox || !opensSandbox(options, s.profiles()) || s.cached().organizationId().isPresent()) {
            sandboxStart.complete(Optional.empty());
            return;
        }
        StartedReads reads;
        try {
            Session session = sandbox.open(s.sessions(), "owner");
            StartupProbe.trace("early-session");
            reads = new StartedReads(session.inventory());
            sandboxStart.complete(Optional.of(new SandboxStart(session, reads)));
        } catch (Exception | Error e) {
            sandboxStart.completeExceptionally(e);
            return;
        }
        reads.read(Optional.empty());
        StartupProbe.trace("early-reads");
    }

    /**
     * Whether this start opens the embedded sandbox whatever else happens: asked for it, named a connection that is
     * not saved (the window says so), or no saved connection used last. A connection used last opens with its key
     * (or falls back to the sandbox once the keyring said there is none).
     */
    static boolean opensSandbox(GuiOptions options, ProfileStore profiles) {
        if (options.sandbox()) {
            return true;
        }
        Optional<ConnectionProfile> p = options.profile().isPresent() ? profiles.find(options.profile().get())
                : profiles.lastUsed();
        return p.filter(c -> !c.sandbox()).isEmpty();
    }

    /** Step 1, waiting for it if need be (local files only); its failure is thrown as it happened. */
    Services services() {
        try {
            return services.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting", e);
        } catch (ExecutionException e) {
            throw dev.hoglink.util.Futures.unwrap(e);
        }
    }

    /**
     * The sandbox's first session with its reads under way, once open: empty when this start does not open the
     * sandbox, or leaves it to the window; failed with the reason when the sandbox did not start.
     */
    CompletableFuture<Optional<SandboxStart>> sandboxStart() {
        return sandboxStart;
    }

    /** The embedded sandbox (started here or on first use). */
    EmbeddedSandbox sandbox() {
        return sandbox;
    }
}
