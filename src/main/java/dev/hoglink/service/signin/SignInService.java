package dev.hoglink.service.signin;

import dev.hoglink.api.signin.AuthServerMetadata;
import dev.hoglink.api.signin.LoopbackReceiver;
import dev.hoglink.api.signin.OAuthEndpoints;
import dev.hoglink.api.signin.OAuthException;
import dev.hoglink.api.signin.OAuthSession;
import dev.hoglink.api.signin.Pkce;
import dev.hoglink.api.signin.TokenSet;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.credentials.CredentialStoreException;
import dev.hoglink.service.credentials.Credentials;
import java.io.IOException;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * "Sign in with PostHog": OAuth 2.0 authorization code with PKCE from the desktop (RFC 8252). In three steps so a
 * window can show each: {@link #plan} reads the server's metadata (and says when the server cannot do this, so the
 * admin uses a personal API key), {@link #start} registers Hoglink once per host and opens the loopback listener,
 * returning the URL for the browser, {@link #finish} waits for the browser's answer and exchanges the code. The
 * refresh token goes to the OS keyring (or, when there is none, memory for this session only), the access token
 * stays in memory. {@link #resume} signs a saved connection in again from its refresh token; {@link #signOut}
 * revokes. Every method may block on the network: never call them on the UI thread.
 */
public final class SignInService {

    private static final Logger LOGGER = LoggerFactory.getLogger(SignInService.class);

    /**
     * The scopes Hoglink asks for: what its calls need (user, organizations, projects, GitHub integrations, the
     * integration activity log). Names as posthog/scopes.py spells them.
     */
    public static final List<String> SCOPES = List.of("user:read", "organization:read", "project:read",
            "integration:read", "integration:write", "activity_log:read");
    /** The name Hoglink registers under (dcr.py refuses names starting with "posthog" or saying "official"). */
    public static final String CLIENT_NAME = "Hoglink";
    /** Registered once per host; at run time the port is the listener's (any port is accepted on 127.0.0.1). */
    public static final String REGISTERED_REDIRECT = "http://127.0.0.1" + LoopbackReceiver.PATH;
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

    /** One scope and what it lets Hoglink do, for the window to show before the browser opens. */
    public record Grant(String scope, String meaning) {
    }

    /** What a sign-in at this host will ask for. */
    public record Plan(PostHogHost host, AuthServerMetadata metadata, List<Grant> grants) {
        public List<String> scopes() {
            return grants.stream().map(Grant::scope).toList();
        }
    }

    /** A sign-in waiting for the browser: the URL to open (or copy). */
    public static final class Pending {
        private final Plan plan;
        private final String clientId;
        private final Pkce pkce;
        private final LoopbackReceiver receiver;
        private final URI url;

        Pending(Plan plan, String clientId, Pkce pkce, LoopbackReceiver receiver, URI url) {
            this.plan = plan;
            this.clientId = clientId;
            this.pkce = pkce;
            this.receiver = receiver;
            this.url = url;
        }

        /** The sign-in page: open it in the browser, or let the admin copy it. Holds no secret (the state and challenge only). */
        public URI url() {
            return url;
        }

        public Plan plan() {
            return plan;
        }

        Pkce pkce() {
            return pkce;
        }

        /** Stops waiting (the admin cancelled); {@link SignInService#finish} then fails with CANCELLED. */
        public void cancel() {
            receiver.cancel();
        }
    }

    /** A signed-in session's tokens, for {@code SessionFactory.openSignedIn}; the access token never leaves memory. */
    public record SignedIn(PostHogHost host, OAuthSession session, List<String> grantedScopes, boolean keptForSessionOnly) {
    }

    private final SignInStore store;
    private final Credentials credentials;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();
    private final int port;

    public SignInService(SignInStore store, Credentials credentials, Clock clock) {
        this(store, credentials, clock, 0);
    }

    /** With a fixed loopback port (0: any free one); tests use it to hold the port. */
    public SignInService(SignInStore store, Credentials credentials, Clock clock, int port) {
        this.store = Objects.requireNonNull(store);
        this.credentials = Objects.requireNonNull(credentials);
        this.clock = clock;
        this.port = port;
    }

    /** Reads the server's metadata. Throws NOT_OFFERED (use a personal API key, with the reason) when it has none. */
    public Plan plan(PostHogHost host) {
        OAuthEndpoints endpoints = new OAuthEndpoints(host.url(), clock);
        AuthServerMetadata m;
        try {
            m = endpoints.discover();
        } catch (OAuthException e) {
            throw translate(e, host);
        }
        if (!m.offersRegistration()) {
            throw new SignInFailure(SignInFailure.Problem.NOT_OFFERED, host.displayName()
                    + " has PostHog's OAuth server but does not let apps register themselves (no dynamic client "
                    + "registration), so Hoglink cannot sign in there. Connect with a personal API key instead.");
        }
        if (!m.offersS256()) {
            throw new SignInFailure(SignInFailure.Problem.NOT_OFFERED, host.displayName()
                    + " does not offer PKCE with S256, which Hoglink requires. Connect with a personal API key instead.");
        }
        List<Grant> grants = SCOPES.stream().map(s -> new Grant(s, meaning(s))).toList();
        return new Plan(host, m, grants);
    }

    static String meaning(String scope) {
        return switch (scope) {
            case "user:read" -> "See who you are (name, email, organizations)";
            case "organization:read" -> "List your organizations";
            case "project:read" -> "List the projects of an organization";
            case "integration:read" -> "See each project's GitHub integration and repositories";
            case "integration:write" -> "Link and unlink GitHub installations";
            case "activity_log:read" -> "Read the integration history";
            default -> scope;
        };
    }

    /** Registers Hoglink at the host if it has not yet, binds the loopback listener and builds the URL. */
    public Pending start(Plan plan) {
        OAuthEndpoints endpoints = new OAuthEndpoints(plan.host().url(), clock);
        String clientId;
        try {
            Optional<String> known = store.clientId(plan.host().url());
            if (known.isPresent() && endpoints.clientKnown(plan.metadata(), known.get(), REGISTERED_REDIRECT)) {
                clientId = known.get();
            } else {
                if (known.isPresent()) {
                    // The server lost the registration (reset, deleted): its consent page would refuse the id.
                    LOGGER.info("{} no longer knows the client Hoglink registered there; registering again",
                            plan.host().url());
                }
                clientId = endpoints.register(plan.metadata(), CLIENT_NAME, REGISTERED_REDIRECT, plan.scopes());
                try {
                    store.rememberClient(plan.host().url(), clientId);
                } catch (IOException e) {
                    LOGGER.warn("Could not save the client id for {}: {}", plan.host().url(), e.getMessage());
                }
                LOGGER.info("Registered Hoglink at {}", plan.host().url());
            }
        } catch (OAuthException e) {
            throw translate(e, plan.host());
        }
        Pkce pkce = Pkce.create(random);
        LoopbackReceiver receiver;
        try {
            receiver = LoopbackReceiver.start(port, pkce);
        } catch (OAuthException e) {
            throw translate(e, plan.host());
        }
        URI url = OAuthEndpoints.authorizeUrl(plan.metadata(), clientId, receiver.redirectUri(), plan.scopes(), pkce);
        return new Pending(plan, clientId, pkce, receiver, url);
    }

    /**
     * Waits for the browser's answer (at most {@code timeout}), exchanges the code and keeps the refresh token for
     * {@code profileName}. The listener is closed whatever happens.
     */
    public SignedIn finish(Pending p, String profileName, Duration timeout) {
        PostHogHost host = p.plan().host();
        OAuthEndpoints endpoints = new OAuthEndpoints(host.url(), clock);
        LoopbackReceiver.Callback cb;
        TokenSet tokens;
        try {
            cb = p.receiver.await(timeout);
            if (cb.error() != null) {
                if ("access_denied".equals(cb.error())) {
                    throw new SignInFailure(SignInFailure.Problem.DENIED, "You chose Deny on PostHog's page, so "
                            + "Hoglink was not given access. Sign in again and choose Authorize, or use a personal API key.");
                }
                throw new SignInFailure(SignInFailure.Problem.REJECTED, "PostHog refused the sign-in: "
                        + cb.error() + (cb.errorDescription() == null ? "" : " (" + cb.errorDescription() + ")") + ".");
            }
            tokens = endpoints.exchange(p.plan().metadata(), p.clientId, p.receiver.redirectUri(), cb.code(), p.pkce);
        } catch (OAuthException e) {
            forgetIfUnknown(e, host);
            throw translate(e, host);
        }
        return keep(profileName, host, new OAuthSession(endpoints, p.plan().metadata(), p.clientId, tokens, clock,
                rotated -> saveRefresh(profileName, rotated)), tokens);
    }

    private SignedIn keep(String profileName, PostHogHost host, OAuthSession session, TokenSet tokens) {
        credentials.newCredential(profileName); // a new sign-in may be another user: the old one's cache is not shown
        boolean sessionOnly = false;
        if (tokens.refreshToken() != null) {
            try {
                credentials.saveInKeyring(keyringName(profileName), tokens.refreshToken());
            } catch (CredentialStoreException e) {
                LOGGER.info("No keyring for the sign-in of {}; kept for this session only", profileName);
                credentials.keepForSession(keyringName(profileName), tokens.refreshToken());
                sessionOnly = true;
            }
        }
        try {
            store.markSignedIn(profileName, host.url());
        } catch (IOException e) {
            LOGGER.warn("Could not record the sign-in of {}: {}", profileName, e.getMessage());
        }
        return new SignedIn(host, session, tokens.scopes(), sessionOnly);
    }

    private void saveRefresh(String profileName, String refreshToken) {
        try {
            if (credentials.sessionOnly(keyringName(profileName))) {
                credentials.keepForSession(keyringName(profileName), refreshToken);
            } else {
                credentials.saveInKeyring(keyringName(profileName), refreshToken);
            }
        } catch (CredentialStoreException e) {
            LOGGER.warn("The renewed sign-in of {} could not be saved in the keyring; kept for this session", profileName);
            credentials.keepForSession(keyringName(profileName), refreshToken);
        }
    }

    /** Signs a saved connection in again from its refresh token (one refresh request). */
    public SignedIn resume(String profileName, PostHogHost host) {
        String refresh;
        try {
            refresh = credentials.read(keyringName(profileName)).orElse(null);
        } catch (CredentialStoreException e) {
            throw new SignInFailure(SignInFailure.Problem.NOT_SIGNED_IN, "The saved sign-in of \"" + profileName
                    + "\" could not be read from the keyring: " + e.getMessage());
        }
        Optional<String> clientId = store.clientId(host.url());
        if (refresh == null || clientId.isEmpty()) {
            throw new SignInFailure(SignInFailure.Problem.NOT_SIGNED_IN, "\"" + profileName
                    + "\" is not signed in. Sign in with PostHog first (hoglink login --profile \"" + profileName + "\").");
        }
        OAuthEndpoints endpoints = new OAuthEndpoints(host.url(), clock);
        try {
            AuthServerMetadata m = endpoints.discover();
            TokenSet tokens = endpoints.refresh(m, clientId.get(), refresh);
            OAuthSession session = new OAuthSession(endpoints, m, clientId.get(), tokens, clock,
                    rotated -> saveRefresh(profileName, rotated));
            if (tokens.refreshToken() != null && !tokens.refreshToken().equals(refresh)) {
                saveRefresh(profileName, tokens.refreshToken());
            }
            return new SignedIn(host, session, tokens.scopes(), credentials.sessionOnly(keyringName(profileName)));
        } catch (OAuthException e) {
            forgetIfUnknown(e, host);
            throw translate(e, host);
        }
    }

    /**
     * After the token step answered {@code invalid_client}: the server no longer holds Hoglink's registration, so
     * the kept client id is dropped and the next sign-in registers again (a code or refresh token belongs to the
     * old client and cannot be retried under a new one).
     */
    private void forgetIfUnknown(OAuthException e, PostHogHost host) {
        if (!"invalid_client".equals(e.serverError())) {
            return;
        }
        LOGGER.info("{} no longer knows the client Hoglink registered there; the next sign-in registers again",
                host.url());
        try {
            store.forgetClient(host.url());
        } catch (IOException io) {
            LOGGER.warn("Could not update {}: {}", SignInStore.FILE_NAME, io.getClass().getSimpleName());
        }
    }

    /** Whether the profile signs in with PostHog (rather than a personal API key). */
    public boolean isSignedIn(String profileName) {
        return store.signedInHost(profileName).isPresent();
    }

    /**
     * Signs out: revokes the sign-in at PostHog (when {@code live} is given or a refresh token is saved), then
     * forgets the refresh token and the profile's mark. Local forgetting happens even when revocation fails;
     * the returned text says so.
     */
    public Optional<String> signOut(String profileName, PostHogHost host, SignedIn live) {
        Optional<String> problem = Optional.empty();
        try {
            if (live != null) {
                live.session().revoke();
            } else {
                Optional<String> refresh = credentials.read(keyringName(profileName));
                Optional<String> clientId = store.clientId(host.url());
                if (refresh.isPresent() && clientId.isPresent()) {
                    OAuthEndpoints endpoints = new OAuthEndpoints(host.url(), clock);
                    endpoints.revoke(endpoints.discover(), clientId.get(), refresh.get(), "refresh_token");
                }
            }
        } catch (OAuthException | CredentialStoreException e) {
            problem = Optional.of("PostHog could not be told to revoke the sign-in (" + e.getMessage()
                    + "); it was forgotten on this computer. Revoke it in PostHog's settings under Authorized apps.");
        }
        try {
            credentials.forget(keyringName(profileName));
            store.forgetProfile(profileName);
        } catch (CredentialStoreException | IOException e) {
            problem = Optional.of("The sign-in could not be removed from this computer: " + e.getMessage());
        }
        return problem;
    }

    /** The keyring entry of a profile's refresh token: {@code hoglink/signin@<profile>} (hashed when too long). */
    static String keyringName(String profileName) {
        String n = "signin@" + profileName;
        if (n.length() <= 64) {
            return n;
        }
        return "signin@" + Integer.toHexString(profileName.toLowerCase(java.util.Locale.ROOT).hashCode())
                + "-" + Integer.toHexString(profileName.hashCode());
    }

    static SignInFailure translate(OAuthException e, PostHogHost host) {
        SignInFailure.Problem p = switch (e.kind()) {
            case NO_METADATA, NO_REGISTRATION -> SignInFailure.Problem.NOT_OFFERED;
            case DENIED -> SignInFailure.Problem.DENIED;
            case PORT_UNAVAILABLE -> SignInFailure.Problem.PORT_UNAVAILABLE;
            case TIMED_OUT -> SignInFailure.Problem.TIMED_OUT;
            case STATE_MISMATCH, AUTHORIZATION_ERROR, REGISTRATION_REFUSED -> SignInFailure.Problem.REJECTED;
            case EXCHANGE_FAILED -> SignInFailure.Problem.EXCHANGE_FAILED;
            case REFRESH_REFUSED -> SignInFailure.Problem.SIGNED_OUT;
            case CANCELLED -> SignInFailure.Problem.CANCELLED;
            case NETWORK -> SignInFailure.Problem.NETWORK;
        };
        String text = e.getMessage();
        if (p == SignInFailure.Problem.NOT_OFFERED) {
            text += " Connect with a personal API key instead (PostHog: Settings › Personal API keys).";
        } else if (p == SignInFailure.Problem.EXCHANGE_FAILED) {
            text += " The sign-in code may have expired (PostHog keeps it 5 minutes) or been used already: sign in again.";
        } else if (p == SignInFailure.Problem.SIGNED_OUT) {
            text = "The saved sign-in at " + host.displayName() + " is no longer accepted (it was revoked or expired). "
                    + "Sign in with PostHog again.";
        }
        return new SignInFailure(p, text);
    }
}
