package dev.hoglink.model;

/**
 * An installation that could be linked to a project, from available_installations.
 *
 * @param sourceProjectId   the sibling project already using it, or null when only the caller's personal
 *                          GitHub link sees it
 * @param sourceProjectName that project's name, or null
 * @param discoveryId       the discovery it came from (sent back with a link request for diagnostics)
 */
public record InstallationOption(String installationId, String accountName, AccountType accountType,
                                 Long sourceProjectId, String sourceProjectName, String discoveryId) {

    public InstallationOption {
        accountType = accountType == null ? AccountType.UNKNOWN : accountType;
    }

    public boolean fromPersonalAccount() {
        return sourceProjectId == null;
    }
}
