package dev.hoglink.api;

/**
 * 402 {@code payment_required}: the organization's PostHog plan does not include this feature (PostHog's
 * PaidFeatureException; on PostHog Cloud the activity log needs the audit logs feature). Retrying will not help;
 * everything else keeps working.
 */
public final class PaymentRequiredException extends ApiException {

    private static final long serialVersionUID = 1L;

    PaymentRequiredException(String request, String code, String detail, String attr) {
        super(describe(request, 402, code, detail),
                "This needs a paid PostHog plan" + (detail == null || detail.isBlank() ? "." : ": " + detail)
                        + " The rest of Hoglink works without it.",
                402, code, detail, attr, null);
    }
}
