package dev.hoglink.sandbox;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox: a local HTTP server on 127.0.0.1 that answers like PostHog for everything Hoglink uses, plus
 * the GitHub pages of the OAuth round trip. Start it with {@link #start(SandboxOptions)}; it serves until
 * {@link #stop()}. It shares no code with Hoglink's client.
 */
public final class SandboxServer implements AutoCloseable {

    private static final Logger LOGGER = LoggerFactory.getLogger(SandboxServer.class);
    private static final int MAX_BODY = 1 << 20;

    static {
        // Without TCP_NODELAY, Nagle plus delayed ACKs add ~40 ms to every small response on loopback.
        if (System.getProperty("sun.net.httpserver.nodelay") == null) {
            System.setProperty("sun.net.httpserver.nodelay", "true");
        }
    }

    /**
     * PostHog's web server: granian with 4 worker processes by default (bin/docker-server, GRANIAN_WORKERS=4), each
     * running Django's ASGI handler, which gives every request a thread of its own; a process runs one Python
     * thread at a time, so 4 requests are handled at once (api-notes WA1).
     */
    static final int WORKERS = 4;
    /**
     * granian's default backlog (1024): the connections it holds, and its backpressure (backlog / workers per
     * worker) caps the requests taken in at once to the same 1024 in all (api-notes WA1).
     */
    static final int BACKLOG = 1024;

    private final HttpServer http;
    /** Reads requests off and writes answers onto the sockets (granian's Rust I/O threads); never waits on latency. */
    private final ExecutorService network;
    /** Handles requests: PostHog's workers. A request holds one only while it is handled, never for the latency. */
    private final ExecutorService workers;
    /** The network's latency: delays a request on its way in and its answer on its way out, holding no thread. */
    private final ScheduledExecutorService wire;
    /** Requests taken in and not yet answered, at most {@link #BACKLOG} (granian's backpressure). */
    private final Semaphore admitted = new Semaphore(BACKLOG);
    private final SandboxState state;
    private final AuditLog auditLog;
    private final java.time.Clock clock;
    private final SandboxKnobs knobs;
    /** One-shot hooks run before a matching API request is handled: tests interleave other changes there. */
    private final java.util.List<BeforeRequest> beforeRequests = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final Gate gate;
    private final Router router;
    private final GitHubOAuth oauth;
    private final OAuthStore oauthTokens;
    private final AuthorizationServer authServer;
    private final URI baseUri;
    private final String origin;
    private final String siteUrl;

    private SandboxServer(SandboxOptions options) throws IOException {
        this.state = SandboxState.open(options.stateFile(), options.extraProjects());
        this.clock = options.clock();
        this.knobs = new SandboxKnobs(options);
        this.gate = new Gate(knobs, options.clock());
        this.auditLog = new AuditLog(options.clock());
        GitHubLinks links = new GitHubLinks(knobs, options.clock(), auditLog);
        this.router = new Router(state, gate, links, options.clock());
        this.oauthTokens = new OAuthStore(options.clock());
        this.authServer = new AuthorizationServer(state, oauthTokens, options.clock());
        gate.acceptOAuth(oauthTokens);
        this.oauth = new GitHubOAuth(state, links, options.clock());
        this.http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), options.port()), BACKLOG);
        this.network = Executors.newCachedThreadPool(daemons("sandbox-net-"));
        this.workers = Executors.newFixedThreadPool(WORKERS, daemons("sandbox-worker-"));
        this.wire = Executors.newSingleThreadScheduledExecutor(daemons("sandbox-wire-"));
        http.setExecutor(network);
        http.createContext("/", this::serve);
        this.origin = "http://127.0.0.1:" + http.getAddress().getPort();
        this.baseUri = URI.create(origin);
        this.siteUrl = options.siteUrl() == null ? origin
                : options.siteUrl().replace("{port}", String.valueOf(http.getAddress().getPort()));
    }

    /** Binds 127.0.0.1 (port 0 = any free port), loads or seeds the world and starts serving. */
    public static SandboxServer start(SandboxOptions options) throws IOException {
        SandboxServer s = new SandboxServer(options);
        s.http.start();
        LOGGER.debug("Sandbox serving on {}", s.origin);
        return s;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash. */
    public URI baseUri() {
        return baseUri;
    }

    /** PostHog's SITE_URL as this sandbox presents it: the listening address unless a site URL was given. */
    public URI siteUri() {
        return URI.create(siteUrl);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    /** The seeded personal API keys by role (owner, admin, member, ...), in a stable order. */
    public Map<String, String> keys() {
        return SeedWorld.keysByRole();
    }

    /** The seeded key of one role; throws IllegalArgumentException naming the known roles otherwise. */
    public String key(String role) {
        String k = keys().get(role);
        if (k == null) {
            throw new IllegalArgumentException("no seeded key for role '" + role + "'; roles: " + SeedWorld.ROLES);
        }
        return k;
    }

    /** Requests taken in and not yet answered (waiting out the latency, being handled or being written). */
    public int requestsInFlight() {
        return BACKLOG - admitted.availablePermits();
    }

    public SandboxKnobs knobs() {
        return knobs;
    }

    /** The current world as JSON (the same document as the state file); for tests and diagnostics. */
    public byte[] snapshot() {
        return state.snapshot();
    }

    /** Forgets the throttle history of every key. */
    public void resetThrottle() {
        gate.resetThrottle();
    }

    /**
     * Adds a personal API key for a seeded user with exactly these scopes and limits (a state knob for tests
     * that need a key the seed does not have, e.g. one lacking a read scope); returns its value.
     */
    public String addKey(int userId, List<String> scopes, List<Integer> scopedTeams, List<String> scopedOrganizations) {
        String value = "phx_sandbox_extra_" + java.util.UUID.randomUUID().toString().replace("-", "");
        state.write(w -> {
            w.user(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
            SeedWorld.key(w, "extra", value, userId, scopes, scopedTeams, scopedOrganizations).id =
                    java.util.UUID.randomUUID().toString();
            return null;
        });
        return value;
    }

    /**
     * Changes the scopes of an existing key, as its owner can in PostHog's personal API key settings (the key
     * keeps its value; the next request is judged by the new scopes). Tests use it for "rights changed meanwhile".
     */
    public void setKeyScopes(String keyValue, List<String> scopes) {
        String hash = "sha256$" + SeedWorld.sha256(keyValue);
        state.write(w -> {
            World.PersonalKey k = w.keys.stream().filter(x -> hash.equals(x.secureValue)).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no such key"));
            k.scopes = new java.util.ArrayList<>(scopes);
            return null;
        });
    }

    /**
     * Gives a seeded user a personal GitHub link (a user integration) for an installation, as PostHog's
     * "Linked accounts" does; {@code tokenValid=false} stands for a link whose token GitHub now refuses.
     */
    public void addPersonalGitHubLink(int userId, String installationId, String githubLogin, boolean tokenValid) {
        state.write(w -> {
            World.User user = w.user(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
            World.PersonalLink p = new World.PersonalLink();
            p.originatingOrgId = user.currentOrgId; // made from the organization the user is in (NL3)
            p.id = w.nextPersonalLinkId++;
            p.userId = userId;
            p.installationId = installationId;
            p.githubLogin = githubLogin;
            p.githubUserId = w.githubUser(githubLogin).map(g -> g.id).orElse(0L);
            p.tokenValid = tokenValid;
            p.createdAt = World.drfTime(java.time.Instant.now());
            w.personalLinks.add(p);
            return null;
        });
    }

    /**
     * Sets PostHog's {@code receive_org_level_activity_logs} of a team: whether its activity log also lists its
     * organization's rows of no team, such as a removed personal GitHub link's (NF6, NL3).
     */
    public void receiveOrgLevelActivityLogs(int teamId, boolean on) {
        state.write(w -> {
            w.team(teamId).orElseThrow(() -> new IllegalArgumentException("no team " + teamId))
                    .receiveOrgLevelActivityLogs = on;
            return null;
        });
    }

    /**
     * Links Globex Android to acme-labs, so that Acme's Labs is shared only with another organization's project
     * ("elsewhere"); the sandbox's {@code --shared-elsewhere}. Nothing changes when it is linked already.
     */
    public void shareInstallationElsewhere() {
        state.write(w -> {
            SeedWorld.shareAcmeLabsWithGlobex(w);
            return null;
        });
    }

    /** Makes a seeded user a member of a seeded organization at the given level (1 member, 8 admin, 15 owner). */
    public void addMembership(String organizationId, int userId, int level) {
        state.write(w -> {
            w.org(organizationId).orElseThrow(() -> new IllegalArgumentException("no organization " + organizationId));
            w.user(userId).orElseThrow(() -> new IllegalArgumentException("no user " + userId));
            World.Membership m = new World.Membership();
            m.orgId = organizationId;
            m.userId = userId;
            m.level = level;
            w.memberships.add(m);
            return null;
        });
    }

    /**
     * Makes a seeded team private to the users given (their project level there, 8 admin or 1 member), as PostHog's
     * project access control does: the default rule "none" and one rule per user. Organization admins still see it.
     * An organization without the access_control feature gets it, and its other projects the default rule "member",
     * so nobody's level elsewhere changes. Tests use it.
     */
    public void restrictTeam(int teamId, Map<Integer, Integer> levels) {
        state.write(w -> {
            World.Team t = w.team(teamId).orElseThrow(() -> new IllegalArgumentException("no team " + teamId));
            World.Org org = w.org(t.orgId).orElseThrow();
            if (!org.hasFeature(World.ACCESS_CONTROL)) {
                List<String> features = new ArrayList<>(org.features());
                features.add(World.ACCESS_CONTROL);
                org.availableFeatures = features;
                w.teams.stream().filter(o -> o.orgId.equals(t.orgId) && o.defaultAccess == null)
                        .forEach(o -> o.defaultAccess = World.ACCESS_MEMBER);
            }
            t.defaultAccess = World.ACCESS_NONE;
            t.memberAccess.clear();
            levels.forEach((user, level) -> t.memberAccess.put(user,
                    level >= World.LEVEL_ADMIN ? World.ACCESS_ADMIN : World.ACCESS_MEMBER));
            return null;
        });
    }

    /**
     * Sets one member's rule on a project ("admin", "member" or "none"; null removes it), as PostHog's project access
     * settings do; it counts only in an organization with the access_control feature. Tests use it.
     */
    public void setMemberAccess(int teamId, int userId, String access) {
        state.write(w -> {
            World.Team t = w.team(teamId).orElseThrow(() -> new IllegalArgumentException("no team " + teamId));
            if (access == null) {
                t.memberAccess.remove(userId);
            } else {
                t.memberAccess.put(userId, access);
            }
            return null;
        });
    }

    /**
     * Deletes a seeded team and its integrations, as deleting a project in PostHog does (the rows go with the team):
     * a request naming it is then answered 404 {@code Project not found.} (posthog/api/routing.py). Tests use it.
     */
    public void deleteTeam(int teamId) {
        state.write(w -> {
            w.team(teamId).orElseThrow(() -> new IllegalArgumentException("no team " + teamId));
            w.integrations.removeIf(i -> i.teamId == teamId);
            w.teams.removeIf(t -> t.id == teamId);
            return null;
        });
    }

    /** Removes every personal GitHub link of a seeded user (PostHog's "Disconnect" in Linked accounts). */
    public void removePersonalGitHubLinks(int userId) {
        state.write(w -> {
            w.personalLinks.removeIf(p -> p.userId == userId);
            return null;
        });
    }

    /**
     * Marks a seeded installation as gone on GitHub (uninstalled) or suspended, or active again; tests use it.
     * {@code noticed}: PostHog's per-minute token refresh has run since, so the rows that use a gone installation
     * are marked unavailable (World.refreshFailedFor); without it PostHog still reports them connected. Active
     * again, marked rows stay marked until a mint succeeds (github_repos/refresh, or link_existing's new config).
     */
    public void setInstallationStatus(String installationId, String status, boolean noticed) {
        if (!List.of("active", "suspended", "uninstalled").contains(status)) {
            throw new IllegalArgumentException("status is active, suspended or uninstalled");
        }
        state.write(w -> {
            World.AppInstallation inst = w.installation(installationId).orElseThrow(
                    () -> new IllegalArgumentException("no installation " + installationId));
            inst.status = status;
            if (noticed && !inst.available()) {
                w.refreshFailedFor(installationId, clock.instant().getEpochSecond());
            }
            return null;
        });
    }

    /**
     * Makes GitHub refuse (or, {@code refuse} false, accept again) PostHog's uninstall of a seeded installation: the
     * unlink of the last project using it still deletes the row and answers 204, but PostHog records
     * {@code uninstall_completed} with outcome {@code failed} and the app stays installed on GitHub
     * (docs/api-notes.md NH20). Tests use it.
     */
    public void refuseUninstall(String installationId, boolean refuse) {
        state.write(w -> {
            w.installation(installationId).orElseThrow(
                    () -> new IllegalArgumentException("no installation " + installationId)).refusesUninstall = refuse;
            return null;
        });
    }

    /**
     * The App uninstalled on GitHub and GitHub's webhook delivered to PostHog: the installation is gone and PostHog
     * has deleted every row that used it (World.installationDeleted), so those projects read as not connected and a
     * request naming one of the rows is answered 404. Returns the number of team rows deleted.
     */
    public int uninstallWithWebhook(String installationId) {
        return state.write(w -> {
            World.AppInstallation inst = w.installation(installationId).orElseThrow(
                    () -> new IllegalArgumentException("no installation " + installationId));
            inst.status = "uninstalled";
            return w.installationDeleted(installationId);
        });
    }

    /**
     * How many times this run's server log holds the GitHub audit {@code event} for team {@code teamId}: PostHog logs
     * every audit event, also those it keeps out of the activity log, such as {@code discovery_completed}
     * (docs/api-notes.md NL3). Tests read it to see that a request was, or was not, made.
     */
    public long gitHubEventsLogged(String event, int teamId) {
        return auditLog.logged(event, teamId);
    }

    /** {@code answer} non-null: the request is answered with it and not handled. */
    private record BeforeRequest(String method, java.util.regex.Pattern path, Runnable action, ApiError answer) {
    }

    /**
     * A gate for tests: the first API request with {@code method} whose path matches {@code pathRegex} runs
     * {@code action} on its worker before it is handled (and before its faults are drawn), once. A test places
     * another client's change, or a fault for this very request, exactly between two of Hoglink's requests.
     */
    public void onceBefore(String method, String pathRegex, Runnable action) {
        beforeRequests.add(new BeforeRequest(method, java.util.regex.Pattern.compile(pathRegex), action, null));
    }

    /**
     * A fault for tests: the first API request with {@code method} whose path matches {@code pathRegex} is answered
     * PostHog's plain 404 ({@code Not found.}, as for a row a view does not find) without being handled, once. It
     * stands for a 404 whose cause the client cannot see, the state unchanged.
     */
    public void onceNotFound(String method, String pathRegex) {
        beforeRequests.add(new BeforeRequest(method, java.util.regex.Pattern.compile(pathRegex), () -> { },
                ApiError.notFound()));
    }

    /** Runs the gates this request meets; returns the answer one of them gives in its place, or null. */
    private Response runBeforeRequest(Exchange ex) {
        Response answer = null;
        for (BeforeRequest b : beforeRequests) {
            if (b.method().equals(ex.method) && b.path().matcher(ex.path).matches() && beforeRequests.remove(b)) {
                b.action().run();
                if (b.answer() != null && answer == null) {
                    answer = Response.error(b.answer());
                }
            }
        }
        return answer;
    }

    /** {@link #setInstallationStatus(String, String, boolean)} once PostHog's token refresh has noticed. */
    public void setInstallationStatus(String installationId, String status) {
        setInstallationStatus(installationId, status, true);
    }

    /**
     * Switches PostHog's OAuth server on (default) or off: off, every {@code /oauth/} and {@code /.well-known/} path
     * answers 404, as a PostHog from before its OAuth server does.
     */
    public void setOAuthServer(boolean on) {
        oauthTokens.setEnabled(on);
    }

    /** Rotates refresh tokens on each refresh (PostHog does for clients it did not register dynamically). */
    public void setOAuthRotation(boolean on) {
        oauthTokens.setRotate(on);
    }

    /** The lifetime of new OAuth access tokens (default 7 days, as for a dynamically registered client). */
    public void setOAuthAccessTokenLifetime(java.time.Duration d) {
        oauthTokens.setAccessLifetime(d);
    }

    /** OAuth access tokens issued so far (by code exchange or refresh). */
    public long oauthTokensIssued() {
        return oauthTokens.tokensIssued();
    }

    /** OAuth access tokens still valid (revoked ones are gone). */
    public long oauthLiveAccessTokens() {
        return oauthTokens.liveAccessTokens();
    }

    public void stop() {
        http.stop(0);
        wire.shutdownNow();
        workers.shutdownNow();
        network.shutdownNow();
        try {
            workers.awaitTermination(2, TimeUnit.SECONDS);
            network.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOGGER.debug("Sandbox on {} stopped", origin);
    }

    @Override
    public void close() {
        stop();
    }

    // ------------------------------------------------------------------ HTTP plumbing

    private static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    /**
     * Takes a request in (on a network thread) and answers it later: an API request reaches a worker half the
     * latency after it left the client and its answer leaves the worker at once and reaches the client after the
     * other half, so the latency delays every answer without holding a worker, as a network does (before, a
     * worker slept through it and 8 workers capped every client at 8 requests at once).
     */
    private void serve(HttpExchange he) {
        try {
            admitted.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            he.close();
            return;
        }
        try {
            byte[] body = readBody(he.getRequestBody());
            Map<String, String> headers = new LinkedHashMap<>();
            he.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
            URI uri = he.getRequestURI();
            Exchange ex = new Exchange(he.getRequestMethod().toUpperCase(Locale.ROOT), uri.getRawPath(),
                    uri.getRawQuery(), headers, body, origin, siteUrl);
            boolean apiPath = ex.path.startsWith("/api/") || ex.path.equals("/api");
            long latency = apiPath ? knobs.latencyMs() : 0;
            long in = latency / 2;
            long out = latency - in;
            later(in, () -> workers.execute(() -> handle(he, ex, apiPath, out)), he);
        } catch (IOException | RuntimeException e) {
            done(he, e);
        }
    }

    /** Runs {@code step} after {@code ms} on the wire (at once when 0); a refused step closes the exchange. */
    private void later(long ms, Runnable step, HttpExchange he) {
        try {
            if (ms <= 0) {
                step.run();
            } else {
                wire.schedule(step, ms, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            done(he, null); // stopping
        }
    }

    /** Ends an exchange: closes it and frees its place among the requests taken in. */
    private void done(HttpExchange he, Exception failure) {
        if (failure != null && !(failure instanceof RejectedExecutionException)) {
            LOGGER.warn("Sandbox failed to answer {} {}", he.getRequestMethod(), he.getRequestURI().getPath(), failure);
        }
        he.close();
        admitted.release();
    }

    /** On a worker: answers the request, then sends the answer on its way back (the latency's other half). */
    private void handle(HttpExchange he, Exchange ex, boolean apiPath, long outMs) {
        try {
            Response given = apiPath ? runBeforeRequest(ex) : null;
            SandboxKnobs.Fault before = apiPath && given == null ? knobs.drawBeforeHandling() : null;
            Response r;
            if (given != null) {
                r = given;
            } else if (before == SandboxKnobs.Fault.THROTTLE_BURST) {
                knobs.countFault(before);
                r = Response.error(ApiError.throttledWithRetryAfter(1));
            } else if (before == SandboxKnobs.Fault.SERVER_ERROR) {
                knobs.countFault(before);
                r = serverError();
            } else {
                r = apiPath ? router.handle(ex)
                        : AuthorizationServer.handles(ex.path) ? authServer.handle(ex) : installRequestPages(ex);
            }
            SandboxKnobs.Fault bodyFault = apiPath && before == null
                    ? knobs.drawForBody(r.isJson() && r.status() < 300 && r.body().length > 0) : null;
            // Counted before writing, so a client that has its answer always sees it counted.
            knobs.countServed();
            Response answer = r;
            later(outMs, () -> network.execute(() -> {
                try {
                    write(he, answer, bodyFault);
                    done(he, null);
                } catch (IOException | RuntimeException e) {
                    done(he, e);
                }
            }), he);
        } catch (RuntimeException e) {
            done(he, e);
        }
    }

    /** GitHub's side of install requests (the owner's approval page, the webhook); else the OAuth stand-in. */
    private Response installRequestPages(Exchange ex) {
        String p = ex.path.endsWith("/") ? ex.path.substring(0, ex.path.length() - 1) : ex.path;
        if (p.equals(InstallRequestsHandler.APPROVAL_PATH)) {
            return state.write(w -> router.installRequests().approvalPage(w, ex));
        }
        if (p.equals(InstallRequestsHandler.WEBHOOK_PATH) && ex.method.equals("POST")) {
            return state.write(w -> router.installRequests().webhook(w, ex));
        }
        return oauth.handle(ex);
    }

    private Response serverError() {
        return switch (knobs.nextInt(3)) {
            case 0 -> Response.error(ApiError.server());
            case 1 -> new Response(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>"
                    .getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
            default -> new Response(503, "text/html", "<html><body><h1>503 Service Unavailable</h1></body></html>"
                    .getBytes(StandardCharsets.UTF_8), new LinkedHashMap<>());
        };
    }

    private void write(HttpExchange he, Response r, SandboxKnobs.Fault fault) throws IOException {
        byte[] body = r.body();
        if (fault == SandboxKnobs.Fault.MALFORMED_JSON) {
            knobs.countFault(fault);
            body = Arrays.copyOf(body, Math.max(1, body.length / 2));
            body[body.length - 1] = '"';
        }
        r.headers().forEach((k, v) -> he.getResponseHeaders().add(k, v));
        if (r.contentType() != null) {
            he.getResponseHeaders().set("Content-Type", r.contentType());
        }
        boolean noBody = r.status() == 204 || r.status() == 304 || he.getRequestMethod().equalsIgnoreCase("HEAD");
        if (noBody) {
            he.sendResponseHeaders(r.status(), -1);
            return;
        }
        he.sendResponseHeaders(r.status(), body.length);
        OutputStream out = he.getResponseBody();
        if (fault == SandboxKnobs.Fault.DROPPED_CONNECTION) {
            knobs.countFault(fault);
            out.write(body, 0, body.length / 2);
            out.flush();
            // Closing the exchange with bytes still owed makes the server drop the connection mid-body.
            he.close();
            return;
        }
        if (fault == SandboxKnobs.Fault.SLOW_BODY) {
            knobs.countFault(fault);
            int chunks = 10;
            int step = Math.max(1, (body.length + chunks - 1) / chunks);
            long pause = knobs.faults().slowMillis() / chunks;
            for (int i = 0; i < body.length; i += step) {
                out.write(body, i, Math.min(step, body.length - i));
                out.flush();
                sleep(pause);
            }
            return;
        }
        out.write(body);
    }

    private static byte[] readBody(InputStream in) throws IOException {
        byte[] data = in.readNBytes(MAX_BODY + 1);
        return data.length > MAX_BODY ? Arrays.copyOf(data, MAX_BODY) : data;
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
