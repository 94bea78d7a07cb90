package dev.hoglink;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.Attributes;
import java.util.jar.JarFile;

/**
 * JavaFX supports only being loaded as named modules; from the class path it prints "Unsupported JavaFX
 * configuration: classes were loaded from 'unnamed module'". {@code java -jar hoglink.jar} can only give the JVM a
 * class path, so when the GUI is asked for and JavaFX is not in the boot layer, the launcher starts the app again
 * in a child JVM with the JavaFX jars on the module path (as JavaFX's documentation recommends for non-modular
 * apps), the rest on the class path, the same JVM options, and waits for it. The packaged app (JavaFX linked into
 * its runtime) and {@code mvn javafx:run} (JavaFX on the module path) never relaunch.
 * {@code -Dhoglink.relaunch=false} turns this off.
 */
final class ModulePathRelaunch {

    static final String MARK = "hoglink.relaunched";
    static final List<String> FX_MODULES = List.of("javafx.controls", "javafx.fxml");

    /** Options the packaged app also uses: they start a small interactive app sooner (see packaging/README.md). */
    static final List<String> START_UP_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-XX:-UsePerfData");

    private static final Set<String> CLASS_PATH_FLAGS = Set.of("-cp", "-classpath", "--class-path");
    private static final Set<String> FLAGS_WITH_VALUE = Set.of("-p", "--module-path", "--upgrade-module-path",
            "--add-modules", "--limit-modules", "--add-reads", "--add-exports", "--add-opens", "--patch-module",
            "--enable-native-access");

    private ModulePathRelaunch() {
    }

    /** Whether this JVM should start the GUI in a child JVM (JavaFX not a named module here, not turned off). */
    static boolean wanted() {
        return ModuleLayer.boot().findModule("javafx.graphics").isEmpty()
                && System.getProperty(MARK) == null
                && !"false".equalsIgnoreCase(System.getProperty("hoglink.relaunch"));
    }

    /**
     * Runs the GUI in a child JVM and returns its exit code, or empty when that is not possible here (the JavaFX
     * jars or this process's command line cannot be found); the caller then starts the GUI in this JVM.
     */
    static Optional<Integer> run(List<String> appArgs) {
        Optional<List<String>> jvmArgs = ProcessHandle.current().info().arguments().map(List::of);
        if (jvmArgs.isEmpty()) {
            return Optional.empty();
        }
        Optional<List<String>> command = command(Path.of(System.getProperty("java.home"), "bin", "java"),
                jvmArgs.get(), classPath(), Runtime.version().feature(), appArgs);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        ProcessBuilder pb = new ProcessBuilder(command.get()).inheritIO();
        quietDesktopSettings(pb.environment());
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            return Optional.empty();
        }
        Thread stopChild = new Thread(child::destroy, "stop-relaunched-app");
        Runtime.getRuntime().addShutdownHook(stopChild);
        while (true) {
            try {
                int code = child.waitFor();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopChild);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or ran; nothing to undo
                }
                return Optional.of(code);
            } catch (InterruptedException e) {
                child.destroy();
            }
        }
    }

    /**
     * Without a D-Bus session (containers, SSH, Xvfb) GTK's settings backend (dconf) cannot save and warns on
     * stderr ("failed to commit changes to dconf ... dbus-launch"); GTK then keeps its settings in memory.
     */
    static void quietDesktopSettings(Map<String, String> env) {
        String bus = env.get("DBUS_SESSION_BUS_ADDRESS");
        if ((bus == null || bus.isBlank()) && !env.containsKey("GSETTINGS_BACKEND")) {
            env.put("GSETTINGS_BACKEND", "memory");
        }
    }

    /**
     * The child's command line: {@code java}, the start-up options, this JVM's own options (they come later, so
     * they win), the JavaFX jars on the module path, the rest of the class path, the main class and the app's
     * arguments. Empty when no JavaFX jar is on the class path.
     *
     * @param jvmArgs   this process's arguments after the executable (e.g. {@code -Dx=1 -jar hoglink.jar --sandbox})
     * @param classPath the full class path, the jar manifest's Class-Path included
     */
    static Optional<List<String>> command(Path java, List<String> jvmArgs, List<Path> classPath, int feature,
                                          List<String> appArgs) {
        List<String> modulePath = new ArrayList<>();
        List<String> rest = new ArrayList<>();
        for (Path p : classPath) {
            String name = p.getFileName() == null ? "" : p.getFileName().toString();
            if (name.startsWith("javafx-") && name.endsWith(".jar")) {
                modulePath.add(p.toString());
            } else {
                rest.add(p.toString());
            }
        }
        if (modulePath.isEmpty()) {
            return Optional.empty();
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(java.toString());
        cmd.addAll(START_UP_OPTIONS);
        if (feature >= 22) {
            // JavaFX and JNA (the keyring) load native libraries; JDK 22+ warns unless they are allowed to.
            cmd.add("--enable-native-access=javafx.graphics,ALL-UNNAMED");
        }
        if (feature >= 23) {
            // JavaFX 21's Marlin renderer allocates off-heap with sun.misc.Unsafe; JDK 24+ warns on first use.
            cmd.add("--sun-misc-unsafe-memory-access=allow");
        }
        cmd.addAll(ownOptions(jvmArgs));
        cmd.add("-D" + MARK + "=true");
        cmd.add("--module-path");
        cmd.add(String.join(File.pathSeparator, modulePath));
        cmd.add("--add-modules");
        cmd.add(String.join(",", FX_MODULES));
        cmd.add("-cp");
        cmd.add(String.join(File.pathSeparator, rest));
        cmd.add(Launcher.class.getName());
        cmd.addAll(appArgs);
        return Optional.of(cmd);
    }

    /** This JVM's options from its arguments: everything before the main class or {@code -jar}, minus the class path. */
    static List<String> ownOptions(List<String> jvmArgs) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < jvmArgs.size(); i++) {
            String a = jvmArgs.get(i);
            if (a.equals("-jar") || !a.startsWith("-")) {
                break;
            }
            if (CLASS_PATH_FLAGS.contains(a)) {
                i++;
            } else if (a.startsWith("--class-path=")) {
                continue;
            } else if (FLAGS_WITH_VALUE.contains(a) && i + 1 < jvmArgs.size()) {
                out.add(a);
                out.add(jvmArgs.get(++i));
            } else {
                out.add(a);
            }
        }
        return out;
    }

    /** {@code java.class.path}, with the Class-Path of each jar's manifest (as {@code java -jar} reads it). */
    static List<Path> classPath() {
        Set<Path> out = new LinkedHashSet<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (e.isEmpty()) {
                continue;
            }
            Path p = Path.of(e).toAbsolutePath().normalize();
            out.add(p);
            if (p.toString().endsWith(".jar") && Files.isRegularFile(p)) {
                out.addAll(manifestClassPath(p));
            }
        }
        return new ArrayList<>(out);
    }

    private static List<Path> manifestClassPath(Path jar) {
        List<Path> out = new ArrayList<>();
        try (JarFile f = new JarFile(jar.toFile())) {
            String cp = f.getManifest() == null ? null
                    : f.getManifest().getMainAttributes().getValue(Attributes.Name.CLASS_PATH);
            if (cp != null) {
                for (String entry : cp.trim().split("\\s+")) {
                    Path p = jar.resolveSibling(entry).normalize();
                    if (Files.exists(p)) {
                        out.add(p);
                    }
                }
            }
        } catch (IOException e) {
            // an unreadable jar adds nothing; the JVM itself would have skipped it too
        }
        return out;
    }
}
