package dev.hoglink.model;

import java.time.Instant;

/**
 * A repository an installation can access. Older PostHog caches omit the optional fields: then
 * {@code defaultBranch}, {@code language} and {@code pushedAt} are null.
 */
public record Repository(long id, String name, String fullName, boolean isPrivate, boolean archived,
                         String defaultBranch, String language, Instant pushedAt) {
}
