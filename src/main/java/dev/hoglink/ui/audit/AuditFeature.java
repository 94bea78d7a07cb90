package dev.hoglink.ui.audit;

import dev.hoglink.AppContext;
import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.model.Organization;
import dev.hoglink.service.Session;
import dev.hoglink.ui.common.ControllerFactory;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.theme.AppIcon;
import java.time.ZoneId;
import java.util.function.Consumer;
import javafx.application.Platform;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyCodeCombination;
import javafx.scene.input.KeyCombination;
import javafx.stage.Stage;
import javafx.stage.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Installs the audit: an "Audit" button in the main toolbar (and Ctrl+Shift+A) opens the audit window for the
 * organization chosen in the main window, over the current session. The problems' fixes call the inventory's
 * link and OAuth actions on that project's row, and open GitHub pages in the system browser.
 */
public final class AuditFeature {

    private static final Logger LOGGER = LoggerFactory.getLogger(AuditFeature.class);
    public static final KeyCombination SHORTCUT =
            new KeyCodeCombination(KeyCode.A, KeyCombination.SHORTCUT_DOWN, KeyCombination.SHIFT_DOWN);

    private final AppContext context;
    private final AuditViewModel vm;
    private final BrowserLauncher browser;
    private Stage stage;
    private AuditView view;
    private Session lastSession;

    private AuditFeature(AppContext context, BrowserLauncher browser) {
        this.context = context;
        this.browser = browser;
        this.vm = new AuditViewModel(context.runner(), Platform::runLater, context.dialogs(),
                new InventoryActions(context.inventory(), this::openOnGitHub), ZoneId.systemDefault());
    }

    public static AuditFeature install(AppContext context, BrowserLauncher browser) {
        AuditFeature f = new AuditFeature(context, browser);
        Button button = new Button("Audit", AppIcon.AUDIT.node());
        button.setId("auditButton");
        button.setTooltip(new Tooltip("Audit installations, problems and history (Ctrl+Shift+A)"));
        button.setAccessibleText("Open the audit");
        button.setOnAction(e -> f.open());
        button.disableProperty().bind(context.inventory().selectedOrganizationProperty().isNull());
        button.sceneProperty().addListener((o, a, scene) -> {
            if (scene != null) {
                scene.getAccelerators().put(SHORTCUT, () -> {
                    if (!button.isDisabled()) {
                        f.open();
                    }
                });
            }
        });
        context.inventoryView().addToolbarItem(button);
        context.sessionProperty().addListener((o, a, b) -> f.sourceChanged());
        context.inventory().selectedOrganizationProperty().addListener((o, a, b) -> f.sourceChanged());
        return f;
    }

    public AuditViewModel viewModel() {
        return vm;
    }

    /** Opens (or brings forward) the audit window and reads the organization. */
    public void open() {
        if (stage == null) {
            ControllerFactory controllers = new ControllerFactory()
                    .register(AuditView.class, () -> new AuditView(vm, context.dialogs(), ZoneId.systemDefault()));
            ViewLoader.Loaded<AuditView> loaded = new ViewLoader(controllers).load(AuditView.class);
            view = loaded.controller();
            stage = new Stage();
            Window owner = context.owner().get();
            Scene scene = new Scene(loaded.root(), 1200, 760);
            if (owner != null) {
                stage.initOwner(owner);
                if (owner.getScene() != null) {
                    scene.getStylesheets().addAll(owner.getScene().getStylesheets());
                }
            }
            stage.setScene(scene);
            stage.titleProperty().bind(vm.titleProperty());
            stage.setMinWidth(800);
            stage.setMinHeight(520);
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.F5), vm::load);
            scene.getAccelerators().put(new KeyCodeCombination(KeyCode.W, KeyCombination.SHORTCUT_DOWN), stage::close);
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
        Session session = context.session().orElse(null);
        Organization org = context.inventory().selectedOrganizationProperty().get();
        Organization before = vm.organizationProperty().get();
        if (session == null) {
            vm.setSource(null, org);
            return;
        }
        AuditViewModel.AuditLoader loader = (o, progress) -> session.audit().audit(session.host().url(), o, progress);
        boolean changed = before == null || org == null || !before.id().equals(org.id()) || session != lastSession;
        lastSession = session;
        vm.setSource(loader, org);
        if (changed) {
            vm.show(null);
        }
        if (changed && stage != null && stage.isShowing() && org != null) {
            vm.load();
        }
    }

    private void openOnGitHub(String url) {
        if (!AuditViewModel.isGitHubPage(url)) {
            LOGGER.warn("Refused to open a page that is not on github.com");
            return;
        }
        browser.open(java.net.URI.create(url));
    }

    /** Forwards fixes to the inventory's actions on the project's row. */
    static final class InventoryActions implements ProblemActions {
        private final InventoryViewModel inventory;
        private final Consumer<String> github;

        InventoryActions(InventoryViewModel inventory, Consumer<String> github) {
            this.inventory = inventory;
            this.github = github;
        }

        @Override
        public boolean canLink(long projectId) {
            return inventory.linkActionProperty().get() != null && inventory.row(projectId) != null;
        }

        @Override
        public void link(long projectId) {
            run(projectId, inventory.linkActionProperty().get());
        }

        @Override
        public boolean canStartOAuth(long projectId) {
            return inventory.oauthActionProperty().get() != null && inventory.row(projectId) != null;
        }

        @Override
        public void startOAuth(long projectId) {
            run(projectId, inventory.oauthActionProperty().get());
        }

        private void run(long projectId, Consumer<ProjectRowViewModel> action) {
            ProjectRowViewModel row = inventory.row(projectId);
            if (row != null && action != null) {
                inventory.selectedRowProperty().set(row);
                action.accept(row);
            }
        }

        @Override
        public void openOnGitHub(String url) {
            github.accept(url);
        }
    }
}
