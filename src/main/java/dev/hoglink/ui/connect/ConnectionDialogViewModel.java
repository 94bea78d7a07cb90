package dev.hoglink.ui.connect;

import dev.hoglink.model.Organization;
import dev.hoglink.service.connection.ConnectionMessages.ConnectionMessage;
import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.connection.ConnectionService;
import dev.hoglink.service.credentials.CredentialStoreException;
import dev.hoglink.service.credentials.Credentials;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.connection.ProfileStore;
import dev.hoglink.service.connection.ScopeCheck;
import dev.hoglink.service.session.Session;
import dev.hoglink.service.session.SessionTraits;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.TaskRunner;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Connect to PostHog" dialog: name, host (US Cloud, EU Cloud or self-hosted), personal API key; Test
 * connection shows who the key belongs to, its organizations and levels, and its scopes with what a missing
 * one disables; Save keeps the profile in the config folder and the key in the OS keyring only. Editing any
 * field after a test asks for a new test before saving.
 */
public final class ConnectionDialogViewModel {

    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionDialogViewModel.class);

    /** Where PostHog runs. */
    public enum HostChoice { US_CLOUD, EU_CLOUD, SELF_HOSTED }

    /** The state of the last test. */
    public enum TestState { NOT_TESTED, TESTING, OK, FAILED }

    /** One line of the test report: a tick or a cross, and plain words. */
    public record ReportLine(boolean good, String text) {
    }

    private final ConnectionService connections;
    private final ProfileStore profiles;
    private final Credentials credentials;
    private final TaskRunner runner;
    private final DialogService dialogs;
    private final Optional<ConnectionProfile> editing;

    private final StringProperty name = new SimpleStringProperty("");
    private final ObjectProperty<HostChoice> hostChoice = new SimpleObjectProperty<>(HostChoice.US_CLOUD);
    private final StringProperty selfHostedUrl = new SimpleStringProperty("");
    private final StringProperty apiKey = new SimpleStringProperty("");
    private final BooleanProperty keyRevealed = new SimpleBooleanProperty(false);
    private final StringProperty siteUrl = new SimpleStringProperty("");
    private final BooleanProperty readOnly = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<TestState> testState = new ReadOnlyObjectWrapper<>(TestState.NOT_TESTED);
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper advice = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper validation = new ReadOnlyStringWrapper("");
    private final StringProperty note = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper keyHint = new ReadOnlyStringWrapper(KEY_HINT_UNKNOWN);
    private final ReadOnlyObjectWrapper<PostHogHost> suggestedHost = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ReportLine> report = FXCollections.observableArrayList();
    private final BooleanBinding canTest;
    private final BooleanBinding canSave;

    /** Where to get a key and which scopes it needs; each hint below adds where Hoglink keeps it. */
    static final String KEY_SOURCE = "A personal API key from PostHog's Settings › Personal API keys, with the scopes "
            + "user:read, organization:read, project:read, integration:read and integration:write.";
    /** Until the keyring has answered: true with a keyring and without one. */
    static final String KEY_HINT_UNKNOWN = KEY_SOURCE + " Hoglink never writes it to a plain file.";
    static final String KEY_HINT_KEYRING = KEY_SOURCE + " Hoglink keeps it only in your system keyring.";
    /** What Save then offers: the key in memory (Credentials.keepForSession), gone when Hoglink quits. */
    static final String KEY_HINT_NO_KEYRING = KEY_SOURCE + " There is no system keyring here: Hoglink can keep the key "
            + "in memory for this session only, and never writes it to disk.";

    private ConnectionService.Ok lastOk;
    private PostHogHost lastHost;

    public ConnectionDialogViewModel(ConnectionService connections, ProfileStore profiles, Credentials credentials,
                                     TaskRunner runner, DialogService dialogs, Optional<ConnectionProfile> editing) {
        this.connections = connections;
        this.profiles = profiles;
        this.credentials = credentials;
        this.runner = runner;
        this.dialogs = dialogs;
        this.editing = editing;
        editing.ifPresent(p -> {
            name.set(p.name());
            readOnly.set(p.readOnly());
            siteUrl.set(p.siteUrl() == null ? "" : p.siteUrl().url());
            if (p.host() != null) {
                switch (p.host().kind()) {
                    case US_CLOUD -> hostChoice.set(HostChoice.US_CLOUD);
                    case EU_CLOUD -> hostChoice.set(HostChoice.EU_CLOUD);
                    default -> {
                        hostChoice.set(HostChoice.SELF_HOSTED);
                        selfHostedUrl.set(p.host().url());
                    }
                }
            }
        });
        canTest = Bindings.createBooleanBinding(() -> !busy.get() && !apiKey.get().isBlank()
                        && (hostChoice.get() != HostChoice.SELF_HOSTED || !selfHostedUrl.get().isBlank()),
                busy, apiKey, hostChoice, selfHostedUrl);
        canSave = Bindings.createBooleanBinding(() -> !busy.get() && testState.get() == TestState.OK
                && !name.get().isBlank(), busy, testState, name);
        // Any change to what was tested invalidates the test.
        hostChoice.addListener((o, a, b) -> invalidate());
        selfHostedUrl.addListener((o, a, b) -> invalidate());
        apiKey.addListener((o, a, b) -> invalidate());
    }

    private void invalidate() {
        if (testState.get() != TestState.TESTING) {
            testState.set(TestState.NOT_TESTED);
            lastOk = null;
            report.clear();
            headline.set("");
            advice.set("");
            suggestedHost.set(null);
        }
        validation.set("");
    }

    /** The host the fields describe; sets the validation message and returns empty when it is not valid. */
    Optional<PostHogHost> host() {
        return switch (hostChoice.get()) {
            case US_CLOUD -> Optional.of(PostHogHost.US_CLOUD);
            case EU_CLOUD -> Optional.of(PostHogHost.EU_CLOUD);
            case SELF_HOSTED -> PostHogHost.tryParse(selfHostedUrl.get(), validation::set);
        };
    }


    /** Runs the connection test in the background. */
    public void test() {
        if (!canTest.get()) {
            return;
        }
        Optional<PostHogHost> host = host();
        if (host.isEmpty()) {
            return;
        }
        String key = apiKey.get().strip();
        busy.set(true);
        testState.set(TestState.TESTING);
        report.clear();
        headline.set("Testing the connection to " + host.get().displayName() + "…");
        advice.set("");
        suggestedHost.set(null);
        runner.run(() -> connections.test(host.get(), key))
                .onSuccess(result -> show(host.get(), result))
                .onFailure(e -> {
                    LOGGER.warn("Connection test failed unexpectedly", e);
                    testState.set(TestState.FAILED);
                    headline.set("The test could not run.");
                    advice.set("See the log for details, then try again.");
                })
                .onFinished(() -> busy.set(false));
    }

    private void show(PostHogHost host, ConnectionService.Result result) {
        if (result instanceof ConnectionService.Ok ok) {
            lastOk = ok;
            lastHost = host;
            testState.set(TestState.OK);
            ConnectionService.Report r = ok.report();
            headline.set("Connected as " + r.userName() + (r.email().isBlank() || r.email().equals(r.userName())
                    ? "" : " (" + r.email() + ")") + ".");
            List<ReportLine> lines = new ArrayList<>();
            if (r.organizations().isEmpty()) {
                lines.add(new ReportLine(false, "The key sees no organization."));
            }
            for (Organization o : r.organizations()) {
                String refused = r.unreadable().get(o.id());
                // An organization PostHog lists but whose projects it refuses this key is no success: it says why.
                lines.add(refused == null ? new ReportLine(true, o.name() + ": " + levelName(o.membershipLevel()))
                        : new ReportLine(false, o.name() + ": " + levelName(o.membershipLevel())
                                + ". Its projects cannot be read with this key. " + refused));
            }
            r.limit().ifPresent(l -> lines.add(new ReportLine(false, l)));
            if (r.scopes().isPresent()) {
                ScopeCheck.Report s = r.scopes().get();
                s.present().forEach(n -> lines.add(new ReportLine(true, n.scope())));
                s.missing().forEach(m -> lines.add(new ReportLine(!m.required(), m.message())));
            } else {
                r.scopesSeenWorking().forEach(sc -> lines.add(new ReportLine(true, sc + " (seen working)")));
                lines.add(new ReportLine(true, "The key may not read its own scopes (personal_api_key:read), so the "
                        + "others are checked when first used."));
            }
            report.setAll(lines);
            advice.set(r.canWrite() ? "" : "Read-only: linking, unlinking and the OAuth bootstrap will be disabled.");
            if (name.get().isBlank()) {
                name.set(suggestName(host, r));
            }
        } else if (result instanceof ConnectionService.Failed failed) {
            testState.set(TestState.FAILED);
            ConnectionMessage m = failed.message();
            headline.set(m.headline());
            advice.set(m.advice());
            suggestedHost.set(m.suggestedHost().orElse(null));
        }
    }

    /** Switches the host to the one the failure suggested (the other cloud region) and tests again. */
    public void useSuggestedHost() {
        PostHogHost h = suggestedHost.get();
        if (h == null) {
            return;
        }
        hostChoice.set(h.equals(PostHogHost.EU_CLOUD) ? HostChoice.EU_CLOUD : HostChoice.US_CLOUD);
        test();
    }

    /**
     * Saves the profile and its key (keyring only; if the keyring is unusable the user may keep the key for
     * this session only), marks it last used, and hands the new session to {@code onSaved}.
     */
    public void save(Consumer<Session> onSaved) {
        if (!canSave.get() || lastOk == null) {
            return;
        }
        String profileName;
        try {
            profileName = ConnectionProfile.requireValidName(name.get());
        } catch (IllegalArgumentException e) {
            validation.set(e.getMessage());
            return;
        }
        ConnectionService.Ok ok = lastOk;
        PostHogHost host = lastHost;
        Optional<PostHogHost> site = siteAddress(host);
        if (site == null) {
            return;
        }
        String key = apiKey.get().strip();
        busy.set(true);
        runner.run(() -> {
            credentials.saveInKeyring(profileName, key);
            return Boolean.TRUE;
        }).onSuccess(saved -> finishSave(profileName, host, site, ok, onSaved))
                .onFailure(e -> {
                    busy.set(false);
                    if (e instanceof CredentialStoreException c && c.keyringUnusable()) {
                        boolean session = dialogs.confirm("No system keyring",
                                c.getMessage() + "\n\nHoglink never writes keys to plain files. Keep this key in memory "
                                        + "for this session only? You will paste it again next time.",
                                "Keep for this session");
                        if (session) {
                            credentials.keepForSession(profileName, key);
                            busy.set(true);
                            finishSave(profileName, host, site, ok, onSaved);
                        }
                    } else {
                        validation.set("The key could not be saved: " + e.getMessage());
                        LOGGER.warn("Saving the key failed", e);
                    }
                });
    }

    /**
     * The public site address typed for a self-hosted PostHog (empty: none), checked like a host; null after
     * setting the validation message when it is not a valid address.
     */
    Optional<PostHogHost> siteAddress(PostHogHost host) {
        String typed = siteUrl.get() == null ? "" : siteUrl.get().strip();
        if (typed.isEmpty() || host.isCloud()) {
            return Optional.empty();
        }
        Optional<PostHogHost> site = PostHogHost.tryParse(typed, m -> validation.set("Site address: " + m));
        return site.isPresent() ? site : null;
    }

    private void finishSave(String profileName, PostHogHost host, Optional<PostHogHost> site, ConnectionService.Ok ok,
                            Consumer<Session> onSaved) {
        boolean markedReadOnly = readOnly.get();
        runner.run(() -> {
            credentials.newCredential(profileName); // maybe another user's key: the old user's cache is not shown
            ConnectionProfile profile = editing.filter(p -> p.name().equalsIgnoreCase(profileName))
                    .map(p -> new ConnectionProfile(profileName, host, p.organizationId(), false))
                    .orElseGet(() -> ConnectionProfile.of(profileName, host))
                    .withSiteUrl(site.orElse(null)).withReadOnly(markedReadOnly);
            if (profiles.find(profileName).isPresent()) {
                profiles.update(profile);
            } else {
                profiles.add(profile);
            }
            if (!credentials.sessionOnly(profileName)) {
                // A key kept for this session only is gone at the next start: that start keeps its connection.
                profiles.setLastUsed(profileName);
            }
            return connections.open(ok, host, profileName,
                    new SessionTraits(profile.readOnly(), profile.siteUri(), ""));
        }).onSuccess(s -> {
            busy.set(false);
            onSaved.accept(s);
        }).onFailure(e -> {
            busy.set(false);
            validation.set(e instanceof IllegalArgumentException ? e.getMessage()
                    : "The connection could not be saved: " + e.getMessage());
            LOGGER.warn("Saving the profile failed", e);
        });
    }

    static String levelName(int level) {
        return level >= Organization.OWNER ? "owner" : level >= Organization.ADMIN ? "admin" : "member";
    }

    private static String suggestName(PostHogHost host, ConnectionService.Report r) {
        String org = r.organizations().isEmpty() ? host.displayName() : r.organizations().get(0).name();
        return (org + " " + (host.equals(PostHogHost.EU_CLOUD) ? "EU" : host.equals(PostHogHost.US_CLOUD) ? "US" : ""))
                .replaceAll("[^\\p{L}\\p{N}._()@ -]", "").strip();
    }

    /**
     * Asks the keyring (in the background: it may take up to its timeout) whether it can be used, so the key's
     * hint says where the key will be kept. Without an answer the hint claims neither.
     */
    public void checkKeyring() {
        runner.run(credentials::keyringAvailability)
                .onSuccess(a -> keyHint.set(a.available() ? KEY_HINT_KEYRING : KEY_HINT_NO_KEYRING))
                .onFailure(e -> LOGGER.warn("Asking whether the keyring can be used failed", e));
    }

    /** The key field's hint: where to get a key, its scopes, and where Hoglink keeps it (see {@link #checkKeyring}). */
    public ReadOnlyStringProperty keyHintProperty() {
        return keyHint.getReadOnlyProperty();
    }

    /** Why the dialog opened, when not at the user's request (e.g. the saved key was refused). */
    public StringProperty noteProperty() {
        return note;
    }

    public StringProperty nameProperty() {
        return name;
    }

    public ObjectProperty<HostChoice> hostChoiceProperty() {
        return hostChoice;
    }

    public StringProperty selfHostedUrlProperty() {
        return selfHostedUrl;
    }

    public StringProperty apiKeyProperty() {
        return apiKey;
    }

    /** The self-hosted instance's public address (PostHog's SITE_URL) when it differs from the host; optional. */
    public StringProperty siteUrlProperty() {
        return siteUrl;
    }

    /** "Read-only connection": Hoglink sends no change over it (as production contexts are marked). */
    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    public BooleanProperty keyRevealedProperty() {
        return keyRevealed;
    }

    public ReadOnlyObjectProperty<TestState> testStateProperty() {
        return testState.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty adviceProperty() {
        return advice.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty validationProperty() {
        return validation.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PostHogHost> suggestedHostProperty() {
        return suggestedHost.getReadOnlyProperty();
    }

    public ObservableList<ReportLine> report() {
        return report;
    }

    public BooleanBinding canTestBinding() {
        return canTest;
    }

    public BooleanBinding canSaveBinding() {
        return canSave;
    }
}
