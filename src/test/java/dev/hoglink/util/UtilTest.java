package dev.hoglink.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UtilTest {

    @TempDir
    Path tmp;

    @Test
    void atomicWriteReplacesWholeFileOwnerOnlyAndLeavesNoTempFiles() throws Exception {
        Path target = tmp.resolve("sub/profiles.json");
        AtomicFiles.write(target, "one".getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(target, "two".getBytes(StandardCharsets.UTF_8));
        assertEquals("two", Files.readString(target));
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target.getParent())));
        try (var files = Files.list(target.getParent())) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void redactorMasksShapedKeysBearerTokensAndRegisteredSecrets() {
        Redactor.register("odd-secret-value-123");
        String out = Redactor.redact("key phx_AbC123xyz and Bearer abc.def-ghi and odd-secret-value-123 stay out");
        assertFalse(out.contains("phx_AbC123xyz"), out);
        assertFalse(out.contains("abc.def-ghi"), out);
        assertFalse(out.contains("odd-secret-value-123"), out);
        assertTrue(out.endsWith("stay out"), out);
    }

    @Test
    void logFormatterRedactsMessagesAndStackTraces() {
        LogRecord r = new LogRecord(Level.WARNING, "request failed for {0}");
        r.setParameters(new Object[] {"phx_CANARY0000000000"});
        r.setThrown(new IllegalStateException("boom phx_CANARY0000000000"));
        String line = new Logging.RedactingFormatter().format(r);
        assertFalse(line.contains("CANARY"), line);
        assertTrue(line.contains(Redactor.MASK), line);
    }

    @Test
    void platformFoldersFollowEachConvention() {
        Path home = Path.of("/home/ada");
        AppDirs linux = AppDirs.forPlatform("Linux", Map.of("XDG_CONFIG_HOME", "/x/cfg"), home);
        assertEquals(Path.of("/x/cfg/hoglink"), linux.configPath());
        assertEquals(home.resolve(".cache/hoglink"), linux.cachePath());
        AppDirs mac = AppDirs.forPlatform("Mac OS X", Map.of(), home);
        assertEquals(home.resolve("Library/Caches/Hoglink"), mac.cachePath());
        AppDirs win = AppDirs.forPlatform("Windows 11", Map.of("APPDATA", "C:/r", "LOCALAPPDATA", "C:/l"), home);
        assertEquals(Path.of("C:/r/Hoglink"), win.configPath());
    }
}
