package dev.hoglink.service.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import dev.hoglink.service.audit.AuditReport.InstallationAudit;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.service.audit.AuditReport.Usage;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The exports name an environment as the window does: its own name as the name, its project in columns of their own
 * ({@code environment_of_project_id}, {@code environment_of_project}). They wrote "Stark Web / Stark Web Staging".
 */
class EnvironmentNamesInExportsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Organization ORG = new Organization("org-s", "Stark Industries", "stark", Organization.OWNER);
    private static final Instant AT = Instant.parse("2026-05-02T10:20:00Z");
    private static final Project WEB = new Project(401, "Stark Web", "org-s", null);
    private static final Project STAGING = new Project(402, "Stark Web / Stark Web Staging", "org-s", null, 401L,
            "Stark Web Staging");
    private static final GitHubLink LINK = new GitHubLink(12, "10000009", "stark", AccountType.ORGANIZATION, "all",
            LinkStatus.CONNECTED, false, "Fay Owner", AT, "");

    private static AuditReport report() {
        List<ProjectAudit> projects = List.of(new ProjectAudit(WEB, List.of(), ProjectState.NOT_CONNECTED, ""),
                new ProjectAudit(STAGING, List.of(LINK), ProjectState.CONNECTED, ""));
        InstallationAudit inst = new InstallationAudit("10000009", "stark", AccountType.ORGANIZATION,
                LinkStatus.CONNECTED, List.of(new Usage(402, STAGING.name(), 12, LinkStatus.CONNECTED, "", "Fay Owner",
                AT)));
        List<HistoryEntry> history = List.of(
                new HistoryEntry(AT, AuditReport.Source.POSTHOG, 402L, STAGING.name(), "10000009", "fay@stark.test",
                        "link_completed", "", ""),
                new HistoryEntry(AT.plusSeconds(60), AuditReport.Source.JOURNAL, 401L, "Stark Web", "10000009",
                        "Fay Owner", "link", "ok", ""));
        return new AuditReport("https://us.posthog.com", ORG, projects, List.of(inst),
                new AuditReport.Summary(2, 1, 1, 1, 0, 0), List.of(), history, true, "", "");
    }

    @Test
    void theInventoryCsvNamesAnEnvironmentByItsOwnNameAndItsProjectInTwoLastColumns() {
        List<String> lines = AuditExport.inventoryCsv(report()).lines().toList();
        assertTrue(lines.get(0).endsWith(",installation_shared_elsewhere,environment_of_project_id,environment_of_project"),
                "added last, so readers by position keep working: " + lines.get(0));
        assertEquals("10000009,stark,Organization,connected,1,402,Stark Web Staging,connected,12,connected,,Fay Owner,"
                + "2026-05-02T10:20:00Z,false,401,Stark Web", lines.get(1));
        assertEquals(",,,,,401,Stark Web,not_connected,,,,,,,,", lines.get(2), "a project leaves them empty");
        assertFalse(String.join("\n", lines).contains(" / "), lines.toString());
    }

    @Test
    void theInventoryJsonSaysTheSameWithNullForAProject() throws Exception {
        JsonNode root = JSON.readTree(AuditExport.inventoryJson(report()));
        JsonNode usage = root.path("installations").get(0).path("projects").get(0);
        assertEquals("Stark Web Staging", usage.path("project_name").asText());
        assertEquals(401, usage.path("environment_of_project_id").asLong());
        assertEquals("Stark Web", usage.path("environment_of_project").asText());
        JsonNode web = root.path("projects").get(0);
        JsonNode staging = root.path("projects").get(1);
        assertEquals("Stark Web", web.path("name").asText());
        assertTrue(web.path("environment_of_project_id").isNull() && web.path("environment_of_project").isNull(),
                web.toString());
        assertEquals("Stark Web Staging", staging.path("name").asText());
        assertEquals(401, staging.path("environment_of_project_id").asLong());
        assertEquals("Stark Web", staging.path("environment_of_project").asText());
    }

    @Test
    void theHistoryExportsNameAnEnvironmentAsTheInventoryDoes() throws Exception {
        AuditReport r = report();
        List<String> lines = AuditExport.historyCsv(r, r.history()).lines().toList();
        assertTrue(lines.get(0).endsWith(",detail,environment_of_project_id,environment_of_project"), lines.get(0));
        assertEquals("2026-05-02T10:20:00Z,posthog,402,Stark Web Staging,10000009,fay@stark.test,link_completed,,,"
                + "401,Stark Web", lines.get(1));
        assertEquals("2026-05-02T10:21:00Z,journal,401,Stark Web,10000009,Fay Owner,link,ok,,,", lines.get(2));
        JsonNode entries = JSON.readTree(AuditExport.historyJson(r, r.history())).path("entries");
        assertEquals("Stark Web Staging", entries.get(0).path("project_name").asText());
        assertEquals(401, entries.get(0).path("environment_of_project_id").asLong());
        assertEquals("Stark Web", entries.get(0).path("environment_of_project").asText());
        assertTrue(entries.get(1).path("environment_of_project_id").isNull(), entries.get(1).toString());
        assertTrue(entries.get(1).has("environment_of_project") && entries.get(1).path("environment_of_project").isNull());
    }

    @Test
    void aHistoryRowOfAProjectTheAuditNoLongerListsKeepsTheNameItWasWrittenWith() {
        AuditReport r = report();
        HistoryEntry gone = new HistoryEntry(AT, AuditReport.Source.JOURNAL, 999L, "Old Site", "10000009", "Fay Owner",
                "unlink", "ok", "");
        String csv = AuditExport.historyCsv(r, List.of(gone));
        assertTrue(csv.lines().anyMatch(l -> l.equals("2026-05-02T10:20:00Z,journal,999,Old Site,10000009,Fay Owner,"
                + "unlink,ok,,,")), csv);
    }
}
