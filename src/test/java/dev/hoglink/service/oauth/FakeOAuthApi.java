package dev.hoglink.service.oauth;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.UnsupportedPostHogApi;
import dev.hoglink.api.dto.AvailableInstallationDto;
import dev.hoglink.api.dto.AvailableInstallationsDto;
import dev.hoglink.api.dto.GitHubAccountDto;
import dev.hoglink.api.dto.IntegrationConfigDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.OAuthUrlDto;
import dev.hoglink.api.dto.UserBasicDto;
import dev.hoglink.api.dto.UserDto;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The PostHog calls the OAuth wizard makes, scripted: the URL oauth_authorize answers, and one answer per
 * integrations poll (a list of rows or a failure); when the script runs out the last answer repeats.
 */
public final class FakeOAuthApi extends UnsupportedPostHogApi {

    public static final String HOST = "https://us.posthog.com";
    public static final String GOOD_URL = "https://github.com/login/oauth/authorize?client_id=Iv23abc"
            + "&redirect_uri=https%3A%2F%2Fus.posthog.com%2Fcomplete%2Fgithub-link%2F&state=token%3DAbC123";

    public volatile String oauthUrl = GOOD_URL;
    public volatile ApiException mintFailure;
    public final List<String> mintedFor = new ArrayList<>();
    public final List<String> nexts = new ArrayList<>();
    public final AtomicInteger polls = new AtomicInteger();
    private final Deque<Object> answers = new ArrayDeque<>();
    private Object last = List.of();

    /** Queues what the next integrations call returns: a {@code List<IntegrationDto>} or an ApiException. */
    public synchronized FakeOAuthApi then(Object answer) {
        answers.add(answer);
        return this;
    }

    public static IntegrationDto row(long id, String installationId, String createdAt) {
        return row(id, installationId, createdAt, 1L);
    }

    /** A GitHub row created {@code createdAt} minutes after 09:00, its token fetched at {@code refreshedAt} (epoch s). */
    public static IntegrationDto row(long id, String installationId, String createdAt, long refreshedAt) {
        return row(id, installationId, createdAt, refreshedAt, null);
    }

    /** The same, connected last by the user {@code createdBy} (null: nobody named). */
    public static IntegrationDto row(long id, String installationId, String createdAt, long refreshedAt, Long createdBy) {
        return new IntegrationDto(id, "github", new IntegrationConfigDto(installationId, 3599L, refreshedAt, "all",
                new GitHubAccountDto("Organization", "acme"), null, "ada-gh"),
                OffsetDateTime.of(2026, 8, 10, 9, 0, 0, 0, ZoneOffset.UTC).plusMinutes(Long.parseLong(createdAt)),
                createdBy == null ? null : new UserBasicDto(createdBy, null, null, "Ben", null, "ben@acme.io"), "",
                "acme", false, "connected");
    }

    @Override
    public UserDto me() {
        return new UserDto(42L, "u", "d", "ada@acme.io", "Ada", "Lovelace", false, null, null, List.of());
    }

    @Override
    public synchronized List<IntegrationDto> githubIntegrations(long projectId) {
        polls.incrementAndGet();
        Object a = answers.isEmpty() ? last : answers.poll();
        last = a;
        if (a instanceof ApiException e) {
            throw e;
        }
        @SuppressWarnings("unchecked")
        List<IntegrationDto> rows = (List<IntegrationDto>) a;
        return rows;
    }

    @Override
    public AvailableInstallationsDto availableInstallations(long projectId) {
        return new AvailableInstallationsDto("d1", null, "ada-gh", "ok", true, List.of(
                new AvailableInstallationDto("10000001", "acme", "Organization", 101L, "Web"),
                new AvailableInstallationDto("10000007", "acme-oss", "Organization", null, null)));
    }

    @Override
    public synchronized OAuthUrlDto oauthAuthorize(long projectId, String installationId, String next) {
        mintedFor.add(projectId + ":" + installationId);
        nexts.add(next);
        if (mintFailure != null) {
            throw mintFailure;
        }
        return new OAuthUrlDto(oauthUrl);
    }

}
