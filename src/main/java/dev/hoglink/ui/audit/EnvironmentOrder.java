package dev.hoglink.ui.audit;

import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The audit window's order of projects, as the projects table's: each project (by id, as the report lists them)
 * followed by its other environments, so an environment can be shown by its own name under its project. An
 * environment whose project is not in the list keeps its place and says its project itself.
 */
final class EnvironmentOrder {

    private EnvironmentOrder() {
    }

    static List<ProjectAudit> underProjects(List<ProjectAudit> projects) {
        Map<Long, ProjectAudit> byId = new LinkedHashMap<>();
        projects.forEach(p -> byId.put(p.id(), p));
        Map<Long, List<ProjectAudit>> environments = new LinkedHashMap<>();
        for (ProjectAudit p : projects) {
            Long parent = p.project().parentId();
            if (parent != null && byId.containsKey(parent)) {
                environments.computeIfAbsent(parent, k -> new ArrayList<>()).add(p);
            }
        }
        List<ProjectAudit> out = new ArrayList<>(projects.size());
        for (ProjectAudit p : projects) {
            Long parent = p.project().parentId();
            if (parent != null && byId.containsKey(parent)) {
                continue; // listed under its project
            }
            out.add(p);
            out.addAll(environments.getOrDefault(p.id(), List.of()));
        }
        return out;
    }
}
