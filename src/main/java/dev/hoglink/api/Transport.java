package dev.hoglink.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.util.Redactor;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How {@link PostHogClient} sends one request: a permit from the {@link RateLimiter}, the key in the
 * Authorization header, retries for GETs per the {@link RetryPolicy} (429/502/503/504, broken connections),
 * same-origin redirects for GETs only, the body cap and the whole-answer deadline; every failure mapped to an
 * {@link ApiException}.
 */
final class Transport {

    private static final Logger LOGGER = LoggerFactory.getLogger(PostHogClient.class);

    static final String JDK_RETRY_LIMIT = "jdk.httpclient.redirects.retrylimit";
    static final String JDK_NO_CONNECT_RETRY = "jdk.httpclient.disableRetryConnect";
    static final int MAX_REDIRECTS = 5;
    private static final Set<Integer> RETRYABLE = Set.of(429, 502, 503, 504);
    static final Duration MAX_STATED_WAIT = RetryAfter.MAX_STATED_WAIT;
    /** The longest a call waits for a permit; a permit further off fails the call at once, saying when. */
    static final Duration MAX_PERMIT_WAIT = RetryPolicy.DEFAULT.maxRetryAfter();

    static {
        // One retry budget, in one place: the JDK client resends a GET by itself once when a connection dies
        // before the answer, and retries a refused connect, so one of our tries could be two sends on the wire.
        // These settings turn that off (read once, when the JDK client first sends); an explicit setting is kept.
        if (System.getProperty(JDK_RETRY_LIMIT) == null) {
            System.setProperty(JDK_RETRY_LIMIT, "1");
        }
        if (System.getProperty(JDK_NO_CONNECT_RETRY) == null) {
            System.setProperty(JDK_NO_CONNECT_RETRY, "true");
        }
    }

    private final URI base;
    private final ApiKey key;
    /** Null for a personal API key; an OAuth session's tokens otherwise. */
    private final BearerSource bearer;
    private final ObjectMapper mapper;
    private final HttpClient http;
    private final Duration requestTimeout;
    private final Duration operationDeadline;
    private final java.util.function.LongSupplier nanoTime;
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

    Transport(PostHogClient.Builder b, ObjectMapper mapper, RateLimiter rateLimiter) {
        this.base = b.base;
        this.key = b.key;
        this.bearer = b.bearer;
        this.mapper = mapper;
        this.requestTimeout = b.requestTimeout;
        this.operationDeadline = b.operationDeadline;
        this.nanoTime = b.nanoTime;
        this.sleeper = b.sleeper;
        this.clock = b.clock;
        this.rateLimiter = rateLimiter;
        this.retryPolicy = b.retryPolicy;
        this.random = b.random;
        this.maxBodyBytes = b.maxBodyBytes;
        this.userAgent = b.userAgent;
        HttpClient.Builder hb = HttpClient.newBuilder()
                .connectTimeout(b.connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .version("http".equals(base.getScheme()) ? HttpClient.Version.HTTP_1_1 : HttpClient.Version.HTTP_2);
        if (b.sslContext != null) {
            hb.sslContext(b.sslContext);
        } else if ("http".equals(base.getScheme())) {
            // Nothing of the JDK's TLS provider is set up for a plain-http client (see NoTls).
            hb.sslContext(NoTls.context()).sslParameters(NoTls.parameters());
        }
        this.http = hb.build();
    }

    HttpClient httpClient() {
        return http;
    }

    ClientStats stats() {
        return new ClientStats(requestsSent.get(), retries.get(), throttled.get(), rateLimiter.waits(),
                rateLimiter.waited());
    }

    /** One HTTP answer, after redirects and retries; {@code body} is complete and under the cap. */
    record Answer(String request, URI uri, int status, HttpHeaders headers, byte[] body) {
    }

    /** Sends with rate limit, retries (GET only) and same-origin redirects (GET only); maps every failure. */
    Answer exchange(String method, URI uri, byte[] body) {
        return exchange(method, uri, body, true);
    }

    /**
     * As {@link #exchange(String, URI, byte[])}; {@code waits} false sends a GET once, only if the rate limiter has a
     * permit now, and never retries it (a throttled or failed answer is raised at once, a 429 still holding the later
     * requests): for a read whose answer is a nicety that must not hold up what was already done.
     */
    Answer exchange(String method, URI uri, byte[] body, boolean waits) {
        boolean get = method.equals("GET");
        boolean retryable = get && waits;
        int retry = 0;
        int redirects = 0;
        URI current = uri;
        long started = -1;
        boolean renewed = false;
        while (true) {
            String request = describe(method, current);
            acquirePermit(request, waits ? MAX_PERMIT_WAIT : Duration.ZERO);
            if (started < 0) {
                started = nanoTime.getAsLong();
            }
            Duration left = operationDeadline.minusNanos(nanoTime.getAsLong() - started);
            if (left.isNegative() || left.isZero()) {
                throw new NetworkException(request, NetworkException.Kind.RESPONSE_TIMEOUT, true, host(), null);
            }
            Answer answer;
            ApiKey token = bearer == null ? key : bearer.current();
            try {
                answer = sendOnce(method, current, body, left.compareTo(requestTimeout) < 0 ? left : requestTimeout,
                        token);
            } catch (NetworkException e) {
                boolean broken = e.kind() == NetworkException.Kind.RESET || e.kind() == NetworkException.Kind.PROTOCOL;
                Duration d = retryPolicy.delay(retry, null, random);
                if (retryable && broken && retry + 1 < retryPolicy.maxAttempts() && fits(started, d)) {
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
            if (status == 401 && bearer != null && !renewed) {
                // An OAuth access token PostHog no longer takes (expired early, revoked): refresh once and send again.
                // A 401 means the request was not carried out, so this is safe for a POST too.
                renewed = true;
                if (bearer.renewAfterUnauthorized(token)) {
                    LOGGER.info("{} -> 401; access token renewed, sending once more", request);
                    continue;
                }
            }
            if (status == 429) {
                throttled.incrementAndGet();
                if (!fromGitHub(answer) && !repositoryRefresh(method, current)) {
                    // PostHog's throttle: every later request keeps to its windows and waits out its Retry-After.
                    rateLimiter.throttled(retryAfter(answer));
                }
            }
            if (isRedirect(status)) {
                URI target = redirectTarget(answer);
                if (get && target != null && HostAddress.sameOrigin(target, base) && redirects < MAX_REDIRECTS) {
                    LOGGER.debug("{} redirected to {}", request, Redactor.redact(target.getRawPath()));
                    redirects++;
                    current = target;
                    continue;
                }
                throw redirectRefused(answer, target);
            }
            if (retryable && RETRYABLE.contains(status) && retry + 1 < retryPolicy.maxAttempts()) {
                Duration retryAfter = retryAfter(answer);
                Duration d = retryPolicy.delay(retry, retryAfter, random);
                // A wait the server asked for (Retry-After) is bounded by the policy, not by the deadline, which is
                // about how long the server itself takes: it moves the deadline on by that wait.
                boolean asked = retryAfter != null && retryAfter.compareTo(d) >= 0;
                if ((retryAfter == null || retryAfter.compareTo(retryPolicy.maxRetryAfter()) <= 0)
                        && fits(asked ? started + d.toNanos() : started, d)) {
                    if (asked) {
                        started += d.toNanos();
                    }
                    LOGGER.info("{} -> {}; retry {} in {} ms", request, status, retry + 1, d.toMillis());
                    pause(d, request);
                    retry++;
                    retries.incrementAndGet();
                    continue;
                }
                LOGGER.info("{} -> {}; a wait of {} ms is too long (Retry-After or the operation's deadline)", request,
                        status, d.toMillis());
            }
            if (status >= 200 && status < 300) {
                return answer;
            }
            ApiException e = toException(answer);
            LOGGER.debug("{}", e.getMessage());
            throw e;
        }
    }

    /**
     * True when a wait of {@code d} still leaves time for another try before the operation's deadline: a stalled
     * or failing server makes one operation fail within the deadline, whatever the retry policy allows.
     */
    private boolean fits(long started, Duration d) {
        Duration left = operationDeadline.minusNanos(nanoTime.getAsLong() - started).minus(d);
        return left.compareTo(MIN_TRY) >= 0;
    }

    /** The least time worth a try: a retry that would have less is not made. */
    static final Duration MIN_TRY = Duration.ofMillis(500);

    private Answer sendOnce(String method, URI uri, byte[] body, Duration timeout, ApiKey token) {
        String request = describe(method, uri);
        HttpRequest.Builder rb = HttpRequest.newBuilder(uri)
                .timeout(timeout)
                .header("Authorization", "Bearer " + token.reveal())
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
            HttpResponse<byte[]> r = future.get(timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
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
                        NetworkFailure.TOO_LARGE, base, NetworkFailure.size(maxBodyBytes), 0, null);
            }
            throw classify(request, host(), cause);
        }
    }

    /** Maps a transport failure to a {@link NetworkException} kind. */
    static NetworkException classify(String request, String host, Throwable t) {
        NetworkException.Kind kind = kindOf(t);
        boolean reached = switch (kind) {
            case CONNECT_TIMEOUT, TLS, UNKNOWN_HOST, REFUSED -> false;
            default -> true;
        };
        return new NetworkException(request, kind, reached, host, t);
    }

    /** What went wrong on the wire, read from a transport failure and its causes. */
    static NetworkException.Kind kindOf(Throwable t) {
        if (find(t, HttpConnectTimeoutException.class) != null) {
            return NetworkException.Kind.CONNECT_TIMEOUT;
        }
        if (find(t, HttpTimeoutException.class) != null) {
            return NetworkException.Kind.RESPONSE_TIMEOUT;
        }
        if (find(t, SSLException.class) != null) {
            return NetworkException.Kind.TLS;
        }
        if (find(t, UnresolvedAddressException.class) != null || find(t, UnknownHostException.class) != null) {
            return NetworkException.Kind.UNKNOWN_HOST;
        }
        if (find(t, ConnectException.class) != null) {
            return NetworkException.Kind.REFUSED;
        }
        if (find(t, java.net.ProtocolException.class) != null) {
            return NetworkException.Kind.PROTOCOL;
        }
        if (find(t, IOException.class) != null) {
            return NetworkException.Kind.RESET;
        }
        return NetworkException.Kind.OTHER;
    }

    private static <T extends Throwable> T find(Throwable t, Class<T> type) {
        for (int i = 0; t != null && i < 20; i++, t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }

    /**
     * Takes a permit; when the next one is further off than a call may wait (60 s: the hour's budget
     * is spent, or PostHog asked for a long wait), fails at once with a {@link ThrottledException} that says when
     * requests may go again, instead of stalling the caller.
     */
    private void acquirePermit(String request, Duration maxWait) {
        try {
            Optional<Duration> waited = rateLimiter.acquire(maxWait);
            if (waited.isEmpty()) {
                Duration in = rateLimiter.nextPermitIn();
                LOGGER.info("{} not sent: the next request PostHog allows is {} s away", request, in.toSeconds());
                throw ThrottledException.budgetSpent(request, in);
            }
            if (!waited.get().isZero()) {
                LOGGER.debug("{} held {} ms by the rate limiter", request, waited.get().toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new NetworkException(request, NetworkException.Kind.CANCELLED, false, host(), e);
        }
    }

    /**
     * A repositories refresh: its 429 is most likely the action's own GitHubRepositoryRefreshThrottle (10 a minute per
     * project, posthog/rate_limit.py; api-notes N15), which holds only that project's refreshes, so it does not hold
     * every other request of the client as the per-key throttles' 429 does. Were it the per-key throttle, the next
     * other request meets it too and holds them then.
     */
    private static boolean repositoryRefresh(String method, URI uri) {
        String path = uri.getRawPath();
        return method.equals("POST") && path != null && path.endsWith("/github_repos/refresh/");
    }

    /** A 429 for GitHub's limits (PostHog passes those on as {@code rate_limited}), not PostHog's throttle. */
    private boolean fromGitHub(Answer a) {
        ErrorBody e = ErrorBody.parse(mapper, a.body());
        return e != null && ("rate_limited".equals(e.code()) || e.detail() != null && e.detail().contains("GitHub"));
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
        boolean elsewhere = target != null && target.getHost() != null && !HostAddress.sameOrigin(target, base);
        return new InvalidResponseException(a.request() + " -> " + a.status() + " redirect to " + where + " refused",
                elsewhere ? NetworkFailure.REDIRECT_ELSEWHERE : NetworkFailure.REDIRECT, base,
                elsewhere ? where : String.valueOf(a.status()), a.status(), null);
    }

    /** Retry-After as delta-seconds or HTTP-date; for PostHog's 429 also "available in N seconds". */
    Duration retryAfter(Answer a) {
        return RetryAfter.of(a, mapper, clock);
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
                    NetworkFailure.NOT_POSTHOG, base, null, s, null);
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
        return unexpectedStatus(req, s, base);
    }

    static InvalidResponseException unexpectedStatus(String request, int status, URI base) {
        return new InvalidResponseException(request + " -> unexpected status " + status,
                NetworkFailure.UNEXPECTED_STATUS, base, String.valueOf(status), status, null);
    }

    static String describe(String method, URI uri) {
        return method + " " + Redactor.redact(uri.getRawPath() + (uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery()));
    }

    String host() {
        return base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "");
    }
}
