package dev.hoglink.ui.link;

import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.model.AvailableInstallations;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.service.link.LinkResult;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.ServiceException;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.util.Waits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The "Link existing installation…" dialog: lists what the project could link, confirms in one sentence
 * exactly what will happen, sends one link request, and turns each PostHog refusal into guidance with the
 * action that helps (open the personal integrations page, start the OAuth bootstrap, wait out a 429, check
 * the real state after a lost answer), or switches (see {@link SwitchPlan}). The link action is disabled from
 * press to answer, so a double click or a double Enter sends one request. Never touches a Node.
 */
public final class LinkDialogViewModel {

    /** After a link refused because its source project lost the installation: what the dialog did about it. */
    static final String LIST_READ_AGAIN = "The installations below were read again.";
    static final String SOURCE_GONE_READ_AGAIN = "The installations below were read again: if PostHog still offers "
            + "it, it now names a project that uses it; pick it again to link from there.";

    private static final Logger LOGGER = LoggerFactory.getLogger(LinkDialogViewModel.class);
    static final Duration DEFAULT_WAIT = Duration.ofSeconds(60);

    /** Where the dialog is. */
    public enum Step { LOADING, PICK, CONFIRM, DONE }

    /** How the message is shown. */
    public enum Tone { NONE, INFO, SUCCESS, WARNING, ERROR }

    /** The extra button the guidance offers. */
    public enum Remedy {
        NONE(""),
        OPEN_PERSONAL_INTEGRATIONS("Open Personal integrations in PostHog"),
        START_OAUTH("Start OAuth bootstrap…"),
        CHECK_AGAIN("Check again"),
        OPEN_GITHUB_SETTINGS("Open its settings on GitHub"),
        ASK_GITHUB("Ask GitHub through PostHog");

        private final String label;

        Remedy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final TaskRunner runner;
    private final LinkService service;
    private final LinkService.Target target;
    private final InstallationFacts facts;
    private final Clock clock;
    private final BrowserLauncher browser;
    private final Runnable startOAuth;
    private final Consumer<LinkResult> onLinked;

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.LOADING);
    private final ObservableList<OptionRow> options = FXCollections.observableArrayList();
    private final ObjectProperty<OptionRow> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper listText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper confirmation = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Tone> tone = new ReadOnlyObjectWrapper<>(Tone.NONE);
    private final ReadOnlyObjectWrapper<Remedy> remedy = new ReadOnlyObjectWrapper<>(Remedy.NONE);
    private final ReadOnlyBooleanWrapper inFlight = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper waiting = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper stateUnknown = new ReadOnlyBooleanWrapper();
    /** The selected installation was refused for the user's role (adoption needs admin): the same request would be too. */
    private final ReadOnlyBooleanWrapper refusedForRole = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper countdown = new ReadOnlyStringWrapper("");
    private final BooleanBinding canNext;
    private final BooleanBinding canLink;
    private Instant retryAt;
    private Runnable onRefused = () -> { };
    /** Whether the user is known to be below admin on the project (PostHog then refuses an adoption). */
    private java.util.function.BooleanSupplier belowAdmin = () -> false;
    private Runnable onKeyReadOnly = () -> onRefused.run();
    private volatile List<String> ownAccounts = List.of(); // the project's GitHub accounts now, read with the list
    private LinkResult lastResult;
    private int requestsSent;
    private final SwitchPlan switchPlan;
    private Runnable onSwitched = () -> { };
    private Consumer<Long> onRowChanged = id -> { };
    /** The row whose installation a server error may be about, which PostHog still reports working. */
    private record AskRow(OptionRow row, long projectId, long integrationId, String journal) {
    }

    private AskRow askRow;

    public LinkDialogViewModel(TaskRunner runner, LinkService service, LinkService.Target target,
                               InstallationFacts facts, Clock clock, BrowserLauncher browser, Runnable startOAuth,
                               Consumer<LinkResult> onLinked) {
        this.runner = Objects.requireNonNull(runner);
        this.service = Objects.requireNonNull(service);
        this.target = Objects.requireNonNull(target);
        this.facts = facts == null ? InstallationFacts.NONE : facts;
        this.clock = Objects.requireNonNull(clock);
        this.browser = browser;
        this.startOAuth = startOAuth;
        this.onLinked = onLinked == null ? r -> { } : onLinked;
        this.switchPlan = new SwitchPlan(runner, service, target);
        canNext = Bindings.createBooleanBinding(() -> step.get() == Step.PICK && selected.get() != null
                        && selected.get().available(), step, selected);
        canLink = Bindings.createBooleanBinding(() -> step.get() == Step.CONFIRM && selected.get() != null
                        && selected.get().available() && !inFlight.get() && !waiting.get() && !stateUnknown.get()
                        && !refusedForRole.get(),
                step, selected, inFlight, waiting, stateUnknown, refusedForRole);
        selected.addListener((o, a, b) -> {
            forgetAsk();
            refusedForRole.set(false);
            confirmation.set(b == null ? "" : sentence(b));
            if (step.get() == Step.PICK && b != null && !b.available()) {
                show(Tone.WARNING, b.unavailableReason(), browser == null || b.gitHubSettingsUrl() == null
                        ? Remedy.NONE : Remedy.OPEN_GITHUB_SETTINGS);
            } else if (step.get() == Step.PICK && remedy.get() == Remedy.OPEN_GITHUB_SETTINGS) {
                clearMessage();
            }
        });
    }

    // ---- verbs ------------------------------------------------------------------------------------------

    /** Lists the installations the project could link (and their repository counts). */
    public void load() {
        step.set(Step.LOADING);
        listText.set("Looking for installations…");
        long projectId = target.projectId();
        runner.run(() -> rowsOf(service.available(projectId)))
                .onSuccess(rows -> {
                    options.setAll(rows);
                    listText.set(OptionRow.listText(rows) + (rows.isEmpty() ? ""
                            : facts.fromEarlierRead(WHO_USES_WHAT)));
                    if (rows.isEmpty() && startOAuth != null) {
                        remedy.set(Remedy.START_OAUTH);
                    }
                    OptionRow keep = selected.get();
                    selected.set(rows.size() == 1 && rows.get(0).available() ? rows.get(0) : keep == null ? null
                            : rows.stream().filter(r -> r.option().installationId().equals(keep.option().installationId()))
                            .findFirst().orElse(null));
                    step.set(Step.PICK);
                })
                .onFailure(e -> {
                    ServiceException se = ServiceException.of(e);
                    options.clear();
                    listText.set("Couldn't list installations.");
                    show(Tone.ERROR, se.userMessage(), Remedy.NONE);
                    step.set(Step.PICK);
                });
    }

    /** Runs off the UI thread: the options with who uses them and their repository counts. */
    private List<OptionRow> rowsOf(AvailableInstallations a) {
        Set<String> own = new java.util.HashSet<>();
        try {
            List<GitHubLink> current = service.links(target.projectId());
            current.forEach(l -> own.add(l.installationId()));
            switchPlan.projectLinks(current);
            // its installations, as the result will name them: a row naming none is not one (InstallationUse.others)
            ownAccounts = current.stream().filter(GitHubLink::hasInstallation).map(OptionRow::accountOf).toList();
        } catch (ServiceException e) {
            LOGGER.debug("Could not read project {}'s own links: {}", target.projectId(), e.kind());
        }
        List<OptionRow> rows = new ArrayList<>();
        for (InstallationOption listed : a.installations()) {
            InstallationOption o = facts.named(listed);
            if (own.contains(o.installationId())) {
                continue; // PostHog lists installations this project already uses through a sibling
            }
            int count = facts.knownRepoCount(o.installationId());
            if (count < 0) {
                count = facts.sourceOf(o.installationId())
                        .map(s -> service.repositoryCount(s.projectId(), s.integrationId())).orElse(-1);
            }
            rows.add(new OptionRow(o, count, facts.projectsUsing(o.installationId(), target.projectId()),
                    facts.healthOf(o.installationId())));
        }
        return rows;
    }

    /** PICK → CONFIRM. */
    public void next() {
        if (canNext.get()) {
            clearMessage();
            switchPlan.select(selected.get());
            step.set(Step.CONFIRM);
        }
    }

    /** What runs after a switch's last step (the project is read again; the dialog stays to show the steps). */
    public void setOnSwitched(Runnable r) {
        onSwitched = Objects.requireNonNull(r);
    }

    SwitchPlan switchPlan() { // offered when the project uses one other, shared, installation
        return switchPlan;
    }

    /** What runs when PostHog refuses the link because the credential lacks integration:write. */
    public void setOnKeyReadOnly(Runnable r) {
        onKeyReadOnly = java.util.Objects.requireNonNull(r);
    }

    /**
     * Tells whether the user is known to be below admin on the project (its own level, or the organization's, as
     * PostHog stated them): then the confirmation of an installation no project in the organization uses yet says,
     * before sending, that PostHog will want an admin (docs/api-notes.md N23).
     */
    public void setBelowAdmin(java.util.function.BooleanSupplier belowAdmin) {
        this.belowAdmin = java.util.Objects.requireNonNull(belowAdmin);
    }

    /** What runs when PostHog refuses the link with 403 (the capabilities are read again). */
    public void setOnRefused(Runnable r) {
        onRefused = java.util.Objects.requireNonNull(r);
    }

    /** CONFIRM → PICK (not while a request is in flight). */
    public void back() {
        if (step.get() == Step.CONFIRM && !inFlight.get()) {
            forgetAsk();
            refusedForRole.set(false); // chosen again, it is the user's call to ask again
            step.set(Step.PICK);
        }
    }

    /** The question about a server error belongs to that attempt and that installation only. */
    private void forgetAsk() {
        askRow = null;
        if (remedy.get() == Remedy.ASK_GITHUB) {
            clearMessage();
        }
    }

    /** Sends the link request, once: ignored while one is in flight, after success, or while waiting. */
    public void link() {
        if (!canLink.get()) {
            return;
        }
        OptionRow row = selected.get();
        inFlight.set(true);
        requestsSent++;
        askRow = null;
        clearMessage();
        show(Tone.INFO, "Linking " + target.project().ownName() + "…", Remedy.NONE);
        switchPlan.linkStarted();
        // What the project keeps beside it comes from PostHog's rows read at the link (before sending, else after).
        runner.run(() -> service.linkNew(target, row.option()))
                .onSuccess(this::showResult)
                .onFailure(e -> show(Tone.ERROR, ServiceException.of(e).userMessage(), Remedy.NONE))
                .onFinished(() -> inFlight.set(false));
    }

    /** After a lost answer: asks PostHog for the real state (sends nothing that changes it). */
    public void checkAgain() {
        OptionRow row = selected.get();
        if (!stateUnknown.get() || inFlight.get() || row == null) {
            return;
        }
        inFlight.set(true);
        show(Tone.INFO, "Asking PostHog whether " + target.project().ownName() + " is linked…", Remedy.NONE);
        runner.run(() -> service.confirmLink(target, row.option().installationId(), row.option().accountName()))
                .onSuccess(this::showResult)
                .onFailure(e -> show(Tone.ERROR, ServiceException.of(e).userMessage(), Remedy.CHECK_AGAIN))
                .onFinished(() -> inFlight.set(false));
    }

    /** Runs the remedy the guidance offers. */
    public void runRemedy() {
        switch (remedy.get()) {
            case OPEN_PERSONAL_INTEGRATIONS -> {
                if (browser != null) {
                    browser.open(OptionRow.personalIntegrationsPage(service.host(), target.projectId()));
                }
            }
            case START_OAUTH -> {
                if (startOAuth != null) {
                    startOAuth.run();
                }
            }
            case CHECK_AGAIN -> checkAgain();
            case ASK_GITHUB -> askGitHub();
            case OPEN_GITHUB_SETTINGS -> {
                OptionRow row = selected.get();
                if (browser != null && row != null && row.gitHubSettingsUrl() != null) {
                    browser.open(URI.create(row.gitHubSettingsUrl()));
                }
            }
            case NONE -> { }
        }
    }

    /** Updates the 429 countdown; the view calls it every second. */
    public void tick() {
        if (retryAt == null) {
            return;
        }
        Duration left = Duration.between(clock.instant(), retryAt);
        if (left.isNegative() || left.isZero()) {
            retryAt = null;
            waiting.set(false);
            countdown.set("");
            show(Tone.INFO, "You can try again now.", Remedy.NONE);
        } else {
            countdown.set("Try again in " + Waits.countdown(left));
        }
    }

    // ---- results ----------------------------------------------------------------------------------------

    private void showResult(LinkResult r) {
        lastResult = r;
        stateUnknown.set(r.kind() == LinkResult.Kind.UNKNOWN);
        String journal = r.journaled() ? "" : " " + r.journalProblem();
        boolean switching = switchPlan.runningProperty().get();
        switchPlan.linkAnswered(r, onSwitched); // the switch's step 2 runs only after a link
        switch (r.kind()) {
            case LINKED, LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, LINKED_MEANWHILE, LINKED_MEANWHILE_UPDATED -> {
                step.set(Step.DONE);
                show(!r.ours() ? Tone.INFO
                        : r.journaled() ? Tone.SUCCESS : Tone.WARNING, r.message() + journal, Remedy.NONE);
                if (!switching) {
                    onLinked.accept(r); // a switch keeps the dialog open to show step 2, then calls onSwitched
                }
            }
            case PERSONAL_GITHUB_REQUIRED, GITHUB_VERIFY_FAILED -> show(Tone.WARNING, r.message() + journal,
                    browser == null ? Remedy.NONE : Remedy.OPEN_PERSONAL_INTEGRATIONS);
            case ORPHAN -> {
                // Offered as used by no project, it now belongs to one the user cannot access: the confirmation above
                // would still say "no project in this organization uses it yet", and Try again would be refused the
                // same way. The dialog reads the list again, which no longer offers it if so.
                show(Tone.WARNING, r.message() + " " + LIST_READ_AGAIN + journal,
                        startOAuth == null ? Remedy.NONE : Remedy.START_OAUTH);
                load();
            }
            case MULTIPLE_INSTALLATIONS -> {
                show(Tone.WARNING, r.message() + journal, Remedy.NONE);
                load();
            }
            case THROTTLED -> {
                Duration wait = r.retryAfter() == null ? DEFAULT_WAIT : r.retryAfter();
                retryAt = clock.instant().plus(wait);
                waiting.set(true);
                show(Tone.WARNING, ("rate_limited".equals(r.code()) ? "GitHub is rate-limiting PostHog"
                        : "PostHog asks Hoglink to slow down") + "; nothing was linked." + journal, Remedy.NONE);
                tick();
            }
            case UNKNOWN -> show(Tone.ERROR, r.message() + journal, Remedy.CHECK_AGAIN);
            case MISSING_SCOPE, FORBIDDEN -> {
                // Final: rights changed since the window opened. No Try again; the capabilities are re-read.
                step.set(Step.DONE);
                show(Tone.ERROR, r.message() + " Nothing was linked; Hoglink has re-read what this connection may do."
                        + journal, Remedy.NONE);
                if (r.kind() == LinkResult.Kind.MISSING_SCOPE && "integration:write".equals(r.missingScope())) {
                    onKeyReadOnly.run(); // the same for every project: the buttons say so at once
                } else {
                    onRefused.run();
                }
            }
            case SERVER -> explainServerError(r, selected.get(), journal);
            case SOURCE_GONE -> {
                // The dialog reads the list itself: no advice to read it again, as the result alone would give.
                show(Tone.WARNING, r.message() + " " + SOURCE_GONE_READ_AGAIN + journal, Remedy.NONE);
                load(); // the list again: PostHog names another project that still uses it, or none
            }
            case ADOPTION_NEEDS_ADMIN -> {
                // PostHog would refuse the same request again until someone raises the user's role: no Try again
                // for this installation (Back still picks another, which may be one a project already uses).
                refusedForRole.set(true);
                show(Tone.WARNING, r.message() + journal, Remedy.NONE);
            }
            case NOT_LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, INSTALLATION_ACCESS_DENIED,
                 INVALID_INPUT, AUTH, NOT_FOUND, NOT_SENT ->
                    show(r.kind() == LinkResult.Kind.SERVER || r.kind() == LinkResult.Kind.AUTH ? Tone.ERROR : Tone.WARNING,
                            r.message() + journal, Remedy.NONE);
        }
    }

    /** PostHog answers a link of a broken installation with a bare 500 (N24): look before calling it an outage. */
    private void explainServerError(LinkResult r, OptionRow row, String journal) {
        show(Tone.ERROR, r.message() + journal, Remedy.NONE);
        if (row == null) {
            return;
        }
        if (!row.available()) {
            showBroken(row, journal);
            return;
        }
        Long source = row.option().sourceProjectId();
        if (source == null) {
            return;
        }
        String id = row.option().installationId();
        int attempt = requestsSent;
        runner.run(() -> service.links(source).stream().filter(l -> id.equals(l.installationId())).findFirst())
                .onSuccess(l -> l.ifPresent(x -> {
                    if (attempt != requestsSent || selected.get() != row || step.get() != Step.CONFIRM) {
                        return; // another attempt, installation or step since: this explains nothing now
                    }
                    if (x.status() != dev.hoglink.model.LinkStatus.CONNECTED) {
                        showBroken(withHealth(row, x.status(), x.errors()), journal);
                    } else {
                        // PostHog marks a row only once a token mint fails (docs/api-notes.md NF2): GitHub may have
                        // dropped the installation before PostHog noticed. Asking is the user's call: it is a
                        // request PostHog counts, and it marks the row if GitHub refuses.
                        askRow = new AskRow(row, source, x.integrationId(), journal);
                        show(Tone.ERROR, r.message() + journal + " PostHog still reports " + row.account()
                                + " working, but GitHub may have uninstalled or suspended it without PostHog noticing"
                                + " yet. To find out, ask GitHub through PostHog: it reads the installation's"
                                + " repositories again.", Remedy.ASK_GITHUB);
                    }
                }));
    }

    private static OptionRow withHealth(OptionRow row, dev.hoglink.model.LinkStatus status, String errors) {
        return new OptionRow(row.option(), row.repoCount(), row.usedBy(),
                java.util.Optional.of(new InstallationFacts.Health(status, errors)));
    }

    /** The remedy after a server error that PostHog's rows do not explain: GitHub's answer, through PostHog. */
    private void askGitHub() {
        AskRow ask = askRow;
        if (ask == null || inFlight.get() || selected.get() != ask.row()) {
            return;
        }
        OptionRow row = ask.row();
        inFlight.set(true);
        show(Tone.INFO, "Asking GitHub through PostHog about " + row.account() + "…", Remedy.NONE);
        runner.run(() -> service.askGitHub(ask.projectId(), ask.integrationId()))
                .onSuccess(answer -> {
                    askRow = null;
                    if (selected.get() != row) {
                        return;
                    }
                    if (!answer.unavailable() && !answer.connected()) {
                        show(Tone.WARNING, "PostHog read " + row.account() + "'s repositories again but did not say"
                                + " whether GitHub refused it. Check the installation on GitHub.",
                                browser == null || row.gitHubSettingsUrl() == null ? Remedy.NONE : Remedy.OPEN_GITHUB_SETTINGS);
                    } else if (answer.unavailable()) {
                        onRowChanged.accept(ask.projectId()); // PostHog marked it: the table reads the row again
                        OptionRow broken = withHealth(row, dev.hoglink.model.LinkStatus.UNAVAILABLE, "");
                        int at = options.indexOf(row);
                        if (at >= 0) {
                            options.set(at, broken);
                        }
                        selected.set(broken); // Link is off for a broken installation, as in the list
                        showBroken(broken, ask.journal());
                        String on = row.option().sourceProjectName() == null || row.option().sourceProjectName().isBlank()
                                ? "project id " + ask.projectId() : row.option().sourceProjectName();
                        message.set(message.get() + " PostHog now reports it unavailable on " + on
                                + "; its other projects follow as PostHog refreshes them.");
                    } else {
                        // PostHog may answer from the list it read in the last 30 s without asking GitHub.
                        show(Tone.ERROR, "PostHog reports " + row.account() + " working: GitHub answered it, or did"
                                + " within the last 30 s. The server error may have come from something else; nothing"
                                + " was linked. Try again in a moment.", Remedy.NONE);
                    }
                })
                .onFailure(e -> show(Tone.ERROR, "Couldn't ask GitHub through PostHog: "
                        + ServiceException.of(e).userMessage(), Remedy.ASK_GITHUB))
                .onFinished(() -> inFlight.set(false));
    }

    /** Told the id of a project whose GitHub row changed on PostHog without a link (a row PostHog marked). */
    public void setOnRowChanged(Consumer<Long> onRowChanged) {
        this.onRowChanged = onRowChanged == null ? id -> { } : onRowChanged;
    }

    private void showBroken(OptionRow row, String journal) {
        show(Tone.WARNING, row.brokenLinkMessage() + journal,
                browser == null || row.gitHubSettingsUrl() == null ? Remedy.NONE : Remedy.OPEN_GITHUB_SETTINGS);
    }

    private void show(Tone t, String text, Remedy r) {
        tone.set(t);
        message.set(text);
        remedy.set(r);
    }

    private void clearMessage() {
        show(Tone.NONE, "", Remedy.NONE);
    }

    private String sentence(OptionRow row) {
        return target.label() + " will use " + dev.hoglink.model.InstallationName.full(row.option().accountName(),
                row.option().installationId()) + row.usedByText() + "."
                + OptionRow.resultWith(target.project().ownName(), ownAccounts, row)
                + (row.usedByText().isEmpty() ? "" : facts.fromEarlierRead(WHO_USES_WHAT))
                + (row.option().fromPersonalAccount() && belowAdmin.getAsBoolean() ? " "
                + dev.hoglink.service.link.InstallationUse.adoptionNeedsAdmin(dev.hoglink.model.InstallationName.the(
                row.option().accountName(), row.option().installationId()), target.project().ownName()) : "");
    }

    /** What the dialog takes from the inventory's rows: said to be from the earlier read while a refresh failed. */
    static final String WHO_USES_WHAT = "Which projects use each installation";

    // ---- properties -------------------------------------------------------------------------------------

    public LinkService.Target target() {
        return target;
    }

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ObservableList<OptionRow> options() {
        return options;
    }

    public ObjectProperty<OptionRow> selectedProperty() {
        return selected;
    }

    /** Above the list: how many can be linked, or why none. */
    public ReadOnlyStringProperty listTextProperty() {
        return listText.getReadOnlyProperty();
    }

    /** "Mobile (id 102) will use the GitHub App installation on acme (id 12345678), already used by Web and API." */
    public ReadOnlyStringProperty confirmationProperty() {
        return confirmation.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Tone> toneProperty() {
        return tone.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Remedy> remedyProperty() {
        return remedy.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty inFlightProperty() {
        return inFlight.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty waitingProperty() { // true while a 429's wait runs
        return waiting.getReadOnlyProperty();
    }

    /** True after a lost answer that could not be resolved: only "Check again" is offered. */
    public ReadOnlyBooleanProperty stateUnknownProperty() {
        return stateUnknown.getReadOnlyProperty();
    }

    /** "Try again in 12 s", "Try again in 56 min 52 s" while waiting (see {@link Waits#countdown}). */
    public ReadOnlyStringProperty countdownProperty() {
        return countdown.getReadOnlyProperty();
    }

    public BooleanBinding canNext() {
        return canNext;
    }

    public BooleanBinding canLink() {
        return canLink;
    }

    /** The last link result, or null. */
    public LinkResult lastResult() {
        return lastResult;
    }

    public int requestsSent() { // how many link requests this dialog has sent (for tests and logs)
        return requestsSent;
    }
}
