package dev.hoglink.model;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Locale;

/**
 * How far back PostHog shows an organization's activity log: the {@code audit_logs} entry of the organization's
 * {@code available_product_features}, which PostHog turns into a lower bound on the rows' {@code created_at}
 * (docs/api-notes.md NF8). PostHog's answer does not say it dropped older rows; this is how Hoglink can.
 *
 * @param kind what the organization's payload said
 * @param days the window in days when {@link Kind#DAYS}, else 0
 * @param plan the plan's own words for it ("2 months") when {@link Kind#DAYS}, else empty
 */
public record ActivityWindow(Kind kind, int days, String plan) {

    public enum Kind {
        /** The payload did not list the organization's features (the basic form, an older PostHog). */
        UNKNOWN,
        /** No {@code audit_logs} feature: PostHog filters nothing by date (PostHog Cloud refuses the log: 402). */
        UNRESTRICTED,
        /** A window stated in days, months or years. */
        DAYS,
        /** The feature without a usable limit and unit: PostHog versions differ (from 7 days to none). */
        UNSTATED
    }

    public static final ActivityWindow UNKNOWN = new ActivityWindow(Kind.UNKNOWN, 0, "");
    public static final ActivityWindow UNRESTRICTED = new ActivityWindow(Kind.UNRESTRICTED, 0, "");
    public static final ActivityWindow UNSTATED = new ActivityWindow(Kind.UNSTATED, 0, "");

    public ActivityWindow {
        kind = kind == null ? Kind.UNKNOWN : kind;
        plan = plan == null ? "" : plan;
    }

    /**
     * The window of an {@code audit_logs} entry: a day is a day, a month 30 days, a year 365 (as PostHog counts
     * them); anything else is {@link #UNSTATED}.
     */
    public static ActivityWindow of(Integer limit, String unit) {
        if (limit == null || limit <= 0 || unit == null) {
            return UNSTATED;
        }
        int perUnit = switch (unit.trim().toLowerCase(Locale.ROOT)) {
            case "day", "days" -> 1;
            case "month", "months" -> 30;
            case "year", "years" -> 365;
            default -> 0;
        };
        if (perUnit == 0 || limit > 100_000 / perUnit) {
            return UNSTATED;
        }
        String words = limit + " " + unit.trim().toLowerCase(Locale.ROOT);
        return new ActivityWindow(Kind.DAYS, limit * perUnit, words);
    }

    /** The first day (UTC) PostHog's log can show on {@code now}, when the window is stated. */
    public Instant start(Instant now) {
        return now.minus(days, ChronoUnit.DAYS);
    }

    /** One sentence for the history, or empty when there is nothing to say. */
    public String note(Instant now) {
        return switch (kind) {
            case DAYS -> "PostHog shows only the last " + days + " days of this organization's activity"
                    + (plan.endsWith(" days") || plan.endsWith(" day") ? "" : " (its plan keeps " + plan + ")")
                    + ", so PostHog's entries in the history start on " + start(now).atOffset(ZoneOffset.UTC).toLocalDate()
                    + " at the earliest.";
            case UNSTATED -> "PostHog may show only this organization's recent activity: its plan names no "
                    + "audit-log window, and PostHog versions read that differently (from the last 7 days to no limit).";
            default -> "";
        };
    }
}
