package dev.hoglink.ui.link;

import dev.hoglink.model.InstallationOption;
import java.util.List;

/**
 * One installation in the picker.
 *
 * @param repoCount repositories it can access, or -1 when unknown
 * @param usedBy    loaded projects already using it (names)
 */
public record OptionRow(InstallationOption option, int repoCount, List<String> usedBy) {

    public OptionRow {
        usedBy = List.copyOf(usedBy);
    }

    public String account() {
        return option.accountName() == null || option.accountName().isBlank() ? "installation " + option.installationId()
                : option.accountName();
    }

    public String source() {
        if (option.fromPersonalAccount()) {
            return "None yet (your GitHub sees it)";
        }
        String name = option.sourceProjectName();
        return (name == null || name.isBlank() ? "Project" : name) + " (id " + option.sourceProjectId() + ")";
    }

    public String repos() {
        return repoCount < 0 ? "–" : Integer.toString(repoCount);
    }

    /** "acme (id 12345678)". */
    public String describe() {
        return account() + " (id " + option.installationId() + ")";
    }

    /** "already used by Web and API", or an empty string. */
    public String usedByText() {
        if (usedBy.isEmpty()) {
            return option.fromPersonalAccount() ? ", which no project uses yet" : "";
        }
        return ", already used by " + joinNames(usedBy);
    }

    static String joinNames(List<String> names) {
        if (names.size() == 1) {
            return names.get(0);
        }
        if (names.size() <= 4) {
            return String.join(", ", names.subList(0, names.size() - 1)) + " and " + names.get(names.size() - 1);
        }
        return String.join(", ", names.subList(0, 3)) + " and " + (names.size() - 3) + " more";
    }
}
