package dev.hoglink.service.audit;

import dev.hoglink.api.ActivityLog;
import dev.hoglink.api.ApiException;
import dev.hoglink.api.PaymentRequiredException;
import dev.hoglink.api.PermissionException;
import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.model.Project;
import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One audit's reading of PostHog's activity log over many projects, on several threads: the first project's read
 * goes alone, so a plan gate (402) or a missing scope, which hold for the whole organization, is met once and
 * no other project asks; then the rest read at once. Collects the one note the history shows.
 */
final class ActivityRead {

    private static final Logger LOGGER = LoggerFactory.getLogger(ActivityRead.class);

    private final Function<Project, ActivityLog> read;
    private final int maxPages;
    private final Duration budget;
    private final AtomicReference<String> stop = new AtomicReference<>("");
    private final List<String> gaps = Collections.synchronizedList(new ArrayList<>());
    private final List<String> cut = Collections.synchronizedList(new ArrayList<>());
    private final java.util.Set<String> organizationRows = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final AtomicBoolean firstTaken = new AtomicBoolean();
    private final CountDownLatch firstAnswered = new CountDownLatch(1);

    /**
     * @param read the read of one project's log (the client holds the one retry budget); throws {@link ApiException}
     */
    ActivityRead(Function<Project, ActivityLog> read, int maxPages, Duration budget) {
        this.read = read;
        this.maxPages = maxPages;
        this.budget = budget;
    }

    /** The project's history lines; empty when the log is not read for it (see {@link #note()}). */
    List<HistoryEntry> of(Project p) throws InterruptedException {
        if (firstTaken.compareAndSet(false, true)) {
            try {
                return readOne(p);
            } finally {
                firstAnswered.countDown();
            }
        }
        firstAnswered.await();
        return readOne(p);
    }

    private List<HistoryEntry> readOne(Project p) {
        if (!stop.get().isEmpty()) {
            return List.of();
        }
        try {
            ActivityLog log = read.apply(p);
            if (log.cut()) {
                cut.add(p.inText());
            }
            // PostHog puts an organization-level row in the log of every team that receives them
            // (receive_org_level_activity_logs): one history line, however many projects' logs hold it (NF6).
            // The rows come newest first (-created_at, -id): a row's place counted from the log's oldest end keeps
            // PostHog's order among rows of one instant (NK1).
            List<ActivityLogEntryDto> rows = log.rows();
            List<HistoryEntry> entries = new ArrayList<>();
            for (int i = 0; i < rows.size(); i++) {
                ActivityLogEntryDto row = rows.get(i);
                if (!row.organizationLevel() || row.id() == null || organizationRows.add(row.id())) {
                    entries.add(ActivityHistory.entry(p, row, rows.size() - 1 - i));
                }
            }
            return entries;
        } catch (PaymentRequiredException e) {
            // The plan gates the whole organization (docs/api-notes.md N11): stop asking, say it once.
            stop.compareAndSet("", AuditService.PAID_PLAN_NOTE);
        } catch (PermissionException e) {
            if (e.missingScope() != null) {
                stop.compareAndSet("", "The API key cannot read PostHog's activity log (it lacks "
                        + e.missingScope() + "); the history shows this computer's journal only.");
            } else {
                gaps.add(p.inText());
            }
        } catch (ApiException e) {
            LOGGER.warn("Audit: activity log of project {} unreadable: {}", p.id(), e.getMessage());
            gaps.add(p.inText());
        }
        return List.of();
    }

    /**
     * Whether every project's log was read (once all are done): false when PostHog refused it for the organization
     * (the plan, a missing scope) or a project's read failed. A log cut short, or one the plan's window limits, was
     * read; {@link #note} says what it leaves out.
     */
    boolean read() {
        return stop.get().isEmpty() && gaps.isEmpty();
    }

    /**
     * Empty when every project's log was read whole and PostHog hides none of it by date; else why the history is
     * partial, in a sentence or a few: unreadable logs, logs cut short, and the plan's window ({@code window}'s
     * note on {@code now}, docs/api-notes.md NF8).
     */
    String note(dev.hoglink.model.ActivityWindow window, java.time.Instant now) {
        if (!stop.get().isEmpty()) {
            return stop.get();
        }
        List<String> parts = new ArrayList<>();
        String windowNote = window.note(now);
        if (!windowNote.isEmpty()) {
            parts.add(windowNote);
        }
        if (!gaps.isEmpty()) {
            parts.add("The activity log of " + gaps.size() + " project(s) could not be read: "
                    + String.join(", ", gaps.stream().sorted().toList()) + ".");
        }
        if (!cut.isEmpty()) {
            parts.add("The history is cut short: older activity of " + cut.size() + " project(s) was not read "
                    + "(over " + maxPages + " pages of 1,000 rows, or over " + budget.toSeconds() + " s each): "
                    + String.join(", ", cut.stream().sorted().toList()) + ".");
        }
        return String.join(" ", parts);
    }
}
