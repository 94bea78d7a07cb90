package dev.hoglink.model;

import java.util.List;

/**
 * The answer of available_installations for one project.
 *
 * @param personalGithubLogin     the caller's linked GitHub login, or null
 * @param personalDiscoveryStatus {@code ok}, {@code not_connected} or {@code unavailable}; may be null on
 *                                older servers
 */
public record AvailableInstallations(String discoveryId, String personalGithubLogin, String personalDiscoveryStatus,
                                     List<InstallationOption> installations) {

    public AvailableInstallations {
        installations = installations == null ? List.of() : List.copyOf(installations);
    }
}
