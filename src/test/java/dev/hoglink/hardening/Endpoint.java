package dev.hoglink.hardening;

import dev.hoglink.api.PostHogApi;
import dev.hoglink.api.dto.LinkExistingRequest;
import java.util.function.Function;

/**
 * Every response type the client decodes: the success body of each endpoint, and PostHog's error envelope for
 * each error status (served to a GET, and to the link POST for 400/409). The fixture is the valid body the
 * fuzzer starts from.
 */
enum Endpoint {
    ME("me.json", 200, api -> api.me()),
    ORGANIZATIONS("organizations.json", 200, api -> api.organizations()),
    ORGANIZATION("organization.json", 200, api -> api.organization("@current")),
    PROJECTS("projects-page1.json", 200, api -> api.projects("0189c0de-0000-7000-8000-00000000acme")),
    INTEGRATIONS_PAGE("integrations-page1.json", 200, api -> api.githubIntegrations(101)),
    AVAILABLE_INSTALLATIONS("available-installations.json", 200, api -> api.availableInstallations(101)),
    LINK_EXISTING("link-existing.json", 200, api -> api.linkExisting(102, Requests.LINK)),
    OAUTH_AUTHORIZE("oauth-authorize.json", 200, api -> api.oauthAuthorize(101, "12345678", "/project/101")),
    GITHUB_REPOS_PAGE("github-repos.json", 200, api -> api.githubRepos(101, 9, null, 100, 0)),
    ACTIVITY_LOG_PAGE("activity-page1.json", 200, api -> api.integrationActivity(101, 3)),
    PERSONAL_KEY_CURRENT("personal-api-key.json", 200, api -> api.currentKey()),
    ERROR_400("error-400-invalid.json", 400, api -> api.me()),
    ERROR_400_POST("error-400-orphan.json", 400, api -> api.linkExisting(102, Requests.LINK)),
    ERROR_401("error-401.json", 401, api -> api.me()),
    ERROR_403("error-403-scope.json", 403, api -> api.me()),
    ERROR_404("error-404.json", 404, api -> api.me()),
    ERROR_405("error-404.json", 405, api -> api.me()),
    ERROR_409_POST("error-400-invalid.json", 409, api -> api.linkExisting(102, Requests.LINK)),
    ERROR_410("error-404.json", 410, api -> api.me()),
    ERROR_429("error-429.json", 429, api -> api.me()),
    ERROR_500("error-500.json", 500, api -> api.me()),
    ERROR_502("error-500.json", 502, api -> api.me()),
    ERROR_503("error-500.json", 503, api -> api.me()),
    ERROR_504("error-500.json", 504, api -> api.me());

    final String fixture;
    final int status;
    final Function<PostHogApi, Object> call;

    Endpoint(String fixture, int status, Function<PostHogApi, Object> call) {
        this.fixture = fixture;
        this.status = status;
        this.call = call;
    }

    /** The link request every POST sends. */
    static final class Requests {
        static final LinkExistingRequest LINK = new LinkExistingRequest(101L, "12345678", "disc-1");
    }

    boolean isError() {
        return status != 200;
    }
}
