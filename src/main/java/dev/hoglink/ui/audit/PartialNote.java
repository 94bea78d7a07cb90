package dev.hoglink.ui.audit;

import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.util.Waits;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * What the audit window says above a report built on partial reads: that it is partial, how many projects it
 * read (the counts cover those only), and, when PostHog's throttle refused reads, a live countdown to when
 * requests go again; empty for a whole report. The view ticks it once a second; FX thread only.
 */
public final class PartialNote {

    private final Clock clock;
    private final ReadOnlyStringWrapper text = new ReadOnlyStringWrapper("");
    private AuditReport report;

    public PartialNote(Clock clock) {
        this.clock = clock;
    }

    void show(AuditReport r) {
        report = r != null && r.partial() ? r : null;
        tick();
    }

    /** Once a second: the countdown. */
    public void tick() {
        if (report == null) {
            text.set("");
            return;
        }
        int all = report.projects().size();
        int notRead = report.projectsNotRead();
        String head = String.format(Locale.ENGLISH, "Partial report: %,d of %,d projects read; the counts and the "
                + "matrix cover those only, and the %,d not read are listed under Problems.", all - notRead, all, notRead);
        Instant at = report.readsResumeAt();
        if (at == null) {
            text.set(head + " Reload to read them again.");
            return;
        }
        Duration left = Duration.between(clock.instant(), at);
        text.set(head + (left.isNegative() || left.isZero() ? " PostHog allows requests again now: reload to read them."
                : " PostHog allows requests again in " + Waits.countdown(left) + "; reload then."));
    }

    public ReadOnlyStringProperty textProperty() {
        return text.getReadOnlyProperty();
    }
}
