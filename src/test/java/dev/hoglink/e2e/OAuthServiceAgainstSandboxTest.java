package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.service.PostHogHost;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The OAuth service against the sandbox where the wizard's window is not the point. */
class OAuthServiceAgainstSandboxTest {

    final E2e e2e = E2e.start();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        e2e.close();
    }

    @Test
    void reauthorisingAnInstallationTheProjectAlreadyUsesIsRecognisedThoughPostHogKeepsTheRow() {
        OAuthService service = new OAuthService(e2e.client("owner"), PostHogHost.parse(e2e.server.baseUri().toString()),
                true, Set.of(), new ActionJournal(dir.resolve("j.jsonl"), e2e.clock), e2e.clock, e2e.sleeper);
        Project web = new Project(102, "Web staging", SeedWorld.ACME_ORG, E2e.START);
        long before = e2e.client("owner").githubIntegrations(102).stream()
                .filter(r -> SeedWorld.INST_ACME.equals(r.installationId())).findFirst().orElseThrow().id();

        OAuthService.Launch launch = service.mint(new Organization(SeedWorld.ACME_ORG, "Acme", "acme", 15), web,
                SeedWorld.INST_ACME);
        e2e.clock.advance(java.time.Duration.ofSeconds(2));
        e2e.approve(launch.url().toString(), "approve");
        OAuthService.WatchResult r = service.watch(launch, p -> { });

        assertEquals(OAuthService.Status.COMPLETED, r.status(), r.message());
        assertEquals(before, r.link().integrationId(), "PostHog updates the row in place");
        List<IntegrationDto> rows = e2e.client("owner").githubIntegrations(102);
        assertEquals(1, rows.stream().filter(x -> SeedWorld.INST_ACME.equals(x.installationId())).count());
    }
}
