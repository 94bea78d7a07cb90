package dev.hoglink.sandbox;

import java.util.List;
import java.util.Set;

/**
 * Routes {@code /api/...} requests to one handler per resource, through the {@link Gate}: a matched route
 * names the scope object it needs and whether even a GET changes state (then it runs under the write lock
 * and the state is saved). Errors come back in PostHog's envelope; a 401 carries {@code WWW-Authenticate}.
 */
final class Router {

    private static final String WWW_AUTHENTICATE_PATH = "/.well-known/oauth-protected-resource";

    /** A matched route: the scope object it needs, whether even a GET changes state, and its handler. */
    private record Route(String scopeObject, boolean writesOnRead, Handler handler) {
    }

    @FunctionalInterface
    private interface Handler {
        Response handle(World w, Exchange ex);
    }

    private final SandboxState state;
    private final Gate gate;
    private final UsersHandler users;
    private final OrganizationsHandler organizations;
    private final ProjectsHandler projects;
    private final IntegrationsHandler integrations;
    private final GitHubHandler github;
    private final GitHubReposHandler repos;
    private final OAuthHandler oauth;
    private final ActivityLogHandler activity;

    Router(SandboxState state, Gate gate, GitHubLinks links, java.time.Clock clock) {
        this.state = state;
        this.gate = gate;
        this.users = new UsersHandler(gate);
        this.organizations = new OrganizationsHandler(gate);
        this.projects = new ProjectsHandler(gate);
        this.integrations = new IntegrationsHandler(gate, links.audit());
        this.github = new GitHubHandler(gate, links);
        this.repos = new GitHubReposHandler(gate, links);
        this.oauth = new OAuthHandler(gate, links, clock);
        this.activity = new ActivityLogHandler(gate);
    }

    Response handle(Exchange ex) {
        try {
            Route route = route(ex);
            if (route == null) {
                throw ApiError.notFound();
            }
            boolean writes = route.writesOnRead || !Gate.isSafe(ex.method);
            return writes ? state.write(w -> run(w, ex, route)) : state.read(w -> run(w, ex, route));
        } catch (ApiError e) {
            return errorResponse(ex, e);
        }
    }

    private static Response errorResponse(Exchange ex, ApiError e) {
        Response r = Response.error(e);
        if (e.status == 401) {
            r.with("WWW-Authenticate", "Bearer resource_metadata=\"" + ex.origin + WWW_AUTHENTICATE_PATH + "\"");
        }
        return r;
    }

    private Response run(World w, Exchange ex, Route route) {
        gate.admit(w, ex, route.scopeObject);
        // Project and organization checks happen inside the handler via the gate's team()/org(); the throttle after them.
        return route.handler.handle(w, ex);
    }

    private static Route read(String scopeObject, Handler h) {
        return new Route(scopeObject, false, h);
    }

    private Route route(Exchange ex) {
        List<String> s = ex.segments;
        if (s.size() < 2 || !s.get(0).equals("api")) {
            return null;
        }
        int n = s.size();
        switch (s.get(1)) {
            case "users":
                return n == 3 ? read("user", users::me) : null;
            case "personal_api_keys":
                return n == 3 && s.get(2).equals("@current") ? read("personal_api_key", users::currentKey) : null;
            case "organizations":
                if (n == 2) {
                    return read("organization", organizations::list);
                }
                if (n == 3) {
                    return read("organization", organizations::detail);
                }
                if (n == 4 && s.get(3).equals("projects")) {
                    return read("project", projects::ofOrganization);
                }
                if (n == 5 && s.get(3).equals("projects")) {
                    return read("project", projects::ofOrganizationDetail);
                }
                return null;
            case "projects":
                return projectRoute(s);
            default:
                return null;
        }
    }

    private Route projectRoute(List<String> s) {
        int n = s.size();
        if (n == 3) {
            return read("project", projects::detail);
        }
        if (n == 4 && s.get(3).equals("activity_log")) {
            return read("activity_log", activity::list);
        }
        if (n < 4 || !s.get(3).equals("integrations")) {
            return null;
        }
        if (n == 4) {
            return read("integration", integrations::list);
        }
        if (n == 6 && s.get(4).equals("github")) {
            return switch (s.get(5)) {
                case "available_installations" -> new Route("integration", true, github::availableInstallations);
                case "link_existing" -> read("integration", github::linkExisting);
                case "oauth_authorize" -> read("integration", oauth::authorize);
                default -> null;
            };
        }
        if (!s.get(4).matches("\\d{1,9}")) {
            return null;
        }
        if (n == 5) {
            return read("integration", integrations::detail);
        }
        if (n == 6 && s.get(5).equals("github_repos")) {
            return read("integration", repos::list);
        }
        if (n == 7 && s.get(5).equals("github_repos") && s.get(6).equals("refresh")) {
            return read("integration", repos::refresh);
        }
        return null;
    }
}
