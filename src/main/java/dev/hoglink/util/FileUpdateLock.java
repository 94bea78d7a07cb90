package dev.hoglink.util;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Serialises read-modify-write updates of one small settings file among every running copy of Hoglink (a
 * window and a {@code hoglink login}, two windows) and every thread of this one. The file itself is replaced by
 * rename ({@link AtomicFiles}), so it cannot carry the lock; an empty owner-only {@code .<name>.lock} beside it
 * does. Whoever holds the lock reads the file again before changing it, so one copy's change is never written
 * over with another copy's older list.
 */
public final class FileUpdateLock {

    /** A writer holds the lock for one small read and one write; waiting longer means something is stuck. */
    static final Duration WAIT = Duration.ofSeconds(5);
    private static final ConcurrentHashMap<Path, ReentrantLock> IN_THIS_PROCESS = new ConcurrentHashMap<>();

    @FunctionalInterface
    public interface Update<T> {
        T run() throws IOException;
    }

    private FileUpdateLock() {
    }

    /** Runs {@code update} while holding {@code target}'s lock. */
    public static <T> T holding(Path target, Update<T> update) throws IOException {
        Path abs = target.toAbsolutePath().normalize();
        Path lockFile = abs.resolveSibling("." + abs.getFileName() + ".lock");
        ReentrantLock local = IN_THIS_PROCESS.computeIfAbsent(lockFile, k -> new ReentrantLock());
        try {
            if (!local.tryLock(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw busy(abs);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("Interrupted while waiting to write " + abs.getFileName(), e);
        }
        try {
            createOwnerOnly(lockFile);
            try (FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.WRITE)) {
                FileLock held = waitFor(ch, abs);
                try {
                    return update.run();
                } finally {
                    held.release();
                }
            }
        } finally {
            local.unlock();
        }
    }

    private static FileLock waitFor(FileChannel ch, Path target) throws IOException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            FileLock lock = ch.tryLock();
            if (lock != null) {
                return lock;
            }
            if (System.nanoTime() - deadline > 0) {
                throw busy(target);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("Interrupted while waiting to write " + target.getFileName(), e);
            }
        }
    }

    private static IOException busy(Path target) {
        return new IOException("Another running copy of Hoglink kept " + target.getFileName()
                + " locked for more than " + WAIT.toSeconds() + " s; nothing was changed. Try again.");
    }

    private static void createOwnerOnly(Path lockFile) throws IOException {
        if (Files.exists(lockFile)) {
            return;
        }
        AppDirs.ensure(lockFile.getParent());
        try {
            if (AppDirs.posix()) {
                Files.createFile(lockFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } else {
                Files.createFile(lockFile);
            }
        } catch (FileAlreadyExistsException e) {
            // another copy made it first
        }
    }
}
