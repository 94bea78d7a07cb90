package dev.hoglink.service.inventory;

import dev.hoglink.model.AvailableInstallations;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ReposPage;
import java.util.List;
import java.util.function.Consumer;

/**
 * Forwards every call to another inventory. A subclass overrides the calls it answers itself ({@link StartedReads}:
 * the start's first reads); tests change one (a lost request, pages held back) or swap the target under a running
 * window with {@link #switchTo}.
 */
public class ForwardingInventoryService implements InventoryService {

    private volatile InventoryService target;

    public ForwardingInventoryService(InventoryService target) {
        this.target = target;
    }

    /** Sends every later call to {@code next} (e.g. a faulty server, mid-session). */
    public void switchTo(InventoryService next) {
        target = next;
    }

    protected InventoryService target() {
        return target;
    }

    @Override
    public List<Organization> organizations() {
        return target.organizations();
    }

    @Override
    public dev.hoglink.model.ActivityWindow activityWindow(String organizationId) {
        return target.activityWindow(organizationId);
    }

    @Override
    public List<Project> projects(String organizationId) {
        return target.projects(organizationId);
    }

    @Override
    public List<Project> projects(String organizationId, Consumer<List<Project>> onPage) {
        return target.projects(organizationId, onPage);
    }

    @Override
    public java.util.Optional<Boolean> keyCanWriteIntegrations() {
        return target.keyCanWriteIntegrations();
    }

    @Override
    public boolean signedInWithPostHog() {
        return target.signedInWithPostHog();
    }

    @Override
    public Integer projectLevel(Project project) {
        return target.projectLevel(project);
    }

    @Override
    public java.util.Optional<Boolean> hasPersonalGitHub() {
        return target.hasPersonalGitHub();
    }

    @Override
    public java.util.Optional<ProjectReads> reads() {
        return target.reads();
    }

    @Override
    public String currentUser() {
        return target.currentUser();
    }

    @Override
    public List<GitHubLink> githubLinks(long projectId) {
        return target.githubLinks(projectId);
    }

    @Override
    public AvailableInstallations availableInstallations(long projectId) {
        return target.availableInstallations(projectId);
    }

    @Override
    public ReposPage repositories(long projectId, long integrationId, String search, int offset, int limit) {
        return target.repositories(projectId, integrationId, search, offset, limit);
    }

    @Override
    public dev.hoglink.model.RepositoryRefresh refreshRepositories(long projectId, long integrationId) {
        return target.refreshRepositories(projectId, integrationId);
    }

    @Override
    public java.util.Optional<String> limitNote() {
        return target.limitNote();
    }

    @Override
    public boolean limitedToProjects() {
        return target.limitedToProjects();
    }
}
