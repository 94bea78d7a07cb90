package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The desktop app's JVM is started three ways: by {@code java -jar} (its child JVM, see ModulePathRelaunch), by
 * {@code mvn javafx:run}, and by the packaged launcher (packaging/build-linux.sh). Each gets the same collector and
 * a bounded heap, so resident memory stays bounded however the app is started (packaging/bench-memory.sh measures
 * it); without a bound the JVM may grow its heap to a quarter of the machine's memory.
 */
class DesktopLaunchOptionsTest {

    @Test
    void theLaunchOptionsChooseACollectorAndBoundTheHeap() {
        List<String> o = ModulePathRelaunch.START_UP_OPTIONS;
        assertTrue(o.stream().anyMatch(a -> a.matches("-XX:\\+Use(Serial|G1|Parallel)GC")), o.toString());
        assertTrue(o.stream().anyMatch(a -> a.matches("-Xmx\\d+[mMgG]")), "no heap bound in " + o);
    }

    @Test
    void javaJarsChildJvmGetsTheLaunchOptionsBeforeTheUsersOwn() {
        List<String> cmd = ModulePathRelaunch.command(Path.of("/jdk/bin/java"), List.of("-Xmx1g", "-jar", "hoglink.jar"),
                List.of(Path.of("/app/hoglink.jar"), Path.of("/app/lib/javafx-graphics-21-linux.jar")), 17, List.of())
                .orElseThrow();
        assertEquals(ModulePathRelaunch.START_UP_OPTIONS, cmd.subList(1, 1 + ModulePathRelaunch.START_UP_OPTIONS.size()));
        assertTrue(cmd.indexOf("-Xmx1g") > ModulePathRelaunch.START_UP_OPTIONS.size(), "the user's own -Xmx comes later and wins");
    }

    @Test
    void mvnJavafxRunAndThePackagedLauncherUseTheSameOptions() throws Exception {
        String pom = Files.readString(Path.of("pom.xml"));
        Matcher plugin = Pattern.compile("<artifactId>javafx-maven-plugin</artifactId>.*?</plugin>", Pattern.DOTALL).matcher(pom);
        assertTrue(plugin.find(), "javafx-maven-plugin in pom.xml");
        List<String> run = new ArrayList<>();
        Matcher option = Pattern.compile("<option>([^<]+)</option>").matcher(plugin.group());
        while (option.find()) {
            run.add(option.group(1).trim());
        }
        assertEquals(ModulePathRelaunch.START_UP_OPTIONS, run, "mvn javafx:run's <options>");

        String build = Files.readString(Path.of("packaging/build-linux.sh"));
        Matcher common = Pattern.compile("(?m)^COMMON='([^']*)'").matcher(build);
        assertTrue(common.find(), "COMMON= in build-linux.sh");
        assertEquals(ModulePathRelaunch.START_UP_OPTIONS, List.of(common.group(1).trim().split("\\s+")), "the packaged launcher's");
    }

    @Test
    void javaJarsChildJvmAndThePackagedLauncherSetTheSameEnvironmentUnlessTheUserChoseOtherwise() throws Exception {
        assertEquals(java.util.Map.of("MALLOC_ARENA_MAX", "2", "GDK_GL", "disable"), ModulePathRelaunch.START_UP_ENVIRONMENT);
        java.util.Map<String, String> env = new java.util.HashMap<>();
        ModulePathRelaunch.launchEnvironment(env);
        assertEquals(ModulePathRelaunch.START_UP_ENVIRONMENT, env);
        env.put("MALLOC_ARENA_MAX", "4");
        env.put("GDK_GL", "always");
        ModulePathRelaunch.launchEnvironment(env);
        assertEquals("4", env.get("MALLOC_ARENA_MAX"), "the user's own value stays");
        assertEquals("always", env.get("GDK_GL"), "the user's own value stays");
        String build = Files.readString(Path.of("packaging/build-linux.sh"));
        ModulePathRelaunch.START_UP_ENVIRONMENT.forEach((name, value) -> assertTrue(
                build.contains("export " + name + "=${" + name + ":-" + value + "}"), "the packaged launcher exports " + name));
        // Without a session bus both set what quietDesktopSettings sets, keeping the user's own values.
        java.util.Map<String, String> noBus = new java.util.HashMap<>();
        ModulePathRelaunch.quietDesktopSettings(noBus);
        assertEquals(java.util.Map.of("GSETTINGS_BACKEND", "memory", "NO_AT_BRIDGE", "1"), noBus);
        assertTrue(build.contains("if [ -z \"$DBUS_SESSION_BUS_ADDRESS\" ]; then"), "the launcher's no-bus branch");
        assertTrue(build.contains("[ -n \"$GSETTINGS_BACKEND\" ] || export GSETTINGS_BACKEND=memory"), "GSETTINGS_BACKEND");
        assertTrue(build.contains("export NO_AT_BRIDGE=${NO_AT_BRIDGE:-1}"), "NO_AT_BRIDGE");
    }
}
