package dev.hoglink.service.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Project;
import dev.hoglink.service.CsvTable;
import dev.hoglink.service.TerminalSafeJson;
import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import dev.hoglink.service.audit.AuditReport.InstallationAudit;
import dev.hoglink.service.audit.AuditReport.Problem;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.service.audit.AuditReport.Usage;
import dev.hoglink.util.Redactor;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The audit as files for scripts: CSV ({@link CsvTable}: RFC 4180, formula cells neutralised) and JSON (two-space indent, LF). Output is stable: a fixed column and key order,
 * rows sorted, times as ISO-8601 UTC, and nothing that changes between two runs over the same data (no
 * generation time, no host address, no journal-derived problems, which depend on the clock).
 */
public final class AuditExport {

    /** What to write. */
    public enum Kind {
        INVENTORY, HISTORY
    }

    /** How to write it. */
    public enum Format {
        CSV, JSON;

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Format parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "json" -> JSON;
                default -> throw new IllegalArgumentException("unknown format '" + s + "' (use csv or json)");
            };
        }
    }

    public static final List<String> INVENTORY_COLUMNS = List.of("installation_id", "account", "account_type",
            "installation_status", "installation_projects", "project_id", "project_name", "project_state",
            "integration_id", "link_status", "errors", "linked_by", "linked_at", "installation_shared_elsewhere",
            "environment_of_project_id", "environment_of_project");
    public static final List<String> HISTORY_COLUMNS = List.of("time", "source", "project_id", "project_name",
            "installation_id", "user", "event", "outcome", "detail", "environment_of_project_id",
            "environment_of_project");

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private AuditExport() {
    }

    public static byte[] write(AuditReport report, Kind kind, Format format) {
        String text = switch (kind) {
            case INVENTORY -> format == Format.CSV ? inventoryCsv(report) : inventoryJson(report);
            case HISTORY -> format == Format.CSV ? historyCsv(report, report.history()) : historyJson(report, report.history());
        };
        return text.getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------ inventory

    /**
     * One row per project × GitHub link, by installation then project; then the projects without a usable link.
     * {@code installation_projects} counts the organization's projects using the installation (more than one:
     * shared in the organization); {@code installation_shared_elsewhere}, the last column so that readers by
     * position keep working, is {@code true} when only PostHog says another project uses it (the table's
     * "elsewhere", {@link InstallationAudit#sharedElsewhere()}). An environment ({@link Project#parentId()}) is
     * named as the window names it, by its own name in {@code project_name}, its project in
     * {@code environment_of_project_id} and {@code environment_of_project} (added last too; empty for a project).
     */
    public static String inventoryCsv(AuditReport r) {
        CsvTable out = new CsvTable(INVENTORY_COLUMNS);
        Names names = new Names(r);
        for (InstallationAudit i : r.installations()) {
            for (Usage u : i.usages()) {
                ProjectAudit p = names.audit(u.projectId());
                out.row(List.of(i.installationId(), nz(i.account()), i.accountType().label(), status(i.status()),
                        String.valueOf(i.projectCount()), String.valueOf(u.projectId()),
                        names.name(u.projectId(), u.projectName()), p == null ? "" : p.state().wireName(),
                        String.valueOf(u.integrationId()), status(u.status()), u.errors(), nz(u.linkedBy()),
                        time(u.linkedAt()), String.valueOf(i.sharedElsewhere()), names.parentIdCell(u.projectId()),
                        names.parentNameCell(u.projectId())));
            }
        }
        for (ProjectAudit p : r.projects()) {
            List<GitHubLink> orphans = p.links().stream()
                    .filter(k -> k.installationId() == null || k.installationId().isBlank()).toList();
            for (GitHubLink k : orphans) {
                out.row(List.of("", nz(k.accountName()), "", "", "", String.valueOf(p.id()), p.project().ownName(),
                        p.state().wireName(), String.valueOf(k.integrationId()), k.state().wireName(), k.errors(),
                        nz(k.createdBy()), time(k.createdAt()), "", names.parentIdCell(p.id()),
                        names.parentNameCell(p.id())));
            }
            if (p.links().isEmpty()) {
                out.row(List.of("", "", "", "", "", String.valueOf(p.id()), p.project().ownName(),
                        p.state().wireName(), "", "", p.loadError(), "", "", "", names.parentIdCell(p.id()),
                        names.parentNameCell(p.id())));
            }
        }
        return out.write();
    }

    public static String inventoryJson(AuditReport r) {
        Names names = new Names(r);
        ObjectNode root = MAPPER.createObjectNode();
        organization(root, r);
        ObjectNode s = root.putObject("summary");
        s.put("projects", r.summary().projects());
        s.put("connected", r.summary().connected());
        s.put("not_connected", r.summary().notConnected());
        s.put("installations", r.summary().installations());
        s.put("shared", r.summary().shared());
        s.put("shared_elsewhere", r.summary().sharedElsewhere());
        List<Problem> problems = exportedProblems(r);
        s.put("problems", problems.size());
        if (r.partial()) { // the counts above cover only the projects read
            s.put("partial", true);
            s.put("projects_not_read", r.projectsNotRead());
        }
        ArrayNode installations = root.putArray("installations");
        for (InstallationAudit i : r.installations()) {
            ObjectNode n = installations.addObject();
            n.put("installation_id", i.installationId());
            n.put("account", i.account());
            n.put("account_type", i.accountType().label());
            n.put("status", status(i.status()));
            n.put("shared", i.shared());
            n.put("shared_elsewhere", i.sharedElsewhere());
            n.put("github_url", i.gitHubUrl());
            ArrayNode projects = n.putArray("projects");
            for (Usage u : i.usages()) {
                ObjectNode pu = projects.addObject();
                pu.put("project_id", u.projectId());
                pu.put("project_name", names.name(u.projectId(), u.projectName()));
                names.putParent(pu, u.projectId());
                pu.put("integration_id", u.integrationId());
                pu.put("status", status(u.status()));
                pu.put("errors", u.errors());
                pu.put("linked_by", u.linkedBy());
                pu.put("linked_at", u.linkedAt() == null ? null : time(u.linkedAt()));
            }
        }
        ArrayNode projects = root.putArray("projects");
        for (ProjectAudit p : r.projects()) {
            ObjectNode n = projects.addObject();
            n.put("project_id", p.id());
            n.put("name", p.project().ownName());
            names.putParent(n, p.id());
            n.put("state", p.state().wireName());
            if (!p.loadError().isEmpty()) {
                n.put("load_error", p.loadError());
            }
            ArrayNode links = n.putArray("integrations");
            p.links().stream().sorted(Comparator.comparingLong(GitHubLink::integrationId)).forEach(k -> {
                ObjectNode l = links.addObject();
                l.put("integration_id", k.integrationId());
                l.put("installation_id", k.installationId());
                l.put("account", k.accountName());
                l.put("status", k.state().wireName()); // the model's rule: a row naming no installation says so
            });
        }
        ArrayNode ps = root.putArray("problems");
        for (Problem p : problems) {
            ObjectNode n = ps.addObject();
            n.put("kind", p.kind().wireName());
            n.put("title", p.title());
            n.put("detail", p.detail());
            n.put("project_id", p.projectId());
            n.put("installation_id", p.installationId());
            n.put("fix", p.fix().name().toLowerCase(Locale.ROOT));
            n.put("url", p.url());
        }
        return json(root);
    }

    /** The problems that come from PostHog's data: journal failures depend on when the audit runs. */
    public static List<Problem> exportedProblems(AuditReport r) {
        return r.problems().stream().filter(p -> !p.fromJournal()).toList();
    }

    /**
     * What the inventory export leaves out that the audit window counts among its problems: the recent failed
     * actions from this computer's journal. Said beside the file (stderr, the window's notice) so the two counts are
     * never read as disagreeing; empty when there are none.
     */
    public static String leftOutNote(AuditReport r) {
        long n = r.problems().stream().filter(Problem::fromJournal).count();
        return n == 0 ? "" : "the export leaves out " + (n == 1 ? "1 recent failed action" : n + " recent failed actions")
                + " from this computer's action journal, which the audit counts among its " + r.problems().size()
                + " problems: exports hold only what PostHog says, the same on every computer.";
    }

    // ------------------------------------------------------------------ history

    public static String historyCsv(List<HistoryEntry> entries) {
        return historyCsv(null, entries);
    }

    /**
     * The history as CSV. When the history misses part of itself (the activity log cut short, unreadable or
     * refused, or journal lines skipped) the first rows say so: source {@code note}, the reason in {@code detail},
     * the same words the window, stderr and the JSON export give, so a spreadsheet never passes for the whole log.
     */
    public static String historyCsv(AuditReport r, List<HistoryEntry> entries) {
        CsvTable out = new CsvTable(HISTORY_COLUMNS);
        if (r != null) {
            for (String note : new String[] {r.activityLogNote(), r.journalNote()}) {
                if (!note.isEmpty()) {
                    out.row(List.of("", "note", "", "", "", "", "", "", note, "", ""));
                }
            }
        }
        Names names = new Names(r);
        for (HistoryEntry h : sorted(entries)) {
            out.row(List.of(time(h.time()), h.source().wireName(), h.projectId() == null ? "" : h.projectId().toString(),
                    nz(names.name(h.projectId(), h.projectName())), nz(h.installationId()), h.user(), h.event(),
                    h.outcome(), h.detail(), names.parentIdCell(h.projectId()), names.parentNameCell(h.projectId())));
        }
        return out.write();
    }

    public static String historyJson(AuditReport r, List<HistoryEntry> entries) {
        ObjectNode root = MAPPER.createObjectNode();
        organization(root, r);
        root.put("activity_log_read", r.activityLogRead());
        if (!r.activityLogNote().isEmpty()) { // also for a log that was read: the plan's window, a log cut short
            root.put("activity_log_note", r.activityLogNote());
        }
        if (!r.journalNote().isEmpty()) {
            root.put("journal_note", r.journalNote()); // e.g. a line torn by a crash was skipped
        }
        ArrayNode list = root.putArray("entries");
        Names names = new Names(r);
        for (HistoryEntry h : sorted(entries)) {
            ObjectNode n = list.addObject();
            n.put("time", time(h.time()));
            n.put("source", h.source().wireName());
            n.put("project_id", h.projectId());
            n.put("project_name", names.name(h.projectId(), h.projectName()));
            names.putParent(n, h.projectId());
            n.put("installation_id", h.installationId());
            n.put("user", h.user());
            n.put("event", h.event());
            n.put("outcome", h.outcome());
            n.put("detail", h.detail());
        }
        return json(root);
    }

    private static List<HistoryEntry> sorted(List<HistoryEntry> entries) {
        List<HistoryEntry> copy = new ArrayList<>(entries);
        copy.sort(HistoryEntry.ORDER);
        return copy;
    }

    // ------------------------------------------------------------------ helpers

    /**
     * How the exports name a project of the report: by {@link Project#ownName()}, an environment's project in two
     * fields of their own ({@code environment_of_project_id}, {@code environment_of_project}), as the window names it
     * beside it or in a tip. A row of a project the report does not list (a journal line of a project deleted since)
     * keeps the name it was written with.
     */
    private static final class Names {
        private final Map<Long, ProjectAudit> projects = new HashMap<>();

        Names(AuditReport r) {
            if (r != null) {
                r.projects().forEach(p -> projects.putIfAbsent(p.id(), p));
            }
        }

        ProjectAudit audit(Long id) {
            return id == null ? null : projects.get(id);
        }

        String name(Long id, String written) {
            ProjectAudit p = audit(id);
            return p == null ? written : p.project().ownName();
        }

        private Project environment(Long id) {
            ProjectAudit p = audit(id);
            return p == null || p.project().parentId() == null ? null : p.project();
        }

        String parentIdCell(Long id) {
            Project e = environment(id);
            return e == null ? "" : e.parentId().toString();
        }

        String parentNameCell(Long id) {
            Project e = environment(id);
            return e == null ? "" : nz(e.parentName());
        }

        void putParent(ObjectNode n, Long id) {
            Project e = environment(id);
            n.put("environment_of_project_id", e == null ? null : e.parentId());
            n.put("environment_of_project", e == null ? null : e.parentName());
        }
    }

    private static void organization(ObjectNode root, AuditReport r) {
        ObjectNode o = root.putObject("organization");
        o.put("id", r.organization().id());
        o.put("name", r.organization().name());
    }

    static String status(LinkStatus s) {
        return switch (s) {
            case CONNECTED -> "connected";
            case UNAVAILABLE -> "unavailable";
            case TOKEN_ERROR -> "token_error";
        };
    }

    /** ISO-8601 UTC to the second, e.g. {@code 2026-05-02T10:01:00Z}; empty for null. */
    static String time(Instant t) {
        return t == null ? "" : t.truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static String json(ObjectNode root) {
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter()
                .withObjectIndenter(new DefaultIndenter("  ", "\n"))
                .withArrayIndenter(new DefaultIndenter("  ", "\n"));
        try {
            // Control characters are escaped by JSON itself; bidirectional and C1 controls are escaped too, so
            // the file is safe to print on a terminal, and an echoed key never reaches it.
            return Redactor.redact(MAPPER.writer(printer).with(TerminalSafeJson.ESCAPES).writeValueAsString(root)) + "\n";
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the audit as JSON", e);
        }
    }
}
