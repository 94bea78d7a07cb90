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
    private record Route(String scopeObject, Gate.Reach reach, boolean writesOnRead, Handler handler) {
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
    private final InstallRequestsHandler installRequests;

    Router(SandboxState state, Gate gate, GitHubLinks links, java.time.Clock clock) {
        this.state = state;
        this.gate = gate;
        this.users = new UsersHandler(gate);
        this.organizations = new OrganizationsHandler(gate);
        this.projects = new ProjectsHandler(gate);
        this.integrations = new IntegrationsHandler(gate, links);
        this.github = new GitHubHandler(gate, links);
        this.repos = new GitHubReposHandler(gate, links);
        this.oauth = new OAuthHandler(gate, links, clock);
        this.activity = new ActivityLogHandler(gate);
        this.installRequests = new InstallRequestsHandler(gate, clock);
    }

    /** The install requests' handler, whose webhook and approval page the server serves outside /api/. */
    InstallRequestsHandler installRequests() {
        return installRequests;
    }

    /**
     * posthog/api/team.py {@code ProjectEnvironmentsViewSet.initial}: every request to
     * {@code /api/projects/{id}/environments/…} is refused before authentication, whatever the key or method.
     */
    static final String ENVIRONMENTS_GONE = "Multiple environments per project are no longer available. "
            + "Please contact support if you need assistance.";

    /** An OAuth access token in the Authorization header ({@code Bearer pha_…}), valid or not. */
    private static boolean oauthBearer(Exchange ex) {
        String auth = ex.header("authorization");
        return auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) && auth.substring(7).trim().startsWith("pha_");
    }

    Response handle(Exchange ex) {
        try {
            List<String> s = ex.segments;
            if (s.size() >= 4 && s.get(0).equals("api") && s.get(1).equals("projects")
                    && s.get(3).equals("environments")) {
                throw ApiError.denied(ENVIRONMENTS_GONE);
            }
            if (s.size() >= 2 && s.get(0).equals("api") && s.get(1).equals("personal_api_keys")
                    && oauthBearer(ex)) {
                // posthog/api/personal_api_key.py: the viewset authenticates personal keys and web sessions only, and
                // PersonalAPIKeyAuthentication passes over a "Bearer pha_" header (posthog/auth.py), so a sign-in's
                // token is no credential there: IsAuthenticated refuses with 401 (docs/api-notes.md NH1).
                throw ApiError.notAuthenticated();
            }
            Route route = route(ex);
            if (route == null) {
                // PostHog's catch-all for an /api/ path nothing serves (posthog/api/__init__.py api_not_found)
                throw ApiError.notFound(ApiError.ENDPOINT_NOT_FOUND);
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
            r.with("WWW-Authenticate", "Bearer resource_metadata=\"" + ex.siteUrl + WWW_AUTHENTICATE_PATH + "\"");
        }
        return r;
    }

    private Response run(World w, Exchange ex, Route route) {
        gate.admit(w, ex, route.scopeObject, route.reach);
        // Project and organization checks happen inside the handler via the gate's team()/org(); the throttle after them.
        return route.handler.handle(w, ex);
    }

    private static Route route(String scopeObject, Gate.Reach reach, Handler h) {
        return new Route(scopeObject, reach, false, h);
    }

    /** A route on a project (team) of the URL. */
    private static Route team(String scopeObject, Handler h) {
        return new Route(scopeObject, Gate.Reach.TEAM, false, h);
    }

    private Route route(Exchange ex) {
        List<String> s = ex.segments;
        if (s.size() < 2 || !s.get(0).equals("api")) {
            return null;
        }
        int n = s.size();
        switch (s.get(1)) {
            case "users":
                if (n == 2) {
                    return route("user", Gate.Reach.USER, users::list);
                }
                if (n == 3) {
                    return route("user", Gate.Reach.USER, users::detail);
                }
                if (n == 4 && s.get(2).equals("@me") && s.get(3).equals("integrations")) {
                    return route("user", Gate.Reach.USER, users::personalIntegrations);
                }
                return userIntegrationRoute(s);
            case "personal_api_keys":
                if (n == 2) {
                    return route("personal_api_key", Gate.Reach.UNSCOPED, users::keys);
                }
                if (n == 3) {
                    return route("personal_api_key", Gate.Reach.UNSCOPED,
                            s.get(2).equals("@current") ? users::currentKey : users::key);
                }
                return null;
            case "organizations":
                if (n == 2) {
                    return route("organization", Gate.Reach.ORGANIZATION, organizations::list);
                }
                if (n == 3) {
                    return route("organization", Gate.Reach.ORGANIZATION, organizations::detail);
                }
                if (n == 4 && s.get(3).equals("projects")) {
                    return route("project", Gate.Reach.ORGANIZATION_PROJECTS, projects::ofOrganization);
                }
                if (n == 5 && s.get(3).equals("projects")) {
                    return route("project", Gate.Reach.ORGANIZATION_PROJECT, projects::ofOrganizationDetail);
                }
                return null;
            case "projects":
                return projectRoute(s, ex.environmentsPrefix);
            default:
                return null;
        }
    }

    /** {@code /api/users/@me/integrations/github/install_requests/[{id}/]} (UserIntegrationViewSet, scope "user"). */
    private Route userIntegrationRoute(List<String> s) {
        boolean requests = s.size() >= 6 && s.get(2).equals("@me") && s.get(3).equals("integrations")
                && s.get(4).equals("github") && s.get(5).equals("install_requests");
        if (requests && s.size() == 6) {
            return route("user", Gate.Reach.USER, installRequests::list);
        }
        return requests && s.size() == 7 ? route("user", Gate.Reach.USER, installRequests::dismiss) : null;
    }

    private Route projectRoute(List<String> s, boolean environmentsPrefix) {
        int n = s.size();
        if (n == 3 && environmentsPrefix) {
            // posthog/api/__init__.py: /api/environments/ is RootTeamViewSet (TeamSerializer), any team by its own id
            return route("project", Gate.Reach.ENVIRONMENT, projects::environmentDetail);
        }
        if (n == 3) {
            return route("project", Gate.Reach.PROJECT, projects::detail); // ProjectViewSet: the id is a project's
        }
        if (n == 4 && s.get(3).equals("activity_log")) {
            return team("activity_log", activity::list);
        }
        if (n < 4 || !s.get(3).equals("integrations")) {
            return null;
        }
        if (n == 4) {
            return team("integration", integrations::list);
        }
        if (n == 6 && s.get(4).equals("github")) {
            return switch (s.get(5)) {
                case "available_installations" -> new Route("integration", Gate.Reach.TEAM, true,
                        github::availableInstallations);
                case "link_existing" -> team("integration", github::linkExisting);
                case "oauth_authorize" -> team("integration", oauth::authorize);
                case "prepare_callback" -> team("integration", oauth::prepareCallback);
                default -> null;
            };
        }
        if (!s.get(4).matches("\\d{1,9}")) {
            return null;
        }
        if (n == 5) {
            return team("integration", integrations::detail);
        }
        if (n == 6 && s.get(5).equals("github_repos")) {
            return team("integration", repos::list);
        }
        if (n == 7 && s.get(5).equals("github_repos") && s.get(6).equals("refresh")) {
            return team("integration", repos::refresh);
        }
        return null;
    }
}
