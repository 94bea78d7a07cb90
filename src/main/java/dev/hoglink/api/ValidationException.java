package dev.hoglink.api;

/**
 * 400 (and other 4xx with a PostHog error body): PostHog did not accept the request. {@link #code()} keeps
 * PostHog's code, e.g. {@code github_link_existing_orphan_installation} or {@code invalid_input}.
 */
public final class ValidationException extends ApiException {

    private static final long serialVersionUID = 1L;

    ValidationException(String request, int status, String code, String detail, String attr) {
        super(describe(request, status, code, detail), userText(detail, attr), status, code, detail, attr, null);
    }

    private static String userText(String detail, String attr) {
        // DRF's own messages end in a full stop ("A valid integer is required."); this sentence adds its own.
        String d = detail == null ? "" : detail.strip().replaceAll("\\.+$", "");
        d = d.isBlank() ? "the request was not valid" : d;
        String field = attr == null || attr.isBlank() ? "" : " (field " + attr + ")";
        return "PostHog did not accept this: " + d + field + ". Check the values and try again.";
    }
}
