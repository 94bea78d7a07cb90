package dev.hoglink.ui.connect;

import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.connection.ProfileStore;
import dev.hoglink.service.session.Session;
import dev.hoglink.service.session.SessionFactory;
import dev.hoglink.service.signin.SignInFailure;
import dev.hoglink.service.signin.SignInService;
import java.net.URI;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.util.Waits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection dialog's "Sign in with PostHog" section: for the host chosen above (US Cloud, EU Cloud or
 * self-hosted), first shows what Hoglink will be granted, then opens the browser on PostHog's consent page and
 * waits on 127.0.0.1 for the answer; a successful sign-in saves the profile and opens the session. Every network
 * step runs on the task runner, never on the UI thread. Each failure is said plainly; a server that cannot do this
 * sends the admin to the personal API key above, with the reason.
 */
public final class SignInViewModel {

    private static final Logger LOGGER = LoggerFactory.getLogger(SignInViewModel.class);

    /** Where the section is. */
    public enum Step { IDLE, PREPARING, READY, WAITING, DONE, FAILED }

    /** Opens a page in the system browser; throws when it cannot. */
    @FunctionalInterface
    public interface Browser {
        void open(URI page) throws Exception;
    }

    private final SignInService service;
    private final SessionFactory sessions;
    private final ProfileStore profiles;
    private final TaskRunner runner;
    private final Browser browser;
    private final Consumer<String> clipboard;
    private final Supplier<PostHogHost> host;
    private final Supplier<String> name;
    private final Duration timeout;

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.IDLE);
    private final ReadOnlyStringWrapper grants = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper link = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper fallBackToKey = new ReadOnlyBooleanWrapper(false);
    private Supplier<Boolean> readOnly = () -> false;
    private SignInService.Plan plan;
    private SignInService.Pending pending;

    /**
     * @param host the host chosen in the dialog (throws IllegalArgumentException with a message when none is valid)
     * @param name the connection name typed in the dialog (may be blank: a name is suggested)
     */
    public SignInViewModel(SignInService service, SessionFactory sessions, ProfileStore profiles, TaskRunner runner,
                           Browser browser, Consumer<String> clipboard, Supplier<PostHogHost> host,
                           Supplier<String> name, Duration timeout) {
        this.service = service;
        this.sessions = sessions;
        this.profiles = profiles;
        this.runner = runner;
        this.browser = browser;
        this.clipboard = clipboard;
        this.host = host;
        this.name = name;
        this.timeout = timeout;
    }

    /** Where the dialog's "read-only" mark is read when the sign-in saves the connection. */
    public void readOnlyFrom(Supplier<Boolean> marked) {
        this.readOnly = marked;
    }

    /** Step one: read the server's sign-in settings and show what will be granted. */
    public void prepare() {
        PostHogHost h;
        try {
            h = host.get();
        } catch (IllegalArgumentException e) {
            fail(e.getMessage(), false);
            return;
        }
        step.set(Step.PREPARING);
        status.set("Asking " + h.displayName() + " how to sign in…");
        link.set("");
        fallBackToKey.set(false);
        runner.run(() -> service.plan(h)).onSuccess(p -> {
            plan = p;
            grants.set("Hoglink will ask " + h.displayName() + " to read your user, organizations, projects, GitHub "
                    + "integrations and integration history, and to link and unlink GitHub installations ("
                    + String.join(" ", p.scopes()) + "). PostHog's page lets you approve or deny it.");
            status.set("");
            step.set(Step.READY);
        }).onFailure(this::failed);
    }

    /** Step two: register if needed, open the browser, wait for the answer, save and open the session. */
    public void signIn(Consumer<Session> onSignedIn) {
        if (plan == null) {
            return;
        }
        String profileName;
        try {
            profileName = ConnectionProfile.requireValidName(name.get() == null || name.get().isBlank()
                    ? suggestedName(plan.host()) : name.get());
        } catch (IllegalArgumentException e) {
            fail(e.getMessage(), false);
            return;
        }
        step.set(Step.WAITING);
        status.set("Opening PostHog's sign-in page…");
        SignInService.Plan p = plan;
        runner.run(() -> service.start(p)).onSuccess(started -> {
            pending = started;
            link.set(started.url().toString());
            try {
                browser.open(started.url());
                status.set("Approve Hoglink in your browser, then come back here. Waiting up to "
                        + Waits.span(timeout) + "…");
            } catch (Exception e) {
                LOGGER.info("The browser could not be opened: {}", e.getClass().getSimpleName());
                status.set("The browser could not be opened. Copy the link and open it in a browser on this computer; "
                        + "Hoglink is waiting for the answer.");
            }
            runner.run(() -> {
                SignInService.SignedIn s = service.finish(started, profileName, timeout);
                // A connection signed in again keeps its organization and options; a new one takes the dialog's read-only mark.
                ConnectionProfile profile = profiles.find(profileName)
                        .map(old -> new ConnectionProfile(profileName, p.host(), old.organizationId(), false)
                                .withSiteUrl(old.siteUrl()).withReadOnly(old.readOnly() || readOnly.get()))
                        .orElseGet(() -> ConnectionProfile.of(profileName, p.host()).withReadOnly(readOnly.get()));
                if (profiles.find(profileName).isPresent()) {
                    profiles.update(profile);
                } else {
                    profiles.add(profile);
                }
                if (!s.keptForSessionOnly()) {
                    profiles.setLastUsed(profileName);
                }
                return sessions.openSignedIn(p.host(), profileName, s.session(),
                        new dev.hoglink.service.session.SessionTraits(profile.readOnly(), profile.siteUri(), ""));
            }).onSuccess(session -> {
                pending = null;
                step.set(Step.DONE);
                status.set("Signed in.");
                onSignedIn.accept(session);
            }).onFailure(this::failed);
        }).onFailure(this::failed);
    }

    /** A valid connection name for a host when none was typed: "PostHog US", "PostHog EU" or "host port N". */
    static String suggestedName(PostHogHost h) {
        if (h.equals(PostHogHost.US_CLOUD)) {
            return "PostHog US";
        }
        if (h.equals(PostHogHost.EU_CLOUD)) {
            return "PostHog EU";
        }
        String n = h.uri().getHost() + (h.uri().getPort() > 0 ? " port " + h.uri().getPort() : "");
        n = n.replaceAll("[^\\p{L}\\p{N}._()@ -]", "").strip();
        return n.isEmpty() ? "PostHog" : n.substring(0, Math.min(n.length(), ConnectionProfile.MAX_NAME_LENGTH));
    }

    /** Copies the sign-in link (for a browser Hoglink could not open). */
    public void copyLink() {
        if (!link.get().isEmpty()) {
            clipboard.accept(link.get());
            status.set("Link copied. Open it in a browser on this computer; Hoglink is waiting.");
        }
    }

    /** Stops waiting for the browser. */
    public void cancel() {
        if (pending != null) {
            pending.cancel();
        }
    }

    private void failed(Throwable e) {
        pending = null;
        if (e instanceof SignInFailure f) {
            fail(f.getMessage(), f.fallBackToPersonalKey());
        } else {
            LOGGER.warn("Sign-in failed", e);
            fail("The sign-in failed: " + e.getMessage(), false);
        }
    }

    private void fail(String message, boolean useKey) {
        step.set(Step.FAILED);
        status.set(useKey ? message + " Paste a personal API key above instead." : message);
        fallBackToKey.set(useKey);
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty grantsProperty() {
        return grants.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty linkProperty() {
        return link.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty fallBackToKeyProperty() {
        return fallBackToKey.getReadOnlyProperty();
    }
}
