package dev.hoglink.model;

import java.util.Locale;

/** Whom a GitHub App installation belongs to. */
public enum AccountType {
    ORGANIZATION, USER, UNKNOWN;

    /** Maps GitHub's spelling ({@code Organization}, {@code User}); anything else is UNKNOWN. */
    public static AccountType fromGitHub(String value) {
        if (value == null) {
            return UNKNOWN;
        }
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "organization" -> ORGANIZATION;
            case "user" -> USER;
            default -> UNKNOWN;
        };
    }

    public String label() {
        return switch (this) {
            case ORGANIZATION -> "Organization";
            case USER -> "User";
            case UNKNOWN -> "Unknown";
        };
    }
}
