package dev.hoglink.api;

/** 5xx: PostHog (or a proxy in front of it) failed. Worth retrying later. */
public final class ServerException extends ApiException {

    private static final long serialVersionUID = 1L;

    ServerException(String request, int status, String code, String detail, String attr) {
        super(describe(request, status, code, detail),
                "PostHog had a server error (" + status + "). Try again in a moment; if it keeps failing, check "
                        + "PostHog's status page.",
                status, code, detail, attr, null);
    }
}
