package dev.hoglink.ui.inventory;

import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.service.inventory.InventoryService;
import dev.hoglink.service.ServiceException;
import dev.hoglink.ui.common.TaskHandle;
import dev.hoglink.ui.common.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
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
 * The inventory window's state: organizations, the projects of the chosen one and their GitHub facts.
 *
 * <p>Loading is progressive: the project list comes first, then each project's integrations, at most
 * {@code maxInFlight} at a time, row by row, with progress done/total. A failed row keeps its own error
 * and can be retried; the rest of the table stays usable. A rejected key ({@code AUTH}) or a missing scope
 * stops the remaining requests (they would all fail the same way) and raises a banner. The last inventory of
 * each identity (CacheKey) and organization shows at once, marked with its age, while it is refreshed. Runs on
 * the UI thread; slow calls go through the {@link TaskRunner}. Never touches a Node.
 */
public final class InventoryViewModel {

    private static final Logger LOGGER = LoggerFactory.getLogger(InventoryViewModel.class);
    /** Projects read at once: chosen by measurement (docs/sync-measurements.md); the rate limiter paces Cloud. */
    public static final int DEFAULT_MAX_IN_FLIGHT = dev.hoglink.service.ProjectLoader.DEFAULT_MAX_IN_FLIGHT;

    final TaskRunner runner;
    final InventoryCache cache;
    final Clock clock;

    InventoryService service;
    String host = "", cacheConnection = "", cacheUser = ""; // whose cached inventory shows: CachedFirstFrame

    // connection
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();
    private final StringProperty connectionLabel = new SimpleStringProperty("");
    private final BooleanProperty sandbox = new SimpleBooleanProperty();

    // organizations
    final ObservableList<Organization> organizations = FXCollections.observableArrayList();
    final ObjectProperty<Organization> selectedOrganization = new SimpleObjectProperty<>();
    private boolean choosingOrganization;

    // rows
    /** The projects table's own view model: rows, search, chips, selection. This view model fills its rows. */
    private final ProjectsTableViewModel table = new ProjectsTableViewModel();
    final ObservableList<ProjectRowViewModel> rows = table.mutableRows();
    final ObjectProperty<ProjectRowViewModel> selectedRow = table.selectedRowProperty();
    private final ProjectDetailViewModel detail;

    // progress and freshness
    final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    final ReadOnlyBooleanWrapper projectsLoading = new ReadOnlyBooleanWrapper();
    final ReadOnlyIntegerWrapper done = new ReadOnlyIntegerWrapper();
    final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    final ReadOnlyIntegerWrapper failedCount = new ReadOnlyIntegerWrapper();
    final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    final ReadOnlyStringWrapper freshnessText = new ReadOnlyStringWrapper("");
    final ReadOnlyObjectWrapper<Instant> dataTime = new ReadOnlyObjectWrapper<>(); // the oldest row's read
    Instant newestRead; // the newest row's read, when rows were read at different times
    java.time.ZoneId zone = java.time.ZoneId.systemDefault(); // for the clock time the budget's message names
    boolean projectsFailed; // the last refresh (organizations or project list) failed: the data shown is older
    private ServiceException refreshFailure; // why, while the banner says so; null once a load starts again
    private String refreshSubject = ""; // "the projects of Acme" or "organizations": what the failed refresh read
    final ReadOnlyBooleanWrapper showingCached = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper placeholderText = new ReadOnlyStringWrapper("");

    private TaskHandle<List<Organization>> organizationsTask;
    /** Fills the rows of the chosen organization: paged project list, then each row's links. */
    final ProjectRowsLoader rowsLoader;

    // problems that concern the whole connection
    final ReadOnlyBooleanWrapper needsNewKey = new ReadOnlyBooleanWrapper();
    final ReadOnlyStringWrapper missingScope = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper bannerTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bannerText = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper bannerOffersRetry = new ReadOnlyBooleanWrapper();
    private final SignedIn signedIn;
    private final ProjectPermissions permissions; // the one source of what may be changed, per project

    public InventoryViewModel(TaskRunner runner, InventoryCache cache, Clock clock, int maxInFlight) {
        this.runner = Objects.requireNonNull(runner);
        this.signedIn = new SignedIn(selectedOrganization);
        this.cache = cache;
        this.clock = Objects.requireNonNull(clock);
        table.tick(clock.instant());
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.rowsLoader = new ProjectRowsLoader(this, maxInFlight);
        this.detail = new ProjectDetailViewModel(runner, () -> service, () -> rows, rowsLoader.sharing(), clock);
        detail.onRowChanged(this::retry);
        this.permissions = new ProjectPermissions(runner, selectedRow);
        permissions.capabilitiesProperty().addListener((o, was, now) -> {
            signedIn.mode(SignedIn.modeOf(now));
            detail.noPersonalGitHub(now.personalGitHub().isPresent() && !now.personalGitHub().get());
        });
        permissions.link().addListener((o, was, now) -> detail.linkRefused(now != null && !now.allowed()));
        detail.linkRefused(!permissions.link().get().allowed());
        selectedOrganization.addListener((o, a, b) -> {
            if (!choosingOrganization && b != null && !b.equals(a)) {
                load(b);
            }
        });
        selectedRow.addListener((o, a, b) -> {
            detail.show(b);
            rowsLoader.reprioritize(); // the selected project is read next
        });
        busy.addListener(o -> updateFreshness());
        showingCached.addListener(o -> updateFreshness());
        placeholderText.bind(Bindings.createStringBinding(() -> table.placeholder(connected.get(),
                        projectsLoading.get(), !bannerText.get().isEmpty(), selectedOrganization.get() != null),
                connected, projectsLoading, rows, table.visibleRows(), table.searchTextProperty(), bannerText));
    }

    // ---- connection ---------------------------------------------------------------------------------
    public void connect(String host, InventoryService service, String org) { connect(host, "", service, org); }

    /**
     * Switches to a connection (host, name as {@code CacheKey} has it, the service that talks to it) and loads: the
     * cached inventory of {@code preferredOrganizationId} shows at once, then organizations and projects are fetched.
     */
    public void connect(String host, String connection, InventoryService service, String preferredOrganizationId) {
        cancelAll();
        boolean keep = CachedFirstFrame.switchTo(this, host, connection); // sets host and whose cache shows
        permissions.forget(); // the last connection's key and level say nothing about this one's
        this.service = Objects.requireNonNull(service);
        connected.set(true);
        projectsFailed = false;
        needsNewKey.set(false);
        missingScope.set(null);
        clearBanner();
        if (!keep) { // the start's cached rows stay, to be refreshed, if the connection is to their identity
            rows.clear();
            rowsLoader.forgetOrganization();
            forgetOrganizations();
        }
        if (preferredOrganizationId != null && !keep) {
            rowsLoader.showCached(preferredOrganizationId).ifPresent(s -> choosing(() -> {
                organizations.setAll(s.organization());
                selectedOrganization.set(s.organization());
            }));
        }
        signedIn.clear();
        loadOrganizations(preferredOrganizationId);
    }

    /** "Ada Lovelace <ada@acme.io> · Owner of Acme": who is signed in and their role; empty until known. */
    public javafx.beans.binding.StringBinding signedInText() {
        return signedIn.text();
    }

    private void forgetOrganizations() {
        choosing(() -> {
            organizations.clear();
            selectedOrganization.set(null);
        });
    }

    /** Forgets the connection: the window shows its "No connection yet" state. */
    public void disconnect() {
        cancelAll();
        signedIn.clear();
        service = null;
        permissions.forget();
        connected.set(false);
        rows.clear();
        rowsLoader.forgetOrganization();
        forgetOrganizations();
        statusText.set("");
        freshnessText.set("");
        clearBanner();
    }

    /** Fetches the organizations and selects the preferred one (else the current, else the first). */
    public void loadOrganizations(String preferredOrganizationId) {
        InventoryService s = service;
        if (s == null) {
            return;
        }
        if (organizationsTask != null) {
            organizationsTask.cancel();
        }
        busy.set(true);
        statusText.set("Loading organizations…");
        String[] who = {"", ""}; // asked with the organizations, in the same task: shown, and PostHog's id
        organizationsTask = runner.run(() -> SignedIn.andWho(s, who))
                .onSuccess(orgs -> {
                    signedIn.set(who[0]);
                    CachedFirstFrame.signedInAs(this, who[1]); // another user's cached rows go
                    Organization current = selectedOrganization.get();
                    String want = current != null ? current.id() : preferredOrganizationId;
                    Organization pick = orgs.stream().filter(o -> o.id().equals(want)).findFirst()
                            .orElse(orgs.isEmpty() ? null : orgs.get(0));
                    choosing(() -> {
                        organizations.setAll(orgs);
                        selectedOrganization.set(pick);
                    });
                    if (pick == null) {
                        busy.set(false);
                        statusText.set("");
                        banner("No organization", "This API key cannot see any organization.");
                    } else {
                        load(pick);
                    }
                })
                .onFailure(e -> {
                    busy.set(false);
                    refreshFailed("organizations", ServiceException.of(e));
                });
    }

    // ---- loading --------------------------------------------------------------------------------------

    /** Shows the organization's projects, then fills their GitHub status row by row. */
    public void load(Organization org) {
        permissions.read(service, org);
        rowsLoader.load(org);
    }

    /** Re-fetches only these projects (after an action touched them). Unknown ids are ignored. */
    public void refreshProjects(Set<Long> projectIds) {
        rowsLoader.refreshProjects(projectIds);
    }

    /** F5: reloads the organizations if none is chosen, else the current organization (keeping its rows). */
    public void refresh() {
        Organization org = selectedOrganization.get();
        if (org == null) {
            loadOrganizations(null);
        } else {
            load(org);
        }
    }

    /** Tries a failed (or any) row again. */
    public void retry(ProjectRowViewModel row) {
        refreshProjects(Set.of(row.id()));
    }

    /** Retries every failed row. */
    public void retryFailed() {
        Set<Long> ids = new HashSet<>();
        rows.stream().filter(r -> r.state() == RowState.FAILED).forEach(r -> ids.add(r.id()));
        if (!ids.isEmpty()) {
            needsNewKey.set(false);
            missingScope.set(null);
            if (refreshFailure == null) {
                clearBanner();
            } else {
                updateFreshness(); // the project list's failed refresh still stands: its banner stays
            }
            refreshProjects(ids);
        }
    }

    /** The rows the user sees now, in order (told on every scroll, filter, sort, resize): read before others. */
    public void showing(List<ProjectRowViewModel> onScreen) {
        rowsLoader.showing(onScreen.stream().map(ProjectRowViewModel::id).toList());
    }

    /** Once a second (the view's timer): the age text and the budget's countdown. */
    public void tick() {
        table.tick(clock.instant());
        rowsLoader.tick();
        updateFreshness();
    }

    /** Updates the "data from 5 min ago" text from the rows' ages, and the failed refresh's banner that repeats it. */
    public void updateFreshness() {
        Instant at = dataTime.get();
        freshnessText.set(at == null ? "" : TimeAgo.freshness(Duration.between(at, clock.instant()),
                newestRead == null ? null : Duration.between(newestRead, clock.instant()), projectsFailed,
                showingCached.get(), busy.get()));
        showRefreshFailure();
    }

    /**
     * A refresh failed: of the organizations, or of the chosen organization's project list ({@code subject} names
     * which, as "organizations" or "the projects of Acme"). Logged with its cause; the rows on screen, if any, stay,
     * and the banner, the status bar and the age text all say they are from the earlier read and how old that is.
     * Only with no rows do they say the projects (or organizations) couldn't be loaded.
     */
    void refreshFailed(String subject, ServiceException e) {
        LOGGER.warn("Refreshing {} failed: {} {}", subject, e.kind(), e.code(), e);
        ConnectionProblems.note(this, e);
        projectsFailed = true;
        refreshFailure = e;
        refreshSubject = subject;
        statusText.set(failedRefreshStatus());
        updateFreshness(); // and the banner, unless a rejected key or a missing scope has it
    }

    /** The status bar after a failed refresh: "24 projects · refresh failed", or "Couldn't load projects". */
    String failedRefreshStatus() {
        int n = rows.size();
        if (n == 0) {
            return "organizations".equals(refreshSubject) ? "Couldn't load organizations" : "Couldn't load projects";
        }
        return n + (n == 1 ? " project" : " projects") + " · refresh failed";
    }

    /** The banner of a failed refresh, kept as old as the rows it speaks of (the age changes every minute). */
    private void showRefreshFailure() {
        ServiceException e = refreshFailure;
        if (e == null || needsNewKey.get() || missingScope.get() != null
                || (rowsLoader != null && rowsLoader.budgetSpent())) {
            return; // no failure, or the key's own banner says what to do, or the budget's countdown is shown
        }
        // The whole message is logged; the banner keeps its headline. A refusal keeps its advice too: trying again
        // changes nothing until someone does what it says (allow the organization or project in the key, allow
        // members' personal API keys), and the log is no place to send a newcomer for that.
        String why = e.kind() == ServiceException.Kind.PERMISSION ? e.userMessage()
                : firstSentence(e.userMessage()) + " Details are in the log.";
        // Nor does the banner offer "Try again" for a refusal: it cannot help until someone acts (the toolbar's
        // refresh and F5 still read again once they have).
        boolean retry = e.kind() != ServiceException.Kind.PERMISSION;
        Instant at = dataTime.get();
        if (rows.isEmpty()) {
            failureBanner("Couldn't load " + refreshSubject, why, retry);
        } else if (at == null) { // no read finished yet: the rows are what this load or an unfinished one read
            failureBanner("The refresh failed", "The rows below are what was read before it failed. " + why, retry);
        } else {
            failureBanner(freshnessText.get(), "The rows below are from that earlier read. " + why, retry);
        }
    }

    /**
     * While a failed refresh leaves earlier rows on screen: the read they come from, "the read of 5 min ago" (or "a
     * read just now", "an unfinished read"), which a dialog built from the rows names beside what it takes from them;
     * empty while the rows are current.
     */
    public String earlierRead() {
        if (!projectsFailed || rows.isEmpty()) {
            return "";
        }
        Instant at = dataTime.get();
        if (at == null) {
            return "an unfinished read";
        }
        String age = TimeAgo.text(Duration.between(at, clock.instant()));
        return "just now".equals(age) ? "a read just now" : "the read of " + age;
    }

    /** "The connection to 127.0.0.1:8010 broke after it was made.": a message's headline, without its advice. */
    static String firstSentence(String message) {
        int end = message.indexOf(". ");
        return end < 0 ? message : message.substring(0, end + 1);
    }

    private void failureBanner(String title, String text, boolean offersRetry) {
        // Set in place, never off and on again: the timer redoes this every second, and a button hidden for an
        // instant would lose the keyboard focus.
        bannerTitle.set(title);
        bannerText.set(text);
        bannerOffersRetry.set(offersRetry);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private void cancelAll() {
        rowsLoader.cancel();
        if (organizationsTask != null) {
            organizationsTask.cancel();
        }
        busy.set(false);
        projectsLoading.set(false);
    }

    void choosing(Runnable r) {
        boolean was = choosingOrganization;
        choosingOrganization = true;
        try {
            r.run();
        } finally {
            choosingOrganization = was;
        }
    }

    void banner(String title, String text) {
        bannerTitle.set(title);
        bannerText.set(text);
        bannerOffersRetry.set(false);
    }

    /**
     * The read budget's wait is over: its banner goes, and a failed refresh of the project list, which still stands
     * (the rows are still from the earlier read), has the banner again.
     */
    void budgetOver() {
        banner("", "");
        showRefreshFailure();
    }

    /** No banner, and no failed refresh for it to speak of: a load begins or the connection changes. */
    void clearBanner() {
        refreshFailure = null;
        banner("", "");
    }

    // ---- properties -------------------------------------------------------------------------------------

    public ReadOnlyBooleanProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    /** Text of the connection badge ("Sandbox", a profile name); the connections feature binds it. */
    public StringProperty connectionLabelProperty() {
        return connectionLabel;
    }

    /** True when connected to the built-in sandbox; the badge then shows the sandbox style. */
    public BooleanProperty sandboxProperty() {
        return sandbox;
    }

    public String host() {
        return host;
    }

    public ObservableList<Organization> organizations() {
        return organizations;
    }

    public ObjectProperty<Organization> selectedOrganizationProperty() {
        return selectedOrganization;
    }

    /** The projects table's view model (rows as shown, search, chips, selection). */
    public ProjectsTableViewModel table() {
        return table;
    }

    /** Every row of the loaded organization, unfiltered. */
    public ObservableList<ProjectRowViewModel> rows() {
        return table.rows();
    }

    public ProjectRowViewModel row(long projectId) {
        return table.row(projectId);
    }

    public ObjectProperty<ProjectRowViewModel> selectedRowProperty() {
        return selectedRow;
    }

    public ProjectDetailViewModel detail() {
        return detail;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty failedCountProperty() {
        return failedCount.getReadOnlyProperty();
    }

    /** "12 projects · GitHub status 5/12". */
    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    /** "Showing data from 5 min ago, refreshing…" or "Updated just now". */
    public ReadOnlyStringProperty freshnessTextProperty() {
        return freshnessText.getReadOnlyProperty();
    }

    /** When the shown data was fetched; null before the first load. */
    public ReadOnlyObjectProperty<Instant> dataTimeProperty() {
        return dataTime.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty showingCachedProperty() {
        return showingCached.getReadOnlyProperty();
    }

    /** What the empty table says. */
    public ReadOnlyStringProperty placeholderTextProperty() {
        return placeholderText.getReadOnlyProperty();
    }

    /** True after PostHog rejected the key (401): the connections feature should ask for a new one. */
    public ReadOnlyBooleanProperty needsNewKeyProperty() {
        return needsNewKey.getReadOnlyProperty();
    }

    /** The scope a 403 named, or null. */
    public ReadOnlyStringProperty missingScopeProperty() {
        return missingScope.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bannerTitleProperty() {
        return bannerTitle.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty bannerTextProperty() {
        return bannerText.getReadOnlyProperty();
    }

    /** True when the banner speaks of a failed refresh that F5 (its Try again button) may mend. */
    public ReadOnlyBooleanProperty bannerOffersRetryProperty() {
        return bannerOffersRetry.getReadOnlyProperty();
    }

    /** Link, Start OAuth and Unlink: allowed or not for the selected project, and why (the one rule). */
    public ProjectPermissions permissions() {
        return permissions;
    }

    /** Whether "Link existing installation…" applies: a project is selected and the rule allows it. */
    public BooleanBinding canLink() {
        return ProjectPermissions.allowed(permissions.link());
    }

    public BooleanBinding canStartOAuth() {
        return ProjectPermissions.allowed(permissions.startOAuth());
    }

    /** Whether "Unlink…" applies: an integration of the selected project is chosen and the rule allows it. */
    public BooleanBinding canUnlink() {
        return detail.selectedLinkProperty().isNotNull().and(ProjectPermissions.allowed(permissions.unlink()));
    }
}
