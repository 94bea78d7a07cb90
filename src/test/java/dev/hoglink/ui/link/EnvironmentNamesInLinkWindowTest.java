package dev.hoglink.ui.link;

import static dev.hoglink.ui.link.LinkTestSupport.HOST;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiErrors;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Project;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.support.TestClock;
import dev.hoglink.ui.common.ManualTaskRunner;
import dev.hoglink.ui.common.SameThreadTaskRunner;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The link window names an environment as the table and the audit do: by its own name, with its project beside it
 * where no title or line near it says the project ({@link Project#inText()}), never "Stark Web / Stark Web Staging".
 */
class EnvironmentNamesInLinkWindowTest {

    private static final String LONG = "Stark Web / Stark Web Staging";
    private static final String LABEL = "Stark Web Staging (id 402, environment of project Stark Web (id 401))";
    private static final String IN_TEXT = "Stark Web Staging (environment of project Stark Web (id 401))";

    @TempDir
    Path dir;

    private final FakeLinkApi api = new FakeLinkApi();
    private final LinkTestSupport.ScriptedDialogs dialogs = new LinkTestSupport.ScriptedDialogs();
    private ActionJournal journal;
    private LinkService service;

    @BeforeEach
    void world() {
        journal = LinkTestSupport.journal(dir, new TestClock(LinkTestSupport.START));
        service = new LinkService(api, journal, HOST);
    }

    private static LinkService.Target staging() {
        return new LinkService.Target(LinkTestSupport.ACME,
                new Project(402, LONG, LinkTestSupport.ACME.id(), null, 401L, "Stark Web Staging"));
    }

    private static GitHubLink cached(long id, boolean shared) {
        return new GitHubLink(id, "12345678", "acme", AccountType.ORGANIZATION, "all", LinkStatus.CONNECTED, shared,
                null, null, "");
    }

    private UnlinkViewModel unlinker() {
        return new UnlinkViewModel(new SameThreadTaskRunner(), dialogs, service,
                LinkTestSupport.facts("12345678", List.of("Web", "API"), 3), LinkTestSupport.NO_BROWSER, ids -> { });
    }

    private void noLongForm(List<String> said) {
        said.forEach(s -> assertFalse(s.contains(LONG), s));
    }

    @Test
    void aTargetsLabelIsItsOwnNameWithItsIdAndProject() {
        assertEquals(LABEL, staging().label());
        assertEquals("Mobile (id 102)", LinkTestSupport.target(102, "Mobile").label(), "a project reads as before");
    }

    @Test
    void theUnlinkConfirmationNamesItsOwnNameAndSaysItsProjectInTheText() {
        api.linked(402, 9, "12345678", "acme", true);
        unlinker().unlink(staging(), cached(9, true));
        assertEquals(1, dialogs.confirms.size());
        assertTrue(dialogs.confirms.get(0).startsWith("Unlink Stark Web Staging from acme (id 12345678)?|" + LABEL
                + " stops using GitHub; "), dialogs.confirms.get(0));
        assertTrue(dialogs.notices.get(0).startsWith("SUCCESS:Stark Web Staging no longer uses GitHub."),
                dialogs.notices.toString());
        noLongForm(dialogs.confirms);
        noLongForm(dialogs.notices);
    }

    @Test
    void aFreeTitleSaysTheEnvironmentsProjectAndItsTextTheOwnName() {
        api.linked(402, 11, "12345678", "acme", true);
        api.deleteFailures.add(ApiErrors.validation("invalid_input", "This integration is used by active workflows: "
                + "Deploy alerts. Update them to use a different integration before disconnecting it."));
        unlinker().unlink(staging(), cached(11, true));
        assertTrue(dialogs.errors.get(0).startsWith(IN_TEXT + " is still in use|PostHog kept Stark Web Staging "
                + "connected"), dialogs.errors.get(0));

        api.readFailure = ApiErrors.server();
        unlinker().unlink(staging(), cached(11, true));
        assertTrue(dialogs.errors.get(1).startsWith("Cannot unlink " + IN_TEXT + "|"), dialogs.errors.get(1));
        noLongForm(dialogs.errors);
    }

    @Test
    void aRowGoneBeforeOrDuringTheUnlinkIsToldByTheOwnNameAsTheResultsAre() {
        UnlinkViewModel vm = unlinker();
        vm.unlink(staging(), cached(9, true)); // no row any more: found gone by the read before the confirmation
        assertEquals("INFO:Stark Web Staging is no longer connected to that installation.", dialogs.notices.get(0));

        api.linked(402, 11, "12345678", "acme", true);
        api.applyBeforeDeleteFailure = true; // someone else deleted it just before: PostHog answers 404
        api.deleteFailures.add(ApiErrors.notFound());
        vm.unlink(staging(), cached(11, true));
        assertTrue(dialogs.notices.get(1).startsWith("INFO:Stark Web Staging was already disconnected from acme"),
                dialogs.notices.get(1));
        noLongForm(dialogs.notices);
    }

    @Test
    void theUndoNamesEachEnvironmentWithItsProjectWhereNoTitleDoes() {
        api.linked(402, 11, "12345678", "acme", true);
        UndoLastLink undo = new UndoLastLink(new SameThreadTaskRunner(), dialogs, LinkTestSupport.NO_BROWSER);
        undo.remember(new UndoLastLink.Made("12345678", "acme", List.of(staging())));
        assertEquals("Undo link of Stark Web Staging", undo.labelProperty().get());
        undo.undo(service, List.of("Web"), ids -> { });
        assertTrue(dialogs.confirms.get(0).startsWith("Undo the link of Stark Web Staging?|The last link is undone: "
                + LABEL + " stops using GitHub."), dialogs.confirms.get(0));

        api.linked(402, 12, "12345678", "acme", true);
        api.deleteFailures.add(ApiErrors.validation("invalid_input", "This integration is used by active workflows: "
                + "Deploy alerts. Update them to use a different integration before disconnecting it."));
        undo.remember(new UndoLastLink.Made("12345678", "acme", List.of(staging())));
        undo.undo(service, List.of("Web"), ids -> { });
        assertTrue(dialogs.errors.get(0).startsWith("Undo: 0 of 1 unlinked|" + IN_TEXT + ": PostHog kept"),
                dialogs.errors.get(0));
        noLongForm(dialogs.confirms);
        noLongForm(dialogs.errors);
    }

    @Test
    void theLinkDialogSaysTheOwnNameUnderItsTitle() {
        api.linked(402, 7, "12345678", "acme", true).offers("99", "globex", null, null);
        ManualTaskRunner runner = new ManualTaskRunner();
        List<String> said = new ArrayList<>();
        LinkDialogViewModel vm = new LinkDialogViewModel(runner, service, staging(), InstallationFacts.NONE,
                new TestClock(LinkTestSupport.START), uri -> { }, () -> { }, r -> said.add(r.message()));
        vm.load();
        runner.runAll();
        vm.selectedProperty().set(vm.options().stream().filter(r -> r.option().installationId().equals("99"))
                .findFirst().orElseThrow());
        vm.next();
        String confirmation = vm.confirmationProperty().get();
        assertTrue(confirmation.startsWith(LABEL + " will use "), confirmation);
        assertTrue(confirmation.contains(" Stark Web Staging already uses acme"), confirmation);
        String offer = vm.switchPlan().offerTextProperty().get();
        assertTrue(offer.contains(" from Stark Web Staging, so it uses one installation"), offer);
        vm.link();
        assertEquals("Linking Stark Web Staging…", vm.messageProperty().get());
        runner.runAll();
        said.add(confirmation);
        said.add(offer);
        noLongForm(said);
    }
}
