package dev.hoglink.service.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.sandbox.World;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.PlanJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member's level on an environment that is not its project's main one (Stark Web Staging, 402, of Stark Web, 401)
 * is the environment's own, as PostHog decides it (docs/api-notes.md NM2): Cy, a member of Stark, is a plain member of
 * Stark Web and admin of its staging environment by a rule of the environment. The window's read and the plan's read
 * both ask the environment's own detail and say 8 there, 1 on the project.
 */
class PlanEnvironmentLevelAgainstSandboxTest {

    /** No team uses it, so every target's level decides its row and is read. */
    static final String UNUSED_INSTALLATION = "424242";

    @TempDir
    Path home;
    SandboxServer sandbox;
    HttpInventoryService inventory;
    PlanService plans;
    Organization stark;
    Map<Long, Project> rows;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        sandbox.addMembership(SeedWorld.STARK_ORG, SeedWorld.CY, World.LEVEL_MEMBER);
        sandbox.restrictTeam(SeedWorld.STARK_WEB, Map.of(SeedWorld.CY, World.LEVEL_MEMBER));
        sandbox.setMemberAccess(SeedWorld.STARK_WEB_STAGING, SeedWorld.CY, World.ACCESS_ADMIN);
        PostHogClient client = PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("member")))
                .rateLimiter(RateLimiter.unlimited()).build();
        inventory = new HttpInventoryService(client);
        ActionJournal journal = new ActionJournal(home.resolve("journal.jsonl"), Clock.systemUTC());
        LinkService links = new LinkService(client, journal, sandbox.baseUri().toString().replaceAll("/$", ""));
        plans = new PlanService(client, links, new PlanJournal(home.resolve("plans")), Clock.systemUTC());
        stark = inventory.organizations().stream().filter(o -> o.id().equals(SeedWorld.STARK_ORG)).findFirst()
                .orElseThrow();
        rows = new java.util.LinkedHashMap<>();
        inventory.projects(stark.id()).forEach(p -> rows.put(p.id(), p));
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    @Test
    void theWindowsReadGivesTheEnvironmentItsOwnLevel() {
        Project staging = rows.get((long) SeedWorld.STARK_WEB_STAGING);
        assertEquals(Long.valueOf(SeedWorld.STARK_WEB), staging.parentId(), "an environment row of Stark Web");
        assertEquals(8, inventory.projectLevel(staging));
        assertEquals(1, inventory.projectLevel(rows.get((long) SeedWorld.STARK_WEB)));
    }

    @Test
    void aMembersPlanReadsTheEnvironmentsOwnLevelWithOneReadPerTarget() {
        List<LinkPlanner.Target> targets = List.of(
                new LinkPlanner.Target(rows.get((long) SeedWorld.STARK_WEB), List.of()),
                new LinkPlanner.Target(rows.get((long) SeedWorld.STARK_WEB_STAGING), List.of()));
        long before = sandbox.knobs().requestsServed();
        List<LinkPlanner.Target> read = plans.withProjectLevels(stark, UNUSED_INSTALLATION, targets);
        assertEquals(2, sandbox.knobs().requestsServed() - before, "one read per target");
        assertEquals(List.of(1, 8), read.stream().map(LinkPlanner.Target::projectLevel).toList());
        assertTrue(PlanService.levelDecides(UNUSED_INSTALLATION, targets.get(1)), "the environment's counts");
    }
}
