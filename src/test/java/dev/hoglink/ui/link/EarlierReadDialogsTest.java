package dev.hoglink.ui.link;

import static dev.hoglink.ui.link.LinkTestSupport.HOST;
import static dev.hoglink.ui.link.LinkTestSupport.target;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.inventory.FakeInventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.support.DemoData;
import dev.hoglink.support.TestClock;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import dev.hoglink.ui.inventory.InventoryViewModel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * While a failed refresh leaves the earlier rows on screen, Link and Unlink still offer to act (PostHog decides), but
 * what they take from the rows (which projects use an installation) is said to be from that earlier read, with its
 * age, not presented as current.
 */
class EarlierReadDialogsTest {

    private static final String FROM_EARLIER = "Which projects use each installation is from the read of 5 min ago; "
            + "the refresh after it failed.";

    @TempDir
    Path dir;

    private final TestClock clock = new TestClock(LinkTestSupport.START);
    private final FakeInventoryService inventory = DemoData.acme();
    private final FakeLinkApi api = new FakeLinkApi();
    private InventoryViewModel window;
    private ActionJournal journal;

    @BeforeEach
    void world() {
        journal = LinkTestSupport.journal(dir, clock);
        api.linked(101, 7, "12345678", "acme", true).linked(103, 8, "12345678", "acme", true)
                .offers("12345678", "acme", 101L, "Web");
        window = new InventoryViewModel(new SameThreadTaskRunner(), null, clock, 4);
        window.connect(HOST, inventory, null);
        assertEquals("", window.earlierRead(), "rows just read are current");
    }

    /** The server gone five minutes later: F5 fails and the rows stay. */
    private void refreshFailsFiveMinutesLater() {
        clock.advance(Duration.ofMinutes(5));
        inventory.failEverything(new ServiceException(ServiceException.Kind.NETWORK, "Cannot reach 127.0.0.1:8010."));
        window.refresh();
        assertEquals("the read of 5 min ago", window.earlierRead());
    }

    private LinkDialogViewModel linkDialog() {
        LinkDialogViewModel vm = new LinkDialogViewModel(new SameThreadTaskRunner(), new LinkService(api, journal, HOST),
                target(104, "Data"), new InventoryFacts(window), clock, uri -> { }, () -> { }, r -> { });
        vm.load();
        return vm;
    }

    @Test
    void theLinkDialogSaysWhoUsesAnInstallationIsFromTheEarlierRead() {
        LinkDialogViewModel current = linkDialog();
        assertTrue(current.confirmationProperty().get().contains("already used by Web, Mobile and API"),
                current.confirmationProperty().get());
        assertFalse(current.confirmationProperty().get().contains("earlier") || current.confirmationProperty().get()
                .contains("refresh"), "current rows: nothing more said");

        refreshFailsFiveMinutesLater();
        LinkDialogViewModel stale = linkDialog();
        assertTrue(stale.confirmationProperty().get().endsWith(FROM_EARLIER), stale.confirmationProperty().get());
        assertTrue(stale.listTextProperty().get().endsWith(FROM_EARLIER), stale.listTextProperty().get());
    }

    @Test
    void theUnlinkConfirmationSaysTheProjectsThatKeepWorkingAreFromTheEarlierRead() {
        refreshFailsFiveMinutesLater();
        LinkTestSupport.ScriptedDialogs dialogs = new LinkTestSupport.ScriptedDialogs();
        UnlinkViewModel unlink = new UnlinkViewModel(new SameThreadTaskRunner(), dialogs,
                new LinkService(api, journal, HOST), new InventoryFacts(window), LinkTestSupport.NO_BROWSER, ids -> { });
        api.linked(102, 9, "12345678", "acme", true);
        unlink.unlink(target(102, "Mobile"), new GitHubLink(9, "12345678", "acme", AccountType.ORGANIZATION, "all",
                LinkStatus.CONNECTED, true, null, null, ""));
        assertEquals(1, dialogs.confirms.size());
        String text = dialogs.confirms.get(0);
        assertTrue(text.contains("and Web and API keep working.") && text.endsWith(FROM_EARLIER), text);
    }

    @Test
    void aWindowWithoutAFailedRefreshAddsNothing() {
        assertEquals("", new InventoryFacts(window).fromEarlierRead("Anything"));
        List<String> using = new InventoryFacts(window).projectsUsing("12345678", 104);
        assertEquals(List.of("Web", "Mobile", "API"), using);
    }
}
