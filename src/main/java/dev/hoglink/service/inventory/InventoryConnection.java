package dev.hoglink.service.inventory;

import java.util.Objects;

/**
 * An open connection as the inventory window needs it.
 *
 * @param host    the PostHog base URL (cache key, shown in tooltips)
 * @param label   the badge text: "Sandbox" or the profile name
 * @param sandbox true for the built-in sandbox
 * @param connection the connection as the cache keys it ({@link CacheKey#profile}, {@link CacheKey#sandbox}); empty
 *     for one with no name
 */
public record InventoryConnection(String host, String label, boolean sandbox, InventoryService service,
                                  String connection) {

    public InventoryConnection {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(service, "service");
        label = label == null ? "" : label;
        connection = connection == null ? "" : connection;
    }

    /** A connection with no name: its cache is shared with every other connection with no name to the host. */
    public InventoryConnection(String host, String label, boolean sandbox, InventoryService service) {
        this(host, label, sandbox, service, "");
    }
}
