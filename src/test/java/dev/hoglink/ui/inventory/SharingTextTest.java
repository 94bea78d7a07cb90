package dev.hoglink.ui.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Project;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Shared column. PostHog's installation_shared is true when any other team of any organization has a row for
 * the installation (posthog/api/integration.py, docs/api-notes.md NH35), so with no loaded project of this
 * organization using it the other user may be a project of another organization the user sees, not one hidden.
 */
class SharingTextTest {

    private static ProjectRowViewModel row(boolean sharedOnServer, int loadedOthers) {
        ProjectRowViewModel r = new ProjectRowViewModel(new Project(7, "Web", "org", null));
        r.showLinks(List.of(new GitHubLink(70, "61234567", "hogflix", AccountType.ORGANIZATION, "selected",
                LinkStatus.CONNECTED, sharedOnServer, "Ada", Instant.parse("2026-05-02T10:00:00Z"), "")), Map.of(), false);
        r.setSharedWith(loadedOthers);
        return r;
    }

    @Test
    void sharedOnlyOutsideTheListIsNotCalledHidden() {
        ProjectRowViewModel r = row(true, 0);
        assertEquals("elsewhere", r.sharingText());
        assertEquals("Shared elsewhere: PostHog says another project uses this installation, one not listed here: "
                + "a project of another organization, or one you cannot access.",
                r.sharingDescription());
    }

    @Test
    void onlyElsewhereHasATipSayingWhatItMeans() {
        assertEquals("Shared elsewhere: PostHog says another project uses this installation, one not listed here: "
                + "a project of another organization, or one you cannot access.",
                row(true, 0).sharingTip());
        assertNull(row(true, 2).sharingTip(), "a count says it whole");
        assertNull(row(false, 0).sharingTip(), "only this project says it whole");
        assertTrue(row(true, 0).isShared(), "shared elsewhere is shared: the cell shows the shared icon");
    }

    @Test
    void loadedProjectsAreCountedAndALoneRowIsAlone() {
        assertEquals("2 other projects", row(true, 2).sharingText());
        assertEquals("shared with 1 other project", row(true, 1).sharingDescription());
        assertEquals("only this project", row(false, 0).sharingText());
    }

    /**
     * A GitHub row naming no installation (the seeded Docs project) shares nothing: the Shared cell is empty, as for a
     * project without GitHub, not "only this project", which the detail pane's "cannot be used or shared" contradicts.
     */
    @Test
    void aRowNamingNoInstallationSaysNothingInTheSharedColumn() {
        ProjectRowViewModel r = new ProjectRowViewModel(new Project(107, "Docs", "org", null));
        r.showLinks(List.of(new GitHubLink(7, null, "acme", AccountType.ORGANIZATION, "selected",
                LinkStatus.CONNECTED, false, "Ada", Instant.parse("2026-05-02T10:06:00Z"), "")), Map.of(), false);
        r.setSharedWith(0);
        assertEquals("", r.sharingText());
        assertEquals("", r.sharingDescription());
        assertNull(r.sharingTip());
    }
}
