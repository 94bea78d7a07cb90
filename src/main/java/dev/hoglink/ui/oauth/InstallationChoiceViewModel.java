package dev.hoglink.ui.oauth;

import dev.hoglink.model.InstallationName;
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

    /**
     * "acme (id 10000001) · Organization · used by Web": the installation named as the link dialogs and their results
     * name it ({@link InstallationName}), then its account's type and the project PostHog found it through.
     */
    public static String describe(InstallationOption o) {
        if (o == null) {
            return "";
        }
        String used = o.sourceProjectName() != null ? " · used by " + o.sourceProjectName()
                : o.sourceProjectId() != null ? " · used by project id " + o.sourceProjectId()
                : " · seen by your personal GitHub account";
        return InstallationName.of(o.accountName(), o.installationId()) + " · "
                + o.accountType().name().charAt(0) + o.accountType().name().substring(1).toLowerCase() + used;
    }

    /** A project as the wizard lists it: "Web (id 101)", as the link dialogs name it. */
    public static String projectName(Project p) {
        return p == null ? "" : p.name() + " (id " + p.id() + ")";
    }

    /**
     * The "Read first" page's first sentence: "… connects the installation on acme (id 10000001) to Web (id 101).",
     * the installation named by its account when PostHog listed it or the project already uses it, by its id alone
     * when it was typed and is known nowhere.
     */
    public String summary() {
        Project p = selectedProject.get();
        String id = installationId.get() == null ? "" : installationId.get().strip();
        return "Hoglink will ask PostHog for a one-time GitHub sign-in link that connects "
                + InstallationName.the(accountOf(p, id), id) + " to " + (p == null ? "the project" : projectName(p)) + ".";
    }

    /** The account of installation {@code id}, from PostHog's list or the project's own links; null when not known. */
    private String accountOf(Project project, String id) {
        String listed = installations.stream().filter(o -> id.equals(o.installationId()))
                .map(InstallationOption::accountName).filter(a -> a != null && !a.isBlank()).findFirst().orElse(null);
        if (listed != null || project == null) {
            return listed;
        }
        return knownLinks.apply(project).stream().filter(l -> id.equals(l.installationId()))
                .map(dev.hoglink.model.GitHubLink::accountName).filter(a -> a != null && !a.isBlank())
                .findFirst().orElse(null);
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
