package dev.hoglink.ui.link;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.ui.inventory.ProjectDetailViewModel;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The link dialog's Status column says an installation's state in the detail pane's words for it. */
class OptionRowWordsTest {

    @Test
    void theStatusColumnReadsAsTheDetailPaneReadsTheSameStatus() {
        for (LinkStatus s : LinkStatus.values()) {
            String errors = s == LinkStatus.TOKEN_ERROR ? "TOKEN_REFRESH_FAILED" : "";
            GitHubLink link = new GitHubLink(1, "100", "acme", AccountType.ORGANIZATION, "all", s, false, "Ada", null,
                    errors);
            OptionRow row = new OptionRow(new InstallationOption("100", "acme", AccountType.ORGANIZATION, 104L, "Docs",
                    null), 3, List.of("Docs"), Optional.of(new InstallationFacts.Health(s, errors)));
            assertEquals(ProjectDetailViewModel.linkStatusText(link), row.status(), s.name());
        }
    }
}
