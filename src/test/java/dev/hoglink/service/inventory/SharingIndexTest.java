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
