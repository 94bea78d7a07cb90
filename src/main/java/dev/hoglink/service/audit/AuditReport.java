package dev.hoglink.service.audit;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ProjectState;
import dev.hoglink.model.Sharing;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One organization's audit: every project and its GitHub links, the installations they use, what is wrong
 * and the integration history. Built by {@link AuditService}; immutable; every list is sorted so that two
 * audits of the same organization compare equal and export identically.
 *
 * @param host              the PostHog address the audit was read from
 * @param projects          by project id
 * @param installations     by installation id (numeric order)
 * @param problems          by kind, then installation, then project
 * @param history           oldest first
 * @param activityLogRead   whether PostHog's activity log was read for every project; false when it was not asked
 *                          for, PostHog refused it (the plan, a missing scope) or a project's read failed. A log read
 *                          under the plan's window or cut short is read: its note says what it leaves out
 * @param activityLogNote   empty when the history holds PostHog's whole activity log; else why it may not: not read
 *                          (e.g. the key lacks activity_log:read; the history then holds this computer's journal
 *                          only), unreadable or cut short for some projects, or older rows hidden by the plan's
 *                          audit-log window (docs/api-notes.md NF8)
 * @param journalNote       empty, or the journal's damaged-lines report
 * @param fromEarlierReads  how many projects' links came from the connection's store of reads (read less than
 *                          15 minutes before by the window or an earlier audit) instead of being asked again
 * @param readsResumeAt     when PostHog's throttle refused reads: when it allows requests again; else null
 */
public record AuditReport(String host, Organization organization, List<ProjectAudit> projects,
                          List<InstallationAudit> installations, Summary summary, List<Problem> problems,
                          List<HistoryEntry> history, boolean activityLogRead, String activityLogNote,
                          String journalNote, int fromEarlierReads, Instant readsResumeAt) {

    public AuditReport(String host, Organization organization, List<ProjectAudit> projects,
                       List<InstallationAudit> installations, Summary summary, List<Problem> problems,
                       List<HistoryEntry> history, boolean activityLogRead, String activityLogNote,
                       String journalNote) {
        this(host, organization, projects, installations, summary, problems, history, activityLogRead,
                activityLogNote, journalNote, 0, null);
    }

    /** The same report, saying how many reads it took from the store and when throttled reads may go again. */
    public AuditReport withReads(int fromStore, Instant resumeAt) {
        return new AuditReport(host, organization, projects, installations, summary, problems, history,
                activityLogRead, activityLogNote, journalNote, fromStore, resumeAt);
    }

    /** Projects whose links could not be read: the counts cover the others only. */
    public int projectsNotRead() {
        return (int) projects.stream().filter(p -> !p.loadError().isEmpty()).count();
    }

    /** Whether some projects could not be read, so every count covers only the projects read. */
    public boolean partial() {
        return projectsNotRead() > 0;
    }

    public AuditReport {
        Objects.requireNonNull(organization, "organization");
        projects = List.copyOf(projects);
        installations = List.copyOf(installations);
        problems = List.copyOf(problems);
        history = List.copyOf(history);
        activityLogNote = activityLogNote == null ? "" : activityLogNote;
        journalNote = journalNote == null ? "" : journalNote;
    }

    /**
     * A project and its GitHub links (oldest first).
     *
     * @param state     by the model's one rule ({@link ProjectState#of(List)}), or UNKNOWN when unread
     * @param loadError empty, or why the links could not be read (state UNKNOWN)
     */
    public record ProjectAudit(Project project, List<GitHubLink> links, ProjectState state, String loadError) {
        public ProjectAudit {
            links = List.copyOf(links);
            loadError = loadError == null ? "" : loadError;
        }

        public long id() {
            return project.id();
        }

        public String name() {
            return project.name();
        }
    }

    /**
     * One project's use of an installation: its integration row, who linked it and when. {@code projectName} is as
     * a sentence names it ({@link Project#inText()}); the exports name it from the project itself.
     */
    public record Usage(long projectId, String projectName, long integrationId, LinkStatus status, String errors,
                        String linkedBy, Instant linkedAt) {
        public Usage {
            errors = errors == null ? "" : errors;
        }
    }

    /**
     * A GitHub App installation as the organization's projects see it.
     *
     * @param status        the worst status among its usages (unavailable, then token error, then connected)
     * @param usages        by project id
     * @param postHogShared PostHog's installation_shared on any of its usages: another project row, of any
     *                      organization, uses the installation (docs/api-notes.md NH35)
     */
    public record InstallationAudit(String installationId, String account, AccountType accountType, LinkStatus status,
                                    List<Usage> usages, boolean postHogShared) {
        public InstallationAudit {
            usages = List.copyOf(usages);
        }

        public InstallationAudit(String installationId, String account, AccountType accountType, LinkStatus status,
                                 List<Usage> usages) {
            this(installationId, account, accountType, status, usages, false);
        }

        /** More than one project of this organization uses it (the exports' {@code shared}). */
        public boolean shared() {
            return usages.stream().map(Usage::projectId).distinct().count() > 1;
        }

        /**
         * Whether it is shared, by the rule the projects table and the detail pane follow: seen from one of its
         * projects, the others of this organization, and PostHog's flag.
         */
        public Sharing sharing() {
            return new Sharing(projectCount() - 1, postHogShared);
        }

        /**
         * Only PostHog says another project uses it: one project of this organization does, and the other user is
         * a project of another organization or one the audit could not see (the table's "elsewhere"; the
         * exports' {@code shared_elsewhere}).
         */
        public boolean sharedElsewhere() {
            return sharing().elsewhere();
        }

        public int projectCount() {
            return (int) usages.stream().map(Usage::projectId).distinct().count();
        }

        /** Where an admin manages it on GitHub. */
        public String gitHubUrl() {
            return AuditReport.gitHubUrl(account, accountType, installationId);
        }
    }

    /**
     * The tiles: counts over the whole organization.
     *
     * @param shared          installations used by more than one project of this organization
     * @param sharedElsewhere installations one project of this organization uses and PostHog says another project,
     *                        of another organization or one not read, uses too ({@link InstallationAudit#sharedElsewhere()})
     */
    public record Summary(int projects, int connected, int notConnected, int installations, int shared, int problems,
                          int sharedElsewhere) {
        public Summary(int projects, int connected, int notConnected, int installations, int shared, int problems) {
            this(projects, connected, notConnected, installations, shared, problems, 0);
        }
    }

    /** What fixes a problem in one click. */
    public enum Fix {
        /** Link an installation to the project (the link dialog on its row). */
        LINK,
        /** Link the same installation to the same project again (PostHog refreshes its token), one confirmed step. */
        RELINK,
        /** Install or re-authorize the GitHub App for the project (the OAuth wizard). */
        OAUTH,
        /** Open the installation's settings on GitHub. */
        OPEN_ON_GITHUB,
        NONE
    }

    /** What kind of problem. */
    public enum ProblemKind {
        INSTALLATION_UNAVAILABLE, TOKEN_REFRESH_ERROR, MISSING_INSTALLATION_ID, RECENT_FAILURE, NOT_LOADED;

        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The state the problem puts its project in (its word and colour), or null for a failed action. */
        public ProjectState state() {
            return switch (this) {
                case INSTALLATION_UNAVAILABLE -> ProjectState.UNAVAILABLE;
                case TOKEN_REFRESH_ERROR -> ProjectState.TOKEN_ERROR;
                case MISSING_INSTALLATION_ID -> ProjectState.NO_INSTALLATION;
                case NOT_LOADED -> ProjectState.UNKNOWN;
                case RECENT_FAILURE -> null;
            };
        }
    }

    /**
     * One thing an admin should look at.
     *
     * @param projectId      the project the fix applies to, or null
     * @param installationId the installation concerned, or null
     * @param url            for OPEN_ON_GITHUB, the installation's settings page; else null
     * @param fromJournal    true when it comes from this computer's journal (not from PostHog)
     */
    public record Problem(ProblemKind kind, String title, String detail, Long projectId, String projectName,
                          String installationId, Fix fix, String url, boolean fromJournal) {
        public static final Comparator<Problem> ORDER = Comparator.comparing(Problem::kind)
                .thenComparing(p -> p.installationId() == null ? "" : p.installationId(), AuditReport::compareIds)
                .thenComparing(p -> p.projectId() == null ? Long.MIN_VALUE : p.projectId())
                .thenComparing(Problem::title);
    }

    /** Where a history row comes from. */
    public enum Source {
        POSTHOG, JOURNAL;

        public String wireName() {
            return switch (this) {
                case POSTHOG -> "posthog";
                case JOURNAL -> "journal";
            };
        }
    }

    /**
     * One line of history.
     *
     * @param event    PostHog's GitHub audit event (e.g. link_completed) or the journal's action
     * @param outcome  the journal's outcome (ok, failed, unknown, not_sent, already_removed:
     *                 {@code JournalEntry.Outcome}'s wire names); empty for PostHog rows
     * @param sequence the line's place in its own source, oldest first: in the project's activity log as PostHog
     *                 ordered it ({@code -created_at, -id}), or in this computer's journal as it was written; it
     *                 orders two lines of one source and project that carry the same instant
     */
    public record HistoryEntry(Instant time, Source source, Long projectId, String projectName, String installationId,
                               String user, String event, String outcome, String detail, long sequence) {
        /**
         * Oldest first, by the full-precision time (PostHog's {@code created_at} has microseconds, docs/api-notes.md
         * NK1). Lines of one instant never show an effect before its cause: a step that starts a sequence comes
         * before the steps it leads to ({@link #step}), then each source keeps its own order for a project
         * ({@link #sequence}); the other fields only make the order total.
         */
        public static final Comparator<HistoryEntry> ORDER = Comparator.comparing(HistoryEntry::time)
                .thenComparingInt(HistoryEntry::step)
                .thenComparing(HistoryEntry::source)
                .thenComparing(h -> h.projectId() == null ? Long.MIN_VALUE : h.projectId())
                .thenComparingLong(HistoryEntry::sequence)
                .thenComparing(h -> nz(h.installationId()))
                .thenComparing(h -> nz(h.event()))
                .thenComparing(h -> nz(h.detail()));

        /**
         * Where an event stands in the sequence it belongs to (docs/api-notes.md N6 and NK1): a discovery before the
         * link that names it, {@code link_started} before how the link ended, {@code disconnect_started} before
         * the uninstall step, the removed personal links and {@code deleted}; this computer's OAuth launch before
         * its completion. Every other event stands in the middle.
         */
        static final Map<String, Integer> STEPS = Map.of(
                "discovery_completed", 0,
                "link_started", 1,
                "disconnect_started", 1,
                "oauth_launch", 1,
                "credential_deleted", 3,
                "deleted", 4);

        public HistoryEntry {
            Objects.requireNonNull(time, "time");
            Objects.requireNonNull(source, "source");
            user = nz(user);
            event = nz(event);
            outcome = nz(outcome);
            detail = nz(detail);
        }

        /** A line whose place in its source is not known (or does not matter). */
        public HistoryEntry(Instant time, Source source, Long projectId, String projectName, String installationId,
                            String user, String event, String outcome, String detail) {
            this(time, source, projectId, projectName, installationId, user, event, outcome, detail, 0);
        }

        int step() {
            return STEPS.getOrDefault(event, 2);
        }
    }

    /** GitHub's page for an installation: organizations and users keep them in different places. */
    public static String gitHubUrl(String account, AccountType type, String installationId) {
        if (installationId == null || !installationId.chars().allMatch(Character::isDigit) || installationId.isEmpty()) {
            return null;
        }
        if (type == AccountType.ORGANIZATION && account != null && account.matches("[A-Za-z0-9-]+")) {
            return "https://github.com/organizations/" + account + "/settings/installations/" + installationId;
        }
        return "https://github.com/settings/installations/" + installationId;
    }

    /** Installation ids are digits: shorter first, then by text, so 9 sorts before 10. */
    public static int compareIds(String a, String b) {
        int byLength = Integer.compare(a.length(), b.length());
        return byLength != 0 ? byLength : a.compareTo(b);
    }

    static String nz(String s) {
        return s == null ? "" : s;
    }
}
