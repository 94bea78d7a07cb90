package dev.hoglink.api;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * 403: the key or the user may not do this. {@link #reason()} tells the known PostHog cases apart; for a
 * missing scope {@link #missingScope()} names it (e.g. {@code integration:write}).
 */
public final class PermissionException extends ApiException {

    private static final long serialVersionUID = 1L;
    private static final Pattern SCOPE = Pattern.compile("missing required scope '([^']+)'");

    /** Which kind of refusal PostHog gave. */
    public enum Reason {
        /** The key lacks a scope: {@code API key missing required scope 'x'}. */
        MISSING_SCOPE,
        /** The key is limited to other projects. */
        PROJECT_NOT_IN_KEY,
        /** The key is limited to other organizations. */
        ORGANIZATION_NOT_IN_KEY,
        /** The organization does not allow members to use personal API keys. */
        PERSONAL_KEYS_DISABLED,
        /** Any other refusal (role, access control, admin-only action). */
        OTHER
    }

    private final Reason reason;
    private final String missingScope;

    private PermissionException(String request, String code, String detail, String attr, Reason reason,
            String missingScope, String userMessage) {
        super(describe(request, 403, code, detail), userMessage, 403, code, detail, attr, null);
        this.reason = reason;
        this.missingScope = missingScope;
    }

    static PermissionException of(String request, String code, String detail, String attr) {
        String d = detail == null ? "" : detail;
        Matcher m = SCOPE.matcher(d);
        if (m.find()) {
            String scope = m.group(1);
            return new PermissionException(request, code, detail, attr, Reason.MISSING_SCOPE, scope,
                    "The API key lacks the scope '" + scope + "'. Add it to the key in PostHog (Settings › "
                            + "Personal API keys) or paste a key that has it.");
        }
        if (d.contains("does not have access to the requested project")) {
            return new PermissionException(request, code, detail, attr, Reason.PROJECT_NOT_IN_KEY, null,
                    "The API key is limited to other projects. Allow this project in the key's settings, "
                            + "or paste a key without that limit.");
        }
        if (d.contains("does not have access to the requested organization")) {
            return new PermissionException(request, code, detail, attr, Reason.ORGANIZATION_NOT_IN_KEY, null,
                    "The API key is limited to other organizations. Allow this organization in the key's "
                            + "settings, or paste a key without that limit.");
        }
        if (d.contains("does not allow using personal API keys")) {
            return new PermissionException(request, code, detail, attr, Reason.PERSONAL_KEYS_DISABLED, null,
                    "This organization does not let members use personal API keys. Ask an organization "
                            + "admin to allow them, or to do this for you.");
        }
        String shown = d.isBlank() ? "" : " (" + d + ")";
        return new PermissionException(request, code, detail, attr, Reason.OTHER, null,
                "PostHog refused this action" + shown + ". Ask a project admin, or use an account with more "
                        + "access.");
    }

    public Reason reason() {
        return reason;
    }

    /** The scope the key lacks, or null when the refusal is about something else. */
    public String missingScope() {
        return missingScope;
    }
}
