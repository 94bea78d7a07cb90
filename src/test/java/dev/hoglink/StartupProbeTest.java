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

    private static void task(Path tasks, String id, String comm, String schedstat) throws Exception {
        Path t = Files.createDirectories(tasks.resolve(id));
        Files.writeString(t.resolve("comm"), comm + "\n");
        Files.writeString(t.resolve("schedstat"), schedstat + "\n");
    }
}
