package dev.hoglink.ui.inventory;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.inventory.InventoryService;
import dev.hoglink.service.inventory.InventorySnapshot;
import dev.hoglink.service.ProjectLoader;
import dev.hoglink.service.inventory.RepoCounts;
import dev.hoglink.service.ServiceException;
import dev.hoglink.ui.common.TaskHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fills the inventory's rows for the chosen organization: the cached inventory at once, then the project list
 * page by page, then each row's GitHub links through the service layer's {@link ProjectLoader} (at most
 * maxInFlight at once), with the sharing counts and repository counts kept up to date. Part of
 * {@link InventoryViewModel}, whose state (rows, progress, status, banner) it updates; UI thread only.
 */
final class ProjectRowsLoader {

    private static final Logger LOGGER = LoggerFactory.getLogger(ProjectRowsLoader.class);

    private final InventoryViewModel vm;
    private Organization loadedOrganization;
    /** Reads the rows' GitHub links, at most maxInFlight at once (the service-layer loader the audit uses too). */
    private final ProjectLoader<List<GitHubLink>> loader;
    private final Map<Long, ProjectRowViewModel> pending = new HashMap<>(); // the row each read reports to
    private TaskHandle<List<Project>> projectsTask;
    private long loadGeneration; // bumped by every load, so pages of an abandoned load are ignored
    private final Set<Long> pagedIds = new HashSet<>(); // projects shown by pages of the current load
    private final RowSharing sharing;
    private final RepoCounts repos;
    /** The hour's budget: rows that wait for it, and when requests go again. */
    private final ReadBudget budget = new ReadBudget();
    /** The rows on screen and the selected one, as the view last said: read first. */
    private List<Long> onScreen = List.of();
    /** The connection's store of reads: rows read elsewhere (the audit) and the rows' ages. */
    final RowReads reads;

    /** Which installations the rows use: the table's and the detail pane's count of projects sharing one. */
    RowSharing sharing() {
        return sharing;
    }

    /** Shows the organization's projects, then fills their GitHub status row by row. */
    void load(Organization org) {
        Objects.requireNonNull(org);
        InventoryService s = vm.service;
        if (s == null) {
            return;
        }
        if (!org.equals(vm.selectedOrganization.get())) {
            vm.choosing(() -> vm.selectedOrganization.set(org));
        }
        cancelRowWork();
        if (projectsTask != null) {
            projectsTask.cancel();
        }
        reads.follow(s);
        budget.forget();
        vm.missingScope.set(null);
        vm.needsNewKey.set(false);
        vm.clearBanner();
        if (loadedOrganization == null || !loadedOrganization.id().equals(org.id())) {
            resetRows();
            showCached(org.id());
        }
        loadedOrganization = org;
        vm.busy.set(true);
        vm.projectsLoading.set(true);
        vm.statusText.set("Loading projects…");
        vm.projectsFailed = false;
        long generation = ++loadGeneration;
        pagedIds.clear();
        projectsTask = vm.runner.run(() -> vm.permissions().readingScopes(s, () -> s.projects(org.id(),
                        page -> vm.runner.onUiThread(() -> showProjectsPage(generation, page)))))
                .onSuccess(projects -> {
                    vm.projectsLoading.set(false);
                    showProjects(projects);
                    s.limitNote().ifPresent(n -> vm.banner("Only the projects this key may reach", n));
                })
                .onFailure(e -> {
                    vm.projectsLoading.set(false);
                    ServiceException se = ServiceException.of(e);
                    // Rows whose status request was cancelled by this reload would otherwise spin forever.
                    vm.rows.stream().filter(r -> r.state() == RowState.LOADING).forEach(r -> r.fail(se));
                    vm.busy.set(false);
                    vm.refreshFailed("the projects of " + org.name(), se);
                });
    }

    /** Re-fetches only these projects (after an action touched them), ahead of every other. Unknown ids are ignored. */
    void refreshProjects(Set<Long> projectIds) {
        List<ProjectRowViewModel> touched = vm.rows.stream().filter(r -> projectIds.contains(r.id())).toList();
        if (touched.isEmpty() || vm.service == null) {
            return;
        }
        for (ProjectRowViewModel r : touched) {
            r.links().forEach(l -> repos.forget(l.installationId()));
        }
        enqueue(touched);
        loader.prioritize(touched.stream().map(ProjectRowViewModel::id).toList()); // a change: ahead of the screen
    }

    /**
     * The rows the user sees now (on screen, then the selected one): their reads go ahead of every other, so the
     * order follows the user as they scroll, filter or select.
     */
    void showing(List<Long> projectIds) {
        onScreen = List.copyOf(projectIds);
        reprioritize();
    }

    /** The selected project, then the rows on screen, ahead of every other read. */
    void reprioritize() {
        loader.prioritize(ahead());
    }

    private List<Long> ahead() {
        ProjectRowViewModel selected = vm.selectedRow.get();
        List<Long> first = new ArrayList<>(onScreen.size() + 1);
        if (selected != null) {
            first.add(selected.id());
        }
        first.addAll(onScreen);
        return first;
    }

    /** PostHog's read budget is spent: its countdown has the banner until requests go again. */
    boolean budgetSpent() {
        return budget.spent();
    }

    /** Once a second: the budget's countdown, and the waiting rows read once it is over. */
    void tick() {
        budget.tick(vm, ids -> {
            enqueue(vm.rows.stream().filter(r -> ids.contains(r.id())).toList());
        });
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
        boolean firstPage = pagedIds.isEmpty();
        if (firstPage) {
            if (!vm.showingCached.get()) {
                repos.clear();
            }
            loader.resetProgress();
        }
        Map<Long, Integer> index = null; // where each row is, made only when a page replaces a row (not per page)
        List<ProjectRowViewModel> toFetch = new ArrayList<>(page.size());
        List<ProjectRowViewModel> added = new ArrayList<>();
        for (Project p : page) {
            if (!pagedIds.add(p.id())) {
                continue;
            }
            ProjectRowViewModel old = vm.table().row(p.id());
            ProjectRowViewModel row = old != null && old.project().equals(p) ? old : new ProjectRowViewModel(p);
            if (old != null && row != old) {
                if (old.linksKnown()) {
                    row.showLinks(old.links(), repos.counts(), true);
                }
                sharing.untrack(old);
                if (index == null) {
                    index = new HashMap<>();
                    for (int i = 0; i < vm.rows.size(); i++) {
                        index.put(vm.rows.get(i).id(), i);
                    }
                }
                vm.rows.set(index.get(p.id()), row);
            } else if (old == null) {
                added.add(row);
            }
            toFetch.add(row);
        }
        vm.rows.addAll(added);
        vm.statusText.set("Loading projects… " + pagedIds.size() + " so far");
        if (firstPage) {
            enqueueAfterFrame(toFetch);
        } else {
            enqueue(toFetch);
        }
    }

    private void showProjects(List<Project> projects) {
        if (!pagedIds.isEmpty()) {
            finishPagedLoad(projects);
            return;
        }
        Map<Long, ProjectRowViewModel> existing = new HashMap<>();
        vm.rows.forEach(r -> existing.put(r.id(), r));
        List<ProjectRowViewModel> next = new ArrayList<>(projects.size());
        for (Project p : projects) {
            ProjectRowViewModel old = existing.remove(p.id());
            ProjectRowViewModel row = old != null && old.project().equals(p) ? old : new ProjectRowViewModel(p);
            if (row != old && old != null && old.linksKnown()) {
                row.showLinks(old.links(), repos.counts(), true);
            }
            next.add(row);
        }
        existing.values().forEach(sharing::untrack);
        vm.table().replaceRows(next);
        if (vm.selectedRow.get() != null && !next.contains(vm.selectedRow.get())) {
            ProjectRowViewModel same = next.stream().filter(r -> r.id() == vm.selectedRow.get().id()).findFirst().orElse(null);
            vm.selectedRow.set(same);
        }
        if (!vm.showingCached.get()) {
            repos.clear();
        }
        loader.resetProgress();
        vm.statusText.set(projects.size() + (projects.size() == 1 ? " project" : " projects"));
        if (projects.isEmpty()) {
            finishLoad();
            return;
        }
        enqueueAfterFrame(next);
    }

    /**
     * The rows of a load, just added: their status reads are queued as usual but leave once the frame that shows
     * the rows is laid out (they would compete with it for the CPU: on a first start the sandbox answering them
     * and the client reading them delayed the first rows by 50-130 ms on two cores), and by then the view has
     * said which rows are on screen, so those go first. Later pages of the load join the held queue.
     */
    private void enqueueAfterFrame(Collection<ProjectRowViewModel> rows) {
        boolean held = loader.hold();
        enqueue(rows);
        if (held) {
            vm.runner.afterNextFrame(loader::release);
        }
    }

    /** The last page is in: keep the server's order, drop rows it no longer lists, fetch any not paged. */
    private void finishPagedLoad(List<Project> projects) {
        Map<Long, ProjectRowViewModel> byId = new HashMap<>();
        vm.rows.forEach(r -> byId.put(r.id(), r));
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
        byId.values().forEach(sharing::untrack);
        vm.table().replaceRows(next);
        if (vm.selectedRow.get() != null && !next.contains(vm.selectedRow.get())) {
            vm.selectedRow.set(null);
        }
        vm.statusText.set(projects.size() + (projects.size() == 1 ? " project" : " projects"));
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
        if (!vm.busy.get() || vm.total.get() == 0) {
            loader.resetProgress();
        }
        vm.busy.set(true);
        toFetch.forEach(r -> pending.put(r.id(), r));
        // The stalest first (never read, then oldest read), then what the user sees ahead of all of them.
        List<ProjectRowViewModel> order = new ArrayList<>(toFetch);
        order.sort(java.util.Comparator.comparing(ProjectRowViewModel::readAt,
                java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder())));
        loader.enqueue(order.stream().map(ProjectRowViewModel::id).toList(), ahead());
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
                row.showLinks(links, repos.counts(), false);
                row.setReadAt(reads.readTime(projectId));
                sharing.track(row);
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
            vm.done.set(doneCount);
            vm.total.set(totalCount);
            updateProgressText();
        }

        @Override
        public void idle() {
            if (vm.busy.get() && !vm.projectsLoading.get()) {
                finishLoad();
            }
        }
    }

    private void rowFailed(ProjectRowViewModel row, ServiceException e) {
        LOGGER.info("GitHub status of project {} failed: {} {} [{}]", row.id(), e.kind(), e.code(), e.logDetail());
        ConnectionProblems.note(vm, e);
        if (ReadBudget.spentBy(e)) {
            budget.meet(vm, e, row.id(), loader, pending::get);
            return;
        }
        row.fail(e);
        if (vm.needsNewKey.get() || (e.kind() == ServiceException.Kind.PERMISSION && e.missingScope().isPresent())) {
            // Every other request would fail the same way: fail them now, without asking.
            for (Long id : loader.dropQueued()) {
                ProjectRowViewModel r = pending.get(id);
                if (r != null) {
                    r.fail(e);
                }
            }
            vm.done.set(loader.done());
        }
    }

    private void finishLoad() {
        sharing.flush();
        vm.busy.set(false);
        if (loadedOrganization != null && !vm.projectsFailed) {
            saveCache();
            vm.dataTime.set(vm.clock.instant());
            reads.updateDataTime(); // the oldest row's read, which a long load or a wait for the budget makes older
            vm.showingCached.set(false);
        }
        updateProgressText(); // counts the failed rows and refreshes the age text
    }

    private void updateProgressText() {
        int n = vm.rows.size();
        String base = n + (n == 1 ? " project" : " projects");
        if (vm.busy.get() && vm.total.get() > 0) {
            vm.statusText.set(base + " · GitHub status " + vm.done.get() + "/" + vm.total.get());
        } else {
            long failed = vm.rows.stream().filter(r -> r.state() == RowState.FAILED).count();
            vm.failedCount.set((int) failed);
            vm.statusText.set(vm.projectsFailed ? vm.failedRefreshStatus()
                    : failed == 0 ? base : base + " · " + failed + " couldn't be loaded");
        }
        vm.updateFreshness();
    }

    // ---- cache ------------------------------------------------------------------------------------------

    Optional<InventorySnapshot> showCached(String organizationId) {
        Optional<InventorySnapshot> snap = vm.cache == null ? Optional.empty() : vm.cache.load(CachedFirstFrame.key(vm), organizationId);
        snap.ifPresent(this::showSnapshot);
        return snap;
    }

    /** Shows a cached inventory as the rows, marked as cached with its age, until a load replaces it. */
    void showSnapshot(InventorySnapshot s) {
        repos.seed(s.repoCounts());
        List<ProjectRowViewModel> cached = new ArrayList<>();
        for (InventorySnapshot.Entry e : s.projects()) {
            ProjectRowViewModel r = new ProjectRowViewModel(e.project());
            if (e.links() != null) {
                r.showLinks(e.links(), repos.counts(), true);
                r.setReadAt(s.savedAt());
            }
            cached.add(r);
        }
        resetRows();
        vm.rows.setAll(cached);
        sharing.trackAll(cached);
        loadedOrganization = s.organization();
        vm.dataTime.set(s.savedAt());
        vm.showingCached.set(true);
        updateProgressText();
    }

    private void saveCache() {
        if (vm.cache == null || loadedOrganization == null) {
            return;
        }
        List<InventorySnapshot.Entry> entries = vm.rows.stream()
                .map(r -> new InventorySnapshot.Entry(r.project(), r.linksKnown() ? r.links() : null))
                .toList();
        vm.cache.saveInBackground(CachedFirstFrame.key(vm), new InventorySnapshot(vm.host, loadedOrganization, vm.clock.instant(), entries,
                Map.copyOf(repos.counts())));
    }

    private void resetRows() {
        vm.selectedRow.set(null);
        vm.rows.clear();
        sharing.clear();
        vm.dataTime.set(null);
        vm.showingCached.set(false);
        vm.done.set(0);
        vm.total.set(0);
        vm.freshnessText.set("");
    }

    private void cancelRowWork() {
        budget.forget();
        loader.cancel();
        pending.clear();
        vm.done.set(0);
        vm.total.set(0);
    }

    ProjectRowsLoader(InventoryViewModel vm, int maxInFlight) {
        this.vm = vm;
        this.sharing = new RowSharing(vm.busy::get, vm.rows::size, () -> onScreen.stream().map(vm.table()::row)
                .filter(java.util.Objects::nonNull).toList());
        this.repos = sharing.repos();
        this.loader = new ProjectLoader<>(vm.runner.dispatch(), id -> {
            InventoryService s = vm.service; // the connection of the moment the read leaves
            return () -> repos.linksCounting(s, id); // off the UI thread: links and new repository counts
        }, maxInFlight, new LoaderListener());
        this.reads = new RowReads(vm, sharing, id -> {
            ProjectRowViewModel row = pending.get(id); // the row this load reads, else any row of the project
            return row != null ? row : vm.row(id);
        }, id -> !this.loader.inFlight(id) && (this.loader.skip(id) || true)); // read elsewhere: not read again here
    }

    /** A new connection: no organization's rows are loaded. */
    void forgetOrganization() {
        loadedOrganization = null;
    }

    /** Stops the project list and every row read. */
    void cancel() {
        cancelRowWork();
        if (projectsTask != null) {
            projectsTask.cancel();
        }
    }
}
