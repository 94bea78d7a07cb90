package dev.hoglink.ui.oauth;

import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.oauth.InstallationIds;
import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.service.oauth.SetupErrors;
import dev.hoglink.service.ServiceException;
import dev.hoglink.ui.common.TaskHandle;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.util.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The OAuth bootstrap wizard, step by step: choose the project and installation, read what will happen,
 * create and check the link, open it (browser, clipboard or QR code), then wait for the new integration
 * with a countdown to the link's expiry. Cancel works at every step. All network and journal work goes
 * through the {@link TaskRunner}; every method is called on the UI thread.
 */
public final class OAuthWizardViewModel {

    private static final Logger LOGGER = LoggerFactory.getLogger(OAuthWizardViewModel.class);

    /** The wizard's pages, in order. */
    public enum Step {
        CHOOSE("Choose"),
        EXPLAIN("Read first"),
        CREATE("Create link"),
        OPEN("Open link"),
        WAIT("Wait");

        private final String title;

        Step(String title) {
            this.title = title;
        }

        public String title() {
            return title;
        }
    }

    /** How the wait ended; NONE while it has not. */
    public enum Outcome { NONE, COMPLETED, EXPIRED, CANCELLED, FAILED }

    private final OAuthService service;
    private final TaskRunner runner;
    private final Ticker ticker;
    private final Organization organization;
    private final Consumer<Set<Long>> refreshProjects;

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.CHOOSE);
    /** The first step: which project, which installation. */
    private final InstallationChoiceViewModel choice;
    private final ReadOnlyStringWrapper currentUser = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper mintError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper url = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private final ReadOnlyDoubleWrapper timeLeft = new ReadOnlyDoubleWrapper(1);
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Outcome> outcome = new ReadOnlyObjectWrapper<>(Outcome.NONE);
    private final ReadOnlyStringWrapper resultText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<GitHubLink> resultLink = new ReadOnlyObjectWrapper<>();
    private final LinkOpener opener;

    private final AtomicReference<OAuthService.Progress> lastProgress = new AtomicReference<>();
    private OAuthService.Launch launch;
    private boolean closed;
    private TaskHandle<OAuthService.WatchResult> watchTask;
    private Runnable stopTicker = () -> { };

    public OAuthWizardViewModel(OAuthService service, TaskRunner runner, Ticker ticker, BrowserLauncher browser,
                                Consumer<String> clipboard, Organization organization, List<Project> projects,
                                Project initial, Consumer<Set<Long>> refreshProjects) {
        this.service = Objects.requireNonNull(service);
        this.runner = Objects.requireNonNull(runner);
        this.ticker = Objects.requireNonNull(ticker);
        this.opener = new LinkOpener(runner, browser, clipboard, () -> launch, () -> step.set(Step.WAIT));
        this.organization = organization;
        this.refreshProjects = Objects.requireNonNull(refreshProjects);
        this.choice = new InstallationChoiceViewModel(service, runner, projects, initial);
    }

    // ---- verbs ------------------------------------------------------------------------------------------

    /** Loads who the key belongs to; call once when the wizard is shown. */
    public void start() {
        runner.run(service::currentUser)
                .onSuccess(currentUser::set)
                .onFailure(e -> {
                    LOGGER.warn("Cannot read the key's user", e);
                    currentUser.set("(could not be read: " + ServiceException.of(e).getMessage() + ")");
                });
    }

    public void next() {
        switch (step.get()) {
            case CHOOSE -> {
                if (canLeaveChoose()) {
                    step.set(Step.EXPLAIN);
                    choice.checkAlreadyConnected();
                }
            }
            case EXPLAIN -> mint();
            case CREATE -> {
                if (launch == null && !busy.get()) {
                    mint();
                }
            }
            case OPEN -> step.set(Step.WAIT);
            case WAIT -> { }
        }
    }

    public void back() {
        switch (step.get()) {
            case EXPLAIN -> step.set(Step.CHOOSE);
            case CREATE -> {
                if (!busy.get() && launch == null) {
                    step.set(Step.EXPLAIN);
                }
            }
            case OPEN -> { }
            case WAIT -> {
                if (outcome.get() == Outcome.NONE) {
                    step.set(Step.OPEN);
                }
            }
            case CHOOSE -> { }
        }
    }

    /** Opens the link in the system browser; see {@link LinkOpener#openInBrowser()}. */
    public void openInBrowser() {
        opener.openInBrowser();
    }

    /**
     * "It failed / I denied it": PostHog keeps no record of a denial or a failed return that Hoglink could read,
     * so the user ends the wait. {@code landingAddress} is the address the browser ended on, when the user
     * pastes it: its {@code github_link_error} (or {@code github_setup_error}) code is explained.
     */
    public void reportFailure(String landingAddress) {
        if (launch == null || outcome.get() != Outcome.NONE) {
            return;
        }
        SetupErrors.Explained why = SetupErrors.fromLandingAddress(landingAddress)
                .orElse(new SetupErrors.Explained("", "You reported that it failed or that you denied the request.",
                        "Nothing was connected. If GitHub or PostHog showed an error code, the list below explains it; "
                                + "create a new link to try again."));
        OAuthService.Launch stopped = stopLaunch();
        step.set(Step.WAIT);
        status.set("Stopped waiting.");
        resultText.set((why.code().isEmpty() ? "" : "PostHog reported " + why.code() + ": ") + why.sentence());
        outcome.set(Outcome.FAILED);
        runner.run(() -> service.reportFailed(stopped, why))
                .onFailure(e -> LOGGER.warn("Cannot record the failed OAuth launch", e));
    }

    public void copyLink() {
        opener.copyLink();
    }

    /** Creates a new link (after expiry or a failure, or to replace one); the previous link stops working. */
    public void mintAgain() {
        if (launch != null && outcome.get() == Outcome.NONE) {
            stopWatching("Replaced by a new link.");
        }
        mint();
    }

    /** Stops waiting (the link stays valid until it expires); safe at any step and more than once. */
    public void cancel() {
        closed = true;
        if (launch != null && outcome.get() == Outcome.NONE) {
            stopWatching("Cancelled in Hoglink.");
            status.set("Stopped waiting.");
            resultText.set("Stopped waiting. The link already opened still works until "
                    + OAuthWizardViewModel.time(launch.expiresAt()) + "; check the project later.");
            outcome.set(Outcome.CANCELLED);
        }
        choice.cancel();
    }

    /** Stops watching the current launch (its ticker and its watch) and returns it. */
    private OAuthService.Launch stopLaunch() {
        OAuthService.Launch stopped = launch;
        stopped.requestCancel();
        stopTicker.run();
        if (watchTask != null) {
            watchTask.cancel();
            watchTask = null;
        }
        return stopped;
    }

    private void stopWatching(String why) {
        OAuthService.Launch stopped = stopLaunch();
        runner.run(() -> service.cancel(stopped, why))
                .onFailure(e -> LOGGER.warn("Cannot record the cancelled OAuth launch", e));
    }

    private boolean canLeaveChoose() {
        return choice.complete();
    }


    private void mint() {
        Project project = choice.selectedProjectProperty().get();
        String id = choice.installationIdProperty().get() == null ? "" : choice.installationIdProperty().get().strip();
        if (project == null || InstallationIds.problem(id).isPresent()) {
            step.set(Step.CHOOSE);
            return;
        }
        closed = false; // a new link after Cancel is a new attempt
        launch = null;
        url.set("");
        mintError.set("");
        opener.reset();
        outcome.set(Outcome.NONE);
        resultText.set("");
        resultLink.set(null);
        step.set(Step.CREATE);
        busy.set(true);
        runner.run(() -> service.mint(organization, project, id))
                .onSuccess(this::launched)
                .onFailure(e -> {
                    ServiceException se = e instanceof IllegalArgumentException ? null : ServiceException.of(e);
                    String msg = se == null ? e.getMessage() : se.getMessage();
                    LOGGER.info("Creating the authorize link failed: {}", msg);
                    if (se != null && se.kind() == ServiceException.Kind.PERMISSION
                            && se.missingScope().filter("integration:write"::equals).isPresent()) {
                        // The same refusal of every project: the window's read-only sentence, and its buttons told
                        msg = readOnlySentence.get();
                        onKeyReadOnly.run();
                    }
                    // Try again would only mint one built the same way. The hosts Hoglink opens are the way forward
                    // only for a link that is not on GitHub's sign-in page; a malformed one or one returning
                    // elsewhere than the connected PostHog is not mended by them.
                    if (e instanceof OAuthService.UrlRefusedException refused && refused.notGitHub()) {
                        msg = msg + " " + REFUSED_LINK_ADVICE;
                    }
                    mintError.set(msg);
                })
                .onFinished(() -> busy.set(false));
    }

    /**
     * After a link refused for not being on GitHub's sign-in page: what a new one would do and the ways forward,
     * since PostHog builds every link for this connection the same way (README, OAuthUrlValidator).
     */
    static final String REFUSED_LINK_ADVICE = "A new link from this PostHog would be refused the same way: Hoglink "
            + "opens only GitHub's sign-in page, over https on github.com or on a GitHub Enterprise host named in "
            + "github.enterprise.hosts in oauth.properties in the config folder. Link existing installation… needs no "
            + "browser.";

    private Runnable onKeyReadOnly = () -> { };
    private java.util.function.Supplier<String> readOnlySentence = () -> dev.hoglink.model.Capabilities.READ_ONLY;

    /**
     * What runs when PostHog refuses the authorize link because the credential lacks integration:write, and the
     * sentence the window gives such a credential (a key's or a sign-in's, {@link dev.hoglink.model.Capabilities}).
     */
    public void setOnKeyReadOnly(Runnable run, java.util.function.Supplier<String> sentence) {
        onKeyReadOnly = java.util.Objects.requireNonNull(run);
        readOnlySentence = java.util.Objects.requireNonNull(sentence);
    }

    private void launched(OAuthService.Launch l) {
        if (closed) {
            // The wizard was cancelled while the link was being created: record that, do not watch.
            runner.run(() -> service.cancel(l, "Cancelled before the link was opened."))
                    .onFailure(e -> LOGGER.warn("Cannot record the cancelled OAuth launch", e));
            return;
        }
        launch = l;
        url.set(l.url().toString());
        lastProgress.set(null);
        tick(); // before the page shows: it never reads "The link expires in ."
        step.set(Step.OPEN);
        status.set("Waiting for you to approve on GitHub…");
        stopTicker = ticker.every(Duration.ofSeconds(1), this::tick);
        OAuthService.Launch watched = l;
        watchTask = runner.run(() -> service.watch(watched, lastProgress::set));
        watchTask.onSuccess(r -> finished(watched, r))
                .onFailure(e -> finished(watched, new OAuthService.WatchResult(OAuthService.Status.FAILED, null,
                        ServiceException.of(e).getMessage(), ServiceException.of(e))));
    }

    private void finished(OAuthService.Launch watched, OAuthService.WatchResult r) {
        if (watched != launch) {
            return;
        }
        stopTicker.run();
        watchTask = null;
        step.set(Step.WAIT);
        switch (r.status()) {
            case COMPLETED -> {
                resultLink.set(r.link());
                resultText.set(r.message());
                status.set("Connected.");
                outcome.set(Outcome.COMPLETED);
                refreshProjects.accept(Set.of(watched.project().id()));
            }
            case EXPIRED -> {
                timeLeft.set(0);
                countdown.set(Waits.countdown(Duration.ZERO));
                status.set("The link expired.");
                resultText.set("The link expired before the new integration appeared. This happens when it was "
                        + "not approved within 15 minutes, was denied, was opened in a browser signed in to "
                        + "PostHog as someone else, or was replaced by a newer link. Create a new link to try again.");
                outcome.set(Outcome.EXPIRED);
            }
            case CANCELLED -> outcome.set(Outcome.CANCELLED);
            case FAILED -> {
                status.set("Stopped checking.");
                resultText.set(r.message());
                outcome.set(Outcome.FAILED);
            }
        }
    }

    private void tick() {
        if (launch == null) {
            return;
        }
        Instant now = service.clock().instant();
        Duration left = Duration.between(now, launch.expiresAt());
        if (left.isNegative()) {
            left = Duration.ZERO;
        }
        countdown.set(Waits.countdown(left));
        timeLeft.set((double) left.toMillis() / OAuthService.LINK_LIFETIME.toMillis());
        OAuthService.Progress p = lastProgress.get();
        if (p != null && outcome.get() == Outcome.NONE) {
            status.set(p.problem() == null
                    ? "Waiting for you to approve on GitHub… checked " + p.checks() + (p.checks() == 1 ? " time" : " times")
                    + ", last at " + time(p.lastCheck()) + "."
                    : "Checking is having trouble (" + p.problem() + "); trying again "
                    + Waits.when(p.nextCheckIn()) + ".");
        }
    }

    /**
     * The Open step's first sentence. It names the user the browser must be signed in as, read for the Read first
     * step, since that step (and the user it shows) is no longer on screen; while the user is unread or could not be
     * read, it says whose user that is instead.
     */
    public static String openIntro(String currentUser, boolean qrCode) {
        String user = currentUser == null || currentUser.isBlank() || currentUser.startsWith("(")
                ? "the same user whose API key Hoglink uses" : currentUser;
        return "The link is ready and checked. Open it in a browser signed in to PostHog as " + user
                + (qrCode ? ", or scan the code on another device." : ".");
    }

    static String time(Instant i) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss")
                .withZone(java.time.ZoneId.systemDefault()).format(i);
    }


    // ---- properties -------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public Step step() {
        return step.get();
    }


    /** The first step's view model: the project and the installation to link. */
    public InstallationChoiceViewModel choice() {
        return choice;
    }

    public ReadOnlyStringProperty currentUserProperty() {
        return currentUser.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty mintErrorProperty() {
        return mintError.getReadOnlyProperty();
    }

    /** The checked link, or empty until one is accepted. */
    public ReadOnlyStringProperty urlProperty() {
        return url.getReadOnlyProperty();
    }

    /** Time left on the link, "14 min 59 s", "119 s", "0 s" once expired ({@link Waits#countdown}). */
    public ReadOnlyStringProperty countdownProperty() {
        return countdown.getReadOnlyProperty();
    }

    /** The share of the link's 15 minutes still left, from 1 down to 0. */
    public ReadOnlyDoubleProperty timeLeftProperty() {
        return timeLeft.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Outcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty resultTextProperty() {
        return resultText.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<GitHubLink> resultLinkProperty() {
        return resultLink.getReadOnlyProperty();
    }

    /** A short confirmation of the last open/copy action. */
    public ReadOnlyStringProperty noticeProperty() {
        return opener.noticeProperty();
    }

    /** True while the browser is being started. */
    public ReadOnlyBooleanProperty openingProperty() {
        return opener.openingProperty();
    }

    /** Why the browser did not open, with what to do instead; empty when it did or was not tried. */
    public ReadOnlyStringProperty launchErrorProperty() {
        return opener.launchErrorProperty();
    }

    /** Whether Next (or Create link) does something now. */
    public BooleanBinding canNextBinding() {
        return Bindings.createBooleanBinding(() -> switch (step.get()) {
            case CHOOSE -> choice.complete();
            case EXPLAIN -> !busy.get();
            case CREATE -> !busy.get() && url.get().isEmpty();
            case OPEN -> true;
            case WAIT -> false;
        }, step, choice.selectedProjectProperty(), choice.installationIdProperty(), busy, url);
    }

    public BooleanBinding canBackBinding() {
        return Bindings.createBooleanBinding(() -> switch (step.get()) {
            case CHOOSE, OPEN -> false;
            case EXPLAIN -> true;
            case CREATE -> !busy.get() && url.get().isEmpty();
            case WAIT -> outcome.get() == Outcome.NONE;
        }, step, busy, url, outcome);
    }

    /** True once the wizard has nothing more to do, so its Cancel button reads Close. */
    public BooleanBinding finishedBinding() {
        return outcome.isNotEqualTo(Outcome.NONE);
    }

    /** Whether "Create a new link" is offered: after expiry, failure or cancel, or while waiting. */
    public BooleanBinding canMintAgainBinding() {
        return Bindings.createBooleanBinding(() -> step.get() == Step.WAIT && outcome.get() != Outcome.COMPLETED
                && !busy.get(), step, outcome, busy);
    }
}
