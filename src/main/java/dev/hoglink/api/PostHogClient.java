package dev.hoglink.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.api.dto.AvailableInstallationsDto;
import dev.hoglink.api.dto.GitHubReposPageDto;
import dev.hoglink.api.dto.GitHubReposRefreshDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.api.dto.OAuthAuthorizeRequest;
import dev.hoglink.api.dto.OAuthUrlDto;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.api.dto.PersonalApiKeyDto;
import dev.hoglink.api.dto.ProjectDto;
import dev.hoglink.api.dto.UserDto;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLContext;

/**
 * PostHog's REST API for Hoglink: users, organizations, projects, GitHub integrations, activity log. Every
 * method is synchronous (call it off the UI thread), thread-safe, and fails only with an {@link ApiException}.
 * <ul>
 * <li>Connect timeout 10 s and request timeout 30 s by default (the request timeout covers the whole body).</li>
 * <li>GETs are retried on 429/502/503/504 and reset connections per {@link RetryPolicy}; POST and DELETE
 * never. That is the only retry: the JDK client's own resends are turned off, so one GET is sent at most
 * {@code maxAttempts} (3) times on the wire.</li>
 * <li>One call, with its retries and backoff, ends within the operation deadline (35 s by default): a retry
 * that would start after it is not made, and the last try gets only the time left. A wait PostHog asks for
 * (Retry-After, at most 60 s) moves the deadline on.</li>
 * <li>A list whose {@code next} links never end stops at 1,000 pages: "PostHog kept sending more pages".</li>
 * <li>Every request first takes a permit from the {@link RateLimiter}.</li>
 * <li>Redirects: same-origin ones are followed for GET; any other is refused, so the key never leaves the
 * configured host.</li>
 * <li>Plain http is refused before any request unless the host is this computer.</li>
 * <li>The key is never logged nor put in an exception; bodies are capped at 8 MB and list calls at 100,000
 * rows and 128 MB over all their pages.</li>
 * </ul>
 */
public final class PostHogClient implements PostHogApi {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** The most one operation (one call, its retries and their waits) may take: a stalled server fails in time. */
    public static final Duration DEFAULT_OPERATION_DEADLINE = Duration.ofSeconds(35);
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    /** The most bytes one list call reads over all its pages (PostHog's rows are 0.5-2 kB: docs/api-notes.md NH12). */
    public static final long DEFAULT_MAX_LIST_BYTES = 128L * 1024 * 1024;
    static final int MAX_REDIRECTS = Transport.MAX_REDIRECTS;
    static final int MAX_LIST_PAGES = 1000;
    /** The most rows one list call reads over all its pages (PostHog pages hold 100). */
    static final int MAX_LIST_ITEMS = 100_000;
    static final int PAGE_SIZE = 100;

    private final URI base;
    private final ApiKey key;
    private final ObjectMapper mapper;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final RateLimiter rateLimiter;
    private final RetryPolicy retryPolicy;
    private final Transport transport;
    private final Pages pages;
    private final LongSupplier nanoTime;
    private final BearerSource bearer;

    private PostHogClient(Builder b) {
        this.base = b.base;
        this.key = Objects.requireNonNull(b.key, "key");
        // Every text PostHog sends is read through the redactor: a server that echoes the key back (as a name,
        // in any of its transformed forms) never puts it on screen, in a log or in an export.
        this.mapper = (b.mapper != null ? b.mapper.copy() : newObjectMapper()).registerModule(RedactedStrings.MODULE);
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.rateLimiter = b.rateLimiter != null ? b.rateLimiter
                : b.bearer != null ? RateLimiter.forOAuth(b.nanoTime, b.sleeper)
                : RateLimiter.forHost(b.base, b.nanoTime, b.sleeper);
        this.retryPolicy = b.retryPolicy;
        this.transport = new Transport(b, mapper, rateLimiter);
        this.pages = new Pages(base, mapper, transport, b.maxListBytes);
        this.nanoTime = b.nanoTime;
        this.bearer = b.bearer;
    }

    @Override
    public java.util.Optional<List<String>> grantedScopes() {
        return bearer == null ? java.util.Optional.empty() : bearer.grantedScopes();
    }

    /** A builder for {@code host} (e.g. {@code https://us.posthog.com}); checks the host at once. */
    public static Builder builder(String host, ApiKey key) {
        return new Builder(HostAddress.normalise(host), key);
    }

    /**
     * The longest text a field of an answer may hold, in characters. PostHog's longest texts Hoglink reads are names
     * (a project's at most 200 characters, an organization's 64) and error messages; a field of a million characters
     * is a broken or hostile answer, refused as not in PostHog's shape before it is kept: a few of them, each under
     * the body's cap, would otherwise fill the heap through every place a name is shown.
     */
    public static final int MAX_TEXT_CHARS = 1_000_000;

    /** The mapper Hoglink uses: unknown fields ignored, java.time support, ISO dates, texts within MAX_TEXT_CHARS. */
    public static ObjectMapper newObjectMapper() {
        ObjectMapper m = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
                .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder()
                        .maxStringLength(MAX_TEXT_CHARS).build())
                .build());
        m.registerModule(new JavaTimeModule());
        m.configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
        m.configure(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS, false);
        return m;
    }

    public URI baseUri() {
        return base;
    }

    public Duration connectTimeout() {
        return connectTimeout;
    }

    public Duration requestTimeout() {
        return requestTimeout;
    }

    public RetryPolicy retryPolicy() {
        return retryPolicy;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    /** The underlying JDK client (its settings are what the tests check). */
    HttpClient httpClient() {
        return transport.httpClient();
    }

    /** Maps a transport failure to a {@link NetworkException} kind. */
    static NetworkException classify(String request, String host, Throwable t) {
        return Transport.classify(request, host, t);
    }

    @Override
    public ClientStats stats() {
        return transport.stats();
    }

    @Override
    public String toString() {
        return "PostHogClient[" + base + ", key=" + key + "]";
    }

    // ---------------------------------------------------------------- endpoints

    /** {@code GET /api/users/@me/}: who the key belongs to. */
    @Override
    public UserDto me() {
        return get("/api/users/@me/", UserDto.class);
    }

    /** {@code GET /api/organizations/}, every page (an unpaginated list is accepted too). */
    @Override
    public List<OrganizationDto> organizations() {
        return pages.getAll("/api/organizations/?limit=" + PAGE_SIZE, OrganizationDto.class, MAX_LIST_PAGES, false);
    }

    /** {@code GET /api/organizations/{orgId}/}; {@code @current} is accepted. */
    @Override
    public OrganizationDto organization(String orgId) {
        return get("/api/organizations/" + UrlParts.segment(orgId) + "/", OrganizationDto.class);
    }

    /** {@code GET /api/organizations/{orgId}/projects/}, every page. */
    @Override
    public List<ProjectDto> projects(String orgId) {
        return projects(orgId, page -> { });
    }

    /** {@code GET /api/organizations/{orgId}/projects/?limit=1}: one page of one project, no more pages asked. */
    @Override
    public List<ProjectDto> projectsFirstPage(String orgId) {
        // read as a list cut at its page count (as a cursor list is): more pages are not an error here
        return pages.getAll("/api/organizations/" + UrlParts.segment(orgId) + "/projects/?limit=1", ProjectDto.class,
                1, true);
    }

    /** {@code GET /api/organizations/{orgId}/projects/}, every page, each handed to {@code onPage} as it arrives. */
    @Override
    public List<ProjectDto> projects(String orgId, java.util.function.Consumer<List<ProjectDto>> onPage) {
        return pages.getAll("/api/organizations/" + UrlParts.segment(orgId) + "/projects/?limit=" + PAGE_SIZE, ProjectDto.class,
                MAX_LIST_PAGES, false, onPage);
    }

    /** {@code GET /api/projects/{id}/}: the project's detail, with the user's level on it. */
    @Override
    public dev.hoglink.api.dto.ProjectDetailDto project(long projectId) {
        return get("/api/projects/" + projectId + "/", dev.hoglink.api.dto.ProjectDetailDto.class);
    }

    /** {@code GET /api/environments/{id}/}: one team's detail, with the user's level on that team itself. */
    @Override
    public dev.hoglink.api.dto.ProjectDetailDto environment(long teamId) {
        return get("/api/environments/" + teamId + "/", dev.hoglink.api.dto.ProjectDetailDto.class);
    }

    /** {@code GET /api/projects/{id}/integrations/?kind=github}, every page. */
    @Override
    public List<IntegrationDto> githubIntegrations(long projectId) {
        return pages.getAll(githubIntegrationsPath(projectId), IntegrationDto.class, MAX_LIST_PAGES, false);
    }

    private static String githubIntegrationsPath(long projectId) {
        return "/api/projects/" + projectId + "/integrations/?kind=github&limit=" + PAGE_SIZE;
    }

    /**
     * {@code GET /api/projects/{id}/integrations/?kind=github}, every page, each asked once, only when the rate limiter
     * has a permit now, never retried: it words an unlink already made (NH20), which a 429's Retry-After must not
     * hold up; a throttled or failed read is raised at once.
     */
    @Override
    public List<IntegrationDto> githubIntegrationsOnce(long projectId) {
        return pages.getAllOnce(githubIntegrationsPath(projectId), IntegrationDto.class, MAX_LIST_PAGES, false);
    }

    /** {@code GET /api/projects/{id}/integrations/github/available_installations/}. */
    @Override
    public AvailableInstallationsDto availableInstallations(long projectId) {
        return get("/api/projects/" + projectId + "/integrations/github/available_installations/",
                AvailableInstallationsDto.class);
    }

    /**
     * {@code POST /api/projects/{id}/integrations/github/link_existing/} with {@code source_team_id},
     * {@code installation_id}, {@code discovery_id} (nulls omitted). Never retried: on a
     * {@link NetworkException} with {@code mayHaveReachedServer()}, re-read the integrations instead.
     */
    @Override
    public IntegrationDto linkExisting(long projectId, LinkExistingRequest request) {
        return post("/api/projects/" + projectId + "/integrations/github/link_existing/",
                Objects.requireNonNull(request, "request"), IntegrationDto.class);
    }

    /** {@code POST /api/projects/{id}/integrations/github/oauth_authorize/}: the GitHub URL to open. */
    @Override
    public OAuthUrlDto oauthAuthorize(long projectId, String installationId, String next) {
        return post("/api/projects/" + projectId + "/integrations/github/oauth_authorize/",
                new OAuthAuthorizeRequest(installationId, next), OAuthUrlDto.class);
    }

    /** {@code DELETE /api/projects/{id}/integrations/{integrationId}/} (204). Never retried. */
    @Override
    public void deleteIntegration(long projectId, long integrationId) {
        noContent("DELETE", "/api/projects/" + projectId + "/integrations/" + integrationId + "/", null);
    }

    /**
     * {@code GET …/integrations/{id}/github_repos/}: one page of repositories. {@code search} may be null;
     * {@code limit} 1–500, {@code offset} ≥ 0.
     */
    @Override
    public GitHubReposPageDto githubRepos(long projectId, long integrationId, String search, int limit, int offset) {
        if (limit < 1 || limit > 500 || offset < 0) {
            throw new IllegalArgumentException("limit must be 1-500 and offset at least 0");
        }
        StringBuilder path = new StringBuilder("/api/projects/").append(projectId).append("/integrations/")
                .append(integrationId).append("/github_repos/?limit=").append(limit).append("&offset=").append(offset);
        if (search != null && !search.isBlank()) {
            path.append("&search=").append(UrlParts.query(search.strip()));
        }
        return get(path.toString(), GitHubReposPageDto.class);
    }

    /**
     * {@code GET /api/projects/{id}/activity_log/?scope=Integration}, newest first, following the cursor for
     * at most {@code maxPages} pages (docs/api-notes.md N2).
     */
    @Override
    public List<ActivityLogEntryDto> integrationActivity(long projectId, int maxPages) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1");
        }
        return pages.getAll(integrationActivityPath(projectId), ActivityLogEntryDto.class, maxPages, true);
    }

    private static String integrationActivityPath(long projectId) {
        return "/api/projects/" + projectId + "/activity_log/?scope=Integration";
    }

    /**
     * {@code GET /api/projects/{id}/activity_log/?scope=Integration&item_id={row}}: one page, newest first (NH20). Asked
     * once, only when the rate limiter has a permit now, never retried: it words a delete already made, which a 429's
     * Retry-After (up to a minute, twice) must not hold up; a throttled or failed read is raised at once.
     */
    @Override
    public List<ActivityLogEntryDto> integrationActivityOf(long projectId, long integrationId) {
        return pages.firstPageOnce(integrationActivityPath(projectId) + "&item_id=" + integrationId,
                ActivityLogEntryDto.class, true);
    }

    /**
     * {@code GET /api/projects/{id}/activity_log/?scope=Integration}: one page (PostHog's 100 rows), newest first, asked
     * as {@link #integrationActivityOf} is: once, only when the rate limiter has a permit now, never retried. It
     * words a link already made (docs/api-notes.md NH21); a throttled or failed read is raised at once.
     */
    @Override
    public List<ActivityLogEntryDto> integrationActivityFirstPage(long projectId) {
        return pages.firstPageOnce(integrationActivityPath(projectId), ActivityLogEntryDto.class, true);
    }

    /** The activity log's largest page (DRF {@code max_page_size} of ActivityLogPagination, docs/api-notes.md N11). */
    public static final int ACTIVITY_PAGE_SIZE = 1000;

    /**
     * {@code GET /api/projects/{id}/activity_log/?scope=Integration&page_size=1000}, following the cursor to the
     * end, for at most {@code maxPages} pages and starting no page after {@code budget} (docs/api-notes.md N11, N20).
     */
    @Override
    public ActivityLog integrationActivityLog(long projectId, int maxPages, Duration budget) {
        if (maxPages < 1) {
            throw new IllegalArgumentException("maxPages must be at least 1");
        }
        long start = nanoTime.getAsLong();
        long limit = budget.toNanos();
        Pages.Read<ActivityLogEntryDto> read = pages.readCursor(integrationActivityPath(projectId)
                        + "&page_size=" + ACTIVITY_PAGE_SIZE, ActivityLogEntryDto.class,
                maxPages, () -> nanoTime.getAsLong() - start >= limit);
        return new ActivityLog(read.rows(), read.cut());
    }

    /**
     * {@code POST …/integrations/github/prepare_callback/} {@code {installation_id, next}} (204); {@code next} must be
     * a relative path starting with {@code /} (docs/api-notes.md N15). Never retried.
     */
    @Override
    public void prepareGitHubCallback(long projectId, String installationId, String next) {
        noContent("POST", "/api/projects/" + projectId + "/integrations/github/prepare_callback/",
                new OAuthAuthorizeRequest(installationId, next));
    }

    /** {@code POST …/integrations/{id}/github_repos/refresh/}: the repositories after asking GitHub (N15). */
    @Override
    public GitHubReposRefreshDto refreshGitHubRepos(long projectId, long integrationId) {
        return post("/api/projects/" + projectId + "/integrations/" + integrationId + "/github_repos/refresh/",
                java.util.Map.of(), GitHubReposRefreshDto.class);
    }

    /** {@code GET /api/personal_api_keys/@current/}: the key's own scopes (needs {@code personal_api_key:read}). */
    @Override
    public PersonalApiKeyDto currentKey() {
        return get("/api/personal_api_keys/@current/", PersonalApiKeyDto.class);
    }

    /** {@code GET /api/users/@me/integrations/?kind=github} (PostHog ignores the kind: the list is GitHub only). */
    @Override
    public dev.hoglink.api.dto.UserGitHubIntegrationsDto personalGitHubIntegrations() {
        return get("/api/users/@me/integrations/?kind=github", dev.hoglink.api.dto.UserGitHubIntegrationsDto.class);
    }

    /** {@code GET /api/users/@me/integrations/github/install_requests/}: not paginated. */
    @Override
    public dev.hoglink.api.dto.GitHubInstallRequestsDto githubInstallRequests() {
        return get("/api/users/@me/integrations/github/install_requests/", dev.hoglink.api.dto.GitHubInstallRequestsDto.class);
    }

    @Override
    public void dismissGitHubInstallRequest(String requestId) {
        noContent("DELETE", "/api/users/@me/integrations/github/install_requests/" + UrlParts.segment(requestId) + "/", null);
    }

    private <T> T get(String path, Class<T> type) {
        Transport.Answer a = transport.exchange("GET", resolve(path), null);
        return pages.decode(a, mapper.constructType(type));
    }

    private <T> T post(String path, Object body, Class<T> type) {
        Transport.Answer a = transport.exchange("POST", resolve(path), encode(body));
        return pages.decode(a, mapper.constructType(type));
    }

    /** A request answered 204 (or 200) with nothing to read. */
    private void noContent(String method, String path, Object body) {
        Transport.Answer a = transport.exchange(method, resolve(path), body == null ? null : encode(body));
        if (a.status() != 204 && a.status() != 200) {
            throw Transport.unexpectedStatus(method + " " + path, a.status(), base);
        }
    }

    private byte[] encode(Object body) {
        try {
            return mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName(), e);
        }
    }

    private URI resolve(String pathAndQuery) {
        return URI.create(base.toString() + pathAndQuery);
    }

    /** Configures a client; every setting has a safe default except host and key. */
    public static final class Builder {
        final URI base;
        final ApiKey key;
        ObjectMapper mapper;
        Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        Duration operationDeadline = DEFAULT_OPERATION_DEADLINE;
        Sleeper sleeper = Sleeper.system();
        Clock clock = Clock.systemUTC();
        LongSupplier nanoTime = System::nanoTime;
        RateLimiter rateLimiter;
        RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        Random random = new Random();
        long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        long maxListBytes = DEFAULT_MAX_LIST_BYTES;
        String userAgent = "Hoglink/0.1";
        SSLContext sslContext;
        BearerSource bearer;

        private Builder(URI base, ApiKey key) {
            this.base = base;
            this.key = Objects.requireNonNull(key, "key");
        }

        /** Each request's token from an OAuth session (renewed before expiry, once after a 401); limiter forOAuth. */
        public Builder bearer(BearerSource source) {
            this.bearer = Objects.requireNonNull(source);
            return this;
        }

        public Builder objectMapper(ObjectMapper m) {
            this.mapper = Objects.requireNonNull(m);
            return this;
        }

        public Builder connectTimeout(Duration d) {
            this.connectTimeout = positive(d);
            return this;
        }

        public Builder requestTimeout(Duration d) {
            this.requestTimeout = positive(d);
            return this;
        }

        /** The most one call may take with its retries and waits (default 35 s). */
        public Builder operationDeadline(Duration d) {
            this.operationDeadline = positive(d);
            return this;
        }

        public Builder sleeper(Sleeper s) {
            this.sleeper = Objects.requireNonNull(s);
            return this;
        }

        /** The wall clock (for Retry-After dates). */
        public Builder clock(Clock c) {
            this.clock = Objects.requireNonNull(c);
            return this;
        }

        /** The monotonic clock of the default rate limiter. */
        public Builder nanoTime(LongSupplier n) {
            this.nanoTime = Objects.requireNonNull(n);
            return this;
        }

        public Builder rateLimiter(RateLimiter r) {
            this.rateLimiter = Objects.requireNonNull(r);
            return this;
        }

        public Builder retryPolicy(RetryPolicy p) {
            this.retryPolicy = Objects.requireNonNull(p);
            return this;
        }

        /** The source of jitter. */
        public Builder random(Random r) {
            this.random = Objects.requireNonNull(r);
            return this;
        }

        public Builder maxBodyBytes(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxBodyBytes must be positive");
            }
            this.maxBodyBytes = n;
            return this;
        }

        /** The budget of one list call over all its pages (tests set a small one). */
        Builder maxListBytes(long n) {
            if (n < 1) {
                throw new IllegalArgumentException("maxListBytes must be positive");
            }
            this.maxListBytes = n;
            return this;
        }

        public Builder userAgent(String ua) {
            this.userAgent = Objects.requireNonNull(ua);
            return this;
        }

        /** Trust material for https (e.g. a company CA); certificates are always verified. */
        public Builder sslContext(SSLContext ctx) {
            this.sslContext = Objects.requireNonNull(ctx);
            return this;
        }

        public PostHogClient build() {
            return new PostHogClient(this);
        }

        private static Duration positive(Duration d) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException("a timeout must be positive");
            }
            return d;
        }
    }
}
