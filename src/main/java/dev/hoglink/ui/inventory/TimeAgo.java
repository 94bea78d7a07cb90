package dev.hoglink.ui.inventory;

import java.time.Duration;

/** "just now", "5 min ago", "2 hours ago", "3 days ago": how old the shown data is, as the status bar says it. */
final class TimeAgo {

    private TimeAgo() {
    }

    /**
     * The status bar's age: of the oldest row's read (the data is as old as its oldest part), with the newest
     * when the rows were read a minute or more apart (a long load, a wait for the budget, an audit's fresher reads).
     *
     * @param newest the newest row's age, or null when unknown
     */
    static String freshness(Duration oldest, Duration newest, boolean refreshFailed, boolean cached, boolean busy) {
        String age = text(oldest);
        if (refreshFailed) {
            return "Showing data from " + age + " · refresh failed";
        }
        if (cached) {
            return "Showing data from " + age + (busy ? ", refreshing…" : "");
        }
        if (newest != null && oldest.minus(newest).toSeconds() >= 60) {
            return "Updated " + text(newest) + " (oldest row " + age + ")";
        }
        return "Updated " + age;
    }

    static String text(Duration d) {
        long s = Math.max(0, d.getSeconds());
        if (s < 60) {
            return "just now";
        }
        long m = s / 60;
        if (m < 60) {
            return m + " min ago";
        }
        long h = m / 60;
        if (h < 48) {
            return h + (h == 1 ? " hour ago" : " hours ago");
        }
        return (h / 24) + " days ago";
    }
}
