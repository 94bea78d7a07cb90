package dev.hoglink.ui.audit;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import java.util.List;

/**
 * One node of the diagram: an installation (or the not-connected group) and the projects it shows.
 *
 * @param hidden how many projects the "+N projects" chip stands for (0 when expanded or small)
 */
public record DiagramGroup(String key, String label, AccountType accountType, String detail, LinkStatus status,
                           boolean notConnected, List<ProjectAudit> shown, int hidden, boolean expanded) {
    public int total() {
        return shown.size() + hidden;
    }
}
