package dev.hoglink.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.util.AppDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code hoglink link} says each fact in the bulk link dialog's words: the plan's counts, the installation's name,
 * each project's name, and how many planned projects a run left for a resume, whatever stopped it.
 */
class LinkCommandWordsTest extends CliSandboxTest {

    private CliRun link(String role, String... args) {
        return CliRun.link(Map.of(AuditCommand.KEY_VARIABLE, server.key(role)), AppDirs.under(home), args);
    }

    private CliRun plan(String role, String installation, String projects, Path out) {
        return link(role, "--plan", "--host", server.baseUri().toString(), "--org", SeedWorld.ACME_ORG,
                "--installation", installation, "--projects", projects, "--out", out.toString());
    }

    private static String planId(Path plan) throws Exception {
        return Files.readAllLines(plan).get(1).split(",")[0];
    }

    @Test
    void thePlanNamesTheInstallationAndCountsAsTheBulkLinkDialogDoesBeforeAnythingIsSent() throws Exception {
        Path file = home.resolve("plan.csv");
        CliRun plan = plan("owner", SeedWorld.INST_ACME, "ids:101,108-110", file);
        assertEquals(0, plan.code(), plan.err());
        // BulkLinkViewModelTest: "Will link: 3 · Already linked: 1" for the same four projects.
        assertEquals("hoglink link: plan " + planId(file) + ": link the GitHub App installation on acme (id 10000001) "
                + "in Acme Analytics. Will link: 3 · Already linked: 1. Nothing was sent.",
                plan.err().strip());
    }

    @Test
    void applyFirstSaysWhatItWillSendAndNamesEachProjectAsTheDialogDoes() throws Exception {
        Path file = home.resolve("plan.csv");
        assertEquals(0, plan("owner", SeedWorld.INST_ACME, "ids:108,109", file).code());
        CliRun apply = link("owner", "--apply", file.toString(), "--host", server.baseUri().toString());
        assertEquals(0, apply.code(), apply.err());
        List<String> lines = apply.err().strip().lines().toList();
        assertEquals("hoglink link: applying plan " + planId(file) + ": 2 projects to link to the GitHub App "
                + "installation on acme (id 10000001) in Acme Analytics at " + server.baseUri().toString()
                .replaceAll("/$", "") + "; each is checked first", lines.get(0));
        assertEquals("hoglink link: 1 of 2: Checkout (id 108): Linked", lines.get(1));
        assertEquals("hoglink link: 2 of 2: Search (id 109): Linked", lines.get(2));
        assertFalse(apply.err().contains("not done"), apply.err());
    }

    @Test
    void aRunStoppedByPostHogSaysHowManyAreNotDoneAndHowToResumeAsAfterCtrlC() throws Exception {
        Path file = home.resolve("plan.csv");
        assertEquals(0, plan("owner", SeedWorld.INST_ACME, "ids:108-110", file).code());
        server.knobs().setGitHubRateLimitSeconds(30); // GitHub rate-limits PostHog: the first is refused, the rest held
        CliRun apply = link("owner", "--apply", file.toString(), "--host", server.baseUri().toString());
        assertEquals(LinkCommand.NOT_ALL_LINKED, apply.code(), apply.err());
        // The bulk link dialog's result: "3 of 3 not done. They stay in the journal: Resume sends them ..."
        assertTrue(apply.err().contains("hoglink link: 3 of 3 not done. Run the same command again to resume"),
                apply.err());
        // Nobody pressed Ctrl+C: the held projects were not sent because of PostHog's answer, and read so, as in the
        // dialog; they are not counted off as sent.
        assertTrue(apply.err().lines().anyMatch(("hoglink link: applied plan " + planId(file) + ": Failed: 1 · Not sent: 2")
                ::equals), apply.err());
        assertFalse(apply.err().contains("Stopped") || apply.err().contains("stopped by Ctrl+C"), apply.err());
        assertFalse(apply.err().contains("2 of 3:"), apply.err());
        assertTrue(apply.out().lines().anyMatch(l -> l.startsWith("110,Billing,will_link,not_sent,")
                && l.contains("Not sent: GitHub is rate-limiting PostHog.")), apply.out());
        server.knobs().setGitHubRateLimitSeconds(0);
        CliRun resumed = link("owner", "--apply", file.toString(), "--host", server.baseUri().toString());
        assertEquals(0, resumed.code(), resumed.err());
        assertFalse(resumed.err().contains("not done"), resumed.err());
    }

    @Test
    void anInstallationNotOfferedToTheKeysUserIsNotSaidToBeUninstalled() throws Exception {
        // Secret Lab, the one project using acme-secret, is closed to Cy (a member): PostHog lists only
        // installations a project the user can access uses, so it is not offered to Cy, yet it is installed.
        Path file = home.resolve("plan.csv");
        CliRun plan = plan("member", SeedWorld.INST_SECRET_ORPHAN, "ids:120", file);
        assertEquals(0, plan.code(), plan.err());
        String text = Files.readString(file);
        assertTrue(text.contains("installation_unavailable"), text);
        assertFalse(text.contains("uninstalled or unlinked from every project"), text);
        assertTrue(text.contains("does not offer installation 10000005 to you in this organization: no project you "
                + "can access uses it now"), text);
    }

    @Test
    void aProjectThePlanFoundAlreadyLinkedReadsAlreadyLinkedInTheResultAsInTheDialog() throws Exception {
        Path file = home.resolve("plan.csv");
        assertEquals(0, plan("owner", SeedWorld.INST_ACME, "ids:101,108", file).code());
        CliRun apply = link("owner", "--apply", file.toString(), "--host", server.baseUri().toString());
        assertEquals(0, apply.code(), apply.err());
        List<String> lines = apply.err().strip().lines().toList();
        // Web (101) is not sent and not counted off among the planned projects; it was in the plan, as linked.
        assertEquals("hoglink link: 1 of 1: Checkout (id 108): Linked", lines.get(1));
        assertEquals("hoglink link: applied plan " + planId(file) + ": Linked: 1 · Already linked: 1", lines.get(2));
        assertTrue(apply.out().lines().anyMatch(l -> l.startsWith("101,Web,already_linked,already_linked,")),
                apply.out());
    }

    /**
     * Secret Lab uses acme-secret: linking acme-labs adds it beside (api-notes N25). The plan file and the result
     * say so in the bulk link dialog's words (PlanServiceAgainstSandboxTest), not that it now uses acme-labs alone.
     */
    @Test
    void aProjectKeepingAnotherInstallationIsSaidToUseBothInThePlanAndTheResult() throws Exception {
        Path file = home.resolve("plan.csv");
        assertEquals(0, plan("owner", SeedWorld.INST_ACME_LABS, "ids:124", file).code());
        assertTrue(Files.readAllLines(file).get(1).contains(",124,Secret Lab,will_link,Will link as an admin (from "
                + "Labs). Secret Lab keeps acme-secret too: PostHog adds the installation beside it.,"),
                Files.readString(file));
        CliRun apply = link("owner", "--apply", file.toString(), "--host", server.baseUri().toString());
        assertEquals(0, apply.code(), apply.err());
        assertTrue(apply.out().lines().anyMatch(l -> l.startsWith("124,Secret Lab,will_link,linked,Secret Lab now "
                + "uses 2 GitHub installations: acme-secret and acme-labs.")), apply.out());
    }

    /**
     * Dee, a member without a personal GitHub link, is admin of Desktop by a project rule (api-notes NM1): the plan
     * reads the level of each project and says she will link Desktop as its admin, and that Checkout needs her
     * personal GitHub link; applying it links Desktop.
     */
    @Test
    void aMembersPlanPredictsPerProjectWithHerLevelThere() throws Exception {
        Path file = home.resolve("plan.csv");
        CliRun planned = plan("member_unlinked", SeedWorld.INST_ACME, "ids:108,121", file);
        assertEquals(0, planned.code(), planned.err());
        String csv = Files.readString(file);
        assertTrue(csv.contains(",121,Desktop,will_link,Will link as an admin of Desktop (from Web).,"), csv);
        assertTrue(csv.contains(",108,Checkout,needs_personal_github,"), csv);
        CliRun apply = link("member_unlinked", "--apply", file.toString(), "--host", server.baseUri().toString());
        assertEquals(0, apply.code(), apply.err());
        assertTrue(apply.out().lines().anyMatch(l -> l.startsWith("121,Desktop,will_link,linked,")), apply.out());
    }
}
