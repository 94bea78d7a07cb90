package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.service.inventory.InventoryCache;
import dev.hoglink.support.MainWindowHarness;
import dev.hoglink.ui.common.FxTaskRunner;
import dev.hoglink.ui.common.HoverTip;
import dev.hoglink.ui.main.MainWindowView;
import java.nio.file.Files;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

/**
 * Each link card of the detail pane says whether its installation is shared, counting the other loaded projects
 * that use it, as the table's Shared column does. The pane redrew its cards only when the selected row's own count
 * changed, which follows its primary link; so a second link's card kept saying "only this project" after another
 * project linked its installation, and "shared with 1 other project" after that project unlinked it. And a project's
 * cards are reached and chosen from the keyboard.
 */
@ExtendWith(ApplicationExtension.class)
class LinkCardSharingFxTest {

    static final Organization ACME = new Organization("org-1", "Acme", "acme", Organization.OWNER);
    static final long WEB = 1;
    static final long MOBILE = 2;
    static final long OPS = 3;
    /** Uses installation 400, which only a project of another organization uses too. */
    static final long SHOP = 4;
    static final Organization GLOBEX = new Organization("org-2", "Globex", "globex", Organization.OWNER);
    /** Web's second link, to installation 200, which no other project uses at first. */
    static final long WEB_SECOND = 21;

    private FakeInventoryService fake;
    private InventoryViewModel vm;
    private MainWindowView view;
    private FxTaskRunner runner;

    @Start
    void start(Stage stage) throws Exception {
        fake = new FakeInventoryService();
        fake.addOrganization(ACME);
        fake.addProject(ACME.id(), WEB, "Web");
        fake.addProject(ACME.id(), MOBILE, "Mobile");
        fake.addProject(ACME.id(), OPS, "Ops");
        fake.link(WEB, 11, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        fake.link(WEB, WEB_SECOND, "200", "acme-labs", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ada");
        fake.link(MOBILE, 12, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ben");
        fake.addProject(ACME.id(), SHOP, "Shop");
        fake.link(SHOP, 14, "400", "acme-shop", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Ben");
        fake.addOrganization(GLOBEX);
        fake.addProject(GLOBEX.id(), 9, "Globex web");
        fake.link(9, 19, "400", "acme-shop", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Gil");
        runner = new FxTaskRunner(4);
        vm = new InventoryViewModel(runner, new InventoryCache(Files.createTempDirectory("hoglink-fx-cache")),
                Clock.system(ZoneOffset.UTC), 4);
        view = MainWindowHarness.showLight(stage, vm).controller();
        vm.connect("http://127.0.0.1:8010", fake, null);
    }

    @AfterEach
    void stop() {
        runner.shutdown();
        view.dispose();
    }

    private static void waitFor(Callable<Boolean> condition) throws Exception {
        WaitForAsyncUtils.waitFor(10, TimeUnit.SECONDS, condition);
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** The last line of the card of {@code integrationId}: by the links' order, the line a reader sees. */
    private Label card(FxRobot robot, long integrationId) {
        int at = vm.detail().links().stream().map(l -> l.integrationId()).toList().indexOf(integrationId);
        javafx.scene.layout.VBox box = robot.lookup("#linksBox").queryAs(javafx.scene.layout.VBox.class);
        javafx.scene.layout.VBox card = (javafx.scene.layout.VBox) box.getChildren().get(at);
        return (Label) card.getChildren().get(card.getChildren().size() - 1);
    }

    @Test
    void aSecondLinksCardFollowsAnotherProjectLinkingAndUnlinkingItsInstallation(FxRobot robot) throws Exception {
        waitFor(() -> !vm.busyProperty().get() && vm.row(WEB) != null && vm.row(WEB).linksKnown()
                && vm.row(OPS) != null && vm.row(OPS).linksKnown());
        robot.interact(() -> vm.selectedRowProperty().set(vm.row(WEB)));
        waitFor(() -> robot.lookup("#linksBox").queryAs(javafx.scene.layout.VBox.class).getChildren().size() == 2);
        assertTrue(card(robot, 11).getText().endsWith("shared with 1 other project"), card(robot, 11).getText());
        Label second = card(robot, WEB_SECOND);
        assertTrue(second.getText().endsWith("only this project"), second.getText());
        assertEquals(1, vm.row(WEB).sharedWith(), "the row's own count follows its primary link, to 100");
        String day = dev.hoglink.ui.common.DisplayTimes.day(vm.detail().links().get(1).createdAt(), ZoneOffset.UTC);
        assertTrue(day.contains(" ") && second.getText().contains(" on " + day.replace(' ', '\u00a0') + " · "),
                "the date does not wrap inside itself in a narrow pane (it read \"on 2\" / \"May 2026\"): "
                        + second.getText());

        // Ops links installation 200: Web's row keeps its count (1, for 100), the second card now says shared.
        fake.link(OPS, 31, "200", "acme-labs", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Cy");
        robot.interact(() -> vm.refreshProjects(Set.of(OPS)));
        waitFor(() -> !vm.row(OPS).links().isEmpty() && !vm.busyProperty().get());
        assertEquals(1, vm.row(WEB).sharedWith());
        assertTrue(second.getText().endsWith("shared with 1 other project"), second.getText());
        assertSame(second, card(robot, WEB_SECOND), "the card's words changed in place: the pane was not redrawn");
        assertEquals("1 other project", vm.row(OPS).sharingText(), "the table's words for Ops say the same");
        assertTrue(card(robot, 11).getText().endsWith("shared with 1 other project"), "the first card is unchanged");
        assertNull(HoverTip.textOf(second), "no tip: the words say it whole");

        // Ops unlinks it again: the card goes back.
        fake.unlinkAll(OPS);
        robot.interact(() -> vm.refreshProjects(Set.of(OPS)));
        waitFor(() -> vm.row(OPS).links().isEmpty() && !vm.busyProperty().get());
        assertTrue(second.getText().endsWith("only this project"), second.getText());
    }

    @Test
    void theCardsOfAProjectNoLongerShownStopFollowing(FxRobot robot) throws Exception {
        waitFor(() -> !vm.busyProperty().get() && vm.row(WEB) != null && vm.row(WEB).linksKnown()
                && vm.row(MOBILE) != null && vm.row(MOBILE).linksKnown());
        robot.interact(() -> vm.selectedRowProperty().set(vm.row(WEB)));
        waitFor(() -> robot.lookup("#linksBox").queryAs(javafx.scene.layout.VBox.class).getChildren().size() == 2);
        Label websSecond = card(robot, WEB_SECOND);
        robot.interact(() -> vm.selectedRowProperty().set(vm.row(MOBILE)));
        waitFor(() -> robot.lookup("#linksBox").queryAs(javafx.scene.layout.VBox.class).getChildren().size() == 1);
        assertEquals(java.util.List.of(12L), vm.detail().links().stream().map(l -> l.integrationId()).toList());

        // Mobile's one card follows; Web's old card, gone from the pane, is left as it was.
        fake.link(OPS, 31, "100", "acme", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Cy");
        fake.link(OPS, 32, "200", "acme-labs", AccountType.ORGANIZATION, LinkStatus.CONNECTED, "Cy");
        robot.interact(() -> vm.refreshProjects(Set.of(OPS)));
        waitFor(() -> !vm.row(OPS).links().isEmpty() && !vm.busyProperty().get());
        assertTrue(card(robot, 12).getText().endsWith("shared with 2 other projects"), card(robot, 12).getText());
        assertTrue(websSecond.getText().endsWith("only this project"), websSecond.getText());
    }

    /**
     * The Shared chip keeps the rows shared in this organization and those shared elsewhere; its tip said "used
     * elsewhere too", which read as the second kind only. It now says both, in the Shared column's words.
     */
    @Test
    void theSharedChipsTipSaysItKeepsProjectsSharedInThisOrganizationAndElsewhere(FxRobot robot) throws Exception {
        waitFor(() -> !vm.busyProperty().get() && vm.rows().stream().allMatch(ProjectRowViewModel::linksKnown));
        javafx.scene.control.ToggleButton chip = robot.lookup("#sharedChip").queryAs(javafx.scene.control.ToggleButton.class);
        String tip = HoverTip.textOf(chip);
        assertEquals(dev.hoglink.model.Sharing.filterTip(), tip, "one source for the words");
        assertEquals("2 other projects", new dev.hoglink.model.Sharing(2, false).word());
        assertTrue(tip.contains("\"2 other projects\" of this organization"), tip);
        assertTrue(tip.contains("or \"elsewhere\" when PostHog says one not listed here does (a project of another "
                + "organization, or one you cannot access)."), tip);

        robot.moveTo(chip);
        WaitForAsyncUtils.waitFor(5, TimeUnit.SECONDS, () -> chip.getTooltip() != null && chip.getTooltip().isShowing());
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(chip.getTooltip().getWidth() <= 420 + 40, "the long tip wraps (it ran off the screen on one "
                + "line): " + chip.getTooltip().getWidth());
        robot.moveTo("#projectsTable");

        // And it keeps what it says: Web and Mobile (in Acme), Shop (elsewhere), not Ops.
        assertEquals("elsewhere", vm.row(SHOP).sharingText());
        robot.interact(() -> vm.table().chipSharedProperty().set(true));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(Set.of(WEB, MOBILE, SHOP), vm.table().visibleRows().stream().map(ProjectRowViewModel::id)
                .collect(java.util.stream.Collectors.toSet()));
    }

    /**
     * Web has two links: its cards choose which one the repositories and the actions show. A click did; the keyboard
     * could not reach the cards at all.
     */
    @Test
    void tabReachesTheLinkCardsAndEnterChoosesOne(FxRobot robot) throws Exception {
        waitFor(() -> !vm.busyProperty().get() && vm.row(WEB) != null && vm.row(WEB).linksKnown());
        robot.interact(() -> vm.selectedRowProperty().set(vm.row(WEB)));
        VBox box = robot.lookup("#linksBox").queryAs(VBox.class);
        waitFor(() -> box.getChildren().size() == 2);
        GitHubLink first = vm.detail().links().get(0);
        GitHubLink second = vm.detail().links().get(1);
        assertEquals(first, vm.detail().selectedLinkProperty().get(), "the first link is shown at the start");

        robot.interact(() -> robot.lookup("#unlinkButton").query().requestFocus());
        for (int i = 0; i < 4 && owner(box) == null; i++) {
            robot.type(KeyCode.TAB);
        }
        assertEquals(first, owner(box) == null ? null : owner(box).getUserData(), "Tab goes on to the first card");
        assertEquals(2, ((Region) owner(box)).getBackground().getFills().size(), "the focused card shows a ring");
        robot.type(KeyCode.TAB);
        assertEquals(second, owner(box) == null ? null : owner(box).getUserData(), "and to the second");
        robot.type(KeyCode.ENTER);
        waitFor(() -> second.equals(vm.detail().selectedLinkProperty().get()));
        assertEquals(second, owner(box) == null ? null : owner(box).getUserData(),
                "the chosen card keeps the focus when the cards are drawn again");
        assertTrue(owner(box).getStyleClass().contains("selected"));
        robot.press(KeyCode.SHIFT).type(KeyCode.TAB).release(KeyCode.SHIFT).type(KeyCode.SPACE); // back, Space
        waitFor(() -> first.equals(vm.detail().selectedLinkProperty().get()));
    }

    /** The link card that has the focus, or null. */
    private static Node owner(VBox box) {
        Node n = box.getScene().getFocusOwner();
        return n != null && n.getParent() == box ? n : null;
    }
}
