package dev.hoglink.api;

import java.time.Duration;

/** The client's failures, built directly for services' tests (their constructors are package-private). */
public final class ApiErrors {

    private ApiErrors() {
    }

    public static ApiException throttled(Duration retryAfter) {
        return new ThrottledException("GET /api/x/", "throttled", "Request was throttled.", null, retryAfter);
    }

    public static ApiException network() {
        return new NetworkException("GET /api/x/", NetworkException.Kind.RESET, false, "127.0.0.1", null);
    }

    public static ApiException server() {
        return new ServerException("GET /api/x/", 502, "error", "Bad gateway", null);
    }

    public static ApiException unauthenticated() {
        return new AuthenticationException("GET /api/x/", "authentication_failed", "Invalid personal API key.", null);
    }

    public static ApiException notFound() {
        return new NotFoundException("GET /api/x/", 404, "not_found", "Not found.", null);
    }
}
