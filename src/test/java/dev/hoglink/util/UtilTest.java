package dev.hoglink.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
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
    void redactorMasksEchoedKeysUrlEncodedSpacedOutAndInAnotherCase() {
        String phx = "phx_EchoCanary0123456789abcdefXYZ";
        String odd = "OddKey-Echo-0123456789-AbCdEf";
        Redactor.register(phx);
        Redactor.register(odd);
        List<String> forms = List.of(
                phx.replace("_", "%5F"), phx.replace("_", "%5f"),
                String.join(" ", phx.split("")), String.join("\u200b", phx.split("")),
                java.net.URLEncoder.encode(odd, java.nio.charset.StandardCharsets.UTF_8).replace("-", "%2D"),
                odd.toLowerCase(java.util.Locale.ROOT), odd.toUpperCase(java.util.Locale.ROOT),
                String.join(" ", odd.toLowerCase(java.util.Locale.ROOT).split("")),
                // characters the output later removes, which would join the key back together
                String.join("\u0007", phx.split("")), String.join("\u202e", odd.split("")),
                String.join("\u001b\u0085", phx.split("")));
        for (String form : forms) {
            String out = Redactor.redact("name: " + form + " (echoed)");
            assertEquals("name: " + Redactor.MASK + " (echoed)", out, form);
        }
        assertEquals("name: Echo Canary", Redactor.redact("name: Echo Canary"), "ordinary words stay");
    }

    @Test
    void redactorMasksEchoesOfASecretHoldingAPlus() {
        String token = "OddToken+Echo/0123456789xyz";
        Redactor.register(token);
        for (String form : List.of(token.replace("+", "%2B").replace("/", "%2F"), token.toUpperCase(java.util.Locale.ROOT),
                String.join(" ", token.split("")))) {
            assertEquals("got " + Redactor.MASK + ".", Redactor.redact("got " + form + "."), form);
        }
    }

    @Test
    void printableTextDropsControlAndBidiCharactersKeepingWords() {
        assertEquals("Acme  hoglink audit: done[31mred x", PrintableText.oneLine("Acme\r\nhoglink audit: done\u001b[31mred\u202e x\u0085"));
        assertEquals("a\nb\tc", PrintableText.multiLine("a\nb\tc\u2066\u0000"));
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
