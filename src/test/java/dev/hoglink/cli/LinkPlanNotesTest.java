package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.util.AppDirs;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A plan of fewer projects than asked says why, as the audit does, never silently. */
class LinkPlanNotesTest {

    @TempDir
    Path home;

    @Test
    void aPlanPathThatIsAFolderOrMissingSaysSoInOneLine() throws java.io.IOException {
        for (String[] c : new String[][] {{home.toString(), " is a folder, not a Hoglink link plan"},
                {home.resolve("nope.csv").toString(), "there is no plan file "}}) {
            CliRun r = CliRun.link(Map.of(AuditCommand.KEY_VARIABLE, "phx_x"), AppDirs.under(home.resolve("app")),
                    "--apply", c[0]);
            String e = r.err();
            assertEquals(1, r.code(), e);
            assertTrue(e.contains(c[1]) && e.strip().lines().count() == 1, e);
        }
    }

    @Test
    void aRefusedKeyReadsAsTheAuditSaysIt() throws java.io.IOException {
        SandboxServer server = SandboxServer.start(SandboxOptions.defaults());
        try {
            CliRun r = CliRun.link(Map.of(AuditCommand.KEY_VARIABLE, "phx_CANARYnotARealKey0000000000000000"),
                    AppDirs.under(home), "--plan", "--host", server.baseUri().toString(), "--installation",
                    SeedWorld.INST_ACME);
            String e = r.err();
            assertEquals(1, r.code(), e);
            assertTrue(e.startsWith("hoglink link: ") && e.contains("did not accept this API key"), e);
            assertTrue(!e.contains("CANARY"), e);
        } finally {
            server.stop();
        }
    }

    @Test
    void aKeyLimitedToProjectsSaysSoAndNamesTheAskedProjectsItCannotRead() throws java.io.IOException {
        SandboxServer server = SandboxServer.start(SandboxOptions.defaults());
        try {
            CliRun r = CliRun.link(Map.of(AuditCommand.KEY_VARIABLE, server.key("two_projects")), AppDirs.under(home),
                    "--plan", "--host", server.baseUri().toString(), "--installation", SeedWorld.INST_STARK, "--org",
                    SeedWorld.STARK_ORG, "--projects",
                    "ids:" + SeedWorld.STARK_WEB + "," + SeedWorld.STARK_API + "," + SeedWorld.STARK_DOCS);
            String e = r.err();
            assertEquals(0, r.code(), e);
            assertTrue(e.contains("limited to 2 projects"), e);
            assertTrue(e.contains("hoglink link: project id " + SeedWorld.STARK_DOCS + " is not among the projects of "
                    + "Stark Industries this key can read; the plan leaves it out"), e);
            assertTrue(e.contains("the installation's source project (id " + SeedWorld.STARK_WEB_STAGING + ") cannot be read "
                    + "with this key"), "the plan goes on without the source's health, and says so: " + e);
            String plan = r.out();
            assertTrue(plan.contains(String.valueOf(SeedWorld.STARK_WEB)) && !plan.contains(SeedWorld.STARK_DOCS + ","),
                    plan);
        } finally {
            server.stop();
        }
    }
}
