package dev.hoglink.api;

import dev.hoglink.api.dto.ActivityLogEntryDto;
import java.util.List;

/**
 * A project's integration activity log as read: its rows, newest first, and whether older pages were left unread
 * (the page cap or the time budget ran out), so the caller can say the history is cut.
 */
public record ActivityLog(List<ActivityLogEntryDto> rows, boolean cut) {

    public ActivityLog {
        rows = List.copyOf(rows);
    }
}
