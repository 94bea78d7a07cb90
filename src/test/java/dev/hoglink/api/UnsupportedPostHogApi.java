package dev.hoglink.api;

import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.api.dto.AvailableInstallationsDto;
import dev.hoglink.api.dto.GitHubReposPageDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.api.dto.OAuthUrlDto;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.api.dto.PersonalApiKeyDto;
import dev.hoglink.api.dto.ProjectDto;
import dev.hoglink.api.dto.UserDto;
import java.util.List;

/**
 * A base for hand-written fakes of {@link PostHogApi}: every call throws UnsupportedOperationException, so a
 * fake overrides only the calls its tests expect, and an unexpected call fails loudly.
 */
public abstract class UnsupportedPostHogApi implements PostHogApi {

    @Override
    public UserDto me() {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<OrganizationDto> organizations() {
        throw new UnsupportedOperationException();
    }

    @Override
    public OrganizationDto organization(String orgId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ProjectDto> projects(String orgId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public dev.hoglink.api.dto.ProjectDetailDto project(long projectId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public dev.hoglink.api.dto.ProjectDetailDto environment(long teamId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<IntegrationDto> githubIntegrations(long projectId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public AvailableInstallationsDto availableInstallations(long projectId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public IntegrationDto linkExisting(long projectId, LinkExistingRequest request) {
        throw new UnsupportedOperationException();
    }

    @Override
    public OAuthUrlDto oauthAuthorize(long projectId, String installationId, String next) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void deleteIntegration(long projectId, long integrationId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public GitHubReposPageDto githubRepos(long projectId, long integrationId, String search, int limit, int offset) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<ActivityLogEntryDto> integrationActivity(long projectId, int maxPages) {
        throw new UnsupportedOperationException();
    }

    @Override
    public PersonalApiKeyDto currentKey() {
        throw new UnsupportedOperationException();
    }

    @Override
    public ClientStats stats() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void prepareGitHubCallback(long projectId, String installationId, String next) {
        throw new UnsupportedOperationException();
    }

    @Override
    public dev.hoglink.api.dto.GitHubReposRefreshDto refreshGitHubRepos(long projectId, long integrationId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public dev.hoglink.api.dto.UserGitHubIntegrationsDto personalGitHubIntegrations() {
        throw new UnsupportedOperationException();
    }

    @Override
    public dev.hoglink.api.dto.GitHubInstallRequestsDto githubInstallRequests() {
        throw new UnsupportedOperationException();
    }

    @Override
    public void dismissGitHubInstallRequest(String requestId) {
        throw new UnsupportedOperationException();
    }
}
