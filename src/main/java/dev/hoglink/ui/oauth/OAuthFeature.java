package dev.hoglink.ui.oauth;

import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.AppContext;
import dev.hoglink.model.Project;
import dev.hoglink.service.OAuthService;
import dev.hoglink.service.Session;
import dev.hoglink.ui.common.ControllerFactory;
import dev.hoglink.ui.common.ViewLoader;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.theme.ThemeManager;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javafx.application.HostServices;
import javafx.scene.Scene;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;
import javafx.stage.Window;

/**
 * Plugs the OAuth bootstrap wizard into the main window: the detail pane's "Start OAuth bootstrap…" opens
 * it for the selected project. One wizard at a time; it is not modal, so the inventory stays usable while it
 * waits. Install with {@code OAuthFeature.install(context, getHostServices());}.
 */
public final class OAuthFeature {

    private final AppContext context;
    private final BrowserLauncher browser;
    private Stage open;

    OAuthFeature(AppContext context, BrowserLauncher browser) {
        this.context = Objects.requireNonNull(context);
        this.browser = Objects.requireNonNull(browser);
    }

    public static OAuthFeature install(AppContext context, HostServices hostServices) {
        return install(context, BrowserLauncher.of(hostServices));
    }

    public static OAuthFeature install(AppContext context, BrowserLauncher browser) {
        OAuthFeature feature = new OAuthFeature(context, browser);
        context.inventory().oauthActionProperty().set(feature::openFor);
        // A wizard works on one connection: switching connection closes it (which stops its watch).
        context.sessionProperty().addListener((o, a, b) -> {
            if (a != null && feature.open != null && feature.open.isShowing()) {
                feature.open.close();
            }
        });
        return feature;
    }

    /** Opens the wizard for a project row (or brings the open one to the front). */
    public void openFor(ProjectRowViewModel row) {
        if (open != null && open.isShowing()) {
            open.toFront();
            return;
        }
        Session session = context.session().orElse(null);
        if (session == null) {
            context.dialogs().info("No connection", "Connect to PostHog first; the OAuth wizard works on the open connection.");
            return;
        }
        OAuthService service = session.oauth();
        List<Project> projects = context.inventory().rows().stream().map(ProjectRowViewModel::project).toList();
        OAuthWizardViewModel vm = new OAuthWizardViewModel(service, context.runner(), Ticker.fx(), browser,
                OAuthFeature::copyToClipboard, context.inventory().selectedOrganizationProperty().get(), projects,
                row == null ? null : row.project(), ids -> context.inventory().refreshProjects(Set.copyOf(ids)));
        open = show(vm, context.owner().get());
    }

    /** Builds the wizard's window for a view model and shows it; used by the feature and by tests. */
    public static Stage show(OAuthWizardViewModel vm, Window owner) {
        ControllerFactory controllers = new ControllerFactory().register(OAuthWizardView.class, () -> new OAuthWizardView(vm));
        ViewLoader.Loaded<OAuthWizardView> loaded = new ViewLoader(controllers).load(OAuthWizardView.class);
        Stage stage = new Stage();
        if (owner != null) {
            stage.initOwner(owner);
        }
        stage.setTitle("OAuth bootstrap – Hoglink");
        Scene scene = new Scene(loaded.root());
        new ThemeManager(t -> { }).register(scene);
        stage.setScene(scene);
        stage.setMinWidth(620);
        stage.setMinHeight(480);
        loaded.controller().setCloser(stage::close);
        stage.setOnHidden(e -> vm.cancel());
        stage.show();
        vm.start();
        return stage;
    }

    private static void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
