package dev.hoglink.ui.inventory;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.service.inventory.InventoryService;
import dev.hoglink.service.inventory.InventorySnapshot;
import dev.hoglink.service.ProjectLoader;
import dev.hoglink.service.inventory.RepoCounts;
import dev.hoglink.service.inventory.SharingIndex;
import dev.hoglink.service.ServiceException;
import dev.hoglink.ui.common.TaskHandle;
import dev.hoglink.ui.common.TaskRunner;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
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
 * stops the remaining requests (they would all fail the same way) and raises a banner. The last inventory
 * per host and organization is cached and shown at once, marked with its age, while it is refreshed.
 *
 * <p>Runs on the UI thread; slow calls go through the {@link TaskRunner}. Never touches a Node.
 */
public final class InventoryViewModel {

    private static final Logger LOGGER = LoggerFactory.getLogger(InventoryViewModel.class);
    public static final int DEFAULT_MAX_IN_FLIGHT = 4;

    private final TaskRunner runner;
    private final InventoryCache cache;
    private final Clock clock;

    private InventoryService service;
    private String host = "";

    // connection
    private final ReadOnlyBooleanWrapper connected = new ReadOnlyBooleanWrapper();
    private final StringProperty connectionLabel = new SimpleStringProperty("");
    private final BooleanProperty sandbox = new SimpleBooleanProperty();

    // organizations
    private final ObservableList<Organization> organizations = FXCollections.observableArrayList();
    private final ObjectProperty<Organization> selectedOrganization = new SimpleObjectProperty<>();
    private boolean choosingOrganization;

    // rows
    /** The projects table's own view model: rows, search, chips, selection. This view model fills its rows. */
    private final ProjectsTableViewModel table = new ProjectsTableViewModel();
    private final ObservableList<ProjectRowViewModel> rows = table.mutableRows();
    private final ObjectProperty<ProjectRowViewModel> selectedRow = table.selectedRowProperty();
    private final ProjectDetailViewModel detail;

    // progress and freshness
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper projectsLoading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper done = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper failedCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper freshnessText = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Instant> dataTime = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper showingCached = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper placeholderText = new ReadOnlyStringWrapper("");

    // problems that concern the whole connection
    private final ReadOnlyBooleanWrapper needsNewKey = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper missingScope = new ReadOnlyStringWrapper();
    private final ReadOnlyStringWrapper bannerTitle = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper bannerText = new ReadOnlyStringWrapper("");


    // loading machinery
    private Organization loadedOrganization;
    /** Reads the rows' GitHub links, at most maxInFlight at once (the service-layer loader the audit uses too). */
    private final ProjectLoader<List<GitHubLink>> loader;
    /** The row each queued or running read reports to. */
    private final Map<Long, ProjectRowViewModel> pending = new HashMap<>();
    private TaskHandle<List<Project>> projectsTask;
    /** Bumped by every load, so pages of an abandoned load are ignored. */
    private long loadGeneration;
    /** Projects shown by pages of the current load. */
    private final java.util.Set<Long> pagedIds = new java.util.HashSet<>();
    private TaskHandle<List<Organization>> organizationsTask;
    private final RepoCounts repos = new RepoCounts();
    /** Read by the rows; filled by the reads off the UI thread. */
    private final Map<String, Integer> repoCounts = repos.counts();
    private final SharingIndex<ProjectRowViewModel> sharing = new SharingIndex<>();
    private int sharingChangesSinceFlush;
    private boolean bulkTracking;
    static final int SHARING_BATCH = 25;

    public InventoryViewModel(TaskRunner runner, InventoryCache cache, Clock clock, int maxInFlight) {
        this.runner = Objects.requireNonNull(runner);
        this.cache = cache;
        this.clock = Objects.requireNonNull(clock);
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.loader = new ProjectLoader<>(runner.dispatch(), id -> {
            InventoryService s = service; // the connection of the moment the read leaves
            return () -> fetchLinks(s, id);
        }, maxInFlight, new LoaderListener());
        this.detail = new ProjectDetailViewModel(runner, () -> service);
        selectedOrganization.addListener((o, a, b) -> {
            if (!choosingOrganization && b != null && !b.equals(a)) {
                load(b);
            }
        });
        selectedRow.addListener((o, a, b) -> detail.show(b));
        busy.addListener(o -> updateFreshness());
        showingCached.addListener(o -> updateFreshness());
        placeholderText.bind(Bindings.createStringBinding(this::placeholder,
                connected, projectsLoading, rows, table.visibleRows(), table.searchTextProperty(), bannerText));
    }

    // ---- connection ---------------------------------------------------------------------------------

    /**
     * Switches to a connection (host, the service that talks to it) and starts loading: the cached inventory
     * of {@code preferredOrganizationId} shows at once, then organizations and projects are fetched.
     */
    public void connect(String host, InventoryService service, String preferredOrganizationId) {
        cancelAll();
        this.host = Objects.requireNonNull(host);
        this.service = Objects.requireNonNull(service);
        connected.set(true);
        needsNewKey.set(false);
        missingScope.set(null);
        clearBanner();
        rows.clear();
        loadedOrganization = null;
        choosing(() -> {
            organizations.clear();
            selectedOrganization.set(null);
        });
        if (preferredOrganizationId != null) {
            showCached(preferredOrganizationId).ifPresent(s -> choosing(() -> {
                organizations.setAll(s.organization());
                selectedOrganization.set(s.organization());
            }));
        }
        loadOrganizations(preferredOrganizationId);
    }

    /** Forgets the connection: the window shows its "No connection yet" state. */
    public void disconnect() {
        cancelAll();
        service = null;
        connected.set(false);
        rows.clear();
        loadedOrganization = null;
        choosing(() -> {
            organizations.clear();
            selectedOrganization.set(null);
        });
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
        organizationsTask = runner.run(s::organizations)
                .onSuccess(orgs -> {
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
                    ServiceException se = ServiceException.of(e);
                    noteConnectionProblem(se);
                    statusText.set("Couldn't load organizations");
                    if (!needsNewKey.get() && missingScope.get() == null) {
                        banner("Couldn't load organizations", se.userMessage() + " Press F5 to try again.");
                    }
                });
    }

    // ---- loading --------------------------------------------------------------------------------------

    /** Shows the organization's projects, then fills their GitHub status row by row. */
    public void load(Organization org) {
        Objects.requireNonNull(org);
        InventoryService s = service;
        if (s == null) {
            return;
        }
        if (!org.equals(selectedOrganization.get())) {
            choosing(() -> selectedOrganization.set(org));
        }
        cancelRowWork();
        if (projectsTask != null) {
            projectsTask.cancel();
        }
        missingScope.set(null);
        needsNewKey.set(false);
        clearBanner();
        if (loadedOrganization == null || !loadedOrganization.id().equals(org.id())) {
            resetRows();
            showCached(org.id());
        }
        loadedOrganization = org;
        busy.set(true);
        projectsLoading.set(true);
        statusText.set("Loading projects…");
        long generation = ++loadGeneration;
        pagedIds.clear();
        projectsTask = runner.run(() -> s.projects(org.id(),
                        page -> runner.onUiThread(() -> showProjectsPage(generation, page))))
                .onSuccess(projects -> {
                    projectsLoading.set(false);
                    showProjects(projects);
                })
                .onFailure(e -> {
                    projectsLoading.set(false);
                    ServiceException se = ServiceException.of(e);
                    noteConnectionProblem(se);
                    // Rows whose status request was cancelled by this reload would otherwise spin forever.
                    rows.stream().filter(r -> r.state() == RowState.LOADING).forEach(r -> r.fail(se));
                    busy.set(false);
                    statusText.set("Couldn't load projects");
                    if (!needsNewKey.get() && missingScope.get() == null) {
                        banner("Couldn't load the projects of " + org.name(), se.userMessage() + " Press F5 to try again.");
                    }
                });
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

    /** Re-fetches only these projects (after an action touched them). Unknown ids are ignored. */
    public void refreshProjects(Set<Long> projectIds) {
        List<ProjectRowViewModel> touched = rows.stream().filter(r -> projectIds.contains(r.id())).toList();
        if (touched.isEmpty() || service == null) {
            return;
        }
        for (ProjectRowViewModel r : touched) {
            r.links().forEach(l -> forgetRepoCount(l.installationId()));
        }
        enqueue(touched);
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
            clearBanner();
            refreshProjects(ids);
        }
    }

    /** Updates the "data from 5 min ago" text; the view calls it on a timer. */
    public void updateFreshness() {
        Instant at = dataTime.get();
        if (at == null) {
            freshnessText.set("");
            return;
        }
        String age = ago(Duration.between(at, clock.instant()));
        if (showingCached.get()) {
            freshnessText.set("Showing data from " + age + (busy.get() ? ", refreshing…" : ""));
        } else {
            freshnessText.set("Updated " + age);
        }
    }

    /**
     * One page of a load, while later pages are still coming: adds its rows (or refreshes cached ones) and
     * starts their status requests at once. Rows are only added here; {@link #showProjects} reconciles the
     * final list (order, removals). A page of an abandoned load is ignored.
     */
    private void showProjectsPage(long generation, List<Project> page) {
        if (generation != loadGeneration || page.isEmpty()) {
            return;
        }
        if (pagedIds.isEmpty()) {
            if (!showingCached.get()) {
                repos.clear();
            }
            loader.resetProgress();
        }
        Map<Long, Integer> index = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            index.put(rows.get(i).id(), i);
        }
        List<ProjectRowViewModel> toFetch = new ArrayList<>(page.size());
        List<ProjectRowViewModel> added = new ArrayList<>();
        for (Project p : page) {
            if (!pagedIds.add(p.id())) {
                continue;
            }
            Integer at = index.get(p.id());
            ProjectRowViewModel old = at == null ? null : rows.get(at);
            ProjectRowViewModel row = old != null && old.project().equals(p) ? old : new ProjectRowViewModel(p);
            if (old != null && row != old) {
                if (old.linksKnown()) {
                    row.showLinks(old.links(), repoCounts, true);
                }
                untrackInstallations(old);
                rows.set(at, row);
            } else if (old == null) {
                added.add(row);
            }
            toFetch.add(row);
        }
        rows.addAll(added);
        statusText.set("Loading projects… " + pagedIds.size() + " so far");
        enqueue(toFetch);
    }

    private void showProjects(List<Project> projects) {
        if (!pagedIds.isEmpty()) {
            finishPagedLoad(projects);
            return;
        }
        Map<Long, ProjectRowViewModel> existing = new HashMap<>();
        rows.forEach(r -> existing.put(r.id(), r));
        List<ProjectRowViewModel> next = new ArrayList<>(projects.size());
        for (Project p : projects) {
            ProjectRowViewModel old = existing.remove(p.id());
            ProjectRowViewModel row = old != null && old.project().equals(p) ? old : new ProjectRowViewModel(p);
            if (row != old && old != null && old.linksKnown()) {
                row.showLinks(old.links(), repoCounts, true);
            }
            next.add(row);
        }
        existing.values().forEach(this::untrackInstallations);
        replaceRows(next);
        if (selectedRow.get() != null && !next.contains(selectedRow.get())) {
            ProjectRowViewModel same = next.stream().filter(r -> r.id() == selectedRow.get().id()).findFirst().orElse(null);
            selectedRow.set(same);
        }
        if (!showingCached.get()) {
            repos.clear();
        }
        loader.resetProgress();
        statusText.set(projects.size() + (projects.size() == 1 ? " project" : " projects"));
        if (projects.isEmpty()) {
            finishLoad();
            return;
        }
        enqueue(next);
    }

    /**
     * Makes {@code next} the rows. When it holds the same rows in the same order (the usual end of a paged load,
     * or a refresh where nothing moved) the list is left alone: a replace of every row makes the table rebuild
     * all its cells, a pulse long enough to be felt with thousands of rows.
     */
    private void replaceRows(List<ProjectRowViewModel> next) {
        if (!sameRows(rows, next)) {
            rows.setAll(next);
        }
    }

    private static boolean sameRows(List<ProjectRowViewModel> a, List<ProjectRowViewModel> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (a.get(i) != b.get(i)) {
                return false;
            }
        }
        return true;
    }

    /** The last page is in: keep the server's order, drop rows it no longer lists, fetch any not paged. */
    private void finishPagedLoad(List<Project> projects) {
        Map<Long, ProjectRowViewModel> byId = new HashMap<>();
        rows.forEach(r -> byId.put(r.id(), r));
        List<ProjectRowViewModel> next = new ArrayList<>(projects.size());
        List<ProjectRowViewModel> missed = new ArrayList<>();
        for (Project p : projects) {
            ProjectRowViewModel row = byId.remove(p.id());
            if (row == null) {
                row = new ProjectRowViewModel(p);
                missed.add(row);
            }
            next.add(row);
        }
        byId.values().forEach(this::untrackInstallations);
        replaceRows(next);
        if (selectedRow.get() != null && !next.contains(selectedRow.get())) {
            selectedRow.set(null);
        }
        statusText.set(projects.size() + (projects.size() == 1 ? " project" : " projects"));
        if (projects.isEmpty()) {
            finishLoad();
            return;
        }
        if (!missed.isEmpty()) {
            enqueue(missed);
        } else {
            loader.pump();
        }
    }

    private void enqueue(Collection<ProjectRowViewModel> toFetch) {
        if (!busy.get() || total.get() == 0) {
            loader.resetProgress();
        }
        busy.set(true);
        toFetch.forEach(r -> pending.put(r.id(), r));
        loader.enqueue(toFetch.stream().map(ProjectRowViewModel::id).toList());
        updateProgressText();
    }

    /** The loader's reports, on the UI thread, forwarded to the rows. */
    private final class LoaderListener implements ProjectLoader.Listener<List<GitHubLink>> {
        @Override
        public void started(long projectId) {
            ProjectRowViewModel row = pending.get(projectId);
            if (row != null) {
                row.markLoading();
            }
        }

        @Override
        public void loaded(long projectId, List<GitHubLink> links) {
            ProjectRowViewModel row = pending.get(projectId);
            if (row != null) {
                row.showLinks(links, repoCounts, false);
                trackInstallations(row);
            }
        }

        @Override
        public void failed(long projectId, Throwable error) {
            ProjectRowViewModel row = pending.get(projectId);
            if (row != null) {
                rowFailed(row, ServiceException.of(error));
            }
        }

        @Override
        public void progress(int doneCount, int totalCount) {
            done.set(doneCount);
            total.set(totalCount);
            updateProgressText();
        }

        @Override
        public void idle() {
            if (busy.get() && !projectsLoading.get()) {
                finishLoad();
            }
        }
    }

    /** Runs off the UI thread: the links, plus the repository count of installations not counted yet. */
    private List<GitHubLink> fetchLinks(InventoryService s, long projectId) {
        return repos.linksCounting(s, projectId);
    }

    private void rowFailed(ProjectRowViewModel row, ServiceException e) {
        LOGGER.info("GitHub status of project {} failed: {} {}", row.id(), e.kind(), e.code());
        row.fail(e);
        noteConnectionProblem(e);
        if (needsNewKey.get() || (e.kind() == ServiceException.Kind.PERMISSION && e.missingScope().isPresent())) {
            // Every other request would fail the same way: fail them now, without asking.
            for (Long id : loader.dropQueued()) {
                ProjectRowViewModel r = pending.get(id);
                if (r != null) {
                    r.fail(e);
                }
            }
            done.set(loader.done());
        }
    }

    private void noteConnectionProblem(ServiceException e) {
        if (e.kind() == ServiceException.Kind.AUTH) {
            needsNewKey.set(true);
            banner("PostHog rejected the API key",
                    "The key was revoked, expired or mistyped. Enter a new key to continue; nothing else changes.");
        } else if (e.kind() == ServiceException.Kind.PERMISSION && e.missingScope().isPresent()) {
            String scope = e.missingScope().get();
            missingScope.set(scope);
            banner("The API key lacks the scope " + scope,
                    "Hoglink needs " + scope + " for this. Create a personal API key that includes it, then enter it here.");
        }
    }

    private void finishLoad() {
        flushSharing();
        busy.set(false);
        if (loadedOrganization != null) {
            saveCache();
            dataTime.set(clock.instant());
            showingCached.set(false);
        }
        updateProgressText(); // counts the failed rows and refreshes the age text
    }

    private void updateProgressText() {
        int n = rows.size();
        String base = n + (n == 1 ? " project" : " projects");
        if (busy.get() && total.get() > 0) {
            statusText.set(base + " · GitHub status " + done.get() + "/" + total.get());
        } else {
            long failed = rows.stream().filter(r -> r.state() == RowState.FAILED).count();
            failedCount.set((int) failed);
            statusText.set(failed == 0 ? base : base + " · " + failed + " couldn't be loaded");
        }
        updateFreshness();
    }

    // ---- cache ------------------------------------------------------------------------------------------

    private Optional<InventorySnapshot> showCached(String organizationId) {
        if (cache == null) {
            return Optional.empty();
        }
        Optional<InventorySnapshot> snap = cache.load(host, organizationId);
        snap.ifPresent(s -> {
            repos.seed(s.repoCounts());
            List<ProjectRowViewModel> cached = new ArrayList<>();
            for (InventorySnapshot.Entry e : s.projects()) {
                ProjectRowViewModel r = new ProjectRowViewModel(e.project());
                if (e.links() != null) {
                    r.showLinks(e.links(), repoCounts, true);
                }
                cached.add(r);
            }
            resetRows();
            rows.setAll(cached);
            bulkTracking = true;
            try {
                cached.forEach(this::trackInstallations);
            } finally {
                bulkTracking = false;
            }
            flushSharing();
            loadedOrganization = s.organization();
            dataTime.set(s.savedAt());
            showingCached.set(true);
            updateProgressText();
        });
        return snap;
    }

    private void saveCache() {
        if (cache == null || loadedOrganization == null) {
            return;
        }
        List<InventorySnapshot.Entry> entries = rows.stream()
                .map(r -> new InventorySnapshot.Entry(r.project(), r.linksKnown() ? r.links() : null))
                .toList();
        cache.saveInBackground(new InventorySnapshot(host, loadedOrganization, clock.instant(), entries,
                Map.copyOf(repoCounts)));
    }

    // ---- sharing bookkeeping ----------------------------------------------------------------------------

    /**
     * Records which installations a row uses. The row's own "shared with" count is updated at once; the
     * other rows of the touched installations are updated in batches ({@link #flushSharing()}), so that an
     * organization where 2,000 projects share one installation does not cost 2,000 x 2,000 updates.
     */
    private void trackInstallations(ProjectRowViewModel row) {
        sharing.track(row, row.links().stream().map(GitHubLink::installationId).toList());
        updateSharedWith(row);
        if (!bulkTracking && (++sharingChangesSinceFlush >= SHARING_BATCH || !busy.get())) {
            flushSharing();
        }
    }

    private void untrackInstallations(ProjectRowViewModel row) {
        if (sharing.untrack(row)) {
            flushSharing();
        }
    }

    private void flushSharing() {
        sharingChangesSinceFlush = 0;
        sharing.drainAffected().forEach(this::updateSharedWith);
    }

    private void updateSharedWith(ProjectRowViewModel row) {
        GitHubLink primary = row.primaryLink();
        row.setSharedWith(primary == null ? 0 : sharing.others(primary.installationId()));
        row.updateRepoCount(repoCounts);
    }

    private void forgetRepoCount(String installationId) {
        repos.forget(installationId);
    }

    // ---- filtering --------------------------------------------------------------------------------------


    private String placeholder() {
        if (!connected.get()) {
            return "No connection yet";
        }
        if (rows.isEmpty()) {
            if (projectsLoading.get()) {
                return "Loading projects…";
            }
            if (!bannerText.get().isEmpty()) {
                return "Nothing to show";
            }
            return selectedOrganization.get() == null ? "No organization selected" : "This organization has no projects";
        }
        return table.visibleRows().isEmpty() ? "No project matches the search and filters" : "";
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    private void resetRows() {
        selectedRow.set(null);
        rows.clear();
        sharing.clear();
        repos.clear();
        dataTime.set(null);
        showingCached.set(false);
        done.set(0);
        total.set(0);
        freshnessText.set("");
    }

    private void cancelRowWork() {
        loader.cancel();
        pending.clear();
        done.set(0);
        total.set(0);
    }

    private void cancelAll() {
        cancelRowWork();
        if (projectsTask != null) {
            projectsTask.cancel();
        }
        if (organizationsTask != null) {
            organizationsTask.cancel();
        }
        busy.set(false);
        projectsLoading.set(false);
    }

    private void choosing(Runnable r) {
        boolean was = choosingOrganization;
        choosingOrganization = true;
        try {
            r.run();
        } finally {
            choosingOrganization = was;
        }
    }

    private void banner(String title, String text) {
        bannerTitle.set(title);
        bannerText.set(text);
    }

    private void clearBanner() {
        banner("", "");
    }

    static String ago(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return "just now";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min ago";
        }
        long h = m / 60;
        if (h < 48) {
            return h + (h == 1 ? " hour ago" : " hours ago");
        }
        return (h / 24) + " days ago";
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
        return rows.stream().filter(r -> r.id() == projectId).findFirst().orElse(null);
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


    /** Whether "Link existing installation…" and "Start OAuth bootstrap…" apply: a project is selected. */
    public BooleanBinding canLink() {
        return selectedRow.isNotNull();
    }

    public BooleanBinding canStartOAuth() {
        return selectedRow.isNotNull();
    }

    /** Whether "Unlink…" applies: an integration of the selected project is chosen. */
    public BooleanBinding canUnlink() {
        return selectedRow.isNotNull().and(detail.selectedLinkProperty().isNotNull());
    }
}
