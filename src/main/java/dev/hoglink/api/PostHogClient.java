package dev.hoglink.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.api.dto.AvailableInstallationsDto;
import dev.hoglink.api.dto.GitHubReposPageDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.api.dto.OAuthAuthorizeRequest;
import dev.hoglink.api.dto.OAuthUrlDto;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.api.dto.PersonalApiKeyDto;
import dev.hoglink.api.dto.ProjectDto;
import dev.hoglink.api.dto.UserDto;
import dev.hoglink.util.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostHog's REST API for Hoglink: users, organizations, projects, GitHub integrations, activity log. Every
 * method is synchronous (call it off the UI thread), thread-safe, and fails only with an {@link ApiException}.
 * <ul>
 * <li>Connect timeout 10 s and request timeout 30 s by default (the request timeout covers the whole body).</li>
 * <li>GETs are retried on 429/502/503/504 and reset connections per {@link RetryPolicy}; POST and DELETE
 * never.</li>
 * <li>Every request first takes a permit from the {@link RateLimiter}.</li>
 * <li>Redirects: same-origin ones are followed for GET; any other is refused, so the key never leaves the
 * configured host.</li>
 * <li>Plain http is refused before any request unless the host is this computer.</li>
 * <li>The key is never logged nor put in an exception; bodies are capped at 8 MB and list calls at 100,000
 * rows.</li>
 * </ul>
 */
public final class PostHogClient implements PostHogApi {

    private static final Logger LOGGER = LoggerFactory.getLogger(PostHogClient.class);

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(30);
    public static final long DEFAULT_MAX_BODY_BYTES = 8L * 1024 * 1024;
    static final int MAX_REDIRECTS = 5;
    static final int MAX_LIST_PAGES = 1000;
    /** The most rows one list call reads over all its pages (PostHog pages hold 100). */
    static final int MAX_LIST_ITEMS = 100_000;
    static final int PAGE_SIZE = 100;
    private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);
    static final Duration MAX_STATED_WAIT = Duration.ofDays(1);
    private static final Pattern AVAILABLE_IN = Pattern.compile("available in (\\d+) second");

    private final URI base;
    private final ApiKey key;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final Duration connectTimeout;
    private final Duration requestTimeout;
    private final Sleeper sleeper;
    private final Clock clock;
    private final RateLimiter rateLimiter;
    private final RetryPolicy retryPolicy;
    private final Random random;
    private final long maxBodyBytes;
    private final String userAgent;

    private final AtomicLong requestsSent = new AtomicLong();
    private final AtomicLong retries = new AtomicLong();
    private final AtomicLong throttled = new AtomicLong();

    private PostHogClient(Builder b) {
        this.base = b.base;
        this.key = Objects.requireNonNull(b.key, "key");
        this.mapper = b.mapper != null ? b.mapper : newObjectMapper();
        this.connectTimeout = b.connectTimeout;
        this.requestTimeout = b.requestTimeout;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.rateLimiter = b.rateLimiter != null ? b.rateLimiter : RateLimiter.postHogPersonalKey(b.nanoTime, b.sleeper);
        this.retryPolicy = b.retryPolicy;
        this.random = b.random;
        this.maxBodyBytes = b.maxBodyBytes;
        this.userAgent = b.userAgent;
        HttpClient.Builder hb = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version("http".equals(base.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2);
        if (b.sslContext != null) {
            hb.sslContext(b.sslContext);
        } else if ("http".equals(base.getScheme())) {
            hb.sslContext(noTlsContext());
        }
        this.http = hb.build();
    }

    /**
     * The TLS context of a plain-http client (only loopback hosts may use http): it trusts no certificate,
     * so it can never carry a TLS request, and it spares the start-up the loading of the default trust
     * store, which the JDK client would otherwise do on construction.
     */
    private static SSLContext noTlsContext() {
        try {
            SSLContext c = SSLContext.getInstance("TLS");
            c.init(new javax.net.ssl.KeyManager[0], new javax.net.ssl.TrustManager[0], null);
            return c;
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException("TLS is not available", e);
        }
    }

    /** A builder for {@code host} (e.g. {@code https://us.posthog.com}); checks the host at once. */
    public static Builder builder(String host, ApiKey key) {
        return new Builder(HostAddress.normalise(host), key);
    }

    /** The mapper Hoglink uses: unknown fields ignored, java.time support, ISO dates. */
    public static ObjectMapper newObjectMapper() {
        ObjectMapper m = new ObjectMapper();
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
        return http;
    }

    @Override
    public ClientStats stats() {
        return new ClientStats(requestsSent.get(), retries.get(), throttled.get(), rateLimiter.waits(),
                rateLimiter.waited());
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
        return getAll("/api/organizations/?limit=" + PAGE_SIZE, OrganizationDto.class, MAX_LIST_PAGES, false);
    }

    /** {@code GET /api/organizations/{orgId}/}; {@code @current} is accepted. */
    @Override
    public OrganizationDto organization(String orgId) {
        return get("/api/organizations/" + segment(orgId) + "/", OrganizationDto.class);
    }

    /** {@code GET /api/organizations/{orgId}/projects/}, every page. */
    @Override
    public List<ProjectDto> projects(String orgId) {
        return projects(orgId, page -> { });
    }

    /** {@code GET /api/organizations/{orgId}/projects/}, every page, each handed to {@code onPage} as it arrives. */
    @Override
    public List<ProjectDto> projects(String orgId, java.util.function.Consumer<List<ProjectDto>> onPage) {
        return getAll("/api/organizations/" + segment(orgId) + "/projects/?limit=" + PAGE_SIZE, ProjectDto.class,
                MAX_LIST_PAGES, false, onPage);
    }

    /** {@code GET /api/projects/{id}/integrations/?kind=github}, every page. */
    @Override
    public List<IntegrationDto> githubIntegrations(long projectId) {
        return getAll("/api/projects/" + projectId + "/integrations/?kind=github&limit=" + PAGE_SIZE,
                IntegrationDto.class, MAX_LIST_PAGES, false);
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
        String path = "/api/projects/" + projectId + "/integrations/" + integrationId + "/";
        Answer a = exchange("DELETE", resolve(path), null);
        if (a.status() != 204 && a.status() != 200) {
            throw unexpectedStatus("DELETE " + path, a.status());
        }
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
            path.append("&search=").append(query(search.strip()));
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
        return getAll("/api/projects/" + projectId + "/activity_log/?scope=Integration", ActivityLogEntryDto.class,
                maxPages, true);
    }

    /** {@code GET /api/personal_api_keys/@current/}: the key's own scopes (needs {@code personal_api_key:read}). */
    @Override
    public PersonalApiKeyDto currentKey() {
        return get("/api/personal_api_keys/@current/", PersonalApiKeyDto.class);
    }

    // ---------------------------------------------------------------- typed helpers

    private <T> T get(String path, Class<T> type) {
        URI uri = resolve(path);
        Answer a = exchange("GET", uri, null);
        return decode(a, mapper.constructType(type));
    }

    private <T> T post(String path, Object body, Class<T> type) {
        byte[] json;
        try {
            json = mapper.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode " + body.getClass().getSimpleName(), e);
        }
        Answer a = exchange("POST", resolve(path), json);
        return decode(a, mapper.constructType(type));
    }

    private <T> List<T> getAll(String firstPath, Class<T> type, int maxPages, boolean cursor) {
        return getAll(firstPath, type, maxPages, cursor, page -> { });
    }

    private <T> List<T> getAll(String firstPath, Class<T> type, int maxPages, boolean cursor,
                               java.util.function.Consumer<List<T>> onPage) {
        URI uri = resolve(firstPath);
        List<T> all = new ArrayList<>();
        Set<URI> seen = new HashSet<>();
        seen.add(uri);
        for (int page = 0; page < maxPages; page++) {
            Answer a = exchange("GET", uri, null);
            JsonNode node = decode(a, mapper.constructType(JsonNode.class));
            if (node.isArray()) {
                addAll(all, node, type, a);
                onPage.accept(List.copyOf(all));
                return all;
            }
            JsonNode results = node.get("results");
            if (!node.isObject() || results == null || !results.isArray()) {
                throw notPostHog(a, "a list with 'results'", null);
            }
            int before = all.size();
            addAll(all, results, type, a);
            onPage.accept(List.copyOf(all.subList(before, all.size())));
            JsonNode next = node.get("next");
            URI nextUri = null;
            if (next != null && next.isTextual() && !next.asText().isBlank()) {
                nextUri = pageUri(next.asText(), a);
            } else if (!cursor && next == null && node.path("count").canConvertToLong()
                    && all.size() < node.path("count").asLong() && !results.isEmpty()) {
                // No 'next' field at all, but 'count' says there is more: continue by offset.
                nextUri = withOffset(uri, all.size());
            }
            if (nextUri == null) {
                return all;
            }
            if (!seen.add(nextUri)) {
                LOGGER.warn("{} repeated page {}; stopping", a.request(), nextUri.getRawPath());
                return all;
            }
            uri = nextUri;
        }
        if (!cursor) {
            throw new InvalidResponseException(describe("GET", uri) + " more than " + maxPages + " pages",
                    "The list is longer than Hoglink can read (" + maxPages + " pages). Narrow the request "
                            + "or report this.", 200, null);
        }
        return all;
    }

    private <T> void addAll(List<T> into, JsonNode array, Class<T> type, Answer a) {
        for (JsonNode item : array) {
            if (item == null || item.isNull()) {
                continue;
            }
            if (into.size() >= MAX_LIST_ITEMS) {
                throw new InvalidResponseException(a.request() + " -> more than " + MAX_LIST_ITEMS + " rows",
                        "The list is longer than Hoglink can read (" + MAX_LIST_ITEMS + " rows). Check the host "
                                + "address, or report this.", a.status(), null);
            }
            try {
                into.add(mapper.treeToValue(item, type));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw notPostHog(a, type.getSimpleName(), e);
            }
        }
    }

    /** A next-page link rebuilt on the configured origin, so the key is never sent elsewhere. */
    private URI pageUri(String next, Answer a) {
        URI u;
        try {
            u = a.uri().resolve(next.strip());
        } catch (IllegalArgumentException e) {
            throw notPostHog(a, "a valid 'next' link", null);
        }
        if (!HostAddress.sameOrigin(u, base)) {
            LOGGER.debug("{}: next link on {}, following it on the configured host", a.request(), u.getHost());
        }
        String q = u.getRawQuery();
        return URI.create(origin() + (u.getRawPath() == null ? "" : u.getRawPath()) + (q == null ? "" : "?" + q));
    }

    private static URI withOffset(URI uri, int offset) {
        String q = uri.getRawQuery() == null ? "" : uri.getRawQuery();
        StringBuilder nq = new StringBuilder();
        for (String part : q.split("&")) {
            if (!part.isEmpty() && !part.startsWith("offset=")) {
                nq.append(nq.length() == 0 ? "" : "&").append(part);
            }
        }
        nq.append(nq.length() == 0 ? "" : "&").append("offset=").append(offset);
        String s = uri.toString();
        int qi = s.indexOf('?');
        return URI.create((qi < 0 ? s : s.substring(0, qi)) + "?" + nq);
    }

    private <T> T decode(Answer a, JavaType type) {
        if (a.status() != 200) {
            throw unexpectedStatus(a.request(), a.status());
        }
        if (a.body().length == 0) {
            throw notPostHog(a, "JSON", null);
        }
        try {
            T value = mapper.readValue(a.body(), type);
            if (value == null) {
                throw notPostHog(a, "JSON", null);
            }
            return value;
        } catch (IOException | IllegalArgumentException e) {
            throw notPostHog(a, type.getRawClass().getSimpleName(), e);
        }
    }

    private InvalidResponseException notPostHog(Answer a, String expected, Exception cause) {
        LOGGER.debug("{}: answer is not {}", a.request(), expected);
        return new InvalidResponseException(a.request() + " -> " + a.status() + ": body is not " + expected
                + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ")"),
                InvalidResponseException.NOT_POSTHOG, a.status(), cause);
    }

    private static InvalidResponseException unexpectedStatus(String request, int status) {
        return new InvalidResponseException(request + " -> unexpected status " + status,
                "The server gave an unexpected answer (" + status + "). Check the host address: it may not be "
                        + "PostHog.", status, null);
    }

    // ---------------------------------------------------------------- transport

    /** One HTTP answer, after redirects and retries; {@code body} is complete and under the cap. */
    record Answer(String request, URI uri, int status, HttpHeaders headers, byte[] body) {
    }

    /** Sends with rate limit, retries (GET only) and same-origin redirects (GET only); maps every failure. */
    Answer exchange(String method, URI uri, byte[] body) {
        boolean retryable = method.equals("GET");
        int retry = 0;
        int redirects = 0;
        URI current = uri;
        while (true) {
            String request = describe(method, current);
            acquirePermit(request);
            Answer answer;
            try {
                answer = sendOnce(method, current, body);
            } catch (NetworkException e) {
                if (retryable && e.kind() == NetworkException.Kind.RESET && retry + 1 < retryPolicy.maxAttempts()) {
                    Duration d = retryPolicy.delay(retry, null, random);
                    LOGGER.info("{} failed ({}); retry {} in {} ms", request, e.kind(), retry + 1, d.toMillis());
                    pause(d, request);
                    retry++;
                    retries.incrementAndGet();
                    continue;
                }
                LOGGER.debug("{} failed: {}", request, e.getMessage());
                throw e;
            }
            int status = answer.status();
            if (status == 429) {
                throttled.incrementAndGet();
            }
            if (isRedirect(status)) {
                URI target = redirectTarget(answer);
                if (retryable && target != null && HostAddress.sameOrigin(target, base) && redirects < MAX_REDIRECTS) {
                    LOGGER.debug("{} redirected to {}", request, target.getRawPath());
                    redirects++;
                    current = target;
                    continue;
                }
                throw redirectRefused(answer, target);
            }
            if (retryable && RETRYABLE.contains(status) && retry + 1 < retryPolicy.maxAttempts()) {
                Duration retryAfter = retryAfter(answer);
                if (retryAfter == null || retryAfter.compareTo(retryPolicy.maxRetryAfter()) <= 0) {
                    Duration d = retryPolicy.delay(retry, retryAfter, random);
                    LOGGER.info("{} -> {}; retry {} in {} ms", request, status, retry + 1, d.toMillis());
                    pause(d, request);
                    retry++;
                    retries.incrementAndGet();
                    continue;
                }
                LOGGER.info("{} -> {}; Retry-After {} s is too long to wait", request, status, retryAfter.toSeconds());
            }
            if (status >= 200 && status < 300) {
                return answer;
            }
            ApiException e = toException(answer);
            LOGGER.debug("{}", e.getMessage());
            throw e;
        }
    }

    private Answer sendOnce(String method, URI uri, byte[] body) {
        String request = describe(method, uri);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + key.reveal())
                .header("Accept", "application/json")
                .header("User-Agent", userAgent);
        if (body != null) {
            rb.header("Content-Type", "application/json");
            rb.method(method, HttpRequest.BodyPublishers.ofByteArray(body));
        } else {
            rb.method(method, HttpRequest.BodyPublishers.noBody());
        }
        HttpRequest req = rb.build();
        long started = System.nanoTime();
        requestsSent.incrementAndGet();
        CompletableFuture<HttpResponse<byte[]>> future =
                http.sendAsync(req, info -> new CappedBodySubscriber(maxBodyBytes));
        try {
            // The JDK's request timeout ends at the headers; this deadline also covers a stalled body.
            HttpResponse<byte[]> r = future.get(requestTimeout.toMillis() + 250, TimeUnit.MILLISECONDS);
            LOGGER.debug("{} -> {} in {} ms", request, r.statusCode(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
            return new Answer(request, uri, r.statusCode(), r.headers(), r.body() == null ? new byte[0] : r.body());
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new NetworkException(request, NetworkException.Kind.RESPONSE_TIMEOUT, true, host(), e);
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new NetworkException(request, NetworkException.Kind.CANCELLED, true, host(), e);
        } catch (CancellationException e) {
            throw new NetworkException(request, NetworkException.Kind.CANCELLED, true, host(), e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (find(cause, CappedBodySubscriber.TooLarge.class) != null) {
                throw new InvalidResponseException(request + ": body over " + maxBodyBytes + " bytes",
                        "The server's answer was larger than " + (maxBodyBytes / (1024 * 1024)) + " MB, more than "
                                + "PostHog sends. Check the host address.", 0, null);
            }
            throw classify(request, host(), cause);
        }
    }

    /** Maps a transport failure to a {@link NetworkException} kind. */
    static NetworkException classify(String request, String host, Throwable t) {
        if (find(t, HttpConnectTimeoutException.class) != null) {
            return new NetworkException(request, NetworkException.Kind.CONNECT_TIMEOUT, false, host, t);
        }
        if (find(t, HttpTimeoutException.class) != null) {
            return new NetworkException(request, NetworkException.Kind.RESPONSE_TIMEOUT, true, host, t);
        }
        if (find(t, SSLException.class) != null) {
            return new NetworkException(request, NetworkException.Kind.TLS, false, host, t);
        }
        if (find(t, UnresolvedAddressException.class) != null || find(t, UnknownHostException.class) != null) {
            return new NetworkException(request, NetworkException.Kind.UNKNOWN_HOST, false, host, t);
        }
        if (find(t, ConnectException.class) != null) {
            return new NetworkException(request, NetworkException.Kind.REFUSED, false, host, t);
        }
        if (find(t, IOException.class) != null) {
            return new NetworkException(request, NetworkException.Kind.RESET, true, host, t);
        }
        return new NetworkException(request, NetworkException.Kind.OTHER, true, host, t);
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    private void acquirePermit(String request) {
        try {
            Duration waited = rateLimiter.acquire();
            if (!waited.isZero()) {
                LOGGER.debug("{} held {} ms by the rate limiter", request, waited.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException(request, NetworkException.Kind.CANCELLED, false, host(), e);
        }
    }

    private void pause(Duration d, String request) {
        try {
            sleeper.sleep(d);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException(request, NetworkException.Kind.CANCELLED, true, host(), e);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static URI redirectTarget(Answer a) {
        Optional<String> loc = a.headers().firstValue("Location");
        if (loc.isEmpty() || loc.get().isBlank()) {
            return null;
        }
        try {
            return a.uri().resolve(new URI(loc.get().strip()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }

    private InvalidResponseException redirectRefused(Answer a, URI target) {
        String where = target == null || target.getHost() == null ? "an unknown address"
                : target.getScheme() + "://" + target.getHost() + (target.getPort() >= 0 ? ":" + target.getPort() : "");
        String user = target != null && target.getHost() != null && !HostAddress.sameOrigin(target, base)
                ? "The server sent Hoglink on to " + where + ". Hoglink does not follow it, so your key stays "
                        + "with " + host() + ". If you trust that address, use it as the host."
                : "The server answered with a redirect Hoglink does not follow (" + a.status() + "). Check the host "
                        + "address.";
        return new InvalidResponseException(a.request() + " -> " + a.status() + " redirect to " + where + " refused",
                user, a.status(), null);
    }

    /** Retry-After as delta-seconds or HTTP-date; for PostHog's 429 also "available in N seconds". */
    Duration retryAfter(Answer a) {
        Optional<String> h = a.headers().firstValue("Retry-After");
        if (h.isPresent()) {
            String v = h.get().strip();
            if (v.matches("\\d{1,10}")) {
                return Duration.ofSeconds(Long.parseLong(v));
            }
            try {
                Instant at = ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                Duration d = Duration.between(clock.instant(), at);
                return d.isNegative() ? Duration.ZERO : d;
            } catch (DateTimeParseException e) {
                LOGGER.debug("{}: unreadable Retry-After", a.request());
            }
        }
        if (a.status() == 429) {
            ErrorBody e = ErrorBody.parse(mapper, a.body());
            if (e != null && e.detail() != null) {
                Matcher m = AVAILABLE_IN.matcher(e.detail());
                if (m.find()) {
                    return waitOf(m.group(1));
                }
            }
        }
        return null;
    }

    /** A wait in whole seconds from PostHog's text; more than a day (or too many digits for a long) is a day. */
    static Duration waitOf(String digits) {
        if (digits.length() > 9) {
            return MAX_STATED_WAIT;
        }
        Duration d = Duration.ofSeconds(Long.parseLong(digits));
        return d.compareTo(MAX_STATED_WAIT) > 0 ? MAX_STATED_WAIT : d;
    }

    /** Maps a non-2xx answer to its exception (after retries are spent). */
    ApiException toException(Answer a) {
        int s = a.status();
        ErrorBody e = ErrorBody.parse(mapper, a.body());
        String code = e == null ? null : e.code();
        String detail = e == null ? null : e.detail();
        String attr = e == null ? null : e.attr();
        String req = a.request();
        if (s == 429) {
            return new ThrottledException(req, code, detail, attr, retryAfter(a));
        }
        if (s >= 500) {
            return new ServerException(req, s, code, detail, attr);
        }
        if (s == 401 && (e != null || a.headers().firstValue("WWW-Authenticate").isPresent())) {
            return new AuthenticationException(req, code, detail, attr);
        }
        if (e == null) {
            return new InvalidResponseException(req + " -> " + s + " without a PostHog error body",
                    InvalidResponseException.NOT_POSTHOG, s, null);
        }
        if (s == 403) {
            return PermissionException.of(req, code, detail, attr);
        }
        if (s == 402) {
            return new PaymentRequiredException(req, code, detail, attr);
        }
        if (s == 404 || s == 405 || s == 410) {
            return new NotFoundException(req, s, code, detail, attr);
        }
        if (s >= 400) {
            return new ValidationException(req, s, code, detail, attr);
        }
        return unexpectedStatus(req, s);
    }

    /** PostHog's error envelope {@code {type, code, detail, attr}}; null when the body is not such JSON. */
    record ErrorBody(String type, String code, String detail, String attr) {
        static ErrorBody parse(ObjectMapper mapper, byte[] body) {
            if (body == null || body.length == 0) {
                return null;
            }
            try {
                JsonNode n = mapper.readTree(body);
                if (n == null || !n.isObject() || !(n.has("detail") || n.has("code"))) {
                    return null;
                }
                return new ErrorBody(text(n.get("type")), text(n.get("code")), text(n.get("detail")),
                        text(n.get("attr")));
            } catch (IOException | RuntimeException ex) {
                return null;
            }
        }

        private static String text(JsonNode n) {
            if (n == null || n.isNull()) {
                return null;
            }
            String s = n.isValueNode() ? n.asText() : n.toString();
            if (s.length() > TEXT_WINDOW) {
                // Only the start is kept: drop the word the cut ends in (it may be part of a key) and redact
                // what is left before the final cut, so that no part of a secret survives either cut.
                int end = TEXT_WINDOW;
                while (end > 0 && isWordChar(s.charAt(end - 1))) {
                    end--;
                }
                s = s.substring(0, end) + "\u2026";
            }
            return ApiException.plain(Redactor.redact(s), ApiException.MAX_SERVER_TEXT);
        }

        private static final int TEXT_WINDOW = 4 * ApiException.MAX_SERVER_TEXT;

        private static boolean isWordChar(char c) {
            return Character.isLetterOrDigit(c) || c == '_' || c == '-' || c == '.' || c == '=';
        }
    }

    private static String describe(String method, URI uri) {
        return method + " " + Redactor.redact(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    private String host() {
        return base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "");
    }

    private String origin() {
        return base.getScheme() + "://" + base.getRawAuthority();
    }

    private URI resolve(String pathAndQuery) {
        return URI.create(base.toString() + pathAndQuery);
    }

    private static String segment(String s) {
        if (s == null || s.isBlank()) {
            throw new IllegalArgumentException("an organization id is required");
        }
        return URLEncoder.encode(s.strip(), StandardCharsets.UTF_8).replace("+", "%20").replace("%40", "@");
    }

    private static String query(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---------------------------------------------------------------- builder

    /** Configures a client; every setting has a safe default except host and key. */
    public static final class Builder {
        private final URI base;
        private final ApiKey key;
        private ObjectMapper mapper;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private Duration requestTimeout = DEFAULT_REQUEST_TIMEOUT;
        private Sleeper sleeper = Sleeper.system();
        private Clock clock = Clock.systemUTC();
        private LongSupplier nanoTime = System::nanoTime;
        private RateLimiter rateLimiter;
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private Random random = new Random();
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private String userAgent = "Hoglink/0.1";
        private SSLContext sslContext;

        private Builder(URI base, ApiKey key) {
            this.base = base;
            this.key = Objects.requireNonNull(key, "key");
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
