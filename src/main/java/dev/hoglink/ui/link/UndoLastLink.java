package dev.hoglink.ui.link;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.link.UnlinkResult;
import dev.hoglink.ui.common.BrowserLauncher;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.DialogService.Notice;
import dev.hoglink.ui.common.TaskRunner;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * "Undo last link": unlinks exactly the projects the last link of this session linked (one project, or the
 * ones a bulk run linked) from that installation, with the same warnings as any unlink. Each project's rows
 * are read again first; a project that no longer has the installation is left alone, and so is one that has it
 * through another GitHub row than the one the link made (someone else unlinked it and linked it again: PostHog made a
 * new row, docs/api-notes.md NH24, NH25). The confirmation says, per project, whether it keeps GitHub through another
 * installation, and whether the app stays installed; when the undo would remove the installation's last project,
 * PostHog uninstalls the app, so the account name must be typed. Deletes go one by one, each journaled. Never touches
 * a Node.
 */
public final class UndoLastLink {

    /**
     * What the last link did: these projects now use this installation.
     *
     * @param rows the GitHub row (integration id) the link made or updated, by project id, as PostHog answered the
     *             link; a project without one (not known) is undone by its row of the installation, whichever it is
     */
    public record Made(String installationId, String account, List<LinkService.Target> projects, Map<Long, Long> rows) {
        public Made {
            projects = List.copyOf(projects);
            rows = rows == null ? Map.of() : Map.copyOf(rows);
        }

        /** A link whose rows are not known. */
        public Made(String installationId, String account, List<LinkService.Target> projects) {
            this(installationId, account, projects, Map.of());
        }
    }

    private record Step(LinkService.Target target, GitHubLink link, List<GitHubLink> others) {
    }

    /**
     * The undo's read: the projects still using the installation through the link's row, those found without it
     * (someone unlinked), and those found using it through another row (someone unlinked and linked it again).
     */
    private record Read(List<Step> steps, List<LinkService.Target> gone, List<LinkService.Target> relinked) {
    }

    /** The deletes' results, and the indexes of those whose row was found gone with the installation linked again. */
    private record Done(List<UnlinkResult> results, Set<Integer> relinked) {
    }

    private final TaskRunner runner;
    private final DialogService dialogs;
    private final BrowserLauncher browser;
    private final ReadOnlyStringWrapper label = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private Made last;

    /**
     * @param browser opens the installation's settings page on GitHub when the admin asks, after an uninstall
     *                PostHog could not do; it reports its own failure
     */
    public UndoLastLink(TaskRunner runner, DialogService dialogs, BrowserLauncher browser) {
        this.runner = Objects.requireNonNull(runner);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.browser = Objects.requireNonNull(browser);
    }

    /** Remembers a link just made; replaces the one before (only the last link can be undone). */
    public void remember(Made made) {
        if (made == null || made.projects().isEmpty()) {
            return;
        }
        last = made;
        label.set(made.projects().size() == 1 ? "Undo link of " + made.projects().get(0).project().ownName()
                : "Undo link of " + made.projects().size() + " projects");
    }

    /**
     * The projects an unlink (by hand, not through the undo) took off {@code installationId}: they no longer have the
     * link to undo. With none left, there is nothing to undo: the button goes, instead of answering "Nothing to undo".
     */
    public void unlinked(java.util.Collection<Long> projectIds, String installationId) {
        if (last == null || !last.installationId().equals(installationId)) {
            return;
        }
        List<LinkService.Target> left = last.projects().stream()
                .filter(t -> !projectIds.contains(t.projectId())).toList();
        if (left.isEmpty()) {
            forget();
        } else if (left.size() < last.projects().size()) {
            Map<Long, Long> rows = new java.util.HashMap<>(last.rows());
            rows.keySet().retainAll(left.stream().map(LinkService.Target::projectId).toList());
            remember(new Made(last.installationId(), last.account(), left, rows));
        }
    }

    /** Forgets it (another connection, or undone). */
    public void forget() {
        last = null;
        label.set("");
    }

    /** "Undo link of Checkout", or empty when there is nothing to undo. */
    public ReadOnlyStringProperty labelProperty() {
        return label.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public Optional<Made> last() {
        return Optional.ofNullable(last);
    }

    /**
     * Reads each project again, warns, confirms and unlinks.
     *
     * @param othersUsing names of loaded projects using the installation, outside the undo
     */
    public void undo(LinkService service, List<String> othersUsing, Consumer<Set<Long>> onTouched) {
        Made made = last;
        if (made == null || busy.get()) {
            return;
        }
        busy.set(true);
        runner.run(() -> {
                    List<Step> steps = new ArrayList<>();
                    List<LinkService.Target> gone = new ArrayList<>();
                    List<LinkService.Target> relinked = new ArrayList<>();
                    for (LinkService.Target t : made.projects()) {
                        List<GitHubLink> rows = service.links(t.projectId());
                        Optional<GitHubLink> now = rows.stream()
                                .filter(l -> made.installationId().equals(l.installationId())).findFirst();
                        Long ours = made.rows().get(t.projectId());
                        if (now.isEmpty()) {
                            gone.add(t);
                        } else if (ours != null && now.get().integrationId() != ours) {
                            // PostHog keeps one row per project and installation and never hands an id out twice
                            // (NH24): the link's row was deleted, and this one is someone else's later link.
                            relinked.add(t);
                        } else {
                            GitHubLink l = now.get();
                            steps.add(new Step(t, l, rows.stream().filter(x -> x != l && x.hasInstallation())
                                    .toList()));
                        }
                    }
                    return new Read(steps, gone, relinked);
                })
                .onSuccess(read -> confirm(service, made, read, othersUsing, onTouched))
                .onFailure(e -> {
                    busy.set(false);
                    dialogs.error("Cannot undo the link", "PostHog could not be asked about the projects first, so "
                            + "nothing was changed. " + ServiceException.of(e).userMessage(), null);
                });
    }

    /**
     * The words for projects found using the installation through another row than the one the link made: someone
     * else unlinked them and linked them again, so Hoglink's link is gone and theirs is left; empty when there are
     * none. {@code done}: after the undo ("was undone"), else before it ("is undone").
     */
    static String relinkedWords(Made made, List<String> relinked, boolean done) {
        if (relinked.isEmpty()) {
            return "";
        }
        boolean one = relinked.size() == 1;
        return " " + OptionRow.joinNames(relinked) + (one ? " was" : " were") + " linked again to " + made.account()
                + " by someone else since (" + (one ? "another integration); Hoglink's link is"
                : "other integrations); Hoglink's links are") + " already gone, so nothing " + (done ? "was" : "is")
                + " undone for " + (one ? "it" : "them") + ".";
    }

    /**
     * The confirmation text: one line per project (the unlink warning), then what happens to the app, then the
     * projects linked again by someone else, left as they are.
     */
    static String warning(Made made, List<Step> steps, List<String> othersUsing, List<String> relinked) {
        String account = dev.hoglink.model.InstallationName.of(made.account(), made.installationId());
        StringBuilder sb = new StringBuilder();
        sb.append(steps.size() == 1 ? "The last link is undone: " : "The last link of " + steps.size()
                + " projects is undone. Each project:\n");
        for (Step s : steps) {
            String effect = s.others().isEmpty() ? " stops using GitHub."
                    : " stops using " + account + " and keeps GitHub through "
                    + OptionRow.joinNames(s.others().stream().map(OptionRow::accountOf).toList()) + ".";
            sb.append(steps.size() == 1 ? "" : "  • ").append(s.target().label()).append(effect).append('\n');
        }
        if (othersUsing.isEmpty()) {
            sb.append("No other project uses ").append(account).append(": unlinking the last of these makes PostHog "
                    + "uninstall the GitHub App from ").append(account).append(" and disconnect every personal "
                    + "account using it. This cannot be undone from Hoglink.");
        } else {
            sb.append("The app stays installed on ").append(account).append(", and ")
                    .append(OptionRow.joinNames(othersUsing)).append(othersUsing.size() == 1 ? " keeps" : " keep")
                    .append(" working.");
        }
        sb.append(relinkedWords(made, relinked, false));
        return sb.toString();
    }

    /**
     * The words for projects found already unlinked from the installation (someone else unlinked them, or GitHub
     * uninstalled the app): by the undo's read, or by its delete's 404; empty when there are none.
     */
    static String goneWords(Made made, List<String> gone) {
        return gone.isEmpty() ? "" : " " + OptionRow.joinNames(gone) + (gone.size() == 1 ? " was" : " were")
                + " already unlinked from " + made.account() + " (someone else unlinked "
                + (gone.size() == 1 ? "it" : "them") + ", or GitHub uninstalled the app); nothing was changed there.";
    }

    /**
     * Whether a project whose row the delete found gone uses the installation again through another row (someone
     * else unlinked it and linked it again between the undo's read and its delete), by one more read; false when that
     * read fails. Runs off the FX thread.
     */
    private static boolean linkedAgain(LinkService service, Step s) {
        try {
            return service.links(s.target().projectId()).stream().anyMatch(l -> s.link().installationId()
                    .equals(l.installationId()) && l.integrationId() != s.link().integrationId());
        } catch (ServiceException e) {
            return false;
        }
    }

    private void confirm(LinkService service, Made made, Read read, List<String> othersUsing,
                         Consumer<Set<Long>> onTouched) {
        List<Step> steps = read.steps();
        // The projects the read found without the installation, or with it through someone else's new row, show that
        // in the window too, whatever comes next.
        List<String> goneBefore = read.gone().stream().map(t -> t.project().inText()).toList();
        List<String> relinkedBefore = read.relinked().stream().map(t -> t.project().inText()).toList();
        if (!read.gone().isEmpty() || !read.relinked().isEmpty()) {
            Set<Long> ids = new LinkedHashSet<>();
            read.gone().forEach(t -> ids.add(t.projectId()));
            read.relinked().forEach(t -> ids.add(t.projectId()));
            onTouched.accept(ids);
        }
        if (steps.isEmpty()) {
            busy.set(false);
            forget();
            dialogs.notify("Nothing undone:" + goneWords(made, goneBefore) + relinkedWords(made, relinkedBefore, true),
                    Notice.INFO);
            return;
        }
        // A project linked again by someone else keeps the installation: the app stays installed for it.
        List<String> using = new ArrayList<>(othersUsing);
        read.relinked().forEach(t -> {
            if (!using.contains(t.project().name())) {
                using.add(t.project().name());
            }
        });
        List<String> keepUsing = List.copyOf(using);
        String text = warning(made, steps, keepUsing, relinkedBefore);
        String title = steps.size() == 1 ? "Undo the link of " + steps.get(0).target().project().ownName() + "?"
                : "Undo the link of " + steps.size() + " projects?";
        boolean ok = keepUsing.isEmpty()
                ? dialogs.confirmByTyping(title, text, made.account() == null || made.account().isBlank()
                ? made.installationId() : made.account(), "Uninstall and unlink")
                : dialogs.confirmDanger(title, text, steps.size() == 1 ? "Unlink" : "Unlink " + steps.size());
        if (!ok) {
            busy.set(false);
            return;
        }
        boolean[] touched = {false};
        Runnable touch = () -> { // the projects are read again once
            if (!touched[0]) {
                touched[0] = true;
                Set<Long> ids = new LinkedHashSet<>();
                steps.forEach(s -> ids.add(s.target().projectId()));
                onTouched.accept(ids);
            }
        };
        boolean uninstallAccepted = keepUsing.isEmpty();
        runner.run(() -> {
                    List<UnlinkResult> results = new ArrayList<>();
                    Set<Integer> relinked = new java.util.HashSet<>();
                    // With no other project using it the user typed the account's name to accept the uninstall:
                    // each delete leaves the next project the last one, which is what was confirmed.
                    for (Step s : steps) {
                        UnlinkResult r = service.unlink(s.target(), s.link(), uninstallAccepted);
                        results.add(r);
                        if (r.kind() == UnlinkResult.Kind.ALREADY_GONE && linkedAgain(service, s)) {
                            relinked.add(results.size() - 1);
                        }
                    }
                    return new Done(results, relinked);
                })
                .onSuccess(done -> {
                    List<UnlinkResult> results = done.results();
                    // A row someone else removed first (ALREADY_GONE, journaled "already removed") was not this
                    // undo's doing: said apart, as the unlink and a switch's step say it, not counted as undone.
                    long ok2 = results.stream().filter(r -> r.unlinked()
                            && r.kind() != UnlinkResult.Kind.ALREADY_GONE).count();
                    List<String> failed = new ArrayList<>();
                    List<String> gone = new ArrayList<>(goneBefore);
                    List<String> relinked = new ArrayList<>(relinkedBefore);
                    for (int i = 0; i < results.size(); i++) {
                        if (!results.get(i).unlinked()) {
                            failed.add(steps.get(i).target().project().inText() + ": " + results.get(i).message());
                        } else if (results.get(i).kind() == UnlinkResult.Kind.ALREADY_GONE) {
                            (done.relinked().contains(i) ? relinked : gone)
                                    .add(steps.get(i).target().project().inText());
                        }
                    }
                    String goneWords = goneWords(made, gone) + relinkedWords(made, relinked, true);
                    // The last delete's uninstall on GitHub failed (docs/api-notes.md NH20): undone, but the app is
                    // left installed with no project using it, said as an unlink says it, in a dialog that stays.
                    int leftInstalled = -1;
                    for (int i = 0; i < results.size(); i++) {
                        if (results.get(i).kind() == UnlinkResult.Kind.UNLINKED_UNINSTALL_FAILED) {
                            leftInstalled = i;
                        }
                    }
                    if (failed.isEmpty() && leftInstalled >= 0) {
                        forget();
                        touch.run(); // the window behind the dialog shows the projects unlinked
                        UnlinkViewModel.leftInstalled(dialogs, browser, "Undone; the app is still installed on "
                                + made.account(), "Undone: " + ok2 + (ok2 == 1 ? " project" : " projects")
                                + " unlinked from " + made.account() + "." + goneWords + "\n\n"
                                + results.get(leftInstalled).message(), "", steps.get(leftInstalled).link());
                    } else if (failed.isEmpty() && ok2 == 0) {
                        forget();
                        dialogs.notify("Nothing undone:" + goneWords, Notice.INFO);
                    } else if (failed.isEmpty()) {
                        forget();
                        dialogs.notify("Undone: " + ok2 + (ok2 == 1 ? " project" : " projects") + " unlinked from "
                                + made.account() + "." + goneWords, Notice.SUCCESS);
                    } else {
                        dialogs.error("Undo: " + ok2 + " of " + results.size() + " unlinked", String.join("\n", failed)
                                + (goneWords.isEmpty() ? "" : "\n" + goneWords.strip()), null);
                    }
                })
                .onFailure(e -> dialogs.error("Undo failed", ServiceException.of(e).userMessage(), e))
                .onFinished(() -> {
                    busy.set(false);
                    touch.run();
                });
    }
}
