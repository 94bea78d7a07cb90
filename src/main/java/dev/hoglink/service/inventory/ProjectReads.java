package dev.hoglink.service.inventory;

import dev.hoglink.model.GitHubLink;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The one store of what was read from PostHog over a connection: each project's (team's) GitHub links and when
 * they were read. The inventory service writes every read into it, whoever asked (the window, the audit window,
 * the command line), so the audit builds on what the window already holds and reads only what is missing or
 * stale, and the window's rows and their ages follow the audit's fresher reads. Thread-safe; listeners are
 * called on the thread that read.
 */
public final class ProjectReads {

    /** Reads older than this are stale: the audit reads them again, and a refresh reads them first. */
    public static final Duration STALE_AFTER = Duration.ofMinutes(15);

    /** A project's links as read by a request that left at {@code at}. */
    public record Read(List<GitHubLink> links, Instant at) {
        public Read {
            links = List.copyOf(links);
            Objects.requireNonNull(at);
        }

        public Duration age(Instant now) {
            return Duration.between(at, now).isNegative() ? Duration.ZERO : Duration.between(at, now);
        }
    }

    /** Told of each read as it is stored, on the reading thread. */
    @FunctionalInterface
    public interface Listener {
        void read(long projectId, Read read);
    }

    private final Clock clock;
    private final Map<Long, Read> reads = new ConcurrentHashMap<>();
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();

    public ProjectReads(Clock clock) {
        this.clock = Objects.requireNonNull(clock);
    }

    /** Stores what was just read for a project (its time is now on the store's clock). */
    public Read put(long projectId, List<GitHubLink> links) {
        return put(projectId, links, clock.instant());
    }

    /**
     * Stores a read of a project whose request left at {@code sentAt} ({@link #now()} before sending), unless the
     * store holds one that left later: answers can arrive out of order (a slow answer, two windows reading), and an
     * older answer landing last must not bring back a state PostHog no longer has. Listeners hear only of reads
     * stored. Returns the project's read as stored now: this one, or the newer one kept.
     */
    public Read put(long projectId, List<GitHubLink> links, Instant sentAt) {
        Read read = new Read(links, sentAt);
        Read kept = reads.merge(projectId, read, (old, now) -> now.at().isBefore(old.at()) ? old : now);
        if (kept == read) {
            listeners.forEach(l -> l.read(projectId, read));
        }
        return kept;
    }

    public Optional<Read> get(long projectId) {
        return Optional.ofNullable(reads.get(projectId));
    }

    /** The read of a project when it is younger than {@code maxAge}; empty when missing or stale. */
    public Optional<Read> fresh(long projectId, Duration maxAge) {
        Read r = reads.get(projectId);
        return r != null && r.age(clock.instant()).compareTo(maxAge) < 0 ? Optional.of(r) : Optional.empty();
    }

    /** A change was made to this project: what was read of it no longer holds. */
    public void forget(long projectId) {
        reads.remove(projectId);
    }

    /** Now, on the store's clock. */
    public Instant now() {
        return clock.instant();
    }

    /** Adds a listener; the returned runnable removes it. */
    public Runnable listen(Listener listener) {
        listeners.add(Objects.requireNonNull(listener));
        return () -> listeners.remove(listener);
    }

    public int size() {
        return reads.size();
    }
}
