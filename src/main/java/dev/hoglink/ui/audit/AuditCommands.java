package dev.hoglink.ui.audit;

import dev.hoglink.model.Organization;
import dev.hoglink.service.session.Session;
import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.OpenWindow;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.common.WindowRequest;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import java.time.ZoneId;
import java.util.Objects;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.beans.value.ObservableObjectValue;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit command: "Audit" (Ctrl+Shift+A) opens the audit window for the organization chosen in the main
 * window, over the current session's audit service. The problems' fixes call the link and OAuth commands on
 * that project's row, and open GitHub pages in the system browser.
 */
public final class AuditCommands {

    private static final Logger LOGGER = LoggerFactory.getLogger(AuditCommands.class);

    private final DialogService dialogs;
    private final InventoryViewModel inventory;
    private final ObservableObjectValue<Session> session;
    private final BrowserLauncher browser;
    private final TaskRunner runner;
    /** Made when the audit is first opened (or asked for): a start that never audits builds none of it. */
    private AuditViewModel vm;
    private Stage stage;
    private AuditView view;
    private Session lastSession;
    private final RowActions rowActions;

    /**
     * @param link  the link command a fix calls on a project's row
     * @param oauth the OAuth command a fix calls on a project's row
     * @param relink the re-link command a token error's fix calls (project row, installation id)
     */
    public AuditCommands(TaskRunner runner, DialogService dialogs, InventoryViewModel inventory,
                         ObservableObjectValue<Session> session, BrowserLauncher browser,
                         Consumer<ProjectRowViewModel> link, Consumer<ProjectRowViewModel> oauth,
                         java.util.function.BiConsumer<ProjectRowViewModel, String> relink) {
        this.dialogs = Objects.requireNonNull(dialogs);
        this.inventory = Objects.requireNonNull(inventory);
        this.session = Objects.requireNonNull(session);
        this.browser = Objects.requireNonNull(browser);
        this.rowActions = new RowActions(inventory, link, oauth, relink, this::openOnGitHub);
        this.runner = Objects.requireNonNull(runner);
        session.addListener((o, a, b) -> sourceChanged());
        inventory.selectedOrganizationProperty().addListener((o, a, b) -> sourceChanged());
    }

    public AuditViewModel viewModel() {
        if (vm == null) {
            vm = new AuditViewModel(runner, Platform::runLater, dialogs, rowActions, ZoneId.systemDefault());
            sourceChanged();
        }
        return vm;
    }

    /** The bulk link ("Link N projects…") that "Link them…" opens for the projects without GitHub. */
    public void setBulkLink(Consumer<java.util.List<ProjectRowViewModel>> bulk) {
        rowActions.bulk = Objects.requireNonNull(bulk);
    }

    /** Opens (or brings forward) the audit window and reads the organization. */
    public void open() {
        viewModel();
        if (stage == null) {
            OpenWindow<AuditView> w = dialogs.openWindow(WindowRequest.modeless(AuditView.class,
                    () -> new AuditView(vm, dialogs, ZoneId.systemDefault()), "").withSize(1200, 760)
                    .withMinSize(800, 520));
            view = w.view();
            stage = w.stage();
            stage.titleProperty().bind(vm.titleProperty());
            stage.getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.F5), vm::reload);
            stage.getScene().getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN),
                    stage::close);
        }
        sourceChanged();
        stage.show();
        stage.toFront();
        if (vm.reportProperty().get() == null && !vm.busyProperty().get()) {
            vm.load();
        }
    }

    public Stage stage() {
        return stage;
    }

    public AuditView view() {
        return view;
    }

    private void sourceChanged() {
        if (vm == null) {
            return; // no audit yet: the view model reads the source when it is made
        }
        Session s = session.get();
        Organization org = inventory.selectedOrganizationProperty().get();
        Organization before = vm.organizationProperty().get();
        if (s == null) {
            vm.setSource(null, org);
            return;
        }
        AuditViewModel.AuditLoader loader = new AuditViewModel.AuditLoader() {
            @Override
            public dev.hoglink.service.audit.AuditReport load(Organization o,
                                                              dev.hoglink.service.audit.AuditService.Progress progress) {
                return s.audit().audit(s.host().url(), o, progress);
            }

            @Override
            public dev.hoglink.service.audit.AuditReport reload(Organization o,
                                                                dev.hoglink.service.audit.AuditService.Progress progress) {
                return s.audit().audit(s.host().url(), o, progress, false);
            }
        };
        boolean changed = before == null || org == null || !before.id().equals(org.id()) || s != lastSession;
        lastSession = s;
        vm.setSource(loader, org);
        if (changed) {
            vm.show(null);
        }
        if (changed && stage != null && stage.isShowing() && org != null) {
            vm.load();
        }
    }

    private void openOnGitHub(String url) {
        if (!AuditTexts.isGitHubPage(url)) {
            LOGGER.warn("Refused to open a page that is not on github.com");
            return;
        }
        browser.open(java.net.URI.create(url));
    }

    /** Fixes on a project: run the link, re-link or OAuth command on its row (the table's selection is untouched). */
    static final class RowActions implements ProblemActions {
        private final InventoryViewModel inventory;
        private final Consumer<ProjectRowViewModel> link;
        private final Consumer<ProjectRowViewModel> oauth;
        private final Consumer<String> github;
        private final java.util.function.BiConsumer<ProjectRowViewModel, String> relink;
        Consumer<java.util.List<ProjectRowViewModel>> bulk; // set by setBulkLink (tests set it directly)

        RowActions(InventoryViewModel inventory, Consumer<ProjectRowViewModel> link,
                   Consumer<ProjectRowViewModel> oauth, java.util.function.BiConsumer<ProjectRowViewModel, String> relink,
                   Consumer<String> github) {
            this.inventory = inventory;
            this.link = link;
            this.oauth = oauth;
            this.relink = relink;
            this.github = github;
        }

        @Override
        public void relink(long projectId, String installationId) {
            ProjectRowViewModel row = inventory.row(projectId);
            if (row != null) {
                relink.accept(row, installationId);
            }
        }

        @Override
        public boolean canLink(long projectId) {
            // the level PostHog stated for this project when the window read it (a member's, NM1), else the organization's
            return inventory.row(projectId) != null && inventory.permissions().capabilities()
                    .link(inventory.permissions().levelOf(projectId)).allowed();
        }

        @Override
        public void link(long projectId) {
            run(projectId, link);
        }

        @Override
        public boolean canLinkAll(java.util.List<Long> projectIds) {
            // the plan then says, project by project, which are linked and why the others are not
            return bulk != null && !projectIds.isEmpty() && projectIds.stream().allMatch(id -> inventory.row(id) != null)
                    && projectIds.stream().anyMatch(id -> inventory.permissions().capabilities()
                    .link(inventory.permissions().levelOf(id)).allowed());
        }

        @Override
        public void linkAll(java.util.List<Long> projectIds) {
            if (canLinkAll(projectIds)) { // the bulk dialog gets exactly these rows; the table's selection stays
                bulk.accept(projectIds.stream().map(inventory::row).toList());
            }
        }

        @Override
        public boolean canStartOAuth(long projectId) {
            return inventory.row(projectId) != null
                    && inventory.permissions().capabilities().startOAuth(inventory.permissions().levelOf(projectId))
                    .allowed();
        }

        @Override
        public void startOAuth(long projectId) {
            run(projectId, oauth);
        }

        private void run(long projectId, Consumer<ProjectRowViewModel> action) {
            ProjectRowViewModel row = inventory.row(projectId);
            if (row != null) {
                action.accept(row); // the fix acts on its project; the main table's selection stays as it is
            }
        }

        @Override
        public void openOnGitHub(String url) {
            github.accept(url);
        }
    }
}
