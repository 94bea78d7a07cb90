package dev.hoglink.service.connection;

import dev.hoglink.service.PostHogHost;
import java.util.Arrays;
import java.util.Optional;

/**
 * The plain message for each {@link ConnectionFailure}, shared by the connection dialog and the command
 * line: a headline saying what happened and advice saying what to do. Pure logic.
 */
public final class ConnectionMessages {

    private static final String KEYS_PAGE = "Settings › Personal API keys";

    /** What to show; {@code suggestedHost} is set when switching host would likely fix it. */
    public record ConnectionMessage(String headline, String advice, Optional<PostHogHost> suggestedHost) {
        /** Headline and advice as one paragraph, for the command line and logs. */
        public String text() {
            return headline + " " + advice;
        }
    }

    private ConnectionMessages() {
    }

    public static ConnectionMessage describe(ConnectionProblem problem) {
        PostHogHost host = problem.host();
        String where = host.displayName();
        String detail = problem.detail();
        return switch (problem.failure()) {
            case INVALID_KEY -> invalidKey(host);
            case KEY_FOR_OTHER_REGION -> {
                PostHogHost other = host.otherCloudRegion().orElse(host);
                yield new ConnectionMessage("This key belongs to " + other.displayName() + ", not " + where + ".",
                        "PostHog keeps US and EU Cloud accounts apart. Switch the host to " + other.displayName()
                                + " (" + other.url() + ") and test again.",
                        host.otherCloudRegion());
            }
            case NOT_POSTHOG -> new ConnectionMessage(host.url() + " does not look like PostHog.",
                    "It answered, but not with PostHog's API. Use the address you open PostHog at in your browser, "
                            + "for example https://posthog.example.com, without a path.",
                    Optional.empty());
            case TLS -> new ConnectionMessage("The secure connection to " + hostName(host) + " failed"
                            + (detail == null ? "." : ": " + detail + "."),
                    "Its certificate could not be verified, and Hoglink never skips that check. Check the address; "
                            + "if your PostHog uses a certificate from a private authority, add that authority to "
                            + "the trust store of the Java runtime Hoglink uses.",
                    Optional.empty());
            case TIMEOUT -> new ConnectionMessage(hostName(host) + " did not answer in time.",
                    "Check your network, VPN or proxy and the address, then try again.", Optional.empty());
            // The same sentence as a project's row says when its request could not be sent (NetworkException).
            case UNREACHABLE -> new ConnectionMessage(dev.hoglink.api.NetworkException.unreachableHeadline(hostName(host)),
                    dev.hoglink.api.NetworkException.UNREACHABLE_ADVICE, Optional.empty());
            case CONNECTION_BROKEN -> new ConnectionMessage("The connection to " + hostName(host)
                            + " broke after it was made.",
                    "The server was reached, then the connection was reset or closed before a whole answer came. "
                            + "Try again; if it keeps happening, check a proxy, VPN or firewall on the way and that the "
                            + "port is PostHog's.",
                    Optional.empty());
            case PERSONAL_KEYS_FORBIDDEN -> new ConnectionMessage(
                    "The organization " + (detail == null ? "" : "\"" + detail + "\" ")
                            + "does not allow personal API keys.",
                    "Its admins turned them off for members. Ask an organization admin to allow personal API keys "
                            + "in the organization's settings, or use a key of an admin.",
                    Optional.empty());
            case MISSING_SCOPE -> missingScope(detail);
        };
    }

    private static ConnectionMessage invalidKey(PostHogHost host) {
        String advice = "It may have been revoked, or mistyped when pasted. Create a new personal API key in PostHog ("
                + KEYS_PAGE + ") and paste it again.";
        Optional<PostHogHost> other = host.otherCloudRegion();
        if (other.isPresent()) {
            advice += " If the key was made on " + other.get().displayName() + " (" + hostName(other.get())
                    + "), switch the host to " + other.get().displayName() + ".";
        }
        return new ConnectionMessage(host.displayName() + " did not accept this API key.", advice, other);
    }

    private static ConnectionMessage missingScope(String scope) {
        if (scope == null) {
            return new ConnectionMessage("The API key lacks a scope this action needs.",
                    "Edit the key in PostHog (" + KEYS_PAGE + ") to add the missing scope, or create a new key.",
                    Optional.empty());
        }
        String effect = Arrays.stream(ScopeCheck.Needed.values())
                .filter(n -> n.scope().equals(scope))
                .map(n -> " " + Character.toUpperCase(n.disables().charAt(0)) + n.disables().substring(1) + ".")
                .findFirst().orElse("");
        return new ConnectionMessage("The API key lacks the " + scope + " scope." + effect,
                "Edit the key in PostHog (" + KEYS_PAGE + ") to add " + scope + ", or create a new key with it.",
                Optional.empty());
    }

    private static String hostName(PostHogHost host) {
        return host.uri().getHost() + (host.uri().getPort() == -1 ? "" : ":" + host.uri().getPort());
    }
}
