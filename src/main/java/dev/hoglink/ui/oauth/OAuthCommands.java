package dev.hoglink.ui.oauth;

import dev.hoglink.model.Project;
import dev.hoglink.service.session.Session;
import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.OpenWindow;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.common.WindowRequest;
import dev.hoglink.ui.inventory.InventoryViewModel;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import javafx.beans.value.ObservableObjectValue;
import javafx.scene.input.Clipboard;
import javafx.scene.input.ClipboardContent;
import javafx.stage.Stage;

/**
 * The OAuth bootstrap command: "Start OAuth bootstrap…" opens the wizard for a project over the current
 * session's OAuth service. One wizard at a time; it is not modal, so the inventory stays usable while it waits.
 * Switching connection closes it (which stops its watch).
 */
public final class OAuthCommands {

    private final TaskRunner runner;
    private final DialogService dialogs;
    private final InventoryViewModel inventory;
    private final ObservableObjectValue<Session> session;
    private final BrowserLauncher browser;
    private Stage open;

    public OAuthCommands(TaskRunner runner, DialogService dialogs, InventoryViewModel inventory,
                         ObservableObjectValue<Session> session, BrowserLauncher browser) {
        this.runner = Objects.requireNonNull(runner);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.inventory = Objects.requireNonNull(inventory);
        this.session = Objects.requireNonNull(session);
        this.browser = Objects.requireNonNull(browser);
        session.addListener((o, a, b) -> {
            if (a != null && open != null && open.isShowing()) {
                open.close();
            }
        });
    }

    /** Opens the wizard for a project row (or brings the open one to the front). */
    public void openFor(ProjectRowViewModel row) {
        if (open != null && open.isShowing()) {
            open.toFront();
            return;
        }
        Session s = session.get();
        if (s == null) {
            dialogs.info("No connection", "Connect to PostHog first; the OAuth wizard works on the open connection.");
            return;
        }
        List<Project> projects = inventory.rows().stream().map(ProjectRowViewModel::project).toList();
        OAuthWizardViewModel vm = new OAuthWizardViewModel(s.oauth(), runner, Ticker.fx(), browser,
                OAuthCommands::copyToClipboard, inventory.selectedOrganizationProperty().get(), projects,
                row == null ? null : row.project(), ids -> inventory.refreshProjects(Set.copyOf(ids)));
        vm.setOnKeyReadOnly(() -> inventory.permissions().refusedForMissingWrite(),
                () -> inventory.permissions().capabilities().readOnlyReason());
        vm.choice().setKnownLinks(p -> inventory.rows().stream().filter(r -> r.id() == p.id()).findFirst()
                .map(ProjectRowViewModel::links).orElse(List.of()));
        open = show(dialogs, vm);
    }

    /** Opens the wizard's window for a view model through the dialog service and starts it; used by tests too. */
    public static Stage show(DialogService dialogs, OAuthWizardViewModel vm) {
        OpenWindow<OAuthWizardView> w = dialogs.openWindow(WindowRequest.modeless(OAuthWizardView.class,
                () -> new OAuthWizardView(vm), "OAuth bootstrap – Hoglink").withMinSize(620, 480));
        w.view().setCloser(w.stage()::close);
        w.stage().setOnHidden(e -> vm.cancel());
        vm.start();
        return w.stage();
    }

    private static void copyToClipboard(String text) {
        ClipboardContent content = new ClipboardContent();
        content.putString(text);
        Clipboard.getSystemClipboard().setContent(content);
    }
}
