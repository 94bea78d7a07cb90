package dev.hoglink.service.link;

import dev.hoglink.service.ApiFailures;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.inventory.HttpInventoryService;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.journal.JournalEntry;
import dev.hoglink.api.ApiException;
import dev.hoglink.api.AuthenticationException;
import dev.hoglink.api.InvalidResponseException;
import dev.hoglink.api.NetworkException;
import dev.hoglink.api.NotFoundException;
import dev.hoglink.api.PermissionException;
import dev.hoglink.api.PostHogApi;
import dev.hoglink.api.ServerException;
import dev.hoglink.api.ThrottledException;
import dev.hoglink.api.ValidationException;
import dev.hoglink.api.dto.ActivityLogEntryDto;
import dev.hoglink.api.dto.IntegrationDto;
import dev.hoglink.api.dto.LinkExistingRequest;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationName;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import java.io.IOException;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Links an existing GitHub App installation to a project and unlinks it, over {@link PostHogApi}, and writes
 * every attempt to the {@link ActionJournal} (fsynced) before returning, so the UI reports only what is on
 * disk. A request whose answer was lost after it may have reached PostHog is never sent again: the project's
 * integrations are read back and the real state is reported (and journaled).
 *
 * <p>Every method blocks: call it off the UI thread. No method throws for a PostHog refusal; each returns a
 * typed result with a user-safe message.
 */
public final class LinkService {

    private static final Logger LOGGER = LoggerFactory.getLogger(LinkService.class);

    /** Where and by whom: the organization and project an action is about, for the journal. */
    public record Target(Organization organization, Project project) {
        public Target {
            Objects.requireNonNull(project, "project");
        }

        public long projectId() {
            return project.id();
        }

        /**
         * "Stark Web Staging (id 402, environment of project Stark Web (id 401))", or "Stark Web (id 401)": how a
         * dialog's title or a warning names the project it acts on, the first time it names it.
         */
        public String label() {
            String of = project.ofProject();
            return project.ownName() + " (id " + project.id() + (of.isEmpty() ? "" : ", " + of) + ")";
        }
    }

    private final PostHogApi api;
    private final ActionJournal journal;
    private final String host;

    public LinkService(PostHogApi api, ActionJournal journal, String host) {
        this.api = Objects.requireNonNull(api, "api");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.host = Objects.requireNonNull(host, "host");
    }

    public String host() {
        return host;
    }

    // ---- reads --------------------------------------------------------------------------------------------

    /** What the project could link: PostHog's available_installations. */
    public dev.hoglink.model.AvailableInstallations available(long projectId) {
        var dto = ApiFailures.call(() -> api.availableInstallations(projectId));
        List<InstallationOption> options = dto.installations().stream().filter(i -> i.installationId() != null)
                .map(i -> HttpInventoryService.option(i, dto.discoveryId())).toList();
        return new dev.hoglink.model.AvailableInstallations(dto.discoveryId(), dto.personalGithubLogin(),
                dto.personalDiscoveryStatus(), options);
    }

    /** The project's GitHub rows (fresh from PostHog). */
    public List<GitHubLink> links(long projectId) {
        return ApiFailures.call(() -> api.githubIntegrations(projectId)).stream()
                .filter(i -> i.id() != null).map(HttpInventoryService::link).toList();
    }

    /**
     * Asks GitHub, through PostHog, whether a row's installation still answers: {@code github_repos/refresh} makes
     * PostHog mint a token and read the repositories, and a mint GitHub refuses marks the row unavailable
     * (docs/api-notes.md NF2). Throws {@link ServiceException} when PostHog refuses or fails.
     */
    public dev.hoglink.model.RepositoryRefresh askGitHub(long projectId, long integrationId) {
        return HttpInventoryService.refresh(ApiFailures.call(() -> api.refreshGitHubRepos(projectId, integrationId)));
    }

    /** How many repositories an integration can access, or -1 when PostHog would not say (RepoCounts.count). */
    public int repositoryCount(long projectId, long integrationId) {
        try {
            return dev.hoglink.service.inventory.RepoCounts.count(new HttpInventoryService(api), projectId,
                    integrationId);
        } catch (ServiceException e) { // the inventory service translates the client's failures
            LOGGER.debug("No repository count for integration {}: {}", integrationId, e.getMessage());
            return -1;
        }
    }

    // ---- link ---------------------------------------------------------------------------------------------

    /**
     * Sends one link_existing request (installation_id, source_team_id and discovery_id; nothing else) and
     * journals the outcome. Never resends: a failure after sending is resolved by reading back. Reads nothing else:
     * the result names the installation alone (a re-link of a row the project has changes nothing else).
     */
    public LinkResult linkOne(Target target, InstallationOption option) {
        return send(target, option, List.of(), false, false);
    }

    /**
     * As {@link #linkOne(Target, InstallationOption)}; {@code before} are the project's rows as read just before
     * sending. PostHog adds the installation's row beside the others (docs/api-notes.md N25), so a linked project
     * that had others is said to use them all ({@link InstallationUse#nowUses}).
     */
    public LinkResult linkOne(Target target, InstallationOption option, List<GitHubLink> before) {
        return send(target, option, Objects.requireNonNull(before, "before"), false, false);
    }

    /**
     * As {@link #linkOne(Target, InstallationOption, List)} for a project whose rows {@code before}, read just before
     * sending, hold no row of the installation (the link dialog's send, a re-checked plan's): PostHog's 200 is held to
     * its activity log ({@link #heldToLog}), since a link someone else made between that read and this request would
     * be updated in place and answered exactly as a new row (docs/api-notes.md NH21).
     */
    public LinkResult linkAfterRead(Target target, InstallationOption option, List<GitHubLink> before) {
        return send(target, option, Objects.requireNonNull(before, "before"), false, true);
    }

    /**
     * As {@link #linkOne(Target, InstallationOption)} for a project whose rows were not read just before sending (a
     * fresh bulk plan the window sends): after PostHog's answer its rows are read once, since the answer is the one
     * row it linked and says nothing of the project's other rows (docs/api-notes.md ND2). When that read fails, the
     * result names the new installation alone.
     */
    public LinkResult linkThenRead(Target target, InstallationOption option) {
        return send(target, option, null, true, false);
    }

    /**
     * @param rows      the project's other rows as known, or null when not known
     * @param readAfter read the project's rows after PostHog's answer (then {@code rows} is not used)
     * @param checkLog  the project was read just before without the installation: hold PostHog's 200 to its activity
     *                  log ({@link #heldToLog})
     */
    private LinkResult send(Target target, InstallationOption option, List<GitHubLink> rows, boolean readAfter,
                            boolean checkLog) {
        Objects.requireNonNull(option, "option");
        LinkExistingRequest request = new LinkExistingRequest(option.sourceProjectId(), option.installationId(),
                option.discoveryId());
        LinkResult result;
        String answer = null;
        String attempt = sending(JournalEntry.Action.LINK, target, option.installationId());
        try { // an unexpected error anywhere here, in a read-back too, must not leave the attempt under way
            try {
                IntegrationDto dto = api.linkExisting(target.projectId(), request);
                GitHubLink link = HttpInventoryService.link(dto);
                result = linked(target, option, link, readAfter ? rowsAfter(target) : keptStill(target, option, rows));
                if (checkLog) {
                    result = heldToLog(target, option, link, result);
                }
            } catch (NetworkException e) {
                if (e.mayHaveReachedServer()) {
                    LOGGER.warn("Link of project {} to installation {}: the answer was lost ({}); reading back",
                            target.projectId(), option.installationId(), e.kind());
                    result = readBackLink(target, option.installationId(), option.accountName(), lost(e), "network");
                } else {
                    result = new LinkResult(LinkResult.Kind.NOT_SENT, null, "Nothing was sent: " + e.userMessage(),
                            "network", null, null, null);
                }
            } catch (ApiException e) {
                if (answerLostAfterSending(e)) {
                    LOGGER.warn("Link of project {} to installation {}: the answer could not be used ({} {}); reading back",
                            target.projectId(), option.installationId(), e.status(), e.getClass().getSimpleName());
                    result = readBackLink(target, option.installationId(), option.accountName(), lead(e), lostCode(e));
                } else {
                    result = linkFailure(target, option, e);
                    answer = postHogAnswer(e);
                }
            }
            return journalLink(target, option.installationId(), result, answer, attempt);
        } finally {
            ActionJournal.abandon(attempt); // done by its outcome's line, unless that was never reached
        }
    }

    /** The project's rows read after PostHog's answer, or null when they could not be read. */
    private List<GitHubLink> rowsAfter(Target target) {
        try {
            return links(target.projectId());
        } catch (ServiceException e) {
            LOGGER.debug("Could not read project {} after linking ({}); its result names the new installation alone",
                    target.projectId(), e.kind());
            return null;
        }
    }

    /**
     * The project's rows to word a link's result by, given {@code rows} as read before sending: read again, once and
     * not held by a throttle, when those name other installations, since someone may have unlinked one between that
     * read and the link (the same gap as an unlink's, {@link #stoppedAfterDelete}); a result must not say the project
     * keeps what it lost. Without others, or when that read fails, the rows before.
     */
    private List<GitHubLink> keptStill(Target target, InstallationOption option, List<GitHubLink> rows) {
        if (rows == null || InstallationUse.others(rows, option.installationId()).isEmpty()) {
            return rows;
        }
        try {
            return rowsOnce(target);
        } catch (RuntimeException e) { // the link is done: a failed read changes only the words
            LOGGER.debug("Could not read project {} again after linking ({}); its other installations are named as "
                    + "read before", target.projectId(), e.toString());
            return rows;
        }
    }

    /** The project's GitHub rows, asked once and not held by a throttle (as the activity log's read, NH20). */
    private List<GitHubLink> rowsOnce(Target target) {
        return ApiFailures.call(() -> api.githubIntegrationsOnce(target.projectId())).stream()
                .filter(i -> i.id() != null).map(HttpInventoryService::link).toList();
    }

    /**
     * PostHog's 200: the project uses the installation, beside the others of {@code rows} (its rows as read before or
     * after; null or empty names the new one alone), in {@link InstallationUse#nowUses}'s words.
     */
    private static LinkResult linked(Target target, InstallationOption option, GitHubLink link, List<GitHubLink> rows) {
        List<String> kept = rows == null ? List.of() : InstallationUse.others(rows, option.installationId());
        String said = InstallationUse.nowUses(target.project().ownName(), kept, accountName(link.accountName(), option),
                option.installationId());
        return new LinkResult(LinkResult.Kind.LINKED, link, said, null, null, null, null, kept.isEmpty() ? null : said);
    }

    /** What PostHog's activity log says of the links of a project's row since a plan was made. */
    public enum LinksSince {
        /** One link of the row there now, and no other row's: it may be the plan's. */
        ONE,
        /** Another row of the installation was linked since: the row there now replaced it (NH24). */
        ANOTHER_ROW,
        /** The row there now was linked twice or more since: someone else's link and PostHog updated one row (NH21). */
        SAME_ROW_AGAIN,
        /**
         * The row there now was linked once since, by a request that did not name the discovery the earlier run's
         * named: someone else's link (the earlier run's never arrived).
         */
        OTHER_DISCOVERY
    }

    /**
     * What PostHog's activity log shows of the installation's links in the project since {@code since}
     * ({@code link_completed} rows): another row linked ({@link LinksSince#ANOTHER_ROW}; a row id is never handed out
     * twice, NH24), or the row there now, {@code current}, linked more than once ({@link LinksSince#SAME_ROW_AGAIN}:
     * link_existing updates a row in place and logs each link, NH21), so the link a run sent after {@code since} and
     * whose answer was never recorded cannot be told to be the only one; or its one link came from a request that did
     * not name {@code discoveryId}, the discovery the earlier run's request named ({@link LinksSince#OTHER_DISCOVERY};
     * null: not known). Empty when the log's first page cannot be read (read once, without waiting, as
     * {@link #heldToLog}'s).
     */
    public Optional<LinksSince> linksSince(long projectId, String installationId, long current,
                                           java.time.Instant since, String discoveryId) {
        try {
            String row = String.valueOf(current);
            List<ActivityLogEntryDto> links = linksCompleted(projectId).stream().filter(a -> a.createdAt() != null
                    && !a.createdAt().toInstant().isBefore(since)
                    && installationId.equals(a.detail().payload().path("installation_id").asText(null))).toList();
            if (links.stream().anyMatch(a -> !row.equals(a.detail().linkedIntegrationId()))) {
                return Optional.of(LinksSince.ANOTHER_ROW);
            }
            if (links.size() >= 2) {
                return Optional.of(LinksSince.SAME_ROW_AGAIN);
            }
            // link_completed's payload carries the request's discovery_id ("" when it named none, NL2)
            return Optional.of(discoveryId != null && links.size() == 1
                    && !discoveryId.equals(links.get(0).detail().payload().path("discovery_id").asText(""))
                    ? LinksSince.OTHER_DISCOVERY : LinksSince.ONE);
        } catch (RuntimeException e) {
            LOGGER.debug("Could not read project {}'s activity log ({})", projectId, e.toString());
            return Optional.empty();
        }
    }

    /**
     * The {@code link_completed} rows naming a row ({@code linked_integration_id}) on the first page of the project's
     * Integration activity, newest first; read once, without waiting for a permit or a 429 (NH20, NH21).
     */
    private List<ActivityLogEntryDto> linksCompleted(long projectId) {
        return api.integrationActivityFirstPage(projectId).stream()
                .filter(a -> a.detail() != null && "link_completed".equals(a.detail().githubEvent())
                        && a.detail().linkedIntegrationId() != null)
                .toList();
    }

    /**
     * PostHog's 200 to a link sent to a project read just before without the installation, held to the project's
     * activity log. link_existing updates a row the project already has for the installation (same id, same
     * {@code created_at}) and answers exactly as for a new one, and every successful link_existing writes one
     * {@code link_completed} in the project's log with {@code linked_integration_id} the row's id (posthog/api/
     * integration.py {@code github_link_existing}; docs/api-notes.md NH21, NL2). A row id is never handed out twice
     * (NH24), and the read before sending found no such row, so two or more of them mean another link of the same row
     * since that read: someone else linked the project meanwhile and PostHog updated one row for both
     * ({@link LinkResult.Kind#LINKED_MEANWHILE_UPDATED}). The log's first page is read once, without waiting for a
     * permit or a 429 (as after a delete, NH20); unreadable (a plan without audit logs, a key without
     * {@code activity_log:read}, throttled, any failure) or holding fewer, the result stays as PostHog's answer says.
     */
    private LinkResult heldToLog(Target target, InstallationOption option, GitHubLink link, LinkResult result) {
        int seen;
        try {
            String row = String.valueOf(link.integrationId());
            seen = (int) linksCompleted(target.projectId()).stream()
                    .filter(a -> row.equals(a.detail().linkedIntegrationId())).count();
        } catch (RuntimeException e) {
            LOGGER.debug("Could not read project {}'s activity log after linking ({}); PostHog's answer words the "
                    + "result", target.projectId(), e.toString());
            return result;
        }
        if (seen < 2) {
            return result;
        }
        LOGGER.info("Link of project {} to installation {}: PostHog's activity log holds {} links of row {}; someone "
                + "else linked it meanwhile", target.projectId(), option.installationId(), seen, link.integrationId());
        String said = target.project().ownName() + " was linked to "
                + accountOr(accountName(link.accountName(), option), option.installationId())
                + " by someone else too, at about the same time as this link: PostHog's activity log holds " + seen
                + " links of the integration it answered with (integration id " + link.integrationId() + "), so PostHog "
                + "updated a link that"
                + " is not Hoglink's alone." + (result.uses() == null ? "" : " " + result.uses());
        return new LinkResult(LinkResult.Kind.LINKED_MEANWHILE_UPDATED, link, said, "linked_meanwhile_updated", null,
                null, null, result.uses());
    }

    /**
     * As {@link #linkOne}, for a project the user picked the installation for because it did not use it (the link
     * dialog lists only those): the project's rows are read again right before sending. Found linked meanwhile,
     * nothing is sent ({@link LinkResult.Kind#LINKED_MEANWHILE}, journaled as not sent, as an unlink held back is):
     * PostHog's link_existing would only update that row and answer 200 as for a new one (docs/api-notes.md N25,
     * NH21), which read as Hoglink's own link. Found without it, the link is sent and PostHog's 200 held to the
     * activity log ({@link #linkAfterRead}): someone's link landing between the read and the send is said so
     * ({@link LinkResult.Kind#LINKED_MEANWHILE_UPDATED}). That read also tells which other installations the project keeps.
     * A read that fails sends the link as {@link #linkOne} does, whose answer then tells; what the project keeps is
     * then read once after PostHog's answer, as for a fresh plan ({@link #linkThenRead}), never taken from rows the
     * window read earlier (which may be from a failed refresh's earlier read): that read failing too, the result
     * names the new installation alone.
     */
    public LinkResult linkNew(Target target, InstallationOption option) {
        Objects.requireNonNull(option, "option");
        Optional<GitHubLink> now;
        List<GitHubLink> before;
        try {
            before = links(target.projectId());
            now = before.stream().filter(l -> option.installationId().equals(l.installationId())).findFirst();
        } catch (ServiceException e) {
            LOGGER.debug("Could not read project {} before linking ({}); sending", target.projectId(), e.kind());
            return send(target, option, null, true, false);
        }
        if (now.isPresent()) {
            return journalLink(target, option.installationId(), new LinkResult(LinkResult.Kind.LINKED_MEANWHILE,
                    now.get(), target.project().ownName() + " was linked to "
                    + accountOr(accountName(now.get().accountName(), option), option.installationId()) + " by someone else since the list was read; Hoglink sent nothing.", "linked_meanwhile", null,
                    null, null));
        }
        return linkAfterRead(target, option, before);
    }

    /**
     * Journals a link not sent because the project was found using the installation already (a bulk plan's re-read
     * before each project, as {@link #linkNew}'s): {@code not_sent} with code {@code linked_meanwhile}. Null when it
     * is on disk, else a sentence saying it could not be written.
     */
    public String journalLinkedMeanwhile(Target target, String installationId) {
        return journalLink(target, installationId, new LinkResult(LinkResult.Kind.LINKED_MEANWHILE, null, "",
                "linked_meanwhile", null, null, null)).journalProblem();
    }

    /**
     * After an {@link LinkResult.Kind#UNKNOWN} result: reads the project's integrations again and journals
     * the real outcome. Sends nothing that changes state.
     */
    public LinkResult confirmLink(Target target, String installationId, String accountName) {
        LinkResult result = readBackLink(target, installationId, accountName, "", "network");
        return journalLink(target, installationId, result);
    }

    /**
     * What became of the answer to a request that was sent: none came in time, or the connection broke; a timeout
     * is not told as a broken connection. One wording per failure, as {@code NetworkFailure} has.
     */
    static String lost(dev.hoglink.api.NetworkException e) {
        return e.timeout() ? "PostHog did not answer in time after the request was sent. "
                : "The connection broke after the request was sent. ";
    }

    /**
     * An answer that says nothing about whether the change was made, although the request reached PostHog: a
     * success status whose body is not PostHog's (a proxy's page, a cut or garbled body), or a gateway's 502 or 504
     * without PostHog's error body (the gateway gave up on PostHog, which may have done the work). Read back, as
     * for a lost answer; a PostHog error (its envelope, or a 500 of its own) is a refusal and stays one.
     */
    static boolean answerLostAfterSending(ApiException e) {
        return e instanceof InvalidResponseException && e.status() >= 200 && e.status() < 300
                || e instanceof ServerException && (e.status() == 502 || e.status() == 504) && e.code() == null;
    }

    /**
     * The code the journal and the history give such a read-back, saying what the window's message says: a gateway's
     * status ("gateway_502") or an answer that could not be read, rather than a broken connection.
     */
    private static String lostCode(ApiException e) {
        return e.status() >= 200 && e.status() < 300 ? "unreadable_answer" : "gateway_" + e.status();
    }

    private static String lead(ApiException e) {
        return e.status() >= 200 && e.status() < 300
                ? "PostHog's answer to the request could not be read. "
                : "A gateway answered " + e.status() + " after the request was sent. ";
    }

    /**
     * After a change whose answer was lost and a read right after that found it not made: PostHog may still have been
     * working on the request (an answer that timed out), so the read does not prove that nothing changed.
     */
    static final String MAY_STILL_LAND = "It was not sent again. PostHog may still have been working on it, so "
            + "reload before trying again.";

    /**
     * How a read-back that found the change not made says so: right after the lost answer ({@code lead} says how it
     * was lost), it may still land ({@link #MAY_STILL_LAND}); on the user's later check ("Check again", no lead), the
     * read is what PostHog shows now.
     */
    private static String notMade(String lead, String shows) {
        return lead.isEmpty() ? "PostHog shows " + shows + ": the change was not made. Nothing was sent again."
                : lead + "PostHog showed " + shows + " when Hoglink read it right after. " + MAY_STILL_LAND;
    }

    private LinkResult readBackLink(Target target, String installationId, String accountName, String lead,
                                    String code) {
        try {
            List<GitHubLink> rows = links(target.projectId());
            Optional<GitHubLink> found = rows.stream().filter(l -> installationId.equals(l.installationId())).findFirst();
            if (found.isPresent()) {
                // the same read tells which other installations it keeps, in the words a plain link's result uses
                List<String> kept = InstallationUse.others(rows, installationId);
                String account = found.get().accountName() == null || found.get().accountName().isBlank()
                        ? accountName : found.get().accountName();
                String uses = kept.isEmpty() ? null
                        : InstallationUse.nowUses(target.project().ownName(), kept, account, installationId);
                return new LinkResult(LinkResult.Kind.LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, found.get(),
                        lead + "PostHog shows " + target.project().ownName() + " linked to " + accountOr(accountName,
                                installationId) + "." + (uses == null ? "" : " " + uses), code, null, null, null, uses);
            }
            return new LinkResult(LinkResult.Kind.NOT_LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, null,
                    notMade(lead, target.project().ownName() + " not linked to " + accountOr(accountName,
                            installationId)), code, null, null, null);
        } catch (ServiceException e) {
            LOGGER.warn("Reading back project {} failed: {}", target.projectId(), e.kind());
            return new LinkResult(LinkResult.Kind.UNKNOWN, null, lead + "PostHog could not be asked whether "
                    + target.project().ownName() + " is now linked (" + e.userMessage() + ") The link may or may not "
                    + "have been made; it was not sent again. Check again once the connection is back.",
                    code, null, null, null);
        }
    }

    private LinkResult linkFailure(Target target, InstallationOption option, ApiException e) {
        String code = e.code();
        String detail = e.detail() == null ? "" : e.detail();
        String project = target.project().ownName();
        // "the installation on acme (id 1)", or "installation 1" when PostHog names no account (InstallationName).
        String installation = InstallationName.the(option.accountName(), option.installationId());
        if (e instanceof ValidationException) {
            if ("github_link_existing_personal_github_required".equals(code)) {
                // One code for no usable personal link and for a linked GitHub account that cannot see the
                // installation (team_services.py authorize_link_existing_installation; docs/api-notes.md NJ3).
                return fail(LinkResult.Kind.PERSONAL_GITHUB_REQUIRED, code, "PostHog needs proof that you can access "
                        + installation + ": link your personal GitHub account in PostHog, or "
                        + "reconnect it if it no longer works (Settings › Personal integrations); if it is linked and "
                        + "works, that GitHub account cannot see the installation, so ask whoever manages it on GitHub "
                        + "to give the account access. Then try again. A project admin can link without it.");
            }
            if ("github_adoption_admin_required".equals(code)) {
                return fail(LinkResult.Kind.ADOPTION_NEEDS_ADMIN, code, InstallationUse.adoptionNeedsAdmin(installation,
                        project));
            }
            if ("github_link_existing_orphan_installation".equals(code)) {
                return fail(LinkResult.Kind.ORPHAN, code, InstallationUse.sentence(InstallationUse
                        .notLinkedWhereAccessible("you", installation)) + "; a project you cannot "
                        + "access may have it. Ask an admin of that project, or connect it through GitHub with the "
                        + "OAuth bootstrap instead.");
            }
            if ("installation_access_denied".equals(code)) {
                return fail(LinkResult.Kind.INSTALLATION_ACCESS_DENIED, code, "Your GitHub account cannot access "
                        + installation + ". Ask someone who can see it on GitHub to link it, or "
                        + "link the GitHub account that can in PostHog.");
            }
            if (detail.startsWith("Failed to verify installation access") || "installation_verify_failed".equals(code)) {
                // Newer PostHog says this only when GitHub could not be reached; an older one also for a refused token.
                return fail(LinkResult.Kind.GITHUB_VERIFY_FAILED, code, "PostHog could not check your access with "
                        + "GitHub. Try again in a moment; if it keeps failing, your personal GitHub link may have "
                        + "expired: reconnect GitHub in PostHog (Settings › Personal integrations).");
            }
            if (detail.startsWith("Source team does not have a GitHub integration")) {
                String source = option.sourceProjectName() != null ? option.sourceProjectName()
                        : "Project id " + option.sourceProjectId();
                return fail(LinkResult.Kind.SOURCE_GONE, code, source + " no longer uses "
                        + installation + ", so PostHog had nothing to link " + project + " from; nothing changed. Another "
                        + "project may still use it.");
            }
            if (detail.contains("multiple GitHub installations")) {
                return fail(LinkResult.Kind.MULTIPLE_INSTALLATIONS, code, "This organization has several GitHub "
                        + "installations: pick the one " + project + " should use.");
            }
            return fail(LinkResult.Kind.INVALID_INPUT, code, "PostHog did not accept the link: "
                    + (detail.isBlank() ? "the request was not valid" : detail)
                    + (detail.endsWith(".") ? "" : ".") + " Refresh the list and try again.");
        }
        if (e instanceof PermissionException p) {
            if (p.missingScope() != null) {
                return new LinkResult(LinkResult.Kind.MISSING_SCOPE, null, missingScopeWords(p.missingScope(), "linking"),
                        code, p.missingScope(), null, null);
            }
            return fail(LinkResult.Kind.FORBIDDEN, code, e.userMessage());
        }
        if (e instanceof ThrottledException t) {
            return new LinkResult(LinkResult.Kind.THROTTLED, null, e.userMessage(), code == null ? "throttled" : code,
                    null, t.retryAfter(), null);
        }
        if (e instanceof AuthenticationException) {
            return fail(LinkResult.Kind.AUTH, code, e.userMessage());
        }
        if (e instanceof NotFoundException) {
            return fail(LinkResult.Kind.NOT_FOUND, code, e.userMessage());
        }
        return fail(LinkResult.Kind.SERVER, code == null ? "status_" + e.status() : code, e.userMessage());
    }

    /**
     * A refusal for lacking {@code scope}, for a link and an unlink alike ({@code needs}: "linking", "unlinking"). For
     * integration:write, the words the window gives a read-only credential before anything is sent
     * ({@link dev.hoglink.model.Capabilities#readOnlyReason(boolean)}, a key's or the sign-in's): one fact, one
     * sentence. PostHog refuses such a credential the same way for every project (docs/api-notes.md NJ2, NJ4).
     */
    private String missingScopeWords(String scope, String needs) {
        if ("integration:write".equals(scope)) {
            return dev.hoglink.model.Capabilities.readOnlyReason(api.grantedScopes().isPresent());
        }
        return "The API key lacks the scope '" + scope + "', which " + needs + " needs. Add it to the key in PostHog "
                + "(Settings › Personal API keys) or use a key that has it.";
    }

    private static LinkResult fail(LinkResult.Kind kind, String code, String message) {
        return new LinkResult(kind, null, message, code, null, null, null);
    }

    /** PostHog's own answer, for the journal: "PostHog 500 error: A server error occurred." (already redacted). */
    static String postHogAnswer(ApiException e) {
        String detail = e.detail() == null || e.detail().isBlank() ? "" : ": " + e.detail();
        return "PostHog " + (e.status() > 0 ? e.status() + " " : "") + (e.code() == null ? "" : e.code()) + detail;
    }

    private LinkResult journalLink(Target target, String installationId, LinkResult r) {
        return journalLink(target, installationId, r, null, null);
    }

    /** @param attempt the journal's {@link ActionJournal#sending} line for this link, or null when none was written */
    private LinkResult journalLink(Target target, String installationId, LinkResult r, String answer, String attempt) {
        JournalEntry.Outcome outcome = switch (r.kind()) {
            // linked meanwhile and updated: sent, and the project uses it; the code says the link is not Hoglink's alone
            case LINKED, LINKED_CONFIRMED_AFTER_NETWORK_FAILURE, LINKED_MEANWHILE_UPDATED -> JournalEntry.Outcome.OK;
            case UNKNOWN -> JournalEntry.Outcome.UNKNOWN;
            // the request never left: nothing to call a failure (linked meanwhile: by someone else, not by Hoglink)
            case NOT_SENT, LINKED_MEANWHILE -> JournalEntry.Outcome.NOT_SENT;
            default -> JournalEntry.Outcome.FAILED;
        };
        String code = r.kind() == LinkResult.Kind.LINKED ? null : r.code();
        // "linked; Secret Lab now uses 2 GitHub installations: …": the sentence the window gave, for the history
        String problem = append(JournalEntry.builder(JournalEntry.Action.LINK, outcome).attempt(attempt), target,
                installationId, code, r.kind().wireName() + (r.uses() == null ? "" : "; " + r.uses())
                        + (answer == null ? "" : " (" + answer.strip() + ")"));
        return problem == null ? r : r.withJournalProblem(problem);
    }

    // ---- unlink -------------------------------------------------------------------------------------------

    /** The project's row as PostHog has it now (fresh installation_shared), or empty when it is gone. */
    public Optional<GitHubLink> freshLink(long projectId, long integrationId) {
        return links(projectId).stream().filter(l -> l.integrationId() == integrationId).findFirst();
    }

    /**
     * Deletes the project's GitHub row and journals the outcome. {@code link} is the row as the user was shown it
     * (its {@code shared}, PostHog's installation_shared, said whether the app stays installed). The row is read
     * again right before the delete, since PostHog decides at the delete whether it is the installation's last
     * reference and then uninstalls the app (docs/api-notes.md NH20): a row gone meanwhile is not sent; a row
     * shown shared whose other projects were unlinked meanwhile is not sent either, as the delete would now
     * uninstall the app the user was told stays. Which of the two results a success is, PostHog's record of the
     * delete itself tells ({@link #appStayed}), the fresh read only when that record cannot be read. Never resent: a
     * lost answer is resolved by reading back.
     */
    public UnlinkResult unlink(Target target, GitHubLink link) {
        return unlink(target, link, !link.shared());
    }

    /**
     * As {@link #unlink(Target, GitHubLink)}; {@code uninstallAccepted} says the user was warned that this delete
     * may uninstall the app and accepted it (typed the account's name). Then a row that became the installation's
     * last reference since it was shown is still sent: the user agreed to exactly that. Undoing a bulk link of every
     * project that uses an installation needs it, as each delete makes the next row the last one.
     */
    public UnlinkResult unlink(Target target, GitHubLink link, boolean uninstallAccepted) {
        String project = target.project().ownName();
        String account = accountOr(link.accountName(), link.installationId());
        UnlinkResult result;
        Optional<GitHubLink> fresh;
        List<String> kept; // the project's other installations as the read before the delete shows them
        try {
            List<GitHubLink> rows = links(target.projectId());
            fresh = rows.stream().filter(l -> l.integrationId() == link.integrationId()).findFirst();
            kept = InstallationUse.others(rows, link.installationId());
        } catch (ServiceException e) {
            return journalUnlink(target, link, notReadBeforeUnlink(project, e), false);
        }
        if (fresh.isEmpty()) {
            return journalUnlink(target, link, new UnlinkResult(UnlinkResult.Kind.ALREADY_GONE, project + " was "
                    + "already disconnected from " + account + " (someone else unlinked it, or GitHub uninstalled the "
                    + "app); nothing was sent.", "not_found", null, null, null));
        }
        if (!uninstallAccepted && link.shared() && !fresh.get().shared()) {
            return journalUnlink(target, link, new UnlinkResult(UnlinkResult.Kind.NOW_LAST_REFERENCE, "Since you "
                    + "confirmed, the other projects stopped using " + account + ": " + project + " is now the last "
                    + "project using it, so unlinking it would also uninstall the GitHub App from " + account
                    + ". Nothing was sent; unlink again to see the warning for that.", "now_last_reference", null,
                    null, null));
        }
        String attempt = sending(JournalEntry.Action.UNLINK, target, link.installationId());
        try { // an unexpected error anywhere here, in a read-back too, must not leave the attempt under way
            try {
                api.deleteIntegration(target.projectId(), link.integrationId());
                String stopped = stoppedAfterDelete(target, link, account, kept);
                result = keeping(unlinked(stopped, account, link, afterDelete(target, link, fresh.get().shared())),
                        stopped);
            } catch (NetworkException e) {
                if (e.mayHaveReachedServer()) {
                    LOGGER.warn("Unlink of integration {} in project {}: the answer was lost ({}); reading back",
                            link.integrationId(), target.projectId(), e.kind());
                    result = readBackUnlink(target, link, lost(e), "network");
                } else {
                    result = new UnlinkResult(UnlinkResult.Kind.NOT_SENT, "Nothing was sent: " + e.userMessage(),
                            "network", null, null, null);
                }
            } catch (ApiException e) {
                if (answerLostAfterSending(e)) {
                    LOGGER.warn("Unlink of integration {} in project {}: the answer could not be used ({} {}); reading back",
                            link.integrationId(), target.projectId(), e.status(), e.getClass().getSimpleName());
                    result = readBackUnlink(target, link, lead(e), lostCode(e));
                } else if (e instanceof NotFoundException) {
                    result = afterNotFound(target, link, account, e);
                } else {
                    result = unlinkFailure(project, e);
                }
            }
            return journalUnlink(target, link, result, true, attempt);
        } finally {
            ActionJournal.abandon(attempt); // done by its outcome's line, unless that was never reached
        }
    }

    /** What PostHog's delete did to the app on GitHub, as its record of the delete (or the read before it) says. */
    private enum AppAfterDelete { STAYED, UNINSTALLED, UNINSTALL_FAILED }

    /**
     * What became of the app after PostHog answered Hoglink's delete of {@code link}: PostHog decides at the delete
     * whether it is the last reference (docs/api-notes.md NH20) and records it there, in the row's
     * {@code disconnect_started} audit ({@code last_reference}), then its uninstall on GitHub in
     * {@code uninstall_completed} ({@code outcome} {@code failed} when the uninstall raised; the row is deleted and
     * the answer is 204 all the same). A row id is never handed out twice (NH24) and only one delete of a row can
     * succeed, so the newest such records are of Hoglink's delete; the log is newest first, so the
     * {@code uninstall_completed} of that delete comes before its {@code disconnect_started}. Another project unlinked
     * or linked between the read before the delete and the delete itself changes the answer, and only that record
     * tells. When the activity log cannot be read (a plan without audit logs, a key without {@code activity_log:read},
     * a failure) or holds no {@code disconnect_started}, the read before the delete ({@code sharedBefore}) words it,
     * as before; a last reference without a readable {@code uninstall_completed} reads as uninstalled, as before.
     */
    private AppAfterDelete afterDelete(Target target, GitHubLink link, boolean sharedBefore) {
        return recordedAfterDelete(target, link, sharedBefore)
                .orElse(sharedBefore ? AppAfterDelete.STAYED : AppAfterDelete.UNINSTALLED);
    }

    /**
     * What PostHog's record of the row's delete ({@link #afterDelete}) says became of the app; empty when the
     * activity log cannot be read or holds no {@code disconnect_started} for the row. {@code sharedBefore}, when
     * known, is only compared with it for the log.
     */
    private Optional<AppAfterDelete> recordedAfterDelete(Target target, GitHubLink link, Boolean sharedBefore) {
        try {
            String item = String.valueOf(link.integrationId());
            boolean uninstallFailed = false;
            boolean uninstallSeen = false;
            for (ActivityLogEntryDto a : api.integrationActivityOf(target.projectId(), link.integrationId())) {
                if (a.detail() == null || !item.equals(a.itemId()) || a.detail().trigger() == null) {
                    continue;
                }
                com.fasterxml.jackson.databind.JsonNode payload = a.detail().payload();
                if ("uninstall_completed".equals(a.detail().githubEvent()) && !uninstallSeen) {
                    uninstallSeen = true;
                    uninstallFailed = "failed".equals(payload.path("outcome").asText(null));
                } else if ("disconnect_started".equals(a.detail().githubEvent())) {
                    com.fasterxml.jackson.databind.JsonNode last = payload.path("last_reference");
                    if (last.isBoolean()) {
                        if (sharedBefore != null && last.asBoolean() == sharedBefore) {
                            LOGGER.info("Unlink of integration {} in project {}: the delete was {}the last reference, "
                                            + "unlike the read just before it", link.integrationId(),
                                    target.projectId(), last.asBoolean() ? "" : "not ");
                        }
                        if (!last.asBoolean()) {
                            return Optional.of(AppAfterDelete.STAYED);
                        }
                        if (uninstallFailed) {
                            LOGGER.warn("Unlink of integration {} in project {}: PostHog recorded its uninstall of "
                                            + "installation {} on GitHub as failed", link.integrationId(),
                                    target.projectId(), link.installationId());
                            return Optional.of(AppAfterDelete.UNINSTALL_FAILED);
                        }
                        return Optional.of(AppAfterDelete.UNINSTALLED);
                    }
                }
            }
            LOGGER.debug("No disconnect_started for integration {} in project {}'s activity log",
                    link.integrationId(), target.projectId());
        } catch (RuntimeException e) {
            LOGGER.debug("Could not read project {}'s activity log after the delete ({})", target.projectId(),
                    e.toString());
        }
        return Optional.empty();
    }

    /**
     * PostHog answered the delete 404. For PostHog that is the row not among the project's ({@code Not found.}: gone,
     * or not this project's) or the project itself not found ({@code Project not found.}: deleted, or a wrong id); a
     * project the key or user may not access is refused 403 instead, though it may be by the time Hoglink asks again
     * (docs/api-notes.md NH20). The project's rows are read once more and the result says what that read found: the
     * row gone (already disconnected), the row still there (the unlink did not happen), or the project unreadable
     * (said so, not "already disconnected"). Nothing is sent again.
     */
    private UnlinkResult afterNotFound(Target target, GitHubLink link, String account, ApiException e) {
        String project = target.project().ownName();
        String code = e.code() == null ? "not_found" : e.code();
        try {
            Optional<GitHubLink> now = freshLink(target.projectId(), link.integrationId());
            if (now.isEmpty()) {
                return new UnlinkResult(UnlinkResult.Kind.ALREADY_GONE, project + " was already disconnected from "
                        + account + ": PostHog did not find the integration, and reading " + project + " again shows "
                        + "it gone (someone else unlinked it, or GitHub uninstalled the app).", code, null, null, null);
            }
            return new UnlinkResult(UnlinkResult.Kind.NOT_UNLINKED, "PostHog answered that it did not find the "
                    + "integration, yet reading " + project + " again shows it still connected to " + account
                    + ": the unlink did not happen. Refresh the project, then try again.", code, null, null, null);
        } catch (ServiceException r) {
            LOGGER.warn("Unlink of integration {} in project {} answered 404 ({}); the read after it failed: {}",
                    link.integrationId(), target.projectId(), e.detail(), r.kind());
            String why = switch (r.kind()) {
                case NOT_FOUND -> "PostHog no longer finds " + target.label() + ": it was deleted, or the id is not "
                        + "one of its projects.";
                case PERMISSION, AUTH -> target.label() + " can no longer be read with this key (" + r.userMessage()
                        + ")";
                default -> target.label() + " could not be read again (" + r.userMessage() + ")";
            };
            return new UnlinkResult(UnlinkResult.Kind.PROJECT_UNREADABLE, "PostHog answered that it did not find "
                    + "the integration, and " + why + " Hoglink cannot tell whether " + project + " still uses "
                    + account + "; it did not unlink it and sent nothing again. Refresh the list.", code, null, null,
                    null);
        }
    }

    /**
     * "Manage on GitHub": tells PostHog to expect GitHub's "update" return for this installation
     * ({@code prepare_callback}, docs/api-notes.md N15), then gives the installation's settings page on GitHub.
     * Throws {@link ServiceException} when PostHog refuses; nothing is opened then.
     */
    public java.net.URI manageOnGitHub(Target target, GitHubLink link) {
        String id = link.installationId();
        if (id == null || !id.matches("[1-9]\\d{0,19}")) {
            throw new ServiceException(ServiceException.Kind.VALIDATION, "This integration names no GitHub App "
                    + "installation, so there is nothing to manage on GitHub.", "invalid", null, null, null);
        }
        ApiFailures.call(() -> {
            api.prepareGitHubCallback(target.projectId(), id, null);
            return null;
        });
        return settingsPage(link);
    }

    /**
     * The installation's settings page on GitHub (where it is configured or uninstalled): under the organization for
     * an organization's installation, else the user's. The page "Manage on GitHub" opens.
     */
    static java.net.URI settingsPage(GitHubLink link) {
        String id = link.installationId();
        String account = link.accountName();
        return java.net.URI.create(link.accountType() == dev.hoglink.model.AccountType.ORGANIZATION && account != null
                && account.matches("[A-Za-z0-9-]+")
                ? "https://github.com/organizations/" + account + "/settings/installations/" + id
                : "https://github.com/settings/installations/" + id);
    }

    /** After {@link UnlinkResult.Kind#UNKNOWN}: reads back and journals the real outcome. */
    public UnlinkResult confirmUnlink(Target target, GitHubLink link) {
        return journalUnlink(target, link, readBackUnlink(target, link, "", "network"));
    }

    /** The read right before an unlink failed: nothing was sent, and why, as the delete would have said it. */
    private static UnlinkResult notReadBeforeUnlink(String project, ServiceException e) {
        String lead = "Nothing was sent: PostHog could not be asked about " + project + "'s integration first. ";
        return switch (e.kind()) {
            case THROTTLED -> new UnlinkResult(UnlinkResult.Kind.THROTTLED, lead + e.userMessage(), e.code(), null,
                    e.retryAfter().orElse(null), null);
            case AUTH -> new UnlinkResult(UnlinkResult.Kind.AUTH, lead + e.userMessage(), e.code(), null, null, null);
            case PERMISSION -> e.missingScope().isPresent()
                    ? new UnlinkResult(UnlinkResult.Kind.MISSING_SCOPE, lead + "The API key lacks the scope '"
                    + e.missingScope().get() + "'.", e.code(), e.missingScope().get(), null, null)
                    : new UnlinkResult(UnlinkResult.Kind.FORBIDDEN, lead + e.userMessage(), e.code(), null, null, null);
            default -> new UnlinkResult(UnlinkResult.Kind.NOT_SENT, lead + e.userMessage(),
                    e.code() == null ? e.kind().name().toLowerCase(java.util.Locale.ROOT) : e.code(), null, null, null);
        };
    }

    /**
     * What the project stopped using: "Web no longer uses GitHub" when the row was its only one, "Mobile no longer
     * uses acme; it keeps acme-labs" when it keeps others (PostHog keeps a row per installation, N25).
     */
    static String stopsUsing(String project, String account, List<String> kept) {
        return project + " no longer uses " + (kept.isEmpty() ? "GitHub"
                : account + IT_KEEPS + dev.hoglink.util.Names.join(kept));
    }

    private static final String IT_KEEPS = "; it keeps ";

    /**
     * {@code r} with {@link #stopsUsing}'s words {@code stopped} as what the journal says the project keeps, when they
     * name any installation it keeps (the window's result names them; the History says the same).
     */
    private static UnlinkResult keeping(UnlinkResult r, String stopped) {
        return stopped.contains(IT_KEEPS) ? r.keeping(stopped) : r;
    }

    /**
     * {@link #stopsUsing}'s words after PostHog answered the delete, from the project's rows read again: another admin
     * may have unlinked or linked one of its other installations between the read before the delete and the delete,
     * and the window's refresh shows the rows as they are now. When that read fails, only what the delete itself
     * settles is said ("Mobile no longer uses acme (id N)"): the read before it may be stale.
     */
    private String stoppedAfterDelete(Target target, GitHubLink link, String account, List<String> keptBefore) {
        String project = target.project().ownName();
        try {
            List<String> kept = InstallationUse.others(rowsOnce(target), link.installationId()); // the delete is done
            if (!kept.equals(keptBefore)) {
                LOGGER.info("Unlink of integration {} in project {}: its other installations changed since the read "
                        + "before the delete ({} then, {} now)", link.integrationId(), target.projectId(),
                        keptBefore.size(), kept.size());
            }
            return stopsUsing(project, account, kept);
        } catch (RuntimeException e) { // the delete is done: a failed read changes only the words
            LOGGER.debug("Could not read project {} again after the delete ({}); its other installations are not "
                    + "named", target.projectId(), e.toString());
            return project + " no longer uses " + account;
        }
    }

    /** @param stopped {@link #stopsUsing}'s words */
    private static UnlinkResult unlinked(String stopped, String account, GitHubLink link, AppAfterDelete app) {
        return switch (app) {
            case STAYED -> new UnlinkResult(UnlinkResult.Kind.UNLINKED_APP_STAYS, stopped + ". "
                    + "The app stays installed on " + account + " for the other projects.", null, null, null, null);
            case UNINSTALLED -> new UnlinkResult(UnlinkResult.Kind.UNLINKED_APP_UNINSTALLED, stopped
                    + ", and the GitHub App was uninstalled from " + account + ".", null, null, null, null);
            // The id matches Manage on GitHub's check, else there is no page to name (the account's settings list it).
            case UNINSTALL_FAILED -> new UnlinkResult(UnlinkResult.Kind.UNLINKED_UNINSTALL_FAILED, stopped
                    + ", but " + InstallationUse.uninstallFailed(account) + ": "
                    + InstallationUse.STILL_INSTALLED_UNUSED + ". Uninstall it on GitHub"
                    + (link.installationId() != null && link.installationId().matches("[1-9]\\d{0,19}")
                    ? ": " + settingsPage(link) : "."), null, null, null, null);
        };
    }

    /**
     * A row found gone after a delete whose answer was lost ({@code lead} says how; {@code stopped} is
     * {@link #stopsUsing}'s words), with what became of the app as PostHog's record of the row's delete says
     * ({@link #recordedAfterDelete}): whoever's delete it was, that record tells whether the app stays installed, was
     * uninstalled, or could not be. Told, the result is that of a delete PostHog answered ({@link #unlinked}), so the
     * window (a dialog that stays when the app is left installed), the journal and a switch or an undo say it as they
     * say an answered one; {@code code} still says the answer was lost. Without a readable record, the row's removal
     * alone.
     */
    private UnlinkResult goneWithApp(Target target, GitHubLink link, String account, String stopped, String lead,
                                     String code) {
        return recordedAfterDelete(target, link, null)
                .map(app -> unlinked(stopped, account, link, app))
                .map(u -> new UnlinkResult(u.kind(), lead + "PostHog now shows it: " + u.message(), code, null, null,
                        null))
                .orElseGet(() -> new UnlinkResult(UnlinkResult.Kind.UNLINKED_CONFIRMED_AFTER_NETWORK_FAILURE, lead
                        + "PostHog now shows it: " + stopped + ".", code, null, null, null));
    }

    private UnlinkResult readBackUnlink(Target target, GitHubLink link, String lead, String code) {
        String project = target.project().ownName();
        String account = accountOr(link.accountName(), link.installationId());
        try {
            List<GitHubLink> rows = links(target.projectId());
            boolean still = rows.stream().anyMatch(l -> l.integrationId() == link.integrationId());
            if (still) {
                return new UnlinkResult(UnlinkResult.Kind.NOT_UNLINKED_CONFIRMED_AFTER_NETWORK_FAILURE,
                        notMade(lead, project + " still using " + account), code, null, null, null);
            }
            String stopped = stopsUsing(project, account, InstallationUse.others(rows, link.installationId()));
            return keeping(goneWithApp(target, link, account, stopped, lead, code), stopped);
        } catch (ServiceException e) {
            return new UnlinkResult(UnlinkResult.Kind.UNKNOWN, lead + "PostHog could not be asked whether "
                    + project + " still uses " + account + " (" + e.userMessage() + ") It was not sent "
                    + "again; check again once the connection is back.", code, null, null, null);
        }
    }

    private UnlinkResult unlinkFailure(String project, ApiException e) {
        String code = e.code();
        String detail = e.detail() == null ? "" : e.detail();
        if (e instanceof ValidationException) {
            if (InUse.matches(detail) || detail.contains("in-progress background agent")) {
                return new UnlinkResult(UnlinkResult.Kind.IN_USE, "PostHog kept " + project + " connected because "
                        + "the integration is still in use by:\n" + InUse.plain(detail), code, null, null, null);
            }
            return new UnlinkResult(UnlinkResult.Kind.INVALID_INPUT, "PostHog did not unlink: " + detail, code, null,
                    null, null);
        }
        if (e instanceof PermissionException p) {
            if (p.missingScope() != null) {
                return new UnlinkResult(UnlinkResult.Kind.MISSING_SCOPE, missingScopeWords(p.missingScope(),
                        "unlinking"), code, p.missingScope(), null, null);
            }
            return new UnlinkResult(UnlinkResult.Kind.FORBIDDEN, "Only an admin of " + project + " can unlink it. "
                    + e.userMessage(), code, null, null, null);
        }
        if (e instanceof ThrottledException t) {
            return new UnlinkResult(UnlinkResult.Kind.THROTTLED, e.userMessage(), code, null, t.retryAfter(), null);
        }
        if (e instanceof AuthenticationException) {
            return new UnlinkResult(UnlinkResult.Kind.AUTH, e.userMessage(), code, null, null, null);
        }
        return new UnlinkResult(UnlinkResult.Kind.SERVER, e.userMessage(), code == null ? "status_" + e.status() : code,
                null, null, null);
    }

    private UnlinkResult journalUnlink(Target target, GitHubLink link, UnlinkResult r) {
        return journalUnlink(target, link, r, true, null);
    }

    private UnlinkResult journalUnlink(Target target, GitHubLink link, UnlinkResult r, boolean readSucceeded) {
        return journalUnlink(target, link, r, readSucceeded, null);
    }

    /**
     * @param readSucceeded false when the read right before the delete failed: nothing was sent, whatever the
     *                      result's kind (it says why, as a refused delete's would)
     * @param attempt       the journal's {@link ActionJournal#sending} line for this delete, or null when none
     */
    private UnlinkResult journalUnlink(Target target, GitHubLink link, UnlinkResult r, boolean readSucceeded,
            String attempt) {
        boolean sent = readSucceeded && r.kind() != UnlinkResult.Kind.NOT_SENT
                && r.kind() != UnlinkResult.Kind.NOW_LAST_REFERENCE;
        // A row found gone (by the read before the delete, or PostHog's 404) was not removed by Hoglink; a request
        // never sent is not a failure.
        JournalEntry.Outcome outcome = r.kind() == UnlinkResult.Kind.ALREADY_GONE ? JournalEntry.Outcome.ALREADY_REMOVED
                : !sent ? JournalEntry.Outcome.NOT_SENT
                : r.unlinked() ? JournalEntry.Outcome.OK
                : r.kind() == UnlinkResult.Kind.UNKNOWN ? JournalEntry.Outcome.UNKNOWN : JournalEntry.Outcome.FAILED;
        // an answered delete's result carries no code; one read back after a lost answer keeps how it was lost
        String code = r.code();
        String note = r.kind().name().toLowerCase(java.util.Locale.ROOT);
        if (!readSucceeded && r.kind() != UnlinkResult.Kind.NOT_SENT) {
            note += " (the read before the delete)"; // e.g. "throttled": the read was, not the delete
        }
        if (r.keeps() != null) { // "unlinked_app_stays; Mobile no longer uses acme; it keeps acme-labs", as a link's
            note += "; " + r.keeps();
        }
        String problem = append(JournalEntry.builder(JournalEntry.Action.UNLINK, outcome).attempt(attempt), target,
                link.installationId(), code, note);
        return problem == null ? r : r.withJournalProblem(problem);
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    /**
     * The journal's line saying the change is about to be sent (a crash before its outcome's line leaves it to say
     * the change may have been made); the attempt for the outcome's line, or null when it could not be written.
     */
    private String sending(JournalEntry.Action action, Target target, String installationId) {
        return journal.sending(about(JournalEntry.builder(action, JournalEntry.Outcome.SENDING), target,
                installationId).build());
    }

    private JournalEntry.Builder about(JournalEntry.Builder b, Target target, String installationId) {
        Organization org = target.organization();
        b.host(host).project(target.projectId(), target.project().name()).installationId(installationId);
        if (org != null) {
            b.organization(org.id(), org.name());
        } else {
            b.organization(target.project().organizationId(), null);
        }
        return b;
    }

    /** Appends and fsyncs; returns null when written, else a user-safe sentence. */
    private String append(JournalEntry.Builder b, Target target, String installationId, String code, String note) {
        about(b, target, installationId).error(code, note);
        try {
            journal.append(b.build());
            return null;
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Cannot write the action journal {}", journal.file(), e);
            return "It could not be written to the action journal (" + journal.file() + "): "
                    + e.getClass().getSimpleName() + ".";
        }
    }

    /** The account PostHog's answer names, else the one the option knows; null when neither does. */
    private static String accountName(String fromServer, InstallationOption option) {
        return fromServer != null && !fromServer.isBlank() ? fromServer : option.accountName();
    }

    private static String accountOr(String accountName, String installationId) {
        return InstallationName.of(accountName, installationId);
    }
}
