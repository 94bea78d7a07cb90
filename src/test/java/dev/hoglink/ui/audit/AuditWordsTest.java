package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.InstallationAudit;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import dev.hoglink.ui.inventory.ProjectDetailViewModel;
import dev.hoglink.ui.inventory.RowState;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The audit window's words for a project's state, a link's state and when it was linked are the projects
 * table's and the detail pane's: one fact reads the same in every place it shows.
 */
class AuditWordsTest {

    static final Organization ORG = new Organization("org-1", "Acme", "acme", Organization.OWNER);
    /** How the projects table and the detail pane write the day a link was made. */
    static final DateTimeFormatter TABLE_DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    AuditReport report;
    AuditViewModel vm;

    /**
     * A project in each state: connected, not connected, a row naming no installation, a token error, an unavailable
     * installation used by two projects (one of them also connected elsewhere), and one that could not be read.
     */
    static FakeInventoryService world() {
        FakeInventoryService fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        fake.addProject(ORG.id(), 1, "Connected");
        fake.link(1, 11, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        fake.addProject(ORG.id(), 2, "No GitHub");
        fake.addProject(ORG.id(), 3, "Row without installation");
        fake.link(3, 13, "", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        fake.addProject(ORG.id(), 4, "Token error");
        fake.link(4, 14, "200", "acme-data", AccountType.ORGANIZATION, LinkStatus.TOKEN_ERROR, "Ben");
        fake.addProject(ORG.id(), 5, "Unavailable");
        fake.link(5, 15, "300", "acme-legacy", AccountType.ORGANIZATION, LinkStatus.UNAVAILABLE, "Ben");
        fake.addProject(ORG.id(), 6, "Unavailable beside a working row");
        fake.link(6, 16, "300", "acme-legacy", AccountType.ORGANIZATION, LinkStatus.UNAVAILABLE, "Ben");
        fake.link(6, 26, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ben");
        fake.addProject(ORG.id(), 7, "Unreadable");
        fake.failProject(7, new ServiceException(ServiceException.Kind.NETWORK, "PostHog did not answer."));
        return fake;
    }

    static AuditReport audit(FakeInventoryService fake) {
        return new AuditService(fake, null, null, Clock.systemUTC(), 2)
                .audit("https://us.posthog.com", ORG, AuditService.Progress.NONE);
    }

    @BeforeEach
    void setUp() {
        report = audit(world());
        vm = new AuditViewModel(new SameThreadTaskRunner(), Runnable::run, null, AuditWindowFixture.inert(true),
                ZoneOffset.UTC);
        vm.show(report);
    }

    @Test
    void aProjectsDetailSaysItsStateAndEachLinksStateInTheTablesWords() {
        for (ProjectAudit p : report.projects()) {
            String detail = AuditTexts.describe(p);
            assertTrue(detail.contains("Status: " + RowState.of(p.state()).label()), detail);
            for (GitHubLink k : p.links()) {
                assertTrue(detail.contains(" — " + k.state().label()), "as the detail pane's "
                        + ProjectDetailViewModel.linkStatusText(k) + ": " + detail);
            }
        }
    }

    /** A project and its installations are named in the diagram's details as everywhere else: "(id N)". */
    @Test
    void aProjectsDetailNamesItAndItsInstallationsAsTheRestOfTheAppDoes() {
        for (ProjectAudit p : report.projects()) {
            String detail = AuditTexts.describe(p);
            assertTrue(detail.startsWith(p.name() + " (id " + p.id() + ")"), detail);
            for (GitHubLink k : p.links()) {
                if (k.hasInstallation()) {
                    assertTrue(detail.contains("• " + dev.hoglink.model.InstallationName.of(k.accountName(),
                            k.installationId()) + " — "), detail);
                }
            }
        }
    }

    /** One fact, one word: an installation's details and a project's label their status alike. */
    @Test
    void bothDetailsLabelTheStatusWithTheSameWord() {
        for (InstallationAudit i : report.installations()) {
            String detail = AuditTexts.describe(i, ZoneOffset.UTC);
            assertTrue(detail.contains("\nStatus: " + state(i.status()).label()), detail);
            assertFalse(detail.contains("State:"), detail);
        }
        for (ProjectAudit p : report.projects()) {
            String detail = AuditTexts.describe(p);
            assertTrue(detail.contains("\nStatus: " + RowState.of(p.state()).label()), detail);
            assertFalse(detail.contains("State:"), detail);
        }
    }

    /** An installation's details name it as a project's details name its links, and as the rest of the app does. */
    @Test
    void anInstallationsDetailNamesItAsTheProjectsDetailDoes() {
        for (InstallationAudit i : report.installations()) {
            String name = dev.hoglink.model.InstallationName.of(i.account(), i.installationId());
            String detail = AuditTexts.describe(i, ZoneOffset.UTC);
            String type = i.accountType() == AccountType.UNKNOWN ? "" : " · " + i.accountType().label();
            assertTrue(detail.startsWith(name + type + "\n"), detail);
            for (AuditReport.Usage u : i.usages()) {
                ProjectAudit p = report.projects().stream().filter(x -> x.id() == u.projectId()).findFirst()
                        .orElseThrow();
                String projectDetail = AuditTexts.describe(p);
                assertTrue(projectDetail.contains("• " + name + " — "), projectDetail);
            }
        }
    }

    @Test
    void anInstallationsStatusReadsAsTheTableReadsThatStatus() {
        for (LinkStatus s : LinkStatus.values()) {
            assertEquals(state(s).label(), AuditTexts.statusLabel(s));
        }
        for (InstallationAudit i : report.installations()) {
            String detail = AuditTexts.describe(i, ZoneOffset.UTC);
            assertTrue(detail.contains("Status: " + state(i.status()).label()), detail);
        }
    }

    @Test
    void theDayALinkWasMadeReadsAsInTheTable() {
        for (InstallationAudit i : report.installations()) {
            String detail = AuditTexts.describe(i, ZoneOffset.UTC);
            for (AuditReport.Usage u : i.usages()) {
                String day = TABLE_DAY.format(u.linkedAt().atZone(ZoneOffset.UTC));
                assertTrue(detail.contains("linked by " + u.linkedBy() + " on " + day), detail);
            }
        }
    }

    @Test
    void everyProjectIsInTheDiagramUnderItsInstallationsOrUnderItsOwnStatesWord() {
        vm.diagram().forEach(g -> {
            if (g.hidden() > 0) {
                vm.toggleExpanded(g.key());
            }
        });
        Set<Long> drawn = new HashSet<>();
        for (DiagramGroup g : vm.diagram()) {
            for (ProjectAudit p : g.shown()) {
                drawn.add(p.id());
                if (g.notConnected()) {
                    assertEquals(RowState.of(p.state()).label(), g.label(),
                            p.name() + " is grouped under the table's word for its state");
                }
            }
        }
        assertEquals(report.projects().stream().map(ProjectAudit::id).collect(java.util.stream.Collectors.toSet()),
                drawn, "every project is drawn");
        assertFalse(vm.diagram().isEmpty());
        assertEquals(List.of(ProjectState.CONNECTED, ProjectState.NOT_CONNECTED, ProjectState.NO_INSTALLATION,
                ProjectState.TOKEN_ERROR, ProjectState.UNAVAILABLE, ProjectState.UNAVAILABLE, ProjectState.UNKNOWN),
                report.projects().stream().map(ProjectAudit::state).toList());
    }

    /** The table's state for a row that names an installation with this status. */
    private static ProjectState state(LinkStatus s) {
        return new GitHubLink(1, "1", "a", AccountType.ORGANIZATION, null, s, false, null, null,
                s == LinkStatus.TOKEN_ERROR ? "TOKEN_REFRESH_FAILED" : "").state();
    }

    /** Two rows of one project on one installation, one unavailable and one in token error: the worse is unavailable. */
    @Test
    void theMatrixCellOfTwoRowsOnOneInstallationIsTheProjectsStateAsTheTableSaysIt() {
        List<GitHubLink> rows = List.of(
                new GitHubLink(1, "300", "acme-legacy", AccountType.ORGANIZATION, null, LinkStatus.UNAVAILABLE, false,
                        null, null, ""),
                new GitHubLink(2, "300", "acme-legacy", AccountType.ORGANIZATION, null, LinkStatus.TOKEN_ERROR, false,
                        null, null, "TOKEN_REFRESH_FAILED"));
        for (List<GitHubLink> order : List.of(rows, List.of(rows.get(1), rows.get(0)))) {
            ProjectAudit p = new ProjectAudit(new dev.hoglink.model.Project(9, "Both", ORG.id(), null), order,
                    ProjectState.of(order), "");
            LinkStatus cell = MatrixRow.of(p).cell("300").orElseThrow();
            assertEquals(RowState.of(p.state()).label(), AuditTexts.statusLabel(cell), "the table says Unavailable");
        }
    }
}
