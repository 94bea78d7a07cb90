package dev.hoglink.support;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.sandbox.SeedWorld;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Hoglink's commands as a script runs them: each its own process of the launcher, with a throw-away home (journal,
 * request windows and plans stay out of the user's folders), and {@code hoglink sandbox} as a standalone server
 * whose header (url, one key per seeded role) the tests read.
 */
public final class CliProcesses {

    private final Path home;

    private CliProcesses(Path home) {
        this.home = home;
    }

    /** Commands with a fresh temporary home named after {@code prefix}. */
    public static CliProcesses withTemporaryHome(String prefix) {
        try {
            return new CliProcesses(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    public Path home() {
        return home;
    }

    /** The command line that runs {@code hoglink ARGS} on this test's class path. */
    public List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dhoglink.home=" + home, "-cp",
                System.getProperty("java.class.path"), "dev.hoglink.Launcher"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** A finished command: its exit code, standard output and standard error. */
    public record Run(int code, String out, String err) {
    }

    /** Runs {@code hoglink ARGS} with {@code HOGLINK_API_KEY} set to {@code key} (none when null), to its end. */
    public Run run(String key, String... args) throws Exception {
        Started s = start(key, args);
        assertTrue(s.process().waitFor(90, TimeUnit.SECONDS), "the command finished");
        return s.finished();
    }

    /** A command still running, its output going to files. */
    public record Started(Process process, Path out, Path err) {
        public Run finished() throws IOException {
            return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
        }
    }

    /** Starts {@code hoglink ARGS} with {@code HOGLINK_API_KEY} set to {@code key} (none when null). */
    public Started start(String key, String... args) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(java(args));
        if (key != null) {
            pb.environment().put("HOGLINK_API_KEY", key);
        }
        Path out = Files.createTempFile("hoglink-out", ".txt");
        Path err = Files.createTempFile("hoglink-err", ".txt");
        return new Started(pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start(), out, err);
    }

    /** {@code hoglink sandbox --port 0 EXTRA…} as its own process, once it has printed its url and keys. */
    public Sandbox sandbox(String... extra) throws IOException {
        List<String> args = new ArrayList<>(List.of("sandbox", "--port", "0"));
        args.addAll(List.of(extra));
        Process p = new ProcessBuilder(java(args.toArray(String[]::new)))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
        Map<String, String> header = new LinkedHashMap<>();
        while (header.size() < 1 + SeedWorld.ROLES.size()) {
            String line = in.readLine();
            if (line == null) {
                p.destroy();
                throw new AssertionError("the sandbox command ended early; printed " + header.keySet());
            }
            int eq = line.indexOf('=');
            header.put(line.substring(0, eq), line.substring(eq + 1));
        }
        return new Sandbox(p, Collections.unmodifiableMap(header));
    }

    /** A standalone sandbox process: its header is {@code url=…} and {@code key.ROLE=…} per seeded role. */
    public record Sandbox(Process process, Map<String, String> header) implements AutoCloseable {
        public String url() {
            return header.get("url");
        }

        public String key(String role) {
            return header.get("key." + role);
        }

        @Override
        public void close() throws InterruptedException {
            process.destroy();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
