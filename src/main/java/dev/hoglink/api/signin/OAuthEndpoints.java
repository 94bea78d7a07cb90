package dev.hoglink.api.signin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.CappedBodySubscriber;
import dev.hoglink.api.HostAddress;
import dev.hoglink.api.NetworkFailure;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.util.Redactor;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostHog's OAuth 2.0 authorization server, as a client: metadata discovery, dynamic client registration, the
 * code exchange, refresh and revocation (posthog/api/oauth/metadata.py, dcr.py, views.py). Synchronous; call it
 * off the UI thread. Every failure is an {@link OAuthException} whose message names the step and never a token.
 * Tokens go only to the token and revocation endpoints, which must be on the host being signed in to.
 */
public final class OAuthEndpoints {

    private static final Logger LOGGER = LoggerFactory.getLogger(OAuthEndpoints.class);
    static final List<String> METADATA_PATHS =
            List.of("/.well-known/oauth-authorization-server", "/.well-known/openid-configuration");
    static final Duration TIMEOUT = Duration.ofSeconds(20);
    /** The largest answer read: metadata, registrations and tokens are a few kilobytes. */
    static final long MAX_BODY_BYTES = 1024 * 1024;

    private final URI base;
    private final HttpClient http;
    private final ObjectMapper mapper = PostHogClient.newObjectMapper();
    private final Clock clock;
    private final Duration timeout;

    /** For the PostHog at {@code host} (checked as the API client checks it: plain http only on this computer). */
    public OAuthEndpoints(String host, Clock clock) {
        this(host, clock, TIMEOUT);
    }

    /** As above, each request ending within {@code timeout} (20 s by default). */
    public OAuthEndpoints(String host, Clock clock, Duration timeout) {
        this.base = HostAddress.normalise(host);
        this.clock = clock;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    public URI base() {
        return base;
    }

    /**
     * The server's metadata: {@code /.well-known/oauth-authorization-server}, else {@code openid-configuration}.
     * A 404 on both (or a page that is not a metadata document) is {@link OAuthException.Kind#NO_METADATA}.
     */
    public AuthServerMetadata discover() {
        for (String path : METADATA_PATHS) {
            HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve(path)).GET(), "read the sign-in settings");
            if (r.statusCode() == 200) {
                try {
                    AuthServerMetadata m = mapper.readValue(r.body(), AuthServerMetadata.class);
                    if (m.authorizationEndpoint() != null && m.tokenEndpoint() != null) {
                        checkEndpoints(m);
                        return m;
                    }
                } catch (IOException e) {
                    LOGGER.info("{}{} is not a metadata document", base, path);
                }
            } else if (r.statusCode() >= 500) {
                throw new OAuthException(OAuthException.Kind.NETWORK, base.getHost() + " answered " + r.statusCode()
                        + " when asked for its sign-in settings. Try again in a moment.");
            }
        }
        throw new OAuthException(OAuthException.Kind.NO_METADATA, base.getHost()
                + " does not offer \"Sign in with PostHog\" (it serves no OAuth authorization-server metadata, "
                + "as PostHog versions before its OAuth server do).");
    }

    /**
     * Tokens may only travel to this host (or, for a server on this computer, another loopback address), and the
     * sign-in page the browser opens is on it too: a server's metadata cannot send the user to another host, a
     * look-alike, another port or an address with user-info ({@code https://us.posthog.com@evil.example}).
     */
    private void checkEndpoints(AuthServerMetadata m) {
        for (URI u : new URI[] {m.tokenEndpoint(), m.revocationEndpoint(), m.registrationEndpoint()}) {
            if (u != null && !sameServer(u)) {
                throw new OAuthException(OAuthException.Kind.NETWORK, base.getHost()
                        + " names a token or registration address on another host (" + u.getHost()
                        + "); Hoglink sends tokens only to the host you sign in to.");
            }
        }
        URI a = m.authorizationEndpoint();
        if (!"https".equals(a.getScheme()) && !("http".equals(a.getScheme()) && HostAddress.isLoopback(a.getHost()))) {
            throw new OAuthException(OAuthException.Kind.NETWORK,
                    "The sign-in page is not on https; Hoglink opens only https sign-in pages.");
        }
        if (!sameServer(a)) {
            throw new OAuthException(OAuthException.Kind.NETWORK, base.getHost()
                    + " names a sign-in page on another address; Hoglink opens only the sign-in page of the host you "
                    + "sign in to.");
        }
    }

    private boolean sameServer(URI u) {
        if (u.getScheme() == null || u.getHost() == null || u.getRawUserInfo() != null) {
            return false;
        }
        boolean sameOrigin = u.getScheme().equalsIgnoreCase(base.getScheme()) && u.getHost().equalsIgnoreCase(base.getHost())
                && port(u) == port(base);
        boolean bothLoopback = HostAddress.isLoopback(u.getHost()) && HostAddress.isLoopback(base.getHost())
                && port(u) == port(base);
        return sameOrigin || bothLoopback;
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
    }

    /**
     * Registers Hoglink as a public client (RFC 7591; posthog/api/oauth/dcr.py): {@code token_endpoint_auth_method
     * none}, authorization_code and refresh_token grants, the given redirect URI and scopes. Returns the client id.
     */
    public String register(AuthServerMetadata m, String clientName, String redirectUri, List<String> scopes) {
        if (!m.offersRegistration()) {
            throw noRegistration();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("client_name", clientName);
        body.put("redirect_uris", List.of(redirectUri));
        body.put("grant_types", List.of("authorization_code", "refresh_token"));
        body.put("response_types", List.of("code"));
        body.put("token_endpoint_auth_method", "none");
        body.put("scope", String.join(" ", scopes));
        HttpResponse<String> r;
        try {
            r = send(HttpRequest.newBuilder(m.registrationEndpoint()).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(mapper.writeValueAsBytes(body))), "register Hoglink");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (r.statusCode() == 404 || r.statusCode() == 405) {
            throw noRegistration();
        }
        JsonNode json = json(r);
        if (r.statusCode() == 201 || r.statusCode() == 200) {
            String id = json.path("client_id").asText("");
            if (!id.isEmpty()) {
                return id;
            }
        }
        if (r.statusCode() == 429) {
            throw new OAuthException(OAuthException.Kind.NETWORK, base.getHost()
                    + " is limiting registrations from this address (60 a minute, 1,000 an hour). Try again "
                    + dev.hoglink.util.Waits.when(statedWait(r, json)) + ".");
        }
        throw new OAuthException(OAuthException.Kind.REGISTRATION_REFUSED, base.getHost()
                + " refused to register Hoglink: " + describe(json, r.statusCode()), json.path("error").asText(null));
    }

    private static final java.util.regex.Pattern AVAILABLE_IN =
            java.util.regex.Pattern.compile("available in (\\d{1,9}) second");

    /**
     * The wait a 429 states: its Retry-After in seconds when something in front of PostHog adds one, else the
     * detail's "Expected available in N seconds", the only place PostHog's own throttles say it (docs/api-notes.md
     * N3, NN4; the registration throttle's window may be the hour's); null when neither says.
     */
    private static Duration statedWait(HttpResponse<String> r, JsonNode json) {
        String header = r.headers().firstValue("Retry-After").map(String::strip).orElse("");
        if (header.matches("\\d{1,9}")) {
            return Duration.ofSeconds(Long.parseLong(header));
        }
        java.util.regex.Matcher m = AVAILABLE_IN.matcher(json.path("detail").asText(""));
        return m.find() ? Duration.ofSeconds(Long.parseLong(m.group(1))) : null;
    }

    private OAuthException noRegistration() {
        return new OAuthException(OAuthException.Kind.NO_REGISTRATION, base.getHost()
                + " does not let apps register themselves (no dynamic client registration), so Hoglink cannot "
                + "sign in there.");
    }

    /** The authorize URL the browser opens (response_type code, S256, state, the scopes asked). */
    public static URI authorizeUrl(AuthServerMetadata m, String clientId, String redirectUri, List<String> scopes,
                                   Pkce pkce) {
        Map<String, String> q = new LinkedHashMap<>();
        q.put("client_id", clientId);
        q.put("redirect_uri", redirectUri);
        q.put("response_type", "code");
        q.put("scope", String.join(" ", scopes));
        q.put("state", pkce.state());
        q.put("code_challenge", pkce.challenge());
        q.put("code_challenge_method", "S256");
        String sep = m.authorizationEndpoint().getRawQuery() == null ? "?" : "&";
        return URI.create(m.authorizationEndpoint() + sep + form(q));
    }

    /** Exchanges the code from the redirect (grant_type authorization_code with the PKCE verifier). */
    public TokenSet exchange(AuthServerMetadata m, String clientId, String redirectUri, String code, Pkce pkce) {
        Redactor.register(code);
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", code);
        f.put("redirect_uri", redirectUri);
        f.put("client_id", clientId);
        f.put("code_verifier", pkce.verifier());
        return tokens(m, f, OAuthException.Kind.EXCHANGE_FAILED, "exchange the sign-in code", null);
    }

    /**
     * Whether the server still knows {@code clientId}, asked without changing anything: a code exchange with a code
     * that was never issued. oauthlib authenticates the client first, so PostHog answers 401 {@code invalid_client}
     * for a client it does not know and 400 {@code invalid_grant} for one it knows (posthog/api/oauth/views.py,
     * {@code OAuthValidator.validate_client_id}, {@code _load_application}). Any other answer counts as known, so a
     * doubtful probe never throws a registration away; a network failure is thrown as for any step.
     */
    public boolean clientKnown(AuthServerMetadata m, String clientId, String redirectUri) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "authorization_code");
        f.put("code", "hoglink-client-check");
        f.put("redirect_uri", redirectUri);
        f.put("client_id", clientId);
        f.put("code_verifier", "hoglink-client-check-" + "0".repeat(32));
        HttpResponse<String> r = send(formPost(m.tokenEndpoint(), f), "check Hoglink's registration");
        return !isUnknownClient(r.statusCode(), json(r).path("error").asText(""));
    }

    /** PostHog's answer for a client id it does not hold: {@code invalid_client} (token, revoke). */
    public static boolean isUnknownClient(int status, String error) {
        return (status == 401 || status == 400) && "invalid_client".equals(error);
    }

    /** A new access token from the refresh token; the answer's refresh token (rotated or the same) is kept. */
    public TokenSet refresh(AuthServerMetadata m, String clientId, String refreshToken) {
        Map<String, String> f = new LinkedHashMap<>();
        f.put("grant_type", "refresh_token");
        f.put("refresh_token", refreshToken);
        f.put("client_id", clientId);
        return tokens(m, f, OAuthException.Kind.REFRESH_REFUSED, "renew the sign-in", refreshToken);
    }

    /**
     * Revokes a token (RFC 7009). Revoking the refresh token of a dynamically registered client revokes every
     * access and refresh token of that sign-in ({@code OAuthValidator.revoke_token}, posthog/api/oauth/views.py).
     */
    public void revoke(AuthServerMetadata m, String clientId, String token, String hint) {
        if (m.revocationEndpoint() == null) {
            throw new OAuthException(OAuthException.Kind.NETWORK, base.getHost() + " offers no way to revoke a sign-in.");
        }
        Map<String, String> f = new LinkedHashMap<>();
        f.put("token", token);
        f.put("token_type_hint", hint);
        f.put("client_id", clientId);
        HttpResponse<String> r = send(formPost(m.revocationEndpoint(), f), "revoke the sign-in");
        if (r.statusCode() != 200) {
            throw new OAuthException(OAuthException.Kind.NETWORK, base.getHost() + " did not revoke the sign-in: "
                    + describe(json(r), r.statusCode()));
        }
    }

    private TokenSet tokens(AuthServerMetadata m, Map<String, String> form, OAuthException.Kind failure, String step,
                            String previousRefresh) {
        HttpResponse<String> r = send(formPost(m.tokenEndpoint(), form), step);
        JsonNode json = json(r);
        if (r.statusCode() != 200) {
            OAuthException.Kind kind = r.statusCode() >= 500 || r.statusCode() == 429 ? OAuthException.Kind.NETWORK : failure;
            throw new OAuthException(kind, "Could not " + step + ": " + describe(json, r.statusCode()),
                    json.path("error").asText(null));
        }
        String access = json.path("access_token").asText("");
        if (access.isEmpty()) {
            throw new OAuthException(failure, "Could not " + step + ": the answer held no access token.");
        }
        ApiKey token = ApiKey.of(access);
        String refresh = json.path("refresh_token").asText(previousRefresh);
        long expiresIn = json.path("expires_in").asLong(3600);
        List<String> scopes = List.of(json.path("scope").asText("").trim().split("\\s+")).stream()
                .filter(s -> !s.isEmpty()).toList();
        List<Long> teams = new ArrayList<>();
        json.path("scoped_teams").forEach(n -> teams.add(n.asLong()));
        List<String> orgs = new ArrayList<>();
        json.path("scoped_organizations").forEach(n -> orgs.add(n.asText()));
        Instant now = Instant.now(clock);
        return new TokenSet(token, refresh, now, now.plusSeconds(Math.max(0, expiresIn)), scopes, teams, orgs);
    }

    private static HttpRequest.Builder formPost(URI uri, Map<String, String> form) {
        return HttpRequest.newBuilder(uri).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form(form)));
    }

    static String form(Map<String, String> values) {
        return values.entrySet().stream().filter(e -> e.getValue() != null)
                .map(e -> enc(e.getKey()) + "=" + enc(e.getValue())).collect(Collectors.joining("&"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * Sends one request; the whole answer, body included, must arrive within the timeout and under
     * {@link #MAX_BODY_BYTES}. The JDK's request timeout ends at the headers, so a body that stalls or drips would
     * otherwise hold the caller (and, for a renewal, every API call of the session) for as long as the server likes.
     */
    private HttpResponse<String> send(HttpRequest.Builder rb, String step) {
        HttpRequest req = rb.timeout(timeout).header("Accept", "application/json")
                .header("User-Agent", "Hoglink/0.1").build();
        CompletableFuture<HttpResponse<String>> future = http.sendAsync(req, info -> HttpResponse.BodySubscribers.mapping(
                new CappedBodySubscriber(MAX_BODY_BYTES), bytes -> new String(bytes, StandardCharsets.UTF_8)));
        try {
            HttpResponse<String> r = future.get(timeout.toMillis() + 250, TimeUnit.MILLISECONDS);
            LOGGER.debug("{} {} -> {}", req.method(), Redactor.redact(req.uri().getRawPath()), r.statusCode());
            return r;
        } catch (TimeoutException e) {
            future.cancel(true);
            LOGGER.info("Could not {} at {}: no whole answer within {} ms", step, base.getHost(), timeout.toMillis());
            throw new OAuthException(OAuthException.Kind.NETWORK, NetworkFailure.TIMEOUT.text(hostName()));
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new OAuthException(OAuthException.Kind.CANCELLED, "Cancelled.");
        } catch (CancellationException e) {
            throw new OAuthException(OAuthException.Kind.CANCELLED, "Cancelled.");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            if (cause instanceof CappedBodySubscriber.TooLarge) {
                LOGGER.info("Could not {} at {}: answer over {} bytes", step, base.getHost(), MAX_BODY_BYTES);
                throw new OAuthException(OAuthException.Kind.NETWORK, base.getHost() + " sent an answer larger than "
                        + (MAX_BODY_BYTES / 1024) + " KB when asked to " + step + ", more than a sign-in answer "
                        + "holds. Check the host address.");
            }
            LOGGER.info("Could not {} at {}: {}", step, base.getHost(), cause.getClass().getSimpleName());
            // The words a project's row and the connection dialog use for the same failure.
            throw new OAuthException(OAuthException.Kind.NETWORK, NetworkFailure.of(cause).text(hostName()));
        }
    }

    private String hostName() {
        return base.getHost() + (base.getPort() >= 0 ? ":" + base.getPort() : "");
    }

    private JsonNode json(HttpResponse<String> r) {
        try {
            JsonNode n = mapper.readTree(r.body() == null ? "" : r.body());
            return n == null ? mapper.createObjectNode() : n;
        } catch (IOException e) {
            return mapper.createObjectNode();
        }
    }

    /** The server's error in its words, redacted and cut short. */
    static String describe(JsonNode json, int status) {
        String error = json.path("error").asText("");
        String text = json.path("error_description").asText("");
        if (text.isEmpty() && json.has("detail")) {
            text = json.path("detail").asText("");
        }
        String said = (error.isEmpty() ? "" : error + (text.isEmpty() ? "" : ": ")) + text;
        if (said.isEmpty()) {
            said = "HTTP " + status;
        }
        said = Redactor.redact(said.replaceAll("\\p{Cntrl}", " "));
        return said.length() > 300 ? said.substring(0, 300) + "…" : said;
    }
}
