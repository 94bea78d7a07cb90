package dev.hoglink.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The shared loader, driven step by step: a dispatch that runs each read only when the test says so. */
class ProjectLoaderTest {

    /** A read run as a dispatch runs it: its result or failure handed on, then {@code finished}. */
    static <R> void runNow(Callable<R> work, Consumer<R> ok, Consumer<Throwable> failed, Runnable finished) {
        try {
            ok.accept(work.call());
        } catch (Exception e) {
            failed.accept(e);
        } finally {
            finished.run();
        }
    }

    /** Holds submitted reads; {@link #finishNext()} runs the oldest and reports its outcome. */
    static final class StepDispatch implements ProjectLoader.Dispatch {
        final Deque<Runnable> waiting = new ArrayDeque<>();
        int cancelled;

        @Override
        public <R> Runnable submit(Callable<R> work, Consumer<R> ok, Consumer<Throwable> failed, Runnable finished) {
            waiting.add(() -> runNow(work, ok, failed, finished));
            return () -> cancelled++;
        }

        void finishNext() {
            waiting.poll().run();
        }
    }

    final StepDispatch dispatch = new StepDispatch();
    final List<String> events = new ArrayList<>();
    final List<Long> reads = new ArrayList<>();

    ProjectLoader<String> loader(int maxInFlight) {
        return new ProjectLoader<>(dispatch, id -> () -> {
            reads.add(id);
            if (id == 13) {
                throw new IllegalStateException("no access");
            }
            return "links of " + id;
        }, maxInFlight, new ProjectLoader.Listener<>() {
            @Override
            public void started(long projectId) {
                events.add("start " + projectId);
            }

            @Override
            public void loaded(long projectId, String result) {
                events.add(result);
            }

            @Override
            public void failed(long projectId, Throwable error) {
                events.add("failed " + projectId + ": " + error.getMessage());
            }

            @Override
            public void progress(int done, int total) {
                events.add(done + "/" + total);
            }

            @Override
            public void idle() {
                events.add("idle");
            }
        });
    }

    @Test
    void noMoreThanMaxInFlightReadsLeaveAndProgressReachesTheTotal() {
        ProjectLoader<String> l = loader(2);
        l.enqueue(List.of(1L, 2L, 3L, 4L, 13L));
        assertEquals(2, dispatch.waiting.size());
        assertEquals(2, l.inFlight());
        while (!dispatch.waiting.isEmpty()) {
            assertTrue(l.inFlight() <= 2);
            dispatch.finishNext();
        }
        assertFalse(l.busy());
        assertEquals(List.of(1L, 2L, 3L, 4L, 13L), reads);
        assertTrue(events.contains("failed 13: no access"), events.toString());
        assertEquals("5/5", events.get(events.size() - 2));
        assertEquals("idle", events.get(events.size() - 1));
    }

    @Test
    void aProjectAskedForWhileItsReadIsOutIsReadAgainNextAndOnceOnly() {
        ProjectLoader<String> l = loader(1);
        l.enqueue(List.of(1L, 2L));
        l.enqueue(List.of(1L, 1L, 2L));
        assertEquals(3, l.total(), "1 and 2, then 1 once more");
        dispatch.finishNext();
        dispatch.finishNext();
        dispatch.finishNext();
        assertTrue(dispatch.waiting.isEmpty());
        assertEquals(List.of(1L, 1L, 2L), reads, "asked for again (a change): ahead of the rest");
        assertEquals(3, l.done());
    }

    @Test
    void droppedReadsAreNeverSentAndCountAsDone() {
        ProjectLoader<String> l = loader(1);
        l.enqueue(List.of(1L, 2L, 3L));
        assertEquals(List.of(2L, 3L), l.dropQueued());
        dispatch.finishNext();
        assertEquals(List.of(1L), reads);
        assertEquals(3, l.done());
        assertFalse(l.busy());
    }

    @Test
    void aCancelledReadsLateAnswerIsIgnored() {
        ProjectLoader<String> l = loader(2);
        l.enqueue(List.of(1L, 2L));
        Runnable late = dispatch.waiting.poll();
        l.cancel();
        assertEquals(2, dispatch.cancelled);
        assertEquals(0, l.total());
        events.clear();
        late.run();
        assertEquals(List.of(), events, "no report from a cancelled read");
        l.enqueue(List.of(1L));
        assertEquals(1, l.total());
    }

    /** Runs each read at once, on the calling thread, as a same-thread task runner does. */
    static final class SameThreadDispatch implements ProjectLoader.Dispatch {
        @Override
        public <R> Runnable submit(Callable<R> work, Consumer<R> ok, Consumer<Throwable> failed, Runnable finished) {
            runNow(work, ok, failed, finished);
            return () -> { };
        }
    }

    @Test
    void aSameThreadDispatchReadsManyProjectsWithoutGrowingTheStack() throws Exception {
        // Each finished read starts the next one; done by recursion, 20,000 projects on a 256 KB stack overflow it.
        int projects = 20_000;
        List<Long> ids = new ArrayList<>();
        for (long i = 1; i <= projects; i++) {
            ids.add(i);
        }
        int[] loaded = new int[1];
        int[] idle = new int[1];
        Throwable[] thrown = new Throwable[1];
        Thread t = new Thread(null, () -> {
            try {
                ProjectLoader<Long> l = new ProjectLoader<>(new SameThreadDispatch(), id -> () -> id, 8,
                        new ProjectLoader.Listener<>() {
                            @Override
                            public void loaded(long projectId, Long result) {
                                loaded[0]++;
                            }

                            @Override
                            public void failed(long projectId, Throwable error) {
                            }

                            @Override
                            public void idle() {
                                idle[0]++;
                            }
                        });
                l.enqueue(ids);
                assertFalse(l.busy());
                assertEquals(projects, l.done());
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "small-stack", 256 * 1024);
        t.start();
        t.join();
        if (thrown[0] != null) {
            throw new AssertionError("the loader failed: " + thrown[0], thrown[0]);
        }
        assertEquals(projects, loaded[0]);
        assertEquals(1, idle[0], "idle is reported once, when everything is read");
    }

    @Test
    void atLeastOneReadAtATime() {
        assertThrows(IllegalArgumentException.class, () -> loader(0));
    }

    @Test
    void theRowsOnScreenAreReadBeforeEveryOtherQueuedProjectInTheOrderGiven() {
        ProjectLoader<String> l = loader(1);
        l.enqueue(List.of(1L, 2L, 3L, 4L, 5L, 6L));
        l.prioritize(List.of(5L, 4L, 99L)); // 99 is not queued: nothing is read for it
        assertEquals(List.of(5L, 4L, 2L, 3L, 6L), l.queued(), "1 is out already");
        l.prioritize(List.of(6L)); // the user scrolled on
        while (!dispatch.waiting.isEmpty()) {
            dispatch.finishNext();
        }
        assertEquals(List.of(1L, 6L, 5L, 4L, 2L, 3L), reads);
        assertEquals(6, l.done());
        assertEquals(6, l.total());
    }

    @Test
    void aProjectJustChangedGoesFirstWhetherQueuedOrNot() {
        ProjectLoader<String> l = loader(1);
        l.enqueue(List.of(1L, 2L, 3L));
        l.enqueueFirst(List.of(3L, 7L));
        assertEquals(List.of(3L, 7L, 2L), l.queued());
        assertEquals(4, l.total(), "7 is new; 3 was queued already");
    }

    @Test
    void aQueuedProjectReadElsewhereIsSkippedAndCountsAsDone() {
        ProjectLoader<String> l = loader(1);
        l.enqueue(List.of(1L, 2L, 3L));
        assertTrue(l.skip(2L));
        assertFalse(l.skip(1L), "in flight: its answer follows");
        assertTrue(l.inFlight(1L));
        while (!dispatch.waiting.isEmpty()) {
            dispatch.finishNext();
        }
        assertEquals(List.of(1L, 3L), reads);
        assertEquals(3, l.done());
        assertFalse(l.busy());
    }

    @Test
    void aHeldLoaderQueuesAndCountsButSendsNothingUntilReleased() {
        ProjectLoader<String> l = loader(2);
        assertTrue(l.hold());
        assertFalse(l.hold(), "held already: one release ends it");
        l.enqueue(List.of(1L, 2L, 3L));
        l.prioritize(List.of(3L));
        l.pump();
        assertTrue(dispatch.waiting.isEmpty(), "nothing leaves while held");
        assertEquals(List.of("0/3"), events, "queued and counted, never reported idle");
        assertTrue(l.busy());
        assertEquals(List.of(3L, 1L, 2L), l.queued(), "the order given while held is kept");

        l.release();
        assertEquals(2, dispatch.waiting.size(), "released: as many leave as may be in flight");
        assertEquals(List.of("0/3", "start 3", "start 1"), events);
        while (!dispatch.waiting.isEmpty()) {
            dispatch.finishNext();
        }
        assertEquals(List.of(3L, 1L, 2L), reads);
        assertEquals(3, l.done());
        assertFalse(l.busy());
        l.release(); // not held: nothing happens
        assertEquals("idle", events.get(events.size() - 1));
    }
}
