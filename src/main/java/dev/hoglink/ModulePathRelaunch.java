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
 * <p>
 * Everything here runs in the first JVM before the app's JVM is started, so it uses no lambda, method reference or
 * {@code +} on strings: each is an {@code invokedynamic} whose first call sets up the JDK's method-handle machinery,
 * and the JDK's security providers are not touched either (the class cache is named by checksums, not a digest).
 * From that JVM's start to the app's JVM's: 140 ms before, 110 ms after (packaging/README.md, "Start-up: the sixth
 * pass"); ModulePathRelaunchTest keeps the class free of {@code invokedynamic}.
 */
final class ModulePathRelaunch {

    static final String MARK = "hoglink.relaunched";
    static final List<String> FX_MODULES = List.of("javafx.controls", "javafx.fxml");

    /**
     * The desktop launch's JVM options, the same for {@code java -jar}'s child JVM, {@code mvn javafx:run} (pom.xml)
     * and the packaged launcher (packaging/build-linux.sh); DesktopLaunchOptionsTest keeps them equal. The serial
     * collector, C1 only and one compiler thread start a small interactive app sooner. The heap starts small, is
     * bounded, and is given back after a collection when more than 30% of it is free: without these the JVM sized
     * the heap from the machine's memory (a quarter of it at most, 1/64 at start: 365 MB committed on a 24 GB
     * machine for 80 MB live), and the window held 390 MB resident with 2,000 projects and the audit open
     * (packaging/bench-memory.sh; figures in packaging/README.md). Reflective calls (FXML's setters, Jackson's DTO
     * constructors) use the JVM's native accessor, not a method handle spun per method on its first call: less CPU
     * at start (packaging/README.md, "Start-up: the fifth pass"); JDK 17 ignores the property.
     */
    static final List<String> START_UP_OPTIONS = List.of("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-XX:CICompilerCount=1", "-XX:CompileThresholdScaling=0.5", "-XX:-UsePerfData", "-Xms32m", "-Xmx512m", "-XX:MinHeapFreeRatio=10",
            "-XX:MaxHeapFreeRatio=30", "-Djdk.reflect.useNativeAccessorOnly=true");

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
        Optional<String[]> arguments = ProcessHandle.current().info().arguments();
        if (arguments.isEmpty()) {
            return Optional.empty();
        }
        List<String> jvmArgs = List.of(arguments.get());
        List<Path> classPath = classPath();
        Optional<List<String>> command = command(Path.of(System.getProperty("java.home"), "bin", "java"),
                jvmArgs, classPath, Runtime.version().feature(), appArgs);
        if (command.isEmpty()) {
            return Optional.empty();
        }
        Optional<ClassCache> cache = ClassCache.forThisJvm(jvmArgs, classPath);
        List<String> cmd = new ArrayList<>(command.get());
        if (cache.isPresent()) {
            cmd.addAll(1, cache.get().options());
        }
        ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
        quietDesktopSettings(pb.environment());
        launchEnvironment(pb.environment());
        Process child;
        try {
            child = pb.start();
        } catch (IOException e) {
            return Optional.empty();
        }
        Thread stopChild = new Thread(new StopChild(child), "stop-relaunched-app");
        Runtime.getRuntime().addShutdownHook(stopChild);
        while (true) {
            try {
                int code = child.waitFor();
                try {
                    Runtime.getRuntime().removeShutdownHook(stopChild);
                } catch (IllegalStateException shuttingDown) {
                    // the hook is running or ran; nothing to undo
                }
                if (cache.isPresent()) {
                    cache.get().finish(code == 0);
                }
                return Optional.of(code);
            } catch (InterruptedException e) {
                child.destroy();
            }
        }
    }

    /**
     * The desktop launch's environment, set for {@code java -jar}'s child JVM here and by the packaged launcher
     * (packaging/build-linux.sh; DesktopLaunchOptionsTest keeps them equal); a value the user set is kept.
     * <ul>
     * <li>{@code MALLOC_ARENA_MAX=2}: glibc gives each thread that allocates natively an arena of its own, up to 8 per
     * core; the JVM, JavaFX and GTK threads then keep tens of MB resident in half-empty arenas. Two arenas cut the
     * window's resident memory with 2,000 projects and the audit open from 316 to 285 MB.</li>
     * <li>{@code GDK_GL=disable}: GTK 3 on X11 opens OpenGL when it opens the display, to choose visuals for GL
     * drawing (gdk/gdk.c's {@code gdk_gl_keys}, gdk/x11/gdkglcontext-x11.c), which loads the GL driver; without a GPU
     * that is Mesa's llvmpipe with LLVM, 55 MB resident. JavaFX never draws through GDK: it uses GTK for windows and
     * events and draws with its own pipeline, which loads GL itself when it uses it (es2). With JavaFX's software
     * pipeline the window held 255 MB with 2,000 projects loaded before, 200 MB with this
     * (packaging/bench-memory.sh; figures in packaging/README.md).</li>
     * </ul>
     */
    static final Map<String, String> START_UP_ENVIRONMENT = Map.of("MALLOC_ARENA_MAX", "2", "GDK_GL", "disable");

    /** Adds {@link #START_UP_ENVIRONMENT} to {@code env}, keeping any value already there. */
    static void launchEnvironment(Map<String, String> env) {
        for (Map.Entry<String, String> e : START_UP_ENVIRONMENT.entrySet()) {
            env.putIfAbsent(e.getKey(), e.getValue());
        }
    }

    /** Ends the app's JVM when this one is stopped (a class, not a lambda: see the class comment). */
    private static final class StopChild implements Runnable {
        private final Process child;

        StopChild(Process child) {
            this.child = child;
        }

        @Override
        public void run() {
            child.destroy();
        }
    }

    /**
     * Without a D-Bus session (containers, SSH, Xvfb):
     * <ul>
     * <li>GTK's settings backend (dconf) cannot save and warns on stderr ("failed to commit changes to dconf ...
     * dbus-launch"); GTK then keeps its settings in memory ({@code GSETTINGS_BACKEND=memory}).</li>
     * <li>GTK's accessibility bridge, loaded at {@code gtk_init} on the toolkit's start, looks for the session bus by
     * D-Bus autolaunch: it runs {@code dbus-launch --autolaunch}, which either fails (no dbus-x11) or starts a
     * session bus and an accessibility bus that outlive the app. A screen reader listens on the desktop session's
     * bus, so without one there is none to reach, and JavaFX itself gives nothing to AT-SPI on Linux (its
     * accessibility is Windows' and macOS's only). {@code NO_AT_BRIDGE=1} leaves the bridge off there: no process
     * started behind the user's back, and 5 ms less before the window (a GTK start timed alone, 30 runs).</li>
     * </ul>
     * A value the user set is kept; with a session bus nothing changes.
     */
    static void quietDesktopSettings(Map<String, String> env) {
        String bus = env.get("DBUS_SESSION_BUS_ADDRESS");
        if (bus == null || bus.isBlank()) {
            env.putIfAbsent("GSETTINGS_BACKEND", "memory");
            env.putIfAbsent("NO_AT_BRIDGE", "1");
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

    /**
     * An AppCDS archive for {@code java -jar}, as the packaged app has one: the first start records the classes it
     * loaded into a file written when the JVM exits (so that start is not slower, its exit is, by a second or
     * two), and the next starts map them. It lives beside the app jar in {@code .hoglink-cds/}, named by a hash of
     * the JVM and of every jar's path, size and time, so a rebuilt jar or another JDK gets a new one; the JVM
     * itself also refuses a stale archive, silently ({@code -Xshare:auto}). Each start records into a file of its
     * own, which the launcher renames once the app has ended normally, so two starts never write one file.
     * Off with {@code -Dhoglink.classcache=false}, when the JVM's own options already name an archive, or when the
     * folder is not writable.
     */
    static final class ClassCache {
        private final Path archive;
        private final Path recording;

        ClassCache(Path archive, Path recording) {
            this.archive = archive;
            this.recording = recording;
        }

        static Optional<ClassCache> forThisJvm(List<String> jvmArgs, List<Path> classPath) {
            if ("false".equalsIgnoreCase(System.getProperty("hoglink.classcache"))) {
                return Optional.empty();
            }
            for (String a : jvmArgs) {
                if (a.contains("SharedArchiveFile") || a.contains("ArchiveClassesAtExit") || a.startsWith("-Xshare:off")
                        || a.contains("AOTCache")) {
                    return Optional.empty();
                }
            }
            try {
                Path code = Path.of(ModulePathRelaunch.class.getProtectionDomain().getCodeSource().getLocation().toURI());
                Path folder = code.toAbsolutePath().getParent().resolve(".hoglink-cds");
                return Optional.of(at(folder, key(System.getProperty("java.home"), System.getProperty("java.vm.version"),
                        classPath), ProcessHandle.current().pid()));
            } catch (Exception e) {
                return Optional.empty();
            }
        }

        /** The cache in {@code folder} for {@code key}; {@code pid} names this start's own recording file. */
        static ClassCache at(Path folder, String key, long pid) throws IOException {
            Files.createDirectories(folder);
            if (!Files.isWritable(folder)) {
                throw new IOException(String.valueOf(folder).concat(" is not writable"));
            }
            return new ClassCache(folder.resolve("hoglink-".concat(key).concat(".jsa")),
                    folder.resolve("recording-".concat(Long.toString(pid)).concat(".jsa")));
        }

        /** A hash of the JVM and of each class-path entry's path, size and modification time. */
        static String key(String javaHome, String vmVersion, List<Path> classPath) {
            StringBuilder sb = new StringBuilder(javaHome).append('\n').append(vmVersion).append('\n');
            for (Path p : classPath) {
                sb.append(p).append('\t');
                try {
                    sb.append(Files.size(p)).append('\t').append(Files.getLastModifiedTime(p).toMillis());
                } catch (IOException e) {
                    sb.append('-');
                }
                sb.append('\n');
            }
            // Two 32-bit checksums of the text, not a cryptographic digest: the name only tells archives apart
            // (the JVM itself refuses one made for other jars), and MessageDigest's first use sets up the JDK's
            // security providers, about 30 ms of the parent JVM's time before the app's JVM is started.
            byte[] text = sb.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(text);
            java.util.zip.CRC32C crcc = new java.util.zip.CRC32C();
            crcc.update(text);
            java.util.HexFormat hex = java.util.HexFormat.of();
            return hex.toHexDigits((int) crc.getValue()).concat(hex.toHexDigits((int) crcc.getValue()));
        }

        /** The child's options: use the archive when there is one, else record one. Quiet either way. */
        List<String> options() {
            List<String> out = new ArrayList<>();
            if (Files.isRegularFile(archive)) {
                out.add("-XX:SharedArchiveFile=".concat(archive.toString()));
                out.add("-Xshare:auto");
            } else {
                out.add("-XX:ArchiveClassesAtExit=".concat(recording.toString()));
            }
            out.add("-Xlog:cds=off");
            out.add("-Xlog:cds+dynamic=off");
            return out;
        }

        /**
         * After the child ended: a recording from a normal end becomes the archive (and older archives in the
         * folder go); any other recording is deleted.
         */
        void finish(boolean endedNormally) {
            try {
                if (!Files.isRegularFile(recording)) {
                    return;
                }
                if (!endedNormally || Files.size(recording) == 0) {
                    Files.deleteIfExists(recording);
                    return;
                }
                try (var old = Files.newDirectoryStream(archive.getParent(), "hoglink-*.jsa")) {
                    for (Path p : old) {
                        if (!p.equals(archive)) {
                            Files.deleteIfExists(p);
                        }
                    }
                }
                Files.move(recording, archive, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                        java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                // the next start records again
            }
        }

        Path archive() {
            return archive;
        }
    }
}
