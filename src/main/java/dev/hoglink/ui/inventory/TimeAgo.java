package dev.hoglink.ui.inventory;

import java.time.Duration;

/** "just now", "5 min ago", "2 hours ago", "3 days ago": how old the shown data is, as the status bar says it. */
final class TimeAgo {

    private TimeAgo() {
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
