package dev.hoglink.util;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Crash-safe file replacement: write a temp file beside the target (owner-only), fsync it, rename it over
 * the target, then fsync the folder. A crash at any point leaves either the old file or the new one whole.
 */
public final class AtomicFiles {

    private AtomicFiles() {
    }

    public static void write(Path target, byte[] content) throws IOException {
        Path dir = target.toAbsolutePath().getParent();
        AppDirs.ensure(dir);
        Path tmp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
        try {
            restrictToOwner(tmp);
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buf = ByteBuffer.wrap(content);
                while (buf.hasRemaining()) {
                    ch.write(buf);
                }
                ch.force(true);
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
            fsyncDirectory(dir);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /**
     * Deletes the temp files {@link #write} left in {@code dir} when the process was killed mid-write (the
     * rename never came, and nor did the clean-up), once they are older than {@code olderThan}: a younger one may be
     * another running copy's write in progress. Returns how many were deleted; failures are skipped.
     */
    public static int deleteLeftovers(Path dir, java.time.Duration olderThan) {
        int deleted = 0;
        long before = System.currentTimeMillis() - olderThan.toMillis();
        try (var files = Files.newDirectoryStream(dir, f -> LEFTOVER.matcher(f.getFileName().toString()).matches())) {
            for (Path f : files) {
                try {
                    if (Files.isRegularFile(f, java.nio.file.LinkOption.NOFOLLOW_LINKS)
                            && Files.getLastModifiedTime(f).toMillis() < before && Files.deleteIfExists(f)) {
                        deleted++;
                    }
                } catch (IOException e) {
                    // gone meanwhile, or not ours to delete: leave it
                }
            }
        } catch (IOException | RuntimeException e) {
            // no folder yet, or unreadable: nothing to clean
        }
        return deleted;
    }

    /** {@code .<name>.<digits>.tmp}, as {@code Files.createTempFile(dir, "." + name + ".", ".tmp")} names them. */
    private static final java.util.regex.Pattern LEFTOVER = java.util.regex.Pattern.compile("\\..+\\.\\d+\\.tmp");

    /** Sets rw------- where the file system has POSIX permissions; a no-op elsewhere. */
    public static void restrictToOwner(Path file) throws IOException {
        if (AppDirs.posix()) {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        }
    }

    private static void fsyncDirectory(Path dir) {
        try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
            ch.force(true);
        } catch (IOException | UnsupportedOperationException ignored) {
            // Not every platform can open a folder for sync (Windows cannot); the rename is still atomic.
        }
    }
}
