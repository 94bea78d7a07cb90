package dev.hoglink.sandbox;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Both ends of the OAuth round trip that PostHog's {@code oauth_url} starts: GitHub's authorize page
 * ({@code /login/oauth/authorize}, with Approve/Deny forms) and PostHog's callback
 * ({@code /complete/github-link/}), which checks the state, creates the personal GitHub link and the team
 * integration, and redirects to {@code next} with {@code installation_id} and {@code integration_id}, or to
 * the landing page with {@code github_setup_error}. Any other page outside {@code /api/} is the "done" page.
 */
final class GitHubOAuth {

    static final Duration CODE_TTL = Duration.ofMinutes(10);
    static final String DEFAULT_NEXT = "/settings/user-personal-integrations";
    static final String CALLBACK_PATH = "/complete/github-link/";

    private final SandboxState state;
    private final GitHubLinks links;
    private final Clock clock;

    GitHubOAuth(SandboxState state, GitHubLinks links, Clock clock) {
        this.state = state;
        this.links = links;
        this.clock = clock;
    }

    Response handle(Exchange ex) {
        String p = ex.path.endsWith("/") && ex.path.length() > 1 ? ex.path.substring(0, ex.path.length() - 1) : ex.path;
        if (p.equals("/login/oauth/authorize")) {
            if (ex.method.equals("GET")) {
                return authorizePage(ex);
            }
            if (ex.method.equals("POST")) {
                return decide(ex);
            }
            return Response.html(405, page("Method not allowed", "<p>Use GET or POST.</p>"));
        }
        if (p.equals("/complete/github-link")) {
            if (!ex.method.equals("GET")) {
                return Response.html(405, page("Method not allowed", ""));
            }
            boolean statelessUpdate = !ex.query.containsKey("state") && !ex.query.containsKey("code")
                    && "update".equals(ex.query.get("setup_action"));
            return statelessUpdate ? setupUpdate(ex) : callback(ex);
        }
        if (p.equals("/_preflight")) {
            return ex.method.equals("GET") ? preflight() : Response.html(405, page("Method not allowed", ""));
        }
        return donePage(ex);
    }

    // ---- GitHub side

    private Response authorizePage(Exchange ex) {
        Map<String, String> q = ex.query;
        String problem = checkClient(ex, q);
        if (problem != null) {
            return Response.html(400, page("Authorization failed", "<p class=\"err\">" + esc(problem) + "</p>"));
        }
        String token = stateToken(q.get("state"));
        return state.read(w -> {
            Optional<World.OAuthState> st = w.oauthStates.stream().filter(s -> s.token.equals(token)).findFirst();
            String login = st.flatMap(s -> w.user(s.userId)).map(u -> u.githubLogin).orElse("sandbox-user");
            String account = st.flatMap(s -> w.installation(s.installationId))
                    .map(i -> i.accountName + " (" + i.accountType + ")").orElse("an unknown installation");
            String instId = st.map(s -> s.installationId).orElse("?");
            StringBuilder body = new StringBuilder();
            body.append("<p>Signed in to GitHub as <b id=\"login\">").append(esc(login)).append("</b>.</p>")
                    .append("<p><b>PostHog (Hoglink sandbox)</b> wants to verify your access to the GitHub App ")
                    .append("installation <b id=\"installation\">").append(esc(instId)).append("</b> on <b id=\"account\">")
                    .append(esc(account)).append("</b>.</p>")
                    .append(form(q, "approve", "Authorize"))
                    .append(form(q, "deny", "Cancel"));
            return Response.html(200, page("Authorize PostHog", body.toString()));
        });
    }

    private static String form(Map<String, String> q, String decision, String label) {
        return "<form method=\"post\" action=\"/login/oauth/authorize\">"
                + hidden("client_id", q.get("client_id")) + hidden("redirect_uri", q.get("redirect_uri"))
                + hidden("state", q.get("state")) + hidden("decision", decision)
                + "<button type=\"submit\" id=\"" + decision + "\">" + label + "</button></form>";
    }

    private static String hidden(String name, String value) {
        return "<input type=\"hidden\" name=\"" + name + "\" value=\"" + esc(value == null ? "" : value) + "\">";
    }

    private String checkClient(Exchange ex, Map<String, String> q) {
        String clientId = state.read(w -> w.githubClientId);
        if (!clientId.equals(q.get("client_id"))) {
            return "The client_id is not this sandbox's GitHub App.";
        }
        if (!(ex.siteUrl + CALLBACK_PATH).equals(q.get("redirect_uri"))) {
            return "The redirect_uri MUST match the registered callback URL for this application.";
        }
        return null;
    }

    /** Approve or deny, as the browser's form post does; answers GitHub's redirect to the callback. */
    private Response decide(Exchange ex) {
        Map<String, String> f = Exchange.parseForm(new String(ex.body, java.nio.charset.StandardCharsets.UTF_8));
        String problem = checkClient(ex, f);
        if (problem != null) {
            return Response.html(400, page("Authorization failed", "<p class=\"err\">" + esc(problem) + "</p>"));
        }
        String redirect = f.get("redirect_uri");
        String rawState = f.getOrDefault("state", "");
        if (!"approve".equals(f.get("decision"))) {
            return Response.redirect(redirect + "?error=access_denied&error_description="
                    + Paging.enc("The user has denied your application access.") + "&state=" + Paging.enc(rawState));
        }
        // The GitHub account that approves is the one signed in to GitHub in the state's user's browser, never
        // a field of the form: PostHog's callback binds the state to its user and asks GitHub who the code is for.
        String token = stateToken(rawState);
        String code = state.write(w -> {
            String login = w.oauthStates.stream().filter(s -> s.token.equals(token)).findFirst()
                    .flatMap(s -> w.user(s.userId)).map(u -> u.githubLogin).orElse(null);
            World.OAuthCode c = new World.OAuthCode();
            c.code = links.randomToken(20);
            c.githubLogin = login;
            c.expiresAtMillis = clock.millis() + CODE_TTL.toMillis();
            w.oauthCodes.removeIf(x -> x.used || x.expiresAtMillis <= clock.millis());
            w.oauthCodes.add(c);
            return c.code;
        });
        return Response.redirect(redirect + "?code=" + code + "&state=" + Paging.enc(rawState));
    }

    // ---- PostHog side

    private Response callback(Exchange ex) {
        Map<String, String> q = ex.query;
        if (q.containsKey("error")) {
            // posthog/api/github_callback/finish.py (finish): GitHub's error on the OAuth redirect is answered
            // before the state is read, as a personal_finish result (redirects.py): the browser lands on the
            // personal integrations page with github_link_error; no row and no activity-log entry is written and
            // the state is only loaded, not consumed (router.py _parse_callback). A denial leaves no other trace.
            String code = "access_denied".equals(q.get("error")) ? "access_denied" : "github_oauth_error";
            return Response.redirect(appendQuery(DEFAULT_NEXT, Map.of("github_link_error", code)));
        }
        String token = stateToken(q.get("state"));
        return state.write(w -> {
            World.OAuthState st = w.oauthStates.stream()
                    .filter(s -> s.token.equals(token) && World.OAuthState.TEAM_OAUTH.equals(s.flow))
                    .findFirst().orElse(null);
            World.User user = st == null ? null : w.user(st.userId).orElse(null);
            boolean valid = st != null && user != null && !st.used && st.expiresAtMillis > clock.millis()
                    && token.equals(user.pendingOAuthState);
            if (!valid) {
                return failure(st, "invalid_state");
            }
            st.used = true;
            user.pendingOAuthState = null;
            World.Team team = w.team(st.teamId).orElse(null);
            String code = q.get("code");
            if (code == null || code.isEmpty()) {
                return failure(st, "missing_params");
            }
            World.OAuthCode c = w.oauthCodes.stream().filter(x -> x.code.equals(code)).findFirst().orElse(null);
            if (c == null || c.used || c.expiresAtMillis <= clock.millis()) {
                return failure(st, "exchange_failed");
            }
            c.used = true;
            World.GitHubUser gh = w.githubUser(c.githubLogin).orElse(null);
            World.AppInstallation inst = w.installation(st.installationId).orElse(null);
            if (gh == null || inst == null || !gh.installationIds.contains(inst.installationId)
                    || "uninstalled".equals(inst.status)) {
                return failure(st, "installation_not_authorized");
            }
            if (!inst.available()) {
                return failure(st, "installation_token_failed");
            }
            if (team == null || w.projectLevel(user.id, team) < 0) {
                return failure(st, "integration_create_failed");
            }
            World.PersonalLink link = w.personalLinks.stream()
                    .filter(p -> p.userId == user.id && inst.installationId.equals(p.installationId))
                    .findFirst().orElse(null);
            if (link == null) {
                link = new World.PersonalLink();
                link.id = w.nextPersonalLinkId++;
                link.userId = user.id;
                link.installationId = inst.installationId;
                link.createdAt = World.drfTime(clock.instant());
                link.originatingOrgId = team.orgId; // the flow started from this project (NL3)
                w.personalLinks.add(link);
            }
            link.githubLogin = gh.login;
            link.githubUserId = gh.id;
            link.tokenValid = true;
            // No activity row: PostHog's team OAuth return (personal_finish.py, TEAM_OAUTH) makes the row through
            // integration_from_installation_id, which reports an analytics event only; GitHubAudit's "created" is
            // declared but no copy read records it (docs/api-notes.md NL2).
            World.Integration row = links.upsertGithubRow(w, team, inst, user, gh.login, true);
            String target = st.next != null ? st.next : DEFAULT_NEXT;
            Map<String, String> params = new LinkedHashMap<>();
            params.put("installation_id", inst.installationId);
            params.put("integration_id", String.valueOf(row.id));
            return Response.redirect(appendQuery(target, params));
        });
    }

    /**
     * GitHub's return after an admin changed the installation's settings ({@code setup_action=update}, no state,
     * no code): accepted only against a {@code team_update} state seeded by prepare_callback for that
     * installation (posthog/api/github_callback/state.py consume_github_authorize_state); the team's row is then
     * refreshed from GitHub (team_finish.py finish_team_setup_update). PostHog finds the state through the
     * signed-in user's session; the sandbox has no sessions, so it takes the newest such state.
     */
    private Response setupUpdate(Exchange ex) {
        String installationId = ex.query.getOrDefault("installation_id", "");
        return state.write(w -> {
            World.OAuthState st = w.oauthStates.stream()
                    .filter(s -> World.OAuthState.TEAM_UPDATE.equals(s.flow) && !s.used
                            && s.expiresAtMillis > clock.millis())
                    .filter(s -> w.user(s.userId).map(u -> s.token.equals(u.pendingOAuthState)).orElse(false))
                    .filter(s -> s.installationId == null || s.installationId.equals(installationId))
                    .reduce((a, b) -> b).orElse(null);
            if (st == null) {
                return failure(null, "invalid_state");
            }
            World.User user = w.user(st.userId).orElseThrow();
            st.used = true;
            user.pendingOAuthState = null;
            String landing = "/project/" + st.teamId + "/integrations/github";
            if (!GitHubHandler.INSTALLATION_ID.matcher(installationId).matches()) {
                return Response.redirect(appendQuery(landing, Map.of("github_setup_error", "invalid_installation_id")));
            }
            World.Team team = w.team(st.teamId).orElse(null);
            if (team == null || w.projectLevel(user.id, team) < World.LEVEL_ADMIN) {
                return Response.redirect(appendQuery(landing, Map.of("github_setup_error", "invalid_team")));
            }
            World.AppInstallation inst = w.installation(installationId).filter(World.AppInstallation::available).orElse(null);
            boolean linked = w.integrations.stream().anyMatch(i -> i.teamId == team.id && i.githubRowOf(installationId));
            if (inst == null || !linked) {
                return Response.redirect(appendQuery(landing, Map.of("github_setup_error", "installation_token_failed")));
            }
            World.Integration row = links.upsertGithubRow(w, team, inst, user, null, false);
            Map<String, String> params = new LinkedHashMap<>();
            params.put("installation_id", installationId);
            params.put("integration_id", String.valueOf(row.id));
            return Response.redirect(appendQuery(landing, params));
        });
    }

    /**
     * PostHog's {@code /_preflight/} (posthog/views.py preflight_check) as an anonymous caller sees it: it adds
     * {@code site_url} only for a signed-in session, and a personal API key is not one, so it is absent here.
     */
    private static Response preflight() {
        com.fasterxml.jackson.databind.node.ObjectNode n = JsonViews.json();
        n.put("django", true);
        n.put("redis", true);
        n.put("plugins", true);
        n.put("celery", true);
        n.put("clickhouse", true);
        n.put("kafka", true);
        n.put("db", true);
        n.put("initiated", true);
        n.put("cloud", true);
        n.put("demo", false);
        n.put("realm", "cloud");
        n.putNull("region");
        n.putObject("available_social_auth_providers");
        n.put("can_create_org", false);
        n.put("email_service_available", false);
        n.putObject("slack_service").put("available", false).putNull("client_id");
        n.put("object_storage", true);
        n.putArray("public_egress_ip_addresses");
        return Response.json(200, n);
    }

    private static Response failure(World.OAuthState st, String code) {
        String landing;
        if (st != null && st.next != null) {
            landing = st.next;
        } else if (st != null) {
            landing = "/project/" + st.teamId + "/integrations/github";
        } else {
            landing = "/integrationg/github"; // PostHog's own fallback path, spelled as in its source
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("github_setup_error", code);
        if ("invalid_state".equals(code)) {
            params.put("error_message", "Invalid or expired state token");
        }
        return Response.redirect(appendQuery(landing, params));
    }

    static String appendQuery(String target, Map<String, String> params) {
        String fragment = "";
        int hash = target.indexOf('#');
        if (hash >= 0) {
            fragment = target.substring(hash);
            target = target.substring(0, hash);
        }
        int qm = target.indexOf('?');
        Map<String, String> merged = new LinkedHashMap<>(qm < 0 ? Map.of() : Exchange.parseForm(target.substring(qm + 1)));
        merged.putAll(params);
        StringBuilder sb = new StringBuilder(qm < 0 ? target : target.substring(0, qm));
        String sep = "?";
        for (Map.Entry<String, String> e : merged.entrySet()) {
            sb.append(sep).append(Paging.enc(e.getKey())).append('=').append(Paging.enc(e.getValue()));
            sep = "&";
        }
        return sb + fragment;
    }

    private static String stateToken(String raw) {
        if (raw == null) {
            return "";
        }
        return raw.startsWith("token=") ? raw.substring("token=".length()) : "";
    }

    // ---- pages

    private static final Map<String, String> ERRORS = Map.of(
            "access_denied", "GitHub authorization was canceled.",
            "github_oauth_error", "GitHub rejected the authorization. Please try again.",
            "missing_params", "GitHub didn't send back the expected parameters. Please try again.",
            "invalid_state", "The GitHub setup request expired or could not be verified. Please try again.",
            "exchange_failed", "GitHub rejected the authorization code. Please try again.",
            "installation_not_authorized", "Your GitHub account isn't authorized for this installation. Ask the org "
                    + "admin to grant access, or sign in with a different GitHub account.",
            "installation_token_failed", "Could not get an access token from GitHub. Please try again.",
            "integration_create_failed", "Could not save the GitHub connection. Please try again.");

    private Response donePage(Exchange ex) {
        if (!ex.method.equals("GET")) {
            return Response.html(404, page("Not found", "<p>Nothing here.</p>"));
        }
        String error = ex.query.getOrDefault("github_setup_error", ex.query.get("github_link_error"));
        if (error != null) {
            String msg = ERRORS.getOrDefault(error, "Could not connect GitHub. Please try again.");
            return Response.html(200, page("GitHub not connected",
                    "<p class=\"err\">" + esc(msg) + "</p><p>Error code: <code id=\"error\">" + esc(error) + "</code></p>"));
        }
        String inst = ex.query.get("installation_id");
        String integ = ex.query.get("integration_id");
        if (inst != null && integ != null) {
            return Response.html(200, page("GitHub connected",
                    "<p>Installation <code id=\"installation_id\">" + esc(inst) + "</code> is now linked as integration "
                            + "<code id=\"integration_id\">" + esc(integ) + "</code>. You can close this tab and return "
                            + "to Hoglink.</p>"));
        }
        return Response.html(200, page("Hoglink sandbox",
                "<p>This is the Hoglink sandbox, a local stand-in for PostHog. Its API lives under /api/.</p>"));
    }

    private static String page(String title, String body) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + esc(title)
                + "</title><style>body{font-family:system-ui,sans-serif;max-width:36rem;margin:3rem auto;}"
                + "form{display:inline-block;margin-right:.5rem}button{font-size:1rem;padding:.4rem 1rem}"
                + ".err{color:#b00020}</style></head><body><h1>" + esc(title) + "</h1>" + body + "</body></html>";
    }

    static String esc(String s) {
        if (s == null) {
            return "";
        }
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
                .replace("'", "&#39;");
    }
}
