package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Sharing;
import dev.hoglink.service.audit.AuditExport;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.InstallationAudit;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.ui.audit.AuditViewModel;
import dev.hoglink.ui.audit.DiagramGroup;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One installation, one answer to "is it shared?" in the projects table, the detail pane, the audit and the
 * exports. PostHog's installation_shared counts rows of every organization (docs/api-notes.md NH35), so an
 * installation one project of this organization uses and one project of another organization uses too reads
 * "elsewhere" in the table; the audit and the exports said it was not shared at all, with no word for it.
 */
class OneSharingRuleTest {

    static final Organization ACME = new Organization("org-1", "Acme", "acme", Organization.OWNER);
    static final Organization GLOBEX = new Organization("org-2", "Globex", "globex", Organization.OWNER);

    @TempDir
    Path tmp;
    InventoryCache cache;

    @AfterEach
    void flushCache() {
        if (cache != null) {
            assertTrue(cache.flush(Duration.ofSeconds(10)), "the cache writer finished");
        }
    }

    /** Acme: Web uses 100, which Globex's Shop uses too; Mobile and API share 200; Labs alone uses 300. */
    static FakeInventoryService world() {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(ACME);
        fake.addOrganization(GLOBEX);
        fake.addProject(ACME.id(), 1, "Web");
        fake.addProject(ACME.id(), 2, "Mobile");
        fake.addProject(ACME.id(), 3, "API");
        fake.addProject(ACME.id(), 4, "Labs");
        fake.addProject(GLOBEX.id(), 9, "Shop");
        fake.link(1, 11, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        fake.link(9, 19, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Gil");
        fake.link(2, 12, "200", "acme-apps", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        fake.link(3, 13, "200", "acme-apps", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ben");
        fake.link(4, 14, "300", "acme-labs", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ben");
        return fake;
    }

    @Test
    void anInstallationSharedOnlyWithAnotherOrganizationReadsElsewhereInTheTableTheDetailTheAuditAndTheExports()
            throws Exception {
        FakeInventoryService fake = world();
        assertTrue(fake.githubLinks(1).get(0).shared(), "PostHog's flag: Globex's Shop uses the installation");

        cache = new InventoryCache(tmp);
        InventoryViewModel vm = new InventoryViewModel(new SameThreadTaskRunner(), cache, Clock.systemUTC(), 4);
        vm.connect("https://us.posthog.com", fake, null);
        assertEquals(ACME, vm.selectedOrganizationProperty().get());
        Map<Long, ProjectRowViewModel> rows = new java.util.HashMap<>();
        vm.rows().forEach(r -> rows.put(r.id(), r));
        assertEquals(4, rows.size(), "Acme's projects only");

        AuditReport audit = new AuditService(fake, null, null, Clock.systemUTC(), 2)
                .audit("https://us.posthog.com", ACME, AuditService.Progress.NONE);
        JsonNode json = new ObjectMapper().readTree(AuditExport.inventoryJson(audit));
        Map<String, JsonNode> jsonInstallations = new java.util.HashMap<>();
        json.path("installations").forEach(i -> jsonInstallations.put(i.path("installation_id").asText(), i));
        Map<Long, List<String>> csv = csvByProject(AuditExport.inventoryCsv(audit));

        // Web: only PostHog's flag says it is shared.
        ProjectRowViewModel web = rows.get(1L);
        assertEquals("elsewhere", web.sharingText(), "the table's Shared column");
        assertTrue(web.isShared(), "the Shared filter and icon");
        vm.selectedRowProperty().set(web);
        GitHubLink webLink = vm.detail().links().get(0);
        assertEquals("shared elsewhere", vm.detail().sharing(webLink).description(), "the detail pane");
        assertTrue(LinkCards.metaText(webLink, vm.detail().sharing(webLink), ZoneOffset.UTC).endsWith("shared elsewhere"),
                LinkCards.metaText(webLink, vm.detail().sharing(webLink), ZoneOffset.UTC));
        assertEquals(web.sharingTip(), vm.detail().sharing(webLink).tip(), "the cell's and the card's tips");
        InstallationAudit i100 = installation(audit, "100");
        assertFalse(i100.shared(), "the audit's own shared keeps its meaning: one project of Acme");
        assertTrue(i100.sharedElsewhere(), "the audit says elsewhere, as the table does");
        assertEquals("elsewhere", i100.sharing().word());
        assertEquals(1, audit.summary().sharedElsewhere(), "the Shared tile's note and the summary");
        assertEquals(1, audit.summary().shared(), "200 is shared in Acme");
        assertFalse(jsonInstallations.get("100").path("shared").asBoolean(true));
        assertTrue(jsonInstallations.get("100").path("shared_elsewhere").asBoolean(false), "JSON");
        assertEquals(1, json.path("summary").path("shared_elsewhere").asInt());
        assertEquals("1", csv.get(1L).get(AuditExport.INVENTORY_COLUMNS.indexOf("installation_projects")));
        assertEquals("true", csv.get(1L).get(AuditExport.INVENTORY_COLUMNS.indexOf("installation_shared_elsewhere")),
                "CSV");
        AuditViewModel window = new AuditViewModel(new SameThreadTaskRunner(), Runnable::run, null, null,
                ZoneOffset.UTC);
        window.show(audit);
        assertEquals(1, window.sharedProperty().get(), "the Shared tile: installations shared in Acme");
        assertEquals("+1 elsewhere", window.sharedNoteProperty().get(), "the Shared tile's note");
        DiagramGroup group100 = window.diagram().stream().filter(g -> g.key().equals("100")).findFirst().orElseThrow();
        window.select(group100);
        assertTrue(window.selectedDetailProperty().get().contains("· shared elsewhere\n" + Sharing.ELSEWHERE_MEANS),
                "the diagram's detail: " + window.selectedDetailProperty().get());

        // Mobile: shared in Acme; Labs: alone. Every place agrees on those too.
        ProjectRowViewModel mobile = rows.get(2L);
        assertEquals("1 other project", mobile.sharingText());
        vm.selectedRowProperty().set(mobile);
        assertEquals("shared with 1 other project", vm.detail().sharing(vm.detail().links().get(0)).description());
        InstallationAudit i200 = installation(audit, "200");
        assertTrue(i200.shared());
        assertFalse(i200.sharedElsewhere());
        assertTrue(jsonInstallations.get("200").path("shared").asBoolean(false));
        assertFalse(jsonInstallations.get("200").path("shared_elsewhere").asBoolean(true));
        assertEquals("false", csv.get(2L).get(AuditExport.INVENTORY_COLUMNS.indexOf("installation_shared_elsewhere")));

        ProjectRowViewModel labs = rows.get(4L);
        assertEquals("only this project", labs.sharingText());
        assertFalse(labs.isShared());
        vm.selectedRowProperty().set(labs);
        assertEquals("only this project", vm.detail().sharing(vm.detail().links().get(0)).description());
        InstallationAudit i300 = installation(audit, "300");
        assertFalse(i300.shared());
        assertFalse(i300.sharedElsewhere());
        assertEquals("only this project", i300.sharing().word());
        assertFalse(jsonInstallations.get("300").path("shared_elsewhere").asBoolean(true));
    }

    /** The detail pane's word for a link follows the loaded rows, as the table's count does. */
    @Test
    void theDetailPaneCountsTheSameLoadedRowsAsTheTable() {
        cache = new InventoryCache(tmp);
        InventoryViewModel vm = new InventoryViewModel(new SameThreadTaskRunner(), cache, Clock.systemUTC(), 4);
        vm.connect("https://us.posthog.com", world(), null);
        for (ProjectRowViewModel row : List.copyOf(vm.rows())) {
            vm.selectedRowProperty().set(row);
            assertEquals(row.sharing(), vm.detail().sharing(row.primaryLink()), row.name());
        }
    }

    private static InstallationAudit installation(AuditReport r, String id) {
        return r.installations().stream().filter(i -> i.installationId().equals(id)).findFirst().orElseThrow();
    }

    private static Map<Long, List<String>> csvByProject(String csv) {
        Map<Long, List<String>> out = new java.util.HashMap<>();
        String[] lines = csv.split("\r?\n");
        assertEquals(String.join(",", AuditExport.INVENTORY_COLUMNS), lines[0]);
        for (int n = 1; n < lines.length; n++) {
            List<String> f = List.of(lines[n].split(",", -1));
            assertEquals(AuditExport.INVENTORY_COLUMNS.size(), f.size(), lines[n]);
            out.put(Long.parseLong(f.get(AuditExport.INVENTORY_COLUMNS.indexOf("project_id"))), f);
        }
        return out;
    }
}
