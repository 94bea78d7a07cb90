package dev.hoglink.ui.link;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.link.UnlinkResult;
import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.DialogService.Notice;
import dev.hoglink.ui.common.TaskRunner;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;

/**
 * Unlink with the web UI's two warnings. It first reads the row again, because PostHog's
 * {@code installation_shared} decides what a delete does: while another project uses the installation only
 * this project stops using GitHub; for the last reference PostHog uninstalls the app from the account and
 * disconnects every project and personal account using it, so the admin must type the account name. The
 * refusals (in use by workflows, pipelines, batch exports, agent runs; admin only) are shown in plain words.
 */
public final class UnlinkViewModel {

    private final TaskRunner runner;
    private final DialogService dialogs;
    private final LinkService service;
    private final InstallationFacts facts;
    private final BrowserLauncher browser;
    private final Consumer<Set<Long>> onTouched;
    private Consumer<Long> onUnlinked = id -> { };
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private UnlinkResult lastResult;
    private Runnable onRefused = () -> { };
    private Runnable onKeyReadOnly = () -> onRefused.run();
    /** The project's other GitHub integrations, read with the fresh row before the confirmation. */
    private volatile List<GitHubLink> others = List.of();
    /** Why the user is asked again, said before the next confirmation's warning; null when asked the first time. */
    private String askedAgainBecause;

    /**
     * @param browser opens the installation's settings page on GitHub when the admin asks, after an uninstall
     *                PostHog could not do; it reports its own failure
     */
    public UnlinkViewModel(TaskRunner runner, DialogService dialogs, LinkService service, InstallationFacts facts,
                           BrowserLauncher browser, Consumer<Set<Long>> onTouched) {
        this.runner = Objects.requireNonNull(runner);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.service = Objects.requireNonNull(service);
        this.facts = facts == null ? InstallationFacts.NONE : facts;
        this.browser = Objects.requireNonNull(browser);
        this.onTouched = onTouched == null ? ids -> { } : onTouched;
    }

    /** Reads the row again, warns, confirms and deletes; one unlink at a time. */
    public void unlink(LinkService.Target target, GitHubLink link) {
        if (busy.get()) {
            return;
        }
        busy.set(true);
        runner.run(() -> {
                    List<GitHubLink> all = service.links(target.projectId());
                    // the project's other installations, as the result will name them (InstallationUse.others)
                    others = all.stream().filter(l -> l.integrationId() != link.integrationId()
                            && l.hasInstallation()).toList();
                    return all.stream().filter(l -> l.integrationId() == link.integrationId()).findFirst();
                })
                .onSuccess(fresh -> {
                    if (fresh.isEmpty()) {
                        busy.set(false);
                        dialogs.notify(target.project().ownName() + " is no longer connected to that installation.",
                                Notice.INFO);
                        onUnlinked.accept(target.projectId());
                        onTouched.accept(Set.of(target.projectId()));
                        return;
                    }
                    confirmAndDelete(target, fresh.get());
                })
                .onFailure(e -> {
                    busy.set(false);
                    dialogs.error("Cannot unlink " + target.project().inText(), "PostHog could not be asked about the "
                            + "integration first, so nothing was changed. " + ServiceException.of(e).userMessage(), null);
                });
    }

    /** The warning for this row: what a delete will do (the project has no other GitHub integration). */
    public static String warning(LinkService.Target target, GitHubLink link, List<String> others) {
        return warning(target, link, others, List.of());
    }

    /**
     * The warning for this row: which installation the delete removes, whether the project keeps GitHub
     * through another of its integrations ({@code projectOthers}), and what happens to the app.
     */
    public static String warning(LinkService.Target target, GitHubLink link, List<String> others,
                                 List<GitHubLink> projectOthers) {
        String account = account(link);
        String effect = projectOthers.isEmpty() ? " stops using GitHub"
                : " stops using " + dev.hoglink.model.InstallationName.the(link.accountName(), link.installationId())
                + " and keeps GitHub through "
                + OptionRow.joinNames(projectOthers.stream().map(OptionRow::accountOf).toList());
        if (link.shared()) {
            String who = others.isEmpty() ? "the other projects using it" : OptionRow.joinNames(others);
            return target.label() + effect + "; the app stays installed on " + account + ", and "
                    + who + " keep" + (others.size() == 1 ? "s" : "") + " working.";
        }
        if (!projectOthers.isEmpty()) {
            return target.label() + effect + ". It is the last project using " + account + ", so PostHog also "
                    + "uninstalls the GitHub App from " + account + " and disconnects every personal account using it. "
                    + "This cannot be undone from Hoglink.";
        }
        return "This is the last project using this installation. Unlinking " + target.label()
                + " uninstalls the GitHub App from " + account + " and disconnects every project and personal "
                + "account using it. This cannot be undone from Hoglink; the app would have to be installed "
                + "again on GitHub.";
    }

    private void confirmAndDelete(LinkService.Target target, GitHubLink link) {
        List<String> using = facts.projectsUsing(link.installationId(), target.projectId());
        String text = warning(target, link, using, others)
                + (link.shared() && !using.isEmpty() ? facts.fromEarlierRead(LinkDialogViewModel.WHO_USES_WHAT) : "");
        if (askedAgainBecause != null) {
            text = askedAgainBecause + "\n\n" + text;
            askedAgainBecause = null;
        }
        boolean ok;
        if (link.shared()) {
            ok = dialogs.confirmDanger("Unlink " + target.project().ownName() + " from " + account(link) + "?", text, "Unlink");
        } else {
            String expected = link.accountName() == null || link.accountName().isBlank() ? link.installationId()
                    : link.accountName();
            ok = dialogs.confirmByTyping("Uninstall the GitHub App from " + account(link) + "?", text, expected,
                    "Uninstall and unlink");
        }
        if (!ok) {
            busy.set(false);
            return;
        }
        finish(runner.run(() -> service.unlink(target, link)), target, link, "Unlink failed");
    }

    /**
     * Shows what {@code task} (an unlink, or a check after an unknown one) found, then frees the unlink for the
     * next one, unless its answer started a check of its own: that check frees it when it has answered.
     */
    private void finish(dev.hoglink.ui.common.TaskHandle<UnlinkResult> task, LinkService.Target target,
                        GitHubLink link, String failedTitle) {
        boolean[] checking = {false};
        boolean[] touched = {false};
        Runnable touch = () -> {
            if (!touched[0]) {
                touched[0] = true;
                onTouched.accept(Set.of(target.projectId()));
            }
        };
        task.onSuccess(r -> checking[0] = show(target, link, r, touch))
                .onFailure(e -> dialogs.error(failedTitle, ServiceException.of(e).userMessage(), e))
                .onFinished(() -> {
                    if (!checking[0]) {
                        busy.set(false);
                    }
                    touch.run();
                });
    }

    /**
     * Shows the result; true when the user chose to check an unknown one again (a check is now running). {@code touch}
     * re-reads the project (once): a result that stays up until read runs it first, so the window behind it already
     * shows the project unlinked.
     */
    private boolean show(LinkService.Target target, GitHubLink link, UnlinkResult r, Runnable touch) {
        lastResult = r;
        String journal = r.journaled() ? "" : " " + r.journalProblem();
        if (r.kind() == UnlinkResult.Kind.UNLINKED_UNINSTALL_FAILED) {
            // Unlinked, but something is left for the admin to do on GitHub: a dialog that stays until read, with
            // the page to do it on, not a passing notice.
            onUnlinked.accept(target.projectId());
            touch.run();
            leftInstalled(dialogs, browser, "Unlinked; the app is still installed on " + account(link), r.message(),
                    journal, link);
            return false;
        }
        if (r.unlinked()) {
            onUnlinked.accept(target.projectId());
            // A row someone else deleted meanwhile is not Hoglink's change: said as the link dialog says a link
            // made meanwhile, and as the read before the confirmation says it, not as a success.
            dialogs.notify(r.message() + journal, !r.journaled() ? Notice.WARNING
                    : r.kind() == UnlinkResult.Kind.ALREADY_GONE ? Notice.INFO : Notice.SUCCESS);
            return false;
        }
        if (r.kind() == UnlinkResult.Kind.UNKNOWN) {
            boolean again = dialogs.confirm("Unlink result unknown", r.message() + journal, "Check again");
            if (again) {
                finish(runner.run(() -> service.confirmUnlink(target, link)), target, link, "Cannot check the unlink");
            }
            return again;
        }
        if (r.kind() == UnlinkResult.Kind.NOW_LAST_REFERENCE && r.journaled()) {
            // Nothing was sent: the row is read again and the user asked again, now with the uninstall warning.
            askedAgainBecause = "Nothing was sent: since you confirmed, the other projects stopped using "
                    + account(link) + ", so unlinking " + target.project().ownName() + " now also uninstalls the app.";
            busy.set(false);
            unlink(target, link);
            return true; // the new unlink frees itself
        }
        if (r.kind() == UnlinkResult.Kind.MISSING_SCOPE && "integration:write".equals(r.missingScope())) {
            onKeyReadOnly.run(); // the same for every project: the buttons say so at once
        } else if (r.kind() == UnlinkResult.Kind.FORBIDDEN || r.kind() == UnlinkResult.Kind.MISSING_SCOPE) {
            onRefused.run(); // rights changed meanwhile: read them again, so the buttons tell the truth
        }
        String title = switch (r.kind()) {
            case IN_USE -> target.project().inText() + " is still in use";
            case NOW_LAST_REFERENCE -> "Not unlinked: it would now uninstall the app";
            case NOT_UNLINKED -> "Not unlinked";
            case PROJECT_UNREADABLE -> "Not unlinked: " + target.project().inText() + " cannot be read";
            case FORBIDDEN -> "Only a project admin can unlink";
            // a sign-in's refusal reads "This sign-in is read-only": the title does not call it a key
            case MISSING_SCOPE -> "integration:write".equals(r.missingScope()) ? "Not unlinked: read-only"
                    : "The API key lacks a scope";
            case THROTTLED -> "PostHog asks to slow down";
            default -> "Unlink failed";
        };
        dialogs.error(title, r.message() + journal, null);
        return false;
    }

    /** The label of the button that opens the installation's settings page after a failed uninstall. */
    static final String OPEN_SETTINGS = "Open on GitHub";

    /**
     * An unlink (or undo) whose last delete PostHog could not follow with the uninstall on GitHub: the result, which
     * ends with the installation's settings page ("Uninstall it on GitHub: URL"), in a dialog that keeps that page
     * in a field to copy and opens it on request through {@code browser}. {@code after} (a journal problem, or
     * empty) follows the result. A row naming no installation page has none to offer: its result is shown as it is.
     */
    static void leftInstalled(DialogService dialogs, BrowserLauncher browser, String title, String result,
                              String after, GitHubLink link) {
        java.util.Optional<java.net.URI> page = link.settingsPage();
        String suffix = page.map(p -> ": " + p).orElse("");
        if (page.isEmpty() || !result.endsWith(suffix)) {
            dialogs.info(title, result + after);
            return;
        }
        // The address moves from the sentence into the dialog's field below it, where it can be copied.
        String text = result.substring(0, result.length() - suffix.length()) + "." + after;
        dialogs.infoWithPage(title, text, page.get(), OPEN_SETTINGS, browser::open);
    }

    /** What runs when PostHog refuses the unlink because the credential lacks integration:write. */
    public void setOnKeyReadOnly(Runnable r) {
        onKeyReadOnly = java.util.Objects.requireNonNull(r);
    }

    /** What runs when PostHog refuses the unlink with 403 (the capabilities are read again). */
    public void setOnRefused(Runnable r) {
        onRefused = java.util.Objects.requireNonNull(r);
    }

    /** Told the project once it is known to no longer use the link: unlinked, or found gone already. */
    public void setOnUnlinked(Consumer<Long> c) {
        onUnlinked = java.util.Objects.requireNonNull(c);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public UnlinkResult lastResult() {
        return lastResult;
    }

    private static String account(GitHubLink link) {
        return dev.hoglink.model.InstallationName.of(link.accountName(), link.installationId());
    }
}
