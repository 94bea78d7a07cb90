package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.link.PlanSandbox;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Undo of the last link, over the real client and the sandbox. */
class UndoLastLinkTest {

    @TempDir
    Path home;
    private SandboxServer sandbox;
    private final LinkTestSupport.ScriptedDialogs dialogs = new LinkTestSupport.ScriptedDialogs();

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private static LinkService.Target t(PlanSandbox s, long id) {
        return new LinkService.Target(s.acme, s.projects.get(id));
    }

    /** Another admin's own client, for changes Hoglink did not make. */
    private dev.hoglink.api.PostHogClient someoneElse() {
        return dev.hoglink.api.PostHogClient.builder(sandbox.baseUri().toString(),
                dev.hoglink.api.ApiKey.of(sandbox.key("admin"))).rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .build();
    }

    /**
     * Someone else unlinks {@code projectId} from {@code installationId} (the row {@code row}) and links it again from
     * {@code source}: PostHog makes a new row (docs/api-notes.md NH24). Returns that row's id.
     */
    private static long unlinkAndLinkAgain(dev.hoglink.api.PostHogClient other, long projectId, long row,
                                           long source, String installationId) {
        other.deleteIntegration(projectId, row);
        long theirs = other.linkExisting(projectId, dev.hoglink.api.dto.LinkExistingRequest.ofSourceProject(source,
                installationId, null)).id();
        assertTrue(theirs != row, "PostHog made a new row");
        return theirs;
    }

    /** The installation as PostHog offers it to the project (its source project and discovery). */
    private static dev.hoglink.model.InstallationOption offered(PlanSandbox s, long projectId, String installationId) {
        return s.plans.installations(projectId).stream().filter(o -> o.installationId().equals(installationId))
                .findFirst().orElseThrow();
    }

    private static long rowOf(PlanSandbox s, long projectId, String installationId) {
        return s.plans.links().links(projectId).stream().filter(l -> installationId.equals(l.installationId()))
                .findFirst().orElseThrow().integrationId();
    }

    /**
     * Hoglink links Checkout; then, just before the undo reads it, someone else unlinks it and links it again (a new
     * row). The undo sends nothing, says that Hoglink's link is already gone and the project linked again by someone
     * else, and the window reads Checkout again; their row stays. On the old code the undo matched the row by the
     * installation, asked to unlink Checkout and deleted their new row ("Undone: 1 project unlinked from acme-labs.").
     */
    @Test
    void anUndoLeavesTheRowSomeoneElseLinkedAgainAfterHoglinksLinkWasRemoved() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        var labs = offered(owner, 108, "10000002");
        var linked = owner.plans.links().linkOne(t(owner, 108), labs);
        assertTrue(linked.ours(), linked.message());
        long ours = linked.link().integrationId();
        dev.hoglink.api.PostHogClient other = someoneElse();
        long[] theirs = {0};
        sandbox.onceBefore("GET", "/api/projects/108/integrations/?",
                () -> theirs[0] = unlinkAndLinkAgain(other, 108, ours, 104, "10000002"));
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000002", "acme-labs", List.of(t(owner, 108)), Map.of(108L, ours)));
        List<Set<Long>> touched = new ArrayList<>();

        undo.undo(owner.plans.links(), List.of("Labs"), touched::add);

        assertTrue(dialogs.confirms.isEmpty(), dialogs.confirms.toString());
        assertEquals(List.of("INFO:Nothing undone: Checkout was linked again to acme-labs by someone else since (another "
                + "integration); Hoglink's link is already gone, so nothing was undone for it."), dialogs.notices);
        assertEquals(List.of(Set.of(108L)), touched, "the window reads Checkout again");
        assertEquals(theirs[0], rowOf(owner, 108, "10000002"), "their row stays");
        assertEquals("", undo.labelProperty().get(), "nothing left to undo");
        assertTrue(owner.journal.readAll().entries().stream()
                .noneMatch(e -> e.action() == dev.hoglink.service.journal.JournalEntry.Action.UNLINK),
                "nothing was sent, nothing journaled as sent");
    }

    /**
     * Of the two projects the last link made the only users of acme-oss, Search is linked again by someone else before
     * the undo: the confirmation undoes Checkout alone, says Search keeps the app (so no name is typed and the app is
     * not uninstalled), names Search as left; the notice says what was done. On the old code the undo asked for the
     * account's name to uninstall the app and deleted both rows, theirs too.
     */
    @Test
    void aProjectSomeoneElseLinkedAgainKeepsTheAppAndTheOtherIsUndone() {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        var oss = offered(owner, 108, "10000007");
        long checkoutRow = owner.plans.links().linkOne(t(owner, 108), oss).link().integrationId();
        var fromCheckout = offered(owner, 109, "10000007");
        long searchRow = owner.plans.links().linkOne(t(owner, 109), fromCheckout).link().integrationId();
        dev.hoglink.api.PostHogClient other = someoneElse();
        sandbox.onceBefore("GET", "/api/projects/108/integrations/?",
                () -> unlinkAndLinkAgain(other, 109, searchRow, 108, "10000007"));
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000007", "acme-oss", List.of(t(owner, 108), t(owner, 109)),
                Map.of(108L, checkoutRow, 109L, searchRow)));
        dialogs.typed = "acme-oss";

        undo.undo(owner.plans.links(), List.of(), ids -> { });

        assertTrue(dialogs.typedConfirms.isEmpty(), "Search keeps the app: no uninstall to accept");
        assertEquals(List.of("Undo the link of Checkout?|The last link is undone: Checkout (id 108) stops using GitHub.\n"
                + "The app stays installed on acme-oss (id 10000007), and Search keeps working. Search was linked "
                + "again to acme-oss by someone else since (another integration); Hoglink's link is already gone, so "
                + "nothing is undone for it."), dialogs.confirms);
        assertEquals(List.of("SUCCESS:Undone: 1 project unlinked from acme-oss. Search was linked again to acme-oss by "
                + "someone else since (another integration); Hoglink's link is already gone, so nothing was undone for "
                + "it."), dialogs.notices);
        owner.reread();
        assertTrue(owner.links.get(108L).isEmpty(), "Checkout unlinked");
        assertEquals(List.of("10000007"), owner.links.get(109L).stream().map(l -> l.installationId()).toList(),
                "Search keeps their link");
    }

    /**
     * Someone else unlinks and links Checkout again between the undo's read and its delete: the delete's own read
     * finds Hoglink's row gone and sends nothing; the notice says the project was linked again, not that it was
     * "already unlinked" (it is linked). The old code said "Checkout was already unlinked from acme-labs".
     */
    @Test
    void aProjectLinkedAgainJustBeforeTheUndosDeleteIsSaidToBeLinkedAgain() {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        var labs = offered(owner, 108, "10000002");
        long ours = owner.plans.links().linkOne(t(owner, 108), labs).link().integrationId();
        dev.hoglink.api.PostHogClient other = someoneElse();
        long[] theirs = {0};
        sandbox.onceBefore("DELETE", "/api/projects/108/integrations/" + ours + "/?",
                () -> theirs[0] = unlinkAndLinkAgain(other, 108, ours, 104, "10000002"));
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000002", "acme-labs", List.of(t(owner, 108)), Map.of(108L, ours)));

        undo.undo(owner.plans.links(), List.of("Labs"), ids -> { });

        assertEquals(List.of("INFO:Nothing undone: Checkout was linked again to acme-labs by someone else since (another "
                + "integration); Hoglink's link is already gone, so nothing was undone for it."), dialogs.notices);
        assertEquals(theirs[0], rowOf(owner, 108, "10000002"), "their row stays");
    }

    /**
     * A link whose row is not known (an older path): the undo unlinks the project's row of the installation, as
     * before, whichever row it is.
     */
    @Test
    void aLinkWhoseRowIsNotKnownIsUndoneByTheInstallationAsBefore() {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        var labs = offered(owner, 108, "10000002");
        long ours = owner.plans.links().linkOne(t(owner, 108), labs).link().integrationId();
        unlinkAndLinkAgain(someoneElse(), 108, ours, 104, "10000002");
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000002", "acme-labs", List.of(t(owner, 108))));

        undo.undo(owner.plans.links(), List.of("Labs"), ids -> { });

        assertEquals(List.of("SUCCESS:Undone: 1 project unlinked from acme-labs."), dialogs.notices);
        owner.reread();
        assertTrue(owner.links.get(108L).isEmpty());
    }

    /** A project of the last link unlinked by hand leaves the undo; with none left there is nothing to undo. */
    @Test
    void projectsUnlinkedByHandLeaveTheUndo() {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000002", "acme-labs", List.of(t(owner, 101), t(owner, 108))));
        undo.unlinked(Set.of(101L), "10000001"); // another installation of Web: the link to undo stays
        assertEquals("Undo link of 2 projects", undo.labelProperty().get());
        undo.unlinked(Set.of(101L), "10000002");
        assertEquals("Undo link of Checkout", undo.labelProperty().get());
        undo.unlinked(Set.of(108L), "10000002");
        assertEquals("", undo.labelProperty().get(), "nothing left to undo: no button");
        assertTrue(undo.last().isEmpty());
    }

    /**
     * Someone else unlinks one of the undo's projects between the undo's read and its delete: PostHog answers 404 and
     * the row is found gone (the journal says "already removed"). The notice counts only what the undo unlinked and
     * says the other was already unlinked, as the unlink and a switch's step do; on the old code it read "Undone: 2
     * projects unlinked from acme-labs."
     */
    @Test
    void aProjectSomeoneElseUnlinkedJustBeforeTheUndosDeleteIsNotCountedAsUndone() {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        var labs = offered(owner, 108, "10000002");
        owner.plans.links().linkOne(t(owner, 101), labs);
        owner.plans.links().linkOne(t(owner, 108), labs);
        long checkoutRow = owner.plans.links().links(108).stream()
                .filter(l -> "10000002".equals(l.installationId())).findFirst().orElseThrow().integrationId();
        dev.hoglink.api.PostHogClient other = dev.hoglink.api.PostHogClient.builder(sandbox.baseUri().toString(),
                dev.hoglink.api.ApiKey.of(sandbox.key("owner"))).rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .build();
        sandbox.onceBefore("DELETE", "/api/projects/108/integrations/" + checkoutRow + "/?",
                () -> other.deleteIntegration(108, checkoutRow));
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000002", "acme-labs", List.of(t(owner, 101), t(owner, 108))));

        undo.undo(owner.plans.links(), List.of("Labs"), ids -> { });

        assertEquals(List.of("SUCCESS:Undone: 1 project unlinked from acme-labs. Checkout was already unlinked from "
                + "acme-labs (someone else unlinked it, or GitHub uninstalled the app); nothing was changed there."),
                dialogs.notices);
        owner.reread();
        assertTrue(owner.links.get(108L).isEmpty());
        assertEquals(List.of("10000001"), owner.links.get(101L).stream().map(l -> l.installationId()).toList());
    }

    /** The undo's only project unlinked by someone else just before its delete: nothing was undone, and it says so. */
    @Test
    void anUndoWhoseOnlyProjectSomeoneElseUnlinkedFirstSaysNothingWasUndone() {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        var labs = offered(owner, 108, "10000002");
        owner.plans.links().linkOne(t(owner, 108), labs);
        long checkoutRow = owner.plans.links().links(108).stream()
                .filter(l -> "10000002".equals(l.installationId())).findFirst().orElseThrow().integrationId();
        dev.hoglink.api.PostHogClient other = dev.hoglink.api.PostHogClient.builder(sandbox.baseUri().toString(),
                dev.hoglink.api.ApiKey.of(sandbox.key("owner"))).rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .build();
        sandbox.onceBefore("DELETE", "/api/projects/108/integrations/" + checkoutRow + "/?",
                () -> other.deleteIntegration(108, checkoutRow));
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000002", "acme-labs", List.of(t(owner, 108))));

        undo.undo(owner.plans.links(), List.of("Labs"), ids -> { });

        assertEquals(List.of("INFO:Nothing undone: Checkout was already unlinked from acme-labs (someone else unlinked "
                + "it, or GitHub uninstalled the app); nothing was changed there."), dialogs.notices);
        assertEquals("", undo.labelProperty().get(), "nothing left to undo");
    }

    /**
     * Someone else unlinks a project of the last link before the undo is asked for: the undo's read finds it without
     * the installation. The notice names the project and the installation as the delete's 404 does, and the window
     * reads the project again, so it stops showing the link. On the old code the notice read "Nothing to undo: none
     * of those projects uses that installation any more." and the project was never read again (the table kept the
     * link the notice said was gone); a project gone among others was not mentioned at all.
     */
    @Test
    void projectsSomeoneElseUnlinkedBeforeTheUndoAreNamedAndReadAgain() {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        var labs = offered(owner, 108, "10000002");
        owner.plans.links().linkOne(t(owner, 101), labs);
        owner.plans.links().linkOne(t(owner, 108), labs);
        dev.hoglink.api.PostHogClient other = dev.hoglink.api.PostHogClient.builder(sandbox.baseUri().toString(),
                dev.hoglink.api.ApiKey.of(sandbox.key("admin"))).rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .build();
        long checkoutRow = owner.plans.links().links(108).stream()
                .filter(l -> "10000002".equals(l.installationId())).findFirst().orElseThrow().integrationId();
        other.deleteIntegration(108, checkoutRow);
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000002", "acme-labs", List.of(t(owner, 108))));
        List<Set<Long>> touched = new ArrayList<>();

        undo.undo(owner.plans.links(), List.of("Labs", "Web"), touched::add);

        assertEquals(List.of("INFO:Nothing undone: Checkout was already unlinked from acme-labs (someone "
                + "else unlinked it, or GitHub uninstalled the app); nothing was changed there."), dialogs.notices);
        assertEquals(List.of(Set.of(108L)), touched, "the window reads Checkout again");
        assertEquals("", undo.labelProperty().get(), "nothing left to undo");

        // Two projects, one of them unlinked by someone else first: the other is undone, the first is named.
        dialogs.notices.clear();
        touched.clear();
        owner.plans.links().linkOne(t(owner, 108), labs);
        long webRow = owner.plans.links().links(101).stream()
                .filter(l -> "10000002".equals(l.installationId())).findFirst().orElseThrow().integrationId();
        other.deleteIntegration(101, webRow);
        undo.remember(new UndoLastLink.Made("10000002", "acme-labs", List.of(t(owner, 101), t(owner, 108))));

        undo.undo(owner.plans.links(), List.of("Labs"), touched::add);

        assertEquals(List.of("SUCCESS:Undone: 1 project unlinked from acme-labs. Web was already unlinked "
                + "from acme-labs (someone else unlinked it, or GitHub uninstalled the app); nothing was changed "
                + "there."), dialogs.notices);
        assertEquals(Set.of(101L, 108L), touched.stream().flatMap(Set::stream).collect(java.util.stream.Collectors
                .toSet()));
        owner.reread();
        assertTrue(owner.links.get(108L).isEmpty());
    }

    @Test
    void undoUnlinksExactlyWhatWasLinkedAndSaysWhoKeepsGitHub() {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        var labs = offered(owner, 108, "10000002");
        // 104 (Labs) uses acme-labs; 101 (Web) has acme and gets acme-labs too; 108 has nothing and gets it.
        owner.plans.links().linkOne(t(owner, 101), labs);
        owner.plans.links().linkOne(t(owner, 108), labs);
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000002", "acme-labs", List.of(t(owner, 101), t(owner, 108))));
        assertEquals("Undo link of 2 projects", undo.labelProperty().get());
        List<Set<Long>> touched = new ArrayList<>();
        undo.undo(owner.plans.links(), List.of("Labs"), touched::add);
        String text = dialogs.confirms.get(0);
        assertTrue(text.startsWith("Undo the link of 2 projects?|"), text);
        assertTrue(text.contains("Web (id 101) stops using acme-labs (id 10000002) and keeps GitHub through acme."), text);
        assertTrue(text.contains("Checkout (id 108) stops using GitHub."), text);
        assertTrue(text.contains("The app stays installed on acme-labs (id 10000002), and Labs keeps working."), text);
        owner.reread();
        assertEquals(List.of("10000001"), owner.links.get(101L).stream().map(l -> l.installationId()).toList());
        assertTrue(owner.links.get(108L).isEmpty());
        assertEquals(1, owner.links.get(104L).size(), "Labs was not touched");
        assertEquals(Set.of(101L, 108L), touched.get(0));
        assertEquals("", undo.labelProperty().get(), "undone: nothing left to undo");
    }

    @Test
    void undoingTheOnlyProjectsOfAnInstallationNeedsTheAccountNameTyped() {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        var oss = offered(owner, 108, "10000007");
        owner.plans.links().linkOne(t(owner, 108), oss); // adopts acme-oss: no other project uses it
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000007", "acme-oss", List.of(t(owner, 108))));
        dialogs.typed = "acme-os";
        undo.undo(owner.plans.links(), List.of(), ids -> { });
        assertEquals(List.of("acme-oss"), dialogs.expectedTyping);
        assertTrue(dialogs.typedConfirms.get(0).contains("unlinking the last of these makes PostHog uninstall the GitHub App"),
                dialogs.typedConfirms.get(0));
        owner.reread();
        assertEquals(1, owner.links.get(108L).size(), "a wrong name changes nothing");
    }

    @Test
    void undoingEveryProjectOfAnInstallationOnceTheNameIsTypedUnlinksTheLastOneToo() {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        var oss = offered(owner, 108, "10000007");
        owner.plans.links().linkOne(t(owner, 108), oss); // adopts acme-oss
        var fromCheckout = offered(owner, 109, "10000007");
        owner.plans.links().linkOne(t(owner, 109), fromCheckout); // 109 uses it through 108: both rows are shared
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("10000007", "acme-oss", List.of(t(owner, 108), t(owner, 109))));
        dialogs.typed = "acme-oss";
        undo.undo(owner.plans.links(), List.of(), ids -> { });
        assertEquals(List.of("acme-oss"), dialogs.expectedTyping);
        owner.reread();
        assertTrue(owner.links.get(108L).isEmpty(), "Checkout unlinked");
        // The second delete is the installation's last reference, which the typed name accepted: it is sent.
        assertTrue(owner.links.get(109L).isEmpty(), "Search unlinked too, as the user confirmed");
        assertEquals("", undo.labelProperty().get(), "undone: nothing left to undo");
    }

    /**
     * The undo's last delete is the installation's last reference and GitHub refuses PostHog's uninstall
     * (docs/api-notes.md NH20): undone, and said with the unlink's words that the app is still installed, in a
     * dialog, not "Undone" as a passing success.
     */
    @Test
    void anUndoWhoseLastDeletesUninstallFailedSaysTheAppIsStillInstalled() {
        sandbox.refuseUninstall("10000007", true);
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        var oss = offered(owner, 108, "10000007");
        owner.plans.links().linkOne(t(owner, 108), oss);
        List<java.net.URI> opened = new ArrayList<>();
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, opened::add);
        undo.remember(new UndoLastLink.Made("10000007", "acme-oss", List.of(t(owner, 108))));
        dialogs.typed = "acme-oss";
        List<Set<Long>> rereads = new ArrayList<>();
        List<Set<Long>> rereadAsShown = new ArrayList<>();
        dialogs.onPageDialog = () -> rereadAsShown.addAll(rereads);
        undo.undo(owner.plans.links(), List.of(), rereads::add);
        owner.reread();
        assertTrue(owner.links.get(108L).isEmpty(), "Checkout unlinked");
        assertEquals(List.of(Set.of(108L)), rereadAsShown, "read again before the dialog that stays");
        assertEquals(List.of(Set.of(108L)), rereads, "and only then");
        String page = "https://github.com/organizations/acme-oss/settings/installations/10000007";
        assertEquals(List.of("Undone; the app is still installed on acme-oss|Undone: 1 project unlinked from "
                + "acme-oss.\n\nCheckout no longer uses GitHub, but PostHog could not uninstall the GitHub App from "
                + "acme-oss (id 10000007): it is still installed there, with no PostHog project using it. Uninstall "
                + "it on GitHub.|" + page + "|Open on GitHub"), dialogs.pageDialogs);
        assertTrue(dialogs.infos.isEmpty(), dialogs.infos.toString());
        assertTrue(opened.isEmpty(), "not opened unasked");
        assertTrue(dialogs.notices.stream().noneMatch(n -> n.startsWith("SUCCESS:")), dialogs.notices.toString());
        assertEquals("", undo.labelProperty().get(), "undone: nothing left to undo");
    }
}
