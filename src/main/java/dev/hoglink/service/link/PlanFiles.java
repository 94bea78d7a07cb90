package dev.hoglink.service.link;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import dev.hoglink.model.AccountType;
import dev.hoglink.service.CsvTable;
import dev.hoglink.service.TerminalSafeJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Plans and results as files: JSON (everything, for {@code hoglink link --apply} and the plan journal) and
 * CSV (one row per project, every cell through {@link CsvTable}, so formulas are neutralised; the plan's
 * CSV repeats the host, organization and installation on each row so it can be applied too). A result names the
 * source project each row was sent from; its JSON header names the source the last run sent from
 * ({@code installation}) and every source the rows were sent from ({@code sent_from}). Reading
 * accepts both; a file that is neither says so in one sentence.
 */
public final class PlanFiles {

    /** Which of the two. */
    public enum Format {
        CSV, JSON;

        public static Format parse(String s) {
            return switch (s.toLowerCase(Locale.ROOT)) {
                case "csv" -> CSV;
                case "json" -> JSON;
                default -> throw new IllegalArgumentException("--format is csv or json, not '" + s + "'");
            };
        }
    }

    static final String PLAN_FORMAT = "hoglink-link-plan";
    static final String RESULT_FORMAT = "hoglink-link-result";
    /** The columns a plan's CSV must have: those of every version, so a plan written before still reads. */
    static final List<String> PLAN_REQUIRED_COLUMNS = List.of("plan_id", "host", "organization_id", "organization",
            "installation_id", "account", "account_type", "source_project_id", "source_project", "project_id",
            "project", "predicted", "reason", "apply");
    /** An environment's project, added last (readers by position keep working); absent from older plans. */
    static final List<String> ENVIRONMENT_COLUMNS = List.of("environment_of_project_id", "environment_of_project");
    static final List<String> PLAN_COLUMNS = concat(PLAN_REQUIRED_COLUMNS, ENVIRONMENT_COLUMNS);
    static final List<String> RESULT_COLUMNS = concat(List.of("project_id", "project", "predicted", "result", "detail",
            "code", "kind", "source_project_id", "source_project"), ENVIRONMENT_COLUMNS);

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private PlanFiles() {
    }

    public static byte[] write(LinkPlan plan, Format format) {
        return format == Format.JSON ? json(plan) : csv(plan);
    }

    public static byte[] write(PlanResult result, Format format) {
        return format == Format.JSON ? json(result) : csv(result);
    }

    // ---- plan ---------------------------------------------------------------------------------------------

    static byte[] json(LinkPlan p) {
        ObjectNode n = JSON.createObjectNode();
        n.put("format", PLAN_FORMAT).put("version", 1).put("id", p.id())
                .put("created_at", p.createdAt() == null ? null : p.createdAt().toString()).put("host", p.host());
        n.putObject("organization").put("id", p.organizationId()).put("name", p.organizationName());
        installation(n.putObject("installation"), p.installation());
        ObjectNode counts = n.putObject("counts");
        p.counts().forEach((k, v) -> counts.put(k.wireName(), v));
        ArrayNode rows = n.putArray("projects");
        for (LinkPlan.Row r : p.rows()) {
            rows.addObject().put("project_id", r.projectId()).put("project", r.projectName())
                    .put("environment_of_project_id", r.environmentOfProjectId())
                    .put("environment_of_project", r.environmentOfProject())
                    .put("predicted", r.predicted().wireName()).put("reason", r.reason()).put("apply", r.apply());
        }
        return bytes(n);
    }

    private static void installation(ObjectNode o, LinkPlan.Installation i) {
        o.put("installation_id", i.installationId()).put("account", i.account())
                .put("account_type", i.accountType().label()) // as the audit export and the dialogs write it
                .put("source_project_id", i.sourceProjectId()).put("source_project", i.sourceProjectName());
    }

    static byte[] csv(LinkPlan p) {
        CsvTable t = new CsvTable(PLAN_COLUMNS);
        LinkPlan.Installation i = p.installation();
        for (LinkPlan.Row r : p.rows()) {
            t.row(java.util.Arrays.asList(p.id(), p.host(), p.organizationId(), p.organizationName(),
                    i.installationId(), i.account(), i.accountType().label(),
                    i.sourceProjectId() == null ? "" : i.sourceProjectId().toString(), i.sourceProjectName(),
                    Long.toString(r.projectId()), r.projectName(), r.predicted().wireName(), r.reason(),
                    r.apply() ? "yes" : "no", r.environmentOfProjectId() == null ? "" : r.environmentOfProjectId().toString(),
                    r.environmentOfProject()));
        }
        return t.write().getBytes(StandardCharsets.UTF_8);
    }

    /** Reads a plan written by {@link #write(LinkPlan, Format)} (JSON or CSV, told apart by the content). */
    public static LinkPlan readPlan(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8).strip();
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        try {
            return text.startsWith("{") ? planFromJson(JSON.readTree(text)) : planFromCsv(text);
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a Hoglink link plan (" + e.getMessage() + ")");
        }
    }

    private static LinkPlan planFromJson(JsonNode n) {
        if (!PLAN_FORMAT.equals(n.path("format").asText())) {
            throw new IllegalArgumentException("its format is not " + PLAN_FORMAT);
        }
        JsonNode i = n.path("installation");
        LinkPlan.Installation inst = new LinkPlan.Installation(need(i, "installation_id"), text(i, "account"),
                AccountType.fromGitHub(text(i, "account_type")), i.path("source_project_id").isIntegralNumber()
                ? i.path("source_project_id").asLong() : null, text(i, "source_project"));
        List<LinkPlan.Row> rows = new ArrayList<>();
        for (JsonNode r : n.path("projects")) {
            if (!r.path("project_id").isIntegralNumber()) {
                throw new IllegalArgumentException("a project without a numeric project_id");
            }
            rows.add(new LinkPlan.Row(r.path("project_id").asLong(), text(r, "project"),
                    PlanOutcome.fromWire(need(r, "predicted")), text(r, "reason"), r.path("apply").asBoolean(false),
                    r.path("environment_of_project_id").isIntegralNumber()
                            ? r.path("environment_of_project_id").asLong() : null, text(r, "environment_of_project")));
        }
        String created = text(n, "created_at");
        return new LinkPlan(need(n, "id"), created == null ? null : Instant.parse(created), need(n, "host"),
                text(n.path("organization"), "id"), text(n.path("organization"), "name"), inst, rows);
    }

    private static LinkPlan planFromCsv(String text) throws IOException {
        CsvMapper mapper = new CsvMapper();
        List<Map<String, String>> lines = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class)
                .with(CsvSchema.emptySchema().withHeader()).readValues(text)) {
            while (it.hasNext()) {
                lines.add(it.next());
            }
        }
        if (lines.isEmpty() || !lines.get(0).keySet().containsAll(PLAN_REQUIRED_COLUMNS)) {
            throw new IllegalArgumentException("the CSV lacks the plan's columns " + String.join(",", PLAN_REQUIRED_COLUMNS));
        }
        Map<String, String> first = lines.get(0);
        String source = plain(first.get("source_project_id"));
        LinkPlan.Installation inst = new LinkPlan.Installation(plain(first.get("installation_id")),
                plain(first.get("account")), AccountType.fromGitHub(plain(first.get("account_type"))),
                source.isEmpty() ? null : Long.valueOf(source), plain(first.get("source_project")));
        List<LinkPlan.Row> rows = new ArrayList<>();
        for (Map<String, String> l : lines) {
            if (!plain(l.get("installation_id")).equals(inst.installationId())
                    || !plain(l.get("plan_id")).equals(plain(first.get("plan_id")))) {
                throw new IllegalArgumentException("every row must name the same plan and installation");
            }
            String apply = plain(l.get("apply")).toLowerCase(Locale.ROOT);
            String parent = plain(l.get("environment_of_project_id")); // empty in a plan written before it
            rows.add(new LinkPlan.Row(Long.parseLong(plain(l.get("project_id"))), plain(l.get("project")),
                    PlanOutcome.fromWire(plain(l.get("predicted"))), plain(l.get("reason")),
                    apply.equals("yes") || apply.equals("true") || apply.equals("1"),
                    parent.isEmpty() ? null : Long.valueOf(parent), emptyToNull(plain(l.get("environment_of_project")))));
        }
        return new LinkPlan(plain(first.get("plan_id")), null, plain(first.get("host")),
                emptyToNull(plain(first.get("organization_id"))), plain(first.get("organization")), inst, rows);
    }

    /** A cell as the spreadsheet-safe writer left it, with the apostrophe before a formula character undone. */
    private static String plain(String cell) {
        String v = cell == null ? "" : cell.strip();
        return v.length() > 1 && v.charAt(0) == '\'' && "=+-@".indexOf(v.charAt(1)) >= 0 ? v.substring(1) : v;
    }

    // ---- result -------------------------------------------------------------------------------------------

    static byte[] json(PlanResult r) {
        LinkPlan p = r.plan();
        ObjectNode n = JSON.createObjectNode();
        n.put("format", RESULT_FORMAT).put("version", 1).put("plan_id", p.id()).put("host", p.host());
        n.putObject("organization").put("id", p.organizationId()).put("name", p.organizationName());
        installation(n.putObject("installation"), p.installation());
        ArrayNode sent = n.putArray("sent_from");
        r.sentFrom().forEach((source, count) -> sent.addObject().put("source_project_id", source.projectId())
                .put("source_project", source.projectName()).put("projects", count));
        n.put("started_at", r.startedAt() == null ? null : r.startedAt().toString())
                .put("finished_at", r.finishedAt() == null ? null : r.finishedAt().toString())
                .put("stopped", r.stopped()).put("note", r.note());
        ObjectNode counts = n.putObject("counts");
        r.counts().forEach((k, v) -> counts.put(k.wireName(), v));
        ArrayNode rows = n.putArray("projects");
        java.util.Map<Long, LinkPlan.Row> plannedRows = byProject(p);
        for (PlanResult.Row row : r.rows()) {
            LinkPlan.Row planned = plannedRows.get(row.projectId());
            rows.addObject().put("project_id", row.projectId()).put("project", row.projectName())
                    .put("environment_of_project_id", planned == null ? null : planned.environmentOfProjectId())
                    .put("environment_of_project", planned == null ? null : planned.environmentOfProject())
                    .put("predicted", row.predicted().wireName()).put("result", row.outcome().wireName())
                    .put("detail", row.detail()).put("code", row.code())
                    .put("kind", row.kind() == null ? null : row.kind().wireName())
                    .put("source_project_id", row.source() == null ? null : row.source().projectId())
                    .put("source_project", row.source() == null ? null : row.source().projectName());
        }
        return bytes(n);
    }

    static byte[] csv(PlanResult r) {
        CsvTable t = new CsvTable(RESULT_COLUMNS);
        java.util.Map<Long, LinkPlan.Row> plannedRows = byProject(r.plan());
        for (PlanResult.Row row : r.rows()) {
            LinkPlan.Row planned = plannedRows.get(row.projectId());
            t.row(java.util.Arrays.asList(Long.toString(row.projectId()), row.projectName(),
                    row.predicted().wireName(), row.outcome().wireName(), row.detail(), row.code(),
                    row.kind() == null ? null : row.kind().wireName(),
                    row.source() == null || row.source().projectId() == null ? null
                            : row.source().projectId().toString(),
                    row.source() == null ? null : row.source().projectName(),
                    planned == null || planned.environmentOfProjectId() == null ? null
                            : planned.environmentOfProjectId().toString(),
                    planned == null ? null : planned.environmentOfProject()));
        }
        return t.write().getBytes(StandardCharsets.UTF_8);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /**
     * The plan's rows by project id (the first of an id, as a file read twice keeps it): a result names an
     * environment's project as its plan did. One pass, so a result of 10,000 projects is not matched row by row.
     */
    private static java.util.Map<Long, LinkPlan.Row> byProject(LinkPlan plan) {
        java.util.Map<Long, LinkPlan.Row> rows = new java.util.HashMap<>();
        for (LinkPlan.Row x : plan.rows()) {
            rows.putIfAbsent(x.projectId(), x);
        }
        return rows;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    private static byte[] bytes(JsonNode n) {
        try {
            // Printed on a terminal by default: names from the server cannot reorder or hide what is shown.
            return (JSON.writer().with(TerminalSafeJson.ESCAPES).writeValueAsString(n) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() ? v.asText() : v.isNumber() ? v.asText() : null;
    }

    private static String need(JsonNode n, String field) {
        String v = text(n, field);
        if (v == null || v.isBlank()) {
            throw new IllegalArgumentException("'" + field + "' is missing");
        }
        return v;
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }
}
