package dev.hoglink.service.connection;

import dev.hoglink.service.PostHogHost;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A saved connection: a name, where PostHog is, the organization used last, and whether it is the built-in
 * sandbox. It never holds the API key: that lives in a credentials.CredentialStore under the profile's name.
 *
 * @param name unique among profiles (compared without regard to case), 1–64 letters, digits, spaces and
 *     {@code . _ - ( ) @}
 * @param host where PostHog answers; null only for the sandbox, whose address changes each run
 * @param organizationId the organization opened last, or null
 * @param sandbox true for the built-in sandbox profile
 * @param siteUrl the instance's public address (PostHog's SITE_URL) when it differs from {@code host} (split
 *     DNS, a VPN name); PostHog builds its OAuth return address from it (docs/api-notes.md N14, NE4); or null
 * @param readOnly marked read-only by the admin (as production contexts are marked): Hoglink sends no change
 *     over it, whatever the key may do
 */
public record ConnectionProfile(String name, PostHogHost host, String organizationId, boolean sandbox,
                                PostHogHost siteUrl, boolean readOnly) {

    public static final int MAX_NAME_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}._()@ -]+");

    public ConnectionProfile {
        name = requireValidName(name);
        if (host == null && !sandbox) {
            throw new IllegalArgumentException("Choose where PostHog is: US Cloud, EU Cloud or a self-hosted address.");
        }
        if (organizationId != null && organizationId.isBlank()) {
            organizationId = null;
        }
        if (siteUrl != null && siteUrl.equals(host)) {
            siteUrl = null; // the same address: nothing to record
        }
    }

    /** A profile with no separate site address, not marked read-only. */
    public ConnectionProfile(String name, PostHogHost host, String organizationId, boolean sandbox) {
        this(name, host, organizationId, sandbox, null, false);
    }

    /** A profile for a PostHog host, with no organization chosen yet. */
    public static ConnectionProfile of(String name, PostHogHost host) {
        return new ConnectionProfile(name, Objects.requireNonNull(host), null, false);
    }

    public ConnectionProfile withOrganizationId(String newOrganizationId) {
        return new ConnectionProfile(name, host, newOrganizationId, sandbox, siteUrl, readOnly);
    }

    public ConnectionProfile withName(String newName) {
        return new ConnectionProfile(newName, host, organizationId, sandbox, siteUrl, readOnly);
    }

    public ConnectionProfile withReadOnly(boolean marked) {
        return new ConnectionProfile(name, host, organizationId, sandbox, siteUrl, marked);
    }

    public ConnectionProfile withSiteUrl(PostHogHost newSiteUrl) {
        return new ConnectionProfile(name, host, organizationId, sandbox, newSiteUrl, readOnly);
    }

    /** The site address to accept OAuth returns on, when one is recorded. */
    public java.util.Optional<java.net.URI> siteUri() {
        return java.util.Optional.ofNullable(siteUrl).map(PostHogHost::uri);
    }

    /**
     * Checks a profile name and returns it trimmed.
     *
     * @throws IllegalArgumentException with a message that says what is allowed
     */
    public static String requireValidName(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Give the connection a name, for example \"Acme US\".");
        }
        String trimmed = name.strip();
        if (trimmed.length() > MAX_NAME_LENGTH) {
            throw new IllegalArgumentException("Connection names can have at most " + MAX_NAME_LENGTH + " characters.");
        }
        if (!NAME.matcher(trimmed).matches()) {
            throw new IllegalArgumentException(
                    "Connection names can use letters, digits, spaces and . _ - ( ) @ only.");
        }
        return trimmed;
    }
}
