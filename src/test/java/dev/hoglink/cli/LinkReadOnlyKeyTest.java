package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Capabilities;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.util.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * {@code hoglink link --apply} with a key that may not write integrations: refused before anything is sent when the
 * key's own scopes say so (as the window reads them), sent as before when they cannot be read.
 */
class LinkReadOnlyKeyTest extends CliSandboxTest {

    private static final List<String> READS = List.of("user:read", "organization:read", "project:read",
            "integration:read", "activity_log:read");

    private CliRun link(String... args) {
        return CliRun.link(Map.of(AuditCommand.KEY_VARIABLE, server.key("owner")), AppDirs.under(home), args);
    }

    private Path plan() throws Exception {
        Path file = home.resolve("plan.csv");
        CliRun plan = link("--plan", "--host", server.baseUri().toString(), "--org", SeedWorld.ACME_ORG,
                "--installation", SeedWorld.INST_ACME, "--projects", "ids:108,109", "--out", file.toString());
        assertEquals(0, plan.code(), plan.err());
        return file;
    }

    /** Becomes 1 when the first link request reaches the sandbox. */
    private AtomicInteger linksSent() {
        AtomicInteger sent = new AtomicInteger();
        server.onceBefore("POST", ".*/integrations/github/link_existing/?", sent::incrementAndGet);
        return sent;
    }

    @Test
    void aKeyWhoseScopesLackIntegrationWriteIsRefusedBeforeAnythingIsSent() throws Exception {
        Path file = plan();
        // The key's owner took integration:write away since the plan was made; the key may still read itself.
        server.setKeyScopes(server.key("owner"), java.util.stream.Stream.concat(READS.stream(),
                java.util.stream.Stream.of("personal_api_key:read")).toList());
        AtomicInteger sent = linksSent();
        CliRun apply = link("--apply", file.toString(), "--host", server.baseUri().toString());
        assertEquals(1, apply.code(), apply.err());
        assertEquals(0, sent.get(), "no link request was sent");
        String id = Files.readAllLines(file).get(1).split(",")[0];
        assertEquals("hoglink link: plan " + id + " was not applied and nothing was sent. " + Capabilities.READ_ONLY,
                apply.err().strip());
        assertTrue(apply.err().contains("it lacks integration:write"), apply.err());
        assertEquals("", apply.out(), "no result: nothing was run");
    }

    @Test
    void aKeyThatCannotReadItsScopesIsSentAsBeforeAndPostHogDecides() throws Exception {
        Path file = plan();
        server.setKeyScopes(server.key("owner"), READS); // no personal_api_key:read: @current is refused
        AtomicInteger sent = linksSent();
        CliRun apply = link("--apply", file.toString(), "--host", server.baseUri().toString());
        assertEquals(LinkCommand.NOT_ALL_LINKED, apply.code(), apply.err());
        assertEquals(1, sent.get(), "the links were sent");
        assertFalse(apply.err().contains("was not applied"), apply.err());
        assertTrue(apply.err().contains("Refused by PostHog: 2"), apply.err()); // each planned project, 403 each
    }
}
