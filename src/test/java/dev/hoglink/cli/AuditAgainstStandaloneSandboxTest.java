package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.support.CliProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The audit exactly as a script runs it: {@code hoglink sandbox} as its own process with faults on (dropped
 * connections and a 429 burst, within the client's one retry budget of 3 sends a GET), and {@code hoglink audit} as another process reading the key from
 * HOGLINK_API_KEY. The output must still equal the golden export of the seeded organization, byte for byte.
 */
class AuditAgainstStandaloneSandboxTest {

    /** A throw-away home: the audit's journal and request windows stay out of the user's folders. */
    private static final CliProcesses CLI = CliProcesses.withTemporaryHome("hoglink-audit-it");
    private static CliProcesses.Sandbox sandbox;
    private static Map<String, String> header;

    @BeforeAll
    static void startSandbox() throws IOException {
        sandbox = CLI.sandbox("--faults", "drop=0.05,burst429=2,seed=11");
        header = sandbox.header();
    }

    @AfterAll
    static void stopSandbox() throws InterruptedException {
        sandbox.close();
    }

    private static CliProcesses.Run audit(String key, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("audit"));
        cmd.addAll(List.of(args));
        return CLI.run(key, cmd.toArray(String[]::new));
    }

    @Test
    void faultsDoNotChangeTheExportWhichMatchesTheGolden() throws Exception {
        CliProcesses.Run json = audit(header.get("key.owner"), "--host", header.get("url"), "--org", SeedWorld.ACME_ORG,
                "--format", "json");
        assertEquals(0, json.code(), json.err());
        assertEquals(Files.readString(Path.of("src/test/resources/golden/acme-inventory.json")), json.out());
        CliProcesses.Run csv = audit(header.get("key.owner"), "--host", header.get("url"), "--org", SeedWorld.ACME_ORG,
                "--format", "csv");
        assertEquals(0, csv.code(), csv.err());
        assertEquals(Files.readString(Path.of("src/test/resources/golden/acme-inventory.csv")), csv.out());
    }

    @Test
    void aBadKeyFailsWithAPlainMessageThatNeverShowsIt() throws Exception {
        String canary = "phx_CANARYaudit000000000000000";
        CliProcesses.Run r = audit(canary, "--host", header.get("url"), "--org", SeedWorld.ACME_ORG);
        assertEquals(1, r.code());
        assertTrue(r.out().isEmpty(), "nothing on stdout: " + r.out());
        assertFalse(r.err().isBlank());
        assertFalse(r.err().contains("CANARY"), r.err());
    }
}
