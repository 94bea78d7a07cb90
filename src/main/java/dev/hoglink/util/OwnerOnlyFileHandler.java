package dev.hoglink.util;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.logging.ErrorManager;
import java.util.logging.LogRecord;
import java.util.logging.StreamHandler;

/**
 * A log file handler whose every file is created owner-only (rw-------), whatever the umask: the log, its
 * lock, the file a second running copy writes to ({@code hoglink.log.1}, …) and the previous log kept at
 * rotation ({@code hoglink.log.old}, …). java.util.logging's FileHandler creates all of these with the default
 * umask. Like it, one running copy holds a lock per log name; a second copy takes the next free name.
 */
public final class OwnerOnlyFileHandler extends StreamHandler {

    private static final int MAX_NAMES = 20;
    /** How often a lock file may vanish under this copy before it gives up (another copy closing each time). */
    private static final int MAX_VANISHED = 50;

    private final Path file;
    private final long limit;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final Path lockFile;
    /** Whether the lock file goes at close: only where the system has file keys, see {@link #stillNamed}. */
    private final boolean deleteLockAtClose;
    private CountingStream out;

    /**
     * Opens {@code dir/name}, or {@code dir/name.1}, {@code .2}… when another running copy holds it, rotating to
     * {@code <file>.old} when it grows past {@code limit} bytes.
     */
    public OwnerOnlyFileHandler(Path dir, String name, long limit) throws IOException {
        this.limit = limit;
        int vanished = 0;
        for (int i = 0; i < MAX_NAMES; i++) {
            Path candidate = dir.resolve(i == 0 ? name : name + "." + i);
            Path lckPath = candidate.resolveSibling(candidate.getFileName() + ".lck");
            FileChannel ch;
            Object named;
            try {
                named = fileKey(createOwnerOnly(lckPath));
                ch = FileChannel.open(lckPath, StandardOpenOption.WRITE);
            } catch (NoSuchFileException e) {
                // another running copy deleted it as it closed, between its creation and its opening: this name again
                if (++vanished > MAX_VANISHED) {
                    throw e;
                }
                i--;
                continue;
            }
            FileLock l;
            try {
                l = ch.tryLock();
            } catch (OverlappingFileLockException e) {
                l = null; // this process holds it already
            }
            if (l != null && !stillNamed(lckPath, named)) {
                // locked a lock file another copy deleted meanwhile: a third copy may lock the new one; this name again
                l.release();
                ch.close();
                if (++vanished > MAX_VANISHED) {
                    throw new IOException("the log lock " + lckPath + " keeps being deleted by another running copy");
                }
                i--;
                continue;
            }
            if (l != null) {
                setEncoding("UTF-8");
                this.file = candidate;
                this.lockFile = lckPath;
                this.deleteLockAtClose = named != null;
                this.lockChannel = ch;
                this.lock = l;
                open();
                return;
            }
            ch.close();
        }
        throw new IOException("every log file name in " + dir + " is in use");
    }

    /**
     * Whether {@code path} still names the file it named just before this copy opened it ({@code named}): a copy that
     * closes deletes its lock file while it still holds the lock (see {@link #close()}), so a copy that opened that
     * file just before and locks it after finds the path gone or naming another file, and tries the name again
     * instead of sharing the log with a third copy. Compared by the file system's key (device and inode), read
     * without opening the file: on Linux and macOS, closing any descriptor of a file this process opened again
     * would release the lock just taken, and on Windows the locked file cannot be read through another handle.
     * Where the system has no such key (Windows), no copy deletes its lock file, so there is nothing to tell.
     */
    private static boolean stillNamed(Path path, Object named) throws IOException {
        if (named == null) {
            return true;
        }
        try {
            return named.equals(fileKey(path));
        } catch (NoSuchFileException e) {
            return false;
        }
    }

    private static Object fileKey(Path path) throws IOException {
        return Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    /** The file being written. */
    public Path file() {
        return file;
    }

    /** Creates the file owner-only if missing, and makes it owner-only if it exists. */
    static Path createOwnerOnly(Path path) throws IOException {
        try {
            if (AppDirs.posix()) {
                FileAttribute<?> attr = PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
                Files.createFile(path, attr);
            } else {
                Files.createFile(path);
            }
        } catch (FileAlreadyExistsException e) {
            // an earlier run's file: made owner-only below
        }
        AtomicFiles.restrictToOwner(path); // exactly rw-------, whatever the umask filtered
        return path;
    }

    private void open() throws IOException {
        createOwnerOnly(file);
        out = new CountingStream(Files.newOutputStream(file, StandardOpenOption.APPEND), Files.size(file));
        setOutputStream(out);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        if (!isLoggable(record)) {
            return;
        }
        super.publish(record);
        flush();
        if (out != null && out.written > limit) {
            rotate();
        }
    }

    private void rotate() {
        try {
            super.close();
            Files.move(file, file.resolveSibling(file.getFileName() + ".old"), StandardCopyOption.REPLACE_EXISTING);
            open();
        } catch (IOException e) {
            reportError("cannot rotate the log", e, ErrorManager.OPEN_FAILURE);
        }
    }

    @Override
    public synchronized void close() {
        super.close();
        try {
            if (deleteLockAtClose) {
                // while still holding the lock: see stillNamed. Where the system has no file key (Windows) the
                // lock file stays, unlocked, for the next copy: a copy starting then could not tell it was deleted.
                Files.deleteIfExists(lockFile);
            }
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            reportError("cannot release the log lock", e, ErrorManager.CLOSE_FAILURE);
        }
    }

    private static final class CountingStream extends OutputStream {
        private final OutputStream delegate;
        long written;

        CountingStream(OutputStream delegate, long start) {
            this.delegate = delegate;
            this.written = start;
        }

        @Override
        public void write(int b) throws IOException {
            delegate.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            delegate.write(b, off, len);
            written += len;
        }

        @Override
        public void flush() throws IOException {
            delegate.flush();
        }

        @Override
        public void close() throws IOException {
            delegate.close();
        }
    }
}
