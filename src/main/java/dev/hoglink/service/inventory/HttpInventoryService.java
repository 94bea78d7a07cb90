package dev.hoglink.service.inventory;

import dev.hoglink.service.ServiceException;
import static dev.hoglink.service.ApiFailures.call;

import dev.hoglink.api.PostHogApi;
import dev.hoglink.api.dto.AvailableInstallationDto;
import dev.hoglink.api.dto.AvailableInstallationsDto;
import dev.hoglink.api.dto.GitHubRepoDto;
import dev.hoglink.api.dto.GitHubReposPageDto;
import dev.hoglink.api.dto.IntegrationConfigDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.api.dto.ProjectDto;
import dev.hoglink.model.AccountType;
import dev.hoglink.model.AvailableInstallations;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ReposPage;
import dev.hoglink.model.Repository;
import java.time.OffsetDateTime;
import java.util.List;

/** The inventory over PostHog's HTTP API: maps the client's DTOs to domain records and its errors to {@link ServiceException}. */
public final class HttpInventoryService implements InventoryService {

    private final PostHogApi api;
    private final ProjectReads reads;

    public HttpInventoryService(PostHogApi api) {
        this(api, new ProjectReads(java.time.Clock.systemUTC()));
    }

    /** @param reads where every read of a project's links is kept (one store per connection) */
    public HttpInventoryService(PostHogApi api, ProjectReads reads) {
        this.api = api;
        this.reads = java.util.Objects.requireNonNull(reads);
    }

    @Override
    public java.util.Optional<ProjectReads> reads() {
        return java.util.Optional.of(reads);
    }

    public PostHogApi api() {
        return api;
    }

    /**
     * Whether the credential may change GitHub links (integration:write), by PostHog's newest rule
     * (docs/api-notes.md NH1): {@code *} or {@code integration:write}; no scopes at all is no access, not the old
     * legacy full access. A sign-in with PostHog is judged by the scopes its token answer granted: PostHog's
     * {@code @current} key endpoint does not accept OAuth tokens, so it is not asked.
     */
    @Override
    public java.util.Optional<Boolean> keyCanWriteIntegrations() {
        java.util.Optional<List<String>> granted = api.grantedScopes();
        if (granted.isPresent()) {
            return java.util.Optional.of(mayWriteIntegrations(granted.get()));
        }
        try {
            dev.hoglink.api.dto.PersonalApiKeyDto key = call(api::currentKey);
            return java.util.Optional.of(mayWriteIntegrations(key.scopes()));
        } catch (ServiceException e) {
            if (e.kind() == ServiceException.Kind.PERMISSION || e.kind() == ServiceException.Kind.NOT_FOUND) {
                return java.util.Optional.empty();
            }
            throw e;
        }
    }

    /**
     * True when the scopes grant integration:write: the scope itself or {@code *}, compared exactly as PostHog's
     * APIScopePermission does; an empty list grants nothing.
     */
    static boolean mayWriteIntegrations(List<String> scopes) {
        return scopes.contains("*") || scopes.contains("integration:write");
    }

    @Override
    public boolean signedInWithPostHog() {
        return api.grantedScopes().isPresent();
    }

    @Override
    public java.util.Optional<Boolean> hasPersonalGitHub() {
        try {
            return java.util.Optional.of(!api.personalGitHubIntegrations().results().isEmpty());
        } catch (dev.hoglink.api.ApiException e) {
            // a key without user:read, an older PostHog: nothing is refused in advance, PostHog decides
            return java.util.Optional.empty();
        }
    }

    @Override
    public List<Organization> organizations() {
        return call(() -> {
            try {
                return api.organizations();
            } catch (dev.hoglink.api.PermissionException e) {
                if (!ScopedKey.limitedToProjects(e)) {
                    throw e;
                }
                return api.me().organizations(); // a key limited to projects: the user's memberships (N10)
            }
        }).stream().map(o -> {
            Organization org = organization(o);
            windows.put(org.id(), activityWindow(o));
            return org;
        }).toList();
    }

    /** Each organization's activity-log window, from its payload as read last (NF8). */
    private final java.util.Map<String, dev.hoglink.model.ActivityWindow> windows =
            new java.util.concurrent.ConcurrentHashMap<>();

    @Override
    public dev.hoglink.model.ActivityWindow activityWindow(String organizationId) {
        return organizationId == null ? dev.hoglink.model.ActivityWindow.UNKNOWN
                : windows.getOrDefault(organizationId, dev.hoglink.model.ActivityWindow.UNKNOWN);
    }

    @Override
    public List<Project> projects(String organizationId) {
        return projects(organizationId, page -> { });
    }

    @Override
    public List<Project> projects(String organizationId, java.util.function.Consumer<List<Project>> onPage) {
        return call(() -> {
            try {
                // PostHog's project list has no ordering (ProjectViewSet, posthog/api/project.py; the model has no
                // default order), so offset pages may repeat a project: each id is shown and kept once.
                java.util.Set<Long> shown = java.util.concurrent.ConcurrentHashMap.newKeySet();
                java.util.Set<Long> kept = new java.util.HashSet<>();
                List<Project> all = api.projects(organizationId, page -> onPage.accept(page.stream()
                        .filter(p -> p.id() != null && shown.add(p.id())).map(p -> project(p, organizationId))
                        .toList())).stream()
                        .filter(p -> p.id() != null && kept.add(p.id()))
                        .map(p -> project(p, organizationId))
                        .toList();
                limitNote = null;
                limitedToProjects = false;
                List<Project> environments;
                try {
                    dev.hoglink.api.dto.OrganizationDto org = api.organization(organizationId);
                    environments = Environments.extraTeams(all, org.projects(), org.teams(), organizationId);
                } catch (dev.hoglink.api.PermissionException | dev.hoglink.api.NotFoundException e) {
                    // The projects are readable but not the organization's teams: show the projects, say what is missing.
                    limitNote = "The organization's details could not be read (" + e.userMessage() + "), so only "
                            + "each project's main environment is listed.";
                    environments = List.of();
                }
                if (!environments.isEmpty()) {
                    onPage.accept(environments);
                }
                return Environments.merged(all, environments);
            } catch (dev.hoglink.api.PermissionException e) {
                if (!ScopedKey.limitedToProjects(e)) {
                    throw e;
                }
                List<Project> reachable = ScopedKey.reachableProjects(api, organizationId);
                limitNote = ScopedKey.projectsNote(reachable);
                limitedToProjects = true;
                onPage.accept(reachable);
                return reachable;
            }
        });
    }

    private volatile String limitNote;
    private volatile boolean limitedToProjects;
    private volatile String userId = "";

    @Override
    public String currentUserId() {
        return userId;
    }

    @Override
    public java.util.Optional<String> limitNote() {
        return java.util.Optional.ofNullable(limitNote);
    }

    @Override
    public boolean limitedToProjects() {
        return limitedToProjects;
    }

    @Override
    public String currentUser() {
        var me = call(api::me);
        userId = me.uuid() == null ? "" : me.uuid();
        String name = ((me.firstName() == null ? "" : me.firstName()) + " "
                + (me.lastName() == null ? "" : me.lastName())).strip();
        String email = me.email() == null ? "" : me.email();
        return name.isEmpty() ? email : email.isEmpty() ? name : name + " <" + email + ">";
    }

    @Override
    public Integer projectLevel(Project project) {
        return call(() -> ProjectLevels.read(api, project)); // an environment's from its own detail (NM2)
    }

    @Override
    public List<GitHubLink> githubLinks(long projectId) {
        java.time.Instant sent = reads.now(); // a read is as new as its request: answers may arrive out of order
        List<GitHubLink> links = call(() -> api.githubIntegrations(projectId)).stream()
                .filter(i -> i.id() != null)
                .map(HttpInventoryService::link)
                .toList();
        return reads.put(projectId, links, sent).links(); // a newer read that answered first wins
    }

    @Override
    public AvailableInstallations availableInstallations(long projectId) {
        AvailableInstallationsDto dto = call(() -> api.availableInstallations(projectId));
        List<InstallationOption> options = dto.installations().stream()
                .filter(i -> i.installationId() != null)
                .map(i -> option(i, dto.discoveryId()))
                .toList();
        return new AvailableInstallations(dto.discoveryId(), dto.personalGithubLogin(), dto.personalDiscoveryStatus(),
                options);
    }

    @Override
    public ReposPage repositories(long projectId, long integrationId, String search, int offset, int limit) {
        GitHubReposPageDto page = call(() -> api.githubRepos(projectId, integrationId, search, limit, offset));
        List<Repository> repos = page.repositories().stream()
                .filter(r -> r.id() != null)
                .map(HttpInventoryService::repository)
                .toList();
        boolean more = Boolean.TRUE.equals(page.hasMore());
        return new ReposPage(repos, more, ReposPage.totalOf(page.total(), more, offset, page.repositories().size()));
    }

    @Override
    public dev.hoglink.model.RepositoryRefresh refreshRepositories(long projectId, long integrationId) {
        return refresh(call(() -> api.refreshGitHubRepos(projectId, integrationId)));
    }

    /** PostHog's refresh answer → how many repositories it lists and what it says of the installation. */
    public static dev.hoglink.model.RepositoryRefresh refresh(dev.hoglink.api.dto.GitHubReposRefreshDto r) {
        return new dev.hoglink.model.RepositoryRefresh(r.repositories().size(), r.installationStatus());
    }

    /**
     * How far back PostHog shows the organization's activity log (docs/api-notes.md NF8): unknown when the payload
     * lists no features, unrestricted without {@code audit_logs}, else its limit and unit.
     */
    public static dev.hoglink.model.ActivityWindow activityWindow(OrganizationDto o) {
        if (o.availableProductFeatures() == null) {
            return dev.hoglink.model.ActivityWindow.UNKNOWN;
        }
        return o.availableProductFeatures().stream().filter(f -> "audit_logs".equals(f.key())).findFirst()
                .map(f -> dev.hoglink.model.ActivityWindow.of(f.limitValue(), f.unit()))
                .orElse(dev.hoglink.model.ActivityWindow.UNRESTRICTED);
    }

    public static Organization organization(OrganizationDto o) {
        return new Organization(o.id(), o.name(), o.slug(), o.membershipLevel() == null ? 0 : o.membershipLevel());
    }

    public static Project project(ProjectDto p, String organizationId) {
        String org = p.organization() == null || p.organization().isBlank() ? organizationId : p.organization();
        return new Project(p.id(), p.name(), org, null);
    }

    /** PostHog's row → link: unavailable on GitHub wins over a token error, which wins over connected. */
    public static GitHubLink link(IntegrationDto i) {
        IntegrationConfigDto c = i.config();
        String installationId = c == null ? null : c.installationId();
        String account = c != null && c.account() != null && c.account().name() != null ? c.account().name()
                : i.displayName();
        AccountType type = c == null || c.account() == null ? AccountType.UNKNOWN : AccountType.fromGitHub(c.account().type());
        LinkStatus status = "unavailable".equalsIgnoreCase(i.installationStatus()) ? LinkStatus.UNAVAILABLE
                : !i.errors().isBlank() ? LinkStatus.TOKEN_ERROR : LinkStatus.CONNECTED;
        String createdBy = i.createdBy() == null ? null : i.createdBy().displayName();
        return new GitHubLink(i.id(), installationId, account, type, c == null ? null : c.repositorySelection(), status,
                Boolean.TRUE.equals(i.installationShared()), createdBy, instant(i.createdAt()), i.errors());
    }

    public static InstallationOption option(AvailableInstallationDto i, String discoveryId) {
        return new InstallationOption(i.installationId(), i.accountName(), AccountType.fromGitHub(i.accountType()),
                i.sourceTeamId(), i.sourceTeamName(), discoveryId);
    }

    public static Repository repository(GitHubRepoDto r) {
        return new Repository(r.id(), r.name(), r.fullName(), Boolean.TRUE.equals(r.isPrivate()),
                Boolean.TRUE.equals(r.archived()), r.defaultBranch(), r.language(), instant(r.pushedAt()));
    }

    private static java.time.Instant instant(OffsetDateTime t) {
        return t == null ? null : t.toInstant();
    }
}
