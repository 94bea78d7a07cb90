package dev.hoglink.model;

import java.time.Instant;
import java.util.Objects;

/**
 * A project (PostHog team; both share one id), or another environment of a project: a team of its own whose
 * {@code parentId} is its project's id.
 *
 * @param createdAt   may be null when the list does not carry it
 * @param parentId    for an environment that is not its project's main one: the project's id; else null
 * @param environment for such an environment: its own name (the row's name reads "Project / Environment"); else null
 */
public record Project(long id, String name, String organizationId, Instant createdAt, Long parentId,
                      String environment) {

    public Project {
        name = name == null || name.isBlank() ? "Project " + id : name;
        Objects.requireNonNull(organizationId, "organizationId");
        if (parentId != null && parentId == id) {
            parentId = null;
            environment = null;
        }
    }

    public Project(long id, String name, String organizationId, Instant createdAt) {
        this(id, name, organizationId, createdAt, null, null);
    }
}
