package dev.hoglink.service.link;

import dev.hoglink.model.Capabilities;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Predicts, without sending anything, what a bulk link of one installation would do to each project, from
 * what Hoglink already knows. PostHog's rules (docs/api-notes.md N23, ND1, ND2): a project that already has a
 * row for the installation gets nothing new; every write needs the key's {@code integration:write}; a
 * suspended or uninstalled installation fails the token fetch (N24); a project admin may link any installation
 * a sibling uses; a non-admin needs a personal GitHub link ({@code /api/users/@me/integrations/}); and an
 * installation no project in this organization uses yet (adoption) needs a project admin. Admin is judged per
 * project: a member of the organization may be admin of a project (NM1), when the target says so. Pure: no I/O, no
 * clock.
 */
public final class LinkPlanner {

    /**
     * A marked project with the GitHub rows the inventory holds for it, and the user's level on it as PostHog
     * stated it ({@code effective_membership_level}, docs/api-notes.md NM1), or null when not read: then the
     * organization's level stands.
     */
    public record Target(Project project, List<GitHubLink> links, Integer projectLevel) {
        public Target {
            Objects.requireNonNull(project, "project");
            links = List.copyOf(links);
        }

        public Target(Project project, List<GitHubLink> links) {
            this(project, links, null);
        }

        /** This target with the level PostHog stated for the project (null: unknown). */
        public Target withLevel(Integer level) {
            return new Target(project, links, level);
        }
    }

    /**
     * What the prediction rests on.
     *
     * @param capabilities         the key's scopes and the user's level in the organization
     * @param personalInstallations the installations of the user's personal GitHub links; empty when unknown
     * @param installationProblem  why the installation cannot be linked (suspended, gone), or null
     * @param personalProblem      why the user's personal GitHub link cannot serve as proof (PostHog's discovery
     *                             says {@code unavailable}: its token no longer works), or null
     */
    public record Facts(Capabilities capabilities, Optional<List<String>> personalInstallations,
                        String installationProblem, String personalProblem) {
        public Facts {
            capabilities = capabilities == null ? Capabilities.UNKNOWN : capabilities;
            personalInstallations = personalInstallations == null ? Optional.empty() : personalInstallations;
        }

        public Facts(Capabilities capabilities, Optional<List<String>> personalInstallations, String installationProblem) {
            this(capabilities, personalInstallations, installationProblem, null);
        }
    }

    /**
     * Why the personal GitHub link cannot serve as proof, from available_installations'
     * {@code personal_discovery_status} (posthog/api/integration.py; "unavailable" when the stored token cannot
     * be used), or null.
     */
    public static String personalProblem(String discoveryStatus, String login) {
        return "unavailable".equals(discoveryStatus) ? "Your personal GitHub link" + (login == null ? "" : " (" + login
                + ")") + " no longer works: PostHog could not use its token with GitHub, so it cannot prove your "
                + "access. Reconnect GitHub in PostHog (Settings › Personal integrations), or ask a project admin." : null;
    }

    private LinkPlanner() {
    }

    /** The plan: one row per target, in the given order; only {@link PlanOutcome#WILL_LINK} rows are to be sent. */
    public static LinkPlan plan(String id, Instant now, String host, Organization org, InstallationOption option,
                                List<Target> targets, Facts facts) {
        LinkPlan.Installation inst = LinkPlan.Installation.of(option);
        List<LinkPlan.Row> rows = new ArrayList<>();
        for (Target t : targets) {
            rows.add(predict(t, inst, facts));
        }
        return new LinkPlan(id, now, host, org == null ? null : org.id(), org == null ? null : org.name(), inst, rows);
    }

    /**
     * One project's prediction. A project to be linked that uses other installations keeps them: PostHog adds a row
     * for this one beside theirs (docs/api-notes.md N25), and the reason says so.
     */
    public static LinkPlan.Row predict(Target t, LinkPlan.Installation inst, Facts facts) {
        LinkPlan.Row r = decide(t, inst, facts);
        List<String> kept = InstallationUse.others(t.links(), inst.installationId());
        if (r.predicted() != PlanOutcome.WILL_LINK || kept.isEmpty()) {
            return r;
        }
        return row(t.project(), PlanOutcome.WILL_LINK, r.reason() + " " + InstallationUse.keeps(t.project().ownName(),
                kept));
    }

    private static LinkPlan.Row decide(Target t, LinkPlan.Installation inst, Facts facts) {
        Project p = t.project();
        Capabilities caps = facts.capabilities();
        if (t.links().stream().anyMatch(l -> inst.installationId().equals(l.installationId()))) {
            return row(p, PlanOutcome.ALREADY_LINKED, p.ownName() + " already uses " + inst.describe()
                    + "; nothing will be sent.");
        }
        if (caps.keyCanWrite().isPresent() && !caps.keyCanWrite().get()) {
            return row(p, PlanOutcome.NOT_ALLOWED_BY_KEY, caps.readOnlyReason());
        }
        Capabilities.Decision other = caps.withPersonalGitHub(true).link(t.projectLevel());
        if (!other.allowed()) {
            return row(p, PlanOutcome.NOT_ALLOWED_BY_KEY, other.why());
        }
        if (facts.installationProblem() != null) {
            return row(p, PlanOutcome.INSTALLATION_UNAVAILABLE, facts.installationProblem());
        }
        int level = caps.projectLevel(t.projectLevel());
        if (level >= Organization.ADMIN && caps.organizationLevel() < Organization.ADMIN) {
            // a member of the organization whom a project rule makes admin here (docs/api-notes.md NM1)
            return row(p, PlanOutcome.WILL_LINK, inst.sourceProjectId() == null
                    ? "Will link; " + InstallationUse.unusedInOrganization(inst.describe()) + ", and you are an admin of "
                    + p.ownName() + "." : "Will link as an admin of " + p.ownName() + source(inst) + ".");
        }
        if (level >= Organization.ADMIN) {
            return row(p, PlanOutcome.WILL_LINK, inst.sourceProjectId() == null
                    ? "Will link; " + InstallationUse.unusedInOrganization(inst.describe()) + ", and you are an admin."
                    : "Will link as an admin" + source(inst) + ".");
        }
        boolean knownMember = level > 0;
        if (knownMember && inst.sourceProjectId() == null) {
            // as the link dialog and PostHog's refusal say it: "the installation on acme (id N)"
            return row(p, PlanOutcome.NEEDS_PROJECT_ADMIN, InstallationUse.adoptionNeedsAdmin(
                    dev.hoglink.model.InstallationName.the(inst.account(), inst.installationId()), p.ownName()));
        }
        Optional<List<String>> personal = facts.personalInstallations();
        if (knownMember && facts.personalProblem() != null) {
            return row(p, PlanOutcome.NEEDS_PERSONAL_GITHUB, facts.personalProblem());
        }
        if (knownMember && personal.isPresent() && personal.get().isEmpty()) {
            // the Link decision's reason, word for word, as the note under the window's buttons begins
            return row(p, PlanOutcome.NEEDS_PERSONAL_GITHUB, caps.withPersonalGitHub(false)
                    .link(t.projectLevel(), p.parentId() != null).why());
        }
        if (knownMember && personal.isPresent()) {
            boolean same = personal.get().contains(inst.installationId());
            return row(p, PlanOutcome.WILL_LINK, "Will link through your personal GitHub link"
                    + (same ? " for " + inst.describe() : "; PostHog asks GitHub whether that account can see "
                    + inst.describe()) + source(inst) + ".");
        }
        return row(p, PlanOutcome.WILL_LINK, "Will link" + source(inst)
                + (knownMember ? "; whether you have a personal GitHub link is not known, PostHog checks it." : "."));
    }

    private static String source(LinkPlan.Installation inst) {
        return inst.sourceProjectId() == null ? "" : " (from " + (inst.sourceProjectName() == null
                ? "project id " + inst.sourceProjectId() : inst.sourceProjectName()) + ")";
    }

    private static LinkPlan.Row row(Project p, PlanOutcome o, String reason) {
        return LinkPlan.Row.of(p, o, reason, o == PlanOutcome.WILL_LINK);
    }

    /**
     * Why the installation cannot be linked, from the rows of every loaded project: suspended or uninstalled
     * on a project that uses it (PostHog's token fetch fails, N24), or not offered at all. Null when nothing
     * is known against it. A token error is not a reason: linking fetches a new token (N25).
     *
     * @param offered whether PostHog's available_installations still lists it
     */
    public static String installationProblem(LinkPlan.Installation inst, Collection<GitHubLink> allLinks,
                                             boolean offered) {
        if (!offered) {
            // PostHog lists only installations a project the user can access uses, and the user's own unlinked ones
            // (list_org_github_installations, docs/api-notes.md NJ1): not being offered does not mean uninstalled.
            return "PostHog does not offer " + inst.describe() + " to you in this organization: no project you can "
                    + "access uses it now (it may have been unlinked or uninstalled, or be used only by projects you "
                    + "cannot access).";
        }
        boolean broken = allLinks.stream().anyMatch(l -> inst.installationId().equals(l.installationId())
                && l.status() == LinkStatus.UNAVAILABLE);
        return broken ? inst.describe() + " is suspended or uninstalled on GitHub, so PostHog cannot get a token for "
                + "it; every link would fail. Fix it on GitHub first." : null;
    }
}
