package dev.hoglink.service.session;

import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.inventory.InventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogApi;
import dev.hoglink.api.Sleeper;
import java.time.Clock;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds, once per connection, every service the UI uses over one client: inventory, link, OAuth, audit.
 * The only place where a client meets the services; the composition root owns one, and the connection
 * dialog reaches it through connection.ConnectionService.
 */
public final class SessionFactory {

    /** Builds a client for a host and key (the real one, or a test's). */
    @FunctionalInterface
    public interface ClientFactory {
        PostHogApi create(PostHogHost host, ApiKey key);

        /** A client whose token comes from {@code bearer} (an OAuth session). */
        default PostHogApi createSignedIn(PostHogHost host, dev.hoglink.api.BearerSource bearer) {
            return dev.hoglink.api.PostHogClient.builder(host.url(), bearer.current()).bearer(bearer).build();
        }
    }

    private final ClientFactory clients;
    private final ActionJournal journal;
    private final Supplier<Set<String>> enterpriseHosts;

    /**
     * @param enterpriseHosts the trusted GitHub Enterprise hosts, read when an OAuth wizard opens
     */
    public SessionFactory(ClientFactory clients, ActionJournal journal,
                          Supplier<Set<String>> enterpriseHosts) {
        this.clients = Objects.requireNonNull(clients);
        this.journal = Objects.requireNonNull(journal);
        this.enterpriseHosts = Objects.requireNonNull(enterpriseHosts);
    }

    /** Opens a session with a key (off the UI thread: building a client may touch the trust store). */
    public Session open(PostHogHost host, String label, boolean sandbox, String key) {
        return open(host, label, sandbox, key, SessionTraits.NONE);
    }

    /** Like {@link #open(PostHogHost, String, boolean, String)}, with the profile's read-only mark and site address. */
    public Session open(PostHogHost host, String label, boolean sandbox, String key, SessionTraits traits) {
        return over(host, label, sandbox, clients.create(host, ApiKey.of(key)), traits);
    }

    /**
     * Opens a session signed in with PostHog (OAuth): every request carries the session's current access token,
     * and the client's limiter follows the credential ({@code RateLimiter.forOAuth}: PostHog's personal-key
     * windows do not count OAuth requests).
     */
    public Session openSignedIn(PostHogHost host, String label, dev.hoglink.api.BearerSource signedIn) {
        return openSignedIn(host, label, signedIn, SessionTraits.NONE);
    }

    /** As {@link #openSignedIn(PostHogHost, String, dev.hoglink.api.BearerSource)}, with the profile's traits. */
    public Session openSignedIn(PostHogHost host, String label, dev.hoglink.api.BearerSource signedIn,
                                SessionTraits traits) {
        return over(host, label, false, clients.createSignedIn(host, signedIn), traits);
    }

    /** The services over an existing client (the one a connection test just used). */
    public Session over(PostHogHost host, String label, boolean sandbox, PostHogApi client) {
        return over(host, label, sandbox, client, SessionTraits.NONE);
    }

    /** The services over an existing client; the OAuth service accepts returns on the traits' site address. */
    public Session over(PostHogHost host, String label, boolean sandbox, PostHogApi client, SessionTraits traits) {
        InventoryService inventory = new HttpInventoryService(client);
        LinkService links = new LinkService(client, journal, host.url());
        AuditService audit = new AuditService(inventory, client, journal);
        return new Session(host, label, sandbox, inventory, links, audit,
                () -> new OAuthService(client, host, sandbox, enterpriseHosts.get(), journal, Clock.systemUTC(),
                        Sleeper.system(), traits.siteUrl()), traits)
                .withInstallRequests(new dev.hoglink.service.github.InstallRequestService(client, journal, host.url()))
                .withPlans(new dev.hoglink.service.link.PlanService(client, links, new dev.hoglink.service.journal.PlanJournal(
                        journal.file().toAbsolutePath().getParent().resolve("plans")), Clock.systemUTC()));
    }

    /** How this factory builds clients (the connection test uses the same). */
    public ClientFactory clients() {
        return clients;
    }
}
