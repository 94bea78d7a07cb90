package dev.hoglink.hardening;

import dev.hoglink.model.AvailableInstallations;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ReposPage;
import dev.hoglink.service.InventoryService;
import java.util.List;
import java.util.function.Consumer;

/** An inventory service whose server can be swapped under a running window, to turn faults on mid-session. */
final class SwitchableInventoryService implements InventoryService {

    private volatile InventoryService target;

    SwitchableInventoryService(InventoryService target) {
        this.target = target;
    }

    void switchTo(InventoryService next) {
        target = next;
    }

    @Override
    public List<Organization> organizations() {
        return target.organizations();
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
}
