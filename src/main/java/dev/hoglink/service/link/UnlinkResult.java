package dev.hoglink.service.link;

import java.time.Duration;

/**
 * How one unlink (DELETE of a project's GitHub row) ended.
 *
 * @param message user-safe text: what happened and what to do
 */
public record UnlinkResult(Kind kind, String message, String code, String missingScope, Duration retryAfter,
                           String journalProblem, String keeps) {

    /**
     * A result without {@code keeps}: the sentence saying which of its other installations the project keeps
     * ("Mobile no longer uses acme; it keeps acme-labs"), for the journal and the History, only when it keeps any.
     */
    public UnlinkResult(Kind kind, String message, String code, String missingScope, Duration retryAfter,
                        String journalProblem) {
        this(kind, message, code, missingScope, retryAfter, journalProblem, null);
    }

    /** Every way an unlink can end. */
    public enum Kind {
        /** Deleted; other projects still use the installation, so the app stays installed. */
        UNLINKED_APP_STAYS,
        /** Deleted the last reference: PostHog uninstalls the app from the account. */
        UNLINKED_APP_UNINSTALLED,
        /**
         * Deleted the last reference, but PostHog recorded its uninstall on GitHub as failed
         * ({@code uninstall_completed} outcome {@code failed}): the app is still installed on the account with no
         * PostHog project using it, and the admin is told to uninstall it on GitHub.
         */
        UNLINKED_UNINSTALL_FAILED,
        /**
         * The row was already gone: not found by the read before the delete, or PostHog answered the delete 404 and a
         * read after it no longer finds the row.
         */
        ALREADY_GONE,
        /** PostHog answered the delete 404, yet a read after it still finds the row: the unlink did not happen. */
        NOT_UNLINKED,
        /**
         * PostHog answered the delete 404 and the project could not be read after it (gone, no longer readable with
         * this key, or PostHog not answering): whether it still uses the installation is not known; nothing was
         * deleted by the request.
         */
        PROJECT_UNREADABLE,
        /**
         * Not sent: the row was shown shared (the app stays), but the other projects stopped using the installation
         * since, so the delete would uninstall the app.
         */
        NOW_LAST_REFERENCE,
        /**
         * The connection broke after sending; a re-read shows the row gone, and PostHog's record of its delete could
         * not be read (when it can, the result is one of the three above, its code saying how the answer was lost).
         */
        UNLINKED_CONFIRMED_AFTER_NETWORK_FAILURE,
        /** The connection broke after sending; a re-read shows the row still there. */
        NOT_UNLINKED_CONFIRMED_AFTER_NETWORK_FAILURE,
        /** The connection broke after sending and the re-read failed too. */
        UNKNOWN,
        /** PostHog refused: workflows, pipelines, batch exports or agent runs use it. */
        IN_USE,
        /** 400 for another reason. */
        INVALID_INPUT,
        MISSING_SCOPE,
        /** 403: only project admins may disconnect. */
        FORBIDDEN,
        THROTTLED,
        AUTH,
        NOT_SENT,
        SERVER;

        public boolean unlinked() {
            return this == UNLINKED_APP_STAYS || this == UNLINKED_APP_UNINSTALLED || this == UNLINKED_UNINSTALL_FAILED
                    || this == ALREADY_GONE
                    || this == UNLINKED_CONFIRMED_AFTER_NETWORK_FAILURE;
        }
    }

    public boolean unlinked() {
        return kind.unlinked();
    }

    public boolean journaled() {
        return journalProblem == null;
    }

    /** This result with {@code keeps} (see the record's second constructor). */
    UnlinkResult keeping(String sentence) {
        return new UnlinkResult(kind, message, code, missingScope, retryAfter, journalProblem, sentence);
    }

    UnlinkResult withJournalProblem(String problem) {
        return new UnlinkResult(kind, message, code, missingScope, retryAfter, problem, keeps);
    }
}
