package dev.hoglink.service;

import dev.hoglink.api.PostHogApi;
import java.util.Objects;

/**
 * The open connection, as every feature needs it: where (host), how it is shown (label, sandbox badge), the
 * client for write actions and the inventory over it. One at a time; switching profile replaces it.
 *
 * @param sandbox true for the built-in sandbox, whose OAuth page stands in for github.com on the host itself
 */
public record Session(PostHogHost host, String label, boolean sandbox, PostHogApi client, InventoryService inventory) {

    public Session {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(inventory, "inventory");
        label = label == null ? "" : label;
    }

    public InventoryConnection toInventoryConnection() {
        return new InventoryConnection(host.url(), label, sandbox, inventory);
    }
}
