package dev.hoglink.api;

/**
 * 404 (also 405/410 with a PostHog error body): the item is gone, or the key cannot see it. PostHog answers an
 * /api/ path that no view serves with its own 404, "Endpoint not found." ({@code api_not_found} in
 * posthog/api/__init__.py): the server is a version without that endpoint, which {@link #endpointMissing()} tells
 * apart from a missing item.
 */
public final class NotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;
    /** The detail of PostHog's catch-all 404 for an unknown /api/ path. */
    static final String ENDPOINT_NOT_FOUND = "Endpoint not found.";

    NotFoundException(String request, int status, String code, String detail, String attr) {
        super(describe(request, status, code, detail), userText(status, detail), status, code, detail, attr, null);
    }

    private static String userText(int status, String detail) {
        if (endpointMissing(status, detail)) {
            return "This PostHog does not have this endpoint (it answered \"" + ENDPOINT_NOT_FOUND + "\"): its "
                    + "version is older than this action needs. Update PostHog, or ask its admin to.";
        }
        return "PostHog did not find it" + (detail == null || detail.isBlank() || detail.equals("Not found.") ? ""
                : " (" + detail + ")") + ". It may have been deleted, or the key cannot see it: refresh the list.";
    }

    /** True when PostHog said it has no such endpoint (an older version), not that the item is missing. */
    public boolean endpointMissing() {
        return endpointMissing(status(), detail());
    }

    private static boolean endpointMissing(int status, String detail) {
        return status == 404 && ENDPOINT_NOT_FOUND.equals(detail);
    }
}
