package dev.hoglink.service.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import org.junit.jupiter.api.Test;

class RepoCountsTest {

    @Test
    void aCountThatCanNoLongerBeReadIsNotShownFromAnEarlierRead() {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addProject("org", 1, "Web");
        fake.link(1, 11, "12345678", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "ada@acme.io");
        fake.setRepositories("12345678", FakeInventoryService.sampleRepos("acme", 30));
        RepoCounts counts = new RepoCounts();
        counts.linksCounting(fake, 1);
        assertEquals(30, counts.counts().get("12345678"));

        // The installation grew past what one count reads (10 pages of 500): PostHog's answers give no count now.
        fake.setRepositories("12345678", FakeInventoryService.sampleRepos("acme",
                RepoCounts.COUNT_PAGE * RepoCounts.MAX_COUNT_PAGES + 1));
        counts.forget("12345678");
        counts.linksCounting(fake, 1);
        assertNull(counts.counts().get("12345678"), "unknown, not the 30 read before");
    }

    /**
     * PostHog answers github_repos of an installation GitHub no longer answers for with its last list (the detail
     * pane shows it), so the table counts it too. On the old code only working installations were counted: the table
     * said "all" with no count beside the pane's 4 repositories.
     */
    @Test
    void anUnavailableInstallationsLastListIsCountedAsThePaneListsIt() {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addProject("org", 1, "Legacy");
        fake.link(1, 11, "555", "acme-legacy", AccountType.ORGANIZATION, LinkStatus.UNAVAILABLE, "ada@acme.io");
        fake.setRepositories("555", FakeInventoryService.sampleRepos("acme-legacy", 4));
        RepoCounts counts = new RepoCounts();
        counts.linksCounting(fake, 1);
        assertEquals(4, counts.counts().get("555"));
    }
}
