package dev.hoglink.ui.oauth;

import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Project;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.oauth.InstallationIds;
import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.ui.common.TaskHandle;
import dev.hoglink.ui.common.TaskRunner;
import java.util.List;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The OAuth wizard's first step: the project to connect and the installation to authorize, picked from
 * PostHog's available_installations for that project or typed (1-20 digits, no leading zero).
 */
public final class InstallationChoiceViewModel {

    private final OAuthService service;
    private final TaskRunner runner;
    private final ObservableList<Project> projects = FXCollections.observableArrayList();
    private final ObjectProperty<Project> selectedProject = new SimpleObjectProperty<>();
    private final ObservableList<InstallationOption> installations = FXCollections.observableArrayList();
    private final ObjectProperty<InstallationOption> selectedInstallation = new SimpleObjectProperty<>();
    private final StringProperty installationId = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper installationError = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper installationsNote = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper installationsLoading = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper alreadyConnected = new ReadOnlyStringWrapper("");
    private java.util.function.Function<Project, List<dev.hoglink.model.GitHubLink>> knownLinks = p -> List.of();
    private TaskHandle<?> installationsTask;

    InstallationChoiceViewModel(OAuthService service, TaskRunner runner, List<Project> projects, Project initial) {
        this.service = service;
        this.runner = runner;
        this.projects.setAll(projects);
        selectedProject.addListener((o, a, b) -> loadInstallations(b));
        selectedInstallation.addListener((o, a, b) -> {
            if (b != null) {
                installationId.set(b.installationId());
            }
        });
        installationId.addListener((o, a, b) -> installationError.set(
                b == null || b.isBlank() ? "" : InstallationIds.problem(b).orElse("")));
        selectedProject.set(initial);
    }

    /** Whether the step is done: a project, and an installation id that reads as one. */
    public boolean complete() {
        return selectedProject.get() != null && installationId.get() != null
                && InstallationIds.problem(installationId.get()).isEmpty();
    }

    /** On the "Read first" page: says when the project already has this installation, before a link is minted. */
    /**
     * The GitHub integrations the inventory already shows for a project (empty when it knows none); the "Read
     * first" page warns from them, so no request is made and PostHog's audit log is not touched.
     */
    public void setKnownLinks(java.util.function.Function<Project, List<dev.hoglink.model.GitHubLink>> knownLinks) {
        this.knownLinks = java.util.Objects.requireNonNull(knownLinks);
    }

    /** Says when the project already has this installation, before a link is minted. */
    void checkAlreadyConnected() {
        Project project = selectedProject.get();
        String id = installationId.get() == null ? "" : installationId.get().strip();
        alreadyConnected.set(project == null || id.isEmpty() ? "" : knownLinks.apply(project).stream()
                .filter(l -> id.equals(l.installationId())).findFirst()
                .map(link -> project.name() + " is already connected to "
                        + dev.hoglink.model.InstallationName.full(link.accountName(), id) + ". Approving a new link only refreshes that connection's GitHub token; it adds no second "
                        + "connection.")
                .orElse(""));
    }

    /** A warning that the project already has this installation; empty when it has not (or not known yet). */
    public ReadOnlyStringProperty alreadyConnectedProperty() {
        return alreadyConnected.getReadOnlyProperty();
    }

    /** Stops reading the installations (the wizard closed). */
    void cancel() {
        if (installationsTask != null) {
            installationsTask.cancel();
        }
    }

    private void loadInstallations(Project project) {
        if (installationsTask != null) {
            installationsTask.cancel();
        }
        installations.clear();
        installationsNote.set("");
        if (project == null) {
            return;
        }
        installationsLoading.set(true);
        installationsTask = runner.run(() -> service.installations(project.id()))
                .onSuccess(found -> {
                    installations.setAll(found.installations());
                    if (found.installations().isEmpty()) {
                        installationsNote.set("PostHog lists no installation for this project; type the id instead.");
                    } else if (installationId.get().isBlank()) {
                        selectedInstallation.set(found.installations().get(0));
                    }
                })
                .onFailure(e -> installationsNote.set(ServiceException.of(e).getMessage()
                        + " You can still type the installation id."))
                .onFinished(() -> installationsLoading.set(false));
    }

    /** "acme (Organization) · 10000001 · used by Web". */
    public static String describe(InstallationOption o) {
        if (o == null) {
            return "";
        }
        String who = o.accountName() == null ? "unknown account" : o.accountName();
        String used = o.sourceProjectName() != null ? " · used by " + o.sourceProjectName()
                : o.sourceProjectId() != null ? " · used by project " + o.sourceProjectId()
                : " · seen by your personal GitHub account";
        return who + " (" + o.accountType().name().charAt(0) + o.accountType().name().substring(1).toLowerCase()
                + ") · " + o.installationId() + used;
    }

    /** The projects of the organization; the chosen one is the project to connect. */
    public ObservableList<Project> projects() {
        return projects;
    }

    public ObjectProperty<Project> selectedProjectProperty() {
        return selectedProject;
    }

    public ObservableList<InstallationOption> installations() {
        return installations;
    }

    public ObjectProperty<InstallationOption> selectedInstallationProperty() {
        return selectedInstallation;
    }

    /** The installation id that will be used: set by choosing an installation, or typed. */
    public StringProperty installationIdProperty() {
        return installationId;
    }

    public ReadOnlyStringProperty installationErrorProperty() {
        return installationError.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty installationsNoteProperty() {
        return installationsNote.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty installationsLoadingProperty() {
        return installationsLoading.getReadOnlyProperty();
    }
}
