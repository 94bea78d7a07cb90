package dev.hoglink.ui.audit;

import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.ProjectState;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** A row of the matrix: one project and its link status per installation id (absent = not linked). */
public record MatrixRow(ProjectAudit project, Map<String, LinkStatus> cells) {

    /** A project's row: for each installation, the worst status among its links to it, by the model's rule. */
    public static MatrixRow of(ProjectAudit p) {
        Map<String, LinkStatus> cells = new HashMap<>();
        p.links().stream().filter(GitHubLink::hasInstallation)
                .forEach(k -> cells.merge(k.installationId(), k.status(), ProjectState::worse));
        return new MatrixRow(p, Map.copyOf(cells));
    }

    public Optional<LinkStatus> cell(String installationId) {
        return Optional.ofNullable(cells.get(installationId));
    }
}
