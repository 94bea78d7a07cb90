package dev.hoglink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ProjectStateTest {

    static GitHubLink link(long id, String installation, LinkStatus status) {
        return new GitHubLink(id, installation, "acme", AccountType.ORGANIZATION, "all", status, false, "Ada", null,
                status == LinkStatus.TOKEN_ERROR ? "TOKEN_REFRESH_FAILED" : "");
    }

    @Test
    void aProjectWithoutGitHubIsNotConnectedWhichIsAStateNotAProblem() {
        assertSame(ProjectState.NOT_CONNECTED, ProjectState.of(List.of()));
        assertFalse(ProjectState.NOT_CONNECTED.isProblem());
        assertEquals(List.of(), ProjectState.problemLinks(List.of()));
    }

    @Test
    void aRowNamingNoInstallationIsNoInstallationWhateverItsStatusSays() {
        for (String none : new String[] {null, "", "  "}) {
            GitHubLink l = link(1, none, LinkStatus.CONNECTED);
            assertSame(ProjectState.NO_INSTALLATION, ProjectState.of(l));
            assertSame(ProjectState.NO_INSTALLATION, ProjectState.of(List.of(l)));
            assertTrue(l.hasProblem());
        }
        assertEquals("No installation", ProjectState.NO_INSTALLATION.label());
        assertEquals("no_installation", ProjectState.NO_INSTALLATION.wireName());
    }

    @Test
    void aProjectTakesItsWorstRow() {
        GitHubLink ok = link(1, "100", LinkStatus.CONNECTED);
        GitHubLink none = link(2, null, LinkStatus.CONNECTED);
        GitHubLink token = link(3, "200", LinkStatus.TOKEN_ERROR);
        GitHubLink gone = link(4, "300", LinkStatus.UNAVAILABLE);
        assertSame(ProjectState.CONNECTED, ProjectState.of(List.of(ok)));
        assertSame(ProjectState.NO_INSTALLATION, ProjectState.of(List.of(ok, none)));
        assertSame(ProjectState.TOKEN_ERROR, ProjectState.of(List.of(none, ok, token)));
        assertSame(ProjectState.UNAVAILABLE, ProjectState.of(List.of(token, gone, none)));
        assertEquals(List.of(none, token), ProjectState.problemLinks(List.of(ok, none, token)));
        assertSame(none, ProjectState.primaryLink(List.of(ok, none, token)), "the first problem row");
        assertSame(ok, ProjectState.primaryLink(List.of(ok)));
        assertNull(ProjectState.primaryLink(List.of()));
    }

    @Test
    void problemsAreExactlyTheBrokenStatesAndUnknown() {
        for (ProjectState s : ProjectState.values()) {
            boolean expected = s != ProjectState.CONNECTED && s != ProjectState.NOT_CONNECTED;
            assertEquals(expected, s.isProblem(), s.name());
        }
    }

    @Test
    void aFailureStandsUntilALaterSuccessOnTheSameProject() {
        Instant failed = Instant.parse("2026-08-10T10:00:00Z");
        assertTrue(ProjectState.failureStands(failed, null));
        assertTrue(ProjectState.failureStands(failed, failed.minusSeconds(1)), "a success before does not clear it");
        assertTrue(ProjectState.failureStands(failed, failed), "nor one at the same instant");
        assertFalse(ProjectState.failureStands(failed, failed.plusSeconds(1)));
    }
}
