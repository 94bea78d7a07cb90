package dev.hoglink.service.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.sandbox.SeedWorld;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hoglink's link and unlink while someone else changes the same organization: the other admin's change is made
 * between the moment Hoglink read (and showed) a project and the moment it sends, exactly where a confirmation
 * dialog or a picker waits for the user. Each result must say what PostHog did, and whose change it was.
 */
class LinkServiceRacesAgainstSandboxTest {

    private static final long CHECKOUT = 108;
    private static final long SEARCH = 109;
    private static final long BILLING = 110;
    private static final long SECRET_LAB = 124;

    @TempDir
    Path home;
    private SandboxServer sandbox;
    private PostHogClient hoglink;
    /** Someone else: a second client of the same organization, as a curl loop or a colleague's browser. */
    private PostHogClient other;
    private ActionJournal journal;
    private LinkService links;
    private PlanSandbox acme;

    @BeforeEach
    void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
        hoglink = client().retryPolicy(dev.hoglink.api.RetryPolicy.none()).build(); // a 429 is answered, not waited out
        other = client().build();
        journal = new ActionJournal(home.resolve("journal.jsonl"), Clock.systemUTC());
        links = new LinkService(hoglink, journal, sandbox.baseUri().toString().replaceAll("/$", ""));
        acme = new PlanSandbox(sandbox, "owner", home.resolve("plans"));
    }

    @AfterEach
    void stop() {
        sandbox.stop();
    }

    private PostHogClient.Builder client() {
        return PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(sandbox.key("owner")))
                .rateLimiter(RateLimiter.unlimited());
    }

    private LinkService.Target target(long projectId) {
        return new LinkService.Target(acme.acme, acme.projects.get(projectId));
    }

    private GitHubLink row(long projectId, String installationId) {
        return links.links(projectId).stream().filter(l -> installationId.equals(l.installationId())).findFirst()
                .orElseThrow();
    }

    private boolean offered(String installationId) {
        return hoglink.availableInstallations(SEARCH).installations().stream()
                .anyMatch(i -> installationId.equals(i.installationId()));
    }

    private List<JournalEntry> entries() throws Exception {
        return journal.readAll().entries();
    }

    @Test
    void anUnlinkConfirmedAsSharedIsNotSentOnceTheOtherProjectsStoppedUsingTheInstallation() throws Exception {
        // Checkout shares acme-secret with Secret Lab; the confirmation said the app stays installed.
        other.linkExisting(CHECKOUT, new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null));
        GitHubLink shown = row(CHECKOUT, SeedWorld.INST_SECRET_ORPHAN);
        assertTrue(shown.shared(), "the row as the confirmation showed it");
        // While the dialog waits, someone else unlinks Secret Lab: Checkout is now the last reference.
        IntegrationDto secretLab = other.githubIntegrations(SECRET_LAB).get(0);
        other.deleteIntegration(SECRET_LAB, secretLab.id());

        UnlinkResult r = links.unlink(target(CHECKOUT), shown);

        assertEquals(UnlinkResult.Kind.NOW_LAST_REFERENCE, r.kind(), r.message());
        assertFalse(r.unlinked());
        assertTrue(r.message().contains("would also uninstall the GitHub App from acme-secret"), r.message());
        assertTrue(r.message().contains("Nothing was sent"), r.message());
        assertTrue(offered(SeedWorld.INST_SECRET_ORPHAN), "the app was not uninstalled");
        assertEquals(1, links.links(CHECKOUT).stream()
                .filter(l -> SeedWorld.INST_SECRET_ORPHAN.equals(l.installationId())).count(), "Checkout kept its row");
        JournalEntry e = entries().get(0);
        assertEquals(JournalEntry.Action.UNLINK, e.action());
        assertEquals("not_sent", e.outcome().wireName(), "a request never sent is not a failure");
        assertEquals("now_last_reference", e.errorCode());
    }

    @Test
    void anUnlinkConfirmedAsTheLastReferenceSaysTheAppStaysWhenAnotherProjectLinkedItMeanwhile() throws Exception {
        GitHubLink shown = row(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN);
        assertFalse(shown.shared(), "the confirmation warned that the app would be uninstalled");
        // While the dialog waits, someone else links Checkout to the same installation.
        other.linkExisting(CHECKOUT, new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null));

        UnlinkResult r = links.unlink(target(SECRET_LAB), shown);

        assertEquals(UnlinkResult.Kind.UNLINKED_APP_STAYS, r.kind(), r.message());
        assertFalse(r.message().contains("uninstalled"), r.message());
        assertTrue(offered(SeedWorld.INST_SECRET_ORPHAN), "PostHog kept the app: Checkout still uses it");
        assertEquals("unlinked_app_stays", entries().get(0).message());
    }

    /**
     * The read right before the delete still shows Secret Lab sharing acme-secret; someone unlinks Secret Lab between
     * that read and the delete, so PostHog decides at the delete that Checkout's row is the last reference and
     * uninstalls the app (docs/api-notes.md NH20). The result says so, from the delete's own record in the activity
     * log, not "the app stays" from the read before it.
     */
    @Test
    void anUnlinkWhoseDeleteBecameTheLastReferenceAfterTheReadSaysTheAppWasUninstalled() throws Exception {
        other.linkExisting(CHECKOUT, new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null));
        GitHubLink shown = row(CHECKOUT, SeedWorld.INST_SECRET_ORPHAN);
        assertTrue(shown.shared());
        long secretLabRow = other.githubIntegrations(SECRET_LAB).get(0).id();
        sandbox.onceBefore("DELETE", deletePath(CHECKOUT, shown), () -> other.deleteIntegration(SECRET_LAB, secretLabRow));

        UnlinkResult r = links.unlink(target(CHECKOUT), shown);

        assertEquals(UnlinkResult.Kind.UNLINKED_APP_UNINSTALLED, r.kind(), r.message());
        assertTrue(r.message().contains("the GitHub App was uninstalled from acme-secret"), r.message());
        assertFalse(offered(SeedWorld.INST_SECRET_ORPHAN), "PostHog uninstalled the app at Hoglink's delete");
        JournalEntry e = entries().get(0);
        assertEquals("ok", e.outcome().wireName());
        assertEquals("unlinked_app_uninstalled", e.message(), "the journal says what the window says");
    }

    /** The reverse: shown and read as the last reference, but a project linked it just before the delete arrived. */
    @Test
    void anUnlinkWhoseDeleteFoundAnotherProjectLinkedAfterTheReadSaysTheAppStays() throws Exception {
        GitHubLink shown = row(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN);
        assertFalse(shown.shared());
        sandbox.onceBefore("DELETE", deletePath(SECRET_LAB, shown), () -> other.linkExisting(CHECKOUT,
                new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null)));

        UnlinkResult r = links.unlink(target(SECRET_LAB), shown);

        assertEquals(UnlinkResult.Kind.UNLINKED_APP_STAYS, r.kind(), r.message());
        assertFalse(r.message().contains("uninstalled"), r.message());
        assertTrue(offered(SeedWorld.INST_SECRET_ORPHAN), "Checkout still uses the app");
        assertEquals("unlinked_app_stays", entries().get(0).message());
    }

    /**
     * A key that cannot read the activity log: the read right before the delete words the result, as it did before
     * the log was read (here nothing changed between the two, so it is right).
     */
    @Test
    void anUnlinkWhoseActivityLogCannotBeReadIsWordedByTheReadBeforeTheDelete() throws Exception {
        GitHubLink shown = row(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN);
        sandbox.setKeyScopes(sandbox.key("owner"), List.of("user:read", "organization:read", "project:read",
                "integration:read", "integration:write"));
        org.junit.jupiter.api.Assertions.assertThrows(dev.hoglink.api.PermissionException.class,
                () -> hoglink.integrationActivityOf(SECRET_LAB, shown.integrationId()), "the log is closed to the key");

        UnlinkResult r = links.unlink(target(SECRET_LAB), shown);

        assertEquals(UnlinkResult.Kind.UNLINKED_APP_UNINSTALLED, r.kind(), r.message());
        assertEquals("ok", entries().get(0).outcome().wireName());
    }

    /** The sandbox's GitHub status of an installation (active, suspended, uninstalled). */
    private String statusOnGitHub(String installationId) throws Exception {
        for (com.fasterxml.jackson.databind.JsonNode i : new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(sandbox.snapshot()).path("installations")) {
            if (installationId.equals(i.path("installationId").asText())) {
                return i.path("status").asText();
            }
        }
        throw new AssertionError("no installation " + installationId);
    }

    /**
     * The last reference's delete, GitHub refusing PostHog's uninstall: PostHog deletes the row and answers 204, and
     * records the uninstall as failed (docs/api-notes.md NH20). The result says the project no longer uses the
     * installation, that the app is still installed on acme-secret with no project using it, and where to uninstall
     * it; the journal says the same kind. On the old code it read "the GitHub App was uninstalled from acme-secret".
     */
    @Test
    void anUnlinkWhoseUninstallPostHogRecordedAsFailedSaysTheAppIsStillInstalledAndWhereToUninstallIt()
            throws Exception {
        sandbox.refuseUninstall(SeedWorld.INST_SECRET_ORPHAN, true);
        GitHubLink shown = row(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN);
        assertFalse(shown.shared(), "the last reference");

        UnlinkResult r = links.unlink(target(SECRET_LAB), shown);

        assertEquals(UnlinkResult.Kind.UNLINKED_UNINSTALL_FAILED, r.kind(), r.message());
        assertTrue(r.unlinked(), "the row is gone");
        assertFalse(r.message().contains("was uninstalled"), r.message());
        assertTrue(r.message().contains("no longer uses GitHub, but PostHog could not uninstall the GitHub App from "
                + "acme-secret (id " + SeedWorld.INST_SECRET_ORPHAN + "): it is still installed there, with no PostHog "
                + "project using it."), r.message());
        assertTrue(r.message().endsWith("Uninstall it on GitHub: https://github.com/organizations/acme-secret/settings/"
                + "installations/" + SeedWorld.INST_SECRET_ORPHAN), r.message());
        assertTrue(links.links(SECRET_LAB).stream().noneMatch(l -> l.integrationId() == shown.integrationId()));
        assertEquals("active", statusOnGitHub(SeedWorld.INST_SECRET_ORPHAN), "still installed on GitHub");
        JournalEntry e = entries().get(0);
        assertEquals("ok", e.outcome().wireName(), "the unlink itself happened");
        assertEquals("unlinked_uninstall_failed", e.message(), "the journal says what the window says");
    }

    /** Shown shared, the last reference by the time the delete arrived, and the uninstall failed: said as above. */
    @Test
    void anUnlinkThatBecameTheLastReferenceAndWhoseUninstallFailedSaysTheAppIsStillInstalled() throws Exception {
        sandbox.refuseUninstall(SeedWorld.INST_SECRET_ORPHAN, true);
        other.linkExisting(CHECKOUT, new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null));
        GitHubLink shown = row(CHECKOUT, SeedWorld.INST_SECRET_ORPHAN);
        assertTrue(shown.shared());
        long secretLabRow = other.githubIntegrations(SECRET_LAB).get(0).id();
        sandbox.onceBefore("DELETE", deletePath(CHECKOUT, shown), () -> other.deleteIntegration(SECRET_LAB, secretLabRow));

        UnlinkResult r = links.unlink(target(CHECKOUT), shown);

        assertEquals(UnlinkResult.Kind.UNLINKED_UNINSTALL_FAILED, r.kind(), r.message());
        assertTrue(r.message().contains("PostHog could not uninstall the GitHub App from acme-secret"), r.message());
        assertEquals("unlinked_uninstall_failed", entries().get(0).message());
    }

    /** PostHog's record cannot be read: the read before the delete words it, as before (the known gap, NH20). */
    @Test
    void anUnlinkWhoseFailedUninstallCannotBeReadIsWordedByTheReadBeforeTheDelete() throws Exception {
        sandbox.refuseUninstall(SeedWorld.INST_SECRET_ORPHAN, true);
        GitHubLink shown = row(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN);
        sandbox.setKeyScopes(sandbox.key("owner"), List.of("user:read", "organization:read", "project:read",
                "integration:read", "integration:write"));

        UnlinkResult r = links.unlink(target(SECRET_LAB), shown);

        assertEquals(UnlinkResult.Kind.UNLINKED_APP_UNINSTALLED, r.kind(), r.message());
        assertEquals("unlinked_app_uninstalled", entries().get(0).message());
    }

    @Test
    void anUnlinkOfARowSomeoneElseDeletedMeanwhileSendsNothingAndSaysSo() throws Exception {
        other.linkExisting(CHECKOUT, new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null));
        GitHubLink shown = row(CHECKOUT, SeedWorld.INST_SECRET_ORPHAN);
        other.deleteIntegration(CHECKOUT, shown.integrationId());
        // Someone links it again: a new row, not the one the user confirmed deleting.
        IntegrationDto again = other.linkExisting(CHECKOUT,
                new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null));

        UnlinkResult r = links.unlink(target(CHECKOUT), shown);

        assertEquals(UnlinkResult.Kind.ALREADY_GONE, r.kind(), r.message());
        assertTrue(r.message().contains("nothing was sent"), r.message());
        assertTrue(links.links(CHECKOUT).stream().anyMatch(l -> l.integrationId() == again.id()),
                "the row linked again meanwhile is left alone");
        JournalEntry e = entries().get(0);
        assertEquals(JournalEntry.Action.UNLINK, e.action());
        assertEquals("already_removed", e.outcome().wireName(), "Hoglink removed nothing: " + e);
    }

    @Test
    void anUnlinkPostHogAnswersWithNotFoundIsJournaledAsAlreadyRemovedNotAsARemoval() throws Exception {
        GitHubLink shown = row(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN);
        // The read before the delete still finds the row; someone else deletes it just before the delete arrives.
        sandbox.onceBefore("DELETE", "/api/projects/" + SECRET_LAB + "/integrations/" + shown.integrationId() + "/?",
                () -> other.deleteIntegration(SECRET_LAB, shown.integrationId()));

        UnlinkResult r = links.unlink(target(SECRET_LAB), shown, true);

        assertEquals(UnlinkResult.Kind.ALREADY_GONE, r.kind(), r.message());
        assertTrue(r.unlinked(), "the project no longer uses the row");
        assertTrue(r.message().contains("reading Secret Lab again shows it gone"), r.message());
        JournalEntry e = entries().get(0);
        assertEquals(JournalEntry.Action.UNLINK, e.action());
        assertEquals("already_removed", e.outcome().wireName(), "PostHog's 404: Hoglink removed nothing: " + e);
    }

    private String deletePath(long projectId, GitHubLink row) {
        return "/api/projects/" + projectId + "/integrations/" + row.integrationId() + "/?";
    }

    /**
     * Checkout uses acme and acme-secret; someone unlinks its acme-secret between the read right before Hoglink's delete
     * of its acme row and that delete. The result says what Checkout is left with, as the refreshed window shows it: no
     * GitHub, not "it keeps acme-secret" from the read before the delete. On the old code it said it keeps acme-secret.
     */
    @Test
    void anUnlinkWhoseProjectLostItsOtherInstallationJustBeforeTheDeleteDoesNotSayItKeepsIt() throws Exception {
        other.linkExisting(CHECKOUT, new LinkExistingRequest((long) SeedWorld.ACME_WEB, SeedWorld.INST_ACME, null));
        other.linkExisting(CHECKOUT, new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null));
        GitHubLink shown = row(CHECKOUT, SeedWorld.INST_ACME);
        long secretRow = row(CHECKOUT, SeedWorld.INST_SECRET_ORPHAN).integrationId();
        sandbox.onceBefore("DELETE", deletePath(CHECKOUT, shown), () -> other.deleteIntegration(CHECKOUT, secretRow));

        UnlinkResult r = links.unlink(target(CHECKOUT), shown);

        String checkout = target(CHECKOUT).project().ownName();
        assertEquals(UnlinkResult.Kind.UNLINKED_APP_STAYS, r.kind(), r.message());
        assertTrue(links.links(CHECKOUT).isEmpty(), "Checkout has no GitHub row left");
        assertTrue(r.message().startsWith(checkout + " no longer uses GitHub. "), r.message());
        assertFalse(r.message().contains("keeps"), r.message());
    }

    /** The reverse: Checkout used acme alone, and someone linked it to acme-secret just before the delete. */
    @Test
    void anUnlinkWhoseProjectGainedAnotherInstallationJustBeforeTheDeleteSaysItKeepsThatOne() throws Exception {
        other.linkExisting(CHECKOUT, new LinkExistingRequest((long) SeedWorld.ACME_WEB, SeedWorld.INST_ACME, null));
        GitHubLink shown = row(CHECKOUT, SeedWorld.INST_ACME);
        sandbox.onceBefore("DELETE", deletePath(CHECKOUT, shown), () -> other.linkExisting(CHECKOUT,
                new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null)));

        UnlinkResult r = links.unlink(target(CHECKOUT), shown);

        String checkout = target(CHECKOUT).project().ownName();
        assertEquals(UnlinkResult.Kind.UNLINKED_APP_STAYS, r.kind(), r.message());
        assertTrue(r.message().startsWith(checkout + " no longer uses acme (id " + SeedWorld.INST_ACME
                + "); it keeps acme-secret. "), r.message());
    }

    @Test
    void anUnlinkAnsweredNotFoundBecauseTheProjectWasDeletedMeanwhileSaysSoAndNotAlreadyDisconnected() throws Exception {
        GitHubLink shown = row(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN);
        // The read before the delete finds the row; someone deletes the project just before the delete arrives:
        // PostHog answers 404 "Project not found.", and so does the read after it.
        sandbox.onceBefore("DELETE", deletePath(SECRET_LAB, shown), () -> sandbox.deleteTeam((int) SECRET_LAB));

        UnlinkResult r = links.unlink(target(SECRET_LAB), shown, true);

        assertEquals(UnlinkResult.Kind.PROJECT_UNREADABLE, r.kind(), r.message());
        assertFalse(r.unlinked());
        assertFalse(r.message().contains("already disconnected"), r.message());
        assertTrue(r.message().contains("PostHog no longer finds Secret Lab (id 124): it was deleted"), r.message());
        JournalEntry e = entries().get(0);
        assertEquals("failed", e.outcome().wireName(), "Hoglink's delete removed nothing: " + e);
        assertEquals("not_found", e.errorCode());
        assertEquals("project_unreadable", e.message(), "the journal says what the window says");
    }

    @Test
    void anUnlinkAnsweredNotFoundWhenTheKeyCanNoLongerReadTheProjectSaysSoAndNotAlreadyDisconnected()
            throws Exception {
        GitHubLink shown = row(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN);
        // The delete is answered 404; before the read after it, the key's owner takes its integration scopes away.
        sandbox.onceNotFound("DELETE", deletePath(SECRET_LAB, shown));
        sandbox.onceBefore("DELETE", deletePath(SECRET_LAB, shown), () -> sandbox.onceBefore("GET",
                "/api/projects/" + SECRET_LAB + "/integrations/?", () -> sandbox.setKeyScopes(sandbox.key("owner"),
                        List.of("user:read", "organization:read", "project:read"))));

        UnlinkResult r = links.unlink(target(SECRET_LAB), shown, true);

        assertEquals(UnlinkResult.Kind.PROJECT_UNREADABLE, r.kind(), r.message());
        assertFalse(r.unlinked());
        assertFalse(r.message().contains("already disconnected"), r.message());
        assertTrue(r.message().contains("Secret Lab (id 124) can no longer be read with this key")
                && r.message().contains("integration:read"), r.message());
        assertTrue(r.message().contains("cannot tell whether Secret Lab still uses acme-secret"), r.message());
        JournalEntry e = entries().get(0);
        assertEquals("failed", e.outcome().wireName(), e.toString());
        assertEquals("project_unreadable", e.message());
    }

    @Test
    void anUnlinkAnsweredNotFoundWhileTheRowIsStillThereSaysTheUnlinkDidNotHappen() throws Exception {
        GitHubLink shown = row(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN);
        sandbox.onceNotFound("DELETE", deletePath(SECRET_LAB, shown));

        UnlinkResult r = links.unlink(target(SECRET_LAB), shown, true);

        assertEquals(UnlinkResult.Kind.NOT_UNLINKED, r.kind(), r.message());
        assertFalse(r.unlinked());
        assertTrue(r.message().contains("still connected to acme-secret (id 10000005): the unlink did not happen"), r.message());
        assertEquals(1, links.links(SECRET_LAB).size(), "Secret Lab kept its row");
        JournalEntry e = entries().get(0);
        assertEquals("failed", e.outcome().wireName(), e.toString());
        assertEquals("not_found", e.errorCode());
        assertEquals("not_unlinked", e.message());
    }

    @Test
    void anUnlinkWhoseReadBeforeTheDeleteFailsSendsNothing() throws Exception {
        GitHubLink shown = row(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN);
        sandbox.knobs().startThrottleBurst(1);

        UnlinkResult r = links.unlink(target(SECRET_LAB), shown);

        assertEquals(UnlinkResult.Kind.THROTTLED, r.kind(), r.message());
        assertTrue(r.message().startsWith("Nothing was sent"), r.message());
        assertTrue(offered(SeedWorld.INST_SECRET_ORPHAN), "the last reference was not deleted");
        JournalEntry e = entries().get(0);
        assertEquals("not_sent", e.outcome().wireName(), "a request never sent is not a failure");
        assertEquals("throttled", e.errorCode(), "why it was not sent");
    }

    @Test
    void aSourceProjectPostHogDidNotNameIsSaidByItsIdWhenItLostTheInstallation() throws Exception {
        // PostHog's available list leaves source_team_name empty (docs/api-notes.md NH36): the id names the source,
        // as "Project id N" wherever the app has an id and no name.
        InstallationOption offered = links.available(CHECKOUT).installations().stream()
                .filter(o -> SeedWorld.INST_SECRET_ORPHAN.equals(o.installationId())).findFirst().orElseThrow();
        InstallationOption picked = new InstallationOption(offered.installationId(), offered.accountName(),
                offered.accountType(), SECRET_LAB, null, offered.discoveryId());
        other.deleteIntegration(SECRET_LAB, other.githubIntegrations(SECRET_LAB).get(0).id());

        LinkResult r = links.linkNew(target(CHECKOUT), picked);

        assertEquals(LinkResult.Kind.SOURCE_GONE, r.kind(), r.message());
        assertTrue(r.message().startsWith("Project id " + SECRET_LAB + " no longer uses "), r.message());
    }

    @Test
    void aLinkPickedForAProjectSomeoneElseLinkedMeanwhileSendsNothingAndSaysWhose() throws Exception {
        // The picker offers acme-secret to Checkout, which does not use it yet.
        InstallationOption picked = links.available(CHECKOUT).installations().stream()
                .filter(o -> SeedWorld.INST_SECRET_ORPHAN.equals(o.installationId())).findFirst().orElseThrow();
        // While the confirmation waits, someone else links Checkout to it.
        IntegrationDto theirs = other.linkExisting(CHECKOUT,
                new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null));

        LinkResult r = links.linkNew(target(CHECKOUT), picked);

        assertEquals(LinkResult.Kind.LINKED_MEANWHILE, r.kind(), r.message());
        assertTrue(r.linked(), "the project uses the installation");
        assertEquals(theirs.id().longValue(), r.link().integrationId());
        assertTrue(r.message().contains("by someone else") && r.message().contains("sent nothing"), r.message());
        JournalEntry e = entries().get(0);
        assertEquals(1, entries().size());
        assertEquals("not_sent", e.outcome().wireName(), "Hoglink changed nothing: not an OK link of its own");
        assertEquals("linked_meanwhile", e.errorCode(), "why it was not sent");
    }

    private static final String LINK_CHECKOUT = "/api/projects/" + CHECKOUT + "/integrations/github/link_existing/?";

    /** Checkout's offer of acme-secret, as the link dialog's picker holds it. */
    private InstallationOption secretOfferedToCheckout() {
        return links.available(CHECKOUT).installations().stream()
                .filter(o -> SeedWorld.INST_SECRET_ORPHAN.equals(o.installationId())).findFirst().orElseThrow();
    }

    /**
     * Someone else links Checkout to acme-secret after Hoglink's read of Checkout (which found it without) and before
     * Hoglink's link arrives. PostHog updates their row in place and answers 200 as for a new row (docs/api-notes.md
     * NH21); its activity log holds two link_completed of that row, which the result now says: someone else linked it
     * too, so the link is not Hoglink's alone (not offered for undo), journaled ok with code linked_meanwhile_updated.
     * Before, it read as Hoglink's own link ("Checkout is now linked", LINKED, undo offered).
     */
    @Test
    void aLinkSomeoneElseMadeBetweenTheReadAndTheSendIsSaidToBeTheirsTooFromTheActivityLog() throws Exception {
        InstallationOption picked = secretOfferedToCheckout();
        long[] theirs = new long[1];
        sandbox.onceBefore("POST", LINK_CHECKOUT, () -> theirs[0] = other.linkExisting(CHECKOUT,
                new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null)).id());

        LinkResult r = links.linkNew(target(CHECKOUT), picked);

        assertEquals(LinkResult.Kind.LINKED_MEANWHILE_UPDATED, r.kind(), r.message());
        assertTrue(r.linked(), "the project uses the installation");
        assertFalse(r.ours(), "someone else's link is not Hoglink's to undo");
        assertEquals(theirs[0], r.link().integrationId(), "PostHog answered with their row, updated");
        assertEquals("Checkout was linked to acme-secret (id 10000005) by someone else too, at about the same time as "
                + "this link: PostHog's activity log holds 2 links of the integration it answered with (integration id "
                + theirs[0] + "), so PostHog "
                + "updated a link that is not Hoglink's alone.", r.message());
        assertEquals(1, entries().size());
        JournalEntry e = entries().get(0);
        assertEquals("ok", e.outcome().wireName(), "a link was sent and the project uses it");
        assertEquals("linked_meanwhile_updated", e.errorCode());
        assertEquals("linked_meanwhile_updated", e.message());
    }

    /** The same race, the project keeping another installation: the sentence says both, in the result and journal. */
    @Test
    void aLinkUpdatingSomeoneElsesRowStillNamesWhatTheProjectKeeps() throws Exception {
        InstallationOption picked = secretPickedThenLabsLinkedBySomeoneElse();
        sandbox.onceBefore("POST", LINK_CHECKOUT, () -> other.linkExisting(CHECKOUT,
                new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null)));

        LinkResult r = links.linkNew(target(CHECKOUT), picked);

        String said = "Checkout now uses 2 GitHub installations: acme-labs and acme-secret.";
        assertEquals(LinkResult.Kind.LINKED_MEANWHILE_UPDATED, r.kind(), r.message());
        assertTrue(r.message().endsWith("not Hoglink's alone. " + said), r.message());
        assertEquals("linked_meanwhile_updated; " + said, entries().get(0).message());
    }

    /**
     * When the activity log cannot be read after PostHog's 200 (here PostHog's plain 404; a plan without audit logs,
     * a key without activity_log:read and a 429 end the same way), the result is PostHog's answer, as before: linked.
     */
    @Test
    void aLinkWhoseActivityLogCannotBeReadAfterTheAnswerIsWordedByTheAnswer() throws Exception {
        InstallationOption picked = secretOfferedToCheckout();
        sandbox.onceBefore("POST", LINK_CHECKOUT, () -> other.linkExisting(CHECKOUT,
                new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN, null)));
        sandbox.onceNotFound("GET", "/api/projects/" + CHECKOUT + "/activity_log/?");

        LinkResult r = links.linkNew(target(CHECKOUT), picked);

        assertEquals(LinkResult.Kind.LINKED, r.kind(), r.message());
        assertTrue(r.ours());
        assertEquals("ok", entries().get(0).outcome().wireName());
        assertEquals(null, entries().get(0).errorCode());
    }

    /** A link nobody raced reads its one link_completed in the log and stays Hoglink's own. */
    @Test
    void aLinkNobodyRacedIsHoglinksOwnAfterTheLogIsRead() throws Exception {
        LinkResult r = links.linkNew(target(CHECKOUT), secretOfferedToCheckout());

        assertEquals(LinkResult.Kind.LINKED, r.kind(), r.message());
        assertTrue(r.ours());
        assertEquals(1, hoglink.integrationActivityFirstPage(CHECKOUT).stream()
                .filter(a -> "link_completed".equals(a.detail().githubEvent())).count(), "the log was there to read");
    }

    /**
     * A re-checked plan (ND2): Search is read right before its link and found without acme-secret; someone else links
     * it before Hoglink's request arrives. Its row says so, "Changed since the plan, sent", in the result file as in
     * the window, is not the plan's to undo or to count as its own, and a later run of the plan reads it as a change.
     * Before, it read "Linked" and the plan journal counted the row as this plan's link.
     */
    @Test
    void aRecheckedPlansLinkThatUpdatedSomeoneElsesRowSaysSoInTheResultAndLaterRuns() throws Exception {
        LinkPlan plan = acme.plan(SeedWorld.INST_SECRET_ORPHAN, CHECKOUT, SEARCH);
        sandbox.onceBefore("POST", "/api/projects/" + SEARCH + "/integrations/github/link_existing/?",
                () -> other.linkExisting(SEARCH, new LinkExistingRequest(SECRET_LAB, SeedWorld.INST_SECRET_ORPHAN,
                        null)));

        PlanResult first = acme.plans.applyAll(plan, true, () -> false, row -> { });

        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.LINKED_MEANWHILE_UPDATED),
                first.rows().stream().map(PlanResult.Row::outcome).toList(), first.rows().toString());
        PlanResult.Row search = first.rows().get(1);
        assertEquals(LinkResult.Kind.LINKED_MEANWHILE_UPDATED, search.kind());
        assertEquals("linked_meanwhile_updated", search.code());
        assertTrue(search.detail().startsWith("Search was linked to acme-secret (id 10000005) by someone else too"), search.detail());
        assertFalse(search.leftToSend(), "sent, and PostHog answered: a resume does not send it again");
        assertFalse(first.complete(), "a project changed since the plan, as one found linked meanwhile");
        String csv = new String(PlanFiles.write(first, PlanFiles.Format.CSV), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(csv.contains(",linked_meanwhile_updated,"), csv);
        JournalEntry e = acme.journal.readAll().entries().stream()
                .filter(x -> x.projectId() != null && x.projectId() == SEARCH).findFirst().orElseThrow();
        assertEquals("ok", e.outcome().wireName());
        assertEquals("linked_meanwhile_updated", e.errorCode());

        PlanResult again = acme.plans.applyAll(plan, true, () -> false, row -> { });

        assertEquals(ApplyOutcome.LINKED, again.rows().get(0).outcome(), "Checkout: this plan's own link");
        assertEquals(ApplyOutcome.CHANGED, again.rows().get(1).outcome(), again.rows().get(1).detail());
    }

    /**
     * Checkout's offer of acme-secret, picked while Checkout uses nothing; then someone else links acme-labs to
     * Checkout on PostHog, after the window read it.
     */
    private InstallationOption secretPickedThenLabsLinkedBySomeoneElse() throws Exception {
        List<InstallationOption> offered = links.available(CHECKOUT).installations();
        InstallationOption picked = offered.stream()
                .filter(o -> SeedWorld.INST_SECRET_ORPHAN.equals(o.installationId())).findFirst().orElseThrow();
        InstallationOption labs = offered.stream()
                .filter(o -> SeedWorld.INST_ACME_LABS.equals(o.installationId())).findFirst().orElseThrow();
        other.linkExisting(CHECKOUT, new LinkExistingRequest(labs.sourceProjectId(), SeedWorld.INST_ACME_LABS, null));
        return picked;
    }

    /**
     * The window showed Checkout without GitHub; while the confirmation waits, someone else links acme-labs to it. The
     * link of acme-secret reads Checkout right before sending, and that read, not the rows shown, says what it uses
     * afterwards: in the result the dialog and the status bar show, and in the journal the history reads.
     */
    @Test
    void aLinkNamesAnInstallationLinkedMeanwhileFromTheReadBeforeSendingInTheResultAndTheJournal() throws Exception {
        assertEquals(List.of(), links.links(CHECKOUT));
        InstallationOption picked = secretPickedThenLabsLinkedBySomeoneElse();

        LinkResult r = links.linkNew(target(CHECKOUT), picked);

        String said = "Checkout now uses 2 GitHub installations: acme-labs and acme-secret.";
        assertEquals(LinkResult.Kind.LINKED, r.kind(), r.message());
        assertEquals(said, r.message());
        assertEquals(said, r.uses());
        assertEquals("linked; " + said, entries().get(0).message(), "the history says what the window said");
    }

    /**
     * Checkout uses acme-labs; the link of acme-secret reads it right before sending, and someone unlinks acme-labs
     * between that read and the link. The result and the journal say what Checkout uses after the link, acme-secret
     * alone, not that it keeps acme-labs. On the old code they said it used both.
     */
    @Test
    void aLinkWhoseProjectLostItsOtherInstallationJustBeforeTheSendDoesNotSayItKeepsIt() throws Exception {
        InstallationOption picked = secretPickedThenLabsLinkedBySomeoneElse();
        long labsRow = row(CHECKOUT, SeedWorld.INST_ACME_LABS).integrationId();
        sandbox.onceBefore("POST", "/api/projects/" + CHECKOUT + "/integrations/github/link_existing/?",
                () -> other.deleteIntegration(CHECKOUT, labsRow));

        LinkResult r = links.linkNew(target(CHECKOUT), picked);

        assertEquals(LinkResult.Kind.LINKED, r.kind(), r.message());
        assertEquals(List.of(SeedWorld.INST_SECRET_ORPHAN),
                links.links(CHECKOUT).stream().map(GitHubLink::installationId).toList());
        assertFalse(r.message().contains("acme-labs"), r.message());
        assertTrue(r.message().startsWith("Checkout now uses the GitHub App installation on acme-secret"), r.message());
        assertEquals(null, r.uses());
        assertEquals("linked", entries().get(0).message(), "the history says what the window said");
    }

    /**
     * Docs has a GitHub row that names no installation; linked to acme, it is said to use acme, not "2 GitHub
     * installations: acme and acme" (the broken row counted as an installation, as it was on the old code).
     */
    @Test
    void aLinkBesideARowWithoutAnInstallationNamesTheInstallationAlone() throws Exception {
        long docs = 107;
        InstallationOption acmeOption = links.available(docs).installations().stream()
                .filter(o -> SeedWorld.INST_ACME.equals(o.installationId())).findFirst().orElseThrow();

        LinkResult r = links.linkNew(target(docs), acmeOption);

        assertEquals(LinkResult.Kind.LINKED, r.kind(), r.message());
        assertEquals("Docs now uses the GitHub App installation on acme (id " + SeedWorld.INST_ACME + ").",
                r.message());
    }

    /**
     * When the read before sending fails, what the project keeps is read after PostHog's answer, never taken from rows
     * the window read earlier (here the table still showed acme, since replaced by acme-labs on PostHog).
     */
    @Test
    void aLinkWhoseReadBeforeSendingFailsNamesWhatPostHogSaysAfterNotTheRowsTheWindowShowed() throws Exception {
        InstallationOption picked = secretPickedThenLabsLinkedBySomeoneElse();
        sandbox.onceNotFound("GET", "/api/projects/" + CHECKOUT + "/integrations/?");

        LinkResult r = links.linkNew(target(CHECKOUT), picked);

        String said = "Checkout now uses 2 GitHub installations: acme-labs and acme-secret.";
        assertEquals(LinkResult.Kind.LINKED, r.kind(), r.message());
        assertEquals(said, r.message());
        assertEquals("linked; " + said, entries().get(0).message());
    }

    /** Both reads failing, the result names the new installation alone and claims nothing of the others. */
    @Test
    void aLinkWhoseReadsBeforeAndAfterFailNamesTheNewInstallationAlone() throws Exception {
        InstallationOption picked = secretPickedThenLabsLinkedBySomeoneElse();
        sandbox.onceNotFound("GET", "/api/projects/" + CHECKOUT + "/integrations/?");
        sandbox.onceBefore("POST", "/api/projects/" + CHECKOUT + "/integrations/github/link_existing/?",
                () -> sandbox.onceNotFound("GET", "/api/projects/" + CHECKOUT + "/integrations/?"));

        LinkResult r = links.linkNew(target(CHECKOUT), picked);

        assertEquals(LinkResult.Kind.LINKED, r.kind(), r.message());
        assertFalse(r.message().contains("2 GitHub installations"), r.message());
        assertEquals(null, r.uses());
        assertEquals("linked", entries().get(0).message());
    }

    @Test
    void aPlanWhoseSourceProjectLosesTheInstallationMidRunHoldsTheRestAndItsResumeLinksFromAnotherProject()
            throws Exception {
        LinkPlan plan = acme.plan(SeedWorld.INST_SECRET_ORPHAN, CHECKOUT, SEARCH, BILLING);
        assertEquals(Long.valueOf(SECRET_LAB), plan.installation().sourceProjectId());
        long secretLabRow = other.githubIntegrations(SECRET_LAB).get(0).id();
        // Checkout is linked first; just before Search's link arrives, someone unlinks Secret Lab, the plan's source.
        // Checkout still uses the installation, so the app stays installed.
        sandbox.onceBefore("POST", "/api/projects/" + SEARCH + "/integrations/github/link_existing/?",
                () -> other.deleteIntegration(SECRET_LAB, secretLabRow));

        PlanResult first = acme.plans.applyAll(plan, true, () -> false, row -> { });

        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.REFUSED, ApplyOutcome.NOT_SENT),
                first.rows().stream().map(PlanResult.Row::outcome).toList(), first.rows().toString());
        assertTrue(first.rows().get(1).detail().contains("Secret Lab no longer uses the installation"),
                first.rows().get(1).detail());
        assertEquals(PlanService.SOURCE_GONE, first.rows().get(2).detail());
        assertTrue(first.stopped());

        PlanResult resumed = acme.plans.applyAll(plan, true, () -> false, row -> { });

        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.LINKED, ApplyOutcome.LINKED),
                resumed.rows().stream().map(PlanResult.Row::outcome).toList(), resumed.rows().toString());
        assertTrue(resumed.rows().get(0).detail().contains("by an earlier run of this plan"), resumed.rows().get(0).detail());
    }

    /**
     * The command line's resume of a plan whose source lost the installation sends from Checkout, which PostHog
     * offers now: the result's header and the plan journal's copy of the plan name Checkout, not Secret Lab; the
     * first run's named Secret Lab, the source its rows were sent from.
     */
    @Test
    void aResumedPlansResultAndPlanJournalNameTheSourceItsRowsWereSentFrom() throws Exception {
        LinkPlan plan = acme.plan(SeedWorld.INST_SECRET_ORPHAN, CHECKOUT, SEARCH, BILLING);
        long secretLabRow = other.githubIntegrations(SECRET_LAB).get(0).id();
        sandbox.onceBefore("POST", "/api/projects/" + SEARCH + "/integrations/github/link_existing/?",
                () -> other.deleteIntegration(SECRET_LAB, secretLabRow));
        PlanResult first = acme.plans.applyAll(plan, true, () -> false, row -> { });
        assertEquals(Long.valueOf(SECRET_LAB), first.plan().installation().sourceProjectId());
        assertEquals(java.util.Map.of(new PlanResult.Source(SECRET_LAB, "Secret Lab"), 2), first.sentFrom());

        PlanResult resumed = acme.plans.applyAll(plan, true, () -> false, row -> { });

        assertEquals(List.of(ApplyOutcome.LINKED, ApplyOutcome.LINKED, ApplyOutcome.LINKED),
                resumed.rows().stream().map(PlanResult.Row::outcome).toList(), resumed.rows().toString());
        assertEquals(Long.valueOf(CHECKOUT), resumed.plan().installation().sourceProjectId());
        assertEquals("Checkout", resumed.plan().installation().sourceProjectName());
        assertEquals(java.util.Map.of(new PlanResult.Source(CHECKOUT, "Checkout"), 2), resumed.sentFrom(),
                "Checkout itself was linked by the first run and not sent again");
        String json = new String(PlanFiles.write(resumed, PlanFiles.Format.JSON), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(json.contains("\"source_project_id\" : " + CHECKOUT + ",\n    \"source_project\" : \"Checkout\""), json);
        LinkPlan journaled = PlanFiles.readPlan(java.nio.file.Files.readAllBytes(
                home.resolve("plans").resolve("plans").resolve(plan.id() + ".plan")));
        assertEquals(Long.valueOf(CHECKOUT), journaled.installation().sourceProjectId());
        assertEquals(plan.rows(), journaled.rows());
    }

    @Test
    void aLinkPickedForAProjectStillWithoutTheInstallationIsSentAndJournaled() throws Exception {
        InstallationOption picked = links.available(CHECKOUT).installations().stream()
                .filter(o -> SeedWorld.INST_SECRET_ORPHAN.equals(o.installationId())).findFirst().orElseThrow();

        LinkResult r = links.linkNew(target(CHECKOUT), picked);

        assertEquals(LinkResult.Kind.LINKED, r.kind(), r.message());
        assertEquals(JournalEntry.Outcome.OK, entries().get(0).outcome());
    }
}
