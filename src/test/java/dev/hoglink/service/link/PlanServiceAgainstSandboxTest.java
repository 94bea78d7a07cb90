package dev.hoglink.service.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.journal.JournalEntry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plan, then apply, over the real client and the sandbox, per role: the prediction and what PostHog then does. */
class PlanServiceAgainstSandboxTest {

    @TempDir
    Path home;
    private SandboxServer sandbox;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private static List<PlanOutcome> predicted(LinkPlan p) {
        return p.rows().stream().map(LinkPlan.Row::predicted).toList();
    }

    @Test
    void thePersonalGitHubLinksComeFromUsersMeIntegrationsPerUser() {
        assertEquals(List.of("10000001"), new PlanSandbox(sandbox, "owner", home).plans.personalGitHubInstallations().orElseThrow());
        assertEquals(List.of(), new PlanSandbox(sandbox, "member_unlinked", home).plans.personalGitHubInstallations().orElseThrow());
        assertEquals(List.of("10000001", "10000006"),
                new PlanSandbox(sandbox, "member", home).plans.personalGitHubInstallations().orElseThrow());
        sandbox.addPersonalGitHubLink(SeedWorld.DEE, "10000001", "dee-gh", true);
        assertEquals(List.of("10000001"),
                new PlanSandbox(sandbox, "member_unlinked", home).plans.personalGitHubInstallations().orElseThrow());
    }

    /**
     * Secret Lab uses acme-secret; linking acme-labs adds a row beside it (PostHog's update_or_create is keyed on the
     * installation, api-notes N25), so the plan says it keeps acme-secret and the result says it uses both, in the
     * link dialog's words, as PostHog's rows then show.
     */
    @Test
    void aProjectThatUsesAnotherInstallationKeepsItAndTheResultSaysItUsesBoth() throws Exception {
        PlanSandbox s = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = s.plan(SeedWorld.INST_ACME_LABS, 124);
        LinkPlan.Row planned = plan.rows().get(0);
        assertEquals(PlanOutcome.WILL_LINK, planned.predicted());
        assertEquals("Will link as an admin (from Labs). Secret Lab keeps acme-secret too: PostHog adds the "
                + "installation beside it.", planned.reason());
        PlanResult r = s.plans.applyAll(plan, true, () -> false, x -> { });
        PlanResult.Row row = r.rows().get(0);
        assertEquals(ApplyOutcome.LINKED, row.outcome(), row.detail());
        assertEquals("Secret Lab now uses 2 GitHub installations: acme-secret and acme-labs.", row.detail());
        s.reread();
        assertEquals(List.of(SeedWorld.INST_SECRET_ORPHAN, SeedWorld.INST_ACME_LABS),
                s.links.get(124L).stream().map(dev.hoglink.model.GitHubLink::installationId).toList());
    }

    /**
     * The window sends a fresh plan's rows without reading each project first (PlanRun, recheck off): the result
     * still names both installations, from the rows read after PostHog's answer.
     */
    @Test
    void aFreshPlanSentRowByRowSaysTheProjectUsesBoth() throws Exception {
        PlanSandbox s = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = s.plan(SeedWorld.INST_ACME_LABS, 124);
        s.plans.begin(plan);
        long served = sandbox.knobs().requestsServed();
        PlanService.Applied a = s.plans.apply(plan, plan.rows().get(0), plan.installation().option(null), false);
        assertEquals(ApplyOutcome.LINKED, a.row().outcome(), a.row().detail());
        assertEquals("Secret Lab now uses 2 GitHub installations: acme-secret and acme-labs.", a.row().detail());
        assertEquals(2, sandbox.knobs().requestsServed() - served, "the link, then one read of the project (ND2)");
        assertEquals("linked; " + a.row().detail(), s.journal.readAll().entries().get(0).message(),
                "the history says what the result says");
    }

    /**
     * Why a fresh plan reads each linked project once after PostHog's answer: the answer is the one row linked
     * (IntegrationSerializer), and the project may have gained another installation since the window read it. Here
     * acme is linked to Secret Lab just before the plan's request arrives; the result names all three.
     */
    @Test
    void aFreshPlanNamesAnInstallationLinkedAfterTheWindowReadTheProject() throws Exception {
        PlanSandbox s = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = s.plan(SeedWorld.INST_ACME_LABS, 124);
        s.plans.begin(plan);
        dev.hoglink.api.PostHogClient other = dev.hoglink.api.PostHogClient.builder(sandbox.baseUri().toString(),
                dev.hoglink.api.ApiKey.of(sandbox.key("owner"))).rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .build();
        sandbox.onceBefore("POST", "/api/projects/124/integrations/github/link_existing/?", () -> other.linkExisting(124,
                new dev.hoglink.api.dto.LinkExistingRequest(101L, SeedWorld.INST_ACME, null)));
        PlanService.Applied a = s.plans.apply(plan, plan.rows().get(0), plan.installation().option(null), false);
        assertEquals(ApplyOutcome.LINKED, a.row().outcome(), a.row().detail());
        assertEquals("Secret Lab now uses 3 GitHub installations: acme-secret, acme and acme-labs.", a.row().detail());
    }

    /**
     * A plan that reads each project just before sending reads the rows of a project without other installations once,
     * with no read of them after PostHog's answer; the one request after it is the activity log's first page, which
     * tells whether someone else's link landed between the read and the send (docs/api-notes.md NH21). A project that
     * keeps other installations is read once more after the answer, since its result names them.
     */
    @Test
    void aRecheckedPlanReadsEachProjectOnceBeforeSendingAndAfterOnlyWhenItNamesItsOtherInstallations()
            throws Exception {
        PlanSandbox s = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = s.plan(SeedWorld.INST_ACME_LABS, 108, 124);
        s.plans.begin(plan);
        long served = sandbox.knobs().requestsServed();
        PlanService.Applied a = s.plans.apply(plan, plan.rows().get(0), plan.installation().option(null), true);
        assertEquals("Checkout now uses the GitHub App installation on acme-labs (id " + SeedWorld.INST_ACME_LABS
                + ").", a.row().detail());
        assertEquals(3, sandbox.knobs().requestsServed() - served,
                "one read before sending, the link, then the activity log's first page");
        served = sandbox.knobs().requestsServed();
        a = s.plans.apply(plan, plan.rows().get(1), plan.installation().option(null), true);
        assertEquals("Secret Lab now uses 2 GitHub installations: acme-secret and acme-labs.", a.row().detail());
        assertEquals(4, sandbox.knobs().requestsServed() - served,
                "one read before sending, the link, its rows again for what it keeps, then the activity log");
    }

    @Test
    void eachRolesPlanPredictsWhatApplyingItThenDoes() throws Exception {
        record Case(String role, String installation, long[] ids, List<PlanOutcome> expected) {
        }
        List<Case> cases = List.of(
                new Case("owner", "10000001", new long[] {101, 108}, List.of(PlanOutcome.ALREADY_LINKED, PlanOutcome.WILL_LINK)),
                new Case("member_unlinked", "10000001", new long[] {109}, List.of(PlanOutcome.NEEDS_PERSONAL_GITHUB)),
                new Case("member", "10000001", new long[] {110}, List.of(PlanOutcome.WILL_LINK)),
                new Case("member", "10000006", new long[] {111}, List.of(PlanOutcome.NEEDS_PROJECT_ADMIN)),
                new Case("readonly", "10000001", new long[] {112}, List.of(PlanOutcome.NOT_ALLOWED_BY_KEY)),
                new Case("member_stale_github", "10000001", new long[] {113}, List.of(PlanOutcome.NEEDS_PERSONAL_GITHUB)));
        for (Case c : cases) {
            PlanSandbox s = new PlanSandbox(sandbox, c.role(), home);
            var offered = s.plans.availability(c.ids()[c.ids().length - 1]);
            var option = offered.installations().stream()
                    .filter(o -> o.installationId().equals(c.installation())).findFirst().orElseThrow();
            LinkPlan plan = s.plans.plan(s.acme, option, s.targets(c.ids()), s.allLinks(), true, s.capabilities(),
                    s.plans.personalGitHubInstallations(),
                    LinkPlanner.personalProblem(offered.personalDiscoveryStatus(), offered.personalGithubLogin()));
            assertEquals(c.expected(), predicted(plan), c.role());
            // Force every row to be sent: PostHog's answer must match the prediction.
            Map<Long, Boolean> all = new java.util.HashMap<>();
            plan.rows().forEach(r -> all.put(r.projectId(), true));
            PlanResult r = s.plans.applyAll(plan.withApply(all), true, () -> false, x -> { });
            for (PlanResult.Row row : r.rows()) {
                ApplyOutcome want = switch (row.predicted()) {
                    case WILL_LINK -> ApplyOutcome.LINKED;
                    case ALREADY_LINKED -> ApplyOutcome.LINKED; // a re-link of the same row (N25)
                    default -> ApplyOutcome.REFUSED;
                };
                assertEquals(want, row.outcome(), c.role() + " " + row);
            }
        }
    }

    /**
     * Cy, a member whose personal GitHub account (cy-gh) cannot see acme-labs: PostHog refuses each project with the
     * same code as for no personal link (team_services.py authorize_link_existing_installation), and each row says
     * that the linked account cannot see it, not only "link or reconnect" (docs/api-notes.md NJ3). Nothing is held:
     * PostHog decides per project (a member may be admin of some).
     */
    @Test
    void aMembersBulkLinkOfAnInstallationTheirGitHubAccountCannotSeeIsRefusedPerRowSayingWhy() throws Exception {
        PlanSandbox cy = new PlanSandbox(sandbox, "member", home);
        LinkPlan plan = cy.plan("10000002", 108, 109);
        assertEquals(List.of(PlanOutcome.WILL_LINK, PlanOutcome.WILL_LINK), predicted(plan));
        assertTrue(plan.rows().get(0).reason().contains("PostHog asks GitHub whether that account can see"),
                plan.rows().get(0).reason());
        PlanResult r = cy.plans.applyAll(plan, true, () -> false, x -> { });
        assertEquals("Refused by PostHog: 2", r.countsText(), r.rows().toString());
        for (PlanResult.Row row : r.rows()) {
            assertEquals(LinkResult.Kind.PERSONAL_GITHUB_REQUIRED, row.kind(), row.toString());
            assertEquals("github_link_existing_personal_github_required", row.code());
            assertTrue(row.detail().contains("if it is linked and works, that GitHub account cannot see the "
                    + "installation, so ask whoever manages it on GitHub to give the account access"), row.detail());
            assertFalse(row.leftToSend(), "refused for this user: a resume would be refused the same way");
        }
        assertFalse(r.stopped());
        assertTrue(cy.plans.links().links(108).stream().noneMatch(l -> "10000002".equals(l.installationId())));
    }

    /**
     * A 403 that is not about the key's scopes is the project's own: Cy (a member) loses access to Search just before
     * its link arrives, PostHog refuses it "You don't have access to the project.", and Billing is still sent
     * (docs/api-notes.md NJ3, NJ4).
     */
    @Test
    void aRefusalForOneProjectsAccessDoesNotHoldTheProjectsAfterIt() throws Exception {
        PlanSandbox cy = new PlanSandbox(sandbox, "member", home);
        LinkPlan plan = cy.plan("10000001", 108, 109, 110);
        sandbox.onceBefore("POST", "/api/projects/109/integrations/github/link_existing/?",
                () -> sandbox.restrictTeam(109, Map.of()));
        PlanResult r = cy.plans.applyAll(plan, true, () -> false, x -> { });
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.REFUSED, ApplyOutcome.LINKED),
                r.rows().stream().map(PlanResult.Row::outcome).toList(), r.rows().toString());
        assertEquals(LinkResult.Kind.FORBIDDEN, r.rows().get(1).kind());
        assertTrue(r.rows().get(1).detail().contains("You don't have access to the project."), r.rows().get(1).detail());
        assertFalse(r.stopped());
        assertEquals("", r.heldText());
    }

    @Test
    void anInstallationGoneBeforePostHogNoticedStopsThePlanAtItsFirstServerErrorAndResumesOnceMarked() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000002", 108, 109, 110);
        assertEquals(3, plan.planned().size());
        // Suspended on GitHub; PostHog's rows of it still read connected, so the re-check finds nothing.
        sandbox.setInstallationStatus("10000002", "suspended", false);
        PlanResult r = owner.plans.applyAll(plan, true, () -> false, x -> { });
        assertEquals(List.of(ApplyOutcome.ERROR, ApplyOutcome.NOT_SENT, ApplyOutcome.NOT_SENT),
                r.rows().stream().map(PlanResult.Row::outcome).toList(), r.rows().toString());
        assertTrue(r.rows().get(1).detail().startsWith("Not sent: PostHog answered Checkout with a server error"),
                r.rows().get(1).detail());
        assertTrue(r.stopped());
        long sent = owner.journal.readAll().entries().stream().filter(e -> e.action() == JournalEntry.Action.LINK).count();
        assertEquals(1, sent, "one request, not one per project");
        assertEquals(1, owner.plans.unfinished().size(), "the plan waits to be resumed");

        // Once PostHog has marked the installation's row, the resumed plan's re-check sends nothing.
        sandbox.setInstallationStatus("10000002", "suspended", true);
        PlanService.Unfinished u = owner.plans.unfinished().get(0);
        Map<Long, Boolean> left = new java.util.HashMap<>();
        u.plan().rows().forEach(x -> left.put(x.projectId(), false));
        u.remaining().forEach(x -> left.put(x.projectId(), true));
        assertEquals(List.of(109L, 110L), u.remaining().stream().map(LinkPlan.Row::projectId).toList(),
                "the two not sent; the error is that project's end");
        PlanResult resumed = owner.plans.applyAll(u.plan().withApply(left), true, () -> false, x -> { });
        assertTrue(resumed.rows().stream().filter(x -> x.outcome() != ApplyOutcome.NOT_IN_PLAN)
                .allMatch(x -> x.outcome() == ApplyOutcome.CHANGED), resumed.rows().toString());
        assertEquals(1, owner.journal.readAll().entries().stream().filter(e -> e.action() == JournalEntry.Action.LINK).count());
    }

    @Test
    void aSavedPlanIsRecheckedAProjectLinkedMeanwhileAndAnInstallationGoneAreReportedNotSent() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000002", 108, 109, 110);
        assertEquals(3, plan.planned().size());
        // Meanwhile someone links 109.
        owner.plans.links().linkOne(new LinkService.Target(owner.acme, owner.projects.get(109L)),
                owner.plans.installations(109).stream().filter(o -> o.installationId().equals("10000002")).findFirst().orElseThrow());
        LinkPlan saved = PlanFiles.readPlan(PlanFiles.write(plan, PlanFiles.Format.JSON));
        PlanResult r = owner.plans.applyAll(saved, true, () -> false, x -> { });
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.CHANGED, ApplyOutcome.LINKED),
                r.rows().stream().map(PlanResult.Row::outcome).toList());
        assertFalse(r.complete());
        // journaled as the link dialog journals the same finding: the other link, then the plan's not sent
        assertEquals(List.of("ok", "not_sent linked_meanwhile"), owner.journal.readAll().entries().stream()
                .filter(e -> e.action() == JournalEntry.Action.LINK && e.projectId() == 109)
                .map(e -> e.outcome().wireName() + (e.errorCode() == null ? "" : " " + e.errorCode())).toList());

        LinkPlan second = owner.plan("10000002", 111, 112);
        sandbox.setInstallationStatus("10000002", "suspended");
        PlanResult gone = owner.plans.applyAll(second, true, () -> false, x -> { });
        assertTrue(gone.rows().stream().allMatch(x -> x.outcome() == ApplyOutcome.CHANGED), gone.rows().toString());
        assertTrue(gone.note().contains("suspended or uninstalled"), gone.note());
        long sent = owner.journal.readAll().entries().stream().filter(e -> e.action() == JournalEntry.Action.LINK
                && (e.projectId() == 111 || e.projectId() == 112)).count();
        assertEquals(0, sent, "nothing was sent for a plan whose installation is gone");
    }

    @Test
    void aStoppedRunIsInThePlanJournalWithWhatIsLeftAndResumesOnlyThat() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109, 110, 111);
        List<Long> seen = new ArrayList<>();
        PlanResult r = owner.plans.applyAll(plan, false, () -> seen.size() >= 1, row -> seen.add(row.projectId()));
        assertTrue(r.stopped());
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.STOPPED, ApplyOutcome.STOPPED, ApplyOutcome.STOPPED),
                r.rows().stream().map(PlanResult.Row::outcome).toList());
        PlanService.Unfinished u = owner.plans.unfinished().get(0);
        assertEquals("3 of 4 not done", u.summary());
        assertEquals(List.of(109L, 110L, 111L), u.remaining().stream().map(LinkPlan.Row::projectId).toList());
        PlanResult rest = owner.plans.applyAll(u.plan().withApply(Map.of(108L, false)), true, () -> false, x -> { });
        assertTrue(rest.complete(), rest.rows().toString());
        assertTrue(owner.plans.unfinished().isEmpty(), "a finished plan is closed");
    }

    @Test
    void theWindowResumingAProjectWhoseAnswerWasLostCountsThisPlansOwnLinkAsLinked() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109);
        List<Long> seen = new ArrayList<>();
        owner.plans.applyAll(plan, true, () -> seen.size() >= 1, row -> seen.add(row.projectId()));
        // 108's link landed on PostHog but its answer was lost: the plan journal says unknown, as the run writes it.
        new dev.hoglink.service.journal.PlanJournal(home.resolve("plans"))
                .progress(plan.id(), 108, ApplyOutcome.UNKNOWN.wireName());
        PlanService.Unfinished u = owner.plans.unfinished().get(0);
        assertEquals(List.of(108L, 109L), u.remaining().stream().map(LinkPlan.Row::projectId).toList());
        // The window's resume sends a row at a time (PlanRun), each checked again first.
        PlanService.Offer offer = owner.plans.recheckInstallation(u.plan());
        PlanService.Applied a = owner.plans.apply(u.plan(), u.remaining().get(0), offer.option(), true);
        assertEquals(ApplyOutcome.LINKED, a.row().outcome(), a.row().detail());
        assertTrue(a.row().detail().contains("by an earlier run of this plan"), a.row().detail());
    }

    @Test
    void theSamePlanAppliedAgainAfterAStopCountsItsOwnEarlierLinksAsLinkedAndSendsThemNotAgain() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109, 110);
        List<Long> seen = new ArrayList<>();
        PlanResult first = owner.plans.applyAll(plan, true, () -> seen.size() >= 1, row -> seen.add(row.projectId()));
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.STOPPED, ApplyOutcome.STOPPED),
                first.rows().stream().map(PlanResult.Row::outcome).toList());
        // `hoglink link --apply` run again on the same file: the whole plan, each project checked first.
        LinkPlan saved = PlanFiles.readPlan(PlanFiles.write(plan, PlanFiles.Format.JSON));
        PlanResult again = owner.plans.applyAll(saved, true, () -> false, x -> { });
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.LINKED, ApplyOutcome.LINKED),
                again.rows().stream().map(PlanResult.Row::outcome).toList(), again.rows().toString());
        assertTrue(again.rows().get(0).detail().contains("by an earlier run of this plan"), again.rows().get(0).detail());
        assertTrue(again.complete(), "every planned project ended linked");
        long sent = owner.journal.readAll().entries().stream().filter(e -> e.action() == JournalEntry.Action.LINK).count();
        assertEquals(3, sent, "108 is not sent again");

        // Once more, all done: nothing sent, still every project linked.
        PlanResult third = owner.plans.applyAll(saved, true, () -> false, x -> { });
        assertTrue(third.complete(), third.rows().toString());
        assertEquals(3, owner.journal.readAll().entries().stream().filter(e -> e.action() == JournalEntry.Action.LINK).count());
    }

    /**
     * Between two runs of one plan someone else unlinks a project the first run linked and links it again: the row
     * there now is theirs (a new integration id), not the plan's. Applied again, the plan reports the project changed
     * since the plan, not "linked by an earlier run of this plan", and does not count it as its own.
     */
    @Test
    void theSamePlanAppliedAgainFindsAProjectRelinkedBySomeoneElseChangedNotItsOwnLink() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109);
        List<Long> seen = new ArrayList<>();
        PlanResult first = owner.plans.applyAll(plan, true, () -> seen.size() >= 1, row -> seen.add(row.projectId()));
        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.STOPPED),
                first.rows().stream().map(PlanResult.Row::outcome).toList());
        // Someone else, with their own copy of Hoglink: unlinks Checkout, then links it again (a new row).
        PlanSandbox admin = new PlanSandbox(sandbox, "admin", home.resolve("someone-else"));
        LinkService.Target checkout = new LinkService.Target(admin.acme, admin.projects.get(108L));
        dev.hoglink.model.GitHubLink ours = admin.plans.links().links(108).stream()
                .filter(l -> l.installationId().equals("10000001")).findFirst().orElseThrow();
        assertTrue(admin.plans.links().unlink(checkout, ours, true).unlinked());
        LinkResult theirs = admin.plans.links().linkOne(checkout, admin.plans.installations(108).stream()
                .filter(o -> o.installationId().equals("10000001")).findFirst().orElseThrow());
        assertTrue(theirs.linked(), theirs.message());
        assertTrue(theirs.link().integrationId() != ours.integrationId(), "PostHog made a new row");

        LinkPlan saved = PlanFiles.readPlan(PlanFiles.write(plan, PlanFiles.Format.JSON));
        PlanResult again = owner.plans.applyAll(saved, true, () -> false, x -> { });
        PlanResult.Row row = again.rows().get(0);
        assertEquals(ApplyOutcome.CHANGED, row.outcome(), row.detail());
        assertFalse(row.detail().contains("by an earlier run of this plan"), row.detail());
        assertEquals("Checkout was linked to acme (id 10000001) again by someone else after an earlier run of this "
                + "plan linked it and that link was removed; nothing was sent.", row.detail());
        assertEquals(ApplyOutcome.LINKED, again.rows().get(1).outcome(), again.rows().get(1).detail());
        assertFalse(again.complete(), "Checkout's link is not the plan's");
        // Journaled as a link not sent because someone else's link was found, as any project linked meanwhile.
        assertEquals(List.of("ok", "not_sent linked_meanwhile"), owner.journal.readAll().entries().stream()
                .filter(e -> e.action() == JournalEntry.Action.LINK && e.projectId() == 108)
                .map(e -> e.outcome().wireName() + (e.errorCode() == null ? "" : " " + e.errorCode())).toList());
    }

    /**
     * A run killed after a project's link reached PostHog and before its answer was noted (kill -9, a power cut) must
     * leave the plan journal saying the link may have been sent: the plan journal holds the project as unknown while
     * its request is out, so the next run of the plan counts the link it finds as the plan's own, not as a change made
     * by someone else since the plan.
     */
    @Test
    void aRunKilledWhileALinkIsOutLeavesItInThePlanJournalAndTheNextRunCountsItAsThePlans() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109);
        java.nio.file.Path progress = home.resolve("plans").resolve(plan.id() + ".progress");
        String[] onDiskWhenSent = {null};
        sandbox.onceBefore("POST", "/api/projects/108/integrations/github/link_existing/?", () -> {
            try { // what a kill -9 right now would leave on disk
                onDiskWhenSent[0] = java.nio.file.Files.exists(progress) ? java.nio.file.Files.readString(progress) : "";
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        List<Long> seen = new ArrayList<>(); // the process dies after 108's link: 109 is never sent
        PlanResult first = owner.plans.applyAll(plan, true, () -> seen.size() >= 1, row -> seen.add(row.projectId()));
        assertEquals(ApplyOutcome.LINKED, first.rows().get(0).outcome(), first.rows().get(0).detail());
        // noted as out before it is sent, with the discovery its request names (PostHog's record of the link has it)
        assertTrue(onDiskWhenSent[0].matches("108 unknown discovery=[0-9a-f-]{36}\n"), onDiskWhenSent[0]);

        // The process died there: the plan journal as it was then, the link made on PostHog.
        java.nio.file.Files.writeString(progress, onDiskWhenSent[0]);
        java.nio.file.Files.deleteIfExists(home.resolve("plans").resolve(plan.id() + ".closed"));
        assertEquals(List.of(108L, 109L), owner.plans.unfinished().get(0).remaining().stream()
                .map(LinkPlan.Row::projectId).toList(), "offered for resuming, 108 with it");
        LinkPlan saved = PlanFiles.readPlan(PlanFiles.write(plan, PlanFiles.Format.JSON));
        PlanResult again = owner.plans.applyAll(saved, true, () -> false, x -> { });
        PlanResult.Row row = again.rows().get(0);
        assertEquals(ApplyOutcome.LINKED, row.outcome(), row.detail());
        assertTrue(row.detail().contains("by an earlier run of this plan"), row.detail());
        assertTrue(again.complete(), again.rows().toString());
    }

    /**
     * As above, but before the next run someone else unlinks the link the killed run made and links the project again
     * (a new row). Without the row id the killed run never wrote down, PostHog's activity log tells: a link of another
     * row of the installation since the plan, gone now. The next run does not call the row there its own.
     */
    @Test
    void aRunKilledWhileALinkIsOutDoesNotTakeARowSomeoneLinkedAgainSinceForItsOwn() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109);
        java.nio.file.Path progress = home.resolve("plans").resolve(plan.id() + ".progress");
        List<Long> seen = new ArrayList<>();
        owner.plans.applyAll(plan, true, () -> seen.size() >= 1, row -> seen.add(row.projectId()));
        java.nio.file.Files.writeString(progress, "108 unknown\n"); // killed with the link out: no row id noted
        java.nio.file.Files.deleteIfExists(home.resolve("plans").resolve(plan.id() + ".closed"));
        dev.hoglink.api.PostHogClient other = dev.hoglink.api.PostHogClient.builder(sandbox.baseUri().toString(),
                dev.hoglink.api.ApiKey.of(sandbox.key("owner"))).rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .build();
        long made = other.githubIntegrations(108).stream().filter(i -> "10000001".equals(i.installationId()))
                .findFirst().orElseThrow().id();
        other.deleteIntegration(108, made);
        other.linkExisting(108, new dev.hoglink.api.dto.LinkExistingRequest(101L, "10000001", null));

        LinkPlan saved = PlanFiles.readPlan(PlanFiles.write(plan, PlanFiles.Format.JSON));
        PlanResult.Row row = owner.plans.applyAll(saved, true, () -> false, x -> { }).rows().get(0);

        assertEquals(ApplyOutcome.CHANGED, row.outcome(), row.detail());
        assertTrue(row.detail().contains("but not necessarily by this plan"), row.detail());
    }

    /**
     * As above, but someone else links the project between the killed run's read and its send, so the killed run's
     * link updated their row in place (NH21): PostHog's activity log holds two links of the one row since the plan.
     * The next run does not call the row the plan's own. On the old code it said "by an earlier run of this plan" (the
     * race probe's finding: the curl loop's row taken for the plan's).
     */
    @Test
    void aRunKilledWhileALinkIsOutDoesNotTakeARowSomeoneElseAlsoLinkedForItsOwn() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109);
        java.nio.file.Path progress = home.resolve("plans").resolve(plan.id() + ".progress");
        dev.hoglink.api.PostHogClient other = dev.hoglink.api.PostHogClient.builder(sandbox.baseUri().toString(),
                dev.hoglink.api.ApiKey.of(sandbox.key("owner"))).rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .build();
        sandbox.onceBefore("POST", "/api/projects/108/integrations/github/link_existing/?", () -> other.linkExisting(108,
                new dev.hoglink.api.dto.LinkExistingRequest(101L, "10000001", null)));
        List<Long> seen = new ArrayList<>();
        owner.plans.applyAll(plan, true, () -> seen.size() >= 1, row -> seen.add(row.projectId()));
        java.nio.file.Files.writeString(progress, "108 unknown\n"); // killed with the link out: no row id noted
        java.nio.file.Files.deleteIfExists(home.resolve("plans").resolve(plan.id() + ".closed"));

        LinkPlan saved = PlanFiles.readPlan(PlanFiles.write(plan, PlanFiles.Format.JSON));
        PlanResult.Row row = owner.plans.applyAll(saved, true, () -> false, x -> { }).rows().get(0);

        assertEquals(ApplyOutcome.CHANGED, row.outcome(), row.detail());
        assertTrue(row.detail().contains("but not necessarily by this plan"), row.detail());
        assertTrue(row.detail().contains("someone else linked it too"), row.detail());
    }

    /**
     * A run killed while its link of 108, naming a discovery, was on its way, before PostHog got it: no link of the
     * plan's was made. Someone else links 108 after the plan, naming none. The next run finds one link since the plan,
     * and PostHog's log shows it did not name the discovery the killed run's request named: not the plan's. On the old
     * code it said "by an earlier run of this plan" (the race probe's second finding).
     */
    @Test
    void aRunKilledBeforeItsLinkArrivedDoesNotTakeSomeoneElsesLaterLinkForItsOwn() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109);
        owner.plans.begin(plan);
        java.nio.file.Path progress = home.resolve("plans").resolve(plan.id() + ".progress");
        // killed with the link out (it never arrived), as the run notes it just before sending
        new dev.hoglink.service.journal.PlanJournal(home.resolve("plans")).sending(plan.id(), 108,
                "0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0");
        dev.hoglink.api.PostHogClient other = dev.hoglink.api.PostHogClient.builder(sandbox.baseUri().toString(),
                dev.hoglink.api.ApiKey.of(sandbox.key("owner"))).rateLimiter(dev.hoglink.api.RateLimiter.unlimited())
                .build();
        other.linkExisting(108, new dev.hoglink.api.dto.LinkExistingRequest(101L, "10000001", null));

        LinkPlan saved = PlanFiles.readPlan(PlanFiles.write(plan, PlanFiles.Format.JSON));
        PlanResult.Row row = owner.plans.applyAll(saved, true, () -> false, x -> { }).rows().get(0);

        assertEquals("108 unknown discovery=0f1e2d3c-4b5a-6978-8796-a5b4c3d2e1f0\n",
                java.nio.file.Files.readString(progress).lines().findFirst().orElseThrow() + "\n");
        assertEquals(ApplyOutcome.CHANGED, row.outcome(), row.detail());
        assertTrue(row.detail().contains("did not name the discovery the earlier run's named: someone else's link"),
                row.detail());
    }

    @Test
    void twoRunsOfOnePlanAtOnceNeverBothSendTheSecondIsRefusedAndTheWindowsRowWaits() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109, 110);
        java.util.concurrent.CountDownLatch firstRowSent = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch othersTried = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            java.util.concurrent.Future<PlanResult> first = pool.submit(() -> owner.plans.applyAll(plan, true,
                    () -> false, row -> {
                        firstRowSent.countDown();
                        try {
                            othersTried.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }));
            assertTrue(firstRowSent.await(20, java.util.concurrent.TimeUnit.SECONDS));
            // A second `link --apply` of the same file, from another terminal (another process: the lock file).
            LinkPlan saved = PlanFiles.readPlan(PlanFiles.write(plan, PlanFiles.Format.JSON));
            PlanService other = new PlanSandbox(sandbox, "owner", home).plans; // the same plans folder
            org.junit.jupiter.api.Assertions.assertThrows(dev.hoglink.service.journal.PlanJournal.PlanBusyException.class,
                    () -> other.applyAll(saved, true, () -> false, x -> { }));
            // The window sending one of its rows meanwhile: not sent, and its run holds.
            PlanService.Applied windowRow = other.apply(saved, saved.rows().get(1),
                    other.recheckInstallation(saved).option(), true);
            assertEquals(ApplyOutcome.NOT_SENT, windowRow.row().outcome());
            assertTrue(windowRow.hold() != null && windowRow.hold().contains("another run"), windowRow.hold());
            othersTried.countDown();
            PlanResult done = first.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertTrue(done.complete(), done.rows().toString());
        } finally {
            othersTried.countDown();
            pool.shutdownNow();
        }
        long sent = owner.journal.readAll().entries().stream().filter(e -> e.action() == JournalEntry.Action.LINK).count();
        assertEquals(3, sent, "each project was sent once");
        // Once the first run ended, the plan can be applied again.
        assertTrue(owner.plans.applyAll(plan, true, () -> false, x -> { }).complete());
    }

    @Test
    void aServerThatStopsAnsweringHoldsTheRestOfTheRunInsteadOfTryingEachProject() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109, 110);
        sandbox.stop(); // killed mid-run
        PlanResult r = owner.plans.applyAll(plan, false, () -> false, x -> { });
        // the first request never left either: not sent, not "failed"
        assertEquals(List.of(ApplyOutcome.NOT_SENT, ApplyOutcome.NOT_SENT, ApplyOutcome.NOT_SENT),
                r.rows().stream().map(PlanResult.Row::outcome).toList(), r.rows().toString());
        assertTrue(r.stopped());
        assertEquals(PlanService.UNREACHABLE, r.rows().get(2).detail());
        // Nobody stopped it: the held rows are not sent because PostHog could not be reached, and say so.
        assertEquals("Not sent: 3", r.countsText());
        assertTrue(r.rows().get(2).held() && !r.rows().get(0).held(), r.rows().toString());
        assertEquals(3, r.leftToSendCount(), "a resume sends them all");
        assertEquals(1, owner.journal.readAll().entries().stream()
                .filter(e -> e.action() == JournalEntry.Action.LINK).count(), "one attempt, not one per project");
    }

    /**
     * PostHog unreachable: the first project's request never left (journaled not_sent) and the rest are held with
     * "Resume the plan once it answers". A resume, the window's and the one offered at the next start, sends that
     * project too, as the command line run again does: it was not sent any more than the others.
     */
    @Test
    void aProjectWhoseRequestNeverLeftIsLeftToSendLikeTheProjectsHeldAfterIt() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109, 110);
        sandbox.stop();
        PlanResult r = owner.plans.applyAll(plan, false, () -> false, x -> { });
        assertEquals(LinkResult.Kind.NOT_SENT, r.rows().get(0).kind(), r.rows().toString());
        assertTrue(r.rows().get(0).leftToSend(), "the window's Resume sends it again");
        assertEquals(List.of(108L, 109L, 110L), owner.plans.unfinished().get(0).remaining().stream()
                .map(LinkPlan.Row::projectId).toList(), "the next start offers all three");
    }

    /** The same when the read right before the first project's link is what could not reach PostHog. */
    @Test
    void aProjectWhoseReadBeforeTheLinkCouldNotReachPostHogIsLeftToSendToo() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109, 110);
        // The window's resume: the installation is checked, the plan written, then each row is sent on its own.
        PlanService.Offer offer = owner.plans.recheckInstallation(plan);
        owner.plans.begin(plan);
        sandbox.stop();
        PlanService.Applied a = owner.plans.apply(plan, plan.rows().get(0), offer.option(), true);
        assertEquals(ApplyOutcome.NOT_SENT, a.row().outcome(), a.row().detail());
        assertEquals("Not sent", a.row().outcome().label(), "said as it was: nothing left, nothing failed at PostHog");
        assertTrue(a.row().detail().startsWith("Could not read Checkout again"), a.row().detail());
        assertEquals(PlanService.UNREACHABLE, a.hold(), "the rest wait for PostHog to answer");
        assertTrue(a.row().leftToSend(), "nothing was sent for it, as for the projects held after it");
        assertEquals(List.of(108L, 109L, 110L), owner.plans.unfinished().get(0).remaining().stream()
                .map(LinkPlan.Row::projectId).toList(), "the next start offers it too");
    }

    /**
     * PostHog's throttle refuses a request before its view runs (429): nothing was linked, and the held projects'
     * "Resume the plan in 1 s" (the sandbox's burst asks for a second) must include the refused one.
     */
    @Test
    void aProjectThrottledByPostHogIsLeftToSendWithTheProjectsHeldAfterIt() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109, 110);
        PlanService.Offer offer = owner.plans.recheckInstallation(plan);
        owner.plans.begin(plan);
        sandbox.knobs().setFaults(dev.hoglink.sandbox.FaultSpec.parse("burst429=1"));
        PlanService.Applied a = owner.plans.apply(plan, plan.rows().get(0), offer.option(), false);
        assertEquals(LinkResult.Kind.THROTTLED, a.row().kind(), a.row().detail());
        assertEquals("Not sent: PostHog asked to wait. Resume the plan in 1 s.", a.hold(), "the rest wait");
        assertTrue(a.row().leftToSend(), "refused before it was looked at: Resume sends it with the rest");
        assertEquals(List.of(108L, 109L, 110L), owner.plans.unfinished().get(0).remaining().stream()
                .map(LinkPlan.Row::projectId).toList(), "the next start offers it too");
    }

    /** PostHog's hourly throttle asks for up to an hour: the held projects say when to resume as the refused one does. */
    @Test
    void theProjectsHeldAfterAnHoursThrottleSayToResumeInMinutes() {
        LinkResult throttled = new LinkResult(LinkResult.Kind.THROTTLED, null,
                "PostHog is limiting how fast Hoglink may send requests. Try again in 60 min.", "throttled", null,
                java.time.Duration.ofHours(1), null);
        assertEquals("Not sent: PostHog asked to wait. Resume the plan in 60 min.",
                PlanService.holdAfter(throttled, "Checkout"));
        assertEquals("Not sent: PostHog asked to wait. Resume the plan in 60 min.",
                PlanService.holdAfterRead(dev.hoglink.service.ServiceException.throttled(java.time.Duration.ofHours(1))));
        assertEquals("Not sent: PostHog asked to wait. Resume the plan in a minute.",
                PlanService.holdAfterRead(dev.hoglink.service.ServiceException.throttled(null)), "no Retry-After");
    }

    /** The same when the read right before the link is what PostHog asked to wait on: nothing was sent for it. */
    @Test
    void aProjectWhoseReadBeforeTheLinkWasThrottledIsLeftToSendToo() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109, 110);
        PlanService.Offer offer = owner.plans.recheckInstallation(plan);
        owner.plans.begin(plan);
        sandbox.knobs().setFaults(dev.hoglink.sandbox.FaultSpec.parse("burst429=5"));
        PlanService.Applied a = owner.plans.apply(plan, plan.rows().get(0), offer.option(), true);
        assertTrue(a.row().detail().startsWith("Could not read Checkout again"), a.row().detail());
        assertEquals("Not sent: PostHog asked to wait. Resume the plan in 1 s.", a.hold());
        assertTrue(a.row().leftToSend(), "nothing was sent for it, as for the projects held after it");
    }

    @Test
    void aRunWhoseAnswersWereLostLeavesThePlanOpenForResumingAndTheResumeFindsTheLinks() throws Exception {
        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        LinkPlan plan = owner.plan("10000001", 108, 109);
        // Every answer is cut off mid-body: PostHog made each link, Hoglink cannot know it.
        sandbox.knobs().setFaults(dev.hoglink.sandbox.FaultSpec.parse("drop=1,seed=3"));
        PlanResult r = owner.plans.applyAll(plan, false, () -> false, x -> { });
        assertEquals(List.of(ApplyOutcome.UNKNOWN, ApplyOutcome.NOT_SENT),
                r.rows().stream().map(PlanResult.Row::outcome).toList(), r.rows().toString());
        assertFalse(r.complete());
        assertEquals(PlanService.UNREACHABLE, r.rows().get(1).detail(), "a lost answer holds the rest of the run");
        assertEquals(1, owner.plans.unfinished().size(), "a plan with projects of unknown end stays open");
        assertEquals(List.of(108L, 109L), owner.plans.unfinished().get(0).remaining().stream()
                .map(LinkPlan.Row::projectId).toList());

        sandbox.knobs().setFaults(dev.hoglink.sandbox.FaultSpec.parse("drop=0"));
        PlanResult resumed = owner.plans.applyAll(plan, true, () -> false, x -> { });
        assertTrue(resumed.complete(), resumed.rows().toString());
        assertTrue(owner.plans.unfinished().isEmpty(), "closed once every project's end is known");
    }

    /**
     * Dee, a member without a personal GitHub link, is admin of Desktop by a project rule (docs/api-notes.md NM1): the
     * plan reads each project's level (one read per project the installation would be sent to, none for the owner)
     * and predicts a link on Desktop, which PostHog then makes, and the personal-GitHub refusal on Checkout.
     */
    @Test
    void aMembersPlanReadsEachProjectsLevelAndLinksWhereSheIsProjectAdmin() throws Exception {
        PlanSandbox dee = new PlanSandbox(sandbox, "member_unlinked", home);
        var option = dee.plans.installations(SeedWorld.ACME_CHECKOUT).stream()
                .filter(o -> o.installationId().equals(SeedWorld.INST_ACME)).findFirst().orElseThrow();
        long before = sandbox.knobs().requestsServed();
        List<LinkPlanner.Target> targets = dee.plans.withProjectLevels(dee.acme, SeedWorld.INST_ACME,
                dee.targets(SeedWorld.ACME_CHECKOUT, SeedWorld.ACME_DESKTOP, SeedWorld.ACME_WEB));
        assertEquals(2, sandbox.knobs().requestsServed() - before, "Web already uses acme: not read");
        assertEquals(java.util.Arrays.asList(1, 8, null), targets.stream().map(LinkPlanner.Target::projectLevel).toList());
        LinkPlan plan = dee.plans.plan(dee.acme, option, targets, dee.allLinks(), true, dee.capabilities(),
                dee.plans.personalGitHubInstallations());
        assertEquals(List.of(PlanOutcome.NEEDS_PERSONAL_GITHUB, PlanOutcome.WILL_LINK, PlanOutcome.ALREADY_LINKED),
                predicted(plan));
        assertEquals("Will link as an admin of Desktop (from Web).", plan.rows().get(1).reason());

        PlanResult r = dee.plans.applyAll(plan, true, () -> false, x -> { });
        assertEquals(ApplyOutcome.LINKED, r.rows().stream().filter(x -> x.projectId() == SeedWorld.ACME_DESKTOP)
                .findFirst().orElseThrow().outcome());

        PlanSandbox owner = new PlanSandbox(sandbox, "owner", home);
        long ownerBefore = sandbox.knobs().requestsServed();
        List<LinkPlanner.Target> same = owner.targets(SeedWorld.ACME_CHECKOUT, SeedWorld.ACME_DESKTOP);
        assertEquals(same, owner.plans.withProjectLevels(owner.acme, SeedWorld.INST_ACME, same));
        assertEquals(0, sandbox.knobs().requestsServed() - ownerBefore, "an owner is admin everywhere: nothing read");
    }
}
