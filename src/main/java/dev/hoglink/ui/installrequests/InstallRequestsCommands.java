package dev.hoglink.ui.installrequests;

import dev.hoglink.model.Capabilities;
import dev.hoglink.service.github.InstallRequestService;
import dev.hoglink.service.session.Session;
import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.OpenWindow;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.ui.common.WindowRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.animation.PauseTransition;
import javafx.beans.value.ObservableObjectValue;
import javafx.stage.Stage;

/**
 * Opens the "GitHub install requests" window (Connection › GitHub install requests…) over the current session:
 * one window at a time; closing it stops its polling. Polls on the FX thread's timer, reads off it.
 */
public final class InstallRequestsCommands {

    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ObservableObjectValue<Session> session;
    private final Supplier<Capabilities> capabilities;
    private final Predicate<String> linkedInstallation;
    private final BrowserLauncher browser;
    private Stage open;

    /**
     * @param capabilities       the current connection's capabilities (a read-only connection or key may not dismiss)
     * @param linkedInstallation whether an installation is already linked to a project that is loaded
     */
    public InstallRequestsCommands(TaskRunner runner, DialogService dialogs, ObservableObjectValue<Session> session,
                                   Supplier<Capabilities> capabilities, Predicate<String> linkedInstallation,
                                   BrowserLauncher browser) {
        this.runner = Objects.requireNonNull(runner);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.session = Objects.requireNonNull(session);
        this.capabilities = Objects.requireNonNull(capabilities);
        this.linkedInstallation = Objects.requireNonNull(linkedInstallation);
        this.browser = Objects.requireNonNull(browser);
    }

    /** Shows the window (brings it forward when it is open) and reads the list. */
    public void open() {
        if (open != null && open.isShowing()) {
            open.toFront();
            return;
        }
        Supplier<Optional<InstallRequestService>> service = () -> Optional.ofNullable(session.get())
                .map(Session::installRequests);
        InstallRequestsViewModel vm = new InstallRequestsViewModel(runner, service,
                () -> capabilities.get().anyWrite(), linkedInstallation, InstallRequestsCommands::fxSchedule,
                Clock.systemDefaultZone());
        OpenWindow<InstallRequestsView> w = dialogs.openWindow(WindowRequest.modeless(InstallRequestsView.class,
                () -> new InstallRequestsView(vm, browser::open, ZoneId.systemDefault()), "GitHub install requests")
                .withMinSize(480, 400));
        open = w.stage();
        if (open != null) {
            open.setOnHidden(e -> vm.close());
        }
        w.view().focusFirst();
        vm.load();
    }

    /** Whether a loaded project is linked to an installation (the rows whose GitHub status is known). */
    public static Predicate<String> linkedAmong(java.util.List<dev.hoglink.ui.inventory.ProjectRowViewModel> rows) {
        return id -> rows.stream().anyMatch(r -> r.linksKnown() && r.links().stream()
                .anyMatch(l -> id.equals(l.installationId())));
    }

    /** Runs {@code task} on the FX thread after {@code delay}; the result cancels it. */
    static Runnable fxSchedule(Duration delay, Runnable task) {
        PauseTransition wait = new PauseTransition(javafx.util.Duration.millis(delay.toMillis()));
        wait.setOnFinished(e -> task.run());
        wait.play();
        return wait::stop;
    }
}
