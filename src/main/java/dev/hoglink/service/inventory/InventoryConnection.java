package dev.hoglink.service.inventory;

import java.util.Objects;

/**
 * An open connection as the inventory window needs it.
 *
 * @param host    the PostHog base URL (cache key, shown in tooltips)
 * @param label   the badge text: "Sandbox" or the profile name
 * @param sandbox true for the built-in sandbox
 */
public record InventoryConnection(String host, String label, boolean sandbox, InventoryService service) {

    public InventoryConnection {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(service, "service");
        label = label == null ? "" : label;
    }
}
