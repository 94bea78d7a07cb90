package dev.hoglink.service.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ActivityLog;
import dev.hoglink.api.PostHogApi;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.service.audit.AuditReport.Problem;
import dev.hoglink.service.audit.AuditReport.ProblemKind;
import dev.hoglink.service.inventory.FakeInventoryService;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.nio.file.Path;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import org.junit.jupiter.api.io.TempDir;
import java.lang.reflect.Proxy;
import org.junit.jupiter.api.Test;

/**
 * The audit's problems, which the window lists and the JSON export writes, name an environment by its own name with
 * its project beside it (environments are often named alike: "Production"), not "Stark Web / Stark Web Staging".
 */
class EnvironmentProblemsTest {

    private static final Organization ORG = new Organization("org-s", "Stark Industries", "stark", Organization.OWNER);

    private static FakeInventoryService stark() {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        fake.addProject(ORG.id(), 401, "Stark Web");
        fake.addProject(new Project(402, "Stark Web / Stark Web Staging", ORG.id(), null, 401L, "Stark Web Staging"));
        fake.link(402, 12, "10000009", "stark", AccountType.ORGANIZATION, LinkStatus.TOKEN_ERROR, "Fay");
        fake.link(402, 13, "10000010", "stark-old", AccountType.ORGANIZATION, LinkStatus.UNAVAILABLE, "Fay");
        return fake;
    }

    @Test
    void aProblemOfAnEnvironmentNamesItAndItsProject() {
        FakeInventoryService fake = stark();
        Instant now = Instant.parse("2026-08-10T12:00:00Z");
        AuditReport r = new AuditService(fake, null, null, Clock.fixed(now, ZoneOffset.UTC), 2)
                .audit("https://us.posthog.com", ORG, AuditService.Progress.NONE);

        String named = "Stark Web Staging (environment of project Stark Web (id 401))";
        Problem token = r.problems().stream().filter(p -> p.kind() == ProblemKind.TOKEN_REFRESH_ERROR).findFirst()
                .orElseThrow();
        assertEquals(named + ": token refresh failed for stark", token.title());
        Problem gone = r.problems().stream().filter(p -> p.kind() == ProblemKind.INSTALLATION_UNAVAILABLE).findFirst()
                .orElseThrow();
        assertEquals("The GitHub App was uninstalled or suspended on GitHub. Used by " + named
                + ". Check it on GitHub, or connect GitHub again.", gone.detail());
        assertFalse(AuditExport.inventoryJson(r).contains("Stark Web / "), AuditExport.inventoryJson(r));
    }

    @Test
    void theHistorysNoteNamesAnEnvironmentCutShortTheSameWay() {
        PostHogApi api = (PostHogApi) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {PostHogApi.class}, (proxy, method, args) -> {
                    if (method.getName().equals("integrationActivityLog")) {
                        return new ActivityLog(List.of(), (Long) args[0] == 402L);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        AuditReport r = new AuditService(stark(), api, null, Clock.fixed(Instant.parse("2026-08-10T12:00:00Z"),
                ZoneOffset.UTC), 2).audit("https://us.posthog.com", ORG, AuditService.Progress.NONE);
        assertTrue(r.activityLogNote().endsWith(": Stark Web Staging (environment of project Stark Web (id 401))."),
                r.activityLogNote());
    }

    @Test
    void aJournalLineOfAnEnvironmentReadsInTheHistoryAndItsProblemAsTheOtherProblemsDo(@TempDir Path dir)
            throws java.io.IOException {
        Instant now = Instant.parse("2026-08-10T12:00:00Z");
        ActionJournal journal = new ActionJournal(dir.resolve("journal.jsonl"), Clock.fixed(now, ZoneOffset.UTC));
        journal.append(JournalEntry.builder(JournalEntry.Action.LINK, JournalEntry.Outcome.FAILED)
                .time(now.minusSeconds(60)).host("https://us.posthog.com").organization(ORG.id(), ORG.name())
                .project(402L, "Stark Web / Stark Web Staging").installationId("10000009")
                .error("installation_access_denied", "No access").build());
        AuditReport r = new AuditService(stark(), null, journal, Clock.fixed(now, ZoneOffset.UTC), 2)
                .audit("https://us.posthog.com", ORG, AuditService.Progress.NONE);
        String named = "Stark Web Staging (environment of project Stark Web (id 401))";
        assertEquals(List.of(named), r.history().stream().map(AuditReport.HistoryEntry::projectName).toList());
        Problem failed = r.problems().stream().filter(p -> p.kind() == ProblemKind.RECENT_FAILURE).findFirst()
                .orElseThrow();
        assertEquals("Link for " + named + " failed", failed.title());
        assertTrue(AuditExport.historyCsv(r, r.history()).contains(",402,Stark Web Staging,10000009,this computer,link,"
                + "failed,installation_access_denied: No access,401,Stark Web"), AuditExport.historyCsv(r, r.history()));
    }
}
