package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.model.Organization;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.support.Truncation;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import javafx.scene.Node;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The History tab at 1024x700, light and dark, over the sandbox's seeded organizations read through the real audit
 * service: a line for every project (this computer's journal) and PostHog's rows of a link made through the API.
 * No project name is cut, nor any other cell, Details included (it wraps whole, not only in its tip), and Details
 * has the width the other columns leave. Stark Industries' lines are among them: an environment's line names its
 * project too, the longest name of the column. An installation, "acme (id 10000001)", wraps before "(id", never
 * inside "(id 10000001)".
 */
@ExtendWith(ApplicationExtension.class)
class HistoryColumnsFxTest {

    private static SandboxServer sandbox;
    private static AuditReport report;
    private static final Set<String> NAMES = new TreeSet<>();

    private AuditViewModel vm;
    private Stage stage;

    @BeforeAll
    static void readTheSeededWorld() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        String url = sandbox.baseUri().toString();
        PostHogClient admin = PostHogClient.builder(url, ApiKey.of(sandbox.key("admin"))).build();
        admin.linkExisting(108, LinkExistingRequest.ofSourceProject(104, null, null));
        Path home = Files.createTempDirectory("hoglink-history-columns");
        ActionJournal journal = new ActionJournal(home.resolve("journal.jsonl"), Clock.systemUTC());
        List<HistoryEntry> lines = new ArrayList<>();
        AuditReport acme = null;
        for (String key : List.of("owner", "stark_owner")) {
          PostHogClient owner = PostHogClient.builder(url, ApiKey.of(sandbox.key(key)))
                  .rateLimiter(RateLimiter.unlimited()).build();
          HttpInventoryService inventory = new HttpInventoryService(owner);
          for (Organization org : inventory.organizations()) {
            AuditReport first = new AuditService(inventory, null, null, Clock.systemUTC(), 4)
                    .audit(url, org, (done, total) -> { });
            for (AuditReport.ProjectAudit p : first.projects()) {
                journal.append(JournalEntry.builder(JournalEntry.Action.LINK, JournalEntry.Outcome.OK).host(url)
                        .organization(org.id(), org.name()).project(p.id(), p.name()).installationId(SeedWorld.INST_ACME)
                        .build());
            }
            AuditReport r = new AuditService(inventory, owner, journal, Clock.systemUTC(), 4)
                    .audit(url, org, (done, total) -> { });
            lines.addAll(r.history());
            r.projects().forEach(p -> NAMES.add(p.project().inText())); // as a history line names it
            if (org.id().equals(SeedWorld.ACME_ORG)) {
                acme = r;
            }
          }
        }
        assertTrue(NAMES.contains("Partner Portal") && NAMES.contains("Data Warehouse")
                && NAMES.contains("Stark Web Staging (environment of project Stark Web (id 401))"), NAMES.toString());
        assertTrue(lines.stream().anyMatch(h -> h.source() == AuditReport.Source.POSTHOG), "PostHog's rows are read");
        report = new AuditReport(acme.host(), acme.organization(), acme.projects(), acme.installations(),
                acme.summary(), acme.problems(), lines, acme.activityLogRead(), acme.activityLogNote(),
                acme.journalNote());
    }

    @AfterAll
    static void stopSandbox() {
        sandbox.stop();
    }

    @Start
    void start(Stage stage) {
        this.stage = stage;
        AuditViewModelTest.RecordingDialogs dialogs = new AuditViewModelTest.RecordingDialogs();
        vm = AuditWindowFixture.viewModel(Runnable::run, dialogs, AuditWindowFixture.inert(true));
        AuditWindowFixture.show(stage, vm, dialogs, AuditWindowFixture.theme(ThemeManager.Theme.LIGHT), 1024, 700);
        vm.show(report);
    }

    /**
     * The installation picker's closed box names the chosen installation as its list and the table do, "acme (id
     * 10000001)". On the old code it read "acme · 10000001".
     */
    @Test
    @SuppressWarnings("unchecked")
    void theChosenInstallationReadsAsInTheListAndTheTable(FxRobot robot) {
        javafx.scene.control.ComboBox<AuditReport.InstallationAudit> picker =
                robot.lookup("#historyInstallationPicker").queryAs(javafx.scene.control.ComboBox.class);
        AuditReport.InstallationAudit acme = picker.getItems().stream()
                .filter(i -> SeedWorld.INST_ACME.equals(i.installationId())).findFirst().orElseThrow();
        robot.interact(() -> picker.setValue(acme));
        String shown = picker.getButtonCell().getText();
        org.junit.jupiter.api.Assertions.assertEquals("acme (id " + SeedWorld.INST_ACME + ")", shown);
        org.junit.jupiter.api.Assertions.assertEquals(shown, picker.getConverter().toString(acme), "as in the list");
    }

    @Test
    void everyProjectNameAndEveryOtherCellReadsWholeAt1024By700InBothThemes(FxRobot robot) {
        List<String> cut = new ArrayList<>();
        List<String> splitIds = new ArrayList<>();
        Set<String> seen = new TreeSet<>();
        for (ThemeManager.Theme theme : ThemeManager.Theme.values()) {
            robot.interact(() -> {
                AuditWindowFixture.theme(theme).register(stage.getScene());
                stage.setWidth(1024);
                stage.setHeight(700);
            });
            robot.interact(() -> robot.lookup(".tab-pane").queryAll().stream()
                    .map(n -> (javafx.scene.control.TabPane) n).forEach(tp -> tp.getTabs().stream()
                            .filter(t -> "History".equals(t.getText()))
                            .forEach(t -> tp.getSelectionModel().select(t))));
            WaitForAsyncUtils.waitForFxEvents();
            TableView<?> history = robot.lookup("#historyTable").queryTableView();
            int rows = history.getItems().size();
            assertTrue(rows >= NAMES.size(), rows + " lines");
            for (int i = 0; i < rows; i += 5) {
                int at = i;
                robot.interact(() -> history.scrollTo(at));
                WaitForAsyncUtils.waitForFxEvents();
                robot.interact(() -> {
                    history.applyCss();
                    history.layout();
                    for (Node n : history.lookupAll(".table-cell")) {
                        if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null && c.isVisible()
                                && c.getParent() != null && c.getParent().isVisible() && !c.isEmpty()
                                && c.getText() != null && !c.getText().isEmpty()) {
                            String column = c.getTableColumn().getText();
                            if ("Project".equals(column)) {
                                seen.add(c.getText());
                            }
                            String shown = Truncation.displayed(c);
                            if (shown != null && !shown.equals(c.getText())) { // Details too: not only in its tip
                                cut.add(theme + " " + column + " (" + Math.round(c.getTableColumn().getWidth())
                                        + " px): " + c.getText() + " shown as " + shown);
                            }
                        }
                    }
                });
                // An installation wraps before "(id", never inside "(id 10000001)" ("acme (id" / "10000001)")
                robot.interact(() -> {
                    for (Node n : history.lookupAll(".table-cell")) {
                        if (n instanceof TableCell<?, ?> c && c.getTableColumn() != null && c.isVisible()
                                && "Installation".equals(c.getTableColumn().getText()) && !c.isEmpty()
                                && c.getText() != null && c.getText().contains("(id")) {
                            javafx.scene.text.Text t = (javafx.scene.text.Text) c.lookup(".text");
                            int id = c.getText().indexOf("(id");
                            for (double y = 1; y < t.getLayoutBounds().getHeight(); y += 2) {
                                int start = t.hitTest(new javafx.geometry.Point2D(0.5,
                                        t.getLayoutBounds().getMinY() + y)).getCharIndex();
                                if (start > id && start < c.getText().length()) { // a line starts inside "(id N)"
                                    splitIds.add(theme + ": " + c.getText() + " at " + Math.round(c.getWidth())
                                            + " px");
                                }
                            }
                        }
                    }
                });
            }
            robot.interact(() -> {
                for (Node n : history.lookupAll(".column-header .label")) {
                    if (n instanceof javafx.scene.control.Label l && l.getText() != null && !l.getText().isEmpty()) {
                        String shown = Truncation.displayed(l);
                        if (shown != null && !shown.equals(l.getText())) {
                            cut.add(theme + " header: " + l.getText() + " shown as " + shown);
                        }
                    }
                }
            });
            // Details takes the width the other columns leave: every other one at its minimum at 1024 px.
            TableColumn<?, ?> details = history.getColumns().get(history.getColumns().size() - 1);
            assertTrue(details.getWidth() >= 165, theme + ": Details is " + details.getWidth() + " px wide");
            for (TableColumn<?, ?> c : history.getColumns()) {
                if (c != details) {
                    assertTrue(c.getWidth() <= c.getMinWidth() + 1, theme + ": " + c.getText() + " is "
                            + c.getWidth() + " px, more than its " + c.getMinWidth() + " while Details is "
                            + details.getWidth());
                }
            }
        }
        assertTrue(seen.containsAll(NAMES), "every seeded project's line was looked at: " + seen);
        assertTrue(cut.isEmpty(), "cut at 1024x700: " + String.join("\n", new TreeSet<>(cut)));
        assertTrue(splitIds.isEmpty(), "an installation's \"(id N)\" broken across lines: "
                + new TreeSet<>(splitIds));
    }
}
