package dev.hoglink.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.util.AppDirs;
import dev.hoglink.util.OwnerOnlyFileHandler;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several copies of Hoglink starting and stopping at once on one home (the window, `hoglink audit`, a bulk
 * `hoglink link --apply` in a loop): a copy that closes deletes its log's lock file while another opens it. Every
 * copy still gets a log of its own, without an error, and no two copies write one log at the same time. Threads
 * stand for the copies here: the lock file is created, opened, locked and deleted as across processes.
 */
class LogLockRaceTest {

    private static final int COPIES = 6;
    private static final int STARTS = 150;

    @TempDir
    Path tmp;

    @Test
    void copiesStartingAndStoppingAtOnceEachGetALogOfTheirOwnWithoutAnError() throws Exception {
        Path logs = AppDirs.ensure(tmp.resolve("logs"));
        Set<Path> open = ConcurrentHashMap.newKeySet();
        AtomicInteger shared = new AtomicInteger();
        List<Throwable> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(COPIES);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < COPIES; c++) {
                done.add(pool.submit(() -> {
                    go.await();
                    for (int i = 0; i < STARTS; i++) {
                        try {
                            OwnerOnlyFileHandler h = new OwnerOnlyFileHandler(logs, "hoglink.log", 1_000_000);
                            if (!open.add(h.file())) {
                                shared.incrementAndGet();
                            }
                            open.remove(h.file());
                            h.close();
                        } catch (Exception | Error e) {
                            errors.add(e);
                        }
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertTrue(errors.isEmpty(), errors.size() + " starts failed, the first: " + (errors.isEmpty() ? "" : errors.get(0)));
        assertEquals(0, shared.get(), "starts that got a log another copy was writing");
        FaultFigures.add("log starts raced by other copies", (long) COPIES * STARTS);
    }

    /**
     * A copy holding its log while a second copy (another process) starts: the second one takes the next name. On
     * Linux and macOS a lock is the process's, and closing any descriptor of the locked file in that process drops
     * it: a check after locking that reads the lock file through its path gave the second copy hoglink.log too.
     */
    @Test
    void aSecondCopyInAnotherProcessTakesTheNextNameWhileTheFirstHoldsItsLog() throws Exception {
        Path logs = AppDirs.ensure(tmp.resolve("logs"));
        OwnerOnlyFileHandler first = new OwnerOnlyFileHandler(logs, "hoglink.log", 1_000_000);
        try {
            assertEquals(logs.resolve("hoglink.log"), first.file());
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), SecondCopy.class.getName(), logs.toString())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).trim();
            assertTrue(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
            assertEquals(logs.resolve("hoglink.log.1").toString(), out, "the second copy's log");
        } finally {
            first.close();
        }
    }

    /** The second copy: opens its log under the folder given and prints which file it got. */
    public static final class SecondCopy {
        public static void main(String[] args) throws Exception {
            OwnerOnlyFileHandler h = new OwnerOnlyFileHandler(Path.of(args[0]), "hoglink.log", 1_000_000);
            System.out.println(h.file());
            h.close();
        }
    }
}
