package dev.hoglink.ui.link;

import dev.hoglink.service.link.ApplyOutcome;
import dev.hoglink.service.link.LinkPlan;
import dev.hoglink.service.link.LinkResult;
import dev.hoglink.service.link.PlanOutcome;
import dev.hoglink.service.link.PlanResult;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;

/**
 * One project of a bulk link plan in the dialog: the prediction and its reason, whether it is to be sent (a
 * tick the admin may clear; only a project predicted to link can be ticked), and once applied, what happened.
 * Changed on the UI thread.
 */
public final class PlanItem {

    private final LinkPlan.Row row;
    private final BooleanProperty apply = new SimpleBooleanProperty();
    private final ReadOnlyObjectWrapper<ApplyOutcome> outcome = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper detail = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private String code;
    private LinkResult.Kind kind;
    private PlanResult.Source source;
    /** The GitHub row the plan's link made or updated, once it ended linked and that row is known; else null. */
    private Long integrationId;

    PlanItem(LinkPlan.Row row) {
        this.row = row;
        apply.set(row.apply() && tickable());
        detail.set(row.reason());
        apply.addListener((o, a, b) -> {
            if (b && !tickable()) {
                apply.set(false);
            }
        });
    }

    public long projectId() {
        return row.projectId();
    }

    public String name() {
        return row.projectName();
    }

    /** "Stark Web Staging (id 402, environment of project Stark Web (id 401))", or "Stark Web (id 401)". */
    public String label() {
        String of = row.project(null).ofProject();
        return row.projectName() + " (id " + row.projectId() + (of.isEmpty() ? "" : ", " + of) + ")";
    }

    public PlanOutcome predicted() {
        return row.predicted();
    }

    public String reason() {
        return row.reason();
    }

    /** How PostHog answered this project's request in the last run, or null when none was sent. */
    LinkResult.Kind kind() {
        return kind;
    }

    /** Only a project predicted to link may be sent. */
    public boolean tickable() {
        return row.predicted() == PlanOutcome.WILL_LINK;
    }

    public BooleanProperty applyProperty() {
        return apply;
    }

    public boolean apply() {
        return apply.get();
    }

    public ReadOnlyObjectProperty<ApplyOutcome> outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }

    public ApplyOutcome outcome() {
        return outcome.get();
    }

    /** Refused by PostHog only because the project the link was taken from no longer uses the installation. */
    public boolean sourceGone() {
        return outcome.get() != null && PlanResult.sourceGone(outcome.get(), kind);
    }

    /** Left to send although its request was sent and refused ({@link PlanResult#refusedButLeft}). */
    public boolean sentAndLeft() {
        return outcome.get() != null && PlanResult.refusedButLeft(outcome.get(), kind);
    }

    /** Ended, and a resume sends it again ({@link PlanResult#leftToSend}). */
    public boolean leftToSend() {
        return outcome.get() != null && PlanResult.leftToSend(outcome.get(), kind);
    }

    /** The project the link was taken from when it was last sent, or null when it was not sent. */
    PlanResult.Source source() {
        return source;
    }

    /**
     * The GitHub row the plan's link made or updated, for a project that ended linked, as PostHog answered the link
     * (or an earlier run's, noted in the plan journal); null when not linked or not known.
     */
    Long integrationId() {
        return integrationId;
    }

    /** The prediction's reason before the run; what happened after. */
    public ReadOnlyStringProperty detailProperty() {
        return detail.getReadOnlyProperty();
    }

    public String detail() {
        return detail.get();
    }

    public ReadOnlyBooleanProperty runningProperty() {
        return running.getReadOnlyProperty();
    }

    /** The row as the plan holds it, with the tick as it is now. */
    LinkPlan.Row row() {
        return row.withApply(apply.get());
    }

    void running(boolean value) {
        running.set(value);
    }

    void ended(PlanResult.Row r) {
        ended(r, null);
    }

    /** As {@link #ended(PlanResult.Row)}; {@code rowId} is the GitHub row the plan's link made, when it linked. */
    void ended(PlanResult.Row r, Long rowId) {
        running.set(false);
        integrationId = r.outcome() == ApplyOutcome.LINKED ? rowId : null;
        code = r.code();
        kind = r.kind();
        if (r.source() != null) { // a row this run sent nothing for keeps the source it was last sent from
            source = r.source();
        }
        outcome.set(r.outcome());
        detail.set(r.detail());
    }

    /** The row for the result file: what happened, or, not sent, as the command line says it (PlanService.notInPlan). */
    PlanResult.Row result() {
        ApplyOutcome o = outcome.get();
        return o == null ? dev.hoglink.service.link.PlanService.notInPlan(row.withApply(false))
                : new PlanResult.Row(projectId(), name(), predicted(), o, detail(), code, kind, source);
    }
}
