package dev.hoglink.service.link;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What applying a plan did, one row per project of the plan (sent or not), in the plan's order.
 *
 * @param plan    the plan as it was sent: its installation names the source project the last run sent from
 *                ({@link LinkPlan#withSource}), which may not be the one it was made with; each row names its own
 * @param stopped whether the run was stopped before its end
 * @param note    what the re-check before the run found (the installation gone, projects changed), or empty
 */
public record PlanResult(LinkPlan plan, List<Row> rows, Instant startedAt, Instant finishedAt, boolean stopped,
                         String note) {

    /**
     * One project: what was predicted, what happened, and PostHog's words or Hoglink's reason.
     *
     * @param code   PostHog's error code, or null
     * @param kind   how PostHog's answer to this project's link ended ({@link LinkResult#kind()}): NOT_SENT when the
     *               request, or the read right before it, could not reach PostHog; null when this run sent nothing
     *               for it otherwise (held, stopped, changed, or linked by an earlier run)
     * @param source the project the link was taken from ({@code source_team_id}) when it was last sent, or null
     *               when it was not sent (or that is not known)
     */
    public record Row(long projectId, String projectName, PlanOutcome predicted, ApplyOutcome outcome, String detail,
                      String code, LinkResult.Kind kind, Source source) {
        public Row {
            Objects.requireNonNull(outcome, "outcome");
            detail = detail == null ? "" : detail;
        }

        /** A row this run sent nothing for. */
        public Row(long projectId, String projectName, PlanOutcome predicted, ApplyOutcome outcome, String detail,
                   String code) {
            this(projectId, projectName, predicted, outcome, detail, code, null, null);
        }

        /**
         * Not sent because the run held it after a failure met by an earlier project ({@link PlanService#held}):
         * nothing, not even a read, was sent for it, so it has no answer of its own.
         */
        public boolean held() {
            return outcome == ApplyOutcome.NOT_SENT && kind == null;
        }

        /** Refused by PostHog only because the project the link was taken from no longer uses the installation. */
        public boolean sourceGone() {
            return PlanResult.sourceGone(outcome, kind);
        }

        /** Whether resuming the plan sends this project again ({@link PlanResult#leftToSend}). */
        public boolean leftToSend() {
            return PlanResult.leftToSend(outcome, kind);
        }
    }

    /**
     * The project a link was taken from, as sent ({@code source_team_id}): {@code projectId} is null when none was
     * named (an installation no project of the organization uses).
     */
    public record Source(Long projectId, String projectName) {

        public static Source of(dev.hoglink.model.InstallationOption o) {
            return new Source(o.sourceProjectId(), o.sourceProjectName());
        }

        /** "Secret Lab (id 124)", "project id 124", or "no project" when none was named. */
        public String describe() {
            if (projectId == null) {
                return "no project";
            }
            return projectName == null || projectName.isBlank() ? "project id " + projectId
                    : projectName + " (id " + projectId + ")";
        }
    }

    /** Refused by PostHog only because the project the link was taken from no longer uses the installation. */
    public static boolean sourceGone(ApplyOutcome outcome, LinkResult.Kind kind) {
        return outcome == ApplyOutcome.REFUSED && kind == LinkResult.Kind.SOURCE_GONE;
    }

    /**
     * Sent, refused, and still left to send: refused only because the project the link was taken from lost the
     * installation, which a resume asks PostHog about again, or with 429 (PostHog's throttle, or GitHub rate-limiting
     * PostHog: asked to wait, nothing was linked; the projects held after it are told when to resume).
     */
    public static boolean refusedButLeft(ApplyOutcome outcome, LinkResult.Kind kind) {
        return sourceGone(outcome, kind) || outcome == ApplyOutcome.ERROR && kind == LinkResult.Kind.THROTTLED;
    }

    /**
     * Whether resuming a plan sends a project again, from how it ended: not sent (stopped or held, or its request
     * never left: PostHog unreachable), its answer lost (unknown), or {@link #refusedButLeft refused but left}. Every
     * other end is the project's own and stays.
     */
    public static boolean leftToSend(ApplyOutcome outcome, LinkResult.Kind kind) {
        return !outcome.settled() || refusedButLeft(outcome, kind);
    }

    public PlanResult {
        rows = List.copyOf(rows);
        note = note == null ? "" : note;
    }

    /** Rows per outcome, in {@link ApplyOutcome} order; only outcomes that occurred. */
    public Map<ApplyOutcome, Integer> counts() {
        Map<ApplyOutcome, Integer> m = new EnumMap<>(ApplyOutcome.class);
        rows.forEach(r -> m.merge(r.outcome(), 1, Integer::sum));
        return m;
    }

    /** How many of the plan's projects a resume sends again ({@link #leftToSend(ApplyOutcome, LinkResult.Kind)}). */
    public int leftToSendCount() {
        return (int) rows.stream().filter(Row::leftToSend).count();
    }

    /**
     * "11 of 16 not done": how many of the projects the plan was to send are left for a resume, as the bulk link
     * dialog and {@code hoglink link --apply} say it after a run; empty when none is.
     */
    public String notDoneText() {
        int left = leftToSendCount();
        return left == 0 ? "" : left + " of " + plan.planned().size() + " not done";
    }

    /**
     * "Search was refused because Secret Lab (id 124), the project the link was taken from, no longer used the
     * installation.", for this result's rows refused so ({@link Row#sourceGone}); empty when none was.
     */
    public String sourceGoneText() {
        List<Row> gone = rows.stream().filter(Row::sourceGone).toList();
        if (gone.isEmpty()) {
            return "";
        }
        java.util.Set<Source> from = new java.util.LinkedHashSet<>();
        gone.forEach(r -> from.add(r.source()));
        return sourceGoneText(gone.stream().map(Row::projectName).toList(),
                from.size() == 1 ? from.iterator().next() : null);
    }

    /**
     * "Search was refused because Secret Lab (id 124), the project the link was taken from, no longer used the
     * installation." {@code source} is null when not known or not the same for all.
     */
    public static String sourceGoneText(List<String> projects, Source source) {
        int n = projects.size();
        String names = n == 1 ? projects.get(0) : n <= 3 ? String.join(", ", projects.subList(0, n - 1)) + " and "
                + projects.get(n - 1) : String.join(", ", projects.subList(0, 3)) + " and " + (n - 3) + " more";
        return names + (n == 1 ? " was" : " were") + " refused because " + (source == null || source.projectId() == null
                ? "the project the link was taken from" : source.describe() + ", the project the link was taken from,")
                + " no longer used the installation.";
    }

    /**
     * "Search (id 109) and Billing (id 110) were not sent: This API key is read-only: …": the reason the projects held
     * after a failure ({@link Row#held}) were not sent, said once for all of them, as the bulk link dialog and
     * {@code hoglink link --apply} say it after a run; empty when none was held, or when they were held for different
     * reasons (each row then says its own).
     */
    public String heldText() {
        List<Row> held = rows.stream().filter(Row::held).toList();
        java.util.Set<String> why = new java.util.LinkedHashSet<>();
        held.forEach(r -> why.add(r.detail()));
        if (held.isEmpty() || why.size() != 1) {
            return "";
        }
        String reason = why.iterator().next();
        reason = reason.startsWith(NOT_SENT) ? reason.substring(NOT_SENT.length()) : reason;
        List<String> names = held.stream().map(r -> new Source(r.projectId(), r.projectName()).describe()).toList();
        int n = names.size();
        String who = n == 1 ? names.get(0) : n <= 3 ? String.join(", ", names.subList(0, n - 1)) + " and "
                + names.get(n - 1) : String.join(", ", names.subList(0, 2)) + " and " + (n - 2) + " more projects";
        return who + (n == 1 ? " was" : " were") + " not sent: " + reason;
    }

    private static final String NOT_SENT = "Not sent: ";

    /**
     * "Linked: 12 · Refused by PostHog: 2 · Not in the plan: 5": the counts, as the result leads with them, in the
     * plan's punctuation ({@link LinkPlan#countsLine(Map)}).
     */
    public String countsText() {
        Map<String, Integer> labelled = new java.util.LinkedHashMap<>();
        counts().forEach((k, v) -> labelled.put(k.label(), v));
        return LinkPlan.countsLine(labelled);
    }

    /**
     * The source projects the rows were sent from, each with how many rows it was the source of, in the order of
     * the rows; empty when nothing was sent.
     */
    public Map<Source, Integer> sentFrom() {
        Map<Source, Integer> m = new java.util.LinkedHashMap<>();
        rows.stream().filter(r -> r.source() != null).forEach(r -> m.merge(r.source(), 1, Integer::sum));
        return m;
    }

    /** Whether every planned row linked (or was found already linked) and the run was not stopped. */
    public boolean complete() {
        return !stopped && rows.stream().allMatch(r -> r.outcome() == ApplyOutcome.LINKED
                || r.outcome() == ApplyOutcome.ALREADY_LINKED || r.outcome() == ApplyOutcome.NOT_IN_PLAN);
    }
}
