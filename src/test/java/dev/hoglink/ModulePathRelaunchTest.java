package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.nio.file.Files;
import java.nio.file.attribute.FileTime;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModulePathRelaunchTest {

    private static final Path JAVA = Path.of("/jdk/bin/java");
    private static final List<Path> CLASS_PATH = List.of(Path.of("/app/hoglink.jar"),
            Path.of("/app/lib/javafx-base-21-linux.jar"), Path.of("/app/lib/jackson-core.jar"),
            Path.of("/app/lib/javafx-controls-21-linux.jar"));

    @Test
    void javaFxGoesOnTheModulePathAndTheRestOnTheClassPath() {
        List<String> cmd = ModulePathRelaunch.command(JAVA,
                List.of("-Dhoglink.home=/h", "-Xmx256m", "-jar", "/app/hoglink.jar", "--sandbox"),
                CLASS_PATH, 17, List.of("--sandbox")).orElseThrow();
        assertEquals("/jdk/bin/java", cmd.get(0));
        int mp = cmd.indexOf("--module-path");
        assertEquals("/app/lib/javafx-base-21-linux.jar" + File.pathSeparator + "/app/lib/javafx-controls-21-linux.jar",
                cmd.get(mp + 1));
        assertEquals("javafx.controls,javafx.fxml", cmd.get(cmd.indexOf("--add-modules") + 1));
        assertEquals("/app/hoglink.jar" + File.pathSeparator + "/app/lib/jackson-core.jar", cmd.get(cmd.indexOf("-cp") + 1));
        assertEquals(List.of(Launcher.class.getName(), "--sandbox"), cmd.subList(cmd.size() - 2, cmd.size()));
        assertTrue(cmd.contains("-Dhoglink.home=/h") && cmd.contains("-Xmx256m"), "the JVM's own options are kept");
        assertTrue(cmd.indexOf("-Xmx256m") > cmd.indexOf("-XX:+UseSerialGC"), "own options come later, so they win");
        assertTrue(cmd.contains("-D" + ModulePathRelaunch.MARK + "=true"), "the child does not relaunch again");
        assertFalse(cmd.contains("-jar"));
        assertFalse(cmd.stream().anyMatch(a -> a.startsWith("--enable-native-access")), "not on JDK 17");
    }

    @Test
    void onNewerJdksNativeAccessAndOffHeapMemoryAreAllowedWithoutWarnings() {
        List<String> cmd = ModulePathRelaunch.command(JAVA, List.of("-jar", "x.jar"), CLASS_PATH, 25, List.of())
                .orElseThrow();
        assertTrue(cmd.contains("--enable-native-access=javafx.graphics,ALL-UNNAMED"), cmd.toString());
        assertTrue(cmd.contains("--sun-misc-unsafe-memory-access=allow"), cmd.toString());
    }

    @Test
    void theClassPathOfTheOldCommandIsDroppedAndValuedOptionsKeepTheirValue() {
        assertEquals(List.of("-Da=1", "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-Db=2"),
                ModulePathRelaunch.ownOptions(List.of("-Da=1", "-cp", "x:y", "--add-opens",
                        "java.base/java.lang=ALL-UNNAMED", "-Db=2", "dev.hoglink.Launcher", "-Dnot=an-option")));
    }

    @Test
    void withoutJavaFxJarsThereIsNothingToRelaunch() {
        assertTrue(ModulePathRelaunch.command(JAVA, List.of("-jar", "x.jar"), List.of(Path.of("/app/hoglink.jar")),
                17, List.of()).isEmpty());
    }

    @Test
    void withoutADesktopSessionBusGtkKeepsItsSettingsInMemory() {
        Map<String, String> env = new HashMap<>();
        ModulePathRelaunch.quietDesktopSettings(env);
        assertEquals("memory", env.get("GSETTINGS_BACKEND"));
        assertEquals("1", env.get("NO_AT_BRIDGE"), "no D-Bus autolaunch for an accessibility bus nobody listens on");

        Map<String, String> desktop = new HashMap<>(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1/bus"));
        ModulePathRelaunch.quietDesktopSettings(desktop);
        assertFalse(desktop.containsKey("GSETTINGS_BACKEND"), "a real desktop keeps dconf");
        assertFalse(desktop.containsKey("NO_AT_BRIDGE"), "a real desktop keeps its accessibility bridge");

        Map<String, String> chosen = new HashMap<>(Map.of("NO_AT_BRIDGE", "0", "GSETTINGS_BACKEND", "keyfile"));
        ModulePathRelaunch.quietDesktopSettings(chosen);
        assertEquals(Map.of("NO_AT_BRIDGE", "0", "GSETTINGS_BACKEND", "keyfile"), chosen, "the user's own values stay");
    }

    @TempDir
    Path dir;

    @Test
    void theClassCacheIsRecordedOnTheFirstStartAndUsedOnTheNext() throws Exception {
        Path folder = dir.resolve(".hoglink-cds");
        ModulePathRelaunch.ClassCache first = ModulePathRelaunch.ClassCache.at(folder, "k1", 100);
        assertTrue(first.options().contains("-XX:ArchiveClassesAtExit=" + folder.resolve("recording-100.jsa")),
                first.options().toString());
        Files.writeString(folder.resolve("recording-100.jsa"), "archive bytes");
        first.finish(true);
        assertTrue(Files.isRegularFile(first.archive()));
        assertFalse(Files.exists(folder.resolve("recording-100.jsa")));

        ModulePathRelaunch.ClassCache next = ModulePathRelaunch.ClassCache.at(folder, "k1", 101);
        assertTrue(next.options().contains("-XX:SharedArchiveFile=" + first.archive()), next.options().toString());
        assertTrue(next.options().contains("-Xshare:auto"), "a refused archive is skipped silently");
        next.finish(true);
        assertTrue(Files.isRegularFile(first.archive()), "a start that used the archive leaves it");
    }

    @Test
    void aRecordingFromAnAbnormalEndIsDroppedAndANewArchiveReplacesTheOldOnes() throws Exception {
        Path folder = dir.resolve(".hoglink-cds");
        ModulePathRelaunch.ClassCache killed = ModulePathRelaunch.ClassCache.at(folder, "k1", 7);
        Files.writeString(folder.resolve("recording-7.jsa"), "half an archive");
        killed.finish(false);
        assertFalse(Files.exists(killed.archive()));
        assertFalse(Files.exists(folder.resolve("recording-7.jsa")));

        Files.writeString(folder.resolve("hoglink-old.jsa"), "for an older jar");
        ModulePathRelaunch.ClassCache fresh = ModulePathRelaunch.ClassCache.at(folder, "k2", 8);
        Files.writeString(folder.resolve("recording-8.jsa"), "archive bytes");
        fresh.finish(true);
        assertTrue(Files.isRegularFile(fresh.archive()));
        assertFalse(Files.exists(folder.resolve("hoglink-old.jsa")));
    }

    @Test
    void theCacheKeyChangesWithTheJdkAndWithEveryJarsSizeOrTime() throws Exception {
        Path jar = Files.writeString(dir.resolve("a.jar"), "v1");
        List<Path> cp = List.of(jar);
        String k = ModulePathRelaunch.ClassCache.key("/jdk17", "17.0.15", cp);
        assertEquals(k, ModulePathRelaunch.ClassCache.key("/jdk17", "17.0.15", cp));
        assertFalse(k.equals(ModulePathRelaunch.ClassCache.key("/jdk25", "25.0.3", cp)));
        Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis() + 5_000));
        assertFalse(k.equals(ModulePathRelaunch.ClassCache.key("/jdk17", "17.0.15", cp)), "a rebuilt jar");
    }

    /**
     * The first JVM's path runs no invokedynamic (lambdas, method references, string +), whose first bootstrap
     * costs that JVM's start time before the app's JVM is started.
     */
    @Test
    void theRelaunchPathHasNoInvokedynamic() throws Exception {
        for (Class<?> c : List.of(ModulePathRelaunch.class, ModulePathRelaunch.ClassCache.class)) {
            String bytes;
            try (var in = c.getResourceAsStream(c.getSimpleName().equals("ClassCache")
                    ? "ModulePathRelaunch$ClassCache.class" : "ModulePathRelaunch.class")) {
                bytes = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.ISO_8859_1);
            }
            // A class with any invokedynamic has a BootstrapMethods attribute, whose name is in its constant pool.
            for (String name : List.of("BootstrapMethods", "java/security/MessageDigest")) {
                assertFalse(bytes.contains(name), c.getName() + " refers to " + name);
            }
        }
    }
}
