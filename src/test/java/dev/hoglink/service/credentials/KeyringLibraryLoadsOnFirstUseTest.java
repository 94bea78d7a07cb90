package dev.hoglink.service.credentials;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The app builds its keyring store while the window is built; the keyring library is a signed jar, and the first of
 * its classes to load makes the JVM check the jar's signature (some 100 classes of certificates and PKCS#7, and a
 * digest of the jar's manifest). Building the store must load none of it: the library loads on the first keyring
 * call, which runs on the keyring's own thread. Checked in a JVM of its own.
 */
class KeyringLibraryLoadsOnFirstUseTest {

    @TempDir
    Path dir;

    @Test
    void buildingTheSystemKeyringStoreLoadsNothingOfTheKeyringLibraryNorChecksItsSignature() throws Exception {
        Path log = dir.resolve("classes.txt");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:off", "-Xlog:class+load=info:file=" + log, "-cp", System.getProperty("java.class.path"),
                Probe.class.getName()).redirectErrorStream(true).redirectOutput(dir.resolve("out.txt").toFile());
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the probe did not end within 60 s");
        String out = Files.readString(dir.resolve("out.txt"));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("built=the system keyring"), out);
        List<String> loaded = Files.readAllLines(log).stream()
                .filter(l -> l.contains(" com.microsoft.credentialstorage.") || l.contains(" sun.security.pkcs.PKCS7 ")
                        || l.contains(" dev.hoglink.service.credentials.OsKeyringBackend "))
                .toList();
        assertEquals(0, loaded.size(), "loaded while only building the store: " + loaded.subList(0, Math.min(5, loaded.size())));
    }

    /** Builds the system store, as the app does at start, and asks nothing of it. */
    public static final class Probe {
        public static void main(String[] args) {
            KeyringCredentialStore store = KeyringCredentialStore.system();
            System.out.println("built=" + store.getClass().getSimpleName().replace("KeyringCredentialStore", "the system keyring"));
            System.exit(0);
        }
    }
}
