package dev.hoglink.ui.link;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.ClientStats;
import dev.hoglink.api.UnsupportedPostHogApi;
import dev.hoglink.api.dto.AvailableInstallationDto;
import dev.hoglink.api.dto.AvailableInstallationsDto;
import dev.hoglink.api.dto.GitHubAccountDto;
import dev.hoglink.api.dto.GitHubReposPageDto;
import dev.hoglink.api.dto.IntegrationConfigDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * An in-memory PostHog for the link feature: per-project GitHub rows, one available_installations answer,
 * and scripted failures for link, delete and read calls. Records every write request.
 */
final class FakeLinkApi extends UnsupportedPostHogApi {

    final Map<Long, List<IntegrationDto>> rows = new HashMap<>();
    final List<AvailableInstallationDto> available = new ArrayList<>();
    final List<LinkExistingRequest> linkRequests = new ArrayList<>();
    final List<Long> deletes = new ArrayList<>();
    final Deque<ApiException> linkFailures = new ArrayDeque<>();
    final Deque<ApiException> deleteFailures = new ArrayDeque<>();
    /** When set, the link is applied on the server before this failure is thrown (a lost answer). */
    boolean applyBeforeLinkFailure;
    boolean applyBeforeDeleteFailure;
    ApiException readFailure;
    /** A read failure that starts once a delete has been sent (the read before the delete still answers). */
    ApiException readFailureAfterDelete;
    long nextId = 500;
    final Map<Long, ApiException> linkFailuresByProject = new HashMap<>();
    /** Each row's activity log as PostHog sends it (newest first); a row without one has an empty log. */
    final Map<Long, List<dev.hoglink.api.dto.ActivityLogEntryDto>> activity = new HashMap<>();

    @Override
    public synchronized List<dev.hoglink.api.dto.ActivityLogEntryDto> integrationActivityOf(long projectId,
            long integrationId) {
        return List.copyOf(activity.getOrDefault(integrationId, List.of()));
    }

    /**
     * The row's log after a delete of the last reference whose uninstall ended with {@code outcome}
     * (posthog/api/integration.py perform_destroy, docs/api-notes.md NH20).
     */
    FakeLinkApi lastReferenceDeleteRecorded(long integrationId, String installationId, String outcome) {
        com.fasterxml.jackson.databind.ObjectMapper m = dev.hoglink.api.PostHogClient.newObjectMapper();
        String row = """
                {"id":"%s","user":null,"is_system":false,"activity":"%s","scope":"Integration","item_id":"%d",
                 "detail":{"trigger":{"job_type":"github","job_id":"","payload":{"event":"%s","integration_id":"%d",
                   "installation_id":"%s"%s}}},"created_at":"2026-08-01T10:00:00.00000%dZ"}""";
        try {
            activity.put(integrationId, List.of(
                    m.readValue(row.formatted("c", "deleted", integrationId, "deleted", integrationId, installationId,
                            ",\"outcome\":\"disconnected\"", 3), dev.hoglink.api.dto.ActivityLogEntryDto.class),
                    m.readValue(row.formatted("b", "github_diagnostic", integrationId, "uninstall_completed",
                            integrationId, installationId, ",\"outcome\":\"" + outcome + "\"", 2),
                            dev.hoglink.api.dto.ActivityLogEntryDto.class),
                    m.readValue(row.formatted("a", "github_diagnostic", integrationId, "disconnect_started",
                            integrationId, installationId, ",\"last_reference\":true", 1),
                            dev.hoglink.api.dto.ActivityLogEntryDto.class)));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        return this;
    }

    /** The scopes PostHog granted a sign-in; empty for a personal API key. */
    java.util.Optional<List<String>> grantedScopes = java.util.Optional.empty();

    @Override
    public java.util.Optional<List<String>> grantedScopes() {
        return grantedScopes;
    }

    static IntegrationDto row(long id, String installationId, String account, boolean shared) {
        return new IntegrationDto(id, "github", new IntegrationConfigDto(installationId, 3599L, 0L, "all",
                new GitHubAccountDto("Organization", account), null, null), null, null, "", account, shared, "connected");
    }

    FakeLinkApi linked(long projectId, long integrationId, String installationId, String account, boolean shared) {
        rows.computeIfAbsent(projectId, k -> new ArrayList<>()).add(row(integrationId, installationId, account, shared));
        return this;
    }

    FakeLinkApi offers(String installationId, String account, Long sourceProjectId, String sourceName) {
        available.add(new AvailableInstallationDto(installationId, account, "Organization", sourceProjectId, sourceName));
        return this;
    }

    @Override
    public synchronized IntegrationDto linkExisting(long projectId, LinkExistingRequest request) {
        linkRequests.add(request);
        ApiException byProject = linkFailuresByProject.get(projectId);
        if (byProject != null) {
            throw byProject;
        }
        ApiException failure = linkFailures.poll();
        if (failure != null && !applyBeforeLinkFailure) {
            throw failure;
        }
        String account = available.stream().filter(a -> a.installationId().equals(request.installationId()))
                .map(AvailableInstallationDto::accountName).findFirst().orElse("acct");
        IntegrationDto dto = row(nextId++, request.installationId(), account, true);
        rows.computeIfAbsent(projectId, k -> new ArrayList<>()).add(dto);
        if (failure != null) {
            throw failure;
        }
        return dto;
    }

    @Override
    public synchronized void deleteIntegration(long projectId, long integrationId) {
        deletes.add(integrationId);
        if (readFailureAfterDelete != null) {
            readFailure = readFailureAfterDelete;
            readFailureAfterDelete = null;
        }
        ApiException failure = deleteFailures.poll();
        if (failure != null && !applyBeforeDeleteFailure) {
            throw failure;
        }
        rows.getOrDefault(projectId, new ArrayList<>()).removeIf(r -> r.id() == integrationId);
        if (failure != null) {
            throw failure;
        }
    }

    @Override
    public synchronized List<IntegrationDto> githubIntegrations(long projectId) {
        if (readFailure != null) {
            throw readFailure;
        }
        return List.copyOf(rows.getOrDefault(projectId, List.of()));
    }

    @Override
    public AvailableInstallationsDto availableInstallations(long projectId) {
        if (readFailure != null) {
            throw readFailure;
        }
        return new AvailableInstallationsDto("5b0c0000-0000-4000-8000-000000000001", null, "gh", "ok", true,
                List.copyOf(available));
    }

    /** Each refresh takes the next installation_status (null: a copy that sends the repositories only). */
    final Deque<java.util.Optional<String>> refreshStatuses = new ArrayDeque<>();
    final List<Long> refreshes = new ArrayList<>();

    @Override
    public synchronized dev.hoglink.api.dto.GitHubReposRefreshDto refreshGitHubRepos(long projectId, long integrationId) {
        refreshes.add(integrationId);
        java.util.Optional<String> status = refreshStatuses.isEmpty() ? java.util.Optional.of("connected")
                : refreshStatuses.poll();
        return new dev.hoglink.api.dto.GitHubReposRefreshDto(List.of(), status.orElse(null));
    }

    @Override
    public GitHubReposPageDto githubRepos(long projectId, long integrationId, String search, int limit, int offset) {
        return new GitHubReposPageDto(List.of(), false, 7);
    }

    @Override
    public ClientStats stats() {
        return new ClientStats(0, 0, 0, 0, Duration.ZERO);
    }
}
