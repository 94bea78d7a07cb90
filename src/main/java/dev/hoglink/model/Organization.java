package dev.hoglink.model;

import java.util.Objects;

/**
 * A PostHog organization the key can see.
 *
 * @param membershipLevel the caller's level in it: 1 member, 8 admin, 15 owner
 */
public record Organization(String id, String name, String slug, int membershipLevel) {

    public static final int MEMBER = 1;
    public static final int ADMIN = 8;
    public static final int OWNER = 15;

    public Organization {
        Objects.requireNonNull(id, "id");
        name = name == null || name.isBlank() ? id : name;
    }

    public boolean isAdmin() {
        return membershipLevel >= ADMIN;
    }

    /**
     * A level known to be a member's, not an admin's or owner's (0 is unknown): such a user's rights may differ per
     * project (docs/api-notes.md NM1), an admin's and an owner's do not.
     */
    public static boolean memberOnly(int level) {
        return level > 0 && level < ADMIN;
    }

    /** {@link #memberOnly(int)} of the caller's level here. */
    public boolean memberOnly() {
        return memberOnly(membershipLevel);
    }

    /** The picker shows the name; the id stays out of the way. */
    @Override
    public String toString() {
        return name;
    }
}
