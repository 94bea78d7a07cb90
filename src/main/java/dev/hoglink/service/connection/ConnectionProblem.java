package dev.hoglink.service.connection;

import dev.hoglink.api.NetworkFailure;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.util.Redactor;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A connection failure to explain: its kind, the host it happened on, one detail where the kind has one (the missing
 * scope, the organization's name, the address a refused redirect pointed to), and for a failure on the wire or an
 * unusable answer how the api layer words it ({@link NetworkFailure}: which TLS failure, a timeout, an answer not in
 * HTTP, a refused redirect, a cut body), so the message above everything reads as a project's row does.
 * The detail is redacted on the way in.
 */
public record ConnectionProblem(ConnectionFailure failure, PostHogHost host, String detail, NetworkFailure network) {

    // Server texts, from PostHog's permission checks (shared contract, section 1 "Scopes").
    private static final Pattern MISSING_SCOPE = Pattern.compile("API key missing required scope '([a-z_]+:(?:read|write))'");
    private static final Pattern KEYS_FORBIDDEN =
            Pattern.compile("Organization '(.+?)' does not allow using personal API keys");

    public ConnectionProblem {
        Objects.requireNonNull(failure, "failure");
        Objects.requireNonNull(host, "host");
        detail = detail == null || detail.isBlank() ? null : Redactor.redact(detail.strip());
        if (network == null) {
            network = switch (failure) {
                case TLS -> NetworkFailure.TLS_HANDSHAKE;
                case TIMEOUT -> NetworkFailure.TIMEOUT;
                case UNREACHABLE -> NetworkFailure.UNREACHABLE;
                case CONNECTION_BROKEN -> NetworkFailure.BROKEN;
                case NOT_POSTHOG -> NetworkFailure.NOT_POSTHOG;
                default -> null;
            };
        }
    }

    public ConnectionProblem(ConnectionFailure failure, PostHogHost host, String detail) {
        this(failure, host, detail, null);
    }

    public static ConnectionProblem of(ConnectionFailure failure, PostHogHost host) {
        return new ConnectionProblem(failure, host, null);
    }

    /**
     * The problem a transport failure stands for: refused or unknown host is unreachable, a reset after connecting
     * is a broken connection (the server was reached), an answer that is not HTTP is "not PostHog"; its words are the
     * exception's own ({@link dev.hoglink.api.NetworkException#failure()}). Empty for a cancelled request, which is no
     * connection problem.
     */
    public static Optional<ConnectionProblem> ofNetwork(PostHogHost host, dev.hoglink.api.NetworkException e) {
        ConnectionFailure f = switch (e.kind()) {
            case TLS -> ConnectionFailure.TLS;
            case CONNECT_TIMEOUT, RESPONSE_TIMEOUT -> ConnectionFailure.TIMEOUT;
            case REFUSED, UNKNOWN_HOST -> ConnectionFailure.UNREACHABLE;
            case RESET, OTHER -> ConnectionFailure.CONNECTION_BROKEN;
            case PROTOCOL -> ConnectionFailure.NOT_POSTHOG;
            case CANCELLED -> null;
        };
        return Optional.ofNullable(f).map(x -> new ConnectionProblem(x, host, null, e.failure()));
    }

    /**
     * The problem an answer that is not a usable PostHog answer stands for (a page that is not PostHog's, a refused
     * redirect, an over-large or cut body, JSON of another shape, an unexpected status): the host does not answer as
     * PostHog's API does, in the exception's own words ({@link dev.hoglink.api.InvalidResponseException#failure()},
     * with the address, status or cap it names as the detail).
     */
    public static ConnectionProblem ofInvalidAnswer(PostHogHost host, dev.hoglink.api.InvalidResponseException e) {
        return new ConnectionProblem(ConnectionFailure.NOT_POSTHOG, host, e.what(), e.failure());
    }

    public Optional<String> detailText() {
        return Optional.ofNullable(detail);
    }

    /**
     * Reads a 403's {@code detail} text: a missing scope or an organization that forbids personal API keys.
     * Empty for other 403s (e.g. no access to one project), which are not connection failures.
     */
    public static Optional<ConnectionProblem> fromForbiddenDetail(PostHogHost host, String serverDetail) {
        if (serverDetail == null) {
            return Optional.empty();
        }
        Matcher scope = MISSING_SCOPE.matcher(serverDetail);
        if (scope.find()) {
            return Optional.of(new ConnectionProblem(ConnectionFailure.MISSING_SCOPE, host, scope.group(1)));
        }
        Matcher org = KEYS_FORBIDDEN.matcher(serverDetail);
        if (org.find()) {
            return Optional.of(new ConnectionProblem(ConnectionFailure.PERSONAL_KEYS_FORBIDDEN, host, org.group(1)));
        }
        return Optional.empty();
    }
}
