package dev.hoglink.ui.link;

import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.AppContext;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.service.LinkResult;
import dev.hoglink.service.LinkService;
import dev.hoglink.service.Session;
import dev.hoglink.ui.common.ControllerFactory;
import dev.hoglink.ui.common.DialogService.Notice;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.theme.AppIcon;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.collections.ObservableList;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Modality;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Link, bulk link and unlink, plugged into the inventory: the detail pane's "Link existing installation…"
 * and "Unlink…" buttons, a toolbar button "Link N projects…" for a multi-row selection, and the shortcuts
 * Ctrl+L (link the selected project) and Ctrl+Shift+L (link the selected projects).
 */
public final class LinkFeature {

    static final String APP_CSS = "/dev/hoglink/ui/theme/app.css";

    private final AppContext context;
    private final BrowserLauncher browser;
    private final Clock clock;
    private final ObservableList<ProjectRowViewModel> selection;
    private final Button bulkButton = new Button();
    private Stage openDialog;
    private UnlinkViewModel unlinker;

    private LinkFeature(AppContext context, BrowserLauncher browser, Clock clock) {
        this.context = Objects.requireNonNull(context);
        this.browser = browser;
        this.clock = clock;
        this.selection = context.inventoryView().selectedRows();
    }

    /** Wires the feature into the inventory; call once from the composition root. */
    public static LinkFeature install(AppContext context, BrowserLauncher browser) {
        return install(context, browser, Clock.systemUTC());
    }

    static LinkFeature install(AppContext context, BrowserLauncher browser, Clock clock) {
        LinkFeature f = new LinkFeature(context, browser, clock);
        InventoryViewModel inventory = context.inventory();
        inventory.linkActionProperty().set(f::openLinkDialog);
        inventory.unlinkActionProperty().set(f::unlink);
        f.bulkButton.setId("bulkLinkButton");
        f.bulkButton.setGraphic(AppIcon.LINK.node());
        f.bulkButton.textProperty().bind(Bindings.createStringBinding(
                () -> f.selection.size() >= 2 ? "Link " + f.selection.size() + " projects…" : "Link projects…",
                f.selection));
        f.bulkButton.disableProperty().bind(Bindings.size(f.selection).lessThan(2));
        f.bulkButton.setTooltip(new Tooltip("Select several projects (Ctrl+click or Shift+click), then link them all "
                + "to one installation (Ctrl+Shift+L)"));
        f.bulkButton.setOnAction(e -> f.openBulkDialog());
        context.inventoryView().addToolbarItem(f.bulkButton);
        context.inventoryView().overlay().sceneProperty().addListener((o, a, scene) -> f.addShortcuts(scene));
        f.addShortcuts(context.inventoryView().overlay().getScene());
        return f;
    }

    private void addShortcuts(Scene scene) {
        if (scene == null) {
            return;
        }
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN),
                () -> context.inventory().linkExisting());
        scene.getAccelerators().put(new KeyCodeCombination(KeyCode.L, KeyCombination.SHORTCUT_DOWN,
                KeyCombination.SHIFT_DOWN), () -> {
                    if (selection.size() >= 2) {
                        openBulkDialog();
                    }
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
        Runnable oauth = context.inventory().oauthActionProperty().get() == null ? null : () -> {
            closeDialog();
            var action = context.inventory().oauthActionProperty().get();
            if (action != null) {
                action.accept(row);
            }
        };
        LinkDialogViewModel vm = new LinkDialogViewModel(context.runner(), service.get(), target, facts(), clock,
                browser, oauth, r -> linked(target, r));
        LinkDialogView view = show(LinkDialogView.class, () -> new LinkDialogView(vm), "Link existing installation");
        view.setOnClose(this::closeDialog);
        openDialog.setOnCloseRequest(e -> {
            if (vm.inFlightProperty().get()) {
                e.consume(); // the answer decides what to report; the dialog stays until it is in
            }
        });
        vm.load();
    }

    private void linked(LinkService.Target target, LinkResult r) {
        refresh(Set.of(target.projectId()), r.link() == null ? null : r.link().installationId());
        closeDialog();
        context.dialogs().notify(r.message() + (r.journaled() ? "" : " " + r.journalProblem()),
                r.journaled() ? Notice.SUCCESS : Notice.WARNING);
    }

    // ---- bulk ---------------------------------------------------------------------------------------------

    /** Opens "Link N projects…" for the selected rows. */
    public void openBulkDialog() {
        Optional<LinkService> service = service();
        List<ProjectRowViewModel> rows = List.copyOf(selection);
        if (service.isEmpty() || rows.isEmpty() || openDialog != null) {
            return;
        }
        List<LinkService.Target> targets = new ArrayList<>();
        Map<Long, List<GitHubLink>> links = new LinkedHashMap<>();
        for (ProjectRowViewModel r : rows) {
            targets.add(target(r));
            links.put(r.id(), r.links());
        }
        BulkLinkViewModel vm = new BulkLinkViewModel(context.runner(), service.get(), targets, links, facts(), null);
        vm.setOnTouched(ids -> refresh(ids, vm.selectedProperty().get() == null ? null
                : vm.selectedProperty().get().option().installationId()));
        BulkLinkView view = show(BulkLinkView.class, () -> new BulkLinkView(vm), "Link " + rows.size() + " projects");
        view.setOnClose(this::closeDialog);
        openDialog.setOnCloseRequest(e -> {
            if (vm.stepProperty().get() == BulkLinkViewModel.Step.RUNNING) {
                vm.stop();
                e.consume(); // it closes once the request in flight is answered and the summary shows
            }
        });
        vm.load();
    }

    // ---- unlink -------------------------------------------------------------------------------------------

    private void unlink(ProjectRowViewModel row, GitHubLink link) {
        if (unlinker != null && unlinker.busyProperty().get()) {
            return; // one unlink at a time: a second click while the first is under way does nothing
        }
        service().ifPresent(s -> {
            unlinker = new UnlinkViewModel(context.runner(), context.dialogs(), s, facts(),
                    ids -> refresh(ids, link.installationId()));
            unlinker.unlink(target(row), link);
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Optional<LinkService> service() {
        Optional<Session> session = context.session();
        if (session.isEmpty()) {
            context.dialogs().info("Not connected", "Connect to PostHog first; linking needs a connection.");
            return Optional.empty();
        }
        Session s = session.get();
        return Optional.of(s.links());
    }

    /**
     * Re-fetches the touched projects and the loaded projects sharing the installation: PostHog's
     * installation_shared of those siblings changes when a project joins or leaves.
     */
    private void refresh(Set<Long> projectIds, String installationId) {
        Set<Long> ids = new java.util.HashSet<>(projectIds);
        if (installationId != null) {
            context.inventory().rows().stream()
                    .filter(r -> r.links().stream().anyMatch(l -> installationId.equals(l.installationId())))
                    .forEach(r -> ids.add(r.id()));
        }
        context.inventory().refreshProjects(ids);
    }

    private LinkService.Target target(ProjectRowViewModel row) {
        Organization org = context.inventory().selectedOrganizationProperty().get();
        return new LinkService.Target(org, row.project());
    }

    private InstallationFacts facts() {
        return new InventoryFacts(context.inventory());
    }

    private <V> V show(Class<V> type, java.util.function.Supplier<V> controller, String title) {
        ViewLoader.Loaded<V> loaded = new ViewLoader(new ControllerFactory().register(type, controller)).load(type);
        Stage stage = new Stage();
        Window owner = context.owner().get();
        if (owner != null) {
            stage.initOwner(owner);
            stage.initModality(Modality.WINDOW_MODAL);
        }
        Scene scene = new Scene(loaded.root());
        scene.getStylesheets().add(Objects.requireNonNull(LinkFeature.class.getResource(APP_CSS)).toExternalForm());
        stage.setScene(scene);
        stage.setTitle(title);
        stage.setOnHidden(e -> {
            if (openDialog == stage) {
                openDialog = null;
            }
        });
        openDialog = stage;
        stage.show();
        return loaded.controller();
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
