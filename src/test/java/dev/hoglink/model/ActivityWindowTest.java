package dev.hoglink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The audit_logs entry read as PostHog reads it (get_activity_log_lookback_restriction; docs/api-notes.md NF8). */
class ActivityWindowTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");

    @Test
    void daysMonthsAndYearsAreCountedAsPostHogCountsThem() {
        assertEquals(7, ActivityWindow.of(7, "days").days());
        assertEquals(1, ActivityWindow.of(1, "day").days());
        assertEquals(60, ActivityWindow.of(2, "months").days(), "a month is 30 days");
        assertEquals(1800, ActivityWindow.of(60, "Months").days());
        assertEquals(730, ActivityWindow.of(2, "years").days(), "a year is 365 days");
        assertEquals("2 months", ActivityWindow.of(2, "months").plan());
    }

    @Test
    void aWindowPostHogCannotUseIsUnstated() {
        assertEquals(ActivityWindow.UNSTATED, ActivityWindow.of(null, null), "billing's entry with limit and unit null");
        assertEquals(ActivityWindow.UNSTATED, ActivityWindow.of(3, "weeks"));
        assertEquals(ActivityWindow.UNSTATED, ActivityWindow.of(null, "months"));
        assertEquals(ActivityWindow.UNSTATED, ActivityWindow.of(0, "days"));
        assertEquals(ActivityWindow.UNSTATED, ActivityWindow.of(Integer.MAX_VALUE, "years"));
    }

    @Test
    void theNoteSaysWhereTheHistoryCanStartAndNothingWhenPostHogHidesNothing() {
        assertEquals("PostHog shows only the last 7 days of this organization's activity, so "
                + "PostHog's entries in the history start on 2026-11-30 at the earliest.", ActivityWindow.of(7, "days").note(NOW));
        assertTrue(ActivityWindow.of(1, "year").note(NOW).startsWith("PostHog shows only the last 365 days of this "
                + "organization's activity (its plan keeps 1 year), so"), "the plan's own words when they differ");
        assertTrue(ActivityWindow.UNSTATED.note(NOW).startsWith("PostHog may show only this organization's recent activity"));
        assertEquals("", ActivityWindow.UNRESTRICTED.note(NOW));
        assertEquals("", ActivityWindow.UNKNOWN.note(NOW));
    }
}
