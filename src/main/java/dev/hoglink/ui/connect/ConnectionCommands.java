package dev.hoglink.ui.connect;

import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.connection.ConnectionService;
import dev.hoglink.service.credentials.Credentials;
import dev.hoglink.service.connection.ProfileStore;
import dev.hoglink.service.session.Session;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.OpenWindow;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.common.WindowRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.value.ObservableObjectValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection commands: the Connection menu's choices (the sandbox and saved profiles, connect a new one,
 * edit or remove the current one), whether the first-run welcome banner shows, and the "paste a new key" path
 * when PostHog refuses the key. The connection dialog opens through the {@link DialogService}.
 */
public final class ConnectionCommands {

    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionCommands.class);

    /** What the composition root does when the user picks a connection. */
    public interface Switcher {
        /** Opens the sandbox (in the background) and makes it current. */
        void openSandbox();

        /** Opens the sandbox signed in as one of its seeded roles ({@link #SANDBOX_ROLES}). */
        default void openSandboxAs(String role) {
            openSandbox();
        }

        /** Opens a saved profile (reads its key off the UI thread) and makes it current. */
        void openProfile(ConnectionProfile profile);

        /** Makes an already opened session current (after the dialog saved it). */
        void use(Session session);
    }

    /** The sandbox's seeded roles a newcomer can sign in as, and what each is. */
    public static final List<String[]> SANDBOX_ROLES = List.of(
            new String[] {"owner", "Owner (Ada): may do everything"},
            new String[] {"admin", "Admin (Ben): links and unlinks"},
            new String[] {"member", "Member (Cy): links with a personal GitHub link, cannot unlink"},
            new String[] {"readonly", "Read-only key (Cy, no integration:write): sees, changes nothing"});
    static final String SANDBOX_ROLE_MENU = "Sandbox role";

    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableObjectValue<Session> session;
    private final ProfileStore profiles;
    private final Credentials credentials;
    private final ConnectionService connections;
    private final Switcher switcher;
    private final ReadOnlyBooleanWrapper welcomeShown = new ReadOnlyBooleanWrapper();
    private boolean welcomeDismissed;
    private SignIn signIn;

    /** What "Sign in with PostHog" needs from the composition root. */
    public record SignIn(dev.hoglink.service.signin.SignInService service, dev.hoglink.service.session.SessionFactory sessions,
                         SignInViewModel.Browser browser, Consumer<String> clipboard) {
        /** The app's: signin.json in the config folder, the keyring's credentials, the system clipboard. */
        public static SignIn of(dev.hoglink.util.AppDirs dirs, Credentials credentials,
                                dev.hoglink.service.session.SessionFactory sessions, SignInViewModel.Browser browser) {
            return new SignIn(new dev.hoglink.service.signin.SignInService(dev.hoglink.service.signin.SignInStore.open(dirs),
                    credentials, java.time.Clock.systemUTC()), sessions, browser, ConnectionCommands::copyToClipboard);
        }
    }

    /** Puts text on the system clipboard (the sign-in link, for a browser Hoglink could not open). */
    public static void copyToClipboard(String text) {
        javafx.scene.input.ClipboardContent content = new javafx.scene.input.ClipboardContent();
        content.putString(text);
        javafx.scene.input.Clipboard.getSystemClipboard().setContent(content);
    }

    /** Offers "Sign in with PostHog" in the connection dialog and opens signed-in profiles. */
    public void enableSignIn(SignIn s) {
        this.signIn = Objects.requireNonNull(s);
    }

    /**
     * Opens a profile that signs in with PostHog: resumes it from its refresh token off the UI thread; when that
     * fails (revoked, expired, no keyring), opens the dialog saying so. Returns false when the profile uses a key.
     */
    public boolean openSignedIn(ConnectionProfile p, Consumer<Session> use) {
        if (signIn == null || !signIn.service().isSignedIn(p.name())) {
            return false;
        }
        runner.run(() -> signIn.sessions().openSignedIn(p.host(), p.name(),
                signIn.service().resume(p.name(), p.host()).session(),
                new dev.hoglink.service.session.SessionTraits(p.readOnly(), p.siteUri(), ""))).onSuccess(use::accept).onFailure(e -> {
                    LOGGER.info("Resuming the sign-in of {} failed: {}", p.name(), e.getMessage());
                    openDialog(Optional.of(p), e.getMessage());
                });
        return true;
    }
    private Runnable installRequests;

    public ConnectionCommands(TaskRunner runner, DialogService dialogs, ObservableObjectValue<Session> session,
                              ProfileStore profiles, Credentials credentials, ConnectionService connections,
                              Switcher switcher) {
        this.runner = Objects.requireNonNull(runner);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.session = Objects.requireNonNull(session);
        this.profiles = Objects.requireNonNull(profiles);
        this.credentials = Objects.requireNonNull(credentials);
        this.connections = Objects.requireNonNull(connections);
        this.switcher = Objects.requireNonNull(switcher);
        session.addListener((o, a, b) -> updateWelcome());
        updateWelcome();
    }

    /** The Connection menu: the sandbox, each saved profile (the current one ticked), then the actions. */
    public List<ConnectionChoice> choices() {
        profiles.refreshIfChangedOnDisk(); // a connection `hoglink login` or another window saved meanwhile
        Optional<Session> current = Optional.ofNullable(session.get());
        List<ConnectionChoice> list = new ArrayList<>();
        list.add(ConnectionChoice.connection("connectSandboxItem", "Sandbox (built-in, no account)",
                current.map(Session::sandbox).orElse(false), switcher::openSandbox));
        for (ConnectionProfile p : profiles.profiles()) {
            if (p.sandbox()) {
                continue;
            }
            list.add(ConnectionChoice.connection(null, p.name() + "  ·  " + p.host().displayName(),
                    current.map(s -> !s.sandbox() && s.label().equalsIgnoreCase(p.name())).orElse(false),
                    () -> switcher.openProfile(p)));
        }
        String role = current.filter(Session::sandbox).map(s -> s.traits().roleName()).orElse("");
        for (String[] r : SANDBOX_ROLES) {
            list.add(ConnectionChoice.inSubmenu(SANDBOX_ROLE_MENU, "sandboxRole-" + r[0], r[1],
                    r[0].equals(role) || (role.isEmpty() && "owner".equals(r[0]) && current.map(Session::sandbox)
                            .orElse(false)), () -> switcher.openSandboxAs(r[0])));
        }
        list.add(ConnectionChoice.separator());
        list.add(ConnectionChoice.action("connectNewItem", "Connect to PostHog…",
                () -> openDialog(Optional.empty(), null)));
        if (installRequests != null && current.isPresent()) {
            list.add(ConnectionChoice.action("installRequestsItem", "GitHub install requests…", installRequests));
        }
        currentProfile().ifPresent(p -> {
            list.add(ConnectionChoice.toggle("readOnlyItem", "Read-only connection", p.readOnly(),
                    () -> markReadOnly(p, !p.readOnly())));
            list.add(ConnectionChoice.action(null, "Edit “" + p.name() + "”…", () -> openDialog(Optional.of(p), null)));
            list.add(ConnectionChoice.action(null, "Remove “" + p.name() + "”…", () -> remove(p)));
        });
        return list;
    }

    private Optional<ConnectionProfile> currentProfile() {
        return Optional.ofNullable(session.get()).filter(s -> !s.sandbox()).flatMap(s -> profiles.find(s.label()));
    }

    /** What "GitHub install requests…" opens (the requests that wait on a GitHub organization owner). */
    public void setInstallRequestsOpener(Runnable opener) {
        this.installRequests = opener;
    }

    /** True on the sandbox until the user saves a connection or dismisses the banner. */
    public ReadOnlyBooleanProperty welcomeShownProperty() {
        return welcomeShown.getReadOnlyProperty();
    }

    public void dismissWelcome() {
        welcomeDismissed = true;
        updateWelcome();
    }

    private void updateWelcome() {
        boolean firstRun = profiles.profiles().stream().noneMatch(p -> !p.sandbox());
        Session s = session.get();
        welcomeShown.set(!welcomeDismissed && firstRun && s != null && s.sandbox());
    }

    /** Opens the built-in sandbox (the empty window's "Open the sandbox"). */
    public void openSandbox() {
        switcher.openSandbox();
    }

    /** "Enter new key…": the dialog for the current profile, saying why it opened. */
    public void askForNewKey() {
        Optional<ConnectionProfile> p = currentProfile();
        openDialog(p, p.isPresent() ? "PostHog refused the saved key. Paste a new personal API key for “"
                + p.get().name() + "”." : null);
    }

    /** Opens the connection dialog, for a new profile or to edit one; {@code note} explains why it opened. */
    public void openDialog(Optional<ConnectionProfile> editing, String note) {
        ConnectionDialogViewModel vm = new ConnectionDialogViewModel(connections, profiles, credentials, runner,
                dialogs, editing);
        vm.checkKeyring();
        Consumer<Session> onSaved = s -> {
            switcher.use(s);
            welcomeDismissed = true;
            updateWelcome();
            dialogs.notify("Connected to " + s.host().displayName() + " as “" + s.label() + "”.",
                    DialogService.Notice.SUCCESS);
        };
        if (note != null) {
            vm.noteProperty().set(note);
        }
        OpenWindow<ConnectionDialogView> w = dialogs.openWindow(WindowRequest.modal(ConnectionDialogView.class,
                () -> new ConnectionDialogView(vm, onSaved), editing.isPresent() ? "Edit connection" : "Connect to PostHog"));
        if (signIn != null) {
            SignInViewModel signInVm = new SignInViewModel(signIn.service(), signIn.sessions(), profiles, runner,
                    signIn.browser(), signIn.clipboard(), () -> vm.host().orElseThrow(() -> new IllegalArgumentException(
                            "Enter the self-hosted PostHog address above first.")), vm.nameProperty()::get,
                    dev.hoglink.service.signin.SignInService.DEFAULT_TIMEOUT);
            signInVm.readOnlyFrom(vm.readOnlyProperty()::get);
            w.view().attachSignIn(signInVm);
        }
        editing.ifPresent(p -> w.view().setTitle("Edit connection “" + p.name() + "”"));
        w.view().focusFirstField();
    }

    /**
     * Marks the current profile read-only (or clears the mark), saves it and opens it again, so the session and
     * every enabled button follow the mark (model/Capabilities).
     */
    void markReadOnly(ConnectionProfile p, boolean marked) {
        ConnectionProfile next = p.withReadOnly(marked);
        runner.run(() -> {
            profiles.update(next);
            return next;
        }).onSuccess(saved -> {
            switcher.openProfile(saved);
            dialogs.notify(marked ? "“" + p.name() + "” is read-only: Hoglink sends no change over it."
                    : "“" + p.name() + "” may send changes again.", DialogService.Notice.INFO);
        }).onFailure(e -> {
            LOGGER.warn("Saving the read-only mark failed", e);
            dialogs.error("Cannot change the connection", e.getMessage(), e);
        });
    }

    private void remove(ConnectionProfile p) {
        if (!dialogs.confirmDanger("Remove connection",
                "Remove “" + p.name() + "” and delete its key from the system keyring? Hoglink switches to the sandbox.",
                "Remove")) {
            return;
        }
        runner.run(() -> {
            credentials.forget(p.name());
            profiles.remove(p.name());
            return Boolean.TRUE;
        }).onSuccess(ok -> {
            switcher.openSandbox();
            dialogs.notify("Removed “" + p.name() + "”.", DialogService.Notice.INFO);
        }).onFailure(e -> {
            LOGGER.warn("Removing profile failed", e);
            dialogs.error("Cannot remove the connection", e.getMessage(), e);
        });
    }
}
