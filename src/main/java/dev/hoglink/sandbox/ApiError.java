package dev.hoglink.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error answered in PostHog's drf-exceptions-hog envelope {@code {type, code, detail, attr}} (or, for
 * GitHub's own rate limit, the bare {@code {detail, code}} PostHog passes through).
 */
final class ApiError extends RuntimeException {

    final int status;
    final String type;
    final String code;
    final String detail;
    final String attr;
    final boolean bare;
    final Map<String, String> headers = new LinkedHashMap<>();
    /** For a 500: the exception class PostHog's GitHub audit names as link_failed's failure_type, if known. */
    String failureType;

    ApiError(int status, String type, String code, String detail, String attr, boolean bare) {
        super(detail, null, false, false);
        this.status = status;
        this.type = type;
        this.code = code;
        this.detail = detail;
        this.attr = attr;
        this.bare = bare;
    }

    ApiError header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    static ApiError validation(String detail) {
        return validation("invalid_input", detail);
    }

    static ApiError validation(String code, String detail) {
        return new ApiError(400, "validation_error", code, detail, null, false);
    }

    /** A field error with DRF's "invalid" code (drf-exceptions-hog renames it invalid_input). */
    static ApiError field(String attr, String detail) {
        return field(attr, "invalid_input", detail);
    }

    /**
     * A field error with DRF's own code ({@code max_value}, {@code min_value}, ...), which drf-exceptions-hog passes
     * through; DRF's {@code non_field_errors} key is reported with attr null (exceptions_hog/handler.py).
     */
    static ApiError field(String attr, String code, String detail) {
        return new ApiError(400, "validation_error", code, detail, "non_field_errors".equals(attr) ? null : attr, false);
    }

    static ApiError parse(String detail) {
        return new ApiError(400, "invalid_request", "parse_error", detail, null, false);
    }

    static ApiError notAuthenticated() {
        return new ApiError(401, "authentication_error", "not_authenticated",
                "Authentication credentials were not provided.", null, false);
    }

    static ApiError invalidKey() {
        return new ApiError(401, "authentication_error", "authentication_failed",
                "Personal API key found in request Authorization header is invalid.", null, false);
    }

    /** 401 for a bad OAuth access token, in posthog/auth.py's words. */
    static ApiError invalidToken(String detail) {
        return new ApiError(401, "authentication_error", "authentication_failed", detail, null, false);
    }

    static ApiError denied(String detail) {
        return new ApiError(403, "authentication_error", "permission_denied", detail, null, false);
    }

    /** The detail of PostHog's catch-all 404 for an /api/ path no view serves (posthog/api/__init__.py api_not_found). */
    static final String ENDPOINT_NOT_FOUND = "Endpoint not found.";

    static ApiError notFound() {
        return notFound("Not found.");
    }

    static ApiError notFound(String detail) {
        return new ApiError(404, "invalid_request", "not_found", detail, null, false);
    }

    static ApiError methodNotAllowed(String method) {
        return new ApiError(405, "invalid_request", "method_not_allowed", "Method \"" + method + "\" not allowed.",
                null, false);
    }

    /**
     * DRF's {@code Throttled} of PostHog's own throttles as drf-exceptions-hog answers it
     * ({@code exceptions_hog/handler.py} at a0915214 builds {@code Response(body, status=…)} and drops the
     * {@code Retry-After} DRF would set): the wait is only in the detail (docs/api-notes.md N3, NN4).
     */
    static ApiError throttled(long waitSeconds) {
        String detail = "Request was throttled. Expected available in " + waitSeconds
                + (waitSeconds == 1 ? " second." : " seconds.");
        return new ApiError(429, "throttled_error", "throttled", detail, null, false);
    }

    /** The same 429 with a {@code Retry-After} header, as something in front of PostHog may add it (the burst fault knob). */
    static ApiError throttledWithRetryAfter(long waitSeconds) {
        return throttled(waitSeconds).header("Retry-After", Long.toString(waitSeconds));
    }

    /** GitHub's own rate limit as PostHog passes it on: no type, no attr. */
    static ApiError githubRateLimited(long retryAfter) {
        return new ApiError(429, null, "rate_limited", "GitHub API rate limit exceeded. Please retry later.", null, true)
                .header("Retry-After", Long.toString(retryAfter));
    }

    /** PostHog's PaidFeatureException: 402, code payment_required (drf-exceptions-hog types it server_error). */
    static ApiError paymentRequired(String detail) {
        return new ApiError(402, "server_error", "payment_required", detail, null, false);
    }

    /**
     * GitHub refused the installation (suspended, uninstalled, token refused): PostHog raises
     * GitHubInstallationAccessFetchError, a plain Exception, so DRF answers with its bare 500 (N24).
     */
    static ApiError installationFetchFailed() {
        ApiError e = server();
        e.failureType = "GitHubInstallationAccessFetchError";
        return e;
    }

    static ApiError server() {
        return new ApiError(500, "server_error", "error", "A server error occurred.", null, false);
    }
}
