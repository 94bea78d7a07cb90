package dev.hoglink.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CapabilitiesTest {

    private static Capabilities of(Boolean write, int level, Boolean personal) {
        return new Capabilities(Optional.ofNullable(write), "Acme", level, Optional.ofNullable(personal));
    }

    @Test
    void aKeyWithoutIntegrationWriteMayNotChangeAnything() {
        Capabilities c = of(false, Organization.OWNER, true);
        assertFalse(c.link(null).allowed());
        assertFalse(c.startOAuth(null).allowed());
        assertFalse(c.unlink(null).allowed());
        assertEquals(Capabilities.READ_ONLY, c.unlink(null).why());
    }

    @Test
    void unlinkNeedsProjectAdminAndLinkNeedsAdminOrAPersonalGitHubLink() {
        assertFalse(of(true, 1, null).unlink(null).allowed());
        assertTrue(of(true, 8, null).unlink(null).allowed());
        assertTrue(of(true, 1, null).link(null).allowed(), "unknown personal link: PostHog decides");
        assertTrue(of(true, 1, true).link(null).allowed());
        assertFalse(of(true, 1, false).link(null).allowed());
        assertTrue(of(true, 8, false).link(null).allowed());
        assertTrue(of(true, 1, false).unlink(8).allowed(), "a project's own admin level counts");
    }

    @Test
    void nothingIsRefusedInAdvanceWhileTheCapabilitiesAreUnknown() {
        assertTrue(Capabilities.UNKNOWN.link(null).allowed());
        assertTrue(Capabilities.UNKNOWN.unlink(null).allowed());
        assertTrue(of(null, 0, null).startOAuth(null).allowed());
    }
}
