package dev.hoglink.service.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.Capabilities;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LinkPlannerTest {

    private static final Organization ORG = new Organization("o1", "Acme", "acme", Organization.MEMBER);
    private static final InstallationOption SIBLING = new InstallationOption("111", "acme", AccountType.ORGANIZATION,
            101L, "Web", "d");
    private static final InstallationOption ORPHAN = new InstallationOption("222", "acme-oss", AccountType.ORGANIZATION,
            null, null, "d");

    private static GitHubLink link(String installation, LinkStatus status) {
        return new GitHubLink(1, installation, "acme", AccountType.ORGANIZATION, "all", status, true, null, null, null);
    }

    private static LinkPlanner.Target target(long id, GitHubLink... links) {
        return new LinkPlanner.Target(new Project(id, "P" + id, "o1", null), List.of(links));
    }

    private static LinkPlan.Row one(InstallationOption o, Capabilities caps, Optional<List<String>> personal,
                                    String problem, LinkPlanner.Target t) {
        return LinkPlanner.plan("id", Instant.EPOCH, "h", ORG, o, List.of(t),
                new LinkPlanner.Facts(caps, personal, problem)).rows().get(0);
    }

    private static Capabilities caps(Boolean write, int level) {
        return new Capabilities(Optional.ofNullable(write), "Acme", level, Optional.empty());
    }

    @Test
    void eachOutcomeHasItsRule() {
        Optional<List<String>> none = Optional.of(List.of());
        Optional<List<String>> mine = Optional.of(List.of("111"));
        assertEquals(PlanOutcome.ALREADY_LINKED, one(SIBLING, caps(true, 1), none, null,
                target(5, link("111", LinkStatus.CONNECTED))).predicted());
        assertEquals(PlanOutcome.NOT_ALLOWED_BY_KEY, one(SIBLING, caps(false, 15), mine, null, target(5)).predicted());
        assertEquals(PlanOutcome.INSTALLATION_UNAVAILABLE, one(SIBLING, caps(true, 15), mine, "suspended", target(5)).predicted());
        assertEquals(PlanOutcome.WILL_LINK, one(SIBLING, caps(true, 8), none, null, target(5)).predicted());
        assertEquals(PlanOutcome.WILL_LINK, one(ORPHAN, caps(true, 15), none, null, target(5)).predicted());
        LinkPlan.Row adopt = one(ORPHAN, caps(true, 1), mine, null, target(5));
        assertEquals(PlanOutcome.NEEDS_PROJECT_ADMIN, adopt.predicted());
        // No source project = no team of this organization links it; another organization's project may (NH32).
        assertTrue(adopt.reason().startsWith("No project in this organization uses "), adopt.reason());
        // the sentence the link dialog and PostHog's refusal give, word for word
        assertEquals(InstallationUse.adoptionNeedsAdmin(dev.hoglink.model.InstallationName.the(ORPHAN.accountName(),
                ORPHAN.installationId()), "P5"), adopt.reason());
        assertTrue(one(ORPHAN, caps(true, 15), none, null, target(5)).reason()
                .startsWith("Will link; no project in this organization uses "));
        LinkPlan.Row unlinked = one(SIBLING, caps(true, 1), none, null, target(5));
        assertEquals(PlanOutcome.NEEDS_PERSONAL_GITHUB, unlinked.predicted());
        // the plan's reason is the Link button's, word for word, in the note's short sentences
        assertEquals(caps(true, 1).withPersonalGitHub(false).link(null).why(), unlinked.reason());
        assertTrue(unlinked.reason().contains("You are a member of Acme, not an admin. No personal GitHub account "
                + "is linked."), unlinked.reason());
        LinkPlan.Row member = one(SIBLING, caps(true, 1), mine, null, target(5));
        assertEquals(PlanOutcome.WILL_LINK, member.predicted());
        assertTrue(member.reason().contains("through your personal GitHub link"), member.reason());
        LinkPlan.Row stale = LinkPlanner.plan("id", Instant.EPOCH, "h", ORG, SIBLING, List.of(target(5)),
                new LinkPlanner.Facts(caps(true, 1), mine, null, LinkPlanner.personalProblem("unavailable", "eve-gh")))
                .rows().get(0);
        assertEquals(PlanOutcome.NEEDS_PERSONAL_GITHUB, stale.predicted());
        assertTrue(stale.reason().startsWith("Your personal GitHub link (eve-gh) no longer works"), stale.reason());
        assertNull(LinkPlanner.personalProblem("ok", "eve-gh"));
        LinkPlan.Row unknown = one(SIBLING, caps(null, 1), Optional.empty(), null, target(5));
        assertEquals(PlanOutcome.WILL_LINK, unknown.predicted());
        assertTrue(unknown.reason().contains("not known"), unknown.reason());
    }

    /**
     * PostHog adds a row per installation (update_or_create keyed on team, kind and installation id, api-notes N25):
     * a project linked to one installation that uses another keeps it, and the plan says so instead of reading as a
     * swap. A project with no other installation, or one not to be linked, says nothing of it.
     */
    @Test
    void aProjectThatUsesAnotherInstallationIsSaidToKeepIt() {
        GitHubLink secret = new GitHubLink(7, "333", "acme-secret", AccountType.ORGANIZATION, "all",
                LinkStatus.CONNECTED, false, null, null, null);
        LinkPlan.Row admin = one(SIBLING, caps(true, Organization.ADMIN), Optional.empty(), null, target(5, secret));
        assertEquals(PlanOutcome.WILL_LINK, admin.predicted());
        assertEquals("Will link as an admin (from Web). P5 keeps acme-secret too: PostHog adds the installation "
                + "beside it.", admin.reason());
        GitHubLink other = new GitHubLink(8, "444", null, AccountType.ORGANIZATION, "all", LinkStatus.CONNECTED,
                false, null, null, null);
        LinkPlan.Row member = one(SIBLING, caps(true, 1), Optional.of(List.of("111")), null, target(5, secret, other));
        assertTrue(member.reason().endsWith(" P5 keeps acme-secret and installation 444 too: PostHog adds the "
                + "installation beside them."), member.reason());
        assertEquals("Will link as an admin (from Web).",
                one(SIBLING, caps(true, Organization.ADMIN), Optional.empty(), null, target(5)).reason());
        LinkPlan.Row refused = one(SIBLING, caps(false, Organization.ADMIN), Optional.empty(), null, target(5, secret));
        assertFalse(refused.reason().contains("keeps"), refused.reason());
    }

    /**
     * PostHog's page for a personal GitHub link is "Personal integrations" (urls.settings('user-personal-integrations'),
     * the contract's "Settings → Personal integrations"), as the link dialog's refusals and its button name it; the
     * plan's rows and the disabled Link button say the same, not another page's name.
     */
    @Test
    void everyAdviceToLinkOrReconnectPersonalGitHubNamesPostHogsPersonalIntegrationsPage() {
        List<String> advice = List.of(
                one(SIBLING, caps(true, 1), Optional.of(List.of()), null, target(5)).reason(),
                LinkPlanner.personalProblem("unavailable", "eve-gh"),
                caps(true, 1).withPersonalGitHub(false).link(1).why());
        for (String text : advice) {
            assertTrue(text.contains("Settings › Personal integrations"), text);
            assertFalse(text.contains("Linked accounts"), text);
        }
    }

    @Test
    void onlyProjectsPredictedToLinkAreToBeSent() {
        LinkPlan plan = LinkPlanner.plan("id", Instant.EPOCH, "h", ORG, SIBLING,
                List.of(target(1), target(2, link("111", LinkStatus.CONNECTED)), target(3)),
                new LinkPlanner.Facts(caps(true, 15), Optional.of(List.of()), null));
        assertEquals(List.of(1L, 3L), plan.planned().stream().map(LinkPlan.Row::projectId).toList());
        assertEquals(2, plan.counts().get(PlanOutcome.WILL_LINK));
        assertEquals(1, plan.counts().get(PlanOutcome.ALREADY_LINKED));
        assertEquals(List.of(1L), plan.withApply(java.util.Map.of(3L, false)).planned().stream()
                .map(LinkPlan.Row::projectId).toList());
    }

    @Test
    void aSuspendedInstallationOrOneNoLongerOfferedIsUnavailableButATokenErrorIsNot() {
        LinkPlan.Installation inst = LinkPlan.Installation.of(SIBLING);
        assertTrue(LinkPlanner.installationProblem(inst, List.of(link("111", LinkStatus.UNAVAILABLE)), true)
                .contains("suspended or uninstalled"));
        assertTrue(LinkPlanner.installationProblem(inst, List.of(), false).contains("does not offer"));
        assertNull(LinkPlanner.installationProblem(inst, List.of(link("111", LinkStatus.TOKEN_ERROR)), true));
        assertFalse(LinkPlanner.installationProblem(inst, List.of(link("999", LinkStatus.UNAVAILABLE)), true) != null);
    }

    /** The plan's headline says each number once: "to link" only when it is not what "Will link" already says. */
    @Test
    void thePlansCountsSayHowManyWillLinkOnceAndTheTicksOnlyWhenTheyDiffer() {
        java.util.Map<PlanOutcome, Integer> all = new java.util.EnumMap<>(PlanOutcome.class);
        all.put(PlanOutcome.WILL_LINK, 17);
        assertEquals("Will link: 17", LinkPlan.countsText(all, 17, 17));
        assertEquals("Will link: 17  —  15 to link (2 unticked)", LinkPlan.countsText(all, 15, 17));
        assertEquals("Will link: 17  —  0 to link (17 unticked)", LinkPlan.countsText(all, 0, 17));
        java.util.Map<PlanOutcome, Integer> mixed = new java.util.EnumMap<>(all);
        mixed.put(PlanOutcome.ALREADY_LINKED, 3);
        mixed.put(PlanOutcome.NEEDS_PROJECT_ADMIN, 0);
        assertEquals("Will link: 17 · Already linked: 3", LinkPlan.countsText(mixed, 17, 17));
        assertEquals("Will link: 17 · Already linked: 3  —  16 to link (1 unticked)",
                LinkPlan.countsText(mixed, 16, 17));
        java.util.Map<PlanOutcome, Integer> none = new java.util.EnumMap<>(PlanOutcome.class);
        none.put(PlanOutcome.NEEDS_PROJECT_ADMIN, 2);
        assertEquals("Needs a project admin: 2  —  0 to link", LinkPlan.countsText(none, 0, 0));
        assertEquals("", LinkPlan.countsText(new java.util.EnumMap<>(PlanOutcome.class), 0, 0));
    }

    /**
     * A member of the organization whom a project rule makes admin there (docs/api-notes.md NM1) links as an admin on
     * that project only: without a personal GitHub link, and an installation no project uses yet too.
     */
    @Test
    void aMembersLevelOnTheProjectDecidesWhenTheTargetStatesIt() {
        Optional<List<String>> none = Optional.of(List.of());
        LinkPlanner.Target admin = target(5).withLevel(Organization.ADMIN);
        LinkPlan.Row sibling = one(SIBLING, caps(true, 1), none, null, admin);
        assertEquals(PlanOutcome.WILL_LINK, sibling.predicted());
        assertEquals("Will link as an admin of P5 (from Web).", sibling.reason());
        assertEquals(PlanOutcome.WILL_LINK, one(ORPHAN, caps(true, 1), none, null, admin).predicted());
        assertEquals(PlanOutcome.NEEDS_PERSONAL_GITHUB, one(SIBLING, caps(true, 1), none, null,
                target(5).withLevel(Organization.MEMBER)).predicted());
        assertEquals(PlanOutcome.NEEDS_PERSONAL_GITHUB, one(SIBLING, caps(true, 1), none, null, target(5)).predicted(),
                "no level stated: the organization's stands");
        assertEquals("Will link as an admin (from Web).", one(SIBLING, caps(true, 15), none, null,
                target(5).withLevel(Organization.ADMIN)).reason(), "an organization admin's words are unchanged");
    }
}
