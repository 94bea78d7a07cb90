package dev.hoglink.service.connection;

import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.inventory.ScopedKey;
import dev.hoglink.service.session.Session;
import dev.hoglink.service.session.SessionFactory;
import dev.hoglink.api.ApiException;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.AuthenticationException;
import dev.hoglink.api.InvalidResponseException;
import dev.hoglink.api.NetworkException;
import dev.hoglink.api.NotFoundException;
import dev.hoglink.api.PermissionException;
import dev.hoglink.api.PostHogApi;
import dev.hoglink.api.dto.OrganizationDto;
import dev.hoglink.api.dto.PersonalApiKeyDto;
import dev.hoglink.api.dto.UserDto;
import dev.hoglink.model.Organization;
import dev.hoglink.service.connection.ConnectionMessages.ConnectionMessage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Test connection": who the key belongs to, which organizations it sees with the caller's level in each,
 * and which of the scopes Hoglink needs it has. Every request goes to the host being tested and nowhere
 * else: a key refused by one PostHog Cloud region is never tried on the other behind the user's back
 * (the message suggests the switch instead).
 */
public final class ConnectionService {

    private static final Logger LOGGER = LoggerFactory.getLogger(ConnectionService.class);

    /**
     * What a successful test found. {@code scopes} is empty when the key may not read its own scopes;
     * {@code unreadable} holds, by organization id, why PostHog refused this key the projects of an organization it
     * lists (an organization that does not let members use personal API keys, N5 and N26).
     */
    public record Report(String userName, String email, List<Organization> organizations,
                         Optional<ScopeCheck.Report> scopes, Set<String> scopesSeenWorking, Optional<String> limit,
                         Map<String, String> unreadable) {
        public Report {
            organizations = List.copyOf(organizations);
            scopesSeenWorking = Set.copyOf(scopesSeenWorking);
            unreadable = Map.copyOf(unreadable);
        }

        public Report(String userName, String email, List<Organization> organizations,
                      Optional<ScopeCheck.Report> scopes, Set<String> scopesSeenWorking, Optional<String> limit) {
            this(userName, email, organizations, scopes, scopesSeenWorking, limit, Map.of());
        }

        public Report(String userName, String email, List<Organization> organizations,
                      Optional<ScopeCheck.Report> scopes, Set<String> scopesSeenWorking) {
            this(userName, email, organizations, scopes, scopesSeenWorking, Optional.empty());
        }

        /** False only when the key's scopes were read and integration:write is missing. */
        public boolean canWrite() {
            return scopes.map(r -> r.has(ScopeCheck.Needed.INTEGRATION_WRITE)).orElse(true);
        }
    }

    /** The outcome of a test. */
    public sealed interface Result permits Ok, Failed {
    }

    public record Ok(Report report, PostHogApi client) implements Result {
    }

    public record Failed(ConnectionProblem problem, ConnectionMessage message) implements Result {
    }

    private final SessionFactory.ClientFactory clients;
    private final SessionFactory sessions;

    /** Tests a connection only; {@link #open} is not available. */
    public ConnectionService(SessionFactory.ClientFactory clients) {
        this.clients = clients;
        this.sessions = null;
    }

    /** Tests connections and opens sessions over the tested client. */
    public ConnectionService(SessionFactory sessions) {
        this.clients = sessions.clients();
        this.sessions = sessions;
    }

    /** Tests a key as typed (the key is wrapped here, so it never travels as a plain string further down). */
    public Result test(PostHogHost host, String key) {
        return test(host, ApiKey.of(key));
    }

    /** The session over the client a successful test used, named {@code label}. */
    public Session open(Ok ok, PostHogHost host, String label) {
        return open(ok, host, label, dev.hoglink.service.session.SessionTraits.NONE);
    }

    /** Like {@link #open(Ok, PostHogHost, String)}, with the profile's read-only mark and site address. */
    public Session open(Ok ok, PostHogHost host, String label, dev.hoglink.service.session.SessionTraits traits) {
        if (sessions == null) {
            throw new IllegalStateException("This connection service only tests connections");
        }
        return sessions.over(host, label, false, ok.client(), traits);
    }

    public Result test(PostHogHost host, ApiKey key) {
        PostHogApi client;
        try {
            client = clients.create(host, key);
        } catch (ApiException e) {
            return failed(host, ConnectionFailure.NOT_POSTHOG);
        }
        Set<String> working = new LinkedHashSet<>();
        UserDto me;
        try {
            me = client.me();
            working.add(ScopeCheck.Needed.USER_READ.scope());
        } catch (ApiException e) {
            return classify(host, e);
        }
        List<Organization> orgs = new ArrayList<>();
        List<OrganizationDto> keysBanned = new ArrayList<>();
        Optional<String> limit = Optional.empty();
        try {
            for (OrganizationDto o : client.organizations()) {
                orgs.add(HttpInventoryService.organization(o));
                if (Boolean.FALSE.equals(o.membersCanUsePersonalApiKeys())
                        && (o.membershipLevel() == null || o.membershipLevel() < Organization.ADMIN)) {
                    keysBanned.add(o);
                }
            }
            working.add(ScopeCheck.Needed.ORGANIZATION_READ.scope());
        } catch (PermissionException e) {
            // Without organization:read, the user's own record still names the organizations and levels.
            LOGGER.info("Organizations list refused ({}); using the user's memberships", e.reason());
            me.organizations().forEach(o -> orgs.add(HttpInventoryService.organization(o)));
            if (ScopedKey.limitedToProjects(e)) {
                limit = limitedToProjects(client, me);
            }
        } catch (ApiException e) {
            return classify(host, e);
        }
        Optional<ScopeCheck.Report> scopes;
        try {
            PersonalApiKeyDto current = client.currentKey();
            scopes = Optional.of(ScopeCheck.check(current.scopes()));
            if (limit.isEmpty()) {
                limit = ScopedKey.organizationsNote(orgs.stream()
                        .filter(o -> current.scopedOrganizations().contains(o.id())).map(Organization::name).toList());
            }
        } catch (PermissionException | NotFoundException e) {
            LOGGER.info("The key cannot read its own scopes ({}); scopes are reported as seen", e.getClass().getSimpleName());
            scopes = Optional.empty();
        } catch (ApiException e) {
            return classify(host, e);
        }
        String name = ((nz(me.firstName()) + " " + nz(me.lastName())).trim());
        return new Ok(new Report(name.isEmpty() ? nz(me.email()) : name, nz(me.email()), orgs, scopes, working, limit,
                unreadable(client, keysBanned)), client);
    }

    /**
     * PostHog lists an organization that bans members' personal API keys, then refuses the key everything inside
     * it (the ban is checked on organization-scoped views only; it bites only where the organization has the
     * security settings feature, N26). For each organization whose payload says members may not use keys and
     * where the caller is not an admin, the project list (the window's first read) is asked: its refusal is kept.
     */
    private static Map<String, String> unreadable(PostHogApi client, List<OrganizationDto> keysBanned) {
        Map<String, String> refused = new LinkedHashMap<>();
        for (OrganizationDto o : keysBanned) {
            try {
                client.projectsFirstPage(o.id()); // whether it may read them, not all of them
            } catch (PermissionException e) {
                LOGGER.info("The projects of organization {} are refused to this key ({})", o.id(), e.reason());
                refused.put(o.id(), e.userMessage());
            } catch (ApiException e) {
                LOGGER.info("Reading the projects of organization {} failed during the test: {}", o.id(),
                        e.getMessage());
            }
        }
        return refused;
    }

    /** A key limited to projects: which of the current organization's projects it reaches (N10). */
    private static Optional<String> limitedToProjects(PostHogApi client, UserDto me) {
        if (me.organization() == null) {
            return Optional.of(ScopedKey.projectsNote(List.of()));
        }
        try {
            return Optional.of(ScopedKey.projectsNote(ScopedKey.reachableProjects(client, me.organization().id())));
        } catch (ApiException e) {
            return Optional.of("This API key is limited to some projects; they could not be listed ("
                    + e.userMessage() + ").");
        }
    }

    private static Result classify(PostHogHost host, ApiException e) {
        LOGGER.info("Connection test to {} failed: {}", host.url(), e.getMessage());
        if (e instanceof AuthenticationException) {
            return failed(host, ConnectionFailure.INVALID_KEY);
        }
        if (e instanceof PermissionException p) {
            Optional<ConnectionProblem> known = ConnectionProblem.fromForbiddenDetail(host, p.detail());
            if (known.isPresent()) {
                return new Failed(known.get(), ConnectionMessages.describe(known.get()));
            }
        }
        if (e instanceof NetworkException n) {
            Optional<ConnectionProblem> p = ConnectionProblem.ofNetwork(host, n);
            if (p.isPresent()) {
                return new Failed(p.get(), ConnectionMessages.describe(p.get()));
            }
        }
        if (e instanceof InvalidResponseException i) {
            ConnectionProblem p = ConnectionProblem.ofInvalidAnswer(host, i);
            return new Failed(p, ConnectionMessages.describe(p));
        }
        if (e instanceof NotFoundException) {
            return failed(host, ConnectionFailure.NOT_POSTHOG);
        }
        // A server error or throttling says nothing about the key: pass PostHog's own advice on.
        ConnectionProblem problem = ConnectionProblem.of(ConnectionFailure.UNREACHABLE, host);
        return new Failed(problem, new ConnectionMessage(e.userMessage(), "Try again in a moment.", Optional.empty()));
    }

    private static Failed failed(PostHogHost host, ConnectionFailure f) {
        ConnectionProblem p = ConnectionProblem.of(f, host);
        return new Failed(p, ConnectionMessages.describe(p));
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
