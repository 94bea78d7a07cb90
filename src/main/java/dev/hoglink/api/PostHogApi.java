package dev.hoglink.api;

import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.api.dto.AvailableInstallationsDto;
import dev.hoglink.api.dto.GitHubReposPageDto;
import dev.hoglink.api.dto.GitHubReposRefreshDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.api.dto.OAuthUrlDto;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.api.dto.PersonalApiKeyDto;
import dev.hoglink.api.dto.ProjectDto;
import dev.hoglink.api.dto.UserDto;
import java.util.List;

/**
 * The PostHog calls Hoglink makes, as an interface so services can be tested with a fake. The real one is
 * {@link PostHogClient}. Every method is synchronous and fails only with an {@link ApiException}.
 */
public interface PostHogApi {

    /**
     * The scopes PostHog granted this client's credential when they are known without asking: a sign-in with
     * PostHog (the token answer's {@code scope}, {@link BearerSource#grantedScopes()}); empty for a personal API
     * key, whose scopes are read with {@link #currentKey()}.
     */
    default java.util.Optional<List<String>> grantedScopes() {
        return java.util.Optional.empty();
    }


    UserDto me();

    List<OrganizationDto> organizations();

    OrganizationDto organization(String orgId);

    List<ProjectDto> projects(String orgId);

    /**
     * The first page of {@link #projects(String)} ({@code limit=1}): whether the key may read the organization's
     * projects at all, without paging through them.
     */
    default List<ProjectDto> projectsFirstPage(String orgId) {
        return projects(orgId);
    }

    /**
     * Every project, as {@link #projects(String)}, handing each page to {@code onPage} (on the calling
     * thread) as soon as it arrives, so a long list can be shown while the rest loads.
     */
    default List<ProjectDto> projects(String orgId, java.util.function.Consumer<List<ProjectDto>> onPage) {
        List<ProjectDto> all = projects(orgId);
        onPage.accept(all);
        return all;
    }

    /**
     * {@code GET /api/projects/{projectId}/}: one project's detail, with the user's level on it
     * ({@code effective_membership_level}, docs/api-notes.md NM1).
     */
    dev.hoglink.api.dto.ProjectDetailDto project(long projectId);

    /**
     * {@code GET /api/environments/{teamId}/}: one team's detail (PostHog's TeamSerializer), with the user's level on
     * that team itself. The only read that states an environment's level: its team id is no project's id, so the
     * project detail answers it 404 (docs/api-notes.md NM2).
     */
    dev.hoglink.api.dto.ProjectDetailDto environment(long teamId);

    List<IntegrationDto> githubIntegrations(long projectId);

    /**
     * As {@link #githubIntegrations}, read after a change already made only to word its result (docs/api-notes.md
     * NH20): each page asked once, only when a request may go now, never retried, so a throttle ends it at once rather
     * than holding the result. The default reads as {@link #githubIntegrations} does.
     */
    default List<IntegrationDto> githubIntegrationsOnce(long projectId) {
        return githubIntegrations(projectId);
    }

    AvailableInstallationsDto availableInstallations(long projectId);

    IntegrationDto linkExisting(long projectId, LinkExistingRequest request);

    OAuthUrlDto oauthAuthorize(long projectId, String installationId, String next);

    void deleteIntegration(long projectId, long integrationId);

    GitHubReposPageDto githubRepos(long projectId, long integrationId, String search, int limit, int offset);

    List<ActivityLogEntryDto> integrationActivity(long projectId, int maxPages);

    /**
     * The project's integration activity about one row ({@code item_id}, docs/api-notes.md N2), newest first, one
     * page: what a delete of that row recorded (NH20). The default reads the log's first page and keeps that row's.
     */
    default List<ActivityLogEntryDto> integrationActivityOf(long projectId, long integrationId) {
        String id = String.valueOf(integrationId);
        return integrationActivity(projectId, 1).stream().filter(a -> id.equals(a.itemId())).toList();
    }

    /**
     * The first page of the project's integration activity ({@code scope=Integration}), newest first: what a link just
     * answered left there (docs/api-notes.md NH21). The default reads the log's first page.
     */
    default List<ActivityLogEntryDto> integrationActivityFirstPage(long projectId) {
        return integrationActivity(projectId, 1);
    }

    /**
     * The integration activity log read to its end, at most {@code maxPages} pages and no new page once
     * {@code budget} has passed; says whether anything was left. The default reads {@code maxPages} pages and
     * calls the log cut when it filled them (it cannot tell an exact fit from more).
     */
    default ActivityLog integrationActivityLog(long projectId, int maxPages, java.time.Duration budget) {
        List<ActivityLogEntryDto> rows = integrationActivity(projectId, maxPages);
        return new ActivityLog(rows, rows.size() >= maxPages * 100);
    }

    PersonalApiKeyDto currentKey();

    /**
     * {@code GET /api/users/@me/integrations/?kind=github}: the user's personal GitHub links (needs
     * {@code user:read}; docs/api-notes.md ND1). Whether a non-admin may link an installation rests on them.
     */
    dev.hoglink.api.dto.UserGitHubIntegrationsDto personalGitHubIntegrations();

    /**
     * {@code POST …/integrations/github/prepare_callback/}: tells PostHog that GitHub's "update" return for this
     * installation is expected, before the admin is sent to the installation's settings on GitHub (204).
     */
    void prepareGitHubCallback(long projectId, String installationId, String next);

    /** {@code POST …/integrations/{id}/github_repos/refresh/}: 10 a minute per team; cached for 30 s. */
    GitHubReposRefreshDto refreshGitHubRepos(long projectId, long integrationId);

    /**
     * {@code GET /api/users/@me/integrations/github/install_requests/}: the user's requests to install the GitHub
     * App that wait on an organization owner (docs/api-notes.md NE1).
     */
    dev.hoglink.api.dto.GitHubInstallRequestsDto githubInstallRequests();

    /** {@code DELETE …/install_requests/{id}/}: dismisses one (204; 404 when it is already gone). */
    void dismissGitHubInstallRequest(String requestId);

    ClientStats stats();
}
