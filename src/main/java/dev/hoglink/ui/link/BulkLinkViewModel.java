package dev.hoglink.ui.link;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.service.link.LinkResult;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.ServiceException;
import dev.hoglink.ui.common.TaskRunner;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * "Link N projects…": pick one installation, preview every target, then link them one after another (each
 * request goes through the client's rate limiter), one result per project. Stop ends the job after the
 * request in flight; the summary lists what was and was not linked, and "Retry failed" runs the failures
 * again (a project whose answer was lost is only read back, never re-sent). Never touches a Node.
 */
public final class BulkLinkViewModel {

    /** Where the dialog is. */
    public enum Step { LOADING, PREVIEW, RUNNING, SUMMARY }

    private final TaskRunner runner;
    private final LinkService service;
    private final InstallationFacts facts;
    private Consumer<Set<Long>> onTouched;
    private final Map<Long, Set<String>> installationsOf = new HashMap<>();

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.LOADING);
    private final ObservableList<OptionRow> options = FXCollections.observableArrayList();
    private final ObjectProperty<OptionRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<BulkItem> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper headline = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper stopRequested = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper done = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper failed = new ReadOnlyIntegerWrapper();
    private final BooleanBinding canStart;
    private final Deque<BulkItem> queue = new ArrayDeque<>();
    private int requestsSent;

    /**
     * @param targets   the selected projects, with the installations each already uses (to skip them)
     * @param onTouched called with the ids of projects whose state may have changed, after each run
     */
    public BulkLinkViewModel(TaskRunner runner, LinkService service, List<LinkService.Target> targets,
                             Map<Long, List<GitHubLink>> currentLinks, InstallationFacts facts,
                             Consumer<Set<Long>> onTouched) {
        this.runner = Objects.requireNonNull(runner);
        this.service = Objects.requireNonNull(service);
        this.facts = facts == null ? InstallationFacts.NONE : facts;
        this.onTouched = onTouched == null ? ids -> { } : onTouched;
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no target project");
        }
        for (LinkService.Target t : targets) {
            items.add(new BulkItem(t));
            Set<String> own = new LinkedHashSet<>();
            currentLinks.getOrDefault(t.projectId(), List.of()).forEach(l -> own.add(l.installationId()));
            installationsOf.put(t.projectId(), own);
        }
        canStart = Bindings.createBooleanBinding(() -> step.get() == Step.PREVIEW && selected.get() != null
                && items.stream().anyMatch(i -> i.state() == BulkItem.State.WAITING), step, selected);
        selected.addListener((o, a, b) -> preview());
        headline.set("Link " + targets.size() + " projects to one GitHub installation");
    }

    /** Lists the installations: those a sibling of the first target has (PostHog's available_installations). */
    public void load() {
        step.set(Step.LOADING);
        long first = items.get(0).target().projectId();
        runner.run(() -> {
                    List<OptionRow> rows = new ArrayList<>();
                    for (InstallationOption o : service.available(first).installations()) {
                        int count = facts.knownRepoCount(o.installationId());
                        rows.add(new OptionRow(o, count, facts.projectsUsing(o.installationId(), -1)));
                    }
                    return rows;
                })
                .onSuccess(rows -> {
                    options.setAll(rows);
                    summary.set(rows.isEmpty() ? "No GitHub installation in this organization can be linked." : "");
                    selected.set(rows.size() == 1 ? rows.get(0) : null);
                    step.set(Step.PREVIEW);
                    preview();
                })
                .onFailure(e -> {
                    summary.set("Couldn't list installations: " + ServiceException.of(e).userMessage());
                    step.set(Step.PREVIEW);
                });
    }

    private void preview() {
        if (step.get() != Step.PREVIEW && step.get() != Step.LOADING) {
            return;
        }
        OptionRow row = selected.get();
        for (BulkItem i : items) {
            boolean already = row != null && installationsOf.get(i.target().projectId()).contains(row.option().installationId());
            if (already) {
                i.set(BulkItem.State.SKIPPED, "Already uses " + row.account() + "; it will not be sent.");
            } else {
                i.set(BulkItem.State.WAITING, row == null ? "" : "Will use " + row.describe() + ".");
            }
        }
        long n = items.stream().filter(i -> i.state() == BulkItem.State.WAITING).count();
        summary.set(row == null ? "Pick the installation to link." : n + (n == 1 ? " project" : " projects")
                + " will use the GitHub App installation on " + row.describe() + ", one after another.");
        canStart.invalidate();
    }

    /** Starts linking the waiting projects one by one. */
    public void start() {
        if (!canStart.get()) {
            return;
        }
        run(items.stream().filter(i -> i.state() == BulkItem.State.WAITING).toList());
    }

    /** Runs the projects that were not linked again (read back only for those whose answer was lost). */
    public void retryFailed() {
        if (step.get() != Step.SUMMARY) {
            return;
        }
        List<BulkItem> again = items.stream().filter(i -> i.state() == BulkItem.State.FAILED
                || i.state() == BulkItem.State.NOT_RUN || i.state() == BulkItem.State.UNKNOWN).toList();
        if (!again.isEmpty()) {
            run(again);
        }
    }

    /** Stops after the request in flight; the rest are not sent. */
    public void stop() {
        if (step.get() == Step.RUNNING) {
            stopRequested.set(true);
        }
    }

    private void run(List<BulkItem> batch) {
        stopRequested.set(false);
        queue.clear();
        queue.addAll(batch);
        batch.forEach(i -> i.set(i.state() == BulkItem.State.UNKNOWN ? BulkItem.State.UNKNOWN : BulkItem.State.WAITING,
                "Waiting"));
        done.set(0);
        total.set(batch.size());
        step.set(Step.RUNNING);
        summary.set("Linking " + batch.size() + (batch.size() == 1 ? " project" : " projects") + "…");
        next();
    }

    private void next() {
        BulkItem item = queue.poll();
        if (item == null) {
            finish();
            return;
        }
        if (stopRequested.get()) {
            item.set(BulkItem.State.NOT_RUN, "Stopped before it was sent.");
            queue.forEach(i -> i.set(BulkItem.State.NOT_RUN, "Stopped before it was sent."));
            queue.clear();
            finish();
            return;
        }
        OptionRow row = selected.get();
        boolean readBackOnly = item.state() == BulkItem.State.UNKNOWN;
        item.set(BulkItem.State.RUNNING, readBackOnly ? "Asking PostHog for the real state…" : "Linking…");
        if (!readBackOnly) {
            requestsSent++;
        }
        runner.run(() -> readBackOnly
                        ? service.confirmLink(item.target(), row.option().installationId(), row.option().accountName())
                        : service.linkOne(item.target(), row.option()))
                .onSuccess(r -> {
                    show(item, r);
                    if (r.kind() == LinkResult.Kind.THROTTLED) {
                        // Every next request would be refused too: hold the rest back instead of hammering.
                        long s = r.retryAfter() == null ? 60 : Math.max(1, r.retryAfter().toSeconds());
                        String why = "Not sent: " + ("rate_limited".equals(r.code()) ? "GitHub" : "PostHog")
                                + " asked to wait " + s + " s. Use Retry failed after that.";
                        queue.forEach(i -> i.set(BulkItem.State.NOT_RUN, why));
                        queue.clear();
                    }
                })
                .onFailure(e -> item.set(BulkItem.State.FAILED, ServiceException.of(e).userMessage()))
                .onFinished(() -> {
                    done.set(done.get() + 1);
                    next();
                });
    }

    private static void show(BulkItem item, LinkResult r) {
        item.setResult(r);
        String journal = r.journaled() ? "" : " " + r.journalProblem();
        if (r.linked()) {
            item.set(BulkItem.State.LINKED, r.message() + journal);
        } else if (r.kind() == LinkResult.Kind.UNKNOWN) {
            item.set(BulkItem.State.UNKNOWN, r.message() + journal);
        } else {
            item.set(BulkItem.State.FAILED, r.message() + journal);
        }
    }

    private void finish() {
        step.set(Step.SUMMARY);
        List<String> linked = new ArrayList<>();
        List<String> notLinked = new ArrayList<>();
        Set<Long> touched = new LinkedHashSet<>();
        for (BulkItem i : items) {
            switch (i.state()) {
                case LINKED -> {
                    linked.add(i.name());
                    touched.add(i.target().projectId());
                }
                case FAILED, NOT_RUN, UNKNOWN -> {
                    notLinked.add(i.name());
                    touched.add(i.target().projectId());
                }
                default -> { }
            }
        }
        failed.set(notLinked.size());
        StringBuilder sb = new StringBuilder();
        sb.append(linked.isEmpty() ? "Nothing was linked." : "Linked: " + String.join(", ", linked) + ".");
        if (!notLinked.isEmpty()) {
            sb.append(" Not linked: ").append(String.join(", ", notLinked)).append(". See each project's reason below");
            sb.append(stopRequested.get() ? "; the job was stopped." : ".");
        }
        summary.set(sb.toString());
        onTouched.accept(touched);
    }

    /** Replaces what is called with the touched project ids after each run. */
    public void setOnTouched(Consumer<Set<Long>> callback) {
        this.onTouched = callback == null ? ids -> { } : callback;
    }

    // ---- properties -------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ObservableList<OptionRow> options() {
        return options;
    }

    public ObjectProperty<OptionRow> selectedProperty() {
        return selected;
    }

    public ObservableList<BulkItem> items() {
        return items;
    }

    public ReadOnlyStringProperty headlineProperty() {
        return headline.getReadOnlyProperty();
    }

    /** The preview sentence, the progress, or the final list of what was and was not linked. */
    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty stopRequestedProperty() {
        return stopRequested.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }

    /** Projects not linked after the last run. */
    public ReadOnlyIntegerProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    public BooleanBinding canStart() {
        return canStart;
    }

    public int requestsSent() {
        return requestsSent;
    }
}
