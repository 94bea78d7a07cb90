package dev.hoglink.ui.link;

import dev.hoglink.model.Capabilities;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Organization;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.link.ApplyOutcome;
import dev.hoglink.service.link.LinkPlan;
import dev.hoglink.service.link.LinkPlanner;
import dev.hoglink.service.link.PlanOutcome;
import dev.hoglink.service.link.PlanResult;
import dev.hoglink.service.link.PlanService;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.service.link.PlanFiles;
import dev.hoglink.ui.link.MarkedProjects.Scope;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
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
 * "Link projects…" as plan, then apply. The admin marks projects (the selection, all in the filter, all not
 * connected) and picks an installation; the plan predicts each project's outcome ({@link LinkPlanner}) with
 * counts, and rows can be unticked. Apply writes the plan to the plan journal, then sends exactly the ticked
 * rows one by one, showing "N of M" and the current project; Stop ends it between projects. The result leads
 * with counts per outcome; a stopped run (or one cut by a crash, offered at the next start) resumes the rest.
 * Never touches a Node.
 */
public final class BulkLinkViewModel {

    /** Where the dialog is. */
    public enum Step { LOADING, PLAN, RUNNING, RESULT }

    private final TaskRunner runner;
    private final DialogService dialogs;
    private final PlanService plans;
    private final Organization organization;
    private final MarkedProjects marked;
    private final Capabilities capabilities;
    private final List<GitHubLink> allLinks;
    private final InstallationFacts facts;
    private Consumer<Set<Long>> onTouched = ids -> { };
    private Consumer<LinkPlan> onLinked = p -> { };
    private Runnable onKeyReadOnly = () -> { };

    private final ReadOnlyObjectWrapper<Step> step = new ReadOnlyObjectWrapper<>(Step.LOADING);
    private final ObjectProperty<Scope> scope = new SimpleObjectProperty<>(Scope.SELECTED);
    private final ObservableList<OptionRow> options = FXCollections.observableArrayList();
    private final ObjectProperty<OptionRow> selected = new SimpleObjectProperty<>();
    private final ObservableList<PlanItem> items = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper counts = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper toSend = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper resumable = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper resumeText = new ReadOnlyStringWrapper("");
    private Optional<List<String>> personal = Optional.empty();
    private String personalProblem;
    private LinkPlan plan;
    private LinkPlan running;
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final PlanRun run;
    private boolean resume;
    /** Stop was asked before the run's first request (the plan being written or checked). */
    private boolean stopAsked;
    private Instant started;
    /** The source projects runs of this dialog sent from, in the order they were first used. */
    private final List<PlanResult.Source> sentFrom = new ArrayList<>();

    /** A run about to start: the plan as it is sent (naming the source PostHog offers now) and that offer. */
    private record Start(LinkPlan plan, PlanService.Offer offer) {
    }

    public BulkLinkViewModel(TaskRunner runner, DialogService dialogs, PlanService plans, Organization organization, MarkedProjects marked,
                             Capabilities capabilities, Collection<GitHubLink> allLinks, InstallationFacts facts) {
        this.runner = Objects.requireNonNull(runner);
        this.dialogs = Objects.requireNonNull(dialogs);
        this.plans = Objects.requireNonNull(plans);
        this.organization = organization;
        this.marked = Objects.requireNonNull(marked);
        this.capabilities = capabilities == null ? Capabilities.UNKNOWN : capabilities;
        this.allLinks = List.copyOf(allLinks);
        this.facts = facts == null ? InstallationFacts.NONE : facts;
        this.run = new PlanRun(runner, plans);
        scope.set(marked.get(Scope.SELECTED).isEmpty() ? Scope.NOT_CONNECTED : Scope.SELECTED);
        scope.addListener((o, a, b) -> replan());
        selected.addListener((o, a, b) -> replan());
    }

    /** A plan begun earlier and not finished: shown with what is left ticked, sent after a fresh re-check. */
    public static BulkLinkViewModel resuming(TaskRunner runner, DialogService dialogs, PlanService plans,
                                             PlanService.Unfinished u) {
        BulkLinkViewModel vm = new BulkLinkViewModel(runner, dialogs, plans, u.plan().organization(),
                MarkedProjects.of(List.of(), List.of(), List.of()), Capabilities.UNKNOWN, List.of(), null);
        vm.resume = true;
        vm.plan = u.plan();
        Set<Long> left = new LinkedHashSet<>();
        u.remaining().forEach(r -> left.add(r.projectId()));
        List<String> sourceGone = new ArrayList<>();
        for (LinkPlan.Row r : u.plan().rows()) {
            PlanItem item = new PlanItem(r.withApply(left.contains(r.projectId())));
            ApplyOutcome was = u.outcome(r.projectId());
            if (was != null && !left.contains(r.projectId())) {
                dev.hoglink.service.journal.PlanJournal.Ended earlier = u.done().get(r.projectId());
                item.ended(new PlanResult.Row(r.projectId(), r.projectName(), r.predicted(), was,
                        "Done in the earlier run (see the action journal).", null, u.kind(r.projectId()), null),
                        earlier == null ? null : earlier.integrationId());
            } else if (was != null && PlanResult.sourceGone(was, u.kind(r.projectId()))) {
                sourceGone.add(r.projectName());
            }
            vm.items.add(item);
        }
        vm.step.set(Step.PLAN);
        vm.recount();
        vm.summary.set(u.summary() + ": the plan to link " + u.plan().installation().describe() + " was not finished. "
                + (sourceGone.isEmpty() ? "Each project left is checked again before it is sent."
                : sourceGone(sourceGone, null) + " PostHog is asked again which project offers it, and each project "
                + "left is checked again before it is sent."));
        return vm;
    }

    // ---- plan ---------------------------------------------------------------------------------------------

    /** Lists the installations on offer and reads the user's personal GitHub links. */
    public void load() {
        if (resume) {
            return;
        }
        step.set(Step.LOADING);
        summary.set("Reading the installations and your personal GitHub links…");
        long ask = askFrom();
        runner.run(() -> new Object[] {plans.availability(ask), plans.personalGitHubInstallations()})
                .onSuccess(r -> {
                    dev.hoglink.model.AvailableInstallations a = (dev.hoglink.model.AvailableInstallations) r[0];
                    List<InstallationOption> list = a.installations();
                    @SuppressWarnings("unchecked") Optional<List<String>> p = (Optional<List<String>>) r[1];
                    personal = p;
                    personalProblem = LinkPlanner.personalProblem(a.personalDiscoveryStatus(), a.personalGithubLogin());
                    List<OptionRow> rows = new ArrayList<>();
                    for (InstallationOption listed : list) {
                        InstallationOption o = facts.named(listed);
                        rows.add(new OptionRow(o, facts.knownRepoCount(o.installationId()),
                                facts.projectsUsing(o.installationId(), -1), facts.healthOf(o.installationId())));
                    }
                    options.setAll(rows);
                    step.set(Step.PLAN);
                    selected.set(rows.size() == 1 ? rows.get(0) : null);
                    replan();
                })
                .onFailure(e -> {
                    step.set(Step.PLAN);
                    summary.set("Couldn't list installations: " + ServiceException.of(e).userMessage());
                });
    }

    private long askFrom() {
        for (Scope s : List.of(scope.get(), Scope.NOT_CONNECTED, Scope.IN_FILTER)) {
            for (LinkPlanner.Target t : marked.get(s)) {
                return t.project().id();
            }
        }
        return 0;
    }

    private void replan() {
        if (resume || step.get() != Step.PLAN) {
            return;
        }
        OptionRow row = selected.get();
        if (row == null) {
            plan = null;
            items.clear();
            recount();
            summary.set(options.isEmpty() ? "No GitHub installation in this organization can be linked."
                    : "Pick the installation to link; the plan then says what will happen to each project.");
            return;
        }
        List<LinkPlanner.Target> targets = withLevelsRead(marked.get(scope.get()));
        List<LinkPlanner.Target> unread = levelsToRead(targets, row.option().installationId());
        if (!unread.isEmpty()) {
            readLevels(unread, row.option().installationId());
            return;
        }
        plan = plans.plan(organization, row.option(), targets, allLinks, true, capabilities, personal,
                personalProblem);
        List<PlanItem> list = new ArrayList<>();
        plan.rows().forEach(r -> list.add(new PlanItem(r)));
        list.forEach(i -> i.applyProperty().addListener((o, a, b) -> recount()));
        items.setAll(list);
        recount();
        // The plan reads what each project uses from the window's rows: from an earlier read while a refresh failed.
        summary.set(((personal.isEmpty() && capabilities.organizationLevel() < Organization.ADMIN
                ? "PostHog did not say whether you have a personal GitHub link (the key may lack user:read); "
                + "the plan assumes PostHog decides." : "")
                + facts.fromEarlierRead("What each project uses, and so the plan,")).strip());
    }

    /** Levels PostHog stated for projects of this dialog (its project detail), read for a member only. */
    private final Map<Long, Integer> levelsRead = new java.util.HashMap<>();
    private final Set<Long> levelsAsked = new java.util.HashSet<>();

    private List<LinkPlanner.Target> withLevelsRead(List<LinkPlanner.Target> targets) {
        List<LinkPlanner.Target> out = new ArrayList<>(targets.size());
        for (LinkPlanner.Target t : targets) {
            Integer read = levelsRead.get(t.project().id());
            out.add(t.projectLevel() == null && read != null ? t.withLevel(read) : t);
        }
        return out;
    }

    /**
     * A member of the organization may be admin of some projects (docs/api-notes.md NM1), which the window knows only
     * for projects chosen in the table. Before a plan says "needs your personal GitHub link" of the others, their
     * level is read once, as `hoglink link --plan` reads it: projects and environments that do not use the installation
     * yet (an environment's level is its own, NM2), never asked before in this dialog.
     */
    private List<LinkPlanner.Target> levelsToRead(List<LinkPlanner.Target> targets, String installationId) {
        if (!Organization.memberOnly(capabilities.organizationLevel())) {
            return List.of();
        }
        return targets.stream().filter(t -> t.projectLevel() == null && !levelsAsked.contains(t.project().id())
                && PlanService.levelDecides(installationId, t)).toList();
    }

    private void readLevels(List<LinkPlanner.Target> unread, String installationId) {
        unread.forEach(t -> levelsAsked.add(t.project().id()));
        step.set(Step.LOADING);
        summary.set("Reading your access to " + unread.size() + (unread.size() == 1 ? " project" : " projects")
                + "…");
        runner.run(() -> plans.withProjectLevels(organization, installationId, unread))
                .onSuccess(read -> {
                    read.stream().filter(t -> t.projectLevel() != null)
                            .forEach(t -> levelsRead.put(t.project().id(), t.projectLevel()));
                    step.set(Step.PLAN);
                    replan();
                })
                .onFailure(e -> { // the organization's rule stands for them; PostHog decides
                    step.set(Step.PLAN);
                    replan();
                });
    }

    private void recount() {
        Map<PlanOutcome, Integer> m = new EnumMap<>(PlanOutcome.class);
        items.forEach(i -> m.merge(i.predicted(), 1, Integer::sum));
        long ticked = items.stream().filter(PlanItem::apply).count();
        long could = items.stream().filter(PlanItem::tickable).count();
        toSend.set((int) ticked);
        counts.set(LinkPlan.countsText(m, ticked, could));
    }

    /** Ticks every project that can be sent, or none. */
    public void tickAll(boolean value) {
        if (step.get() == Step.PLAN) {
            items.stream().filter(PlanItem::tickable).forEach(i -> i.applyProperty().set(value));
        }
    }

    /** The plan with the ticks as they are now, or empty before an installation is picked. */
    public Optional<LinkPlan> currentPlan() {
        if (plan == null) {
            return Optional.empty();
        }
        Map<Long, Boolean> ticks = new java.util.HashMap<>();
        items.forEach(i -> ticks.put(i.projectId(), i.apply()));
        return Optional.of(plan.withApply(ticks));
    }

    // ---- apply --------------------------------------------------------------------------------------------

    /** Writes the plan to the plan journal, then sends the ticked projects one by one. */
    public void apply() {
        Optional<LinkPlan> p = currentPlan();
        if (step.get() != Step.PLAN || p.isEmpty() || p.get().planned().isEmpty()) {
            return;
        }
        LinkPlan fixed = p.get();
        List<PlanItem> batch = items.stream().filter(PlanItem::apply).toList();
        step.set(Step.RUNNING);
        status.set("Writing the plan to the journal…");
        boolean fresh = !resume;
        InstallationOption chosen = selected.get() == null ? fixed.installation().option(null) : selected.get().option();
        runner.run(() -> {
                    PlanService.Offer offer = fresh ? new PlanService.Offer(chosen, null) : plans.recheckInstallation(fixed);
                    // The plan journal names the source project the rows are sent from (a resume may find another).
                    LinkPlan sending = offer.available() ? fixed.withSource(offer.option()) : fixed;
                    plans.begin(sending);
                    return new Start(sending, offer);
                })
                .onSuccess(start -> {
                    running = start.plan();
                    started = Instant.now();
                    runOn(batch, start.offer(), resume);
                })
                .onFailure(e -> {
                    status.set(""); // the summary below says what happened
                    stopAsked = false;
                    step.set(Step.PLAN);
                    summary.set("Nothing was sent: the plan could not be written to the journal or checked ("
                            + ServiceException.of(e).userMessage() + ").");
                });
    }

    /**
     * After a stop: sends the projects left (not sent, answer lost, or refused only because the source project lost
     * the installation), each checked again first. PostHog is asked again which project offers the installation,
     * as a resumed plan is (PlanService.applyAll): a run held because its source project lost the installation would
     * otherwise name that project again and be refused the same way.
     */
    public void resumeRest() {
        if (step.get() != Step.RESULT || running == null) {
            return;
        }
        List<PlanItem> rest = items.stream().filter(PlanItem::leftToSend).toList();
        if (rest.isEmpty()) {
            return;
        }
        LinkPlan plan = running;
        step.set(Step.RUNNING);
        // The last run's headline and counts ("Not sent: 15", "Resume the plan in 1 s") stop being true as the rows
        // are sent again: the summary says what this run does, the progress line counts, the result counts anew.
        summary.set("Resuming: " + rest.size() + (rest.size() == 1 ? " project left is" : " projects left are")
                + " sent, each checked again first.");
        counts.set("");
        status.set("Asking PostHog again which project offers " + plan.installation().describe() + "…");
        runner.run(() -> {
                    PlanService.Offer offer = plans.recheckInstallation(plan);
                    LinkPlan sending = offer.available() ? plan.withSource(offer.option()) : plan;
                    if (!sending.installation().equals(plan.installation())) {
                        plans.begin(sending); // the plan journal names the source the rest is sent from
                    }
                    return new Start(sending, offer);
                })
                .onSuccess(start -> {
                    running = start.plan();
                    runOn(rest, start.offer(), true);
                })
                .onFailure(e -> {
                    status.set("");
                    stopAsked = false;
                    step.set(Step.RESULT);
                    counts.set(result().countsText()); // nothing changed: the last run's counts still stand
                    summary.set("Nothing was sent: " + (e instanceof java.io.IOException
                            ? "the plan could not be written to the journal ("
                            + ServiceException.of(e).userMessage() + ")."
                            : "PostHog could not be asked again which project offers the installation ("
                            + ServiceException.of(e).userMessage() + ")."));
                });
    }

    /**
     * Sends {@code batch} from the project PostHog offered, which {@code running} names; when it offers none, each
     * ends as not sent.
     */
    private void runOn(List<PlanItem> batch, PlanService.Offer offer, boolean check) {
        if (!offer.available()) {
            batch.forEach(i -> i.ended(PlanService.unavailable(i.row(), offer.problem())));
            finish();
            return;
        }
        InstallationOption sendWith = PlanService.sendWith(running, offer.option());
        PlanResult.Source source = PlanResult.Source.of(sendWith);
        if (!sentFrom.contains(source)) {
            sentFrom.add(source);
        }
        showSource(source);
        run(batch, sendWith, check);
    }

    /**
     * The picked installation, as the dialog's header shows it, names the source project the rows are now sent from
     * (a resume may find another). Replanning is off while sending, so the plan stays as it is.
     */
    private void showSource(PlanResult.Source source) {
        OptionRow shown = selected.get();
        if (shown == null || source.equals(PlanResult.Source.of(shown.option()))) {
            return;
        }
        InstallationOption o = shown.option();
        OptionRow now = new OptionRow(new InstallationOption(o.installationId(), o.accountName(), o.accountType(),
                source.projectId(), source.projectName(), o.discoveryId()), shown.repoCount(), shown.usedBy(),
                shown.health());
        int at = options.indexOf(shown);
        if (at >= 0) {
            options.set(at, now); // the picker shows only a value among its items
        }
        selected.set(now);
    }

    private void run(List<PlanItem> batch, InstallationOption option, boolean check) {
        step.set(Step.RUNNING);
        status.set("");
        boolean stopNow = stopAsked; // asked while the plan was being written: nothing is sent
        stopAsked = false;
        run.start(running, batch, option, check, this::finish, stopNow);
    }

    /**
     * Stops between projects (Stop, Escape, or closing the window while sending): the request in flight ends and is
     * read back, the rest are not sent (and can be resumed); the status says so until the result shows. Asked before
     * the first request (the plan still being written or checked), nothing is sent.
     */
    public void stop() {
        if (step.get() != Step.RUNNING) {
            return;
        }
        PlanItem now = run.currentProperty().get();
        if (now == null) {
            stopAsked = true;
            run.stop();
            status.set("Stopping: nothing will be sent. Resume can send the plan later.");
        } else if (!run.stopRequestedProperty().get()) {
            run.stop();
            status.set("Stopping after " + now.name() + " (id " + now.projectId() + "), whose request is already sent: "
                    + "the projects after it will not be sent. Resume can send them.");
        }
    }

    private void finish() {
        status.set(""); // "Stopping after …" is over: the result says what happened
        stopAsked = false;
        PlanResult result = result();
        int left = (int) items.stream().filter(PlanItem::leftToSend).count();
        List<PlanItem> gone = items.stream().filter(PlanItem::sourceGone).toList();
        resumable.set(left);
        // "not sent" unless one of them was sent: refused (nothing linked), "not linked"; sent with no answer (it may
        // have linked), "not done", as the headline above counts them
        boolean unknown = items.stream().anyMatch(i -> i.outcome() == dev.hoglink.service.link.ApplyOutcome.UNKNOWN);
        resumeText.set(left == 0 ? "" : "Resume " + left + (unknown ? " not done"
                : items.stream().noneMatch(PlanItem::sentAndLeft) ? " not sent" : " not linked"));
        step.set(Step.RESULT);
        counts.set(result.countsText());
        Set<PlanResult.Source> from = new LinkedHashSet<>();
        gone.forEach(i -> from.add(i.source()));
        PlanResult.Source goneFrom = from.size() == 1 ? from.iterator().next() : null;
        String held = result.heldText(); // why the projects after a failure were not sent, once for all of them
        String notDone = left == 0 ? "" : result.notDoneText() + ". " + (held.isEmpty() ? "" : held + " ")
                + (gone.isEmpty()
                ? "They stay in the journal: Resume sends them (each checked again first), or the next start offers it."
                : sourceGone(gone.stream().map(PlanItem::name).toList(), goneFrom)
                + " They stay in the journal: Resume asks PostHog again which project offers the installation, then "
                + "sends them from it, each checked again first; or the next start offers it.");
        String sources = sourcesNote();
        summary.set(notDone.isEmpty() || sources.isEmpty() ? notDone + sources : notDone + " " + sources);
        if (left == 0) {
            String id = running.id();
            runner.run(() -> {
                plans.close(id);
                return null;
            });
        }
        Set<Long> touched = new LinkedHashSet<>();
        items.stream().filter(i -> i.outcome() != null && i.outcome() != ApplyOutcome.NOT_IN_PLAN
                && i.outcome() != ApplyOutcome.STOPPED && i.outcome() != ApplyOutcome.NOT_SENT)
                .forEach(i -> touched.add(i.projectId()));
        onTouched.accept(touched);
        if (items.stream().anyMatch(i -> i.kind() == dev.hoglink.service.link.LinkResult.Kind.MISSING_SCOPE)) {
            onKeyReadOnly.run(); // PostHog refused the credential itself: the window's buttons say so too
        }
        Map<Long, Boolean> linked = new java.util.HashMap<>();
        items.forEach(i -> linked.put(i.projectId(), i.outcome() == ApplyOutcome.LINKED));
        LinkPlan did = running.withApply(linked);
        if (!did.planned().isEmpty()) {
            onLinked.accept(did);
        }
    }

    /** {@link PlanResult#sourceGoneText(List, PlanResult.Source)}: the same words as the command line's. */
    static String sourceGone(List<String> projects, PlanResult.Source source) {
        return PlanResult.sourceGoneText(projects, source);
    }

    /**
     * Which source projects the sent rows were taken from, when that is not simply the one the plan named: "Sent
     * from Secret Lab (id 124) for 1 project, then from Checkout (id 108) for 2." Empty otherwise.
     */
    private String sourcesNote() {
        Map<PlanResult.Source, Integer> used = new java.util.LinkedHashMap<>();
        sentFrom.forEach(s -> used.put(s, 0));
        items.stream().filter(i -> i.source() != null).forEach(i -> used.merge(i.source(), 1, Integer::sum));
        used.values().removeIf(n -> n == 0);
        PlanResult.Source planned = new PlanResult.Source(plan.installation().sourceProjectId(),
                plan.installation().sourceProjectName());
        if (used.isEmpty() || used.keySet().equals(Set.of(planned))) {
            return "";
        }
        List<String> parts = new ArrayList<>();
        used.forEach((s, n) -> parts.add((s.projectId() == null ? "without a source project" : "from " + s.describe())
                + " for " + n + (parts.isEmpty() ? n == 1 ? " project" : " projects" : "")));
        if (used.size() == 1) {
            return "Sent " + parts.get(0) + ", as PostHog offers the installation now; the plan named "
                    + (planned.projectId() == null ? "no source project" : planned.describe()) + ".";
        }
        return "Sent " + String.join(", then ", parts) + ".";
    }

    /** What the run did so far, one row per project of the plan. */
    public PlanResult result() {
        List<PlanResult.Row> rows = items.stream().map(PlanItem::result).toList();
        return new PlanResult(running == null ? currentPlan().orElse(null) : running, rows, started, Instant.now(),
                resumable.get() > 0, "");
    }

    /** Saves the plan (before the run) or the result (after it) as CSV or JSON, where the admin chooses. */
    public void export(PlanFiles.Format format) {
        boolean isResult = step.get() == Step.RESULT;
        Optional<LinkPlan> p = isResult ? Optional.ofNullable(running) : currentPlan();
        if (p.isPresent() && step.get() != Step.RUNNING) {
            PlanExports.save(runner, dialogs, isResult ? PlanFiles.write(result(), format)
                    : PlanFiles.write(p.get(), format), isResult, p.get().installation().installationId(), format);
        }
    }

    /** Dismisses an unfinished plan: it is not offered again (what was linked stays linked). */
    public void dismiss() {
        LinkPlan p = running != null ? running : plan;
        if (p != null && resume) {
            String id = p.id();
            runner.run(() -> {
                plans.close(id);
                return null;
            });
        }
    }

    /** Called with the ids of projects whose state may have changed, after each run. */
    /** What runs when PostHog refused a link because the credential lacks integration:write (NJ2, NJ4). */
    public void setOnKeyReadOnly(Runnable callback) {
        this.onKeyReadOnly = callback == null ? () -> { } : callback;
    }

    public void setOnTouched(Consumer<Set<Long>> callback) {
        this.onTouched = callback == null ? ids -> { } : callback;
    }

    /**
     * The GitHub row each project the plan linked uses through the plan's link, by project id, as PostHog answered the
     * link (or an earlier run's answer, noted in the plan journal); a project whose row is not known is left out. The
     * undo deletes only these rows (docs/api-notes.md NH25).
     */
    public Map<Long, Long> linkedRows() {
        Map<Long, Long> rows = new java.util.LinkedHashMap<>();
        items.stream().filter(i -> i.outcome() == ApplyOutcome.LINKED && i.integrationId() != null)
                .forEach(i -> rows.put(i.projectId(), i.integrationId()));
        return rows;
    }

    /**
     * Called after a run with the plan whose ticked rows are the projects it linked (for undo); the rows they use
     * through it are {@link #linkedRows()}.
     */
    public void setOnLinked(Consumer<LinkPlan> callback) {
        this.onLinked = callback == null ? p -> { } : callback;
    }

    // ---- properties -------------------------------------------------------------------------------------

    public ReadOnlyObjectProperty<Step> stepProperty() {
        return step.getReadOnlyProperty();
    }

    public ObjectProperty<Scope> scopeProperty() {
        return scope;
    }

    public MarkedProjects marked() {
        return marked;
    }

    public boolean resuming() {
        return resume;
    }

    public ObservableList<OptionRow> options() {
        return options;
    }

    public ObjectProperty<OptionRow> selectedProperty() {
        return selected;
    }

    public ObservableList<PlanItem> items() {
        return items;
    }

    /** Counts per predicted outcome (plan) or per result (after the run). */
    public ReadOnlyStringProperty countsProperty() {
        return counts.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    /** "Linking 3 of 40: Checkout (id 108)" while running. */
    public ReadOnlyStringProperty progressProperty() {
        return run.progressProperty();
    }

    /** "Writing the plan to the journal…" before the first request. */
    public ReadOnlyStringProperty statusProperty() {
        return status.getReadOnlyProperty();
    }

    /** The project being sent, for the list to follow. */
    public ReadOnlyObjectProperty<PlanItem> currentProperty() {
        return run.currentProperty();
    }

    public ReadOnlyBooleanProperty stopRequestedProperty() {
        return run.stopRequestedProperty();
    }

    public ReadOnlyIntegerProperty doneProperty() {
        return run.doneProperty();
    }

    public ReadOnlyIntegerProperty totalProperty() {
        return run.totalProperty();
    }

    /** Ticked projects in the plan. */
    public ReadOnlyIntegerProperty toSendProperty() {
        return toSend.getReadOnlyProperty();
    }

    /** Projects of the last run left to send (stopped, unknown, or refused only because the source was gone). */
    public ReadOnlyIntegerProperty resumableProperty() {
        return resumable.getReadOnlyProperty();
    }

    /**
     * What Resume does, for its button: "Resume 3 not sent", or "Resume 3 not linked" when some of them were
     * refused because the source was gone (sent, and not linked); empty when nothing is left.
     */
    public ReadOnlyStringProperty resumeTextProperty() {
        return resumeText.getReadOnlyProperty();
    }
}
