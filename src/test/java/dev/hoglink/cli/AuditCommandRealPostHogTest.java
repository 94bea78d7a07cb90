package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.ValidationException;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.util.AppDirs;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code hoglink audit} against the sandbox's models of real PostHog (docs/api-notes.md N11, N12, N20). */
class AuditCommandRealPostHogTest {

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

    CliRun audit(String role, String... args) {
        return CliRun.audit(Map.of(AuditCommand.KEY_VARIABLE, server.key(role)), AppDirs.under(home), args);
    }

    @Test
    void onAFreePlanTheHistorySaysOnceItNeedsAPaidPlanAndTheInventoryIsWhole() {
        CliRun history = audit("stark_owner", "--host", server.baseUri().toString(), "--org", SeedWorld.WAYNE_ORG,
                "--history", "--format", "json");
        assertEquals(0, history.code(), history.err());
        assertEquals(1, history.err().split("paid PostHog plan", -1).length - 1, history.err());
        assertTrue(history.out().contains(AuditService.PAID_PLAN_NOTE), history.out());
        CliRun inventory = audit("stark_owner", "--host", server.baseUri().toString(), "--org", SeedWorld.WAYNE_ORG,
                "--format", "csv");
        assertEquals(0, inventory.code(), inventory.err());
        assertTrue(inventory.out().contains("Wayne Site") && inventory.out().contains(SeedWorld.INST_WAYNE),
                inventory.out());
    }

    @Test
    void aRejectedLinkShowsWhyInWords() {
        PostHogClient owner = PostHogClient.builder(server.baseUri().toString(), ApiKey.of(server.key("owner"))).build();
        assertThrows(ValidationException.class,
                () -> owner.linkExisting(108, LinkExistingRequest.ofInstallation("12x", null)));
        CliRun r = audit("owner", "--host", server.baseUri().toString(), "--org", SeedWorld.ACME_ORG, "--history");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("rejected: the request was refused (installation or source project not valid)"),
                r.out());
    }

    @Test
    void aKeyLimitedToProjectsOrToAnOrganizationGetsANoteSayingTheAuditCoversOnlyThose() {
        CliRun projects = audit("two_projects", "--host", server.baseUri().toString(), "--org", SeedWorld.STARK_ORG,
                "--format", "csv");
        assertEquals(0, projects.code(), projects.err());
        assertTrue(projects.err().contains("note: This API key is limited to 2 projects (Stark Web, Stark API)"),
                projects.err());
        assertTrue(projects.out().contains("Stark API") && !projects.out().contains("Stark Docs"), projects.out());
        CliRun org = audit("org_scoped", "--host", server.baseUri().toString(), "--org", SeedWorld.STARK_ORG,
                "--format", "csv");
        assertEquals(0, org.code(), org.err());
        assertTrue(org.err().contains(
                "note: This API key is limited to the organization Stark Industries; other organizations are not shown."),
                org.err());
        CliRun whole = audit("stark_owner", "--host", server.baseUri().toString(), "--org", SeedWorld.STARK_ORG,
                "--format", "csv");
        assertEquals(0, whole.code(), whole.err());
        assertTrue(!whole.err().contains("limited to"), whole.err());
    }
}
