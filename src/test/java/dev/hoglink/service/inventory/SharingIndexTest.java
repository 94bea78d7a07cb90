package dev.hoglink.service.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharingIndexTest {

    @Test
    void projectsSharingAnInstallationCountEachOtherAndChangesNameEveryAffectedProjectOnce() {
        SharingIndex<String> index = new SharingIndex<>();
        index.track("web", List.of("100"));
        index.track("mobile", List.of("100"));
        index.track("labs", Arrays.asList("200", null));
        assertEquals(Set.of("web", "mobile", "labs"), index.drainAffected());
        assertEquals(Set.of(), index.drainAffected(), "marks are cleared");
        assertEquals(1, index.others("100"));
        assertEquals(0, index.others("200"));
        assertEquals(0, index.others(null));

        index.track("mobile", List.of("200"));
        assertEquals(Set.of("web", "mobile", "labs"), index.drainAffected(), "left 100, joined 200");
        assertEquals(0, index.others("100"));
        assertEquals(1, index.others("200"));

        assertTrue(index.untrack("labs"));
        assertFalse(index.untrack("labs"));
        assertEquals(Set.of("mobile"), index.drainAffected());
        assertEquals(0, index.others("200"));
    }

    /** What the detail pane's cards follow: which installations a change touched, and the others on any of them. */
    @Test
    void aChangeNamesTheInstallationsItJoinedOrLeftAndOthersThanCountsWithoutTheProject() {
        SharingIndex<String> index = new SharingIndex<>();
        assertEquals(Set.of("100", "200"), index.track("web", List.of("100", "200")));
        assertEquals(Set.of("100"), index.track("mobile", List.of("100")));
        assertEquals(Set.of(), index.track("web", List.of("200", "100")), "the same installations: nothing changed");
        assertEquals(Set.of("100", "300"), index.track("mobile", List.of("300")), "left 100, joined 300");
        assertEquals(Set.of("100", "200"), index.installationsOf("web"));
        assertEquals(Set.of(), index.installationsOf("ops"), "not tracked");
        assertEquals(Set.of("100", "200", "300"), index.installations());

        assertEquals(0, index.othersThan("web", "200"), "web's second installation: no other project");
        index.track("ops", List.of("200"));
        assertEquals(1, index.othersThan("web", "200"));
        assertEquals(2, index.othersThan("labs", "200"), "a project not on it counts every project on it");
        assertEquals(0, index.othersThan("web", null));
        index.untrack("mobile");
        assertEquals(Set.of("100", "200"), index.installations(), "300 has no project left");
    }

    @Test
    void afterALinkOrUnlinkOnlyALoneOtherUserOfTheInstallationIsReadAgain() {
        // PostHog's installation_shared: another project uses the installation. A group that keeps (or had)
        // two or more other users keeps its flags; one other user flips between shared and not.
        assertEquals(List.of(), SharingIndex.rereadAfterChange(List.of()));
        assertEquals(List.of(7L), SharingIndex.rereadAfterChange(List.of(7L)));
        assertEquals(List.of(), SharingIndex.rereadAfterChange(List.of(7L, 8L)));
        assertEquals(List.of(), SharingIndex.rereadAfterChange(List.of(1L, 2L, 3L, 4L)));
    }
}
