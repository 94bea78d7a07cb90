package dev.hoglink.service.connection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which of the scopes Hoglink needs a personal API key has, and what each missing one disables. Input is the
 * key's {@code scopes} list from {@code GET /api/personal_api_keys/@current/} (docs/api-notes.md N1).
 * Rules as PostHog applies them: {@code *} grants everything, {@code x:write} also grants {@code x:read}.
 */
public final class ScopeCheck {

    /** A scope Hoglink uses, whether the app works without it, and what is lost when it is missing. */
    public enum Needed {
        USER_READ("user:read", true,
                "Hoglink cannot tell who you are, so Test connection fails and no organization can be opened"),
        ORGANIZATION_READ("organization:read", true,
                "organizations cannot be listed, so you cannot choose or switch organizations"),
        PROJECT_READ("project:read", true,
                "projects cannot be listed, so the inventory stays empty"),
        INTEGRATION_READ("integration:read", true,
                "GitHub status cannot be shown: no installations, links or available installations"),
        INTEGRATION_WRITE("integration:write", true,
                "read-only: linking, unlinking and the OAuth bootstrap are disabled"),
        ACTIVITY_LOG_READ("activity_log:read", false,
                "the GitHub history of a project (who linked or unlinked what, and when) cannot be shown");

        private final String scope;
        private final boolean required;
        private final String disables;

        Needed(String scope, boolean required, String disables) {
            this.scope = scope;
            this.required = required;
            this.disables = disables;
        }

        public String scope() {
            return scope;
        }

        /** False for scopes that only add a nice-to-have (history). */
        public boolean required() {
            return required;
        }

        /** Plain words for what stops working without this scope. */
        public String disables() {
            return disables;
        }
    }

    /** One missing scope, with what it disables. */
    public record Missing(Needed needed) {
        public String scope() {
            return needed.scope();
        }

        public boolean required() {
            return needed.required();
        }

        public String disables() {
            return needed.disables();
        }

        /** e.g. "integration:write is missing: read-only: linking, unlinking and the OAuth bootstrap are disabled." */
        public String message() {
            return needed.scope() + " is missing" + (needed.required() ? "" : " (optional)") + ": " + needed.disables() + ".";
        }
    }

    /** The outcome of a check: the needed scopes present, and the missing ones in a stable order. */
    public record Report(List<Needed> present, List<Missing> missing) {

        public boolean allRequiredPresent() {
            return missing.stream().noneMatch(Missing::required);
        }

        /** True when the key can look but not change anything. */
        public boolean readOnly() {
            return !has(Needed.INTEGRATION_WRITE);
        }

        public boolean has(Needed needed) {
            return present.contains(needed);
        }

        /** One line per missing scope, for the connection dialog; empty when nothing is missing. */
        public List<String> messages() {
            return missing.stream().map(Missing::message).toList();
        }
    }

    private ScopeCheck() {
    }

    /** Checks a key's scopes; null or unknown entries are ignored, case and spaces do not matter. */
    public static Report check(Collection<String> keyScopes) {
        Set<String> granted = new HashSet<>();
        if (keyScopes != null) {
            for (String s : keyScopes) {
                if (s != null && !s.isBlank()) {
                    granted.add(s.strip().toLowerCase(Locale.ROOT));
                }
            }
        }
        List<Needed> present = new ArrayList<>();
        List<Missing> missing = new ArrayList<>();
        for (Needed needed : Needed.values()) {
            if (grants(granted, needed.scope())) {
                present.add(needed);
            } else {
                missing.add(new Missing(needed));
            }
        }
        return new Report(List.copyOf(present), List.copyOf(missing));
    }

    /** Whether a set of granted scopes allows one {@code object:action} scope. */
    public static boolean grants(Set<String> granted, String scope) {
        if (granted.contains("*") || granted.contains(scope)) {
            return true;
        }
        if (scope.endsWith(":read")) {
            String object = scope.substring(0, scope.length() - ":read".length());
            return granted.contains(object + ":write");
        }
        return false;
    }
}
