package dev.hoglink.service.audit;

import dev.hoglink.service.BlockingDispatch;
import dev.hoglink.service.ProjectLoader;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.inventory.InventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.api.PostHogApi;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.audit.AuditReport.Fix;
import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import dev.hoglink.service.audit.AuditReport.InstallationAudit;
import dev.hoglink.service.audit.AuditReport.Problem;
import dev.hoglink.service.audit.AuditReport.ProblemKind;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.service.audit.AuditReport.Source;
import dev.hoglink.service.audit.AuditReport.Summary;
import dev.hoglink.service.audit.AuditReport.Usage;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds an {@link AuditReport} for one organization: reads every project's GitHub links (through the
 * inventory, so through the client's rate limiter) with at most {@code maxInFlight} projects at once, the
 * integration activity log where the key may read it, and this computer's {@link ActionJournal}.
 *
 * <p>Nothing is retried here: the client holds the one retry budget (at most 3 sends of a GET, one deadline
 * per call), so a failure that reaches this class is final for this audit. A project whose links cannot be read
 * is reported as a problem rather than failing the audit; the project list itself is required. Blocking: call
 * it off the UI thread.
 */
public final class AuditService {

    private static final Logger LOGGER = LoggerFactory.getLogger(AuditService.class);

    /** Projects read at once, as the inventory does (chosen by measurement: docs/sync-measurements.md). */
    public static final int DEFAULT_MAX_IN_FLIGHT = dev.hoglink.service.ProjectLoader.DEFAULT_MAX_IN_FLIGHT;
    /** Activity-log pages read at most per project (1,000 rows each, newest first; docs/api-notes.md N11). */
    public static final int ACTIVITY_PAGES = 50;
    /** No further activity-log page of a project is asked for once this much time went on reading it. */
    public static final Duration ACTIVITY_BUDGET = Duration.ofSeconds(30);
    /** Said once when the organization's plan has no audit logs (402, docs/api-notes.md N11). */
    public static final String PAID_PLAN_NOTE = "PostHog's activity log needs a paid PostHog plan (audit logs), so "
            + "the history shows this computer's journal only; everything else in the audit was read.";
    /** Journal failures younger than this are listed as problems. */
    public static final Duration RECENT = Duration.ofDays(7);

    /** Told how many projects are read so far; called from worker threads. */
    @FunctionalInterface
    public interface Progress {
        Progress NONE = (done, total) -> { };

        void update(int done, int total);
    }

    private final InventoryService inventory;
    private final PostHogApi activityApi;
    private final ActionJournal journal;
    private final Clock clock;
    private final int maxInFlight;

    /**
     * @param activityApi the client for the activity log, or null to skip PostHog's history
     * @param journal     this computer's journal, or null to skip it
     */
    public AuditService(InventoryService inventory, PostHogApi activityApi, ActionJournal journal, Clock clock,
                        int maxInFlight) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.inventory = inventory;
        this.activityApi = activityApi;
        this.journal = journal;
        this.clock = clock;
        this.maxInFlight = maxInFlight;
    }

    public AuditService(InventoryService inventory, PostHogApi activityApi, ActionJournal journal) {
        this(inventory, activityApi, journal, Clock.systemUTC(), DEFAULT_MAX_IN_FLIGHT);
    }

    /** The organizations the key can see. */
    public List<Organization> organizations() {
        return inventory.organizations();
    }

    /**
     * Reads the whole organization, taking projects the connection read less than 15 minutes ago from its store.
     * Throws {@link ServiceException} when its project list cannot be read.
     */
    public AuditReport audit(String host, Organization organization, Progress progress) {
        return audit(host, organization, progress, true);
    }

    /** As {@link #audit(String, Organization, Progress)}; {@code reuseReads} false reads every project again. */
    public AuditReport audit(String host, Organization organization, Progress progress, boolean reuseReads) {
        List<Project> projects = inventory.projects(organization.id()).stream()
                .sorted(Comparator.comparingLong(Project::id)).toList();
        boolean limitedToProjects = inventory.limitedToProjects(); // as the list just read found it
        int total = projects.size();
        progress.update(0, total);
        ActivityRead activity = activityApi == null ? null : new ActivityRead(p ->
                activityApi.integrationActivityLog(p.id(), ACTIVITY_PAGES, ACTIVITY_BUDGET), ACTIVITY_PAGES,
                ACTIVITY_BUDGET);

        // The same loader as the inventory window: at most maxInFlight projects read at once, with progress.
        Map<Long, Project> byId = new LinkedHashMap<>();
        projects.forEach(p -> byId.put(p.id(), p));
        Map<Long, Loaded> results = new java.util.HashMap<>();
        ReadsUsed used = new ReadsUsed(reuseReads ? inventory.reads().orElse(null) : null, clock);
        AtomicReference<Throwable> broke = new AtomicReference<>();
        try (BlockingDispatch dispatch = new BlockingDispatch(Math.min(maxInFlight, Math.max(1, total)), "hoglink-audit")) {
            ProjectLoader<Loaded> loader = new ProjectLoader<>(dispatch,
                    id -> () -> load(byId.get(id), activity, used), maxInFlight,
                    new ProjectLoader.Listener<>() {
                        @Override
                        public void loaded(long projectId, Loaded result) {
                            results.put(projectId, result);
                        }

                        @Override
                        public void failed(long projectId, Throwable error) {
                            broke.compareAndSet(null, error);
                        }

                        @Override
                        public void progress(int done, int all) {
                            if (all > 0) {
                                progress.update(done, all);
                            }
                        }
                    });
            loader.enqueue(byId.keySet());
            try {
                dispatch.runUntil(() -> !loader.busy() || broke.get() != null);
            } finally {
                loader.cancel();
            }
            if (broke.get() != null) {
                throw broke.get() instanceof RuntimeException r ? r : new IllegalStateException(broke.get());
            }
            List<Loaded> loaded = projects.stream().map(p -> results.get(p.id())).toList();
            String note = activity == null ? "PostHog's activity log was not read."
                    : activity.note(inventory.activityWindow(organization.id()), clock.instant());
            AuditReport report = assemble(host, organization, loaded, activity != null && activity.read(), note,
                    limitedToProjects);
            return report.withReads(used.fromStore(), used.resumeAt());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("audit cancelled");
        }
    }

    /** @param readAt when {@code links} were read (the store's read, or this audit's), or null when unread */
    private record Loaded(Project project, List<GitHubLink> links, String loadError, List<HistoryEntry> activity,
                          Instant readAt) {
    }

    private Loaded load(Project p, ActivityRead activityRead, ReadsUsed used) throws InterruptedException {
        List<GitHubLink> links;
        String error = "";
        Instant readAt;
        java.util.Optional<dev.hoglink.service.inventory.ProjectReads.Read> known = used.known(p.id());
        try {
            if (known.isPresent()) {
                links = known.get().links();
                readAt = known.get().at();
            } else {
                readAt = clock.instant(); // sent now: what it answers is at least as new as this
                links = inventory.githubLinks(p.id());
            }
        } catch (ServiceException e) {
            LOGGER.warn("Audit: links of project {} unreadable: {} [{}]", p.id(), e.getMessage(), e.logDetail());
            links = List.of();
            error = used.failed(e);
            readAt = null;
        }
        List<HistoryEntry> activity = activityRead == null ? List.of() : activityRead.of(p);
        return new Loaded(p, links, error, activity, readAt);
    }



    // ------------------------------------------------------------------ assembling the report

    private AuditReport assemble(String host, Organization org, List<Loaded> loaded, boolean activityRead,
                                 String activityNote, boolean limitedToProjects) {
        List<ProjectAudit> projects = new ArrayList<>();
        Map<String, List<Usage>> usages = new TreeMap<>(AuditReport::compareIds);
        Map<String, GitHubLink> firstLink = new LinkedHashMap<>();
        java.util.Set<String> postHogShared = new java.util.HashSet<>();
        List<Problem> problems = new ArrayList<>();
        List<HistoryEntry> history = new ArrayList<>();
        for (Loaded l : loaded) {
            Project p = l.project();
            history.addAll(l.activity());
            ProjectState state;
            if (!l.loadError().isEmpty()) {
                state = ProjectState.UNKNOWN;
                problems.add(new Problem(ProblemKind.NOT_LOADED, p.inText() + ": GitHub links could not be read",
                        l.loadError() + " Reload the audit to try again.", p.id(), p.name(), null, Fix.NONE, null,
                        false));
            } else {
                state = ProjectState.of(l.links());
            }
            projects.add(new ProjectAudit(p, l.links(), state, l.loadError()));
            for (GitHubLink k : l.links()) {
                if (k.state() == ProjectState.NO_INSTALLATION) {
                    problems.add(new Problem(ProblemKind.MISSING_INSTALLATION_ID,
                            p.inText() + ": GitHub integration without an installation",
                            "Its GitHub integration (id " + k.integrationId() + ") " + ProjectState.NO_INSTALLATION_REASON
                                    + ". Connect GitHub again for this project.",
                            p.id(), p.name(), null, Fix.OAUTH, null, false));
                    continue;
                }
                usages.computeIfAbsent(k.installationId(), id -> new ArrayList<>()).add(new Usage(p.id(), p.inText(),
                        k.integrationId(), k.status(), k.errors(), k.createdBy(), k.createdAt()));
                firstLink.putIfAbsent(k.installationId(), k);
                if (k.shared()) {
                    postHogShared.add(k.installationId());
                }
                if (k.state() == ProjectState.TOKEN_ERROR) {
                    problems.add(new Problem(ProblemKind.TOKEN_REFRESH_ERROR,
                            p.inText() + ": token refresh failed for " + k.accountName(),
                            ProjectState.TOKEN_ERROR_REASON + " (" + k.errors() + "). Re-linking "
                                    + "the same installation to this project fetches a fresh token and clears it.",
                            p.id(), p.name(), k.installationId(), Fix.RELINK, null, false));
                }
            }
        }
        List<InstallationAudit> installations = new ArrayList<>();
        for (Map.Entry<String, List<Usage>> e : usages.entrySet()) {
            GitHubLink first = firstLink.get(e.getKey());
            List<Usage> us = e.getValue().stream()
                    .sorted(Comparator.comparingLong(Usage::projectId).thenComparingLong(Usage::integrationId)).toList();
            LinkStatus worst = us.stream().map(Usage::status).reduce(LinkStatus.CONNECTED, ProjectState::worse);
            InstallationAudit inst = new InstallationAudit(e.getKey(), first.accountName(), first.accountType(),
                    worst, us, postHogShared.contains(e.getKey()));
            installations.add(inst);
            String names = us.stream().map(Usage::projectName).distinct().collect(Collectors.joining(", "));
            if (worst == LinkStatus.UNAVAILABLE) {
                problems.add(new Problem(ProblemKind.INSTALLATION_UNAVAILABLE,
                        "Installation " + inst.account() + " is unavailable on GitHub",
                        "The GitHub App was uninstalled or suspended on GitHub. Used by " + names
                                + ". Check it on GitHub, or connect GitHub again.",
                        us.get(0).projectId(), us.get(0).projectName(), inst.installationId(), Fix.OPEN_ON_GITHUB,
                        inst.gitHubUrl(), false));
            }
        }
        // "Not connected" is a state, not a problem (ProjectState): such projects show in the tiles and the
        // diagram's "Not connected" group, not in the problem list.
        String journalNote = "";
        if (journal != null) {
            // as sentences name them (the history's project, a failure's title): an environment with its project
            Map<Long, String> names = projects.stream().collect(Collectors.toMap(ProjectAudit::id,
                    a -> a.project().inText()));
            try {
                ActionJournal.ReadResult read = journal.readAll();
                journalNote = read.report();
                Instant since = clock.instant().minus(RECENT);
                // This connection's entries: the same host and organization (a project deleted since keeps its own).
                List<JournalEntry> ofOrganization = read.entries().stream()
                        .filter(j -> sameHost(host, j.host()) && belongs(org, names.keySet(), j)).toList();
                // A credential limited to some projects audits those only: the history and problems are theirs too.
                // The window and hoglink audit show the same report, and say what was left out.
                List<JournalEntry> ours = !limitedToProjects ? ofOrganization : ofOrganization.stream()
                        .filter(j -> j.projectId() == null || names.containsKey(j.projectId())).toList();
                String leftOut = leftOutNote(ofOrganization.size() - ours.size());
                journalNote = journalNote.isEmpty() ? leftOut : leftOut.isEmpty() ? journalNote : journalNote + " " + leftOut;
                // A failure is cleared by a later success on the same project (ProjectState.failureStands): a change,
                // an unlink that found the row already removed, or a link found made by someone else meanwhile.
                Map<Long, Instant> lastSuccess = new java.util.HashMap<>();
                for (JournalEntry j : ours) {
                    if (j.leftProjectAsMeant() && j.projectId() != null && j.time() != null) {
                        lastSuccess.merge(j.projectId(), j.time(), (a, b) -> a.isAfter(b) ? a : b);
                    }
                }
                Map<Long, Loaded> byProject = loaded.stream().collect(Collectors.toMap(l -> l.project().id(), l -> l,
                        (a, b) -> a));
                long line = 0;
                for (JournalEntry j : ours) {
                    history.add(fromJournal(j, names, line++)); // the journal is written in the order things happened
                    // A cancelled OAuth link is the admin's choice, not a failure: the history keeps it, the
                    // problems do not (the project's GitHub rows say what came of it).
                    if (j.outcome().failed() && !j.cancelledByAdmin() && j.time() != null && !j.time().isBefore(since)
                            && ProjectState.failureStands(j.time(), j.projectId() == null ? null
                                    : lastSuccess.get(j.projectId()))
                            && !settledByALaterRead(j, byProject)) {
                        problems.add(journalProblem(j, names, projects));
                    }
                }
            } catch (IOException e) {
                LOGGER.warn("Audit: the journal could not be read", e);
                journalNote = "This computer's action journal could not be read.";
            }
        }
        projects.sort(Comparator.comparingLong(ProjectAudit::id));
        problems.sort(Problem.ORDER);
        history.sort(HistoryEntry.ORDER);
        int connected = (int) projects.stream().filter(p -> p.state() == ProjectState.CONNECTED).count();
        int notConnected = (int) projects.stream().filter(p -> p.state() == ProjectState.NOT_CONNECTED).count();
        int shared = (int) installations.stream().filter(InstallationAudit::shared).count();
        int sharedElsewhere = (int) installations.stream().filter(InstallationAudit::sharedElsewhere).count();
        Summary summary = new Summary(projects.size(), connected, notConnected, installations.size(), shared,
                problems.size(), sharedElsewhere);
        return new AuditReport(host, org, projects, installations, summary, problems, history, activityRead,
                activityNote, journalNote);
    }

    /** "2 entries of this computer's action journal are about projects this key cannot read; ...", or empty. */
    static String leftOutNote(int n) {
        return n == 0 ? "" : (n == 1 ? "1 entry" : n + " entries") + " of this computer's action journal "
                + (n == 1 ? "is" : "are") + " about projects this key cannot read; the history leaves "
                + (n == 1 ? "it" : "them") + " out.";
    }

    private static boolean sameHost(String a, String b) {
        return b != null && strip(a).equalsIgnoreCase(strip(b));
    }

    private static String strip(String s) {
        String t = s == null ? "" : s.strip();
        while (t.endsWith("/")) {
            t = t.substring(0, t.length() - 1);
        }
        return t;
    }

    private static boolean belongs(Organization org, Set<Long> projectIds, JournalEntry j) {
        if (j.organizationId() != null) {
            return j.organizationId().equals(org.id());
        }
        return j.projectId() != null && projectIds.contains(j.projectId());
    }

    /**
     * Whether this audit's read of the project, made after an unknown link or unlink, finds the project as the
     * action meant (using the installation, or no longer): what "check the project's current state" asks is then
     * done, and the history alone keeps the entry. A read from before it (the window's, reused) settles nothing.
     */
    private static boolean settledByALaterRead(JournalEntry j, Map<Long, Loaded> byProject) {
        if (j.outcome() != JournalEntry.Outcome.UNKNOWN || j.projectId() == null || j.installationId() == null
                || j.action() != JournalEntry.Action.LINK && j.action() != JournalEntry.Action.UNLINK) {
            return false;
        }
        Loaded l = byProject.get(j.projectId());
        if (l == null || !l.loadError().isEmpty() || l.readAt() == null || !l.readAt().isAfter(j.time())) {
            return false;
        }
        boolean uses = l.links().stream().anyMatch(g -> j.installationId().equals(g.installationId()));
        return j.action() == JournalEntry.Action.LINK ? uses : !uses;
    }

    private static HistoryEntry fromJournal(JournalEntry j, Map<Long, String> names, long line) {
        String detail = j.errorCode() == null ? AuditReport.nz(j.message())
                : j.errorCode() + (j.message() == null ? "" : ": " + j.message());
        String project = j.projectId() == null ? j.projectName() : names.getOrDefault(j.projectId(), j.projectName());
        return new HistoryEntry(j.time() == null ? Instant.EPOCH : j.time(), Source.JOURNAL, j.projectId(), project,
                j.installationId(), "this computer", j.action().wireName(), j.outcome().wireName(), detail, line);
    }

    private static Problem journalProblem(JournalEntry j, Map<Long, String> names, List<ProjectAudit> projects) {
        String project = j.projectId() == null ? null : names.getOrDefault(j.projectId(), j.projectName());
        // A link the audit finds made (a crash before its answer was written down, or someone else meanwhile) has
        // nothing left to link: offering Link would send it again.
        boolean linkedNow = j.projectId() != null && j.installationId() != null && projects.stream()
                .anyMatch(p -> p.id() == j.projectId()
                        && p.links().stream().anyMatch(l -> j.installationId().equals(l.installationId())));
        Fix fix = switch (j.action()) {
            case LINK -> j.projectId() != null && names.containsKey(j.projectId()) && !linkedNow ? Fix.LINK : Fix.NONE;
            case OAUTH_LAUNCH, OAUTH_COMPLETE -> j.projectId() != null && names.containsKey(j.projectId())
                    ? Fix.OAUTH : Fix.NONE;
            case UNLINK, DISMISS_INSTALL_REQUEST -> Fix.NONE;
        };
        String verb = switch (j.action()) {
            case LINK -> "Link";
            case UNLINK -> "Unlink";
            case OAUTH_LAUNCH -> "GitHub connection";
            case OAUTH_COMPLETE -> "GitHub connection";
            case DISMISS_INSTALL_REQUEST -> "Dismissing a GitHub install request";
        };
        String how = j.outcome() == JournalEntry.Outcome.UNKNOWN ? "ended without an answer" : "failed";
        String title = verb + (project == null ? "" : " for " + project) + " " + how;
        String detail = ((j.errorCode() == null ? "" : j.errorCode() + ": ") + AuditReport.nz(j.message())).strip();
        if (j.outcome() == JournalEntry.Outcome.UNKNOWN && !detail.contains(" Check the ")) {
            // a line Hoglink stopped before answering says what to check already (ActionJournal.noAnswerNote)
            detail += (detail.isEmpty() || detail.endsWith(".") ? "" : ".") + " " + ActionJournal.CHECK_THE_PROJECT;
        }
        return new Problem(ProblemKind.RECENT_FAILURE, title, detail.strip(), j.projectId(), project,
                j.installationId(), fix, null, true);
    }
}
