package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.util.AppDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code --out} is checked before anything is read or sent, and never destroys what is not a regular file. */
class OutFileTest {

    @TempDir
    Path home;
    SandboxServer server;

    @BeforeEach
    void start() throws IOException {
        server = SandboxServer.start(SandboxOptions.defaults());
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    private Map<String, String> owner() {
        return Map.of(AuditCommand.KEY_VARIABLE, server.key("owner"));
    }

    private CliRun link(String... args) {
        return CliRun.link(owner(), AppDirs.under(home.resolve("app")), args);
    }

    private CliRun audit(String... args) {
        return CliRun.audit(owner(), AppDirs.under(home.resolve("app")), args);
    }

    private long linkedTo(String installation) throws IOException {
        long n = 0;
        for (com.fasterxml.jackson.databind.JsonNode i : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(server.snapshot()).path("integrations")) {
            if ("github".equals(i.path("kind").asText())
                    && installation.equals(i.path("config").path("installation_id").asText())) {
                n++;
            }
        }
        return n;
    }

    @Test
    void aLinkRunWhoseOutIsAFolderFailsBeforeSendingAnything() throws IOException {
        Path plan = home.resolve("plan.csv");
        CliRun made = link("--plan", "--host", server.baseUri().toString(), "--installation", SeedWorld.INST_ACME,
                "--org", SeedWorld.ACME_ORG, "--out", plan.toString());
        assertEquals(0, made.code(), made.err());
        long before = linkedTo(SeedWorld.INST_ACME);
        Path folder = Files.createDirectory(home.resolve("results"));

        CliRun applied = link("--apply", plan.toString(), "--host", server.baseUri().toString(), "--out", folder.toString());
        assertEquals(1, applied.code());
        assertTrue(applied.err().contains("is a folder"), applied.err());
        assertEquals(1, applied.err().strip().lines().count(), applied.err());
        assertEquals(before, linkedTo(SeedWorld.INST_ACME), "no link was sent");
        assertTrue(Files.isDirectory(folder));
    }

    @Test
    void aDeviceIsNeverReplacedAndASymbolicLinkIsFollowed() throws IOException {
        CliRun device = audit("--host", server.baseUri().toString(), "--org", SeedWorld.ACME_ORG, "--out", "/dev/null");
        assertEquals(1, device.code());
        assertTrue(device.err().contains("not a regular file"), device.err());
        assertFalse(Files.isRegularFile(Path.of("/dev/null")), "/dev/null is still the device");

        Path real = Files.writeString(home.resolve("real.csv"), "old");
        Path link = Files.createSymbolicLink(home.resolve("link.csv"), real);
        CliRun followed = audit("--host", server.baseUri().toString(), "--org", SeedWorld.ACME_ORG, "--out", link.toString());
        assertEquals(0, followed.code(), followed.err());
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertTrue(Files.readString(real).startsWith("project_id") || Files.readString(real).contains(","),
                "the file it names has the audit");
        assertFalse(Files.readString(real).equals("old"));

        Path dangling = Files.createSymbolicLink(home.resolve("nowhere.csv"), home.resolve("missing/x.csv"));
        CliRun nowhere = audit("--host", server.baseUri().toString(), "--org", SeedWorld.ACME_ORG, "--out",
                dangling.toString());
        assertEquals(1, nowhere.code());
        assertTrue(nowhere.err().contains("symbolic link to nothing"), nowhere.err());
    }
}
