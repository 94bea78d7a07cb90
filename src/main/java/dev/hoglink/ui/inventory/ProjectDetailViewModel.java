package dev.hoglink.ui.inventory;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.ReposPage;
import dev.hoglink.model.Repository;
import dev.hoglink.service.inventory.InventoryService;
import dev.hoglink.service.ServiceException;
import dev.hoglink.ui.common.TaskHandle;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.util.Waits;
import java.util.List;
import java.util.function.Supplier;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ChangeListener;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The detail pane of the selected project: its GitHub integrations, the repositories of the chosen one
 * (paged, searched on the server) and the installations it could link.
 */
public final class ProjectDetailViewModel {

    static final int REPO_PAGE = 25;

    private final TaskRunner runner;
    private final Supplier<InventoryService> service;

    private final ReadOnlyObjectWrapper<ProjectRowViewModel> project = new ReadOnlyObjectWrapper<>();
    private final ObservableList<GitHubLink> links = FXCollections.observableArrayList();
    private final ObjectProperty<GitHubLink> selectedLink = new SimpleObjectProperty<>();

    private final ObservableList<Repository> repositories = FXCollections.observableArrayList();
    private final StringProperty repoSearch = new SimpleStringProperty("");
    private final ReadOnlyIntegerWrapper reposTotal = new ReadOnlyIntegerWrapper();
    private final ReadOnlyBooleanWrapper reposHasMore = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper reposLoading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper reposMessage = new ReadOnlyStringWrapper("");
    /** How many repositories the selected installation reaches (the unfiltered total); -1 while unknown. */
    private final ReadOnlyIntegerWrapper accessibleCount = new ReadOnlyIntegerWrapper(-1);
    private final javafx.beans.binding.StringBinding repositoryScope = javafx.beans.binding.Bindings.createStringBinding(
            () -> selectedLink.get() == null ? "" : selectedLink.get().repositoryScope(accessibleCount.get()),
            selectedLink, accessibleCount);

    private final ObservableList<InstallationOption> installations = FXCollections.observableArrayList();
    private final javafx.collections.transformation.FilteredList<InstallationOption> visibleInstallations =
            new javafx.collections.transformation.FilteredList<>(installations);
    private final StringProperty installationFilter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper installationsCount = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper installationsLoading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper installationsMessage = new ReadOnlyStringWrapper("");
    static final String CAN_LINK_TITLE = "Installations this project can link";
    static final String USED_ELSEWHERE_TITLE = "Installations other projects use";
    private final ReadOnlyStringWrapper installationsTitle = new ReadOnlyStringWrapper(CAN_LINK_TITLE);
    static final String NOT_CONNECTED_CAN_LINK = "Not connected to GitHub. Link an installation that a sibling project "
            + "already uses, or start the OAuth bootstrap.";
    /** Where Link is refused the note under the buttons says why and what is allowed; this does not offer it. */
    static final String NOT_CONNECTED = "Not connected to GitHub.";
    private final ReadOnlyStringWrapper notConnectedNote = new ReadOnlyStringWrapper(NOT_CONNECTED_CAN_LINK);

    private TaskHandle<ReposPage> reposTask;
    private final RowSharing rowSharing;
    /**
     * Whether each shown link's installation is shared (by integration id, in the links' order): what the cards
     * say, kept true as other projects link or unlink those installations. Replaced with the links, so a card of a
     * link no longer shown holds the only reference to its value.
     */
    private java.util.Map<Long, ReadOnlyObjectWrapper<dev.hoglink.model.Sharing>> linkSharing = java.util.Map.of();
    private final Supplier<List<ProjectRowViewModel>> siblings;
    private final ChangeListener<List<GitHubLink>> linksListener = (o, a, b) -> {
        showLinks();
        reloadInstallations();
    };
    private final ChangeListener<Number> repoCountListener = (o, a, b) -> repoCountArrived();

    /** PostHog's GITHUB_REPOSITORY_REFRESH_COOLDOWN_SECONDS (posthog/models/integration/github.py, N15). */
    static final java.time.Duration REFRESH_COOLDOWN = java.time.Duration.ofSeconds(30);
    private final java.time.Clock clock;
    private final java.util.Map<Long, java.time.Instant> refreshedAt = new java.util.HashMap<>();
    /** How many repositories each integration's last refresh here answered (the whole list): the newest count. */
    private final java.util.Map<Long, Integer> refreshedCounts = new java.util.HashMap<>();
    private final ReadOnlyBooleanWrapper refreshing = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper refreshMessage = new ReadOnlyStringWrapper("");
    private java.util.function.Consumer<ProjectRowViewModel> rowChanged = r -> { };
    /** Links found deleted on PostHog whose project was read again (once each, so a stale read cannot loop). */
    private final java.util.Set<Long> goneReread = new java.util.HashSet<>();

    /**
     * @param sharing which installations the loaded rows use: the cards' sharing words count those rows, as the
     *                table's Shared column does, and follow them as other projects link or unlink
     */
    ProjectDetailViewModel(TaskRunner runner, Supplier<InventoryService> service,
                           Supplier<List<ProjectRowViewModel>> siblings, RowSharing sharing, java.time.Clock clock) {
        this.runner = runner;
        this.service = service;
        this.siblings = siblings;
        this.rowSharing = sharing;
        this.clock = clock;
        sharing.onUsersChanged(this::installationUsersChanged);
        selectedLink.addListener((o, a, b) -> {
            if (!sameIntegration(a, b)) {
                accessibleCount.set(-1);
                reloadRepositories();
            }
        });
        repoSearch.addListener((o, a, b) -> reloadRepositories());
        installationFilter.addListener((o, a, b) -> filterInstallations());
    }

    /** The installations the filter keeps (account, installation id or the project that uses it). */
    public ObservableList<InstallationOption> visibleInstallations() {
        return visibleInstallations;
    }

    public StringProperty installationFilterProperty() {
        return installationFilter;
    }

    /** "11 of 50" while a filter is typed; empty otherwise (the message below the list gives the total). */
    public ReadOnlyStringProperty installationsCountProperty() {
        return installationsCount.getReadOnlyProperty();
    }

    private void filterInstallations() {
        String f = installationFilter.get() == null ? "" : installationFilter.get().strip().toLowerCase(java.util.Locale.ROOT);
        visibleInstallations.setPredicate(f.isEmpty() ? null : o -> String.valueOf(o.accountName())
                .toLowerCase(java.util.Locale.ROOT).contains(f) || o.installationId().contains(f)
                || String.valueOf(o.sourceProjectName()).toLowerCase(java.util.Locale.ROOT).contains(f));
        int all = installations.size();
        int shown = visibleInstallations.size();
        installationsCount.set(f.isEmpty() ? "" : shown + " of " + all); // the total is in the message below
    }

    public ReadOnlyObjectProperty<ProjectRowViewModel> projectProperty() {
        return project.getReadOnlyProperty();
    }

    public ObservableList<GitHubLink> links() {
        return links;
    }

    public ObjectProperty<GitHubLink> selectedLinkProperty() {
        return selectedLink;
    }

    public ObservableList<Repository> repositories() {
        return repositories;
    }

    public StringProperty repoSearchProperty() {
        return repoSearch;
    }

    public ReadOnlyIntegerProperty reposTotalProperty() {
        return reposTotal.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty reposHasMoreProperty() {
        return reposHasMore.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty reposLoadingProperty() {
        return reposLoading.getReadOnlyProperty();
    }

    /**
     * "All repositories in acme (30)" when the installation reaches every repository of its account, "Selected
     * repositories in acme (12)" when an owner chose some (the table lists them); empty with no integration.
     */
    public javafx.beans.binding.StringBinding repositoryScope() {
        return repositoryScope;
    }

    /** "Showing 25 of 57", an empty-state text or an error. */
    public ReadOnlyStringProperty reposMessageProperty() {
        return reposMessage.getReadOnlyProperty();
    }

    public ObservableList<InstallationOption> installations() {
        return installations;
    }

    public ReadOnlyBooleanProperty installationsLoadingProperty() {
        return installationsLoading.getReadOnlyProperty();
    }

    /** The list's title: what it offers, or, where Link is refused, whose installations they are. */
    public ReadOnlyStringProperty installationsTitleProperty() {
        return installationsTitle.getReadOnlyProperty();
    }

    /** What the GitHub section says of a project with no GitHub integration. */
    public ReadOnlyStringProperty notConnectedNoteProperty() {
        return notConnectedNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty installationsMessageProperty() {
        return installationsMessage.getReadOnlyProperty();
    }

    /** Shows a project (or nothing, for null) and loads what the pane needs. */
    void show(ProjectRowViewModel row) {
        ProjectRowViewModel old = project.get();
        if (old != null) {
            old.linksProperty().removeListener(linksListener);
            old.repoCountProperty().removeListener(repoCountListener);
        }
        if (row != old) {
            refreshMessage.set("");
        }
        project.set(row);
        if (row != null) {
            row.linksProperty().addListener(linksListener);
            row.repoCountProperty().addListener(repoCountListener);
        }
        showLinks();
        reloadInstallations();
    }

    /** Loads the next page of repositories of the selected integration. */
    public void loadMoreRepositories() {
        if (!reposHasMore.get() || reposLoading.get()) {
            return;
        }
        fetchRepositories(repositories.size(), false);
    }

    /**
     * "Refresh" beside the repositories: asks PostHog to read the selected integration's repositories from GitHub
     * again, then shows them. Within 30 s of the last refresh PostHog would answer from its cache, so nothing is
     * sent and the time left is shown; a 429 (10 a minute per project) says when to try again.
     */
    public void refreshRepositories() {
        ProjectRowViewModel row = project.get();
        GitHubLink link = selectedLink.get();
        InventoryService s = service.get();
        if (row == null || link == null || s == null || refreshing.get()) {
            return;
        }
        java.time.Instant last = refreshedAt.get(link.integrationId());
        java.time.Instant now = clock.instant();
        if (last != null && now.isBefore(last.plus(REFRESH_COOLDOWN))) {
            refreshMessage.set("Refreshed " + java.time.Duration.between(last, now).toSeconds() + " s ago; PostHog "
                    + "reuses that list for 30 s. Try again "
                    + Waits.when(java.time.Duration.between(now, last.plus(REFRESH_COOLDOWN))) + ".");
            return;
        }
        long projectId = row.id();
        long integrationId = link.integrationId();
        refreshing.set(true);
        refreshMessage.set("Asking GitHub through PostHog…");
        runner.run(() -> s.refreshRepositories(projectId, integrationId))
                .onSuccess(r -> {
                    refreshedAt.put(integrationId, clock.instant());
                    // The refresh answers the whole list: its size is the count, newer than the inventory's.
                    refreshedCounts.put(integrationId, r.repositories());
                    // GitHub refused PostHog's token: the list is PostHog's last cached one, and PostHog has marked
                    // the row. A successful mint clears the mark and the row's token error. A PostHog that does not
                    // send the status says neither.
                    dev.hoglink.model.LinkStatus was = link.status();
                    boolean changed = r.unavailable() ? was != dev.hoglink.model.LinkStatus.UNAVAILABLE
                            : r.connected() && was != dev.hoglink.model.LinkStatus.CONNECTED;
                    if (changed || link.equals(row.primaryLink()) && row.repoCount() >= 0
                            && row.repoCount() != r.repositories()) {
                        // the table, this pane and the audit read the row's new status, or count its installation's
                        // repositories again when the refresh found more or fewer
                        rowChanged.accept(row);
                    }
                    if (project.get() != row) {
                        return; // another project is shown now: its pane says nothing of this one
                    }
                    String n = r.repositories() + (r.repositories() == 1 ? " repository" : " repositories");
                    refreshMessage.set(r.unavailable()
                            ? "GitHub refused: the installation is uninstalled or suspended on GitHub. PostHog kept its "
                            + "last list: " + n + "." + stillConnected(row, link)
                            // Within 30 s of any sync of its copy PostHog answers that copy (sync_repository_cache's
                            // min_refresh_interval_seconds), also when another client asked: true either way.
                            : "Read from GitHub within the last 30 s: " + n + "."
                            + (changed ? " The installation answers again." : "")
                            + " PostHog allows 10 refreshes a minute per project.");
                    reloadRepositories();
                })
                .onFailure(e -> {
                    ServiceException se = ServiceException.of(e);
                    if (linkGone(se, row, link) != null) {
                        return;
                    }
                    refreshMessage.set(se.kind() == ServiceException.Kind.THROTTLED
                            ? "PostHog allows 10 repository refreshes a minute per project; try again "
                            + Waits.when(se.retryAfter().orElse(null)) + "."
                            : "Couldn't refresh the repositories: " + se.userMessage());
                })
                .onFinished(() -> refreshing.set(false));
    }

    /**
     * After GitHub refused a refresh: the other projects on the same installation that PostHog still reports
     * connected, and why (PostHog marks each row when its own token mint fails, api-notes NF2), or "".
     */
    private String stillConnected(ProjectRowViewModel row, GitHubLink link) {
        List<String> names = othersOn(row, link, l -> l.status() == dev.hoglink.model.LinkStatus.CONNECTED).stream()
                .map(ProjectRowViewModel::name).toList();
        if (names.isEmpty()) {
            return "";
        }
        return " " + dev.hoglink.util.Names.join(names) + (names.size() == 1 ? " uses" : " use")
                + " the same installation and still " + (names.size() == 1 ? "reads" : "read") + " connected: PostHog "
                + "marks each project when its own token refresh fails, within about half an hour.";
    }

    /**
     * Whether {@code link}'s installation is shared, by the rule the table's Shared column follows ({@link
     * dev.hoglink.model.Sharing}): the other loaded projects with a link to it, and PostHog's flag on the row. For
     * the project's primary link this is the table row's {@link ProjectRowViewModel#sharing()}.
     */
    public dev.hoglink.model.Sharing sharing(GitHubLink link) {
        ProjectRowViewModel row = project.get();
        int others = row == null || !link.hasInstallation() ? 0 : rowSharing.othersThan(row, link.installationId());
        return new dev.hoglink.model.Sharing(others, link.shared());
    }

    /**
     * {@link #sharing(GitHubLink)} of a link the pane shows, as a value that changes when another loaded project
     * links or unlinks its installation (the project's own row changes only when its primary link's count does).
     * A link not shown gets its value of now.
     */
    public ReadOnlyObjectProperty<dev.hoglink.model.Sharing> sharingProperty(GitHubLink link) {
        ReadOnlyObjectWrapper<dev.hoglink.model.Sharing> w = linkSharing.get(link.integrationId());
        return (w != null ? w : new ReadOnlyObjectWrapper<>(sharing(link))).getReadOnlyProperty();
    }

    /** Makes the shown links' sharing values, keeping those of links still shown (the cards bound to them). */
    private void trackLinkSharing(List<GitHubLink> shown) {
        java.util.Map<Long, ReadOnlyObjectWrapper<dev.hoglink.model.Sharing>> next = new java.util.LinkedHashMap<>();
        for (GitHubLink l : shown) {
            ReadOnlyObjectWrapper<dev.hoglink.model.Sharing> w = linkSharing.get(l.integrationId());
            if (w == null) {
                w = new ReadOnlyObjectWrapper<>();
            }
            next.put(l.integrationId(), w);
            setIfChanged(w, sharing(l));
        }
        linkSharing = next;
    }

    /** The installations {@code ids} gained or lost a project: the shown links on them say so again. */
    private void installationUsersChanged(java.util.Set<String> ids) {
        if (linkSharing.isEmpty()) {
            return;
        }
        for (GitHubLink l : links) {
            ReadOnlyObjectWrapper<dev.hoglink.model.Sharing> w = linkSharing.get(l.integrationId());
            if (w != null && l.hasInstallation() && ids.contains(l.installationId())) {
                setIfChanged(w, sharing(l));
            }
        }
    }

    private static void setIfChanged(ReadOnlyObjectWrapper<dev.hoglink.model.Sharing> w, dev.hoglink.model.Sharing s) {
        if (!s.equals(w.get())) {
            w.set(s);
        }
    }

    /** The other projects with a link to {@code link}'s installation that {@code which} accepts; none without one. */
    private List<ProjectRowViewModel> othersOn(ProjectRowViewModel row, GitHubLink link,
                                               java.util.function.Predicate<GitHubLink> which) {
        if (!link.hasInstallation()) {
            return List.of();
        }
        return siblings.get().stream().filter(o -> o.id() != row.id() && o.links().stream()
                .anyMatch(l -> link.installationId().equals(l.installationId()) && which.test(l))).toList();
    }

    /** Told when a refresh found the row's status changed on PostHog, so the row is read again. */
    void onRowChanged(java.util.function.Consumer<ProjectRowViewModel> reread) {
        rowChanged = reread;
    }

    public ReadOnlyBooleanProperty refreshingProperty() {
        return refreshing.getReadOnlyProperty();
    }

    /** What the last "Refresh" did, or why it sent nothing; empty before the first. */
    public ReadOnlyStringProperty refreshMessageProperty() {
        return refreshMessage.getReadOnlyProperty();
    }

    /**
     * Lists the installations the project could link, from what the inventory already knows: those that other
     * projects of the organization use and this one does not. It sends nothing: PostHog's available_installations
     * records a discovery on every call (posthog/api/integration.py), a row of the project's activity log in some
     * copies, the server's log only in the newest (docs/api-notes.md N22, NL3), so
     * Hoglink asks it only when the admin starts a link, where the personal GitHub account's installations are
     * added too.
     */
    public void reloadInstallations() {
        installationsLoading.set(false);
        ProjectRowViewModel row = project.get();
        if (row == null) {
            installations.clear();
            installationsMessage.set("");
            filterInstallations();
            return;
        }
        java.util.Set<String> own = new java.util.HashSet<>();
        row.links().forEach(l -> own.add(l.installationId()));
        java.util.Map<String, InstallationOption> found = new java.util.LinkedHashMap<>();
        boolean partial = false;
        for (ProjectRowViewModel other : siblings.get()) {
            if (other.id() == row.id()) {
                continue;
            }
            partial |= !other.linksKnown();
            for (GitHubLink l : other.links()) {
                if (l.installationId() != null && !own.contains(l.installationId())) {
                    found.putIfAbsent(l.installationId(), new InstallationOption(l.installationId(), l.accountName(),
                            l.accountType(), other.id(), other.name(), null));
                }
            }
        }
        installations.setAll(found.values());
        listedInstallations = found.size();
        listedPartial = partial;
        installationsMessage.set(installationsText(found.size(), partial, noPersonalGitHub, linkRefused));
        filterInstallations();
    }

    private void showLinks() {
        ProjectRowViewModel row = project.get();
        List<GitHubLink> ls = row == null ? List.of() : row.links();
        GitHubLink keep = selectedLink.get();
        trackLinkSharing(ls); // before the list changes: its listeners draw the cards from these values
        links.setAll(ls);
        GitHubLink next = keep == null ? null
                : ls.stream().filter(l -> l.integrationId() == keep.integrationId()).findFirst().orElse(null);
        if (next == null && !ls.isEmpty()) {
            next = ls.get(0);
        }
        boolean same = sameIntegration(keep, next);
        selectedLink.set(next);
        if (same) {
            reloadRepositories(); // the row was refreshed: its repositories may have changed too
        }
    }

    private void reloadRepositories() {
        cancel(reposTask);
        repositories.clear();
        reposTotal.set(0);
        reposHasMore.set(false);
        fetchRepositories(0, true);
    }

    private void fetchRepositories(int offset, boolean replace) {
        ProjectRowViewModel row = project.get();
        GitHubLink link = selectedLink.get();
        InventoryService s = service.get();
        if (row == null || link == null || s == null) {
            reposLoading.set(false);
            reposMessage.set(row == null ? ""
                    : !row.linksKnown() ? "Repositories show once the GitHub status is loaded."
                    : "No GitHub integration, so no repositories.");
            return;
        }
        long projectId = row.id();
        long integrationId = link.integrationId();
        String search = search();
        reposLoading.set(true);
        reposMessage.set("Loading repositories…");
        reposTask = runner.run(() -> s.repositories(projectId, integrationId, search, offset, REPO_PAGE))
                .onSuccess(page -> {
                    if (replace) {
                        repositories.setAll(page.repositories());
                    } else {
                        repositories.addAll(page.repositories());
                    }
                    // PostHog's page names no total: known at the last page, else (unsearched) the inventory's
                    // count of the installation's repositories (RepoCounts), else unknown.
                    int total = page.totalKnown() || !search.isEmpty() ? page.total()
                            : refreshedCounts.containsKey(link.integrationId()) ? refreshedCounts.get(link.integrationId())
                            : link.equals(row.primaryLink()) ? row.repoCount() : -1;
                    showTotal(total, search);
                    reposHasMore.set(page.hasMore());
                })
                .onFailure(e -> {
                    ServiceException se = ServiceException.of(e);
                    String gone = linkGone(se, row, link);
                    reposMessage.set(gone != null ? gone : "Couldn't load repositories: " + se.userMessage());
                })
                .onFinished(() -> reposLoading.set(false));
    }

    /**
     * The inventory counts an installation's repositories in the background (RepoCounts): when its count arrives after
     * the list was read without a total, the pane takes it, so it no longer says "there are more" beside the table's
     * "all · 30".
     */
    private void repoCountArrived() {
        ProjectRowViewModel row = project.get();
        GitHubLink link = selectedLink.get();
        String search = search();
        if (row == null || link == null || row.repoCount() < 0 || reposLoading.get() || !search.isEmpty()
                || reposTotal.get() >= 0 || !link.equals(row.primaryLink())) {
            return; // nothing shown yet, a search, a total already known, a failed read or another integration
        }
        showTotal(row.repoCount(), search);
    }

    /**
     * PostHog answered 404 for the link itself: its row was deleted there, by another admin's unlink or because the
     * App was uninstalled on GitHub and GitHub's webhook reached PostHog, which then deletes every row of the
     * installation (handle_installation_event, posthog/api/github_callback/installation_events.py). The project, and
     * the other projects that used the same installation, are read again, once per link, so the table, this pane and
     * the audit stop showing deleted links.
     */
    private String linkGone(ServiceException se, ProjectRowViewModel row, GitHubLink link) {
        if (se.kind() != ServiceException.Kind.NOT_FOUND || se.endpointMissing()) {
            return null;
        }
        // Only the first 404 of a link reads its projects again; a later one must not say it does.
        boolean first = goneReread.add(link.integrationId());
        String message = first ? GONE : GONE_AGAIN;
        if (project.get() == row) {
            refreshMessage.set(message); // stays under the Repositories header once the re-read empties the list
        }
        if (first) {
            rowChanged.accept(row);
            othersOn(row, link, l -> true).forEach(rowChanged);
        }
        return message;
    }

    private static final String GONE_HEAD = "PostHog no longer has this GitHub link: it was removed outside this window "
            + "(another admin unlinked it, or the app was uninstalled on GitHub).";
    static final String GONE = GONE_HEAD + " The project is read again.";
    /** A link found gone again after its project was read once: nothing is read again now. */
    static final String GONE_AGAIN = GONE_HEAD + " It was read again once; refresh the list to read it again.";

    /** The repositories of a GitHub integration that names no installation (the No installation problem). */
    static final String NO_INSTALLATION_REPOS = "This GitHub integration names no installation, so no repository "
            + "is reached through it.";

    /** The repository search as typed, trimmed; "" for none. */
    private String search() {
        return repoSearch.get() == null ? "" : repoSearch.get().trim();
    }

    /** Shows a total of the listed repositories (-1: unknown): the count the scope line shows, unsearched, too. */
    private void showTotal(int total, String search) {
        reposTotal.set(total);
        if (search.isEmpty()) {
            accessibleCount.set(total);
        }
        reposMessage.set(reposText(total, search));
    }

    private String reposText(int total, String search) {
        if (total == 0) {
            GitHubLink link = selectedLink.get();
            if (search.isEmpty() && link != null && (link.installationId() == null || link.installationId().isBlank())) {
                return NO_INSTALLATION_REPOS; // no installation to speak of: the card above says so
            }
            return search.isEmpty() ? "This installation cannot access any repository."
                    : "No repository matches \u201c" + search + "\u201d.";
        }
        if (total < 0) {
            return "Showing the first " + repositories.size() + (search.isEmpty() ? " repositories" : " matches")
                    + "; there are more.";
        }
        return "Showing " + repositories.size() + " of " + total + (total == 1 ? " repository" : " repositories");
    }

    private int listedInstallations;
    private boolean listedPartial;
    private boolean noPersonalGitHub;
    private boolean linkRefused;

    /**
     * Link existing installation is refused on the shown project (the note under the buttons says why): the list
     * then says the installations are used by other projects, not that they "can be linked".
     */
    void linkRefused(boolean refused) {
        if (refused == linkRefused) {
            return;
        }
        linkRefused = refused;
        installationsTitle.set(refused ? USED_ELSEWHERE_TITLE : CAN_LINK_TITLE);
        notConnectedNote.set(refused ? NOT_CONNECTED : NOT_CONNECTED_CAN_LINK);
        if (!installationsMessage.get().isEmpty()) {
            installationsMessage.set(installationsText(listedInstallations, listedPartial, noPersonalGitHub, refused));
        }
    }

    /**
     * PostHog said the user has no personal GitHub account linked (true) or has one / it is not known (false): the
     * list's message then does not promise installations "your personal GitHub account can see".
     */
    void noPersonalGitHub(boolean none) {
        if (none == noPersonalGitHub) {
            return;
        }
        noPersonalGitHub = none;
        if (!installationsMessage.get().isEmpty()) {
            installationsMessage.set(installationsText(listedInstallations, listedPartial, none, linkRefused));
        }
    }

    static String installationsText(int n, boolean partial, boolean noPersonalGitHub, boolean linkRefused) {
        String head = linkRefused
                ? (n == 0 ? "No other project of this organization has an installation."
                : n == 1 ? "1 installation is used by another project." : n + " installations are used by other projects.")
                : n == 0 ? "No other project of this organization has an installation this one could link."
                : n == 1 ? "1 installation of another project can be linked."
                : n + " installations of other projects can be linked.";
        return head + (partial ? " (Some projects are still loading.)" : "") + (noPersonalGitHub || linkRefused ? ""
                : " Link\u2026 also looks for installations your personal GitHub account can see.");
    }

    private static boolean sameIntegration(GitHubLink a, GitHubLink b) {
        return a == null ? b == null : b != null && a.integrationId() == b.integrationId();
    }

    private static void cancel(TaskHandle<?> h) {
        if (h != null) {
            h.cancel();
        }
    }

    /** The words for one GitHub row's state in the detail pane, by the model's one rule. */
    public static String linkStatusText(GitHubLink l) {
        return statusText(l.state(), l.errors());
    }

    /**
     * The words for a state with PostHog's error code (for a token error): the detail pane's link cards and the link
     * dialog's Status column say an installation's state with them.
     */
    public static String statusText(dev.hoglink.model.ProjectState state, String errors) {
        return switch (state) {
            case UNAVAILABLE -> "Unavailable: uninstalled or suspended on GitHub";
            case TOKEN_ERROR -> "Token error: " + dev.hoglink.model.ProjectState.TOKEN_ERROR_REASON;
            case NO_INSTALLATION -> "No installation: this GitHub integration "
                    + dev.hoglink.model.ProjectState.NO_INSTALLATION_REASON;
            default -> state.label();
        };
    }
}
