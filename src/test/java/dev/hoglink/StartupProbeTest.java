package dev.hoglink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StartupProbeTest {

    @TempDir
    Path dir;

    @Test
    void theProcessAgeIsTheUptimeMinusTheStartTicksEvenWithSpacesAndParenthesesInTheName() throws Exception {
        // pid (comm) state ppid ... field 22 is starttime; the name here holds ") (" to trip a naive split
        StringBuilder stat = new StringBuilder("4242 (java) (x y) S");
        for (int field = 4; field <= 21; field++) {
            stat.append(' ').append(field);
        }
        stat.append(" 123456 99 98\n");
        Path s = Files.writeString(dir.resolve("stat"), stat);
        Path u = Files.writeString(dir.resolve("uptime"), "1236.78 2000.00\n");
        assertEquals(OptionalLong.of(1_236_780 - 1_234_560), StartupProbe.processAgeMillis(s, u));
    }

    @Test
    void withoutProcThereIsNoAge() {
        assertTrue(StartupProbe.processAgeMillis(dir.resolve("missing"), dir.resolve("missing")).isEmpty());
    }

    @Test
    void onLinuxTheAgeAgreesWithTheJvmsOwnStartTime() {
        Path stat = Path.of("/proc/self/stat");
        Assumptions.assumeTrue(Files.isReadable(stat), "Linux's /proc");
        long jmx = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
        long age = StartupProbe.processAgeMillis(stat, Path.of("/proc/uptime")).orElseThrow();
        // the process exists a little before the JVM records its start; both clocks tick in 10 ms or finer
        assertTrue(age >= jmx - 50 && age <= jmx + 1_000, "age " + age + " ms, JVM uptime " + jmx + " ms");
    }

    @Test
    void eachThreadsCpuTimeIsItsSchedstatsFirstFieldSummedByNameAndTheCallersIsKeptApart() throws Exception {
        Path tasks = Files.createDirectories(dir.resolve("task"));
        task(tasks, "11", "JavaFX Applicat", "520123456 65400000 300");
        task(tasks, "12", "C1 CompilerThre", "400999999 1 1");
        task(tasks, "13", "C1 CompilerThre", "12000000 1 1");
        task(tasks, "14", "main", "not a number");
        var cpu = StartupProbe.threadCpuMillis(tasks.resolve("11"), tasks);
        assertEquals(520L, cpu.get(StartupProbe.SELF));
        assertEquals(65L, cpu.get(StartupProbe.SELF_WAITING));
        assertEquals(520L, cpu.get("JavaFX Applicat"));
        assertEquals(412L, cpu.get("C1 CompilerThre"));
        assertTrue(!cpu.containsKey("main"), cpu.toString());
    }

    @Test
    void withoutProcThereIsNoCpuTime() {
        assertTrue(StartupProbe.threadCpuMillis(dir.resolve("missing"), dir.resolve("missing")).isEmpty());
    }

    @Test
    void onLinuxThisThreadsCpuTimeIsThere() {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux's /proc");
        var cpu = StartupProbe.threadCpuMillis(Path.of("/proc/thread-self"), Path.of("/proc/self/task"));
        long jmx = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() / 1_000_000L;
        long mine = cpu.get(StartupProbe.SELF);
        assertTrue(mine > 0 && mine <= jmx + 50, "schedstat " + mine + " ms, JMX " + jmx + " ms");
    }

    /** Marks the window, then the rows, as the app's first frames do: run in a process of its own (the rows end it). */
    public static final class TwoMarks {
        public static void main(String[] args) {
            StartupProbe.windowShown();
            StartupProbe.firstRows();
            System.exit(3); // not reached when the rows mark ends the process
        }
    }

    @Test
    void theWindowsFiguresReadOffItsThreadAreAllPrintedBeforeTheRowsFiguresEndTheProcess()
            throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(Path.of("/proc/self/task")), "Linux's /proc");
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TwoMarks.class.getName());
        pb.environment().put("HOGLINK_STARTUP_PROBE", Long.toString(System.currentTimeMillis()));
        pb.environment().remove("HOGLINK_STARTUP_EXIT");
        pb.environment().remove("HOGLINK_STARTUP_TRACE");
        Process p = pb.redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        String err = new String(p.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        java.util.List<String> keys = err.lines().filter(l -> l.startsWith("startup."))
                .map(l -> l.substring(0, l.indexOf('='))).toList();
        // Each mark's figures once; the window's (read on a thread of their own) all before the rows' (the bench
        // takes the last *_fx_cpu_ms line as the process's own), none lost when the rows mark halts the process.
        assertEquals(java.util.Set.of("startup.window_ms", "startup.rows_ms",
                "startup.window_jvm_ms", "startup.window_fx_cpu_ms", "startup.window_jit_cpu_ms",
                "startup.rows_jvm_ms", "startup.rows_fx_cpu_ms", "startup.rows_jit_cpu_ms"),
                java.util.Set.copyOf(keys), err);
        assertEquals(8, keys.size(), err);
        assertEquals(java.util.List.of("startup.rows_jvm_ms", "startup.rows_fx_cpu_ms", "startup.rows_jit_cpu_ms"),
                keys.subList(5, 8), err);
        assertTrue(keys.indexOf("startup.window_ms") < keys.indexOf("startup.rows_ms"), err);
        long windowJvm = Long.parseLong(err.lines().filter(l -> l.startsWith("startup.window_jvm_ms="))
                .findFirst().orElseThrow().split("=")[1]);
        long rowsJvm = Long.parseLong(err.lines().filter(l -> l.startsWith("startup.rows_jvm_ms="))
                .findFirst().orElseThrow().split("=")[1]);
        assertTrue(windowJvm <= rowsJvm + 10, "the window's age is taken at its mark, not when it was read: " + err);
    }

    private static void task(Path tasks, String id, String comm, String schedstat) throws Exception {
        Path t = Files.createDirectories(tasks.resolve(id));
        Files.writeString(t.resolve("comm"), comm + "\n");
        Files.writeString(t.resolve("schedstat"), schedstat + "\n");
    }
}
