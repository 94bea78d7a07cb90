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
    void aSignInWithoutIntegrationWriteSaysSoInItsOwnWords() {
        Capabilities c = of(null, Organization.OWNER, true).withKeyCanWrite(Optional.of(false), true);
        assertFalse(c.link(null).allowed());
        assertEquals(Capabilities.READ_ONLY_SIGN_IN, c.link(null).why(), "no personal API key to recreate");
        assertEquals(Capabilities.READ_ONLY_SIGN_IN, c.startOAuth(null).why());
        assertEquals(Capabilities.READ_ONLY_SIGN_IN, c.unlink(null).why());
        assertEquals(Capabilities.READ_ONLY_SIGN_IN, c.withOrganization("Stark", 8).readOnlyReason(),
                "the credential's kind survives switching organization");
        assertTrue(of(null, Organization.OWNER, true).withKeyCanWrite(Optional.of(true), true).link(null).allowed());
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

    /**
     * posthog/api/integration.py: github/prepare_callback falls under IntegrationManagementPermission
     * (TeamMemberStrictManagementPermission): a POST needs project admin (api-notes NI3).
     */
    @Test
    void manageOnGitHubNeedsProjectAdminAsPrepareCallbackDoes() {
        Capabilities member = of(true, Organization.MEMBER, true);
        assertFalse(member.manageOnGitHub(null).allowed(), "a member's prepare_callback is refused with 403");
        assertEquals("Manage on GitHub and Unlink need project admin. You are a member of Acme, not an admin.",
                member.manageOnGitHub(null).why(), "the detail pane's note, word for word");
        assertTrue(member.manageOnGitHub(8).allowed(), "a project's own admin level counts");
        assertTrue(of(true, Organization.ADMIN, false).manageOnGitHub(null).allowed());
        assertTrue(Capabilities.UNKNOWN.manageOnGitHub(null).allowed(), "unknown level: PostHog decides");
        assertEquals(Capabilities.READ_ONLY, of(false, Organization.OWNER, true).manageOnGitHub(null).why());
    }

    /**
     * A member's Unlink and Manage on GitHub give the detail pane's note as their reason, word for word: the buttons'
     * tips and the note under them come from one sentence (they once read "Unlinking needs project admin; …" beside
     * "Manage on GitHub and Unlink need project admin. …").
     */
    @Test
    void aRefusedUnlinkOrManageGivesTheNoteAsItsReason() {
        for (Boolean personal : new Boolean[] {true, false, null}) {
            Capabilities member = of(true, Organization.MEMBER, personal);
            assertFalse(member.unlink(null).allowed());
            assertEquals(member.refusedNote(null), member.unlink(null).why(), "personal GitHub " + personal);
            assertEquals(member.refusedNote(null), member.manageOnGitHub(null).why(), "personal GitHub " + personal);
            assertTrue(member.unlink(null).why().contains("Unlink need project admin"), member.unlink(null).why());
        }
    }

    /** The detail pane's note names every refused action with its reason, in short sentences. */
    @Test
    void theNoteNamesEveryRefusedActionWithItsReasonInShortSentences() {
        Capabilities member = of(true, Organization.MEMBER, true);
        assertFalse(member.manageOnGitHub(null).allowed());
        assertFalse(member.unlink(null).allowed());
        assertEquals("Manage on GitHub and Unlink need project admin. You are a member of Acme, not an admin.",
                member.refusedNote(null));
        // A member without a personal GitHub link: short sentences, each fact once, the remedy last.
        assertEquals("Link existing installation needs project admin or a personal GitHub account. "
                + "Manage on GitHub and Unlink need project admin. "
                + "You are a member of Acme, not an admin. "
                + "No personal GitHub account is linked. Link yours in PostHog: Settings › Personal integrations.",
                of(true, Organization.MEMBER, false).refusedNote(null));
        assertEquals("", of(true, Organization.MEMBER, false).refusedNote(8), "a project's own admin level counts");
        assertEquals("", of(true, Organization.ADMIN, false).refusedNote(null));
        assertEquals("", Capabilities.UNKNOWN.refusedNote(null), "unknown level: PostHog decides");
        assertEquals(Capabilities.READ_ONLY, of(false, Organization.MEMBER, false).refusedNote(null),
                "one reason refuses every change: said once");
        assertEquals(Capabilities.READ_ONLY_CONNECTION,
                of(true, Organization.MEMBER, false).withConnectionReadOnly(true).refusedNote(null));
        for (String sentence : of(true, Organization.MEMBER, false).refusedNote(null).split("(?<=\\.) ")) {
            assertTrue(sentence.length() <= 90 && !sentence.contains(";"), "a short sentence: " + sentence);
        }
    }

    @Test
    void nothingIsRefusedInAdvanceWhileTheCapabilitiesAreUnknown() {
        assertTrue(Capabilities.UNKNOWN.link(null).allowed());
        assertTrue(Capabilities.UNKNOWN.unlink(null).allowed());
        assertTrue(of(null, 0, null).startOAuth(null).allowed());
    }

    @Test
    void aConnectionMarkedReadOnlyTurnsOffEveryWriteWhateverTheKeyAndLevelAllowAndSaysWhy() {
        Capabilities owner = of(true, Organization.OWNER, true).withConnectionReadOnly(true);
        for (Capabilities.Decision d : java.util.List.of(owner.link(null), owner.startOAuth(null), owner.unlink(8),
                owner.anyWrite())) {
            assertFalse(d.allowed());
            assertEquals(Capabilities.READ_ONLY_CONNECTION, d.why());
        }
        assertTrue(owner.withConnectionReadOnly(false).anyWrite().allowed(), "clearing the mark gives writes back");
        assertTrue(Capabilities.UNKNOWN.withConnectionReadOnly(true).link(null).why().contains("marked read-only"),
                "refused even before the key's scopes are read");
    }

    @Test
    void theReadOnlyMarkSurvivesEveryOtherChangeOfTheCapabilities() {
        Capabilities c = Capabilities.UNKNOWN.withConnectionReadOnly(true)
                .withOrganization("Acme", Organization.OWNER).withKeyCanWrite(Optional.of(true)).withPersonalGitHub(true);
        assertTrue(c.connectionReadOnly());
        assertFalse(c.link(null).allowed());
    }

    @Test
    void aReadOnlyKeyRefusesAnyWriteWithTheKeysReason() {
        assertEquals(Capabilities.READ_ONLY, of(false, Organization.OWNER, true).anyWrite().why());
        assertTrue(of(true, 1, false).anyWrite().allowed(), "a member may still ask PostHog to prepare a callback");
    }
}
