package dev.hoglink.service.audit;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.inventory.ProjectReads;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One audit's use of the connection's store of reads: the links of a project read less than
 * {@link ProjectReads#STALE_AFTER} ago (by the window, or an earlier audit) are taken from it instead of asked
 * again; and when PostHog's throttle refused a read, the time requests go again (the latest such time), so the
 * report can say it is partial and count down to it. Thread-safe: the audit's reading threads share one.
 */
final class ReadsUsed {

    /** What a project whose read PostHog's throttle refused says; the report counts down to when reads go again. */
    static final String THROTTLED = "PostHog is limiting how fast Hoglink may send requests, so this project was not read.";

    private final ProjectReads store;
    private final Clock clock;
    private final AtomicInteger fromStore = new AtomicInteger();
    private final AtomicReference<Instant> resumeAt = new AtomicReference<>();

    /** @param store the connection's store, or null when the service keeps none (everything is read) */
    ReadsUsed(ProjectReads store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** The project's read when the store holds one that is not stale; counted. */
    Optional<ProjectReads.Read> known(long projectId) {
        if (store == null) {
            return Optional.empty();
        }
        Optional<ProjectReads.Read> read = store.fresh(projectId, ProjectReads.STALE_AFTER);
        read.ifPresent(l -> fromStore.incrementAndGet());
        return read;
    }

    /** The text a failed read leaves on its project; a throttled one moves the time reads go again. */
    String failed(ServiceException e) {
        if (e.kind() != ServiceException.Kind.THROTTLED) {
            return e.getMessage();
        }
        Instant at = clock.instant().plus(e.retryAfter().orElse(java.time.Duration.ofMinutes(1)));
        resumeAt.accumulateAndGet(at, (a, b) -> a == null || b.isAfter(a) ? b : a);
        return THROTTLED;
    }

    int fromStore() {
        return fromStore.get();
    }

    /** When PostHog allows requests again, if a read was throttled; else null. */
    Instant resumeAt() {
        return resumeAt.get();
    }
}
