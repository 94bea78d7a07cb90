package dev.hoglink.api;

import java.time.Duration;

/** The client's typed failures, built as the client builds them, for fakes of {@link PostHogApi}. */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static ValidationException validation(String code, String detail) {
        return new ValidationException("POST /fake", 400, code, detail, null);
    }

    public static PermissionException forbidden(String detail) {
        return PermissionException.of("POST /fake", "permission_denied", detail, null);
    }

    public static ThrottledException throttled(Duration retryAfter) {
        return new ThrottledException("POST /fake", "throttled",
                "Request was throttled. Expected available in " + retryAfter.toSeconds() + " seconds.", null, retryAfter);
    }

    public static AuthenticationException unauthenticated() {
        return new AuthenticationException("POST /fake", "authentication_failed", "invalid key", null);
    }

    public static NotFoundException notFound() {
        return new NotFoundException("POST /fake", 404, "not_found", "Not found.", null);
    }

    public static ServerException server() {
        return new ServerException("POST /fake", 500, null, null, null);
    }

    /** A success status whose body is not PostHog's JSON (a proxy's page, a garbled body). */
    public static InvalidResponseException unreadableSuccess(int status) {
        return new InvalidResponseException("POST /fake -> " + status + ": body is not IntegrationDto",
                NetworkFailure.NOT_POSTHOG, java.net.URI.create("https://posthog.example.com"), null, status, null);
    }

    /** A gateway's error page in place of PostHog's answer (no PostHog error body). */
    public static ServerException gateway(int status) {
        return new ServerException("POST /fake", status, null, null, null);
    }

    /** A lost answer: {@code sent} says whether the request may have reached the server. */
    public static NetworkException network(boolean sent) {
        return new NetworkException("POST /fake", sent ? NetworkException.Kind.RESET : NetworkException.Kind.REFUSED,
                sent, "fake.host", null);
    }

    /** A lost answer that never reached the server (a poll that could not connect). */
    public static NetworkException network() {
        return network(false);
    }
}
