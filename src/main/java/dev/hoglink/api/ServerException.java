package dev.hoglink.api;

/** 5xx: PostHog (or a proxy in front of it) failed. Worth retrying later. */
public final class ServerException extends ApiException {

    private static final long serialVersionUID = 1L;

    ServerException(String request, int status, String code, String detail, String attr) {
        this(request, status, code, detail, attr, "PostHog had a server error (" + status + ").");
    }

    private ServerException(String request, int status, String code, String detail, String attr, String what) {
        super(describe(request, status, code, detail), what + " Try again in a moment; if it keeps failing, check "
                + "PostHog's status page.", status, code, detail, attr, null);
    }

    /**
     * PostHog's error envelope of type {@code server_error} in a 200 answer: its exception handler gives an
     * exception whose {@code status_code} is None (GitHubIntegrationError, from a failed GitHub call) a response
     * with no status, which Django sends as 200 (docs/api-notes.md NF3).
     */
    static ServerException inSuccessfulAnswer(String request, int status, String code, String detail, String attr) {
        return new ServerException(request, status, code, detail, attr,
                "PostHog had a server error (reported with status " + status + ").");
    }
}
