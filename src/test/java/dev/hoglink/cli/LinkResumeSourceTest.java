package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.util.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code hoglink link --apply} run again after the plan's source project lost the installation: it sends from the
 * project PostHog offers now, and says so after the run, in its result as on standard error.
 */
class LinkResumeSourceTest extends CliSandboxTest {

    @Test
    void aResumeSentFromAnotherSourceSaysWhichAndTheResultNamesItPerRow() throws Exception {
        Map<String, String> env = Map.of(AuditCommand.KEY_VARIABLE, server.key("owner"));
        AppDirs dirs = AppDirs.under(home.resolve("app"));
        String host = server.baseUri().toString();
        CliRun planned = CliRun.link(env, dirs, "--plan", "--host", host, "--installation",
                SeedWorld.INST_SECRET_ORPHAN, "--org", SeedWorld.ACME_ORG, "--projects", "ids:108-110");
        assertEquals(0, planned.code(), planned.err());
        assertTrue(planned.out().contains(",124,Secret Lab,"), planned.out());
        Path plan = home.resolve("plan.csv");
        Files.writeString(plan, planned.out());
        PostHogClient other = PostHogClient.builder(host, ApiKey.of(server.key("owner"))).build();
        long secretLabRow = other.githubIntegrations(124).get(0).id();
        server.onceBefore("POST", "/api/projects/109/integrations/github/link_existing/?",
                () -> other.deleteIntegration(124, secretLabRow));
        CliRun first = CliRun.link(env, dirs, "--apply", plan.toString(), "--host", host);
        assertEquals(LinkCommand.NOT_ALL_LINKED, first.code(), first.err());
        assertFalse(first.err().contains("sent from"), first.err());
        assertTrue(first.out().contains(",refused,") && first.out().contains(",source_gone,124,Secret Lab"), first.out());

        CliRun again = CliRun.link(env, dirs, "--apply", plan.toString(), "--host", host);

        assertEquals(0, again.code(), again.err());
        assertTrue(again.err().contains("hoglink link: sent from Checkout (id 108), the project PostHog offers the "
                + "installation from now; the plan named Secret Lab (id 124)"), again.err());
        assertTrue(again.out().contains(",linked,108,Checkout"), again.out());
    }
}
