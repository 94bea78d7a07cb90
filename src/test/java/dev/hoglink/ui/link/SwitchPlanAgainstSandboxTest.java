package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.link.LinkResult;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.link.PlanSandbox;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A switch's step 2 (unlink the old installation, which other projects still use) against the sandbox: "done." only
 * when it did what the plan said, the app staying installed for the others. Another admin unlinking the other
 * projects just before the delete arrives makes PostHog's delete the last reference and uninstall the app; the step
 * then says so instead of "done.".
 */
class SwitchPlanAgainstSandboxTest {

    private static final long WEB = 101;

    @TempDir
    Path home;
    private SandboxServer sandbox;
    private PostHogClient other;
    private PlanSandbox acme;
    private LinkService links;

    @BeforeEach
    void start() throws java.io.IOException {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        acme = new PlanSandbox(sandbox, "owner", home);
        PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .rateLimiter(RateLimiter.unlimited()).build();
        other = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .rateLimiter(RateLimiter.unlimited()).build();
        links = new LinkService(client, acme.journal, sandbox.baseUri().toString().replaceAll("/$", ""));
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    /**
     * Docs' seeded row names no installation (its config lost installation_id), so Docs uses no installation to switch
     * from: no switch is offered, nor any reason against one. On the old code it read "No switch: Docs is the last
     * project using acme, so unlinking it would also uninstall the GitHub App from acme", while Mobile and API use acme.
     */
    @Test
    void aRowNamingNoInstallationIsNotCalledTheLastProjectUsingOne() {
        LinkService.Target docs = new LinkService.Target(acme.acme, acme.projects.get(107L));
        SwitchPlan plan = new SwitchPlan(new SameThreadTaskRunner(), links, docs);
        plan.projectLinks(links.links(107));
        InstallationOption labs = links.available(107).installations().stream()
                .filter(o -> SeedWorld.INST_ACME_LABS.equals(o.installationId())).findFirst().orElseThrow();
        plan.select(new OptionRow(labs, 30, List.of()));
        assertFalse(plan.offeredProperty().get());
        assertEquals("", plan.offerTextProperty().get());
    }

    /** Web (using acme with other projects) switches to acme-labs; returns step 2's line. */
    private String switchWeb() {
        LinkService.Target web = new LinkService.Target(acme.acme, acme.projects.get(WEB));
        SwitchPlan plan = new SwitchPlan(new SameThreadTaskRunner(), links, web);
        plan.projectLinks(links.links(WEB));
        InstallationOption labs = links.available(WEB).installations().stream()
                .filter(o -> SeedWorld.INST_ACME_LABS.equals(o.installationId())).findFirst().orElseThrow();
        plan.select(new OptionRow(labs, 30, List.of()));
        assertTrue(plan.offeredProperty().get(), plan.offerTextProperty().get());
        plan.chosenProperty().set(true);
        plan.linkStarted();
        LinkResult linked = links.linkOne(web, labs);
        assertTrue(linked.linked(), linked.message());
        plan.linkAnswered(linked, () -> { });
        assertEquals(2, plan.steps().size(), plan.steps().toString());
        return plan.steps().get(1);
    }

    @Test
    void theOldInstallationUnlinkedAsPlannedIsDone() {
        assertEquals("2. Unlink acme: done.", switchWeb());
    }

    @Test
    void anUnlinkThatBecameTheLastReferenceJustBeforeTheDeleteSaysTheAppWasUninstalledNotDone() {
        GitHubLink webRow = links.links(WEB).stream().filter(l -> SeedWorld.INST_ACME.equals(l.installationId()))
                .findFirst().orElseThrow();
        sandbox.onceBefore("DELETE", "/api/projects/" + WEB + "/integrations/" + webRow.integrationId() + "/?", () -> {
            for (long p : acme.projects.keySet()) { // someone else unlinks acme everywhere else meanwhile
                if (p == WEB) {
                    continue;
                }
                for (IntegrationDto row : other.githubIntegrations(p)) {
                    if (SeedWorld.INST_ACME.equals(row.installationId())) {
                        other.deleteIntegration(p, row.id());
                    }
                }
            }
        });

        String step = switchWeb();

        assertTrue(step.startsWith("2. Unlink acme: done, not as planned: "), step);
        assertTrue(step.contains("uninstalled from acme"), step);
    }

    @Test
    void anOldRowSomeoneElseUnlinkedJustBeforeTheDeleteIsAlreadyGoneNotDone() {
        GitHubLink webRow = links.links(WEB).stream().filter(l -> SeedWorld.INST_ACME.equals(l.installationId()))
                .findFirst().orElseThrow();
        // someone else unlinks Web from acme after the step's read and before its delete: PostHog answers 404
        sandbox.onceBefore("DELETE", "/api/projects/" + WEB + "/integrations/" + webRow.integrationId() + "/?",
                () -> other.deleteIntegration(WEB, webRow.integrationId()));

        String step = switchWeb();

        assertTrue(step.startsWith("2. Unlink acme: already gone: "), step);
        assertTrue(step.contains("already disconnected from acme"), step);
        assertTrue(!step.contains("done"), step);
    }
}
