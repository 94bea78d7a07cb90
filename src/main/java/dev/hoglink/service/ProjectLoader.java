package dev.hoglink.service;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import java.util.function.LongFunction;

/**
 * Reads one fact per project (its GitHub links, say) for many projects, with at most {@code maxInFlight}
 * requests at once: a priority queue (what the user looks at goes first: {@link #prioritize}), the requests in
 * flight, progress done/total, cancellation, and "read again" for a
 * project asked for while its request is out. The one loader behind the inventory window and the audit.
 *
 * <p>Thread-agnostic: every method is called on one owner thread (the UI thread in the window, the audit's own
 * thread in the audit), and the {@link Dispatch} runs each read elsewhere and hands its outcome back on that
 * owner thread. The listener is called on the owner thread too.
 *
 * @param <T> what one read gives for a project
 */
public final class ProjectLoader<T> {

    /**
     * Reads in flight by default, for the window, the audit window and the command line: 32, chosen by measurement
     * (packaging/bench-concurrency.sh, api-notes WA3). With 50 ms of latency the JDK client's throughput grows
     * with the requests in flight up to 32 on both protocols; past it HTTP/1.1 (a connection per request in flight,
     * what a plain-http self-hosted PostHog gets) falls back, and HTTP/2 (one connection) gains little for the
     * same CPU. PostHog Cloud's 480 a minute is kept by the client's limiter whatever this number is.
     */
    public static final int DEFAULT_MAX_IN_FLIGHT = 32;

    /** Runs work away from the owner thread and hands its outcome back on the owner thread. */
    public interface Dispatch {
        /**
         * Starts {@code work}; later, on the owner thread, calls {@code ok} or {@code failed}, then {@code finished}.
         *
         * @return what cancels the work (its callbacks may still run, as after a failure)
         */
        <R> Runnable submit(Callable<R> work, Consumer<R> ok, Consumer<Throwable> failed, Runnable finished);
    }

    /** What the loader reports, on the owner thread. */
    public interface Listener<T> {
        /** A project's read is about to leave. */
        default void started(long projectId) {
        }

        void loaded(long projectId, T result);

        void failed(long projectId, Throwable error);

        /** After each change of done or total. */
        default void progress(int done, int total) {
        }

        /** Nothing is queued or in flight any more. */
        default void idle() {
        }
    }

    private final Dispatch dispatch;
    private final LongFunction<Callable<T>> read;
    private final int maxInFlight;
    private final Listener<T> listener;
    /**
     * The queue in order: each queued project has a place; {@link #prioritize} gives places before every other,
     * {@link #enqueue} after every other. Polled from the smallest place.
     */
    private final TreeMap<Long, Long> queue = new TreeMap<>();
    private final Map<Long, Long> queued = new HashMap<>(); // project id -> its place in the queue
    private long front;
    private long back;
    private final Map<Long, Runnable> inFlight = new HashMap<>();
    private final Set<Long> readAgain = new LinkedHashSet<>();
    private int done;
    private int total;
    /** True while {@link #pump} is starting reads (on the owner thread). */
    private boolean pumping;
    /** True between {@link #hold} and {@link #release}: reads are queued, none leaves. */
    private boolean held;

    /**
     * @param read makes, on the owner thread, the blocking read of one project that the dispatch runs
     */
    public ProjectLoader(Dispatch dispatch, LongFunction<Callable<T>> read, int maxInFlight, Listener<T> listener) {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be at least 1");
        }
        this.dispatch = Objects.requireNonNull(dispatch);
        this.read = Objects.requireNonNull(read);
        this.maxInFlight = maxInFlight;
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * Queues projects. One already queued stays once; one in flight is read again once its answer is in (its
     * request left before whatever made the caller ask). Progress counts on from where it is; see
     * {@link #resetProgress()}.
     */
    public void enqueue(Collection<Long> projectIds) {
        enqueue(projectIds, List.of());
    }

    /**
     * Queues projects as {@link #enqueue(Collection)} does, with {@code ahead} (where queued) before every other,
     * before any read leaves: the rows on screen when a load starts.
     */
    public void enqueue(Collection<Long> projectIds, List<Long> ahead) {
        for (Long id : projectIds) {
            if (inFlight.containsKey(id)) {
                Long place = queued.remove(id);
                if (place != null) {
                    queue.remove(place);
                }
                if (readAgain.add(id)) {
                    total++;
                }
            } else if (!queued.containsKey(id)) {
                place(id, ++back);
                total++;
            }
        }
        moveAhead(ahead);
        listener.progress(done, total);
        pump();
    }

    /**
     * Moves these projects, where queued, ahead of every other queued project, in the given order: the rows on
     * screen, the selected project. Projects not queued are left alone (nothing is read twice for it).
     */
    public void prioritize(List<Long> projectIds) {
        moveAhead(projectIds);
        pump();
    }

    private void moveAhead(List<Long> projectIds) {
        for (int i = projectIds.size() - 1; i >= 0; i--) {
            Long id = projectIds.get(i);
            Long place = queued.get(id);
            if (place != null) {
                queue.remove(place);
                place(id, --front);
            }
        }
    }

    /**
     * Queues these projects ahead of every other (a project just changed, asked for by the user): queued ones
     * move to the front, others are queued there.
     */
    public void enqueueFirst(List<Long> projectIds) {
        enqueue(projectIds, projectIds);
    }

    private void place(long id, long place) {
        queue.put(place, id);
        queued.put(id, place);
    }

    /**
     * Takes a queued project out without reading it (it was read elsewhere meanwhile); it counts as done.
     * Returns whether it was queued.
     */
    public boolean skip(long projectId) {
        Long place = queued.remove(projectId);
        if (place == null) {
            return false;
        }
        queue.remove(place);
        done++;
        listener.progress(done, total);
        pump();
        return true;
    }

    /** Whether this project's read is out now. */
    public boolean inFlight(long projectId) {
        return inFlight.containsKey(projectId);
    }

    /** The queued projects in the order they will be read (for tests and progress). */
    public List<Long> queued() {
        return List.copyOf(queue.values());
    }

    /**
     * Starts queued reads while fewer than maxInFlight are out; reports idle when nothing is left.
     *
     * <p>Iterative: a dispatch that runs a read at once on the owner thread finishes it inside {@link #start},
     * and that finish asks for the next read. Such a nested call only notes that the outer loop, which is still
     * running, has to go on; so the stack stays flat however many projects there are (a recursion here overflowed
     * the stack at 2,000 projects).
     */
    public void pump() {
        if (pumping || held) {
            return; // the loop below, further up this thread's stack, sees what changed and goes on; or held
        }
        pumping = true;
        try {
            while (inFlight.size() < maxInFlight && !queue.isEmpty()) {
                long id = queue.pollFirstEntry().getValue();
                queued.remove(id);
                start(id);
            }
        } finally {
            pumping = false;
        }
        if (!busy()) {
            listener.idle();
        }
    }

    private void start(long id) {
        listener.started(id);
        Flight flight = new Flight();
        inFlight.put(id, flight);
        flight.cancel = dispatch.submit(read.apply(id),
                r -> {
                    if (inFlight.get(id) == flight) {
                        listener.loaded(id, r);
                    }
                },
                e -> {
                    if (inFlight.get(id) == flight) {
                        listener.failed(id, e);
                    }
                },
                () -> finished(id, flight));
    }

    /** One read out; its identity tells a late answer of a cancelled read from the current one. */
    private static final class Flight implements Runnable {
        private Runnable cancel = () -> { };

        @Override
        public void run() {
            cancel.run();
        }
    }

    private void finished(long id, Flight flight) {
        if (inFlight.get(id) != flight) {
            return; // cancelled: its answer no longer counts
        }
        inFlight.remove(id);
        done++;
        if (readAgain.remove(id)) {
            place(id, --front); // asked for while its request was out: it goes next
        }
        listener.progress(done, total);
        pump();
    }

    /**
     * Drops every queued read (and every "read again") without sending it, as when each would fail the same
     * way; they count as done. Returns the dropped project ids, in queue order.
     */
    public List<Long> dropQueued() {
        List<Long> dropped = new ArrayList<>(queue.values());
        done += dropped.size();
        queue.clear();
        queued.clear();
        readAgain.clear();
        return dropped;
    }

    /**
     * Lets no read leave until {@link #release}: projects are still queued and counted, and the loader is busy while
     * any is queued. Returns false if it was held already (one release ends it).
     */
    public boolean hold() {
        if (held) {
            return false;
        }
        held = true;
        return true;
    }

    /** Ends a {@link #hold}: the queued reads start, as many as may be in flight. */
    public void release() {
        if (held) {
            held = false;
            pump();
        }
    }

    /** Cancels the reads in flight and forgets the queue; progress restarts at 0/0. Reports nothing. */
    public void cancel() {
        List<Runnable> out = new ArrayList<>(inFlight.values());
        inFlight.clear();
        out.forEach(Runnable::run);
        queue.clear();
        queued.clear();
        readAgain.clear();
        done = 0;
        total = 0;
    }

    /** Starts the progress count again at 0/0 (a new load). */
    public void resetProgress() {
        done = 0;
        total = 0;
        listener.progress(done, total);
    }

    /** Whether anything is queued or in flight. */
    public boolean busy() {
        return !queue.isEmpty() || !inFlight.isEmpty();
    }

    public int done() {
        return done;
    }

    public int total() {
        return total;
    }

    /** Reads in flight right now. */
    public int inFlight() {
        return inFlight.size();
    }
}
