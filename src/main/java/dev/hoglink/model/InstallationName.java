package dev.hoglink.model;

/**
 * How a GitHub App installation is named in a sentence, wherever Hoglink says it: the link and bulk link dialogs,
 * the OAuth wizard, the link results, plan and result files and the command line. An installation whose account
 * name is not known is named by its id alone, the same way everywhere.
 */
public final class InstallationName {

    private InstallationName() {
    }

    /** "acme (id 10000001)"; "installation 10000001" when the account is not known. */
    public static String of(String account, String installationId) {
        return account == null || account.isBlank() ? "installation " + installationId
                : account + " (id " + installationId + ")";
    }

    /**
     * "the installation on acme (id 10000001)", the short form inside a sentence; "installation 10000001" when the
     * account is not known (never "the installation on installation 10000001").
     */
    public static String the(String account, String installationId) {
        return account == null || account.isBlank() ? of(account, installationId)
                : "the installation on " + of(account, installationId);
    }

    /**
     * "the GitHub App installation on acme (id 10000001)"; "the GitHub App installation 10000001" when the account
     * is not known.
     */
    public static String full(String account, String installationId) {
        return account == null || account.isBlank() ? "the GitHub App installation " + installationId
                : "the GitHub App installation on " + of(account, installationId);
    }
}
