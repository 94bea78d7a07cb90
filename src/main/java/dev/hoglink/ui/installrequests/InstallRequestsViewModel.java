package dev.hoglink.ui.installrequests;

import dev.hoglink.model.Capabilities;
import dev.hoglink.model.InstallRequest;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.github.InstallRequestService;
import dev.hoglink.ui.common.TaskHandle;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.util.Waits;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The "GitHub install requests" window: the user's requests to install PostHog's GitHub App that wait for a
 * GitHub organization owner, what each status means, a message to send the owner, and Dismiss. While a request
 * is pending the list is asked again every {@link #POLL_INTERVAL} (PostHog's own page polls at 15 s), off the UI
 * thread; polling stops when nothing is pending, when the window closes, after {@link #MAX_FAILURES} failures
 * in a row (as PostHog's page gives up), and waits at least PostHog's Retry-After after a 429.
 */
public final class InstallRequestsViewModel {

    /** PostHog's INSTALL_REQUESTS_POLL_INTERVAL_MS (frontend/src/lib/integrations/githubInstallRequestsLogic.ts). */
    public static final Duration POLL_INTERVAL = Duration.ofSeconds(15);
    /** PostHog's MAX_CONSECUTIVE_POLL_FAILURES, same file. */
    public static final int MAX_FAILURES = 3;

    /** Runs {@code task} on the UI thread after {@code delay}; the returned action cancels it. */
    @FunctionalInterface
    public interface Scheduler {
        Runnable schedule(Duration delay, Runnable task);
    }

    /** One request as the window shows it. */
    public record Row(InstallRequest request, String title, String explanation, boolean canDismiss) {
    }

    private final TaskRunner runner;
    private final Supplier<Optional<InstallRequestService>> service;
    private final Supplier<Capabilities.Decision> mayWrite;
    private final Predicate<String> linkedInstallation;
    private final Scheduler scheduler;
    private final Clock clock;

    private final ObservableList<Row> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper pollStatus = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper ownerMessage = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<URI> installUrl = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper loading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper polling = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper dismissRefusal = new ReadOnlyStringWrapper("");

    private TaskHandle<InstallRequest.Listing> loadTask;
    private Runnable nextPoll;
    private int failures;
    private boolean closed;
    private int loads;

    /**
     * @param service            the open session's install requests, empty when not connected
     * @param mayWrite           the capabilities rule for changes (a read-only connection or key may not dismiss)
     * @param linkedInstallation whether an installation is already linked to a project of the organization
     */
    public InstallRequestsViewModel(TaskRunner runner, Supplier<Optional<InstallRequestService>> service,
                                    Supplier<Capabilities.Decision> mayWrite, Predicate<String> linkedInstallation,
                                    Scheduler scheduler, Clock clock) {
        this.runner = Objects.requireNonNull(runner);
        this.service = Objects.requireNonNull(service);
        this.mayWrite = Objects.requireNonNull(mayWrite);
        this.linkedInstallation = Objects.requireNonNull(linkedInstallation);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.clock = Objects.requireNonNull(clock);
    }

    /** Reads the list now (the window opened, or Refresh). */
    public void load() {
        closed = false;
        cancelPoll();
        Optional<InstallRequestService> s = service.get();
        if (s.isEmpty()) {
            summary.set("Connect to PostHog first: install requests belong to the signed-in user.");
            return;
        }
        if (loadTask != null) {
            loadTask.cancel();
        }
        loading.set(true);
        loads++;
        loadTask = runner.run(s.get()::list)
                .onSuccess(this::show)
                .onFailure(this::failed)
                .onFinished(() -> loading.set(false));
    }

    /** The window closed: no further request is sent. */
    public void close() {
        closed = true;
        cancelPoll();
        if (loadTask != null) {
            loadTask.cancel();
        }
        polling.set(false);
    }

    private void show(InstallRequest.Listing listing) {
        failures = 0;
        error.set(dismissNote); // what the last dismissal has to say outlives the list read after it
        dismissNote = "";
        installUrl.set(listing.installUrl().orElse(null));
        ownerMessage.set(listing.installUrl().map(InstallRequest::ownerMessage).orElse(""));
        Capabilities.Decision write = mayWrite.get();
        dismissRefusal.set(write.allowed() ? "" : write.why());
        rows.setAll(listing.requests().stream().map(r -> row(r, write.allowed())).toList());
        if (!listing.supported()) {
            summary.set("This PostHog does not keep install requests yet (it has no install_requests endpoint).");
        } else {
            long pending = listing.requests().stream().filter(r -> r.status() == InstallRequest.Status.PENDING).count();
            summary.set(listing.requests().isEmpty() ? "No install request waits on a GitHub owner."
                    : pending == 0 ? "Nothing waits on a GitHub owner."
                    : pending + (pending == 1 ? " request waits" : " requests wait") + " on a GitHub organization owner.");
        }
        schedule(listing.anyPending() ? POLL_INTERVAL : null, "");
    }

    private void failed(Throwable e) {
        ServiceException se = ServiceException.of(e);
        failures++;
        error.set("Couldn't read the install requests: " + se.userMessage());
        if (failures >= MAX_FAILURES) {
            schedule(null, "Stopped checking after " + failures + " failures in a row; use Refresh to try again.");
            return;
        }
        Duration wait = se.retryAfter().filter(d -> d.compareTo(POLL_INTERVAL) > 0).orElse(POLL_INTERVAL);
        schedule(wait, "");
    }

    /** Arms the next look after {@code delay}, or stops polling (null) saying {@code why}. */
    private void schedule(Duration delay, String why) {
        cancelPoll();
        if (closed || delay == null) {
            polling.set(false);
            pollStatus.set(why.isEmpty() ? (loads > 0 ? "Checked at " + time(clock.instant()) + "." : "") : why);
            return;
        }
        polling.set(true);
        pollStatus.set("Checked at " + time(clock.instant()) + "; checking again every " + POLL_INTERVAL.toSeconds()
                + " s while a request is pending" + (delay.equals(POLL_INTERVAL) ? "" : " (next "
                + Waits.when(delay) + ", as PostHog asked)") + ".");
        nextPoll = scheduler.schedule(delay, this::load);
    }

    private void cancelPoll() {
        if (nextPoll != null) {
            nextPoll.run();
            nextPoll = null;
        }
    }

    private static String time(Instant t) {
        return java.time.format.DateTimeFormatter.ofPattern("HH:mm:ss").withZone(java.time.ZoneId.systemDefault())
                .format(t);
    }

    private Row row(InstallRequest r, boolean mayDismiss) {
        String who = r.githubLogin().isEmpty() ? "" : " as " + r.githubLogin();
        return switch (r.status()) {
            case PENDING -> new Row(r, "Waiting for a GitHub organization owner" + who,
                    "GitHub sent the request to the organization's owners. PostHog hears when one approves; this "
                            + "window checks again every " + POLL_INTERVAL.toSeconds() + " s. Send an owner the message below.",
                    mayDismiss);
            case APPROVED -> new Row(r, "Approved for " + Objects.requireNonNullElse(r.accountLogin(), "the organization")
                    + (r.installationId() == null ? "" : " (installation " + r.installationId() + ")"),
                    r.installationId() != null && linkedInstallation.test(r.installationId())
                            ? "An owner approved it, and a project here already uses that installation."
                            : "An owner approved it. Finish connecting a project with Start OAuth bootstrap… (or Link "
                            + "existing installation…, which finds it through your personal GitHub link). An approval "
                            + "stays listed even if the app is removed later.",
                    mayDismiss);
            case UNIDENTIFIED -> new Row(r, "Cannot be approved: GitHub did not say who asked",
                    "PostHog could not tell which GitHub account made this request, so no owner's approval can ever "
                            + "reach it: it never resolves. Dismiss it and start the install again.", mayDismiss);
            case OTHER -> new Row(r, "Unknown status", "PostHog reports a status this Hoglink does not know.",
                    mayDismiss);
        };
    }

    /** What the last dismissal has to say ("already gone", a journal that could not be written), until shown. */
    private String dismissNote = "";
    /** The requests whose dismissal is under way (UI thread only). */
    private final java.util.Set<String> dismissing = new java.util.HashSet<>();

    /** Dismisses one request (a change: off on a read-only connection or key), then reads the list again. */
    public void dismiss(Row row) {
        Capabilities.Decision write = mayWrite.get();
        Optional<InstallRequestService> s = service.get();
        if (row == null || s.isEmpty()) {
            return;
        }
        if (!write.allowed()) {
            error.set(write.why());
            return;
        }
        dev.hoglink.model.InstallRequest request = row.request();
        if (!dismissing.add(request.id())) {
            return; // a second click before PostHog answered the first: one dismissal, one journal line
        }
        runner.run(() -> s.get().dismiss(request))
                .onSuccess(done -> {
                    String gone = done.wasThere() ? "" : "That request was already gone.";
                    dismissNote = done.journalProblem() == null ? gone
                            : ((gone.isEmpty() ? "Dismissed. " : gone + " ") + done.journalProblem()).strip();
                    error.set(dismissNote);
                    load();
                })
                .onFailure(e -> error.set("Couldn't dismiss the request: " + ServiceException.of(e).userMessage()))
                .onFinished(() -> dismissing.remove(request.id()));
    }

    public ObservableList<Row> rows() {
        return rows;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** When the list was read and whether (and how often) it is read again. */
    public ReadOnlyStringProperty pollStatusProperty() {
        return pollStatus.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** The message for the GitHub organization owner, with the app's install page; empty without one. */
    public ReadOnlyStringProperty ownerMessageProperty() {
        return ownerMessage.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<URI> installUrlProperty() {
        return installUrl.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty loadingProperty() {
        return loading.getReadOnlyProperty();
    }

    /** True while another look is scheduled. */
    public ReadOnlyBooleanProperty pollingProperty() {
        return polling.getReadOnlyProperty();
    }

    /** Why Dismiss is off (a read-only connection or key), or empty. */
    public ReadOnlyStringProperty dismissRefusalProperty() {
        return dismissRefusal.getReadOnlyProperty();
    }
}
