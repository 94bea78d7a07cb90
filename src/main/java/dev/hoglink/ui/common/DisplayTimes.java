package dev.hoglink.ui.common;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the windows write a day, e.g. who linked a project and when: "2 May 2026", in the user's time zone. The
 * projects table, the detail pane and the audit all write it here, so the same link reads the same everywhere
 * (the exports write ISO-8601 UTC for scripts).
 */
public final class DisplayTimes {

    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMM yyyy", Locale.ENGLISH);

    private DisplayTimes() {
    }

    /** "2 May 2026" in {@code zone}; empty for null. */
    public static String day(Instant at, ZoneId zone) {
        return at == null ? "" : DAY.format(at.atZone(zone));
    }
}
