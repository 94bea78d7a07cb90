package dev.hoglink.service.session;

import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.audit.AuditService;
import dev.hoglink.service.inventory.InventoryConnection;
import dev.hoglink.service.inventory.InventoryService;
import dev.hoglink.service.link.LinkService;
import dev.hoglink.service.oauth.OAuthService;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The open connection, as every feature needs it: where (host), how it is shown (label, sandbox badge), and
 * the services built over it once by {@link SessionFactory} — inventory, link, OAuth, audit. The client and
 * the key stay inside those services: nothing above the service layer sees them. One at a time; switching
 * profile replaces it.
 *
 * @see SessionFactory
 */
public final class Session {

    private final PostHogHost host;
    private final String label;
    private final boolean sandbox;
    private final InventoryService inventory;
    private final LinkService links;
    private final AuditService audit;
    private final Supplier<OAuthService> oauth;
    private final SessionTraits traits;
    private dev.hoglink.service.github.InstallRequestService installRequests;
    private dev.hoglink.service.link.PlanService plans;

    Session(PostHogHost host, String label, boolean sandbox, InventoryService inventory, LinkService links,
            AuditService audit, Supplier<OAuthService> oauth) {
        this(host, label, sandbox, inventory, links, audit, oauth, SessionTraits.NONE);
    }

    Session(PostHogHost host, String label, boolean sandbox, InventoryService inventory, LinkService links,
            AuditService audit, Supplier<OAuthService> oauth, SessionTraits traits) {
        this.traits = Objects.requireNonNull(traits, "traits");
        this.host = Objects.requireNonNull(host, "host");
        this.label = label == null ? "" : label;
        this.sandbox = sandbox;
        this.inventory = Objects.requireNonNull(inventory, "inventory");
        this.links = Objects.requireNonNull(links, "links");
        this.audit = Objects.requireNonNull(audit, "audit");
        this.oauth = Objects.requireNonNull(oauth, "oauth");
    }

    /** Bulk link as plan, then apply; resumable through the plan journal. */
    public dev.hoglink.service.link.PlanService plans() {
        if (plans == null) {
            throw new IllegalStateException("this session was built without the plan service");
        }
        return plans;
    }

    Session withPlans(dev.hoglink.service.link.PlanService service) {
        this.plans = Objects.requireNonNull(service);
        return this;
    }

    public PostHogHost host() {
        return host;
    }

    public String label() {
        return label;
    }

    /** True for the built-in sandbox, whose OAuth page stands in for github.com on the host itself. */
    public boolean sandbox() {
        return sandbox;
    }

    /** True when the connection is marked read-only: the UI enables no change (model/Capabilities). */
    public boolean readOnly() {
        return traits.readOnly();
    }

    /** The profile's site address, its read-only mark and, on the sandbox, the seeded role signed in. */
    public SessionTraits traits() {
        return traits;
    }

    /** The user's GitHub App install requests waiting on an organization owner. */
    public dev.hoglink.service.github.InstallRequestService installRequests() {
        if (installRequests == null) {
            throw new IllegalStateException("This session was built without a client for install requests");
        }
        return installRequests;
    }

    Session withInstallRequests(dev.hoglink.service.github.InstallRequestService service) {
        this.installRequests = Objects.requireNonNull(service);
        return this;
    }

    /** Organizations, projects and their GitHub links. */
    public InventoryService inventory() {
        return inventory;
    }

    /** Link, bulk link and unlink, each journaled. */
    public LinkService links() {
        return links;
    }

    /** The organization audit: state, problems and history (PostHog's activity log and this computer's journal). */
    public AuditService audit() {
        return audit;
    }

    /**
     * The OAuth bootstrap over this connection. Built on each call, so the trusted GitHub Enterprise hosts
     * (oauth.properties) are read when a wizard opens, as before.
     */
    public OAuthService oauth() {
        return oauth.get();
    }

    public InventoryConnection toInventoryConnection() {
        // The cache keys a profile by its name and the sandbox by the role signed in (each role is another user).
        return new InventoryConnection(host.url(), label, sandbox, inventory, sandbox
                ? dev.hoglink.service.inventory.CacheKey.sandbox(traits.roleName())
                : label.isEmpty() ? "" : dev.hoglink.service.inventory.CacheKey.profile(label));
    }

    @Override
    public String toString() {
        return "Session[" + label + " @ " + host.url() + (sandbox ? ", sandbox" : "")
                + (traits.readOnly() ? ", read-only" : "") + "]";
    }
}
