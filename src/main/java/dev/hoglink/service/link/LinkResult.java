package dev.hoglink.service.link;

import dev.hoglink.model.GitHubLink;
import java.time.Duration;

/**
 * How one link_existing request ended, typed by PostHog's error code so the UI can give each case its own
 * guidance. {@link #journalOutcome()} is what the action journal recorded; {@link #journalProblem()} is
 * non-null when the journal could not be written (the UI must say so instead of plain success).
 *
 * @param link         the project's GitHub row using the installation, when linked (else null)
 * @param message      a short user-safe text saying what happened and what to do
 * @param code         PostHog's error code, or null
 * @param missingScope for {@link Kind#MISSING_SCOPE}
 * @param retryAfter   for {@link Kind#THROTTLED}, when known
 * @param uses         for a link, what the project uses afterwards when it keeps other installations beside this one
 *                     ({@link InstallationUse#nowUses}, from PostHog's rows as the service read them), else null: the
 *                     one sentence the dialog, the status bar and the journal give that fact
 */
public record LinkResult(Kind kind, GitHubLink link, String message, String code, String missingScope,
                         Duration retryAfter, String journalProblem, String uses) {

    /** A result that says nothing of other installations. */
    public LinkResult(Kind kind, GitHubLink link, String message, String code, String missingScope,
                      Duration retryAfter, String journalProblem) {
        this(kind, link, message, code, missingScope, retryAfter, journalProblem, null);
    }

    /** Every way a link request can end. */
    public enum Kind {
        /** PostHog answered 200: the project uses the installation. */
        LINKED,
        /**
         * Not sent: the project was picked without the installation, and a read right before sending found it
         * linked meanwhile (by someone else). The project uses it; Hoglink made no change.
         */
        LINKED_MEANWHILE,
        /**
         * Sent to a project read just before without the installation, and PostHog answered 200; but its activity log
         * holds another {@code link_completed} of the row it answered with (docs/api-notes.md NH21): someone else
         * linked the project to the installation at about the same time, so PostHog updated one row both links use.
         * The project uses it; the link is not Hoglink's alone, so it is not offered for undo.
         */
        LINKED_MEANWHILE_UPDATED,
        /** The connection broke after sending; a re-read shows the project linked. */
        LINKED_CONFIRMED_AFTER_NETWORK_FAILURE,
        /** The connection broke after sending; a re-read shows the project not linked. */
        NOT_LINKED_CONFIRMED_AFTER_NETWORK_FAILURE,
        /** The connection broke after sending and the re-read failed too: the real state is unknown. */
        UNKNOWN,
        /** github_link_existing_personal_github_required. */
        PERSONAL_GITHUB_REQUIRED,
        /**
         * "Failed to verify installation access": PostHog could not reach GitHub (newer PostHog), or GitHub refused
         * the personal link's token (older PostHog; newer answers that with PERSONAL_GITHUB_REQUIRED).
         */
        GITHUB_VERIFY_FAILED,
        /** github_adoption_admin_required. */
        ADOPTION_NEEDS_ADMIN,
        /** invalid_input "multiple GitHub installations; specify which one". */
        MULTIPLE_INSTALLATIONS,
        /** github_link_existing_orphan_installation. */
        ORPHAN,
        /** installation_access_denied. */
        INSTALLATION_ACCESS_DENIED,
        /**
         * "Source team does not have a GitHub integration": the project named as the source (source_team_id) no
         * longer uses the installation. Nothing changed; another project may still use it.
         */
        SOURCE_GONE,
        /** Any other 400 (invalid_input and friends). */
        INVALID_INPUT,
        /** 403 naming a missing scope. */
        MISSING_SCOPE,
        /** Any other 403. */
        FORBIDDEN,
        /** 429. */
        THROTTLED,
        /** 401: the key was rejected. */
        AUTH,
        /** 404: the project is gone or the key cannot see it. */
        NOT_FOUND,
        /** The request never left (refused, unknown host, connect timeout): nothing changed. */
        NOT_SENT,
        /** 5xx or an unreadable answer. */
        SERVER;

        /** True when the project now uses the installation. */
        public boolean linked() {
            return this == LINKED || this == LINKED_CONFIRMED_AFTER_NETWORK_FAILURE || this == LINKED_MEANWHILE
                    || this == LINKED_MEANWHILE_UPDATED;
        }

        /** How plan journals and result files write it: source_gone, personal_github_required, ... */
        public String wireName() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        /** The kind a {@link #wireName()} names, or null for a word this version does not know. */
        public static Kind fromWire(String s) {
            if (s == null) {
                return null;
            }
            try {
                return valueOf(s.strip().toUpperCase(java.util.Locale.ROOT));
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    public boolean linked() {
        return kind.linked();
    }

    /**
     * Whether the project's link is Hoglink's own to undo: linked by this request, not found linked by someone else
     * (nothing sent) nor shared with someone else's link of the same moment (PostHog updated one row for both).
     */
    public boolean ours() {
        return linked() && kind != Kind.LINKED_MEANWHILE && kind != Kind.LINKED_MEANWHILE_UPDATED;
    }

    public boolean journaled() {
        return journalProblem == null;
    }

    LinkResult withJournalProblem(String problem) {
        return new LinkResult(kind, link, message, code, missingScope, retryAfter, problem, uses);
    }
}
