package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.Capabilities;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.ui.inventory.ProjectRowViewModel;
import dev.hoglink.ui.theme.ThemeManager;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableView;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Changes an admin can trust, through the real main window and link dialog over the sandbox. Capabilities as
 * the one thing the buttons read, through the real main window and link dialog over the
 * sandbox: a read-only key (the sandbox's, scoped as PostHog scopes keys) disables Link, OAuth and Unlink and
 * says why; a member may link but not unlink; a 403 that still happens (the key lost integration:write while
 * the dialog was open) is final, with no Try again, and the buttons are re-read. The link picker shows each
 * installation's status; a broken one cannot be chosen and says why, and a link of one that broke meanwhile
 * is explained as that (PostHog answers it with a bare 500), with PostHog's answer kept in the journal.
 */
@ExtendWith(ApplicationExtension.class)
class TruthfulChangesFxTest extends LinkWindowTestBase {

    private static final List<String> READ_ONLY_SCOPES = List.of("user:read", "organization:read", "project:read",
            "integration:read", "activity_log:read", "personal_api_key:read");

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private void open(FxRobot robot, java.util.function.Function<SandboxServer, String> key) throws Exception {
        open(robot, Setup.defaults().withKey(key)
                .withTheme("dark".equals(System.getProperty("truth.theme")) ? ThemeManager.Theme.DARK
                        : ThemeManager.Theme.LIGHT)
                .withSize(SHOTS == null ? 1240 : SHOT_SIZE[0], SHOTS == null ? 760 : SHOT_SIZE[1]));
        waitFor(() -> !vm.busyProperty().get() && vm.rows().size() >= 23
                && "Acme Analytics".equals(vm.selectedOrganizationProperty().get().name()));
    }

    /** Where to write screenshots of the changed screens (-Dtruth.shots=DIR), or null: the tests write nothing. */
    private static final String SHOTS = System.getProperty("truth.shots");

    /**
     * The main window's size for the screenshots: 1024x700, or the size asked (-Dtruth.size=WIDTHxHEIGHT), which
     * the files' names then carry.
     */
    private static final String SHOT_SIZE_ASKED = System.getProperty("truth.size");
    private static final int[] SHOT_SIZE = SHOT_SIZE_ASKED == null ? new int[] {1024, 700}
            : java.util.Arrays.stream(SHOT_SIZE_ASKED.split("x")).mapToInt(Integer::parseInt).toArray();

    private void shot(FxRobot robot, String name) throws Exception {
        if (SHOTS == null) {
            return;
        }
        WaitForAsyncUtils.waitForFxEvents();
        String theme = System.getProperty("truth.theme", "light");
        String shotName = SHOT_SIZE_ASKED == null ? name : name + "-" + SHOT_SIZE_ASKED;
        robot.interact(() -> {
            try {
                dev.hoglink.ui.common.Snapshots.writePng(stage.getScene(), Path.of(SHOTS, theme + "-" + shotName + "-main.png"));
                if (feature.openDialog() != null) {
                    dev.hoglink.ui.common.Snapshots.writePng(feature.openDialog().getScene(),
                            Path.of(SHOTS, theme + "-" + shotName + "-dialog.png"));
                }
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }

    private void select(FxRobot robot, long id) throws Exception {
        robot.interact(() -> {
            TableView<ProjectRowViewModel> t = robot.lookup("#projectsTable").queryTableView();
            t.getSelectionModel().clearSelection();
            t.getSelectionModel().select(vm.row(id));
        });
        waitFor(() -> !vm.detail().installationsLoadingProperty().get() && !vm.detail().reposLoadingProperty().get());
    }

    private Button button(FxRobot robot, String id) {
        return robot.lookup(id).queryButton();
    }

    private String note(FxRobot robot) {
        Label l = robot.lookup("#permissionNote").queryAs(Label.class);
        return l.isVisible() ? l.getText() : "";
    }

    @Test
    void aReadOnlyKeyDisablesLinkOAuthAndUnlinkAndTheDetailPaneSaysWhy(FxRobot robot) throws Exception {
        open(robot, s -> s.key("readonly"));
        select(robot, 101);
        waitFor(() -> vm.permissions().capabilities().keyCanWrite().isPresent());
        assertTrue(button(robot, "#linkButton").isDisabled());
        assertTrue(button(robot, "#oauthButton").isDisabled());
        assertTrue(button(robot, "#unlinkButton").isDisabled());
        assertEquals(Capabilities.READ_ONLY, note(robot));
        shot(robot, "readonly");
        assertEquals(Capabilities.READ_ONLY, dev.hoglink.ui.common.HoverTip.textOf(button(robot, "#linkButton")));
        assertEquals(Capabilities.READ_ONLY, dev.hoglink.ui.common.HoverTip.textOf(button(robot, "#unlinkButton")));
    }

    @Test
    void anEnvironmentsDetailSaysItIsAnEnvironmentOfItsProjectNotAProject(FxRobot robot) throws Exception {
        open(robot, Setup.defaults().withKey(s -> s.key("stark_owner")).withSize(1240, 760));
        waitFor(() -> !vm.busyProperty().get() && vm.row(SeedWorld.STARK_WEB_STAGING) != null
                && vm.row(SeedWorld.STARK_WEB) != null);
        select(robot, SeedWorld.STARK_WEB_STAGING);
        Label subtitle = robot.lookup("#detailSubtitle").queryAs(Label.class);
        waitFor(() -> subtitle.getText().startsWith("Environment"));
        assertTrue(subtitle.getText().startsWith("Environment id 402 of project Stark Web (id 401)"), subtitle.getText());
        select(robot, SeedWorld.STARK_WEB);
        waitFor(() -> subtitle.getText().startsWith("Project id 401"));
    }

    @Test
    void aMemberMayLinkButNotManageOrUnlinkAndIsToldThatBothNeedProjectAdmin(FxRobot robot) throws Exception {
        open(robot, s -> s.key("member"));
        select(robot, 101);
        waitFor(() -> vm.permissions().capabilities().keyCanWrite().isPresent());
        assertFalse(button(robot, "#linkButton").isDisabled());
        assertFalse(button(robot, "#oauthButton").isDisabled());
        assertTrue(button(robot, "#unlinkButton").isDisabled());
        assertTrue(button(robot, "#manageButton").isDisabled());
        // Every disabled button is in the sentence under them, with its reason: Acme decides per project (NM1), so the
        // reason is the level PostHog states on Web, not the organization's (Cy is admin of Desktop).
        assertEquals("Manage on GitHub and Unlink need project admin. You are a member of this project, not its "
                + "admin.", note(robot));
        // The disabled buttons' tips are that sentence, word for word (Unlink's once read "Unlinking needs project
        // admin; …" beside it).
        assertEquals(note(robot), dev.hoglink.ui.common.HoverTip.textOf(button(robot, "#unlinkButton")));
        assertEquals(note(robot), dev.hoglink.ui.common.HoverTip.textOf(button(robot, "#manageButton")));
        shot(robot, "member");
    }

    @Test
    void anOwnerSeesEveryActionEnabledAndNoNote(FxRobot robot) throws Exception {
        open(robot, s -> s.key("owner"));
        select(robot, 101);
        waitFor(() -> vm.permissions().capabilities().keyCanWrite().isPresent());
        assertFalse(button(robot, "#linkButton").isDisabled());
        assertFalse(button(robot, "#unlinkButton").isDisabled());
        assertEquals("", note(robot));
    }

    @Test
    void aLinkRefusedWith403IsFinalWithoutTryAgainAndTheButtonsAreReRead(FxRobot robot) throws Exception {
        String[] key = new String[1];
        open(robot, s -> key[0] = s.addKey(SeedWorld.ADA, List.of("*"), List.of(), List.of()));
        select(robot, 108);
        waitFor(() -> vm.permissions().capabilities().keyCanWrite().orElse(false));
        robot.clickOn("#linkButton");
        waitFor(() -> feature.openDialog() != null && feature.openDialog().isShowing());
        Parent root = feature.openDialog().getScene().getRoot();
        TableView<OptionRow> options = robot.from(root).lookup("#optionsTable").queryTableView();
        waitFor(() -> !options.getItems().isEmpty());
        robot.clickOn((Node) robot.from(options).lookup((Node n) -> n instanceof TableCell<?, ?> c
                && "10000001".equals(c.getText())).query());
        Button primary = robot.from(root).lookup("#primaryButton").queryButton();
        robot.clickOn(primary);
        waitFor(() -> robot.from(root).lookup("#confirmBox").query().isVisible());

        // Meanwhile the key's owner takes integration:write away in PostHog.
        sandbox.setKeyScopes(key[0], READ_ONLY_SCOPES);
        robot.clickOn(primary);
        Label message = robot.from(root).lookup("#messageLabel").queryAs(Label.class);
        waitFor(() -> message.getText().contains("Nothing was linked"));
        assertTrue(message.getText().contains("integration:write"), message.getText());
        assertEquals("Close", primary.getText().replace("_", ""), "no Try again after a 403");
        waitFor(() -> !vm.permissions().capabilities().keyCanWrite().orElse(true));
        robot.clickOn(primary);
        waitFor(() -> feature.openDialog() == null);
        assertTrue(button(robot, "#linkButton").isDisabled(), "the buttons follow the re-read capabilities");
        assertEquals(Capabilities.READ_ONLY, note(robot));
    }

    // ---- point 2: broken installations ------------------------------------------------------------------

    private Parent openPicker(FxRobot robot, long projectId) throws Exception {
        select(robot, projectId);
        robot.clickOn("#linkButton");
        waitFor(() -> feature.openDialog() != null && feature.openDialog().isShowing());
        Parent root = feature.openDialog().getScene().getRoot();
        TableView<OptionRow> options = robot.from(root).lookup("#optionsTable").queryTableView();
        waitFor(() -> !options.getItems().isEmpty());
        return root;
    }

    private OptionRow option(FxRobot robot, Parent root, String installationId) {
        TableView<OptionRow> options = robot.from(root).lookup("#optionsTable").queryTableView();
        return options.getItems().stream().filter(r -> installationId.equals(r.option().installationId()))
                .findFirst().orElseThrow(() -> new AssertionError("no option " + installationId + " in "
                        + options.getItems()));
    }

    private void pick(FxRobot robot, Parent root, String installationId) {
        TableView<OptionRow> options = robot.from(root).lookup("#optionsTable").queryTableView();
        robot.clickOn((Node) robot.from(options).lookup((Node n) -> n instanceof TableCell<?, ?> c
                && installationId.equals(c.getText())).query());
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void thePickerShowsEachInstallationsStatusAndABrokenOneCannotBeChosenAndSaysWhyWithItsGitHubPage(FxRobot robot)
            throws Exception {
        open(robot, s -> s.key("owner"));
        Parent root = openPicker(robot, 108);
        assertEquals("Connected", option(robot, root, SeedWorld.INST_ACME).status());
        assertEquals("Unavailable: uninstalled or suspended on GitHub", option(robot, root, SeedWorld.INST_LEGACY_SUSPENDED).status());
        assertEquals("Token error: PostHog could not refresh its GitHub token", option(robot, root, SeedWorld.INST_DATA_TOKEN_ERROR).status());
        TableView<OptionRow> options = robot.from(root).lookup("#optionsTable").queryTableView();
        assertTrue(robot.from(options).lookup((Node n) -> n instanceof TableCell<?, ?> c
                && "Unavailable: uninstalled or suspended on GitHub".equals(c.getText())).tryQuery().isPresent(),
                "the Status column shows it");
        Label listText = robot.from(root).lookup("#listTextLabel").queryAs(Label.class);
        assertTrue(listText.getText().contains("broken (see Status) and cannot be chosen"), listText.getText());

        pick(robot, root, SeedWorld.INST_LEGACY_SUSPENDED);
        Button primary = robot.from(root).lookup("#primaryButton").queryButton();
        assertTrue(primary.isDisabled(), "Next is disabled for a broken installation");
        Label message = robot.from(root).lookup("#messageLabel").queryAs(Label.class);
        assertTrue(message.getText().contains("is suspended or uninstalled on GitHub"), message.getText());
        shot(robot, "picker-broken");
        Button remedy = robot.from(root).lookup("#remedyButton").queryButton();
        assertEquals("Open its settings on GitHub", remedy.getText());
        robot.clickOn(remedy);
        waitFor(() -> !opened.isEmpty());
        assertEquals("https://github.com/organizations/acme-legacy/settings/installations/"
                + SeedWorld.INST_LEGACY_SUSPENDED, opened.get(0).toString());

        pick(robot, root, SeedWorld.INST_DATA_TOKEN_ERROR);
        assertTrue(primary.isDisabled());
        assertTrue(message.getText().contains("token error"), message.getText());

        pick(robot, root, SeedWorld.INST_ACME);
        assertFalse(primary.isDisabled(), "a healthy installation can be chosen");
        assertEquals("", message.getText());
    }

    /** As the owner: Checkout's link dialog with acme picked, at its confirm step; returns the dialog's root. */
    private Parent checkoutOntoAcmeConfirmed(FxRobot robot) throws Exception {
        open(robot, s -> s.key("owner"));
        Parent root = openPicker(robot, 108);
        pick(robot, root, SeedWorld.INST_ACME);
        robot.clickOn(robot.from(root).lookup("#primaryButton").queryButton());
        waitFor(() -> robot.from(root).lookup("#confirmBox").query().isVisible());
        return root;
    }

    @Test
    void aLinkOfAnInstallationThatBrokeMeanwhileIsExplainedAsBrokenNotAsAnOutageAndJournaledWithPostHogsAnswer(
            FxRobot robot) throws Exception {
        Parent root = checkoutOntoAcmeConfirmed(robot);
        Button primary = robot.from(root).lookup("#primaryButton").queryButton();
        sandbox.setInstallationStatus(SeedWorld.INST_ACME, "suspended"); // on GitHub, meanwhile
        robot.clickOn(primary);
        Label message = robot.from(root).lookup("#messageLabel").queryAs(Label.class);
        waitFor(() -> message.getText().contains("installation itself is broken"));
        shot(robot, "broken-meanwhile");
        assertFalse(message.getText().contains("status page"), message.getText());
        assertEquals("Open its settings on GitHub", robot.from(root).lookup("#remedyButton").queryButton().getText());
        var lines = journal.readAll().entries().stream().filter(e -> e.projectId() != null && e.projectId() == 108).toList();
        assertEquals(1, lines.size());
        assertEquals("error", lines.get(0).errorCode());
        assertTrue(lines.get(0).message().contains("PostHog 500 error: A server error occurred"), lines.get(0).message());
    }

    @Test
    void aLinkRefusedForAnInstallationPostHogStillReportsWorkingOffersToAskGitHubWhichFindsItGone(FxRobot robot)
            throws Exception {
        Parent root = checkoutOntoAcmeConfirmed(robot);
        Button primary = robot.from(root).lookup("#primaryButton").queryButton();
        // Suspended on GitHub, and PostHog's per-minute token refresh has not met it yet: its rows say connected.
        sandbox.setInstallationStatus(SeedWorld.INST_ACME, "suspended", false);
        robot.clickOn(primary);
        Label message = robot.from(root).lookup("#messageLabel").queryAs(Label.class);
        Button remedy = robot.from(root).lookup("#remedyButton").queryButton();
        waitFor(() -> remedy.isVisible() && "Ask GitHub through PostHog".equals(remedy.getText()));
        assertTrue(message.getText().contains("PostHog still reports acme working"), message.getText());
        assertFalse(message.getText().contains("installation itself is broken"), "nothing says so yet");
        assertEquals(LinkStatus.CONNECTED, vm.row(101).links().get(0).status());
        shot(robot, "ask-github");

        robot.clickOn(remedy);
        waitFor(() -> message.getText().contains("installation itself is broken"));
        assertTrue(message.getText().contains("PostHog now reports it unavailable on Web"), message.getText());
        assertEquals("Open its settings on GitHub", remedy.getText());
        waitFor(() -> vm.row(101).links().get(0).status() == LinkStatus.UNAVAILABLE);
        shot(robot, "ask-github-gone");
        var lines = journal.readAll().entries().stream().filter(e -> e.projectId() != null && e.projectId() == 108).toList();
        assertEquals(1, lines.size(), "the one link attempt; asking changes no link");
    }

    // ---- point 3: a project with GitHub already -------------------------------------------------------------

    /**
     * The table read Web with acme alone; while the confirmation waits, someone else links acme-secret to Web on
     * PostHog. The link of acme-labs then leaves Web with three, and the dialog, the status bar's toast and the history
     * say the same three, from the rows the link read just before sending, not the table's older rows.
     */
    @Test
    void anInstallationLinkedOnPostHogAfterTheTableWasReadIsNamedByTheDialogTheToastAndTheHistory(FxRobot robot)
            throws Exception {
        open(robot, s -> s.key("owner"));
        Parent root = openPicker(robot, 101); // Web uses acme
        pick(robot, root, SeedWorld.INST_ACME_LABS);
        Button primary = robot.from(root).lookup("#primaryButton").queryButton();
        robot.clickOn(primary);
        Label sentence = robot.from(root).lookup("#confirmationLabel").queryAs(Label.class);
        waitFor(() -> sentence.isVisible());
        client.linkExisting(101, new dev.hoglink.api.dto.LinkExistingRequest(124L, SeedWorld.INST_SECRET_ORPHAN, null));
        assertEquals(1, vm.row(101).links().size(), "the table still shows acme alone");
        Label message = robot.from(root).lookup("#messageLabel").queryAs(Label.class);
        List<String> dialogSaid = new java.util.concurrent.CopyOnWriteArrayList<>();
        robot.interact(() -> message.textProperty().addListener((o, a, b) -> dialogSaid.add(b)));

        robot.clickOn(primary);
        waitFor(() -> feature.openDialog() == null && vm.row(101).links().size() == 3);
        String said = "Web now uses 3 GitHub installations: acme, acme-secret and acme-labs.";
        assertTrue(dialogSaid.contains(said), dialogSaid.toString());
        assertTrue(toasts.visibleMessages().contains(said), toasts.visibleMessages().toString());
        dev.hoglink.service.journal.JournalEntry line = journal.readAll().entries().stream()
                .filter(e -> e.action() == dev.hoglink.service.journal.JournalEntry.Action.LINK
                        && Long.valueOf(101).equals(e.projectId())).reduce((a, b) -> b).orElseThrow();
        assertEquals("linked; " + said, line.message());
        assertEquals(said, dev.hoglink.ui.audit.HistoryWords.detail(new dev.hoglink.service.audit.AuditReport.HistoryEntry(
                line.time(), dev.hoglink.service.audit.AuditReport.Source.JOURNAL, 101L, "Web", SeedWorld.INST_ACME_LABS,
                "this computer", "link", "ok", line.message())));
    }

    /**
     * Docs has a GitHub row that names no installation; the confirmation before linking it to acme says what the result
     * will: it then uses acme. On the old code it read "Docs already uses acme, so it will then use two installations:
     * acme and acme.", and refused a switch as if Docs were the last project using acme.
     */
    @Test
    void theLinkConfirmationCountsOnlyRowsThatNameAnInstallation(FxRobot robot) throws Exception {
        open(robot, s -> s.key("owner"));
        Parent root = openPicker(robot, 107);
        pick(robot, root, SeedWorld.INST_ACME);
        robot.clickOn(robot.from(root).lookup("#primaryButton").queryButton());
        Label sentence = robot.from(root).lookup("#confirmationLabel").queryAs(Label.class);
        waitFor(() -> sentence.isVisible());
        assertTrue(sentence.getText().contains("Docs"), sentence.getText());
        assertFalse(sentence.getText().contains("already uses"), sentence.getText());
        assertFalse(sentence.getText().contains("installations"), sentence.getText());
        // nor is a switch refused as if Docs were the last project using acme, which Web, Mobile and API use
        Label switchNote = robot.from(root).lookup("#switchNoteLabel").queryAs(Label.class);
        assertEquals("", switchNote.getText());
    }

    /**
     * Docs has a GitHub row that names no installation. Linked to acme, the result says it uses acme alone, and so does
     * the detail pane's header: on the old code it read "uses 2 GitHub installations: acme, acme", counting the broken
     * row (whose card still shows it as a problem).
     */
    @Test
    void theDetailHeaderCountsOnlyRowsThatNameAnInstallation(FxRobot robot) throws Exception {
        open(robot, s -> s.key("owner"));
        client.linkExisting(107, new dev.hoglink.api.dto.LinkExistingRequest(101L, SeedWorld.INST_ACME, null));
        robot.interact(() -> vm.refreshProjects(java.util.Set.of(107L)));
        waitFor(() -> vm.row(107).links().size() == 2);
        select(robot, 107);
        waitFor(() -> vm.detail().links().size() == 2);
        Label subtitle = robot.lookup("#detailSubtitle").queryAs(Label.class);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(subtitle.getText().startsWith("Project id 107"), subtitle.getText());
        assertFalse(subtitle.getText().contains("GitHub installations"), subtitle.getText());
    }

    @Test
    void linkingAProjectThatHasGitHubAlreadyStatesTheResultShowsBothAndUnlinkSaysItKeepsGitHub(FxRobot robot)
            throws Exception {
        open(robot, s -> s.key("owner"));
        Parent root = openPicker(robot, 101); // Web uses acme
        pick(robot, root, SeedWorld.INST_ACME_LABS);
        Button primary = robot.from(root).lookup("#primaryButton").queryButton();
        robot.clickOn(primary);
        Label sentence = robot.from(root).lookup("#confirmationLabel").queryAs(Label.class);
        waitFor(() -> sentence.isVisible());
        assertTrue(sentence.getText().contains("Web already uses acme, so it will then use two installations: "
                + "acme and acme-labs."), sentence.getText());
        shot(robot, "confirm-second");
        robot.clickOn(primary);
        waitFor(() -> feature.openDialog() == null && vm.row(101).links().size() == 2);
        assertTrue(toasts.visibleMessages().contains("Web now uses 2 GitHub installations: acme and acme-labs."),
                toasts.visibleMessages().toString());

        // The table and the detail pane show both.
        TableView<ProjectRowViewModel> table = robot.lookup("#projectsTable").queryTableView();
        robot.interact(() -> table.scrollTo(vm.row(101)));
        waitFor(() -> robot.from(table).lookup((Node n) -> n instanceof javafx.scene.control.TableCell<?, ?> c && "acme + 1".equals(c.getText()))
                .tryQuery().isPresent());
        select(robot, 101);
        Label subtitle = robot.lookup("#detailSubtitle").queryAs(Label.class);
        waitFor(() -> subtitle.getText().contains("uses 2 GitHub installations: acme, acme-labs"));
        shot(robot, "two-installations");
        // The repositories' installation chooser names each one as the cards and the dialogs do, never "null (…)".
        @SuppressWarnings("unchecked")
        javafx.scene.control.ComboBox<dev.hoglink.model.GitHubLink> choice =
                robot.lookup("#linkChoice").queryAs(javafx.scene.control.ComboBox.class);
        assertEquals(List.of("acme (id " + SeedWorld.INST_ACME + ")", "acme-labs (id " + SeedWorld.INST_ACME_LABS + ")"),
                choice.getItems().stream().map(choice.getConverter()::toString).sorted().toList());
        assertEquals("installation 10000009", choice.getConverter().toString(new dev.hoglink.model.GitHubLink(9,
                "10000009", null, dev.hoglink.model.AccountType.ORGANIZATION, "all", LinkStatus.CONNECTED, false, null,
                null, "")));

        // Unlink names the one it removes and says the project keeps GitHub through the other.
        robot.interact(() -> vm.detail().selectedLinkProperty().set(vm.detail().links().stream()
                .filter(l -> SeedWorld.INST_ACME_LABS.equals(l.installationId())).findFirst().orElseThrow()));
        robot.clickOn("#unlinkButton");
        waitFor(() -> robot.lookup(".dialog-pane").tryQuery().isPresent());
        javafx.scene.control.DialogPane pane = robot.lookup(".dialog-pane").query();
        assertTrue(pane.getContentText().contains("Web (id 101) stops using the installation on acme-labs (id "
                + SeedWorld.INST_ACME_LABS + ") and keeps GitHub through acme"), pane.getContentText());
        assertFalse(pane.getContentText().contains("stops using GitHub"), pane.getContentText());
        assertTrue(((Stage) pane.getScene().getWindow()).getTitle().contains("acme-labs")
                || String.valueOf(pane.getHeaderText()).contains("acme-labs"), "the title names the one it removes");
        robot.clickOn("Unlink");
        waitFor(() -> vm.row(101).links().size() == 1);
        assertEquals(SeedWorld.INST_ACME, vm.row(101).installationId());
    }

    // ---- point 3: switch instead of adding -------------------------------------------------------------------

    @Test
    void switchLinksTheNewInstallationThenUnlinksTheOldAsOnePlanShowingEachStepsResult(FxRobot robot)
            throws Exception {
        open(robot, s -> s.key("owner"));
        Parent root = openPicker(robot, 101); // Web uses acme, which Mobile and API use too
        pick(robot, root, SeedWorld.INST_ACME_LABS);
        Button primary = robot.from(root).lookup("#primaryButton").queryButton();
        robot.clickOn(primary);
        javafx.scene.control.CheckBox switchCheck = robot.from(root).lookup("#switchCheck").queryAs(
                javafx.scene.control.CheckBox.class);
        waitFor(switchCheck::isVisible);
        assertFalse(switchCheck.isSelected(), "adding stays the default");
        assertEquals("Link", primary.getText().replace("_", ""));
        robot.clickOn(switchCheck);
        Label sentence = robot.from(root).lookup("#confirmationLabel").queryAs(Label.class);
        assertTrue(sentence.getText().startsWith("Switch: after linking acme-labs, unlink acme (integration "),
                sentence.getText());
        assertEquals("Link and switch", primary.getText().replace("_", ""));
        // The switch unlinks: it looks and behaves like any unlink (danger style, never the Enter default).
        assertTrue(primary.getStyleClass().contains("danger"), primary.getStyleClass().toString());
        assertFalse(primary.isDefaultButton(), "Enter never triggers the switch");
        shot(robot, "switch-confirm");

        robot.clickOn(primary);
        Label steps = robot.from(root).lookup("#switchStepsLabel").queryAs(Label.class);
        waitFor(() -> steps.getText().contains("2. Unlink acme: done."));
        assertTrue(steps.getText().startsWith("1. Link acme-labs: done."), steps.getText());
        assertTrue(feature.openDialog() != null && feature.openDialog().isShowing(), "the dialog stays to show the steps");
        shot(robot, "switch-done");
        waitFor(() -> vm.row(101).links().size() == 1
                && SeedWorld.INST_ACME_LABS.equals(vm.row(101).links().get(0).installationId()));
        var actions = journal.readAll().entries().stream().filter(e -> e.projectId() != null && e.projectId() == 101)
                .map(e -> e.action().wireName() + ":" + e.outcome()).toList();
        assertEquals(List.of("link:OK", "unlink:OK"), actions);
        robot.clickOn(primary); // Close
        waitFor(() -> feature.openDialog() == null);
    }

    @Test
    void noSwitchIsOfferedWhenUnlinkingTheOldInstallationWouldUninstallTheApp(FxRobot robot) throws Exception {
        open(robot, s -> s.key("owner"));
        Parent root = openPicker(robot, 104); // Labs is the only project using acme-labs
        pick(robot, root, SeedWorld.INST_ACME);
        robot.clickOn(robot.from(root).lookup("#primaryButton").queryButton());
        Label note = robot.from(root).lookup("#switchNoteLabel").queryAs(Label.class);
        waitFor(note::isVisible);
        assertFalse(robot.from(root).lookup("#switchCheck").query().isVisible());
        assertTrue(note.getText().startsWith("No switch: Labs is the last project using acme-labs, so unlinking it "
                + "would also uninstall the GitHub App from acme-labs."), note.getText());
    }

    // ---- point 12: the single-link picker can be searched ------------------------------------------------------

    @Test
    void thePickerCanBeFilteredFromTheKeyboardAndDownThenEnterPicksTheMatch(FxRobot robot) throws Exception {
        open(robot, s -> s.key("owner"));
        Parent root = openPicker(robot, 108);
        TableView<OptionRow> options = robot.from(root).lookup("#optionsTable").queryTableView();
        int all = options.getItems().size();
        assertTrue(all >= 3, "several installations to search: " + all);
        pick(robot, root, SeedWorld.INST_ACME); // a click gives the dialog's window the keyboard
        waitFor(options::isFocused);
        robot.press(javafx.scene.input.KeyCode.CONTROL).press(javafx.scene.input.KeyCode.F)
                .release(javafx.scene.input.KeyCode.F).release(javafx.scene.input.KeyCode.CONTROL);
        javafx.scene.control.TextField filter = robot.from(root).lookup("#filterField").queryAs(
                javafx.scene.control.TextField.class);
        waitFor(filter::isFocused);
        robot.write("labs");
        waitFor(() -> options.getItems().size() == 1);
        assertEquals(SeedWorld.INST_ACME_LABS, options.getItems().get(0).option().installationId());
        assertEquals("1 of " + all, robot.from(root).lookup("#filterCountLabel").queryAs(Label.class).getText());
        robot.type(javafx.scene.input.KeyCode.DOWN);
        waitFor(options::isFocused);
        robot.type(javafx.scene.input.KeyCode.ENTER);
        Label sentence = robot.from(root).lookup("#confirmationLabel").queryAs(Label.class);
        waitFor(sentence::isVisible);
        assertTrue(sentence.getText().contains("acme-labs"), sentence.getText());

        robot.clickOn(robot.from(root).lookup("#backButton").queryButton());
        robot.interact(() -> filter.setText("no-such-account"));
        assertTrue(options.getItems().isEmpty());
        assertEquals("No installation matches \"no-such-account\"", ((Label) options.getPlaceholder()).getText());
    }
}
