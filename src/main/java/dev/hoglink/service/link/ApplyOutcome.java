package dev.hoglink.service.link;

import java.util.Locale;

/** How applying a plan ended for one project. The order is the order of the counts. */
public enum ApplyOutcome {
    LINKED("Linked"),
    /**
     * Already linked to the installation, so nothing was sent: a row the plan found linked (not ticked to send), in
     * the plan's own word for it ({@link PlanOutcome#ALREADY_LINKED}).
     */
    ALREADY_LINKED(PlanOutcome.ALREADY_LINKED.label()),
    CHANGED("Changed since the plan, not sent"),
    /**
     * Sent, and PostHog answered 200, but someone else linked the project to the installation after the re-read just
     * before sending: PostHog updated one row for both links, as its activity log shows (docs/api-notes.md NH21). The
     * project uses the installation; the link is not this plan's alone, so it is not undone with the plan's and a
     * later run of the plan counts it as a change since the plan.
     */
    LINKED_MEANWHILE_UPDATED("Changed since the plan, sent (linked by someone else too)"),
    UNAVAILABLE("Installation unavailable, not sent"),
    REFUSED("Refused by PostHog"),
    ERROR("Failed"),
    /**
     * Nothing was sent for it because of a failure, not a choice: its request never left (PostHog unreachable, or
     * the read just before it failed as it would for the rest), or the run held it after an earlier project's answer
     * that every next project would meet too (PostHog unreachable, a server error, asked to wait, the key refused,
     * the source project gone; {@link PlanService#holdAfter}): the detail says which. A resume sends it.
     */
    NOT_SENT("Not sent"),
    UNKNOWN("Unknown (check again)"),
    /** The admin stopped the run (Stop in the window, Ctrl+C on the command line) before it was sent. */
    STOPPED("Stopped before it was sent"),
    /** Not ticked to send, for another reason than being linked already (the plan's reason is the detail). */
    NOT_IN_PLAN("Not in the plan");

    private final String label;

    ApplyOutcome(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static ApplyOutcome fromWire(String s) {
        return valueOf(s.strip().toUpperCase(Locale.ROOT));
    }

    /** Whether this project's part of the plan is over (nothing left to send on resume). */
    public boolean settled() {
        return this != STOPPED && this != UNKNOWN && this != NOT_SENT;
    }
}
