package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.audit.AuditExport;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.FakeInventoryService;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One fact, one answer: the table row, the detail pane, the audit (states, tiles, problems) and the CSV/JSON
 * exports all say the same about each project, because they all read {@link ProjectState}.
 */
class OneStateRuleTest {

    static final Organization ORG = new Organization("org-1", "Acme", "acme", Organization.OWNER);

    @Test
    void tableDetailAuditAndExportsAgreeOnEveryProject() throws Exception {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        Map<Long, Project> projects = new HashMap<>();
        projects.put(1L, fake.addProject(ORG.id(), 1, "Connected"));
        fake.link(1, 11, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        projects.put(2L, fake.addProject(ORG.id(), 2, "No GitHub"));
        projects.put(3L, fake.addProject(ORG.id(), 3, "Row without installation"));
        fake.link(3, 13, "", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        projects.put(4L, fake.addProject(ORG.id(), 4, "Working row and one without installation"));
        fake.link(4, 14, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        fake.link(4, 24, "", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        projects.put(5L, fake.addProject(ORG.id(), 5, "Token error"));
        fake.link(5, 15, "200", "acme-data", AccountType.ORGANIZATION, LinkStatus.TOKEN_ERROR, "Ben");
        projects.put(6L, fake.addProject(ORG.id(), 6, "Unavailable beside a working row"));
        fake.link(6, 16, "300", "acme-legacy", AccountType.ORGANIZATION, LinkStatus.UNAVAILABLE, "Ben");
        fake.link(6, 26, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ben");

        AuditReport audit = new AuditService(fake, null, null, Clock.systemUTC(), 2)
                .audit("https://us.posthog.com", ORG, AuditService.Progress.NONE);
        JsonNode json = new ObjectMapper().readTree(AuditExport.inventoryJson(audit));
        Map<Long, JsonNode> jsonProjects = new HashMap<>();
        json.path("projects").forEach(p -> jsonProjects.put(p.path("project_id").asLong(), p));
        Map<Long, String> csvStates = new HashMap<>();
        for (String line : AuditExport.inventoryCsv(audit).split("\r?\n")) {
            String[] f = line.split(",", -1);
            if (f.length > 7 && f[5].matches("\\d+")) {
                csvStates.merge(Long.parseLong(f[5]), f[7], (a, b) -> {
                    assertEquals(a, b, "one project state per project in the CSV");
                    return a;
                });
            }
        }

        int tableProblems = 0;
        for (AuditReport.ProjectAudit pa : audit.projects()) {
            List<GitHubLink> links = fake.githubLinks(pa.id());
            ProjectRowViewModel row = new ProjectRowViewModel(projects.get(pa.id()));
            row.showLinks(links, Map.of(), false);
            String name = pa.name();
            assertEquals(RowState.of(pa.state()), row.state(), name + ": table and audit");
            assertEquals(pa.state().label(), row.state().label(), name);
            assertEquals(pa.state().wireName(), jsonProjects.get(pa.id()).path("state").asText(), name + ": JSON");
            assertEquals(pa.state().wireName(), csvStates.get(pa.id()), name + ": CSV");
            for (GitHubLink l : links) {
                assertTrue(ProjectDetailViewModel.linkStatusText(l).startsWith(l.state().label()),
                        name + ": the detail pane says " + ProjectDetailViewModel.linkStatusText(l));
            }
            JsonNode rows = jsonProjects.get(pa.id()).path("integrations");
            for (int i = 0; i < rows.size(); i++) {
                long integration = rows.get(i).path("integration_id").asLong();
                GitHubLink l = links.stream().filter(k -> k.integrationId() == integration).findFirst().orElseThrow();
                assertEquals(l.state().wireName(), rows.get(i).path("status").asText(), name + ": JSON row status");
            }
            if (row.state().isProblem()) {
                tableProblems++;
            }
        }
        assertEquals(List.of(ProjectState.CONNECTED, ProjectState.NOT_CONNECTED, ProjectState.NO_INSTALLATION,
                        ProjectState.NO_INSTALLATION, ProjectState.TOKEN_ERROR, ProjectState.UNAVAILABLE),
                audit.projects().stream().map(AuditReport.ProjectAudit::state).toList());
        long auditProblemProjects = audit.projects().stream().filter(p -> p.state().isProblem()).count();
        assertEquals(tableProblems, auditProblemProjects, "the audit's tile and the table's Problems filter");
        assertEquals(1, audit.summary().connected());
        assertEquals(1, audit.summary().notConnected());
        for (AuditReport.Problem p : audit.problems()) {
            assertTrue(p.projectId() != null
                    && audit.projects().stream().anyMatch(pa -> pa.id() == p.projectId() && pa.state().isProblem()),
                    "every problem is on a project whose state is a problem: " + p);
        }
        assertEquals(4, audit.problems().size(), "two rows without installation, one token error, one unavailable");
    }
    /** A project whose GitHub rows could not be read: the table's status word is the audit's word for it. */
    @Test
    void aProjectThatCouldNotBeReadReadsTheSameInTheTableAndTheAudit() {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        Project p = fake.addProject(ORG.id(), 7, "Unreadable");
        fake.failProject(7, new dev.hoglink.service.ServiceException(dev.hoglink.service.ServiceException.Kind.NETWORK,
                "PostHog did not answer."));
        AuditReport audit = new AuditService(fake, null, null, Clock.systemUTC(), 2)
                .audit("https://us.posthog.com", ORG, AuditService.Progress.NONE);
        assertEquals(ProjectState.UNKNOWN, audit.projects().get(0).state());

        ProjectRowViewModel row = new ProjectRowViewModel(p);
        row.fail(new dev.hoglink.service.ServiceException(dev.hoglink.service.ServiceException.Kind.NETWORK,
                "PostHog did not answer."));
        assertEquals(RowState.FAILED, row.state());
        assertEquals(audit.projects().get(0).state().label(), row.state().label(), "the table's word is the audit's");
        assertEquals("Couldn't load", row.state().label());
    }
    /**
     * Why a row is in token error, and why one without an installation is a problem, read the same in the table's
     * tip, the detail pane and the audit: words, not PostHog's bare code (kept in the audit's details and exports).
     */
    @Test
    void theReasonsForATokenErrorAndAMissingInstallationReadTheSameInTheTableDetailAndAudit() {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        Project token = fake.addProject(ORG.id(), 5, "Token error");
        GitHubLink t = fake.link(5, 15, "200", "acme-data", AccountType.ORGANIZATION, LinkStatus.TOKEN_ERROR, "Ben");
        Project none = fake.addProject(ORG.id(), 3, "Row without installation");
        GitHubLink n = fake.link(3, 13, "", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        AuditReport audit = new AuditService(fake, null, null, Clock.systemUTC(), 2)
                .audit("https://us.posthog.com", ORG, AuditService.Progress.NONE);

        ProjectRowViewModel tokenRow = new ProjectRowViewModel(token);
        tokenRow.showLinks(fake.githubLinks(5), Map.of(), false);
        ProjectRowViewModel noneRow = new ProjectRowViewModel(none);
        noneRow.showLinks(fake.githubLinks(3), Map.of(), false);
        String tokenProblem = audit.problems().stream().filter(p -> p.projectId() == 5).findFirst().orElseThrow().detail();
        String noneProblem = audit.problems().stream().filter(p -> p.projectId() == 3).findFirst().orElseThrow().detail();
        for (String said : List.of(tokenRow.statusDetailProperty().get(), ProjectDetailViewModel.linkStatusText(t), tokenProblem)) {
            assertTrue(said.contains(ProjectState.TOKEN_ERROR_REASON), said);
        }
        assertTrue(!ProjectDetailViewModel.linkStatusText(t).contains(t.errors()) || t.errors().isEmpty(),
                "the detail pane says why in words: " + ProjectDetailViewModel.linkStatusText(t));
        for (String said : List.of(noneRow.statusDetailProperty().get(), ProjectDetailViewModel.linkStatusText(n), noneProblem)) {
            assertTrue(said.contains("GitHub integration " + ProjectState.NO_INSTALLATION_REASON)
                    || said.contains("GitHub integration (id 13) " + ProjectState.NO_INSTALLATION_REASON), said);
        }
    }
}
