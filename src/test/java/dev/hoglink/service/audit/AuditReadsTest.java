package dev.hoglink.service.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.service.inventory.ProjectReads;
import dev.hoglink.support.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit over the connection's one store of reads: it takes what the window read less than 15 minutes ago
 * and reads only what is missing or stale; a report built on reads PostHog's throttle refused says it is partial,
 * counts only what it read and says when requests go again (as a time, for a live countdown, not fixed text).
 */
class AuditReadsTest {

    static final Organization ORG = new Organization("org-1", "Acme", "acme", Organization.OWNER);
    static final Instant NOW = Instant.parse("2026-08-10T12:00:00Z");

    final TestClock clock = new TestClock(NOW);
    final ProjectReads store = new ProjectReads(clock);
    final FakeInventoryService fake = new FakeInventoryService().keepReadsIn(store);

    @BeforeEach
    void seed() {
        fake.addOrganization(ORG);
        for (long id = 1; id <= 6; id++) {
            fake.addProject(ORG.id(), id, "P" + id);
        }
        fake.link(1, 11, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        fake.link(2, 12, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        fake.link(5, 15, "200", "beta", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
    }

    AuditReport audit() {
        return new AuditService(fake, null, null, clock, 2).audit("https://us.posthog.com", ORG, AuditService.Progress.NONE);
    }

    @Test
    void theAuditReadsOnlyWhatTheWindowHasNotReadOrReadMoreThanFifteenMinutesAgo() {
        // The window read 1-4: 1 and 2 twenty minutes ago (stale), 3 and 4 a minute ago.
        fake.githubLinks(1);
        fake.githubLinks(2);
        clock.advance(Duration.ofMinutes(19));
        fake.githubLinks(3);
        fake.githubLinks(4);
        clock.advance(Duration.ofMinutes(1));
        int before = fake.linkCalls().size();

        AuditReport r = audit();

        assertEquals(List.of(1L, 2L, 5L, 6L), fake.linkCalls().subList(before, fake.linkCalls().size()).stream()
                .sorted().toList(), "3 and 4 are fresh in the store");
        assertEquals(2, r.fromEarlierReads());
        assertEquals(6, r.projects().size());
        assertEquals(3, r.summary().connected());
        assertFalse(r.partial());
    }

    @Test
    void reloadReadsEveryProjectAgainTheFreshOnesToo() {
        fake.githubLinks(3);
        fake.githubLinks(4);
        AuditReport first = audit();
        assertEquals(2, first.fromEarlierReads());
        int before = fake.linkCalls().size();
        AuditReport reloaded = new AuditService(fake, null, null, clock, 2).audit("https://us.posthog.com", ORG,
                AuditService.Progress.NONE, false);
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), fake.linkCalls().subList(before, fake.linkCalls().size()).stream()
                .sorted().toList(), "Reload asks PostHog for every project, the fresh ones too");
        assertEquals(0, reloaded.fromEarlierReads());
    }

    @Test
    void whatTheAuditReadsGoesIntoTheStoreSoTheWindowSeesItFresh() {
        audit();
        assertEquals(6, store.size());
        assertEquals(NOW, store.get(5).orElseThrow().at());
        assertEquals("200", store.get(5).orElseThrow().links().get(0).installationId());
    }

    @Test
    void aReportOnReadsThePostHogThrottleRefusedSaysItIsPartialCountsOnlyWhatItReadAndWhenReadsGoAgain() {
        ServiceException throttled = ServiceException.throttled(Duration.ofSeconds(2743));
        fake.failProject(5, throttled);
        fake.failProject(6, throttled);

        AuditReport r = audit();

        assertTrue(r.partial());
        assertEquals(2, r.projectsNotRead());
        assertEquals(NOW.plusSeconds(2743), r.readsResumeAt(), "a time to count down to");
        assertEquals(1, r.installations().size(), "installation 200 is on an unread project: not counted");
        assertEquals(2, r.projects().stream().filter(p -> p.state() == ProjectState.UNKNOWN).count());
        r.problems().stream().filter(p -> p.kind() == AuditReport.ProblemKind.NOT_LOADED).forEach(p ->
                assertFalse(p.detail().matches("(?s).*\\d+ s\\b.*"), "no fixed seconds: " + p.detail()));
        assertTrue(AuditExport.inventoryJson(r).replace(" ", "").contains("\"partial\":true"),
                AuditExport.inventoryJson(r));
    }

    @Test
    void aWholeReportIsNotPartialAndNamesNoTimeToWaitFor() {
        AuditReport r = audit();
        assertFalse(r.partial());
        assertNull(r.readsResumeAt());
        assertFalse(AuditExport.inventoryJson(r).contains("partial"));
    }
}
