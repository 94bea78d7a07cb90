package dev.hoglink.service.link;

import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What applying a plan did, one row per project of the plan (sent or not), in the plan's order.
 *
 * @param stopped whether the run was stopped before its end
 * @param note    what the re-check before the run found (the installation gone, projects changed), or empty
 */
public record PlanResult(LinkPlan plan, List<Row> rows, Instant startedAt, Instant finishedAt, boolean stopped,
                         String note) {

    /** One project: what was predicted, what happened, and PostHog's words or Hoglink's reason. */
    public record Row(long projectId, String projectName, PlanOutcome predicted, ApplyOutcome outcome, String detail,
                      String code) {
        public Row {
            Objects.requireNonNull(outcome, "outcome");
            detail = detail == null ? "" : detail;
        }
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

    /** "Linked 12 · Refused by PostHog 2 · Not in the plan 5": the counts, as the result leads with them. */
    public String countsText() {
        StringBuilder sb = new StringBuilder();
        counts().forEach((k, v) -> sb.append(sb.length() == 0 ? "" : " · ").append(k.label()).append(' ').append(v));
        return sb.toString();
    }

    /** Whether every planned row linked (or was found already linked) and the run was not stopped. */
    public boolean complete() {
        return !stopped && rows.stream().allMatch(r -> r.outcome() == ApplyOutcome.LINKED
                || r.outcome() == ApplyOutcome.ALREADY_LINKED || r.outcome() == ApplyOutcome.NOT_IN_PLAN);
    }
}
