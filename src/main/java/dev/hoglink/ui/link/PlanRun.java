package dev.hoglink.ui.link;

import dev.hoglink.model.InstallationOption;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.link.ApplyOutcome;
import dev.hoglink.service.link.LinkPlan;
import dev.hoglink.service.link.PlanResult;
import dev.hoglink.service.link.PlanService;
import dev.hoglink.ui.common.TaskRunner;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * Sends a plan's ticked projects one after another (one request in flight, each through the client's rate
 * limiter), with "N of M" and the current project; Stop, PostHog asking to wait, or a server error ends it between projects
 * and the rest are marked not sent. Lives on the UI thread; the requests run on the {@link TaskRunner}.
 */
final class PlanRun {

    private final TaskRunner runner;
    private final PlanService plans;
    private final Deque<PlanItem> queue = new ArrayDeque<>();
    private final ReadOnlyStringWrapper progress = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<PlanItem> current = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper stopRequested = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper done = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper total = new ReadOnlyIntegerWrapper();
    private LinkPlan plan;
    private InstallationOption option;
    private boolean recheck;
    private String held;
    private Runnable onEnd = () -> { };

    PlanRun(TaskRunner runner, PlanService plans) {
        this.runner = runner;
        this.plans = plans;
    }

    /**
     * Sends {@code batch} (rows of {@code plan}) in order, then calls {@code end}; with {@code stopped} (Stop was asked
     * before the first request) none is sent and each reads stopped.
     */
    void start(LinkPlan plan, List<PlanItem> batch, InstallationOption option, boolean recheck, Runnable end,
               boolean stopped) {
        this.plan = plan;
        this.option = option;
        this.recheck = recheck;
        this.onEnd = end;
        held = null;
        stopRequested.set(stopped);
        queue.clear();
        queue.addAll(batch);
        done.set(0);
        total.set(batch.size());
        next();
    }

    void stop() {
        stopRequested.set(true);
    }

    InstallationOption option() {
        return option;
    }

    private void next() {
        PlanItem item = queue.poll();
        if (item == null) {
            end();
            return;
        }
        if (stopRequested.get() || held != null) {
            // Held after a failure reads "Not sent" (the detail says why); only the admin's Stop reads "Stopped".
            for (PlanItem i = item; i != null; i = queue.poll()) {
                i.ended(held != null ? PlanService.held(i.row(), held) : PlanService.stopped(i.row()));
            }
            end();
            return;
        }
        item.running(true);
        current.set(item);
        progress.set("Linking " + (done.get() + 1) + " of " + total.get() + ": " + item.name() + " (id "
                + item.projectId() + ")");
        LinkPlan.Row row = item.row();
        LinkPlan p = plan;
        InstallationOption o = option;
        boolean check = recheck;
        runner.run(() -> plans.apply(p, row, o, check))
                .onSuccess(a -> {
                    item.ended(a.row(), a.integrationId());
                    held = a.hold();
                })
                .onFailure(e -> item.ended(new PlanResult.Row(item.projectId(), item.name(), item.predicted(),
                        ApplyOutcome.ERROR, ServiceException.of(e).userMessage(), null)))
                .onFinished(() -> {
                    done.set(done.get() + 1);
                    next();
                });
    }

    private void end() {
        current.set(null);
        progress.set("");
        onEnd.run();
    }

    ReadOnlyStringProperty progressProperty() {
        return progress.getReadOnlyProperty();
    }

    ReadOnlyObjectProperty<PlanItem> currentProperty() {
        return current.getReadOnlyProperty();
    }

    ReadOnlyBooleanProperty stopRequestedProperty() {
        return stopRequested.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty doneProperty() {
        return done.getReadOnlyProperty();
    }

    ReadOnlyIntegerProperty totalProperty() {
        return total.getReadOnlyProperty();
    }
}
