package dev.hoglink.service.inventory;

import java.util.Locale;
import java.util.Objects;

/**
 * Whose inventory a cache file holds, from what is known before the first request: the host, the connection
 * (a saved profile by its name, or the built-in sandbox by the seeded role it signs in as) and the user that
 * connection was signed in as when its inventory was read. It names no key, token or anything derived from one,
 * so a file name made from it reveals nothing secret; two identities never share a file, so a window's first frame
 * shows only what the same identity saw.
 *
 * @param host       the PostHog address, as {@link InventoryCache#normalizeHost} keys it (a server on this
 *                   computer without its port)
 * @param connection {@code profile:NAME} (lower case) or {@code sandbox:ROLE}; empty for a connection with no name
 * @param user       PostHog's id of the user (users/@me uuid), or empty while it is not known
 */
public record CacheKey(String host, String connection, String user) {

    public CacheKey {
        host = InventoryCache.normalizeHost(host);
        connection = connection == null ? "" : connection;
        user = user == null ? "" : user;
    }

    /** The connection part for a saved profile: its name, whatever its case. */
    public static String profile(String name) {
        return "profile:" + Objects.requireNonNull(name).strip().toLowerCase(Locale.ROOT);
    }

    /**
     * The connection part for the built-in sandbox signed in as {@code role}: the same from run to run (the sandbox
     * seeds the same users and organizations each time), and distinct per role, since each role is another user.
     */
    public static String sandbox(String role) {
        return "sandbox:" + (role == null || role.isBlank() ? "owner" : role.strip().toLowerCase(Locale.ROOT));
    }

    /** The same connection, known to be signed in as {@code newUser}. */
    public CacheKey withUser(String newUser) {
        return new CacheKey(host, connection, newUser);
    }
}
