package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.sandbox.SeedWorld;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit exactly as a script runs it: {@code hoglink sandbox} as its own process with faults on (dropped
 * connections and a 429 burst, within the client's one retry budget of 3 sends a GET), and {@code hoglink audit} as another process reading the key from
 * HOGLINK_API_KEY. The output must still equal the golden export of the seeded organization, byte for byte.
 */
class AuditAgainstStandaloneSandboxTest {

    private static Process sandbox;
    /** A throw-away home: the audit's journal and request windows stay out of the user's folders. */
    private static final Path HOME = home();

    private static Path home() {
        try {
            return java.nio.file.Files.createTempDirectory("hoglink-audit-it");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
    private static Map<String, String> header;

    private static List<String> java(String... args) {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Dhoglink.home=" + HOME, "-cp",
                System.getProperty("java.class.path"), "dev.hoglink.Launcher"));
        cmd.addAll(List.of(args));
        return cmd;
    }

    @BeforeAll
    static void startSandbox() throws IOException {
        sandbox = new ProcessBuilder(java("sandbox", "--port", "0", "--faults", "drop=0.05,burst429=2,seed=11"))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader in = new BufferedReader(new InputStreamReader(sandbox.getInputStream(), StandardCharsets.UTF_8));
        header = new LinkedHashMap<>();
        while (header.size() < 1 + SeedWorld.ROLES.size()) {
            String line = in.readLine();
            if (line == null) {
                throw new AssertionError("the sandbox command ended early; printed " + header.keySet());
            }
            int eq = line.indexOf('=');
            header.put(line.substring(0, eq), line.substring(eq + 1));
        }
    }

    @AfterAll
    static void stopSandbox() throws InterruptedException {
        sandbox.destroy();
        sandbox.waitFor(10, TimeUnit.SECONDS);
    }

    private record Run(int code, String out, String err) {
    }

    private static Run audit(String key, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("audit"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(java(cmd.toArray(String[]::new)));
        pb.environment().put("HOGLINK_API_KEY", key);
        Path out = Files.createTempFile("audit-out", ".txt");
        Path err = Files.createTempFile("audit-err", ".txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertTrue(p.waitFor(90, TimeUnit.SECONDS), "the audit finished");
        return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
    }

    @Test
    void faultsDoNotChangeTheExportWhichMatchesTheGolden() throws Exception {
        Run json = audit(header.get("key.owner"), "--host", header.get("url"), "--org", SeedWorld.ACME_ORG,
                "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertEquals(Files.readString(Path.of("src/test/resources/golden/acme-inventory.json")), json.out());
        Run csv = audit(header.get("key.owner"), "--host", header.get("url"), "--org", SeedWorld.ACME_ORG,
                "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        assertEquals(Files.readString(Path.of("src/test/resources/golden/acme-inventory.csv")), csv.out());
    }

    @Test
    void aBadKeyFailsWithAPlainMessageThatNeverShowsIt() throws Exception {
        String canary = "phx_CANARYaudit000000000000000";
        Run r = audit(canary, "--host", header.get("url"), "--org", SeedWorld.ACME_ORG);
        assertEquals(1, r.code());
        assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
        assertFalse(r.err().isBlank());
        assertFalse(r.err().contains("CANARY"), r.err());
    }
}
