package dev.hoglink.hardening;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.util.AppDirs;
import dev.hoglink.util.AtomicFiles;
import dev.hoglink.util.Logging;
import dev.hoglink.util.OwnerOnlyFileHandler;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file and folder Hoglink creates is owner-only, whatever the umask: the log files of a second running copy
 * and their locks, the rotated log, the folders above hoglink.home and above an --out file.
 */
class OwnerOnlyFilesTest {

    @TempDir
    Path tmp;
    private final List<Handler> before = List.of(Logger.getLogger("").getHandlers());
    private final Level level = Logger.getLogger("").getLevel();

    @AfterEach
    void restoreLogging() {
        Logger root = Logger.getLogger("");
        for (Handler h : root.getHandlers()) {
            root.removeHandler(h);
            h.close();
        }
        before.forEach(root::addHandler);
        root.setLevel(level);
    }

    static String mode(Path p) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(p));
    }

    @Test
    void aSecondRunningCopysLogAndLockAreOwnerOnly() throws Exception {
        AppDirs dirs = AppDirs.under(tmp.resolve("home"));
        Path logs = AppDirs.ensure(dirs.dataPath().resolve("logs"));
        try (Holder first = new Holder(new OwnerOnlyFileHandler(logs, "hoglink.log", 1_000_000))) {
            Path second = Logging.configure(dirs, Level.INFO);
            assertEquals(logs.resolve("hoglink.log.1"), second, "the first copy holds hoglink.log");
            Logger.getLogger("dev.hoglink.test").warning("a line from the second copy");
            assertTrue(Files.size(second) > 0);
            try (Stream<Path> files = Files.list(logs)) {
                for (Path f : files.toList()) {
                    assertEquals("rw-------", mode(f), f.getFileName().toString());
                }
            }
            assertTrue(Files.exists(logs.resolve("hoglink.log.1.lck")));
            FaultFigures.add(FaultFigures.OWNER_ONLY, 4);
        }
    }

    @Test
    void theRotatedLogIsOwnerOnlyAndTheLockGoesAtClose() throws Exception {
        Path logs = AppDirs.ensure(tmp.resolve("logs"));
        OwnerOnlyFileHandler h = new OwnerOnlyFileHandler(logs, "hoglink.log", 200);
        h.setFormatter(new Logging.RedactingFormatter());
        for (int i = 0; i < 10; i++) {
            h.publish(new LogRecord(Level.WARNING, "line " + i + " " + "x".repeat(40)));
        }
        Path old = logs.resolve("hoglink.log.old");
        assertTrue(Files.exists(old));
        assertEquals("rw-------", mode(old));
        assertEquals("rw-------", mode(logs.resolve("hoglink.log")));
        assertTrue(Files.size(logs.resolve("hoglink.log")) < 400, "rotated, not grown");
        h.close();
        assertTrue(Files.notExists(logs.resolve("hoglink.log.lck")));
    }

    @Test
    void theFoldersAboveHoglinkHomeAreCreatedOwnerOnly() throws Exception {
        Path shared = Files.createDirectory(tmp.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path home = shared.resolve("a").resolve("b").resolve("home");
        Path config = AppDirs.under(home).config();
        for (Path p = config; !p.equals(shared); p = p.getParent()) {
            assertEquals("rwx------", mode(p), p.toString());
        }
        assertNotEquals("rwx------", mode(shared), "folders that already existed are left alone");
        FaultFigures.add(FaultFigures.OWNER_ONLY, 4);
    }

    @Test
    void theFoldersAboveAnOutFileAreCreatedOwnerOnly() throws Exception {
        Path out = tmp.resolve("reports").resolve("2026").resolve("inventory.csv");
        AtomicFiles.write(out, "x\r\n".getBytes());
        assertEquals("rw-------", mode(out));
        assertEquals("rwx------", mode(out.getParent()));
        assertEquals("rwx------", mode(out.getParent().getParent()));
        FaultFigures.add(FaultFigures.OWNER_ONLY, 3);
    }

    /** Closes a handler at the end of a try block. */
    private record Holder(Handler handler) implements AutoCloseable {
        @Override
        public void close() {
            handler.close();
        }
    }
}
