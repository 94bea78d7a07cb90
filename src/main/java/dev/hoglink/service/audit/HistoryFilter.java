package dev.hoglink.service.audit;

import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * Which history rows to show: each criterion is optional (null or blank = any).
 *
 * @param projectId      exact project
 * @param installationId exact installation
 * @param user           part of the user's name, case-insensitive
 * @param from           inclusive
 * @param to             exclusive
 */
public record HistoryFilter(Long projectId, String installationId, String user, Instant from, Instant to) {

    public static final HistoryFilter ANY = new HistoryFilter(null, null, null, null, null);

    public boolean matches(HistoryEntry e) {
        if (projectId != null && !projectId.equals(e.projectId())) {
            return false;
        }
        if (installationId != null && !installationId.isBlank() && !installationId.strip().equals(e.installationId())) {
            return false;
        }
        if (user != null && !user.isBlank()
                && !e.user().toLowerCase(Locale.ROOT).contains(user.strip().toLowerCase(Locale.ROOT))) {
            return false;
        }
        if (from != null && e.time().isBefore(from)) {
            return false;
        }
        return to == null || e.time().isBefore(to);
    }

    public List<HistoryEntry> apply(List<HistoryEntry> entries) {
        return entries.stream().filter(this::matches).toList();
    }
}
