package dev.hoglink.service.connection;

import dev.hoglink.api.NetworkFailure;
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
            // A failure on the wire reads as the request's own message does in a project's row (NetworkFailure).
            case NOT_POSTHOG, TLS, TIMEOUT, UNREACHABLE, CONNECTION_BROKEN -> wire(problem.network(), host, detail);
            case PERSONAL_KEYS_FORBIDDEN -> new ConnectionMessage(
                    "The organization " + (detail == null ? "" : "\"" + detail + "\" ")
                            + "does not allow personal API keys.",
                    "Its admins turned them off for members. Ask an organization admin to allow personal API keys "
                            + "in the organization's settings, or use a key of an admin.",
                    Optional.empty());
            case MISSING_SCOPE -> missingScope(detail);
        };
    }

    private static ConnectionMessage wire(NetworkFailure n, PostHogHost host, String what) {
        String where = n == NetworkFailure.NOT_POSTHOG ? host.url() : hostName(host);
        return new ConnectionMessage(n.headline(where, what), n.advice(where, what), Optional.empty());
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
