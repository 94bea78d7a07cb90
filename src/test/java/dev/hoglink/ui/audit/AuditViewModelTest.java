package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.service.audit.AuditExport;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.Fix;
import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import dev.hoglink.service.audit.AuditReport.Problem;
import dev.hoglink.service.audit.AuditReport.ProblemKind;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.service.ServiceException;
import dev.hoglink.ui.common.DialogService;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The audit window's state over an in-memory inventory and an inline task runner. */
class AuditViewModelTest {

    static final Organization ORG = new Organization("org-1", "Acme Analytics", "acme-analytics", Organization.OWNER);

    @TempDir
    Path dir;
    FakeInventoryService fake;
    RecordingActions actions;
    RecordingDialogs dialogs;
    AuditViewModel vm;

    @BeforeEach
    void setUp() {
        fake = new FakeInventoryService();
        fake.addOrganization(ORG);
        for (long id = 1; id <= 12; id++) {
            fake.addProject(ORG.id(), id, "Project " + id);
        }
        for (long id = 1; id <= 8; id++) {
            fake.link(id, 100 + id, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        }
        fake.link(9, 109, "200", "acme-legacy", AccountType.ORGANIZATION, LinkStatus.UNAVAILABLE, "Ben");
        fake.link(10, 110, "300", "cy-gh", AccountType.USER, LinkStatus.TOKEN_ERROR, "Cy");
        actions = new RecordingActions();
        dialogs = new RecordingDialogs();
        vm = new AuditViewModel(new SameThreadTaskRunner(), Runnable::run, dialogs, actions, ZoneOffset.UTC);
    }

    AuditViewModel.AuditLoader loader(FakeInventoryService inventory) {
        return (org, progress) -> new AuditService(inventory, null, null, Clock.systemUTC(), 2)
                .audit("https://us.posthog.com", org, progress);
    }

    void load() {
        vm.setSource(loader(fake), ORG);
        vm.load();
    }

    @Test
    void loadingFillsTheTilesFromTheReport() {
        load();
        assertEquals(12, vm.projectsProperty().get());
        assertEquals(8, vm.connectedProperty().get());
        assertEquals(2, vm.notConnectedProperty().get(), "projects 11 and 12");
        assertEquals(1, vm.projectsIn(dev.hoglink.model.ProjectState.UNAVAILABLE), "9 unavailable");
        assertEquals(1, vm.projectsIn(dev.hoglink.model.ProjectState.TOKEN_ERROR), "10 token error");
        assertEquals(3, vm.installationsProperty().get());
        assertEquals(1, vm.sharedProperty().get());
        assertEquals(vm.problems().size(), vm.problemCountProperty().get());
        assertEquals("Audit · Acme Analytics", vm.titleProperty().get());
        assertFalse(vm.busyProperty().get());
        assertEquals("", vm.errorTextProperty().get());
    }

    @Test
    void reloadReadsEveryProjectAgainAndTheStatusSaysWhatTheFirstLoadReused() {
        dev.hoglink.service.inventory.ProjectReads store = new dev.hoglink.service.inventory.ProjectReads(Clock.systemUTC());
        fake.keepReadsIn(store);
        fake.githubLinks(1); // the main window read two projects a moment ago
        fake.githubLinks(2);
        vm.setSource(new AuditViewModel.AuditLoader() {
            @Override
            public AuditReport load(Organization org, AuditService.Progress progress) {
                return new AuditService(fake, null, null, Clock.systemUTC(), 2).audit("https://us.posthog.com", org,
                        progress);
            }

            @Override
            public AuditReport reload(Organization org, AuditService.Progress progress) {
                return new AuditService(fake, null, null, Clock.systemUTC(), 2).audit("https://us.posthog.com", org,
                        progress, false);
            }
        }, ORG);
        vm.load();
        assertEquals("12 projects read (2 from the window's recent reads)", vm.statusTextProperty().get());
        int before = fake.linkCalls().size();
        vm.reload();
        assertEquals(12, fake.linkCalls().size() - before, "Reload asks PostHog for every project");
        assertEquals("12 projects read", vm.statusTextProperty().get());
    }

    @Test
    void aLargeInstallationIsCollapsedToFiveProjectsAndExpandsOnRequest() {
        load();
        DiagramGroup acme = vm.diagram().get(0);
        assertEquals("acme", acme.label());
        assertEquals(AuditViewModel.COLLAPSED_LIMIT, acme.shown().size());
        assertEquals(3, acme.hidden());
        vm.toggleExpanded("100");
        assertEquals(8, vm.diagram().get(0).shown().size());
        assertTrue(vm.diagram().get(0).expanded());
        vm.toggleExpanded("100");
        assertEquals(3, vm.diagram().get(0).hidden());
    }

    @Test
    void projectsWithoutGitHubFormTheirOwnGroupAfterTheInstallations() {
        load();
        DiagramGroup last = vm.diagram().get(vm.diagram().size() - 1);
        assertEquals(AuditViewModel.NOT_CONNECTED_GROUP, last.key());
        assertTrue(last.notConnected());
        assertEquals(List.of(11L, 12L), last.shown().stream().map(AuditReport.ProjectAudit::id).toList());
    }

    @Test
    void fiftyInstallationsAndTwoThousandProjectsStayWithinAFewHundredDiagramNodes() {
        FakeInventoryService big = new FakeInventoryService();
        big.addOrganization(ORG);
        for (long id = 1; id <= 2000; id++) {
            big.addProject(ORG.id(), id, "P" + id);
            big.link(id, id, String.valueOf(1000 + (id - 1) / 40), "org" + (id - 1) / 40, AccountType.ORGANIZATION,
                    LinkStatus.CONNECTED, "Ada");
        }
        vm.setSource(loader(big), ORG);
        vm.load();
        assertEquals(50, vm.diagram().size());
        int chips = vm.diagram().stream().mapToInt(g -> g.shown().size() + (g.hidden() > 0 ? 1 : 0)).sum();
        assertEquals(50 * (AuditViewModel.COLLAPSED_LIMIT + 1), chips);
        assertEquals(2000, vm.matrixRows().size());
        assertEquals(50, vm.matrixColumns().size());
    }

    @Test
    void theMatrixHasOneRowPerProjectWithItsStatusPerInstallation() {
        load();
        MatrixRow row9 = vm.matrixRows().get(8);
        assertEquals(Optional.of(LinkStatus.UNAVAILABLE), row9.cell("200"));
        assertEquals(Optional.empty(), row9.cell("100"));
        assertEquals(List.of("100", "200", "300"),
                vm.matrixColumns().stream().map(AuditReport.InstallationAudit::installationId).toList());
    }

    @Test
    void fixesCallTheMatchingActionForTheProblemsProject() {
        load();
        Problem token = problem(ProblemKind.TOKEN_REFRESH_ERROR);
        Problem notConnected = new Problem(ProblemKind.RECENT_FAILURE, "Link for P failed", "d", 11L, "P", null,
                Fix.LINK, null, true);
        Problem unavailable = problem(ProblemKind.INSTALLATION_UNAVAILABLE);
        vm.fix(token);
        vm.fix(notConnected);
        vm.fix(unavailable);
        assertEquals(List.of("relink 10 300", "link 11",
                "open https://github.com/organizations/acme-legacy/settings/installations/200"), actions.calls);
    }

    @Test
    void aFixIsOfferedOnlyWhenItsActionIsInstalled() {
        load();
        actions.linkInstalled = false;
        Problem token = problem(ProblemKind.TOKEN_REFRESH_ERROR);
        assertFalse(vm.canFix(token));
        vm.fix(token);
        assertEquals(List.of(), actions.calls);
        Problem oauth = new Problem(ProblemKind.MISSING_INSTALLATION_ID, "t", "d", 3L, "P", null, Fix.OAUTH, null, false);
        assertTrue(vm.canFix(oauth));
        vm.fix(oauth);
        assertEquals(List.of("oauth 3"), actions.calls);
    }

    @Test
    void onlyHttpsGitHubPagesAreOpened() {
        for (String url : List.of("http://github.com/settings/installations/1", "https://github.com.evil.com/x",
                "https://evil.com@github.com/x", "javascript:alert(1)", "https://github.com:8443/x")) {
            Problem p = new Problem(ProblemKind.INSTALLATION_UNAVAILABLE, "t", "d", 1L, "P", "1", Fix.OPEN_ON_GITHUB, url,
                    false);
            assertFalse(vm.canFix(p), url);
            vm.fix(p);
        }
        assertEquals(List.of(), actions.calls);
    }

    @Test
    void historyFiltersNarrowTheVisibleRows() {
        load();
        List<HistoryEntry> entries = List.of(
                entry("2026-08-01T10:00:00Z", 1L, "100", "Ada Owner"),
                entry("2026-08-02T10:00:00Z", 9L, "200", "Ben Admin"),
                entry("2026-08-05T10:00:00Z", 1L, "100", "Ben Admin"));
        AuditReport r = vm.reportProperty().get();
        vm.show(new AuditReport(r.host(), r.organization(), r.projects(), r.installations(), r.summary(), r.problems(),
                entries, true, "", ""));
        assertEquals(3, vm.history().visibleHistory().size());
        vm.history().historyProjectProperty().set(vm.history().projectChoices().get(0));
        assertEquals(2, vm.history().visibleHistory().size());
        vm.history().historyUserProperty().set("ben");
        assertEquals(1, vm.history().visibleHistory().size());
        vm.history().clearHistoryFilter();
        vm.history().historyInstallationProperty().set(vm.history().installationChoices().get(1));
        assertEquals(List.of("200"), vm.history().visibleHistory().stream().map(HistoryEntry::installationId).toList());
        vm.history().clearHistoryFilter();
        vm.history().historyFromProperty().set(LocalDate.of(2026, 8, 2));
        vm.history().historyToProperty().set(LocalDate.of(2026, 8, 2));
        assertEquals(1, vm.history().visibleHistory().size(), "both ends of the date range are whole days");
    }

    /** The History's Installation column names an installation as its picker and the rest of the app do. */
    @Test
    void historyLinesNameAKnownInstallationByItsAccountAndAnUnknownOneByItsId() {
        load();
        AuditReport r = vm.reportProperty().get();
        AuditReport.InstallationAudit known = r.installations().get(0);
        assertEquals(dev.hoglink.model.InstallationName.of(known.account(), known.installationId()),
                vm.history().installationName(known.installationId()));
        assertTrue(vm.history().installationName(known.installationId()).startsWith(known.account() + " (id "));
        assertEquals("999", vm.history().installationName("999"), "an installation the audit does not know: its id");
        assertEquals("", vm.history().installationName(null));
        // ... and its details do not say the account again, unless the column cannot
        HistoryEntry deleted = new HistoryEntry(java.time.Instant.parse("2026-08-01T10:00:00Z"),
                AuditReport.Source.POSTHOG, 1L, "Web", known.installationId(), "Ada", "uninstall_completed", "skipped",
                "account " + known.account() + "; other projects still use the installation, so the app stays installed");
        assertEquals("other projects still use the installation, so the app stays installed",
                vm.history().detail(deleted));
        HistoryEntry unknown = new HistoryEntry(deleted.time(), AuditReport.Source.POSTHOG, 1L, "Web", "999", "Ada",
                "deleted", "disconnected", "account gone-org");
        assertEquals("account gone-org", vm.history().detail(unknown));
    }

    @Test
    void aKeyWithoutTheActivityLogIsExplainedAboveTheHistory() {
        load();
        AuditReport r = vm.reportProperty().get();
        vm.show(new AuditReport(r.host(), r.organization(), r.projects(), r.installations(), r.summary(), r.problems(),
                List.of(), false, "The API key cannot read PostHog's activity log (it lacks activity_log:read).", ""));
        assertTrue(vm.historyNoteProperty().get().contains("activity_log:read"));
    }

    @Test
    void thePlansWindowIsSaidAboveTheHistoryAndInItsExportThoughTheLogWasRead() throws IOException {
        dev.hoglink.service.inventory.InventoryService windowed =
                new dev.hoglink.service.inventory.ForwardingInventoryService(fake) {
                    @Override
                    public dev.hoglink.model.ActivityWindow activityWindow(String organizationId) {
                        return dev.hoglink.model.ActivityWindow.of(2, "months");
                    }
                };
        dev.hoglink.api.PostHogApi api = (dev.hoglink.api.PostHogApi) java.lang.reflect.Proxy.newProxyInstance(
                AuditViewModelTest.class.getClassLoader(), new Class<?>[] {dev.hoglink.api.PostHogApi.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("integrationActivityLog")) {
                        return new dev.hoglink.api.ActivityLog(List.of(), false);
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        vm.setSource((org, progress) -> new AuditService(windowed, api, null, Clock.systemUTC(), 2)
                .audit("https://us.posthog.com", org, progress), ORG);
        vm.load();
        assertTrue(vm.historyNoteProperty().get().startsWith("PostHog shows only the last 60 days"),
                vm.historyNoteProperty().get());
        dialogs.saveTo = dir.resolve("h.json");
        vm.export(AuditExport.Kind.HISTORY, AuditExport.Format.JSON);
        String json = Files.readString(dialogs.saveTo);
        assertTrue(json.contains("\"activity_log_read\" : true"), json);
        assertTrue(json.contains("\"activity_log_note\" : \"PostHog shows only the last 60 days"), json);
    }

    @Test
    void anInventoryExportSaysItLeavesOutThisComputersFailedActionsAsTheCommandLineDoes() throws IOException {
        ActionJournal journal = new ActionJournal(dir.resolve("journal.jsonl"), Clock.systemUTC());
        journal.append(JournalEntry.builder(JournalEntry.Action.LINK, JournalEntry.Outcome.FAILED)
                .host("https://us.posthog.com").organization(ORG.id(), ORG.name()).project(11L, "Project 11")
                .installationId("100").error("validation_error", "refused").build());
        vm.setSource((org, progress) -> new AuditService(fake, null, journal, Clock.systemUTC(), 2)
                .audit("https://us.posthog.com", org, progress), ORG);
        vm.load();
        int tile = vm.problemCountProperty().get();
        dialogs.saveTo = dir.resolve("inv.json");
        vm.export(AuditExport.Kind.INVENTORY, AuditExport.Format.JSON);
        String json = Files.readString(dialogs.saveTo);
        assertTrue(json.contains("\"problems\" : " + (tile - 1) + "\n"), tile + " " + json);
        // hoglink audit says the same on stderr (AuditCommandTest).
        assertEquals("Exported to inv.json. The export leaves out 1 recent failed action from this computer's action "
                + "journal, which the audit counts among its " + tile + " problems: exports hold only what PostHog "
                + "says, the same on every computer.", dialogs.notices.get(0));
    }

    @Test
    void aKeyLimitedToProjectsSeesTheJournalOfThoseProjectsAsTheCommandLineDoes() throws IOException {
        ActionJournal journal = new ActionJournal(dir.resolve("journal.jsonl"), Clock.systemUTC());
        journal.append(JournalEntry.builder(JournalEntry.Action.LINK, JournalEntry.Outcome.OK)
                .host("https://us.posthog.com").organization(ORG.id(), ORG.name()).project(11L, "Project 11")
                .installationId("100").build());
        journal.append(JournalEntry.builder(JournalEntry.Action.LINK, JournalEntry.Outcome.FAILED)
                .host("https://us.posthog.com").organization(ORG.id(), ORG.name()).project(40L, "Secret Lab")
                .installationId("100").error("validation_error", "refused").build());
        // The key reaches the fake's twelve projects only; PostHog said so when it refused the project list.
        dev.hoglink.service.inventory.InventoryService limited =
                new dev.hoglink.service.inventory.ForwardingInventoryService(fake) {
                    @Override
                    public boolean limitedToProjects() {
                        return true;
                    }
                };
        vm.setSource((org, progress) -> new AuditService(limited, null, journal, Clock.systemUTC(), 2)
                .audit("https://us.posthog.com", org, progress), ORG);
        vm.load();
        assertEquals(List.of(11L), vm.history().visibleHistory().stream().map(AuditReport.HistoryEntry::projectId)
                .toList());
        assertTrue(vm.problems().stream().noneMatch(p -> "Secret Lab".equals(p.projectName())), vm.problems().toString());
        // hoglink audit --history says the same on stderr (AuditCommandTest).
        String note = vm.historyNoteProperty().get();
        assertTrue(note.endsWith(" 1 entry of this computer's action journal is about projects this key cannot read; "
                + "the history leaves it out."), note);
        // A key without a project limit: the whole journal of this host and organization, deleted projects too.
        vm.setSource((org, progress) -> new AuditService(fake, null, journal, Clock.systemUTC(), 2)
                .audit("https://us.posthog.com", org, progress), ORG);
        vm.load();
        assertEquals(Set.of(11L, 40L), vm.history().visibleHistory().stream()
                .map(AuditReport.HistoryEntry::projectId).collect(java.util.stream.Collectors.toSet()));
    }

    @Test
    void exportWritesTheChosenFileAndCancelWritesNothing() throws IOException {
        load();
        Path target = dir.resolve("inv.csv");
        dialogs.saveTo = target;
        vm.export(AuditExport.Kind.INVENTORY, AuditExport.Format.CSV);
        assertEquals(AuditExport.inventoryCsv(vm.reportProperty().get()), Files.readString(target));
        assertEquals("hoglink-audit-acme-analytics-inventory.csv", dialogs.suggested);
        assertTrue(dialogs.notices.get(0).startsWith("Exported to inv.csv"));
        dialogs.saveTo = null;
        vm.export(AuditExport.Kind.HISTORY, AuditExport.Format.JSON);
        try (var files = Files.list(dir)) {
            assertEquals(1, files.count());
        }
    }

    @Test
    void theHistoryExportHoldsOnlyTheFilteredRows() throws IOException {
        load();
        AuditReport r = vm.reportProperty().get();
        vm.show(new AuditReport(r.host(), r.organization(), r.projects(), r.installations(), r.summary(), r.problems(),
                List.of(entry("2026-08-01T10:00:00Z", 1L, "100", "Ada Owner"),
                        entry("2026-08-02T10:00:00Z", 9L, "200", "Ben Admin")), true, "", ""));
        vm.history().historyUserProperty().set("ada");
        dialogs.saveTo = dir.resolve("h.csv");
        vm.export(AuditExport.Kind.HISTORY, AuditExport.Format.CSV);
        List<String> lines = Files.readAllLines(dialogs.saveTo);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(1).contains("Ada Owner"));
    }

    @Test
    void aFailedLoadShowsTheReasonAndKeepsNoReport() {
        fake.failEverything(new ServiceException(ServiceException.Kind.AUTH, "PostHog did not accept this API key."));
        load();
        assertNull(vm.reportProperty().get());
        assertTrue(vm.errorTextProperty().get().startsWith("PostHog did not accept this API key."),
                vm.errorTextProperty().get());
        assertFalse(vm.busyProperty().get());
    }

    @Test
    void withoutAConnectionTheWindowSaysWhatToDo() {
        vm.setSource(null, null);
        assertTrue(vm.errorTextProperty().get().contains("connect to PostHog"));
        vm.load();
        assertNull(vm.reportProperty().get());
    }

    @Test
    void clickingANodeShowsWhoLinkedEachProjectAndWhen() {
        load();
        vm.select(vm.diagram().get(1));
        String detail = vm.selectedDetailProperty().get();
        assertTrue(detail.contains("acme-legacy (id 200) · Organization"), detail);
        assertTrue(detail.contains("Project 9 — linked by Ben on 19 Aug 2026"), detail);
        assertTrue(detail.contains("Status: Unavailable"), detail);
    }

    @Test
    void theHistoryTabListsAnEffectAboveItsCauseWhenBothHaveOneInstant() {
        load();
        java.time.Instant t = java.time.Instant.parse("2026-08-01T10:00:01.000250Z");
        // As the audit hands them over: PostHog's rows with their place in the project's log, oldest first.
        List<HistoryEntry> entries = List.of(
                new HistoryEntry(t, AuditReport.Source.POSTHOG, 1L, "Project 1", "100", "", "link_started", "", "", 0),
                new HistoryEntry(t, AuditReport.Source.POSTHOG, 1L, "Project 1", "100", "", "link_completed", "", "", 1),
                new HistoryEntry(t, AuditReport.Source.POSTHOG, 1L, "Project 1", "300", "", "link_rejected", "", "", 2),
                new HistoryEntry(t, AuditReport.Source.POSTHOG, 1L, "Project 1", "200", "", "link_rejected", "", "", 3));
        AuditReport r = vm.reportProperty().get();
        vm.show(new AuditReport(r.host(), r.organization(), r.projects(), r.installations(), r.summary(), r.problems(),
                entries, true, "", ""));
        assertEquals(List.of("Link refused 200", "Link refused 300", "Link completed 100", "Link started 100"),
                vm.history().visibleHistory().stream().map(h -> HistoryWords.event(h) + " " + h.installationId())
                        .toList(), "newest first: the completion above its start, PostHog's order among the refusals");
    }

    // ------------------------------------------------------------------ helpers

    Problem problem(ProblemKind kind) {
        return vm.problems().stream().filter(p -> p.kind() == kind).findFirst().orElseThrow();
    }

    static HistoryEntry entry(String time, Long project, String installation, String user) {
        return new HistoryEntry(java.time.Instant.parse(time), AuditReport.Source.POSTHOG, project, "Project " + project,
                installation, user, "link_completed", "", "");
    }

    static final class RecordingActions implements ProblemActions {
        final List<String> calls = new ArrayList<>();
        boolean linkInstalled = true;

        @Override
        public boolean canLink(long projectId) {
            return linkInstalled;
        }

        @Override
        public void link(long projectId) {
            calls.add("link " + projectId);
        }

        @Override
        public void relink(long projectId, String installationId) {
            calls.add("relink " + projectId + " " + installationId);
        }

        @Override
        public boolean canStartOAuth(long projectId) {
            return true;
        }

        @Override
        public void startOAuth(long projectId) {
            calls.add("oauth " + projectId);
        }

        @Override
        public void openOnGitHub(String url) {
            calls.add("open " + url);
        }
    }

    static final class RecordingDialogs implements DialogService {
        Path saveTo;
        String suggested;
        final List<String> notices = new ArrayList<>();

        @Override
        public boolean confirm(String title, String message, String okLabel) {
            return false;
        }

        @Override
        public void info(String title, String message) {
            notices.add(message);
        }

        @Override
        public void error(String title, String message, Throwable cause) {
            notices.add("error: " + message);
        }

        @Override
        public boolean confirmByTyping(String title, String message, String expected, String okLabel) {
            return false;
        }

        @Override
        public Optional<Path> chooseSaveFile(String title, String suggestedName, String description, String extension) {
            suggested = suggestedName;
            return Optional.ofNullable(saveTo);
        }

        @Override
        public void notify(String message, Notice kind) {
            notices.add(message);
        }
    }
}
