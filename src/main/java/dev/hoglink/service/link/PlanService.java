package dev.hoglink.service.link;

import dev.hoglink.api.ApiException;
import dev.hoglink.api.PostHogApi;
import dev.hoglink.model.Capabilities;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.service.ServiceException;
import dev.hoglink.service.journal.PlanJournal;
import dev.hoglink.util.Waits;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bulk link as plan, then apply: reads what a plan needs (the user's personal GitHub links, the installations
 * on offer), makes the plan ({@link LinkPlanner}), writes it to the {@link PlanJournal} before the first
 * request, re-checks a saved plan against PostHog (the installation still offered and healthy, each project
 * not linked meanwhile) and sends each planned project's link through {@link LinkService} (journaled there),
 * noting each end in the plan journal so a stopped or crashed run can be resumed. Every method blocks.
 */
public final class PlanService {

    private static final Logger LOGGER = LoggerFactory.getLogger(PlanService.class);

    /** What a re-check of the installation found: the option to send with, or null and why not. */
    public record Offer(InstallationOption option, String problem) {
        public boolean available() {
            return option != null && problem == null;
        }
    }

    /** A plan begun earlier and not finished: the plan, and how each project that ended ended. */
    public record Unfinished(LinkPlan plan, Map<Long, PlanJournal.Ended> done) {
        /**
         * The planned rows left to send: not ended, or ended in a way a resume sends again
         * ({@link PlanResult#leftToSend}: stopped, never sent, unknown, or refused only because the source was
         * gone).
         */
        public List<LinkPlan.Row> remaining() {
            return plan.planned().stream().filter(r -> !done.containsKey(r.projectId())
                    || PlanResult.leftToSend(outcome(r.projectId()), kind(r.projectId()))).toList();
        }

        /** How the project ended in an earlier run, or null when it did not. */
        public ApplyOutcome outcome(long projectId) {
            PlanJournal.Ended e = done.get(projectId);
            return e == null ? null : ApplyOutcome.fromWire(e.outcome());
        }

        /** How PostHog's answer to the project ended in an earlier run, or null when not known. */
        public LinkResult.Kind kind(long projectId) {
            PlanJournal.Ended e = done.get(projectId);
            return e == null ? null : LinkResult.Kind.fromWire(e.kind());
        }

        /** "12 of 40 not done". */
        public String summary() {
            return remaining().size() + " of " + plan.planned().size() + " not done";
        }
    }

    private final PostHogApi api;
    private final LinkService links;
    private final PlanJournal journal;
    private final Clock clock;

    public PlanService(PostHogApi api, LinkService links, PlanJournal journal, Clock clock) {
        this.api = Objects.requireNonNull(api);
        this.links = Objects.requireNonNull(links);
        this.journal = Objects.requireNonNull(journal);
        this.clock = Objects.requireNonNull(clock);
    }

    public String host() {
        return links.host();
    }

    public LinkService links() {
        return links;
    }

    // ---- facts --------------------------------------------------------------------------------------------

    /**
     * The installations of the user's personal GitHub links ({@code /api/users/@me/integrations/}, ND1); empty
     * when PostHog would not say (a key without {@code user:read}, an older server): the plan then says so.
     */
    public Optional<List<String>> personalGitHubInstallations() {
        try {
            return Optional.of(api.personalGitHubIntegrations().results().stream()
                    .map(i -> i.installationId()).filter(Objects::nonNull).toList());
        } catch (ApiException e) {
            LOGGER.info("Personal GitHub links not readable: {} {}", e.status(), e.code());
            return Optional.empty();
        }
    }

    /**
     * The targets with the user's level on each project, for a member of the organization (level 1..7): one read of
     * the project's detail per target that does not use the installation yet (docs/api-notes.md NM1), of its own
     * detail for an environment that is not its project's main one (PostHog decides that one by its own rules, NM2;
     * {@link dev.hoglink.service.inventory.ProjectLevels}). Owners and admins are admins on every project, and a
     * project already using it is not sent, so neither is read. A level PostHog does not state, or a failed read,
     * leaves the target without one (the organization's level stands).
     */
    public List<LinkPlanner.Target> withProjectLevels(Organization org, String installationId,
                                                      List<LinkPlanner.Target> targets) {
        if (org == null || !org.memberOnly()) {
            return targets;
        }
        List<LinkPlanner.Target> out = new java.util.ArrayList<>(targets.size());
        for (LinkPlanner.Target t : targets) {
            if (!levelDecides(installationId, t)) {
                out.add(t);
                continue;
            }
            try {
                out.add(t.withLevel(dev.hoglink.service.inventory.ProjectLevels.read(api, t.project())));
            } catch (ApiException e) {
                LOGGER.info("Level on project {} not readable: {} {}", t.project().id(), e.status(), e.code());
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Whether a member's level on the target's project or environment decides its plan row: one that does not use the
     * installation yet (one that does is not sent).
     */
    public static boolean levelDecides(String installationId, LinkPlanner.Target t) {
        return t.links().stream().noneMatch(l -> installationId.equals(l.installationId()));
    }

    /** PostHog's available_installations for a project. */
    public List<InstallationOption> installations(long projectId) {
        return links.available(projectId).installations();
    }

    /** PostHog's available_installations for a project, with its word on the personal GitHub link. */
    public dev.hoglink.model.AvailableInstallations availability(long projectId) {
        return links.available(projectId);
    }

    /** A new plan with a fresh id and the time now. */
    public LinkPlan plan(Organization org, InstallationOption option, List<LinkPlanner.Target> targets,
                         Collection<GitHubLink> allLinks, boolean offered, Capabilities caps,
                         Optional<List<String>> personal) {
        return plan(org, option, targets, allLinks, offered, caps, personal, null);
    }

    /**
     * A new plan with a fresh id and the time now.
     *
     * @param personalProblem {@link LinkPlanner#personalProblem}, or null
     */
    public LinkPlan plan(Organization org, InstallationOption option, List<LinkPlanner.Target> targets,
                         Collection<GitHubLink> allLinks, boolean offered, Capabilities caps,
                         Optional<List<String>> personal, String personalProblem) {
        LinkPlan.Installation inst = LinkPlan.Installation.of(option);
        LinkPlanner.Facts facts = new LinkPlanner.Facts(caps, personal,
                LinkPlanner.installationProblem(inst, allLinks, offered), personalProblem);
        return LinkPlanner.plan(UUID.randomUUID().toString(), clock.instant(), host(), org, option, targets, facts);
    }

    // ---- re-check -----------------------------------------------------------------------------------------

    /**
     * Asks PostHog again whether the plan's installation can be linked: still offered to the organization
     * (from a planned project that does not have it), and its source project's row not suspended or
     * uninstalled. Throws {@link ServiceException} when PostHog cannot be asked.
     */
    public Offer recheckInstallation(LinkPlan plan) {
        LinkPlan.Installation inst = plan.installation();
        List<LinkPlan.Row> planned = plan.planned();
        for (LinkPlan.Row r : planned.subList(0, Math.min(3, planned.size()))) {
            Optional<InstallationOption> offered = installations(r.projectId()).stream()
                    .filter(o -> inst.installationId().equals(o.installationId())).findFirst();
            if (offered.isPresent()) {
                InstallationOption o = offered.get();
                if (o.sourceProjectId() != null) {
                    boolean broken = links.links(o.sourceProjectId()).stream().anyMatch(l ->
                            inst.installationId().equals(l.installationId()) && l.status() == LinkStatus.UNAVAILABLE);
                    if (broken) {
                        return new Offer(null, LinkPlanner.installationProblem(inst, List.of(new GitHubLink(0,
                                inst.installationId(), inst.account(), inst.accountType(), null, LinkStatus.UNAVAILABLE,
                                false, null, null, null)), true));
                    }
                }
                return new Offer(o, null);
            }
            boolean hasIt = links.links(r.projectId()).stream().anyMatch(l -> inst.installationId().equals(l.installationId()));
            if (!hasIt) {
                break; // a project without it is not offered it: it is gone
            }
        }
        if (planned.isEmpty()) {
            return new Offer(inst.option(null), null);
        }
        return new Offer(null, LinkPlanner.installationProblem(inst, List.of(), false));
    }

    // ---- apply --------------------------------------------------------------------------------------------

    /** Writes the plan to the plan journal; must succeed before the first request. */
    public void begin(LinkPlan plan) throws IOException {
        journal.begin(plan.id(), PlanFiles.json(plan));
    }

    /**
     * Sends one planned project's link (journaled by {@link LinkService}) and notes its end in the plan
     * journal. With {@code recheck}, first reads the project's rows again: one linked meanwhile is reported as
     * changed and not sent.
     */
    public Applied apply(LinkPlan plan, LinkPlan.Row row, InstallationOption option, boolean recheck) {
        // The window sends a row at a time: each holds the plan's claim, so a command line run of the same plan
        // cannot check and send the same project meanwhile.
        try (PlanJournal.Claim claim = journal.claim(plan.id())) {
            // A resumed row whose earlier answer was lost (unknown) may have been linked by this plan: as applyAll.
            return apply(plan, row, option, recheck, journal.outcomes(plan.id()).get(row.projectId()));
        } catch (PlanJournal.PlanBusyException e) {
            // Not sent, and nobody stopped it: another run holds the plan.
            return new Applied(held(row, e.getMessage()), e.getMessage());
        } catch (IOException e) {
            LOGGER.error("Cannot claim the plan {}", plan.id(), e);
            return new Applied(held(row, NO_RECORD), NO_RECORD);
        }
    }

    /**
     * A planned row this run sent nothing for because of a failure ({@code why}, "Not sent: …"), not because the admin
     * stopped it: {@link ApplyOutcome#NOT_SENT}, with no answer of its own ({@link PlanResult.Row#held}). A resume
     * sends it.
     */
    public static PlanResult.Row held(LinkPlan.Row r, String why) {
        return new PlanResult.Row(r.projectId(), r.projectName(), r.predicted(), ApplyOutcome.NOT_SENT, why, null);
    }

    /** A planned row the admin stopped (Stop, Ctrl+C) before it was sent. */
    public static PlanResult.Row stopped(LinkPlan.Row r) {
        return new PlanResult.Row(r.projectId(), r.projectName(), r.predicted(), ApplyOutcome.STOPPED,
                STOPPED_BY_ADMIN, null);
    }

    /** What a row the admin stopped says. */
    public static final String STOPPED_BY_ADMIN = "The run was stopped before this project was sent; nothing was sent "
            + "for it. Resume (or applying the plan again) sends it.";

    /** Whether an earlier run of the plan sent the project's link, from how it ended there (linked, or unknown). */
    private static boolean sentBefore(PlanJournal.Ended earlier) {
        return earlier != null && (ApplyOutcome.LINKED.wireName().equals(earlier.outcome())
                || ApplyOutcome.UNKNOWN.wireName().equals(earlier.outcome()));
    }

    /**
     * As {@link #apply(LinkPlan, LinkPlan.Row, InstallationOption, boolean)}; {@code earlier} is how an earlier run of
     * this same plan ended for the project (null when none did). When that run sent its link (it ended linked, or
     * unknown), the project found linked now is this plan's own link, not a change made by someone else since the
     * plan, unless the row there now is not the one PostHog answered that run with: then someone else unlinked it and
     * linked it again (a new row), which is a change since the plan.
     */
    private Applied apply(LinkPlan plan, LinkPlan.Row row, InstallationOption option, boolean recheck,
                          PlanJournal.Ended earlier) {
        boolean sentBefore = sentBefore(earlier);
        LinkService.Target target = new LinkService.Target(plan.organization(), row.project(plan.organizationId()));
        PlanResult.Row result;
        boolean readFailed = false;
        List<GitHubLink> before = null; // the project's rows just before sending, when read
        if (recheck && row.predicted() != PlanOutcome.ALREADY_LINKED) {
            try {
                before = links.links(row.projectId());
                Optional<GitHubLink> now = before.stream()
                        .filter(l -> option.installationId().equals(l.installationId())).findFirst();
                Long ours = earlier == null ? null : earlier.integrationId();
                // a run stopped before its answer (and row id) was written down: PostHog's activity log tells whether
                // the row there now replaced another linked since the plan was made, or was linked by someone else too
                LinkService.LinksSince since = now.isPresent() && sentBefore && ours == null
                        ? links.linksSince(row.projectId(), option.installationId(), now.get().integrationId(),
                                plan.createdAt(), earlier.discoveryId()).orElse(LinkService.LinksSince.ONE)
                        : LinkService.LinksSince.ONE;
                boolean relinked = now.isPresent() && sentBefore && (ours != null
                        ? now.get().integrationId() != ours : since != LinkService.LinksSince.ONE);
                if (now.isPresent() && sentBefore && !relinked) {
                    // counted as the plan's own link, here and in the plan journal: its undo is that row's delete
                    return new Applied(note(plan, new PlanResult.Row(row.projectId(), row.projectName(), row.predicted(),
                            ApplyOutcome.LINKED, row.projectName() + " was linked to " + plan.installation().describe()
                            + " by an earlier run of this plan; nothing was sent again.", null),
                            now.get().integrationId()), null, now.get().integrationId());
                }
                if (now.isPresent()) {
                    // Journaled as the link dialog journals the same finding: not sent, linked meanwhile.
                    String problem = links.journalLinkedMeanwhile(target, option.installationId());
                    String said = relinked && ours == null
                            ? row.projectName() + " is linked to " + plan.installation().describe() + ", but not "
                            + "necessarily by this plan: an earlier run sent its link and stopped before PostHog's answer "
                            + "was recorded, and PostHog's activity log shows " + (since == LinkService.LinksSince
                            .SAME_ROW_AGAIN ? "it linked more than once since the plan: someone else linked it too, "
                            + "and PostHog updated one link for both" : since == LinkService.LinksSince
                            .OTHER_DISCOVERY ? "it linked since the plan by a request that did not name the discovery "
                            + "the earlier run's named: someone else's link" : "another link of it made since the plan, "
                            + "no longer there") + "; nothing was sent."
                            : row.projectName() + " was linked to " + plan.installation().describe() + (relinked
                            ? " again by someone else after an earlier run of this plan linked it and that link was "
                            + "removed" : " after the plan was made") + "; nothing was sent.";
                    return new Applied(note(plan, new PlanResult.Row(row.projectId(), row.projectName(), row.predicted(),
                            ApplyOutcome.CHANGED, said + (problem == null ? "" : " " + problem), null)), null);
                }
            } catch (ServiceException e) {
                readFailed = true;
                // The link never left (LinkResult.Kind.NOT_SENT). When the failure holds the projects after it too
                // (PostHog unreachable, refusing the key, asking to wait, failing), a resume sends this one with them
                // (PlanResult.leftToSend); any other failure (this project's own: not found, not allowed) stays its end.
                String hold = holdAfterRead(e);
                result = new PlanResult.Row(row.projectId(), row.projectName(), row.predicted(),
                        hold != null ? ApplyOutcome.NOT_SENT : ApplyOutcome.ERROR,
                        "Could not read " + row.projectName() + " again before linking (" + e.userMessage()
                        + "); nothing was sent.", e.code(), hold != null ? LinkResult.Kind.NOT_SENT : null, null);
                return new Applied(note(plan, result), hold);
            }
        }
        // Its other installations stay (N25): the result says what it uses afterwards, as the link dialog's does, from
        // the rows read just before sending, or else once after PostHog's answer (one row, ND2).
        noteSending(plan, row, option.discoveryId());
        // Read just before without the installation: PostHog's 200 is held to the activity log (NH21).
        LinkResult r = before != null ? links.linkAfterRead(target, option, before) : links.linkThenRead(target, option);
        result = new PlanResult.Row(row.projectId(), row.projectName(), row.predicted(), outcome(r),
                r.message() + (r.journaled() ? "" : " " + r.journalProblem()), r.code(), r.kind(),
                r.kind() == LinkResult.Kind.NOT_SENT ? null : PlanResult.Source.of(option));
        Long rowId = r.linked() && r.link() != null ? r.link().integrationId() : null;
        return new Applied(readFailed ? result : note(plan, result, rowId), holdAfter(r, row.projectName()),
                result.outcome() == ApplyOutcome.LINKED ? rowId : null);
    }

    /**
     * One project's end, and why the projects after it are not sent: {@code hold} is null, or what each of them
     * says ("Not sent: …"). {@code integrationId} is the GitHub row this plan's link made or updated, for a project
     * that ended {@link ApplyOutcome#LINKED}, as the plan journal notes it: the row PostHog answered this run's link
     * with, or the row an earlier run of the plan linked, found there again (docs/api-notes.md NH24); null when it did
     * not end linked or that row is not known. The undo of the run deletes only that row (NH25).
     */
    public record Applied(PlanResult.Row row, String hold, Long integrationId) {

        public Applied(PlanResult.Row row, String hold) {
            this(row, hold, null);
        }
    }

    /**
     * Whether the rest of a run waits after this answer. PostHog asking to wait holds them, as every request
     * would be refused. So does a server error: PostHog answers a link of an installation it cannot fetch from
     * GitHub with a bare 500 (docs/api-notes.md N24, NF2), the same for every project, and it may not have
     * noticed the installation is gone. The plan is resumed once that is known. So does a source project that lost
     * the installation meanwhile (every next project names it), until a resumed run asks for another. So do an
     * unreachable PostHog (the request never left, or its answer was lost and the read-back failed too), a
     * refused key, and a key refused for a missing scope (integration:write), which every next project would meet
     * the same way.
     */
    static String holdAfter(LinkResult r, String project) {
        if ("rate_limited".equals(r.code())) {
            return "Not sent: GitHub is rate-limiting PostHog. Resume the plan " + Waits.when(r.retryAfter()) + ".";
        }
        if ("throttled".equals(r.code())) {
            return askedToWait(r.retryAfter());
        }
        if (r.kind() == LinkResult.Kind.NOT_SENT || r.kind() == LinkResult.Kind.UNKNOWN) {
            return UNREACHABLE;
        }
        if (r.kind() == LinkResult.Kind.AUTH) {
            return KEY_REFUSED;
        }
        if (r.kind() == LinkResult.Kind.MISSING_SCOPE) {
            // PostHog's APIScopePermission refuses a credential without the action's scope before it looks at the
            // project or the body: the scopes are the credential's, the same for every project (docs/api-notes.md
            // NJ4). Any other 403 (not admin, no access to that project) is the project's own and holds nothing.
            return "Not sent: " + r.message();
        }
        if (r.kind() == LinkResult.Kind.SOURCE_GONE) {
            // Every next project names the same source and would be refused the same way. A resumed run asks
            // PostHog again which project offers the installation (recheckInstallation).
            return SOURCE_GONE;
        }
        if (r.kind() == LinkResult.Kind.SERVER) {
            return "Not sent: PostHog answered " + project + " with a server error. PostHog answers every project so"
                    + " when it cannot fetch the installation from GitHub; check the installation on GitHub, then"
                    + " resume the plan.";
        }
        return null;
    }

    static final String SOURCE_GONE = "Not sent: the project this plan links from no longer uses the installation. "
            + "Resume the plan: it asks PostHog again which project offers it.";
    static final String UNREACHABLE = "Not sent: PostHog could not be reached. Resume the plan once it answers.";
    /** What the projects held after a 429 say: when to resume, as the throttled project's own text says it. */
    static String askedToWait(Duration retryAfter) {
        return "Not sent: PostHog asked to wait. Resume the plan " + Waits.when(retryAfter) + ".";
    }

    static final String NO_RECORD = "Not sent: the plan's record could not be written.";
    static final String KEY_REFUSED = "Not sent: PostHog no longer accepts the API key. Resume the plan with a key it "
            + "accepts.";

    /**
     * Whether the rest of a run waits after a project's re-read failed: PostHog unreachable, refusing the key,
     * asking to wait or failing would answer the next projects the same; any other failure is the project's own.
     */
    static String holdAfterRead(ServiceException e) {
        return switch (e.kind()) {
            case NETWORK -> UNREACHABLE;
            case AUTH -> KEY_REFUSED;
            case THROTTLED -> askedToWait(e.retryAfter().orElse(null));
            case SERVER -> "Not sent: PostHog answered with a server error. Resume the plan once it answers.";
            default -> null;
        };
    }

    /** How a link's result counts in a plan's result. */
    static ApplyOutcome outcome(LinkResult r) {
        if (r.kind() == LinkResult.Kind.LINKED_MEANWHILE_UPDATED) {
            return ApplyOutcome.LINKED_MEANWHILE_UPDATED;
        }
        if (r.linked()) {
            return ApplyOutcome.LINKED;
        }
        return switch (r.kind()) {
            case UNKNOWN -> ApplyOutcome.UNKNOWN;
            case NOT_SENT -> ApplyOutcome.NOT_SENT; // the request never left: nothing failed at PostHog
            case SERVER, THROTTLED, AUTH, NOT_FOUND, NOT_LINKED_CONFIRMED_AFTER_NETWORK_FAILURE -> ApplyOutcome.ERROR;
            default -> ApplyOutcome.REFUSED;
        };
    }

    private PlanResult.Row note(LinkPlan plan, PlanResult.Row row) {
        return note(plan, row, null);
    }

    /**
     * Notes the row's end in the plan journal; {@code integrationId} is the GitHub row the project uses through this
     * plan's link (PostHog's answer, or the row found by an earlier run's), or null.
     */
    private PlanResult.Row note(LinkPlan plan, PlanResult.Row row, Long integrationId) {
        try {
            // A project not linked keeps how PostHog's answer ended: one refused only because the source was gone
            // is sent again by a resume (PlanResult.leftToSend), in the window after a restart too.
            boolean linked = row.outcome() == ApplyOutcome.LINKED || row.outcome() == ApplyOutcome.ALREADY_LINKED;
            journal.progress(plan.id(), row.projectId(), row.outcome().wireName(),
                    linked || row.kind() == null ? null : row.kind().wireName(), linked ? integrationId : null);
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Cannot write the plan journal for {}", plan.id(), e);
        }
        return row;
    }

    /**
     * Notes, before a project's link is sent, that it may be sent: {@code unknown} until its end is noted (the last line
     * of a project wins). A run killed after the request left and before its answer was noted (kill -9, a power cut)
     * then leaves the project as one this plan may have linked, so the next run counts the link it finds as the plan's
     * own and a resume checks it first, instead of calling it a change made by someone else since the plan. Not
     * written, the link is still sent, as when its end cannot be noted.
     */
    private void noteSending(LinkPlan plan, LinkPlan.Row row, String discoveryId) {
        try {
            journal.sending(plan.id(), row.projectId(), discoveryId);
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Cannot write the plan journal for {}", plan.id(), e);
        }
    }

    /** Marks the plan over (finished, or dismissed by the admin): it is not offered again. */
    public void close(String planId) {
        try {
            journal.close(planId);
        } catch (IOException | RuntimeException e) {
            LOGGER.error("Cannot close the plan {} in the plan journal", planId, e);
        }
    }

    /**
     * A planned row not sent because the re-check found the installation unavailable: a change since the plan,
     * unless the plan had predicted it (the admin chose to send it anyway).
     */
    public static PlanResult.Row unavailable(LinkPlan.Row r, String problem) {
        return new PlanResult.Row(r.projectId(), r.projectName(), r.predicted(),
                r.predicted() == PlanOutcome.INSTALLATION_UNAVAILABLE ? ApplyOutcome.UNAVAILABLE : ApplyOutcome.CHANGED,
                problem + " Nothing was sent.", null);
    }

    /**
     * The row a project not in the planned set gets in the result, in the window and on the command line alike: one
     * the plan found already linked reads "Already linked", as the plan said; any other "Not in the plan". Nothing
     * was sent for either, and the plan's reason is the detail.
     */
    public static PlanResult.Row notInPlan(LinkPlan.Row r) {
        return new PlanResult.Row(r.projectId(), r.projectName(), r.predicted(),
                r.predicted() == PlanOutcome.ALREADY_LINKED ? ApplyOutcome.ALREADY_LINKED : ApplyOutcome.NOT_IN_PLAN,
                r.reason(), null);
    }

    /**
     * The whole run without a window ({@code hoglink link --apply}): re-checks the installation, writes the plan
     * to the plan journal, then sends each planned row in order (re-checking each project), stopping between
     * projects when {@code stop} says so, PostHog asks to wait or answers a server error ({@link #holdAfter}). {@code onRow} sees each row as it ends.
     * The plan journaled, sent and returned names the source project PostHog offers now ({@link LinkPlan#withSource}),
     * which a resume may find to be another project than the plan's.
     */
    public PlanResult applyAll(LinkPlan plan, boolean recheck, BooleanSupplier stop, Consumer<PlanResult.Row> onRow)
            throws IOException {
        java.time.Instant started = clock.instant();
        Offer offer = recheck ? recheckInstallation(plan) : new Offer(plan.installation().option(null), null);
        List<PlanResult.Row> out = new ArrayList<>();
        if (!offer.available()) {
            for (LinkPlan.Row r : plan.rows()) {
                out.add(r.apply() ? unavailable(r, offer.problem()) : notInPlan(r));
            }
            return new PlanResult(plan, out, started, clock.instant(), false, offer.problem());
        }
        try (PlanJournal.Claim claim = journal.claim(plan.id())) { // another run of it now: PlanBusyException
            LinkPlan sending = plan.withSource(offer.option());
            return applyClaimed(sending, sendWith(sending, offer.option()), recheck, stop, onRow, started);
        }
    }

    /**
     * What {@code sending}'s rows are sent with: the installation and source project it names (as PostHog offered
     * them, {@link LinkPlan#withSource}, with a name PostHog left out filled in), and the offer's discovery id.
     */
    public static InstallationOption sendWith(LinkPlan sending, InstallationOption offered) {
        return sending.installation().option(offered.discoveryId());
    }

    private PlanResult applyClaimed(LinkPlan plan, InstallationOption option, boolean recheck, BooleanSupplier stop,
                                    Consumer<PlanResult.Row> onRow, java.time.Instant started)
            throws IOException {
        List<PlanResult.Row> out = new ArrayList<>();
        // A plan applied again (a resume after Ctrl+C, or the same command twice) finds its own earlier links.
        Map<Long, PlanJournal.Ended> earlier = journal.outcomes(plan.id());
        begin(plan);
        boolean stopped = false;
        String held = null;
        for (LinkPlan.Row r : plan.rows()) {
            PlanResult.Row row;
            if (!r.apply()) {
                row = notInPlan(r);
            } else if (stopped || stop.getAsBoolean()) {
                stopped = true;
                // Held after a failure is not sent because of it; only the admin's Ctrl+C is a stop.
                row = held == null ? stopped(r) : held(r, held);
            } else {
                Applied a = apply(plan, r, option, recheck, earlier.get(r.projectId()));
                row = a.row();
                if (a.hold() != null) {
                    stopped = true;
                    held = a.hold();
                }
            }
            out.add(row);
            onRow.accept(row);
        }
        // As the window does: a plan stays open while a project is left to send (its answer lost, or refused only
        // because the source was gone), so it is offered for resuming; closed, it never would be.
        if (!stopped && out.stream().noneMatch(PlanResult.Row::leftToSend)) {
            close(plan.id());
        }
        return new PlanResult(plan, out, started, clock.instant(), stopped, "");
    }

    /** The plans of this host begun earlier and not finished, with what is left of each. */
    public List<Unfinished> unfinished() {
        List<Unfinished> out = new ArrayList<>();
        for (PlanJournal.Unfinished u : journal.unfinished()) {
            try {
                LinkPlan plan = PlanFiles.readPlan(u.plan());
                if (plan.host().equals(host())) {
                    Unfinished x = new Unfinished(plan, u.done());
                    if (x.remaining().isEmpty()) {
                        close(plan.id());
                    } else {
                        out.add(x);
                    }
                }
            } catch (IllegalArgumentException e) {
                LOGGER.warn("The plan journal holds a plan that cannot be read ({}); skipped", u.id());
            }
        }
        return out;
    }
}
