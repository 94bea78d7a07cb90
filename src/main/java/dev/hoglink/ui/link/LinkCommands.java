package dev.hoglink.ui.link;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.SharingIndex;
import dev.hoglink.service.link.LinkResult;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.session.Session;
import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.DialogService.Notice;
import dev.hoglink.ui.common.OpenWindow;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.common.WindowRequest;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.value.ObservableObjectValue;
import javafx.stage.Stage;

/**
 * The link commands: "Link existing installation…" (detail pane, Ctrl+L), "Link N projects…" (toolbar,
 * Ctrl+Shift+L) and "Unlink…", over the current session's link service. One dialog at a time, opened through
 * the {@link DialogService}; after a change the touched projects and their installation's siblings are
 * re-read.
 */
public final class LinkCommands {

    private final TaskRunner runner;
    private final DialogService dialogs;
    private final InventoryViewModel inventory;
    private final ObservableObjectValue<Session> session;
    private final BrowserLauncher browser;
    private final Clock clock;
    private final Consumer<ProjectRowViewModel> oauth;
    private Stage openDialog;
    private UnlinkViewModel unlinker;
    private UndoLastLink undo;
    /** "Manage on GitHub" is telling PostHog (FX thread only). */
    private boolean managing;

    /**
     * @param oauth what "Start OAuth bootstrap…" inside the link dialog does (the OAuth command)
     */
    public LinkCommands(TaskRunner runner, DialogService dialogs, InventoryViewModel inventory,
                        ObservableObjectValue<Session> session, BrowserLauncher browser, Clock clock,
                        Consumer<ProjectRowViewModel> oauth) {
        this.runner = Objects.requireNonNull(runner);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.inventory = Objects.requireNonNull(inventory);
        this.session = Objects.requireNonNull(session);
        this.browser = Objects.requireNonNull(browser);
        this.clock = Objects.requireNonNull(clock);
        this.oauth = Objects.requireNonNull(oauth);
        this.undo = new UndoLastLink(runner, dialogs, browser);
        session.addListener((o, a, b) -> {
            undo.forget(); // a link of another connection cannot be undone here
            offerResume(); // a bulk link a quit or a crash cut short on this host
        });
    }

    // ---- link one -----------------------------------------------------------------------------------------

    /** Opens the "Link existing installation…" dialog for a project. */
    public void openLinkDialog(ProjectRowViewModel row) {
        Optional<LinkService> service = service();
        if (service.isEmpty() || row == null || openDialog != null) {
            return;
        }
        LinkService.Target target = target(row);
        Runnable startOAuth = () -> {
            closeDialog();
            oauth.accept(row);
        };
        LinkDialogViewModel vm = new LinkDialogViewModel(runner, service.get(), target, facts(), clock,
                browser, startOAuth, r -> linked(target, r));
        vm.setOnRefused(() -> inventory.permissions().reread());
        vm.setBelowAdmin(() -> { // read on the confirm step, on the FX thread, from what the window holds
            dev.hoglink.model.Capabilities caps = inventory.permissions().capabilities();
            int level = caps.projectLevel(inventory.permissions().levelOf(target.projectId()));
            return level > 0 && level < dev.hoglink.model.Organization.ADMIN;
        });
        vm.setOnKeyReadOnly(() -> inventory.permissions().refusedForMissingWrite());
        vm.setOnSwitched(() -> refresh(Set.of(target.projectId()), null)); // the dialog stays to show each step
        vm.setOnRowChanged(id -> refresh(Set.of(id), null));
        LinkDialogView view = show(LinkDialogView.class, () -> new LinkDialogView(vm), "Link existing installation");
        view.setOnClose(this::closeDialog);
        openDialog.setOnCloseRequest(e -> {
            if (vm.inFlightProperty().get() || vm.switchPlan().runningProperty().get()) {
                e.consume(); // the answer decides what to report; the dialog stays until it is in
            }
        });
        vm.load();
    }

    private void linked(LinkService.Target target, LinkResult r) {
        // The dialog's sentence, as the service worded it from PostHog's rows read at the link (and journaled it): the
        // project keeps its other installations (N25), and the table's rows may be older than that read.
        String message = r.message();
        // someone else's link, found (nothing sent) or updated by this one (NH21), is not Hoglink's to undo
        boolean ours = r.ours();
        refresh(Set.of(target.projectId()), r.link() == null ? null : r.link().installationId());
        if (ours && r.link() != null) {
            // the row PostHog answered with: the undo deletes that row only, not one made by a later link (NH25)
            undo.remember(new UndoLastLink.Made(r.link().installationId(), OptionRow.accountOf(r.link()), List.of(target),
                    r.link().integrationId() > 0 ? Map.of(target.projectId(), r.link().integrationId()) : Map.of()));
        }
        closeDialog();
        dialogs.notify(message + (r.journaled() ? "" : " " + r.journalProblem()),
                !ours ? Notice.INFO : r.journaled() ? Notice.SUCCESS : Notice.WARNING);
    }

    /**
     * A token error's fix: links the same installation to the same project again, after one confirmation.
     * PostHog's link_existing updates the project's row for that installation and fetches a fresh token
     * (docs/api-notes.md N25), so the error clears; nothing else changes.
     */
    public void relink(ProjectRowViewModel row, String installationId) {
        Optional<LinkService> service = service();
        GitHubLink link = row == null ? null : row.links().stream()
                .filter(l -> Objects.equals(installationId, l.installationId())).findFirst().orElse(null);
        if (service.isEmpty() || link == null) {
            dialogs.notify("Nothing to re-link: the project no longer uses that installation.", Notice.INFO);
            return;
        }
        String account = dev.hoglink.model.InstallationName.of(link.accountName(), installationId);
        LinkService.Target target = target(row);
        // named as the unlink names it: its own name above, with its id and project in the text
        String name = row.project().ownName();
        if (!dialogs.confirm("Re-link " + name + " to " + account + "?", target.label() + " keeps the installation "
                + "on " + account + ". PostHog links it again, which fetches a fresh token from GitHub and clears the "
                + "token error. Nothing else changes.", "Re-link")) {
            return;
        }
        InstallationOption option = new InstallationOption(installationId, link.accountName(), link.accountType(),
                null, null, null);
        runner.run(() -> service.get().linkOne(target, option))
                .onSuccess(r -> {
                    refresh(Set.of(row.id()), installationId);
                    String journal = r.journaled() ? "" : " " + r.journalProblem();
                    if (r.linked()) {
                        dialogs.notify(name + " was linked to " + account + " again; PostHog fetched a fresh "
                                + "token." + journal, r.journaled() ? Notice.SUCCESS : Notice.WARNING);
                    } else {
                        dialogs.error("Re-link of " + row.project().inText() + " failed", r.message() + journal, null);
                    }
                })
                .onFailure(e -> dialogs.error("Re-link of " + row.project().inText() + " failed",
                        dev.hoglink.service.ServiceException.of(e).userMessage(), null));
    }

    // ---- bulk ---------------------------------------------------------------------------------------------

    /**
     * Opens "Link projects…" as plan, then apply, for the given rows (the table's selection, or a set another
     * window hands over); the dialog also offers every row in the current filter and every row not connected.
     */
    public void openBulkDialog(List<ProjectRowViewModel> selected) {
        Optional<Session> s = Optional.ofNullable(session.get());
        if (s.isEmpty()) {
            service();
            return;
        }
        if (openDialog != null) {
            return;
        }
        List<GitHubLink> all = new ArrayList<>();
        inventory.rows().forEach(r -> all.addAll(r.links()));
        MarkedProjects marked = MarkedProjects.of(targets(selected),
                targets(inventory.table().visibleRows()),
                targets(inventory.rows().stream().filter(r -> r.linksKnown() && r.links().isEmpty()).toList()));
        BulkLinkViewModel vm = new BulkLinkViewModel(runner, dialogs, s.get().plans(),
                inventory.selectedOrganizationProperty().get(), marked, inventory.permissions().capabilities(), all,
                facts());
        showBulk(vm, "Link projects");
        vm.load();
    }

    /** At start, or after connecting: offers to resume a bulk link a quit or crash left unfinished. */
    public void offerResume() {
        Session s = session.get();
        if (s == null) {
            return;
        }
        runner.run(() -> s.plans().unfinished())
                .onSuccess(list -> {
                    if (list.isEmpty() || openDialog != null || session.get() != s) {
                        return;
                    }
                    dev.hoglink.service.link.PlanService.Unfinished u = list.get(list.size() - 1);
                    String what = u.summary() + ": resume?";
                    if (dialogs.confirm(what, "A bulk link to " + u.plan().installation().describe() + " in "
                            + (u.plan().organizationName() == null ? "this organization" : u.plan().organizationName())
                            + " was stopped or cut short (a quit or a crash) before it ended. " + u.summary()
                            + ". Resuming checks each project again before sending it.", "Resume…")) {
                        showBulk(BulkLinkViewModel.resuming(runner, dialogs, s.plans(), u), "Resume linking projects");
                    } else {
                        runner.run(() -> {
                            s.plans().close(u.plan().id());
                            return null;
                        });
                    }
                });
    }

    private void showBulk(BulkLinkViewModel vm, String title) {
        vm.setOnTouched(ids -> refresh(ids, vm.currentPlan().map(p -> p.installation().installationId()).orElse(null)));
        vm.setOnLinked(did -> rememberBulk(did, vm.linkedRows()));
        vm.setOnKeyReadOnly(() -> inventory.permissions().refusedForMissingWrite());
        BulkLinkView view = show(BulkLinkView.class, () -> new BulkLinkView(vm), title);
        view.setOnClose(this::closeDialog);
        openDialog.setOnCloseRequest(e -> {
            if (vm.stepProperty().get() == BulkLinkViewModel.Step.RUNNING) {
                vm.stop();
                e.consume(); // it closes once the request in flight is answered and the result shows
            }
        });
    }

    /** The rows as plan targets, each with the level PostHog stated for its project when the window read it (NM1). */
    private List<dev.hoglink.service.link.LinkPlanner.Target> targets(List<ProjectRowViewModel> rows) {
        return rows.stream().map(r -> new dev.hoglink.service.link.LinkPlanner.Target(r.project(), r.links(),
                inventory.permissions().levelOf(r.id()))).toList();
    }

    /** {@code rows}: the GitHub row each linked project uses through the run's link, where PostHog answered it. */
    private void rememberBulk(dev.hoglink.service.link.LinkPlan did, Map<Long, Long> rows) {
        List<LinkService.Target> linked = did.planned().stream().map(r -> {
            ProjectRowViewModel row = inventory.row(r.projectId());
            return new LinkService.Target(did.organization(), row != null ? row.project()
                    : r.project(did.organizationId())); // an environment with its project, as the plan names it
        }).toList();
        undo.remember(new UndoLastLink.Made(did.installation().installationId(), did.installation().account(), linked,
                rows));
    }

    // ---- undo ---------------------------------------------------------------------------------------------

    /** "Undo link of …", or empty when this session linked nothing yet. */
    public javafx.beans.property.ReadOnlyStringProperty undoLabelProperty() {
        return undo.labelProperty();
    }

    /** Unlinks exactly what the last link of this session linked, with the same warnings as any unlink. */
    public void undoLastLink() {
        Optional<LinkService> service = service();
        Optional<UndoLastLink.Made> made = undo.last();
        if (service.isEmpty() || made.isEmpty()) {
            return;
        }
        Set<Long> undone = new java.util.HashSet<>();
        made.get().projects().forEach(t -> undone.add(t.projectId()));
        List<String> others = inventory.rows().stream().filter(r -> !undone.contains(r.id()))
                .filter(r -> r.links().stream().anyMatch(l -> made.get().installationId().equals(l.installationId())))
                .map(ProjectRowViewModel::name).toList();
        undo.undo(service.get(), others, ids -> refresh(ids, made.get().installationId()));
    }

    /** For tests. */
    UndoLastLink undo() {
        return undo;
    }

    // ---- unlink -------------------------------------------------------------------------------------------

    /** "Unlink…": one unlink at a time, confirmed as PostHog's web UI does. */
    public void unlink(ProjectRowViewModel row, GitHubLink link) {
        if (unlinker != null && unlinker.busyProperty().get()) {
            return; // one unlink at a time: a second click while the first is under way does nothing
        }
        service().ifPresent(s -> {
            unlinker = new UnlinkViewModel(runner, dialogs, s, facts(), browser,
                    ids -> refresh(ids, link.installationId()));
            // the last link's undo no longer covers a project unlinked by hand
            unlinker.setOnUnlinked(id -> undo.unlinked(Set.of(id), link.installationId()));
            unlinker.setOnRefused(() -> inventory.permissions().reread());
            unlinker.setOnKeyReadOnly(() -> inventory.permissions().refusedForMissingWrite());
            unlinker.unlink(target(row), link);
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /**
     * "Manage on GitHub": PostHog is told to expect GitHub's return first, then the settings page opens. One at a
     * time: a double click while PostHog is being told does not tell it twice nor open a second page.
     */
    public void manageOnGitHub(ProjectRowViewModel row, GitHubLink link) {
        Optional<LinkService> service = service();
        if (service.isEmpty() || row == null || link == null || managing) {
            return;
        }
        managing = true;
        LinkService.Target target = target(row);
        runner.run(() -> service.get().manageOnGitHub(target, link))
                .onSuccess(browser::open)
                .onFailure(e -> dialogs.error("Cannot open the installation on GitHub",
                        dev.hoglink.service.ServiceException.of(e).userMessage(), e))
                .onFinished(() -> managing = false);
    }

    /** The installation's settings page on GitHub, where its repository access is changed; a read, always allowed. */
    public void openRepositoryAccess(GitHubLink link) {
        if (link != null) {
            link.settingsPage().ifPresent(browser::open);
        }
    }

    private Optional<LinkService> service() {
        Optional<Session> session = Optional.ofNullable(this.session.get());
        if (session.isEmpty()) {
            dialogs.info("Not connected", "Connect to PostHog first; linking needs a connection.");
            return Optional.empty();
        }
        Session s = session.get();
        return Optional.of(s.links());
    }

    /**
     * Re-fetches the touched projects and, when one other loaded project uses the installation, that one: its
     * installation_shared flips when a project joins or leaves it; a larger group's does not
     * ({@code SharingIndex.rereadAfterChange}). One link or unlink so reads at most two projects.
     */
    private void refresh(Set<Long> projectIds, String installationId) {
        Set<Long> ids = new java.util.HashSet<>(projectIds);
        if (installationId != null) {
            java.util.List<Long> others = inventory.rows().stream()
                    .filter(r -> !projectIds.contains(r.id()))
                    .filter(r -> r.links().stream().anyMatch(l -> installationId.equals(l.installationId())))
                    .map(ProjectRowViewModel::id).toList();
            ids.addAll(SharingIndex.rereadAfterChange(others));
        }
        inventory.refreshProjects(ids);
    }

    private LinkService.Target target(ProjectRowViewModel row) {
        Organization org = inventory.selectedOrganizationProperty().get();
        return new LinkService.Target(org, row.project());
    }

    private InstallationFacts facts() {
        return new InventoryFacts(inventory);
    }

    private <V> V show(Class<V> type, Supplier<V> controller, String title) {
        OpenWindow<V> w = dialogs.openWindow(WindowRequest.modal(type, controller, title));
        Stage stage = w.stage();
        stage.setOnHidden(e -> {
            if (openDialog == stage) {
                openDialog = null;
            }
        });
        openDialog = stage;
        return w.view();
    }

    private void closeDialog() {
        Stage s = openDialog;
        openDialog = null;
        if (s != null) {
            s.close();
        }
    }

    /** The dialog on screen, or null (for tests). */
    Stage openDialog() {
        return openDialog;
    }
}
