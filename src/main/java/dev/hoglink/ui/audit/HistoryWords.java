package dev.hoglink.ui.audit;

import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import dev.hoglink.service.audit.AuditReport.Source;
import dev.hoglink.service.journal.JournalEntry;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The History tab's words for the machine names of a history line's event, outcome and notes. Only the
 * window reads them: the exports and the command line keep the names, which scripts and golden files rely on.
 */
public final class HistoryWords {

    /** This computer's journal actions ({@link JournalEntry.Action#wireName()}) in words. */
    static final Map<String, String> JOURNAL_ACTIONS = words(JournalEntry.Action.values(),
            JournalEntry.Action::wireName, a -> switch (a) {
        case LINK -> "Link";
        case UNLINK -> "Unlink";
        case OAUTH_LAUNCH -> "OAuth bootstrap started";
        case OAUTH_COMPLETE -> "OAuth bootstrap completed";
        case DISMISS_INSTALL_REQUEST -> "Install request dismissed";
    });

    /** How a journal action ended ({@link JournalEntry.Outcome#wireName()}) in words. */
    static final Map<String, String> JOURNAL_OUTCOMES = words(JournalEntry.Outcome.values(),
            JournalEntry.Outcome::wireName, o -> switch (o) {
        case OK -> "Done";
        case FAILED -> "Failed";
        case UNKNOWN -> "Not known (no answer)"; // not "sent": a crash may come before the request leaves
        case ALREADY_REMOVED -> "Already removed";
        case NOT_SENT -> "Not sent";
        case SENDING -> "Sending"; // the journal reads none back (ActionJournal.readAll)
    });

    /**
     * PostHog's GitHub audit events whose meaning docs/api-notes.md states (N6: the link and delete sequences; N12:
     * setup_failed; N22: discovery). Any other event PostHog logs is shown by its name.
     */
    static final Map<String, String> POSTHOG_EVENTS = Map.ofEntries(
            Map.entry("link_started", "Link started"),
            Map.entry("link_completed", "Link completed"),
            Map.entry("link_rejected", "Link refused"),
            Map.entry("link_failed", "Link failed"),
            Map.entry("disconnect_started", "Disconnect started"),
            Map.entry("uninstall_completed", "Uninstall step done"),
            Map.entry("credential_deleted", "Personal GitHub link removed"),
            Map.entry("deleted", "Integration deleted"),
            Map.entry("discovery_completed", "Installations looked up"),
            Map.entry("setup_failed", "GitHub setup failed"));

    /**
     * The outcome PostHog's GitHub audit rows carry in their payload (N6: uninstall_completed's {@code skipped},
     * {@code uninstalled} or {@code failed} (NH20), deleted's {@code disconnected}). Any other is shown by its name.
     */
    static final Map<String, String> POSTHOG_OUTCOMES = Map.of(
            "skipped", "Skipped",
            "uninstalled", "Uninstalled",
            "failed", "Failed",
            "disconnected", "Disconnected");

    /**
     * A journal line's note when it is only the result's kind (LinkService journals it): what it adds to the event and
     * the outcome, in words; nothing when those two already say it ("Link", "Done": linked). Any other kind reads as
     * its name in words; a note with an error code ("network: unknown") as it stands.
     */
    static final Map<String, String> JOURNAL_NOTES = Map.ofEntries(
            Map.entry("linked", ""),
            Map.entry("already_gone", ""),
            Map.entry("unknown", ""), // the outcome says it: "Not known (no answer)"
            Map.entry("unlinked_app_stays", "the app stays installed: other projects use it"),
            Map.entry("unlinked_app_uninstalled", "the app was uninstalled: no other project used it"),
            Map.entry("unlinked_uninstall_failed", dev.hoglink.service.link.InstallationUse.uninstallFailed(
                    "the account") + ": " + dev.hoglink.service.link.InstallationUse.STILL_INSTALLED_UNUSED),
            Map.entry("linked_meanwhile_updated", "someone else linked the project to the installation at about the "
                    + "same time: PostHog updated one link for both, so it is not this computer's alone"),
            Map.entry("linked_confirmed_after_network_failure", "the answer was lost; a read afterwards found it "
                    + "linked"),
            Map.entry("unlinked_confirmed_after_network_failure", "the answer was lost; a read afterwards found it "
                    + "gone"),
            Map.entry("not_linked_confirmed_after_network_failure", "the answer was lost; a read afterwards found it "
                    + "not linked"),
            Map.entry("not_unlinked_confirmed_after_network_failure", "the answer was lost; a read afterwards found "
                    + "it still linked"));

    /**
     * The exception classes PostHog names in a row's {@code failure_type} whose meaning docs/api-notes.md states, in
     * words (N24: the installation fetch GitHub refused). Any other class stays "failure type" and its name.
     */
    static final Map<String, String> FAILURE_TYPES = Map.of(
            "GitHubInstallationAccessFetchError", "PostHog could not fetch the installation from GitHub (suspended, "
                    + "uninstalled, or its token refused)");

    private HistoryWords() {
    }

    /**
     * The line's details: a journal line's bare result kind in words ({@link #JOURNAL_NOTES}), also before the sentence
     * a link journals after it ("linked; Secret Lab now uses 2 GitHub installations: …", what the window said);
     * else as written.
     */
    public static String detail(HistoryEntry e) {
        String d = e.detail() == null ? "" : e.detail();
        if (e.source() != Source.JOURNAL) {
            for (Map.Entry<String, String> f : FAILURE_TYPES.entrySet()) {
                d = d.replace("failure type " + f.getKey(), f.getValue());
            }
            return d;
        }
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("([a-z_]+); (.+)", java.util.regex.Pattern.DOTALL)
                .matcher(d);
        if (m.matches()) {
            String kind = words(m.group(1));
            return kind.isEmpty() ? m.group(2) : kind + "; " + m.group(2);
        }
        java.util.regex.Matcher lost = LOST_ON_THE_WAY.matcher(d);
        if (lost.matches()) { // "network: linked_confirmed_after_network_failure; Web now uses …"
            String kind = words(lost.group(2));
            return transport(lost.group(1)) + (kind.isEmpty() ? "" : "; " + kind)
                    + (lost.group(3) == null ? "" : "; " + lost.group(3));
        }
        java.util.regex.Matcher failed = FAILED_LINE.matcher(d);
        if (failed.matches()) {
            return failure(failed);
        }
        return d.matches("[a-z_]+") ? words(d) : d;
    }

    /**
     * A journal line of a change that did not happen as asked (the audit's "code: note"): PostHog's error code, the
     * result's kind, then what PostHog answered, "github_adoption_admin_required: adoption_needs_admin (PostHog 400
     * github_adoption_admin_required: Linking a GitHub installation …)". One without PostHog's answer ("network:
     * unknown") stays as it stands.
     */
    /**
     * A journal line of a change whose request met a failure of the way there or back, not PostHog's refusal: its code
     * (LinkService: {@code network}, {@code unreadable_answer}, {@code gateway_NNN}), the result's kind, and the
     * sentence it may carry.
     */
    private static final java.util.regex.Pattern LOST_ON_THE_WAY = java.util.regex.Pattern.compile(
            "(network|unreadable_answer|gateway_\\d{3}): ([a-z_]+)(?:; (.+))?", java.util.regex.Pattern.DOTALL);

    /** {@link #LOST_ON_THE_WAY}'s code in words. */
    private static String transport(String code) {
        return switch (code) {
            case "network" -> "network failure";
            case "unreadable_answer" -> "PostHog's answer could not be read";
            default -> "a gateway answered " + code.substring("gateway_".length());
        };
    }

    private static final java.util.regex.Pattern FAILED_LINE = java.util.regex.Pattern.compile(
            "([a-z0-9_]+): ([a-z_]+)((?: \\((?!PostHog )[^)]*\\))?)(?: \\((PostHog .*)\\))",
            java.util.regex.Pattern.DOTALL);

    /** PostHog's answer as the journal keeps it (LinkService.postHogAnswer): "PostHog 400 some_code: Its sentence." */
    private static final java.util.regex.Pattern ANSWER = java.util.regex.Pattern.compile(
            "PostHog (?:(\\d+) ?)?(?:[a-z0-9_]+)?(?: ?: (.*))?", java.util.regex.Pattern.DOTALL);

    /**
     * Such a line in words: the kind in words, then PostHog's own sentence with its status, without the codes that
     * say the same to a machine ("adoption needs admin; PostHog answered 400: Linking a GitHub installation …").
     */
    private static String failure(java.util.regex.Matcher m) {
        String kind = words(m.group(2)) + m.group(3);
        String answer = m.group(4);
        java.util.regex.Matcher a = ANSWER.matcher(answer);
        if (!a.matches() || a.group(2) == null || a.group(2).isBlank()) {
            return kind + "; " + answer;
        }
        return kind + "; PostHog answered" + (a.group(1) == null ? "" : " " + a.group(1)) + ": " + a.group(2).strip();
    }

    private static String words(String kind) {
        return JOURNAL_NOTES.getOrDefault(kind, kind.replace('_', ' '));
    }

    /** The line's event in words: a journal action's, or a known PostHog event's; otherwise its name. */
    public static String event(HistoryEntry e) {
        Map<String, String> words = e.source() == Source.JOURNAL ? JOURNAL_ACTIONS : POSTHOG_EVENTS;
        return words.getOrDefault(e.event(), e.event());
    }

    /** The line's outcome in words: a journal action's, or the one a PostHog row carries; otherwise its name. */
    public static String outcome(HistoryEntry e) {
        Map<String, String> words = e.source() == Source.JOURNAL ? JOURNAL_OUTCOMES : POSTHOG_OUTCOMES;
        return words.getOrDefault(e.outcome(), e.outcome());
    }

    /** Each value's machine name to its word; two values with one word are a mistake caught on loading. */
    private static <E> Map<String, String> words(E[] values, Function<E, String> name, Function<E, String> word) {
        Map<String, String> m = new HashMap<>();
        for (E v : values) {
            if (m.containsValue(word.apply(v))) {
                throw new IllegalStateException("two names read " + word.apply(v));
            }
            m.put(name.apply(v), word.apply(v));
        }
        return Map.copyOf(m);
    }
}
