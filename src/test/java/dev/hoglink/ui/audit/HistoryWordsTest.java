package dev.hoglink.ui.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import dev.hoglink.service.audit.AuditReport.Source;
import dev.hoglink.service.audit.HistoryFilter;
import dev.hoglink.service.journal.JournalEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The History tab says what happened in words; the machine names stay in the exports and on the command line. */
class HistoryWordsTest {

    static HistoryEntry journal(String action, String outcome) {
        return new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"), Source.JOURNAL, 1L, "Project 1", "100",
                "this computer", action, outcome, "");
    }

    static HistoryEntry posthog(String event) {
        return new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"), Source.POSTHOG, 1L, "Project 1", "100",
                "Ada Owner", event, "", "");
    }

    @Test
    void journalActionsAndOutcomesReadAsWords() {
        assertEquals("Link", HistoryWords.event(journal("link", "ok")));
        assertEquals("Unlink", HistoryWords.event(journal("unlink", "ok")));
        assertEquals("OAuth bootstrap started", HistoryWords.event(journal("oauth_launch", "ok")));
        assertEquals("OAuth bootstrap completed", HistoryWords.event(journal("oauth_complete", "ok")));
        assertEquals("Install request dismissed", HistoryWords.event(journal("dismiss_install_request", "ok")));
        assertEquals("Done", HistoryWords.outcome(journal("link", "ok")));
        assertEquals("Failed", HistoryWords.outcome(journal("link", "failed")));
        assertEquals("Not known (no answer)", HistoryWords.outcome(journal("link", "unknown")),
                "not \"sent\": the line before sending is written before the request leaves");
        assertEquals("Not sent", HistoryWords.outcome(journal("link", "not_sent")));
        assertEquals("Already removed", HistoryWords.outcome(journal("unlink", "already_removed")));
    }

    @Test
    void everyJournalNameHasItsOwnWord() {
        Set<String> events = new HashSet<>();
        for (JournalEntry.Action a : JournalEntry.Action.values()) {
            String word = HistoryWords.event(journal(a.wireName(), "ok"));
            assertNotEquals(a.wireName(), word, "no word for " + a.wireName());
            assertTrue(events.add(word), "two actions read " + word);
        }
        Set<String> outcomes = new HashSet<>();
        for (JournalEntry.Outcome o : JournalEntry.Outcome.values()) {
            String word = HistoryWords.outcome(journal("link", o.wireName()));
            assertNotEquals(o.wireName(), word, "no word for " + o.wireName());
            assertTrue(outcomes.add(word), "two outcomes read " + word);
        }
    }

    @Test
    void postHogEventsReadAsWordsAndUnknownOnesAsThemselves() {
        assertEquals("Link started", HistoryWords.event(posthog("link_started")));
        assertEquals("Link refused", HistoryWords.event(posthog("link_rejected")));
        assertEquals("Personal GitHub link removed", HistoryWords.event(posthog("credential_deleted")));
        assertEquals("discovery_candidates_filtered", HistoryWords.event(posthog("discovery_candidates_filtered")));
        assertEquals("", HistoryWords.outcome(posthog("link_started")));
        List<String> words = new ArrayList<>();
        HistoryWords.POSTHOG_EVENTS.forEach((name, word) -> {
            assertNotEquals(name, word);
            words.add(word);
        });
        Set<String> journalWords = new HashSet<>();
        for (JournalEntry.Action a : JournalEntry.Action.values()) {
            journalWords.add(HistoryWords.event(journal(a.wireName(), "ok")));
        }
        assertEquals(words.size(), new HashSet<>(words).size(), "one word per PostHog event: " + words);
        words.forEach(w -> assertTrue(!journalWords.contains(w), w + " is also a journal action's word"));
    }

    /** A disconnect's steps carry PostHog's outcome (N6): words, as a journal line's outcome is, not its code. */
    @Test
    void postHogsOwnOutcomesReadAsWordsAndUnknownOnesAsThemselves() {
        HistoryEntry skipped = new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"), Source.POSTHOG, 1L, "Project 1",
                "100", "Ada Owner", "uninstall_completed", "skipped", "");
        assertEquals("Skipped", HistoryWords.outcome(skipped));
        assertEquals("Disconnected", HistoryWords.outcome(new HistoryEntry(skipped.time(), Source.POSTHOG, 1L,
                "Project 1", "100", "Ada Owner", "deleted", "disconnected", "")));
        assertEquals("partial", HistoryWords.outcome(new HistoryEntry(skipped.time(), Source.POSTHOG, 1L,
                "Project 1", "100", "Ada Owner", "deleted", "partial", "")));
        assertEquals("ok", HistoryWords.outcome(new HistoryEntry(skipped.time(), Source.POSTHOG, 1L,
                "Project 1", "100", "Ada Owner", "deleted", "ok", "")), "a journal name from PostHog is not taken");
    }

    /**
     * An unlink whose uninstall on GitHub PostHog recorded as failed (docs/api-notes.md NH20): the journal's line says
     * it in the unlink result's words, PostHog's own row reads "Failed"; before, "unlinked uninstall failed" and
     * "failed".
     */
    @Test
    void aFailedUninstallReadsInTheUnlinkResultsWordsAndPostHogsOutcomeAsAWord() {
        assertEquals("PostHog could not uninstall the GitHub App from the account: it is still installed there, with "
                + "no PostHog project using it", HistoryWords.detail(new HistoryEntry(
                Instant.parse("2026-08-01T10:00:00Z"), Source.JOURNAL, 1L, "Project 1", "100", "this computer",
                "unlink", "ok", "unlinked_uninstall_failed")));
        assertEquals("Failed", HistoryWords.outcome(new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"),
                Source.POSTHOG, 1L, "Project 1", "100", "Ada Owner", "uninstall_completed", "failed", "")));
    }

    /** An unlink's line names what the project keeps after the note, as the window's result did. */
    @Test
    void anUnlinkThatLeftOtherInstallationsSaysWhichTheProjectKeeps() {
        assertEquals("the app stays installed: other projects use it; Project 1 no longer uses acme (id 100); it keeps "
                + "acme-labs", HistoryWords.detail(new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"),
                Source.JOURNAL, 1L, "Project 1", "100", "this computer", "unlink", "ok", "unlinked_app_stays; Project 1 "
                + "no longer uses acme (id 100); it keeps acme-labs")));
    }

    /**
     * A link sent that PostHog applied to a row someone else had just linked (NH21): "Done" (it was sent and the project
     * uses the installation), and the note says whose link it also is, with what the project uses after it.
     */
    @Test
    void aLinkThatUpdatedSomeoneElsesLinkSaysItIsNotThisComputersAlone() {
        String note = "someone else linked the project to the installation at about the same time: PostHog updated "
                + "one link for both, so it is not this computer's alone";
        HistoryEntry bare = new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"), Source.JOURNAL, 1L, "Project 1",
                "100", "this computer", "link", "ok", "linked_meanwhile_updated");
        assertEquals(note, HistoryWords.detail(bare));
        assertEquals("Done", HistoryWords.outcome(bare));
        assertEquals(note + "; Project 1 now uses 2 GitHub installations: acme and acme-labs.",
                HistoryWords.detail(new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"), Source.JOURNAL, 1L,
                        "Project 1", "100", "this computer", "link", "ok", "linked_meanwhile_updated; Project 1 now "
                        + "uses 2 GitHub installations: acme and acme-labs.")));
    }

    /**
     * A failed change's journal line keeps PostHog's code, the result's kind and PostHog's answer for the exports; the
     * History tab reads it in words, PostHog's own sentence with its status. On the old code the window showed
     * "github_adoption_admin_required: adoption_needs_admin (PostHog 400 github_adoption_admin_required: Linking …)",
     * each code broken across lines of the Details column.
     */
    @Test
    void aFailedChangesJournalLineReadsInWordsWithoutPostHogsCodes() {
        HistoryEntry refused = new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"), Source.JOURNAL, 1L, "Web", "100",
                "this computer", "link", "failed", "github_adoption_admin_required: adoption_needs_admin (PostHog 400 "
                + "github_adoption_admin_required: Linking a GitHub installation that no project has connected yet "
                + "requires admin access to this project. Ask a project admin to link it.)");
        assertEquals("adoption needs admin; PostHog answered 400: Linking a GitHub installation that no project has "
                + "connected yet requires admin access to this project. Ask a project admin to link it.",
                HistoryWords.detail(refused));
        HistoryEntry outage = new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"), Source.JOURNAL, 1L, "Web", "100",
                "this computer", "link", "failed", "error: server (PostHog 500 error: A server error occurred.)");
        assertEquals("server; PostHog answered 500: A server error occurred.", HistoryWords.detail(outage));
        HistoryEntry noAnswer = new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"), Source.JOURNAL, 1L, "Web",
                "100", "this computer", "unlink", "failed", "throttled: throttled (the read before the delete)");
        assertEquals("throttled: throttled (the read before the delete)", HistoryWords.detail(noAnswer),
                "no answer of PostHog's: as it stands");
        for (HistoryEntry e : List.of(refused, outage)) {
            assertTrue(!HistoryWords.detail(e).matches("(?s).*\\b[a-z]+_[a-z_]+\\b.*"), HistoryWords.detail(e));
        }
    }

    /**
     * PostHog's link_failed names the exception's class (N24): the window says what it means; a class whose meaning is
     * not known stays as PostHog named it. On the old code the window showed "failure type
     * GitHubInstallationAccessFetchError".
     */
    @Test
    void aFailedLinksKnownExceptionClassReadsInWords() {
        HistoryEntry failed = new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"), Source.POSTHOG, 1L, "Checkout",
                "10000003", "Ada Owner", "link_failed", "", "failure type GitHubInstallationAccessFetchError");
        assertEquals("PostHog could not fetch the installation from GitHub (suspended, uninstalled, or its token "
                + "refused)", HistoryWords.detail(failed));
        HistoryEntry other = new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"), Source.POSTHOG, 1L, "Checkout",
                "10000003", "Ada Owner", "link_failed", "", "failure type SomeOtherError");
        assertEquals("failure type SomeOtherError", HistoryWords.detail(other));
    }

    /** "Link · Done · linked" said one fact three times; a bare result kind reads in words or not at all. */
    @Test
    void aJournalLinesBareResultKindReadsInWordsOrNotAtAll() {
        assertEquals("", HistoryWords.detail(new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"), Source.JOURNAL, 1L,
                "Project 1", "100", "this computer", "link", "ok", "linked")));
        assertEquals("the app stays installed: other projects use it", HistoryWords.detail(new HistoryEntry(
                Instant.parse("2026-08-01T10:00:00Z"), Source.JOURNAL, 1L, "Project 1", "100", "this computer",
                "unlink", "ok", "unlinked_app_stays")));
        assertEquals("not sent", HistoryWords.detail(new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"),
                Source.JOURNAL, 1L, "Project 1", "100", "this computer", "link", "not_sent", "not_sent")));
        assertEquals("network failure", HistoryWords.detail(new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"),
                Source.JOURNAL, 1L, "Project 1", "100", "this computer", "link", "unknown", "network: unknown")),
                "the outcome, Not known (no answer), says the rest");
        assertEquals("linked", HistoryWords.detail(new HistoryEntry(Instant.parse("2026-08-01T10:00:00Z"),
                Source.POSTHOG, 1L, "Project 1", "100", "Ada", "link_completed", "", "linked")), "PostHog's as written");
    }

    /**
     * A change whose request met a failure on the way there or back reads in words: what failed, what the read after it
     * found, and the sentence the window gave. On the old code these showed their codes ("gateway_504:
     * unlinked_app_stays").
     */
    @Test
    void aChangeWhoseAnswerWasLostReadsInWords() {
        java.util.function.Function<String, String> unlink = d -> HistoryWords.detail(new HistoryEntry(
                Instant.parse("2026-08-01T10:00:00Z"), Source.JOURNAL, 1L, "Project 1", "100", "this computer",
                "unlink", "ok", d));
        assertEquals("a gateway answered 504; the app stays installed: other projects use it; Project 1 no longer uses "
                + "acme (id 100); it keeps acme-labs", unlink.apply("gateway_504: unlinked_app_stays; Project 1 no "
                + "longer uses acme (id 100); it keeps acme-labs"));
        assertEquals("network failure; the answer was lost; a read afterwards found it gone",
                unlink.apply("network: unlinked_confirmed_after_network_failure"));
        assertEquals("PostHog's answer could not be read; the answer was lost; a read afterwards found it not linked",
                unlink.apply("unreadable_answer: not_linked_confirmed_after_network_failure"));
        assertEquals("network failure; not sent", unlink.apply("network: not_sent"));
    }

    @Test
    void aJournalNameFromPostHogIsNotTakenForHoglinksOwn() {
        // PostHog's "deleted" is not this computer's action, and an event PostHog might call "link" stays as it is.
        assertEquals("link", HistoryWords.event(posthog("link")));
    }

    @Test
    void theFiltersStillMatchTheRowsWhateverTheWords() {
        HistoryEntry e = journal("oauth_complete", "unknown");
        assertTrue(new HistoryFilter(1L, "100", "this computer", null, null).matches(e));
        assertEquals("oauth_complete", e.event(), "the entry, and so the exports, keep the machine name");
    }
}
