package dev.hoglink.service.session;

import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * What a connection profile says about its session beyond host and key.
 *
 * @param readOnly   the admin marked the connection read-only: no change is sent over it, whatever the key may do
 * @param siteUrl    the instance's public address (PostHog's SITE_URL) when it differs from the host; the OAuth
 *                   bootstrap accepts PostHog's return address on it (docs/api-notes.md N14, NE4)
 * @param roleName   on the sandbox, the seeded role signed in (owner, admin, member, readonly); empty elsewhere
 */
public record SessionTraits(boolean readOnly, Optional<URI> siteUrl, String roleName) {

    public static final SessionTraits NONE = new SessionTraits(false, Optional.empty(), "");

    public SessionTraits {
        siteUrl = Objects.requireNonNullElse(siteUrl, Optional.empty());
        roleName = roleName == null ? "" : roleName;
    }
}
