package dev.hoglink.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A project (PostHog team; both share one id).
 *
 * @param createdAt may be null when the list does not carry it
 */
public record Project(long id, String name, String organizationId, Instant createdAt) {

    public Project {
        name = name == null || name.isBlank() ? "Project " + id : name;
        Objects.requireNonNull(organizationId, "organizationId");
    }
}
