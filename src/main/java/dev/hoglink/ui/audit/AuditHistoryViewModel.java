package dev.hoglink.ui.audit;

import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.HistoryEntry;
import dev.hoglink.service.audit.AuditReport.InstallationAudit;
import dev.hoglink.service.audit.AuditReport.ProjectAudit;
import dev.hoglink.service.audit.HistoryFilter;
import java.time.LocalDate;
import java.time.ZoneId;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.transformation.FilteredList;

/**
 * The audit's History tab: PostHog's activity and this computer's journal, narrowed by project, installation,
 * user and dates. Part of {@link AuditViewModel}, which hands it each report.
 */
public final class AuditHistoryViewModel {

    private final ZoneId zone;
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final FilteredList<HistoryEntry> visibleHistory = new FilteredList<>(history, e -> true);
    /** Newest first: what an admin looks for in a history is what just happened. */
    private final javafx.collections.transformation.SortedList<HistoryEntry> newestFirst =
            new javafx.collections.transformation.SortedList<>(visibleHistory, HistoryEntry.ORDER.reversed());
    private final ObjectProperty<ProjectAudit> historyProject = new SimpleObjectProperty<>();
    private final ObjectProperty<InstallationAudit> historyInstallation = new SimpleObjectProperty<>();
    private final StringProperty historyUser = new SimpleStringProperty("");
    private final ObjectProperty<LocalDate> historyFrom = new SimpleObjectProperty<>();
    private final ObjectProperty<LocalDate> historyTo = new SimpleObjectProperty<>();
    private final ObservableList<ProjectAudit> projectChoices = FXCollections.observableArrayList();
    private final ObservableList<InstallationAudit> installationChoices = FXCollections.observableArrayList();

    AuditHistoryViewModel(ZoneId zone) {
        this.zone = zone;
        historyProject.addListener((o, a, b) -> applyHistoryFilter());
        historyInstallation.addListener((o, a, b) -> applyHistoryFilter());
        historyUser.addListener((o, a, b) -> applyHistoryFilter());
        historyFrom.addListener((o, a, b) -> applyHistoryFilter());
        historyTo.addListener((o, a, b) -> applyHistoryFilter());
    }

    /** Shows a report's history and its filter choices; null clears them. */
    void show(AuditReport r) {
        if (r == null) {
            history.clear();
            projectChoices.clear();
            installationChoices.clear();
            return;
        }
        history.setAll(r.history());
        projectChoices.setAll(EnvironmentOrder.underProjects(r.projects()));
        installationChoices.setAll(r.installations());
        historyProject.set(null);
        historyInstallation.set(null);
        applyHistoryFilter();
    }

    private void applyHistoryFilter() {
        HistoryFilter f = historyFilter();
        visibleHistory.setPredicate(f::matches);
    }

    public HistoryFilter historyFilter() {
        ProjectAudit p = historyProject.get();
        InstallationAudit i = historyInstallation.get();
        return new HistoryFilter(p == null ? null : p.id(), i == null ? null : i.installationId(), historyUser.get(),
                historyFrom.get() == null ? null : historyFrom.get().atStartOfDay(zone).toInstant(),
                historyTo.get() == null ? null : historyTo.get().plusDays(1).atStartOfDay(zone).toInstant());
    }

    public void clearHistoryFilter() {
        historyProject.set(null);
        historyInstallation.set(null);
        historyUser.set("");
        historyFrom.set(null);
        historyTo.set(null);
    }

    public ObservableList<HistoryEntry> visibleHistory() {
        return newestFirst;
    }

    public ObjectProperty<ProjectAudit> historyProjectProperty() {
        return historyProject;
    }

    public ObjectProperty<InstallationAudit> historyInstallationProperty() {
        return historyInstallation;
    }

    public StringProperty historyUserProperty() {
        return historyUser;
    }

    public ObjectProperty<LocalDate> historyFromProperty() {
        return historyFrom;
    }

    public ObjectProperty<LocalDate> historyToProperty() {
        return historyTo;
    }

    /** The projects to pick from, each followed by its other environments, as the projects table lists them. */
    public ObservableList<ProjectAudit> projectChoices() {
        return projectChoices;
    }

    /** Whether an environment is listed under its project (its project is among the choices). */
    public boolean underItsProject(ProjectAudit p) {
        Long parent = p.project().parentId();
        return parent != null && projectChoices.stream().anyMatch(c -> c.id() == parent);
    }

    /**
     * A choice in the list: "Stark Web (id 401)"; an environment under its project by its own name, "Stark Web
     * Staging (id 402)" (the view indents it); one whose project is not listed with it, "Production (id 407,
     * environment of project Jarvis (id 406))".
     */
    public String listText(ProjectAudit p) {
        String of = underItsProject(p) ? "" : p.project().ofProject();
        return p.project().ownName() + " (id " + p.id() + (of.isEmpty() ? "" : ", " + of) + ")";
    }

    /** The chosen one, in the picker's narrow field: its own name, as the matrix names it ({@link #chosenTip}). */
    public static String chosenText(ProjectAudit p) {
        return p.project().ownName();
    }

    /** The picker's tip for the chosen one: as the history's Project column names it, with an environment's project. */
    public static String chosenTip(ProjectAudit p) {
        return p.project().inText();
    }

    /**
     * A line's installation as the rest of the app names it, "acme (id 10000001)" ({@link
     * dev.hoglink.model.InstallationName}), when the audit knows its account; else its id as PostHog wrote it. The
     * exports keep the id.
     */
    public String installationName(String installationId) {
        if (installationId == null || installationId.isBlank()) {
            return "";
        }
        return installationChoices.stream().filter(i -> installationId.equals(i.installationId())).findFirst()
                .map(i -> dev.hoglink.model.InstallationName.of(i.account(), installationId)).orElse(installationId);
    }

    /**
     * A line's details as the window shows them ({@link HistoryWords#detail}), without PostHog's "account acme" when
     * the Installation column already names that account.
     */
    public String detail(HistoryEntry e) {
        String d = HistoryWords.detail(e);
        if (e.source() != dev.hoglink.service.audit.AuditReport.Source.POSTHOG || e.installationId() == null) {
            return d;
        }
        String account = installationChoices.stream().filter(i -> e.installationId().equals(i.installationId()))
                .map(InstallationAudit::account).filter(a -> a != null && !a.isBlank()).findFirst().orElse(null);
        if (account == null) {
            return d;
        }
        String said = "account " + account;
        return d.equals(said) ? "" : d.startsWith(said + "; ") ? d.substring(said.length() + 2) : d;
    }

    public ObservableList<InstallationAudit> installationChoices() {
        return installationChoices;
    }
}
