package dev.hoglink.ui.link;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.link.LinkResult;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.link.UnlinkResult;
import dev.hoglink.ui.common.TaskRunner;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Switch": when the project already uses one other installation, the link dialog can replace it instead of
 * adding a second (PostHog keys GitHub rows on project and installation, so a link alone gives two). One
 * planned change in two steps: link the new installation, then unlink the old one, each step's result shown.
 * The old one is unlinked only after the link succeeded, and only while another project still uses it: were
 * this project its last user, PostHog would uninstall the GitHub App from that account, which a switch must
 * not do on the side, so it is then not offered (and, if that changed meanwhile, step 2 is not run).
 * Called on the UI thread; the unlink goes through the {@link TaskRunner}.
 */
final class SwitchPlan {

    private final TaskRunner runner;
    private final LinkService service;
    private final LinkService.Target target;

    private volatile List<GitHubLink> current = List.of(); // the project's GitHub rows, read with the list
    private final ReadOnlyBooleanWrapper offered = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper offerText = new ReadOnlyStringWrapper("");
    private final BooleanProperty chosen = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ObservableList<String> steps = FXCollections.observableArrayList();
    private GitHubLink old;
    private String newAccount = "";

    SwitchPlan(TaskRunner runner, LinkService service, LinkService.Target target) {
        this.runner = Objects.requireNonNull(runner);
        this.service = Objects.requireNonNull(service);
        this.target = Objects.requireNonNull(target);
    }

    /** The project's rows now (called off the UI thread with the installation list). */
    void projectLinks(List<GitHubLink> links) {
        // the installations it uses, as the confirmation and the result count them: a row naming none is none
        current = links.stream().filter(GitHubLink::hasInstallation).toList();
    }

    /** Decides whether a switch is offered for the chosen installation. */
    void select(OptionRow row) {
        steps.clear();
        List<GitHubLink> links = current;
        old = links.size() == 1 ? links.get(0) : null;
        newAccount = row == null ? "" : row.account();
        if (row == null || links.isEmpty()) {
            chosen.set(false);
            offered.set(false);
            offerText.set("");
            return;
        }
        String project = target.project().ownName();
        if (old == null) {
            offered.set(false);
            chosen.set(false);
            offerText.set("Switch is offered only when " + project + " uses one other installation; it uses "
                    + links.size() + ". Unlink the ones it should stop using from the detail pane.");
        } else if (!old.shared()) {
            offered.set(false);
            chosen.set(false);
            offerText.set("No switch: " + project + " is the last project using " + account(old) + ", so unlinking "
                    + "it would also uninstall the GitHub App from " + account(old) + ". Unlink it separately if "
                    + "that is what you mean.");
        } else {
            offered.set(true);
            offerText.set("Switch: after linking " + newAccount + ", unlink " + account(old) + " (integration "
                    + old.integrationId() + ") from " + project + ", so it uses one installation. The app stays "
                    + "installed on " + account(old) + " for the other projects using it.");
        }
    }

    /** The link request is about to be sent. */
    void linkStarted() {
        if (!active()) {
            return;
        }
        running.set(true);
        steps.setAll("1. Link " + newAccount + ": sending…", "2. Unlink " + account(old) + ": waits for step 1.");
    }

    /**
     * The link's answer. A success runs step 2; anything else ends the plan with the old installation kept.
     *
     * @param touched called when step 2 changed (or may have changed) the project
     */
    void linkAnswered(LinkResult r, Runnable touched) {
        if (!running.get()) {
            return;
        }
        if (!r.linked()) {
            steps.setAll("1. Link " + newAccount + ": failed (see below).",
                    "2. Unlink " + account(old) + ": not run, so " + target.project().ownName() + " keeps it.");
            running.set(false);
            return;
        }
        // Someone else's link made meanwhile is the project's state now, not a step this plan took.
        steps.setAll("1. Link " + newAccount + (r.kind() == LinkResult.Kind.LINKED_MEANWHILE
                ? ": already linked by someone else meanwhile; nothing was sent."
                : r.kind() == LinkResult.Kind.LINKED_MEANWHILE_UPDATED
                ? ": done, but someone else linked it too at the same time (PostHog updated one link for both)."
                : ": done."),
                "2. Unlink " + account(old) + ": sending…");
        GitHubLink planned = old;
        runner.run(() -> {
                    Optional<GitHubLink> fresh = service.freshLink(target.projectId(), planned.integrationId());
                    if (fresh.isEmpty()) {
                        return "already gone: nothing to unlink.";
                    }
                    if (!fresh.get().shared()) {
                        return "not run: " + account(planned) + " is now used by no other project, so unlinking it "
                                + "would uninstall the GitHub App. " + target.project().ownName() + " uses both; unlink it "
                                + "from the detail pane if you mean that.";
                    }
                    UnlinkResult u = service.unlink(target, fresh.get());
                    // Only the step as planned is "done."; the delete may have met another change (the other projects
                    // unlinked just before it, so PostHog uninstalled the app), which the result's own words tell. A
                    // row someone else removed first (found gone, or PostHog's 404 read back) was not this step's doing.
                    return u.kind() == UnlinkResult.Kind.UNLINKED_APP_STAYS ? "done."
                            : u.kind() == UnlinkResult.Kind.ALREADY_GONE ? "already gone: " + u.message()
                            // the answer was lost and a read found the row gone: done, by what the read can tell
                            : u.kind() == UnlinkResult.Kind.UNLINKED_CONFIRMED_AFTER_NETWORK_FAILURE ? "done: "
                            + u.message()
                            : u.unlinked() ? "done, not as planned: " + u.message()
                            : "failed: " + u.message() + " " + target.project().ownName()
                            + " uses both installations for now.";
                })
                .onSuccess(text -> steps.set(1, "2. Unlink " + account(planned) + ": " + text))
                .onFailure(e -> steps.set(1, "2. Unlink " + account(planned) + ": failed: "
                        + ServiceException.of(e).userMessage() + " " + target.project().ownName() + " uses both installations for now."))
                .onFinished(() -> {
                    running.set(false);
                    touched.run();
                });
    }

    boolean active() {
        return offered.get() && chosen.get() && old != null;
    }

    static String account(GitHubLink link) {
        return OptionRow.accountOf(link);
    }

    ReadOnlyBooleanProperty offeredProperty() {
        return offered.getReadOnlyProperty();
    }

    ReadOnlyStringProperty offerTextProperty() {
        return offerText.getReadOnlyProperty();
    }

    BooleanProperty chosenProperty() {
        return chosen;
    }

    ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    ObservableList<String> steps() {
        return steps;
    }
}
