package dev.hoglink.service.journal;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * One line of the {@link ActionJournal}: what was done, where, and how it ended. Never holds a key; every
 * text is passed through the Redactor when the entry is written.
 *
 * @param time when it happened (filled by the journal's clock when null)
 * @param host the PostHog address, e.g. {@code https://us.posthog.com}
 * @param organizationId the organization's id, or null
 * @param organizationName the organization's name, or null
 * @param projectId the project (team) id, or null
 * @param projectName the project's name, or null
 * @param installationId the GitHub App installation id, or null
 * @param action what was attempted
 * @param outcome ok, failed, unknown (the request was sent but its result never came back), not_sent (nothing was
 *                sent, so nothing changed), or already_removed (an unlink found the row gone: the project no longer
 *                uses it, but Hoglink removed nothing); in the file also sending (the line written before a change is
 *                sent, superseded by its outcome's line)
 * @param errorCode the API's error code (e.g. {@code installation_access_denied}), or null
 * @param message a short human-readable note, or null
 * @param attempt ties a {@link Outcome#SENDING} line to the line with its outcome, or null (an entry of an action that
 *                sends nothing, or written before such lines existed)
 */
public record JournalEntry(
        Instant time,
        String host,
        String organizationId,
        String organizationName,
        Long projectId,
        String projectName,
        String installationId,
        Action action,
        Outcome outcome,
        String errorCode,
        String message,
        String attempt) {

    /** What was attempted. */
    public enum Action {
        LINK, UNLINK, OAUTH_LAUNCH, OAUTH_COMPLETE, DISMISS_INSTALL_REQUEST;

        /** The name written to the file: {@code link}, {@code unlink}, {@code oauth_launch}, {@code oauth_complete},
         * {@code dismiss_install_request}. */
        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Action fromWire(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** How it ended. */
    public enum Outcome {
        /** PostHog made the change. */
        OK,
        /** PostHog refused it, or it did not take effect. */
        FAILED,
        /** It was sent, and whether PostHog made the change is not known. */
        UNKNOWN,
        /**
         * An unlink found the project's row already gone: the read right before the delete did not find it (nothing
         * was sent), or PostHog answered the delete with 404. The project no longer uses the row, but Hoglink
         * removed nothing: someone else did, or GitHub's uninstall did. The same for an install request's dismissal
         * that PostHog answered with 404.
         */
        ALREADY_REMOVED,
        /**
         * Nothing was sent, so nothing changed: the request never left (PostHog unreachable), the read right before an
         * unlink failed, or it showed that the unlink would now do something else than the user confirmed (the
         * project became the installation's last one). Not a failure of the request: there was none.
         */
        NOT_SENT,
        /**
         * Written right before a change is sent, so that a crash between PostHog's answer and the line with the outcome
         * loses nothing: the outcome's line (the same {@link JournalEntry#attempt()}) supersedes it. Never returned by
         * {@link ActionJournal#readAll()}: a line without its outcome reads there as {@link #UNKNOWN}.
         */
        SENDING;

        /** Whether the project is now as the action meant it to be: changed, or found that way already. */
        public boolean settled() {
            return this == OK || this == ALREADY_REMOVED;
        }

        /** Whether it calls for a look: refused or failed, or sent without an answer. A request not sent is neither. */
        public boolean failed() {
            return this == FAILED || this == UNKNOWN;
        }

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Outcome fromWire(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    public JournalEntry {
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** An entry of no attempt (see {@link #attempt()}). */
    public JournalEntry(Instant time, String host, String organizationId, String organizationName, Long projectId,
            String projectName, String installationId, Action action, Outcome outcome, String errorCode, String message) {
        this(time, host, organizationId, organizationName, projectId, projectName, installationId, action, outcome,
                errorCode, message, null);
    }

    /**
     * Whether the project ended as the action meant it to ({@link Outcome#settled()}), or found it so with nothing sent:
     * a link held back because someone else had linked the project meanwhile ({@code not_sent}, code
     * {@code linked_meanwhile}). Either clears an earlier failure on the project.
     */
    public boolean leftProjectAsMeant() {
        return outcome.settled() || action == Action.LINK && outcome == Outcome.NOT_SENT
                && "linked_meanwhile".equals(errorCode);
    }

    /** The error code of an OAuth link the admin stopped waiting for in Hoglink (journaled with no outcome known). */
    public static final String CANCELLED = "cancelled";

    /**
     * Whether this is an OAuth link the admin cancelled in Hoglink: a choice, not a failure. Its outcome stays unknown
     * (the link could still be approved on GitHub until it expires), but it is no problem to fix: the audit reads
     * the project's GitHub rows and shows what came of it.
     */
    public boolean cancelledByAdmin() {
        return action == Action.OAUTH_COMPLETE && outcome == Outcome.UNKNOWN && CANCELLED.equals(errorCode);
    }

    public static Builder builder(Action action, Outcome outcome) {
        return new Builder(action, outcome);
    }

    JournalEntry withTime(Instant newTime) {
        return new JournalEntry(newTime, host, organizationId, organizationName, projectId, projectName, installationId,
                action, outcome, errorCode, message, attempt);
    }

    /** The same entry as the given outcome of the given attempt, with the given code and note. */
    JournalEntry as(Outcome newOutcome, String newAttempt, String code, String note) {
        return new JournalEntry(time, host, organizationId, organizationName, projectId, projectName, installationId,
                action, newOutcome, code, note, newAttempt);
    }

    /** Fills an entry field by field. */
    public static final class Builder {
        private final Action action;
        private final Outcome outcome;
        private Instant time;
        private String host;
        private String organizationId;
        private String organizationName;
        private Long projectId;
        private String projectName;
        private String installationId;
        private String errorCode;
        private String message;
        private String attempt;

        private Builder(Action action, Outcome outcome) {
            this.action = action;
            this.outcome = outcome;
        }

        public Builder time(Instant value) {
            this.time = value;
            return this;
        }

        public Builder host(String value) {
            this.host = value;
            return this;
        }

        public Builder organization(String id, String name) {
            this.organizationId = id;
            this.organizationName = name;
            return this;
        }

        public Builder project(Long id, String name) {
            this.projectId = id;
            this.projectName = name;
            return this;
        }

        public Builder installationId(String value) {
            this.installationId = value;
            return this;
        }

        public Builder error(String code, String text) {
            this.errorCode = code;
            this.message = text;
            return this;
        }

        public Builder message(String text) {
            this.message = text;
            return this;
        }

        /** The attempt {@link ActionJournal#sending} began, for the line with its outcome. */
        public Builder attempt(String value) {
            this.attempt = value;
            return this;
        }

        public JournalEntry build() {
            return new JournalEntry(time, host, organizationId, organizationName, projectId, projectName, installationId,
                    action, outcome, errorCode, message, attempt);
        }
    }
}
