package dev.hoglink.ui.audit;

import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.InstallationAudit;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The audit's matrix: a row per project, a column per installation, and two filters. The project filter keeps
 * the rows whose name (an environment's own name, or its project's) or id contains its text; the installation filter keeps the columns whose account or id
 * contains its text, and then only the projects linked to one of them. Changed on the FX thread only.
 */
public final class AuditMatrixViewModel {

    private final ObservableList<InstallationAudit> columns = FXCollections.observableArrayList();
    private final ObservableList<MatrixRow> rows = FXCollections.observableArrayList();
    private final ObservableList<InstallationAudit> visibleColumns = FXCollections.observableArrayList();
    private final FilteredList<MatrixRow> visibleRows = new FilteredList<>(rows);
    private final StringProperty projectFilter = new SimpleStringProperty("");
    private final StringProperty installationFilter = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper countText = new ReadOnlyStringWrapper("");
    private Set<Long> visibleIds = Set.of();

    AuditMatrixViewModel() {
        projectFilter.addListener((o, a, b) -> apply());
        installationFilter.addListener((o, a, b) -> apply());
    }

    /** Shows a report's projects and installations (null clears), keeping the filters. */
    void show(AuditReport r) {
        if (r == null) {
            columns.clear();
            rows.clear();
        } else {
            columns.setAll(r.installations());
            rows.setAll(EnvironmentOrder.underProjects(r.projects()).stream().map(MatrixRow::of).toList());
        }
        apply();
    }

    private void apply() {
        String inst = norm(installationFilter.get());
        List<InstallationAudit> cols = inst.isEmpty() ? List.copyOf(columns) : columns.stream()
                .filter(i -> norm(i.account()).contains(inst) || i.installationId().contains(inst)).toList();
        if (!visibleColumns.equals(cols)) {
            visibleColumns.setAll(cols);
        }
        Set<String> ids = cols.stream().map(InstallationAudit::installationId).collect(Collectors.toSet());
        String project = norm(projectFilter.get());
        java.util.function.Predicate<MatrixRow> keep = project.isEmpty() && inst.isEmpty() ? null : row ->
                (project.isEmpty() || named(row.project().project(), project)
                        || Long.toString(row.project().id()).contains(project))
                        && (inst.isEmpty() || row.cells().keySet().stream().anyMatch(ids::contains));
        // known before the cells are told of the change: they ask it while they update
        visibleIds = rows.stream().filter(keep == null ? row -> true : keep).map(row -> row.project().id())
                .collect(Collectors.toUnmodifiableSet());
        visibleRows.setPredicate(keep);
        countText.set(count(visibleRows.size(), rows.size(), "project", "projects") + " · "
                + count(visibleColumns.size(), columns.size(), "installation", "installations"));
    }

    /**
     * Whether the project's name as shown contains the text: an environment's own name or its project's name, each
     * whole, never the joined "Stark Web / Stark Web Staging" no cell shows (as the CLI's {@code name:} filter).
     */
    private static boolean named(dev.hoglink.model.Project p, String text) {
        return norm(p.ownName()).contains(text) || p.parentName() != null && norm(p.parentName()).contains(text);
    }

    private static String count(int shown, int total, String one, String many) {
        String noun = total == 1 ? one : many;
        return shown == total ? String.format(Locale.ROOT, "%,d %s", total, noun)
                : String.format(Locale.ROOT, "%,d of %,d %s", shown, total, noun);
    }

    private static String norm(String s) {
        return s == null ? "" : s.strip().toLowerCase(Locale.ROOT);
    }

    /**
     * Whether the row is an environment shown under its project (its project's row is among the visible ones, just
     * above it or its sibling environments): it then reads by its own name alone, indented, as in the projects table.
     */
    public boolean underItsProject(MatrixRow row) {
        Long parent = row.project().project().parentId();
        return parent != null && visibleIds.contains(parent);
    }

    /** Clears both filters. */
    public void clearFilters() {
        projectFilter.set("");
        installationFilter.set("");
    }

    /** Every installation of the report, by id. */
    public ObservableList<InstallationAudit> columns() {
        return columns;
    }

    /** Every project's row, by project id. */
    public ObservableList<MatrixRow> rows() {
        return rows;
    }

    /** The installations the filter keeps: one column each. */
    public ObservableList<InstallationAudit> visibleColumns() {
        return visibleColumns;
    }

    /** The projects the filters keep. */
    public ObservableList<MatrixRow> visibleRows() {
        return visibleRows;
    }

    public StringProperty projectFilterProperty() {
        return projectFilter;
    }

    public StringProperty installationFilterProperty() {
        return installationFilter;
    }

    /** "2,000 projects · 50 installations", or "12 of 2,000 projects · 1 of 50 installations" when filtered. */
    public ReadOnlyStringProperty countTextProperty() {
        return countText.getReadOnlyProperty();
    }
}
