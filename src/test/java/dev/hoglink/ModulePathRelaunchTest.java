package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

        Map<String, String> desktop = new HashMap<>(Map.of("DBUS_SESSION_BUS_ADDRESS", "unix:path=/run/user/1/bus"));
        ModulePathRelaunch.quietDesktopSettings(desktop);
        assertFalse(desktop.containsKey("GSETTINGS_BACKEND"), "a real desktop keeps dconf");
    }
}
