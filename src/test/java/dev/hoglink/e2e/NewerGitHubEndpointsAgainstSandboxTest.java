package dev.hoglink.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ThrottledException;
import dev.hoglink.api.ValidationException;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.link.LinkService;
import java.net.URI;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** prepare_callback and github_repos/refresh through the real client and services (docs/api-notes.md N15). */
class NewerGitHubEndpointsAgainstSandboxTest {

    @TempDir
    Path dir;
    E2e e2e;

    @BeforeEach
    void start() {
        e2e = E2e.start();
    }

    @AfterEach
    void stop() {
        e2e.close();
    }

    private IntegrationDto starkApiRow() {
        return e2e.client("stark_owner").githubIntegrations(SeedWorld.STARK_API).get(0);
    }

    @Test
    void manageOnGitHubPreparesTheCallbackThenGivesTheInstallationsSettingsPage() {
        LinkService links = new LinkService(e2e.client("stark_owner"), new ActionJournal(dir.resolve("j.jsonl"),
                e2e.clock), e2e.server.baseUri().toString());
        IntegrationDto row = starkApiRow();
        GitHubLink link = HttpInventoryService.link(row);
        long before = e2e.server.knobs().requestsServed();
        URI page = links.manageOnGitHub(new LinkService.Target(new Organization(SeedWorld.STARK_ORG, "Stark Industries",
                "stark-industries", 15), new Project(SeedWorld.STARK_API, "Stark API", SeedWorld.STARK_ORG, null)), link);
        assertEquals(1, e2e.server.knobs().requestsServed() - before, "one POST to prepare_callback");
        assertEquals("github.com", page.getHost());
        assertTrue(page.getPath().endsWith("/settings/installations/" + SeedWorld.INST_STARK), page.toString());
        ValidationException bad = E2e.fails(ValidationException.class, () -> e2e.client("stark_owner")
                .prepareGitHubCallback(SeedWorld.STARK_API, "12x", null));
        assertEquals("Invalid installation_id", bad.detail());
        assertEquals(AccountType.fromGitHub(row.config().account().type()), link.accountType());
        assertEquals(LinkStatus.CONNECTED, link.status());
    }

    @Test
    void refreshListsTheRepositoriesAndTheEleventhInAMinuteIsThrottled() {
        IntegrationDto row = starkApiRow();
        e2e.server.knobs().setThrottle(true);
        int n = e2e.client("stark_owner").refreshGitHubRepos(SeedWorld.STARK_API, row.id()).repositories().size();
        assertTrue(n > 0, "the installation's repositories");
        for (int i = 1; i < 10; i++) {
            e2e.client("stark_owner").refreshGitHubRepos(SeedWorld.STARK_API, row.id());
        }
        ThrottledException t = E2e.fails(ThrottledException.class, () -> e2e.builder(e2e.server.key("stark_owner"))
                .rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .retryPolicy(dev.hoglink.api.RetryPolicy.none()).build()
                .refreshGitHubRepos(SeedWorld.STARK_API, row.id()));
        assertEquals(429, t.status());
        assertTrue(t.retryAfter() != null && t.retryAfter().toSeconds() > 0, "PostHog says how long to wait");
    }
}
