package dev.hoglink.ui.audit;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.ProjectState;
import dev.hoglink.model.Organization;
import dev.hoglink.service.audit.AuditExport;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.InstallationAudit;
import dev.hoglink.service.audit.AuditReport.Problem;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.ServiceException;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.TaskHandle;
import dev.hoglink.ui.common.TaskRunner;
import dev.hoglink.util.AtomicFiles;
import dev.hoglink.util.Redactor;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executor;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The audit window's state: the tiles, the diagram's groups (collapsed beyond {@link #COLLAPSED_LIMIT}
 * projects), the coverage counts, the matrix rows, the problems with their one-click fixes, the filtered
 * history, and the exports. Loads through the injected {@link TaskRunner}; never touches a node.
 */
public final class AuditViewModel {

    private static final Logger LOGGER = LoggerFactory.getLogger(AuditViewModel.class);

    /** Projects shown under a collapsed installation; the rest become "+N projects". */
    public static final int COLLAPSED_LIMIT = 5;
    /** The diagram group of projects without GitHub ("Not connected"). */
    public static final String NOT_CONNECTED_GROUP = "not-connected";
    /** The diagram group of projects whose GitHub rows all name no installation ("No installation"). */
    public static final String NO_INSTALLATION_GROUP = "no-installation";
    /** The diagram group of projects whose GitHub links could not be read ("Couldn't load"). */
    public static final String NOT_READ_GROUP = "not-read";

    /** Loads an organization's audit (blocking; runs off the FX thread). */
    @FunctionalInterface
    public interface AuditLoader {
        /** May take projects the connection read less than 15 minutes ago from its store (ProjectReads). */
        AuditReport load(Organization organization, AuditService.Progress progress);

        /** Reads every project from PostHog again: what Reload asks for. */
        default AuditReport reload(Organization organization, AuditService.Progress progress) {
            return load(organization, progress);
        }
    }

    private final TaskRunner runner;
    private final DialogService dialogs;
    private final ProblemActions actions;
    private final ZoneId zone;
    private final Executor ui;
    private AuditLoader loader;
    private TaskHandle<AuditReport> loading;

    private final ReadOnlyObjectWrapper<AuditReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper(-1);
    private final ReadOnlyStringWrapper statusText = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper errorText = new ReadOnlyStringWrapper("");
    /** The History tab: entries, filters and the filters' choices. */
    private final AuditHistoryViewModel history;
    private final ReadOnlyStringWrapper historyNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper title = new ReadOnlyStringWrapper("Audit");

    private final ReadOnlyIntegerWrapper projects = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper connected = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper notConnected = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper unknown = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper installations = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper shared = new ReadOnlyIntegerWrapper();
    /** Installations shared elsewhere only (the table's "elsewhere"): the Shared tile's note. */
    private final ReadOnlyIntegerWrapper sharedElsewhere = new ReadOnlyIntegerWrapper();
    private final ReadOnlyStringWrapper sharedNote = new ReadOnlyStringWrapper("");
    /** The "With problems" tile's note: the failed actions the Problems tab lists beside the projects' problems. */
    private final ReadOnlyStringWrapper failedActionsNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper problemCount = new ReadOnlyIntegerWrapper();
    /** Projects whose state is a problem: what the main window's Problems chip keeps. */
    private final ReadOnlyIntegerWrapper problemProjects = new ReadOnlyIntegerWrapper();

    private final ObservableList<DiagramGroup> diagram = FXCollections.observableArrayList();
    private final ObservableSet<String> expanded = FXCollections.observableSet(new LinkedHashSet<>());
    /** While a picture of the diagram is taken: every group drawn whole, without its expand or collapse chip. */
    private boolean picture;
    private final ReadOnlyStringWrapper selectedDetail = new ReadOnlyStringWrapper("");
    private final AuditMatrixViewModel matrix = new AuditMatrixViewModel();
    private final ObservableList<Problem> problems = FXCollections.observableArrayList();
    /** The projects without GitHub: not problems, but one entry with one action ("Link them…"). */
    private final ObservableList<Long> notConnectedIds = FXCollections.observableArrayList();
    private final PartialNote partialNote;

    /**
     * @param ui runs progress updates on the FX thread ({@code Platform::runLater}; tests pass {@code Runnable::run})
     */
    public AuditViewModel(TaskRunner runner, Executor ui, DialogService dialogs, ProblemActions actions, ZoneId zone) {
        this(runner, ui, dialogs, actions, zone, java.time.Clock.systemUTC());
    }

    /** @param clock the time the partial-report countdown counts from */
    public AuditViewModel(TaskRunner runner, Executor ui, DialogService dialogs, ProblemActions actions, ZoneId zone,
                          java.time.Clock clock) {
        this.partialNote = new PartialNote(clock);
        this.runner = runner;
        this.ui = ui;
        this.dialogs = dialogs;
        this.actions = actions;
        this.zone = zone;
        this.history = new AuditHistoryViewModel(zone);
    }

    /** What to audit: the current connection's loader and organization; null clears the window. */
    public void setSource(AuditLoader newLoader, Organization organization) {
        if (loading != null) {
            loading.cancel();
            loading = null;
        }
        this.loader = newLoader;
        this.organization.set(organization);
        if (newLoader == null || organization == null) {
            show(null);
            statusText.set("");
            errorText.set(newLoader == null ? "No connection: connect to PostHog to audit an organization."
                    : "Choose an organization in the main window to audit it.");
        }
    }

    /**
     * "24 projects read", and how many of them came from the main window's reads of the last 15 minutes (Reload,
     * whose tip says so, reads them again).
     */
    static String readText(AuditReport r) {
        int n = r.summary().projects();
        int reused = r.fromEarlierReads();
        return n + (n == 1 ? " project read" : " projects read") + (reused <= 0 ? ""
                : " (" + reused + " from the window's recent reads)");
    }

    private final ObjectProperty<Organization> organization = new SimpleObjectProperty<>();

    public ReadOnlyObjectProperty<Organization> organizationProperty() {
        return organization;
    }

    /** Reload (the button, F5): reads every project from PostHog again, none from the connection's recent reads. */
    public void reload() {
        load(true);
    }

    /** Reads the organization (off the FX thread); projects the window read less than 15 minutes ago are reused. */
    public void load() {
        load(false);
    }

    private void load(boolean fresh) {
        Organization org = organization.get();
        AuditLoader l = loader;
        if (l == null || org == null) {
            return;
        }
        if (loading != null) {
            loading.cancel();
        }
        busy.set(true);
        progress.set(-1);
        errorText.set("");
        statusText.set("Reading " + org.name() + "…");
        AuditService.Progress shown = (done, total) -> ui.execute(() -> {
                    if (busy.get()) {
                        progress.set(total == 0 ? -1 : (double) done / total);
                        statusText.set("Reading projects: " + done + " of " + total);
                    }
                });
        loading = runner.run(() -> fresh ? l.reload(org, shown) : l.load(org, shown))
                .onSuccess(r -> {
                    show(r);
                    statusText.set(readText(r));
                })
                .onFailure(e -> {
                    LOGGER.warn("Audit of {} failed", org.id(), e);
                    String msg = e instanceof ServiceException s ? s.getMessage() : "The audit could not be read.";
                    errorText.set(Redactor.redact(msg) + " Use Reload to try again.");
                    statusText.set("");
                })
                .onFinished(() -> {
                    busy.set(false);
                    progress.set(-1);
                });
    }

    /** Shows a report (FX thread). Public for tests and for a report built elsewhere. */
    public void show(AuditReport r) {
        expanded.clear();
        partialNote.show(r);
        if (r == null) {
            title.set("Audit");
            for (ReadOnlyIntegerWrapper w : List.of(projects, connected, notConnected, unknown,
                    installations, shared, sharedElsewhere, problemCount, problemProjects)) {
                w.set(0);
            }
            sharedNote.set("");
            failedActionsNote.set("");
            report.set(null);
            diagram.clear();
            matrix.show(null);
            problems.clear();
            notConnectedIds.clear();
            history.show(null);
            historyNote.set("");
            selectedDetail.set("");
            return;
        }
        title.set("Audit · " + r.organization().name());
        projects.set(r.summary().projects());
        connected.set(r.summary().connected());
        notConnected.set(r.summary().notConnected());
        installations.set(r.summary().installations());
        shared.set(r.summary().shared());
        sharedElsewhere.set(r.summary().sharedElsewhere());
        sharedNote.set(AuditTexts.sharedElsewhereNote(r.summary().sharedElsewhere()));
        long failed = r.problems().stream().filter(p -> p.kind() == AuditReport.ProblemKind.RECENT_FAILURE).count();
        failedActionsNote.set(failed == 0 ? "" : "+" + failed + (failed == 1 ? " failed action" : " failed actions"));
        problemCount.set(r.summary().problems());
        unknown.set((int) r.projects().stream().filter(p -> p.state() == ProjectState.UNKNOWN).count());
        problemProjects.set((int) r.projects().stream().filter(p -> p.state().isProblem()).count());
        rebuildDiagram(r);
        matrix.show(r);
        problems.setAll(r.problems());
        notConnectedIds.setAll(r.projects().stream().filter(p -> p.state() == ProjectState.NOT_CONNECTED)
                .map(ProjectAudit::id).toList());
        history.show(r); // also forgets the project and installation chosen for the last report
        List<String> notes = new ArrayList<>();
        if (!r.activityLogNote().isEmpty()) { // also for a log that was read: the plan's window, a log cut short
            notes.add(r.activityLogNote());
        }
        if (!r.journalNote().isEmpty()) {
            notes.add(r.journalNote());
        }
        historyNote.set(String.join(" ", notes));
        selectedDetail.set("");
        report.set(r); // last: listeners see the counts and lists of this report
    }

    // ------------------------------------------------------------------ diagram

    private void rebuildDiagram(AuditReport r) {
        if (r == null) {
            diagram.clear();
            return;
        }
        Map<Long, ProjectAudit> byId = new HashMap<>();
        r.projects().forEach(p -> byId.put(p.id(), p));
        List<DiagramGroup> groups = new ArrayList<>();
        for (InstallationAudit i : r.installations()) {
            List<ProjectAudit> ps = i.usages().stream().map(u -> byId.get(u.projectId())).distinct().toList();
            groups.add(group(i.installationId(), i.account(), i.accountType(), AuditTexts.describe(i, zone), i.status(), null, ps));
        }
        // The projects that name no installation, grouped under the table's word for their state: a project without
        // GitHub reads "Not connected" here as there, not "No installation", which is a problem of its own.
        List<ProjectAudit> loose = r.projects().stream().filter(p -> p.state() != ProjectState.CONNECTED
                && p.links().stream().noneMatch(GitHubLink::hasInstallation)).toList();
        for (ProjectState state : List.of(ProjectState.NO_INSTALLATION, ProjectState.UNKNOWN,
                ProjectState.NOT_CONNECTED)) {
            List<ProjectAudit> in = loose.stream().filter(p -> p.state() == state).toList();
            if (!in.isEmpty()) {
                groups.add(group(groupKey(state), state.label(), AccountType.UNKNOWN, looseDetail(state, in.size()),
                        LinkStatus.CONNECTED, state, in));
            }
        }
        diagram.setAll(groups);
    }

    /** The key of the diagram group of projects in this state that name no installation. */
    static String groupKey(ProjectState state) {
        return switch (state) {
            case NOT_CONNECTED -> NOT_CONNECTED_GROUP;
            case NO_INSTALLATION -> NO_INSTALLATION_GROUP;
            default -> NOT_READ_GROUP;
        };
    }

    private static String looseDetail(ProjectState state, int n) {
        String projects = n + (n == 1 ? " project" : " projects");
        return state.label() + ": " + switch (state) {
            case NOT_CONNECTED -> projects + " with no GitHub integration.";
            case NO_INSTALLATION -> projects + " whose GitHub integration names no installation, so it cannot be used "
                    + "or shared.";
            default -> projects + " whose GitHub links could not be read.";
        };
    }

    private DiagramGroup group(String key, String label, AccountType type, String detail, LinkStatus status,
                               ProjectState state, List<ProjectAudit> ps) {
        boolean open = picture || expanded.contains(key) || ps.size() <= COLLAPSED_LIMIT + 1;
        List<ProjectAudit> shown = open ? ps : ps.subList(0, COLLAPSED_LIMIT);
        // In a picture every group is whole, with neither "+N projects" nor "Show fewer" (nothing to click in a file).
        return new DiagramGroup(key, label, type, detail, status, state != null, state, List.copyOf(shown),
                ps.size() - shown.size(), !picture && expanded.contains(key));
    }

    /** Expands a collapsed group or collapses an expanded one. */
    public void toggleExpanded(String key) {
        if (!expanded.remove(key)) {
            expanded.add(key);
        }
        rebuildDiagram(report.get());
    }

    /**
     * Expands every collapsed group, so a picture of the diagram shows every project (the PNG export: a file has no
     * "+N projects" to click). Returns what collapses them again as they were.
     */
    public Runnable expandAllForPicture() {
        if (diagram.stream().noneMatch(g -> g.hidden() > 0 || g.expanded())) {
            return () -> { };
        }
        picture = true;
        rebuildDiagram(report.get());
        return () -> {
            picture = false;
            rebuildDiagram(report.get());
        };
    }

    /** Shows a group's details (click on its node). */
    public void select(DiagramGroup g) {
        selectedDetail.set(g == null ? "" : g.detail());
    }

    /** Shows a project's details (click on its chip). */
    public void select(ProjectAudit p) {
        selectedDetail.set(p == null ? "" : AuditTexts.describe(p));
    }

    // ------------------------------------------------------------------ problems

    public boolean canFix(Problem p) {
        return switch (p.fix()) {
            case LINK -> p.projectId() != null && actions.canLink(p.projectId());
            case RELINK -> p.projectId() != null && p.installationId() != null && actions.canLink(p.projectId());
            case OAUTH -> p.projectId() != null && actions.canStartOAuth(p.projectId());
            case OPEN_ON_GITHUB -> AuditTexts.isGitHubPage(p.url());
            case NONE -> false;
        };
    }

    public void fix(Problem p) {
        if (!canFix(p)) {
            return;
        }
        switch (p.fix()) {
            case LINK -> actions.link(p.projectId());
            case RELINK -> actions.relink(p.projectId(), p.installationId());
            case OAUTH -> actions.startOAuth(p.projectId());
            case OPEN_ON_GITHUB -> actions.openOnGitHub(p.url());
            case NONE -> {
            }
        }
    }

    /** The projects without GitHub, by id (the entry above the problems). */
    public ObservableList<Long> notConnected() {
        return notConnectedIds;
    }

    /** Whether "Link them…" can open the bulk link for the projects without GitHub. */
    public boolean canLinkNotConnected() {
        return !notConnectedIds.isEmpty() && actions.canLinkAll(List.copyOf(notConnectedIds));
    }

    /** "Link them…": the bulk link for exactly the projects without GitHub. */
    public void linkNotConnected() {
        if (canLinkNotConnected()) {
            actions.linkAll(List.copyOf(notConnectedIds));
        }
    }

    // ------------------------------------------------------------------ exports

    /** Asks where, then writes the inventory or the (filtered) history; off the FX thread. */
    public void export(AuditExport.Kind kind, AuditExport.Format format) {
        AuditReport r = report.get();
        if (r == null) {
            return;
        }
        String suggested = AuditTexts.fileName(r, kind == AuditExport.Kind.INVENTORY ? "inventory" : "history", format.extension());
        Optional<Path> target = dialogs.chooseSaveFile("Export " + kind.name().toLowerCase(Locale.ROOT), suggested,
                format.name() + " files", format.extension());
        if (target.isEmpty()) {
            return;
        }
        byte[] bytes = kind == AuditExport.Kind.INVENTORY ? AuditExport.write(r, kind, format)
                : (format == AuditExport.Format.CSV ? AuditExport.historyCsv(r, List.copyOf(history.visibleHistory()))
                        : AuditExport.historyJson(r, List.copyOf(history.visibleHistory())))
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        Path file = target.get();
        // As hoglink audit says it on stderr: the file's problem count can be lower than the tile's.
        String leftOut = kind == AuditExport.Kind.INVENTORY ? AuditExport.leftOutNote(r) : "";
        runner.run(() -> {
            AtomicFiles.write(file, bytes);
            return file;
        }).onSuccess(f -> dialogs.notify("Exported to " + f.getFileName() + (leftOut.isEmpty() ? ""
                        : ". " + Character.toUpperCase(leftOut.charAt(0)) + leftOut.substring(1)),
                        DialogService.Notice.SUCCESS))
                .onFailure(e -> dialogs.error("Export failed", "Could not write " + file.getFileName()
                        + ". Choose another folder and try again.", e));
    }

    // ------------------------------------------------------------------ properties

    public ReadOnlyObjectProperty<AuditReport> reportProperty() {
        return report.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty statusTextProperty() {
        return statusText.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty errorTextProperty() {
        return errorText.getReadOnlyProperty();
    }

    /** The History tab's entries and filters. */
    public AuditHistoryViewModel history() {
        return history;
    }

    /** "Partial report: … PostHog allows requests again in 45:12"; empty for a whole report. */
    public PartialNote partialNote() {
        return partialNote;
    }

    public ReadOnlyStringProperty historyNoteProperty() {
        return historyNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty titleProperty() {
        return title.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty projectsProperty() {
        return projects.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty connectedProperty() {
        return connected.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty notConnectedProperty() {
        return notConnected.getReadOnlyProperty();
    }

    /**
     * How many of the report's projects are in this state (coverage chart: one slice per state, named by the state's
     * label, as the projects table, the detail pane and the Problems tab name it); 0 before a report.
     */
    public int projectsIn(ProjectState state) {
        AuditReport r = report.get();
        return r == null ? 0 : (int) r.projects().stream().filter(p -> p.state() == state).count();
    }

    /** Projects whose links could not be read (coverage chart). */
    public ReadOnlyIntegerProperty unknownProperty() {
        return unknown.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty installationsProperty() {
        return installations.getReadOnlyProperty();
    }

    /** Installations used by more than one project of this organization: the exports' summary {@code shared}. */
    public ReadOnlyIntegerProperty sharedProperty() {
        return shared.getReadOnlyProperty();
    }

    /** Installations shared elsewhere only: the exports' summary {@code shared_elsewhere}. */
    public ReadOnlyIntegerProperty sharedElsewhereProperty() {
        return sharedElsewhere.getReadOnlyProperty();
    }

    /** The Shared tile's note, "+1 elsewhere", or "" when no installation is shared elsewhere only. */
    /**
     * "+1 failed action" under the "With problems" tile, "" when none: the tile counts projects (as the main window's
     * Problems chip does), the Problems tab lists problems, a recent failed action among them, which is no project's
     * state; the note names those so the tab's count is accounted for.
     */
    public ReadOnlyStringProperty failedActionsNoteProperty() {
        return failedActionsNote.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty sharedNoteProperty() {
        return sharedNote.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty problemCountProperty() {
        return problemCount.getReadOnlyProperty();
    }

    /**
     * The projects whose state is a problem (Unavailable, Token error, No installation, Couldn't load): the tile
     * counts what the main window's Problems chip shows, while the Problems tab counts the problems themselves (one
     * for an unavailable installation however many projects use it, one per failed action).
     */
    public ReadOnlyIntegerProperty problemProjectsProperty() {
        return problemProjects.getReadOnlyProperty();
    }

    public ObservableList<DiagramGroup> diagram() {
        return diagram;
    }

    public Set<String> expandedGroups() {
        return java.util.Collections.unmodifiableSet(expanded);
    }

    public ReadOnlyStringProperty selectedDetailProperty() {
        return selectedDetail.getReadOnlyProperty();
    }

    /** The matrix: its rows, columns and filters. */
    public AuditMatrixViewModel matrix() {
        return matrix;
    }

    public ObservableList<InstallationAudit> matrixColumns() {
        return matrix.columns();
    }

    public ObservableList<MatrixRow> matrixRows() {
        return matrix.rows();
    }

    public ObservableList<Problem> problems() {
        return problems;
    }

}
