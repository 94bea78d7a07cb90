package dev.hoglink.api;

/** 404 (also 405/410 with a PostHog error body): the item is gone, or the key cannot see it. */
public final class NotFoundException extends ApiException {

    private static final long serialVersionUID = 1L;

    NotFoundException(String request, int status, String code, String detail, String attr) {
        super(describe(request, status, code, detail),
                "PostHog did not find it" + (detail == null || detail.isBlank() || detail.equals("Not found.") ? ""
                        : " (" + detail + ")")
                        + ". It may have been deleted, or the key cannot see it: refresh the list.",
                status, code, detail, attr, null);
    }
}
