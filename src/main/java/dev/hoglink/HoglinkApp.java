package dev.hoglink;

import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.connection.ConnectionService;
import dev.hoglink.service.credentials.CredentialStore;
import dev.hoglink.service.credentials.Credentials;
import dev.hoglink.service.session.SessionFactory;
import dev.hoglink.service.session.SessionTraits;
import dev.hoglink.service.credentials.KeyringCredentialStore;
import dev.hoglink.service.connection.ProfileStore;
import dev.hoglink.ui.audit.AuditCommands;
import dev.hoglink.ui.connect.ConnectionCommands;
import dev.hoglink.ui.link.LinkCommands;
import dev.hoglink.ui.main.MainCommands;
import dev.hoglink.ui.main.MainWindowView;
import dev.hoglink.ui.oauth.OAuthCommands;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.service.session.Session;
import dev.hoglink.service.inventory.InventoryConnection;
import dev.hoglink.service.inventory.StartedReads;
import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.ui.common.ControllerFactory;
import dev.hoglink.ui.common.DefaultExceptionHandler;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.FxDialogService;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.common.Toasts;
import dev.hoglink.ui.common.UiPreferences;
import dev.hoglink.ui.common.UiPreferencesStore;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.inventory.ProjectDetailView;
import dev.hoglink.ui.inventory.ProjectsTableView;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.theme.ThemeManager;
import dev.hoglink.util.AppDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Optional;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Composition root: builds the services, applies the theme and shows the main window. */
public class HoglinkApp extends Application {

    private static final Logger LOGGER = LoggerFactory.getLogger(HoglinkApp.class);

    static void launchWith(GuiOptions options) {
        Application.launch(HoglinkApp.class, options.toArgs());
    }

    private GuiOptions options = GuiOptions.defaults();
    private AppDirs dirs;
    private UiPreferencesStore prefsStore;
    private UiPreferences prefs;
    private TaskRunner runner;
    private ThemeManager theme;
    private MainWindowView mainWindow;
    private InventoryViewModel inventory;
    private InventoryCache inventoryCache;
    private Stage stage;
    private ActionJournal journal;
    private EarlyStart early;
    private StartedReads startReads;
    private FxDialogService dialogs;
    private ProfileStore profiles;
    private CredentialStore keyring;
    private Credentials credentials;
    private ConnectionService connections;
    private SessionFactory sessions;
    private ConnectionCommands connectionCommands;
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>();

    @Override
    public void init() {
        options = GuiOptions.parse(getParameters().getRaw());
    }

    @Override
    public void start(Stage primaryStage) {
        this.stage = primaryStage;
        StartupProbe.trace("start");
        Optional<InventoryConnection> fixed = openConnection(options);
        early = EarlyStart.take(options, fixed.isEmpty()); // begun by the launcher while the toolkit started
        EarlyStart.Services started = early.services();
        dirs = started.dirs();
        prefsStore = started.prefsStore();
        prefs = started.prefs();
        theme = new ThemeManager(t -> prefs.theme = t.id());
        theme.apply(ThemeManager.Theme.parse(options.theme().orElse(prefs.theme)));

        StartupProbe.trace("theme");
        dialogs = new FxDialogService(() -> stage);
        DefaultExceptionHandler.install(dialogs);
        // Two threads more than the status requests in flight, so the detail pane never waits behind a load.
        runner = new FxTaskRunner(InventoryViewModel.DEFAULT_MAX_IN_FLIGHT + 2);
        inventoryCache = started.cache();
        profiles = started.profiles();
        inventory = new InventoryViewModel(runner, inventoryCache, Clock.systemDefaultZone(),
                InventoryViewModel.DEFAULT_MAX_IN_FLIGHT);

        journal = started.journal();
        credentials = new Credentials(keyring = createKeyring());
        // A new key or sign-in for a profile may be another user: no first frame shows the previous one's inventory.
        credentials.onNewCredential(name -> inventoryCache.forgetUser(
                dev.hoglink.service.inventory.CacheKey.profile(name)));
        sessions = started.sessions();
        connections = new ConnectionService(sessions);

        // The feature commands, each over the current session; the main window's FXML calls them.
        ReadOnlyObjectProperty<Session> current = session.getReadOnlyProperty();
        // The wizard runs the launch itself and shows its failure; other windows launch in the background.
        BrowserLauncher systemBrowser = BrowserLauncher.of(getHostServices());
        BrowserLauncher browser = BrowserLauncher.inBackground(systemBrowser, runner, dialogs::failure);
        connectionCommands = new ConnectionCommands(runner, dialogs, current, profiles, credentials, connections,
                switcher);
        connectionCommands.enableSignIn(ConnectionCommands.SignIn.of(dirs, credentials, sessions, browser::open));
        connectionCommands.setInstallRequestsOpener(new dev.hoglink.ui.installrequests.InstallRequestsCommands(runner,
                dialogs, current, inventory.permissions()::capabilities, dev.hoglink.ui.installrequests.InstallRequestsCommands.linkedAmong(inventory.rows()), browser)::open);
        OAuthCommands oauth = new OAuthCommands(runner, dialogs, inventory, current, systemBrowser);
        LinkCommands links = new LinkCommands(runner, dialogs, inventory, current, browser, Clock.systemUTC(),
                oauth::openFor);
        AuditCommands audit = new AuditCommands(runner, dialogs, inventory, current, browser,
                links::openLinkDialog, oauth::openFor, links::relink);
        audit.setBulkLink(links::openBulkDialog);
        MainCommands commands = new MainCommands(connectionCommands, links, oauth, audit);

        StartupProbe.trace("fxml");
        ZoneId zone = ZoneId.systemDefault();
        ControllerFactory controllers = new ControllerFactory()
                .register(MainWindowView.class, () -> new MainWindowView(inventory, theme, commands))
                .register(ProjectsTableView.class, () -> new ProjectsTableView(inventory, zone))
                .register(ProjectDetailView.class, () -> new ProjectDetailView(inventory, zone, commands));
        ViewLoader.Loaded<MainWindowView> loaded = new ViewLoader(controllers).load(MainWindowView.class);
        mainWindow = loaded.controller();
        StartupProbe.trace("fxml-loaded");
        mainWindow.restoreLayout(prefs);
        dialogs.setToasts(new Toasts(mainWindow.overlay(), Duration.seconds(5)));

        Rectangle2D screen = Screen.getPrimary().getVisualBounds();
        Scene scene = new Scene(loaded.root(), Math.min(prefs.windowWidth, screen.getWidth()),
                Math.min(prefs.windowHeight, screen.getHeight()));
        theme.register(scene);
        stage.setScene(scene);
        stage.setTitle("Hoglink");
        if (StartupProbe.active()) {
            // Both marks at the end of a pulse's layout, i.e. for a frame whose content is decided: the first
            // frame of the shown window, then the first frame with a project row laid out in the table.
            scene.addPostLayoutPulseListener(new Runnable() {
                private boolean windowMarked;

                @Override
                public void run() {
                    if (!windowMarked && stage.isShowing()) {
                        windowMarked = true;
                        StartupProbe.windowShown();
                    }
                    if (windowMarked && mainWindow.showsProjectRows()) {
                        scene.removePostLayoutPulseListener(this);
                        StartupProbe.firstRows();
                    }
                }
            });
        }
        StartupProbe.trace("scene");
        stage.setMinWidth(900);
        stage.setMinHeight(560);
        restoreWindow();
        started.cached().showIn(inventory, firstFrameWait()); // the first frame shows the cached rows

        StartupProbe.trace("cached-rows");
        if (fixed.isPresent()) {
            showConnection(fixed.get());
        } else {
            // The window is on screen before any network or keyring work: the session opens in the background.
            openStartSession();
        }
        inventory.selectedOrganizationProperty().addListener((o, a, b) -> {
            if (b != null && !inventory.host().isEmpty()) {
                prefs.lastOrganization.put(inventory.host(), b.id());
            }
        });
        StartupProbe.trace("show");
        stage.show();
        StartupProbe.trace("shown");
        // A damaged profiles.json was set aside (or left untouched): say so once the window is up.
        profiles.loadProblem().ifPresent(p -> javafx.application.Platform.runLater(
                () -> dialogs.error("Saved connections not loaded", p.message(), null)));

        String snapshotDir = System.getProperty("hoglink.snapshot");
        if (snapshotDir != null && !snapshotDir.isBlank()) {
            AppScreenshots.take(Path.of(snapshotDir), stage, inventory, theme, () -> session.get() != null);
        }
        String firstFrameDir = System.getProperty("hoglink.snapshot.firstframe");
        if (firstFrameDir != null && !firstFrameDir.isBlank()) {
            AppScreenshots.firstFrame(Path.of(firstFrameDir), stage, theme);
        }
    }

    /** How long the first frame may wait for the cached inventory (read from disk); tests allow more. */
    protected java.time.Duration firstFrameWait() {
        return java.time.Duration.ofMillis(300);
    }

    /** A fixed connection to open on (tests override it); empty: the connections feature chooses one. */
    protected Optional<InventoryConnection> openConnection(GuiOptions options) {
        return Optional.empty();
    }

    private void showConnection(InventoryConnection c) {
        inventory.connectionLabelProperty().set(c.label());
        inventory.sandboxProperty().set(c.sandbox());
        inventory.connect(c.host(), c.connection(), c.service(), prefs.lastOrganization.get(c.host()));
    }

    /** Makes {@code next} the current session (FX thread) and loads its inventory. */
    protected void useSession(Session next) {
        StartupProbe.trace("use-session");
        inventory.permissions().connectionReadOnly(next.readOnly());
        session.set(next);
        InventoryConnection c = next.toInventoryConnection();
        StartedReads reads = startReads; // the start's first reads, used by the start's session only
        startReads = null;
        showConnection(reads != null && reads.service() == c.service()
                ? new InventoryConnection(c.host(), c.label(), c.sandbox(), reads, c.connection()) : c);
    }

    /**
     * The first session: {@code --sandbox}, else {@code --profile NAME}, else the connection used last, else
     * (first run) the sandbox.
     */
    private void openStartSession() {
        if (EarlyStart.opensSandbox(options, profiles)) {
            openStartSandbox();
            options.profile().ifPresent(name -> dialogs.error("No such connection", "There is no saved connection named “"
                    + name + "”. Hoglink opened the sandbox instead.", null));
            return;
        }
        if (options.profile().isPresent()) {
            switcher.openProfile(profiles.find(options.profile().get()).orElseThrow());
            return;
        }
        profiles.lastUsed().ifPresentOrElse(this::openAtStart, switcher::openSandbox);
    }

    /**
     * The sandbox this start opens: its session and first reads were begun before the window (EarlyStart). Opened at
     * once when they are ready (the reads then run while the window is first laid out), else once they are; without
     * them it is started now. A sandbox that did not start is said as before.
     */
    private void openStartSandbox() {
        java.util.concurrent.CompletableFuture<Optional<EarlyStart.SandboxStart>> f = early.sandboxStart();
        if (f.isDone() && !f.isCompletedExceptionally()) {
            useStartSandbox(f.join());
            return;
        }
        f.whenComplete((started, failure) -> Platform.runLater(() -> {
            if (failure == null) {
                useStartSandbox(started);
            } else {
                dialogs.error("Cannot start the sandbox", "The built-in sandbox did not start. See the log for details.",
                        failure instanceof java.util.concurrent.CompletionException c && c.getCause() != null
                                ? c.getCause() : failure);
            }
        }));
    }

    private void useStartSandbox(Optional<EarlyStart.SandboxStart> started) {
        if (started.isEmpty()) {
            switcher.openSandbox();
            return;
        }
        runner.run(() -> rememberLast(SANDBOX_PROFILE));
        startReads = started.get().reads();
        useSession(started.get().session());
    }

    /** The connection used last; with its key not on this computer, the sandbox and how to reconnect. */
    private void openAtStart(ConnectionProfile p) {
        if (connectionCommands.openSignedIn(p, this::useSession)) { return; } // signed in with PostHog: resumed
        String retry = ", so Hoglink opened the sandbox. Choose “" + p.name() + "” in the Connection menu to ";
        runner.run(() -> credentials.read(p.name())).onSuccess(key -> {
            if (key.isPresent()) {
                openWithKey(p, key.get()); // the key just read: the keyring is asked once
                return;
            }
            switcher.openSandbox();
            dialogs.notify("No key for “" + p.name() + "” is saved on this computer" + retry + "paste it.",
                    DialogService.Notice.INFO);
        }).onFailure(e -> {
            LOGGER.warn("Reading the key of {} failed", p.name(), e);
            switcher.openSandbox();
            dialogs.notify("The key of “" + p.name() + "” could not be read" + retry + "try again.",
                    DialogService.Notice.WARNING);
        });
    }

    /** Makes the profile current with its key; remembers it for the next start unless the key is session-only. */
    private void openWithKey(ConnectionProfile profile, String key) {
        useSession(sessions.open(profile.host(), profile.name(), false, key,
                new SessionTraits(profile.readOnly(), profile.siteUri(), "")));
        if (!credentials.sessionOnly(profile.name())) { // a session-only key is gone next time
            runner.run(() -> rememberLast(profile));
        }
    }

    /** How the connections feature switches sessions; every slow step runs off the FX thread. */
    private final ConnectionCommands.Switcher switcher = new ConnectionCommands.Switcher() {
        @Override
        public void openSandbox() {
            openSandboxAs("owner");
        }

        @Override
        public void openSandboxAs(String role) {
            runner.run(() -> {
                Session s = early.sandbox().open(sessions, role);
                rememberLast(SANDBOX_PROFILE);
                return s;
            }).onSuccess(HoglinkApp.this::useSession)
                    .onFailure(e -> dialogs.error("Cannot start the sandbox",
                            "The built-in sandbox did not start. See the log for details.", e));
        }

        @Override
        public void openProfile(ConnectionProfile profile) {
            inventory.connectionLabelProperty().set(profile.name());
            if (connectionCommands.openSignedIn(profile, HoglinkApp.this::useSession)) { return; }
            runner.run(() -> credentials.read(profile.name()))
                    .onSuccess(key -> {
                        if (key.isEmpty()) {
                            connectionCommands.openDialog(Optional.of(profile), "No key is saved for “"
                                    + profile.name() + "”. Paste its personal API key to connect.");
                            return;
                        }
                        openWithKey(profile, key.get());
                    })
                    .onFailure(e -> {
                        LOGGER.warn("Reading the key of {} failed", profile.name(), e);
                        // Without a keyring, the key's hint under the field says so and what Hoglink does instead:
                        // the note only says why the dialog opened, so "no system keyring" shows once.
                        connectionCommands.openDialog(Optional.of(profile),
                                e instanceof dev.hoglink.service.credentials.CredentialStoreException c
                                        && c.keyringUnusable()
                                        ? "The key of “" + profile.name() + "” could not be read on this computer. "
                                                + "Paste its personal API key to connect."
                                        : e.getMessage() + " Paste the key to connect; you can keep it for this "
                                                + "session only.");
                    });
        }

        @Override
        public void use(Session s) {
            useSession(s);
        }
    };

    private static final ConnectionProfile SANDBOX_PROFILE = new ConnectionProfile("Sandbox (built-in)", null, null, true);

    /** Remembers the connection for the next start (off the FX thread; a failure only costs that memory). */
    private boolean rememberLast(ConnectionProfile p) {
        try {
            if (profiles.find(p.name()).isEmpty()) {
                profiles.add(p);
            }
            profiles.setLastUsed(p.name());
            return true;
        } catch (IOException | RuntimeException e) {
            LOGGER.warn("Cannot remember the last connection", e);
            return false;
        }
    }

    /** The OS keyring (every call bounded by a timeout, opened on first use). Tests substitute a memory store. */
    protected CredentialStore createKeyring() {
        return KeyringCredentialStore.system();
    }

    /** The inventory view model (tests read it). */
    protected InventoryViewModel inventory() {
        return inventory;
    }

    @Override
    public void stop() {
        if (mainWindow != null && prefs != null) {
            mainWindow.captureLayout(prefs);
            captureWindow();
            prefsStore.save(prefs);
            mainWindow.dispose();
        }
        if (runner != null) {
            runner.shutdown();
        }
        if (inventoryCache != null && !inventoryCache.flush(java.time.Duration.ofSeconds(2))) {
            LOGGER.warn("The inventory cache was still being written at exit; the next start refreshes it");
        }
        if (early != null) {
            early.sandbox().stop();
        }
        if (keyring instanceof KeyringCredentialStore k) {
            k.shutdown();
        }
    }

    private void restoreWindow() {
        if (prefs.windowX != null && prefs.windowY != null
                && !Screen.getScreensForRectangle(new Rectangle2D(prefs.windowX, prefs.windowY, 100, 100)).isEmpty()) {
            stage.setX(prefs.windowX);
            stage.setY(prefs.windowY);
        }
        stage.setMaximized(prefs.maximized);
    }

    private void captureWindow() {
        prefs.maximized = stage.isMaximized();
        if (!stage.isMaximized() && stage.getWidth() > 0) {
            prefs.windowX = stage.getX();
            prefs.windowY = stage.getY();
            prefs.windowWidth = stage.getWidth();
            prefs.windowHeight = stage.getHeight();
        }
    }
}
