package dev.hoglink.ui.audit;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import java.util.List;

/**
 * One node of the diagram: an installation, or a group of projects that name no installation, and the projects it
 * shows.
 *
 * @param notConnected true for a group of projects that name no installation, all in one {@code state}
 * @param state        for such a group, its projects' state (its label is that state's word); null for an
 *                     installation
 * @param hidden how many projects the "+N projects" chip stands for (0 when expanded or small)
 */
public record DiagramGroup(String key, String label, AccountType accountType, String detail, LinkStatus status,
                           boolean notConnected, ProjectState state, List<ProjectAudit> shown, int hidden, boolean expanded) {
    public int total() {
        return shown.size() + hidden;
    }
}
