package dev.hoglink.service.link;

import dev.hoglink.model.AccountType;
import dev.hoglink.model.InstallationName;
import dev.hoglink.model.InstallationOption;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A bulk link worked out before anything is sent: one installation, and for each marked project what Hoglink
 * predicts and whether it is to be sent ({@code apply}). Applying runs exactly the rows with {@code apply}
 * set, in order; the plan is written to the plan journal before the first request, so a stopped or crashed
 * run can be resumed. Immutable; {@link #withApply} gives an edited copy.
 *
 * @param id      a random id, also the plan journal's file name
 * @param host    the PostHog address the plan was made for
 */
public record LinkPlan(String id, Instant createdAt, String host, String organizationId, String organizationName,
                       Installation installation, List<Row> rows) {

    /**
     * The installation to link, as the plan saw it. {@code sourceProjectId} is null for one no project in this
     * organization uses.
     */
    public record Installation(String installationId, String account, AccountType accountType, Long sourceProjectId,
                               String sourceProjectName) {
        public Installation {
            Objects.requireNonNull(installationId, "installationId");
            accountType = accountType == null ? AccountType.UNKNOWN : accountType;
        }

        public static Installation of(InstallationOption o) {
            return new Installation(o.installationId(), o.accountName(), o.accountType(), o.sourceProjectId(),
                    o.sourceProjectName());
        }

        /** "acme (id 10000001)" ({@link InstallationName#of}). */
        public String describe() {
            return InstallationName.of(account, installationId);
        }

        /** "the GitHub App installation on acme (id 10000001)" ({@link InstallationName#full}). */
        public String fullName() {
            return InstallationName.full(account, installationId);
        }

        public InstallationOption option(String discoveryId) {
            return new InstallationOption(installationId, account, accountType, sourceProjectId, sourceProjectName,
                    discoveryId);
        }
    }

    /**
     * One marked project: the prediction, its reason, and whether it is to be sent.
     *
     * @param projectName            what the window calls it: an environment's own name ({@link Project#ownName()});
     *                               a plan written before environments were named so keeps its "Project / Environment"
     * @param environmentOfProjectId for an environment that is not its project's main one, its project's id; else null
     * @param environmentOfProject   that project's name, or null (a project, or a name not known)
     */
    public record Row(long projectId, String projectName, PlanOutcome predicted, String reason, boolean apply,
                      Long environmentOfProjectId, String environmentOfProject) {
        public Row {
            Objects.requireNonNull(predicted, "predicted");
            projectName = projectName == null ? dev.hoglink.model.Project.UNNAMED : projectName;
            reason = reason == null ? "" : reason;
            environmentOfProject = environmentOfProjectId == null || environmentOfProject == null
                    || environmentOfProject.isBlank() ? null : environmentOfProject;
        }

        /** A project's row (not an environment's). */
        public Row(long projectId, String projectName, PlanOutcome predicted, String reason, boolean apply) {
            this(projectId, projectName, predicted, reason, apply, null, null);
        }

        /** The row of {@code p} as the window names it: an environment by its own name, its project beside it. */
        public static Row of(Project p, PlanOutcome predicted, String reason, boolean apply) {
            return new Row(p.id(), p.ownName(), predicted, reason, apply, p.parentId(), p.parentName());
        }

        public Row withApply(boolean value) {
            return new Row(projectId, projectName, predicted, reason, value, environmentOfProjectId,
                    environmentOfProject);
        }

        /**
         * The project as a link is sent and journaled: an environment with its "Project / Environment" name, as the
         * inventory reads it, so the journal names it alike whether the window or a plan linked it.
         */
        public Project project(String organizationId) {
            String org = organizationId == null ? "" : organizationId;
            if (environmentOfProjectId == null) {
                return new Project(projectId, projectName, org, null);
            }
            String name = environmentOfProject == null ? projectName : environmentOfProject + " / " + projectName;
            return new Project(projectId, name, org, null, environmentOfProjectId, projectName);
        }
    }

    public LinkPlan {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(installation, "installation");
        rows = List.copyOf(rows);
    }

    /** The rows to send, in order. */
    public List<Row> planned() {
        return rows.stream().filter(Row::apply).toList();
    }

    /** How many rows each prediction has, in {@link PlanOutcome} order (zeros included). */
    public Map<PlanOutcome, Integer> counts() {
        Map<PlanOutcome, Integer> m = new EnumMap<>(PlanOutcome.class);
        for (PlanOutcome o : PlanOutcome.values()) {
            m.put(o, 0);
        }
        rows.forEach(r -> m.merge(r.predicted(), 1, Integer::sum));
        return m;
    }

    /**
     * "Will link: 3 · Already linked: 1": the plan's counts as the bulk link dialog and {@code hoglink link --plan}
     * lead with them ({@link #countsText(Map, long, long)}).
     */
    public String countsText() {
        return countsText(counts(), planned().size(), counts().get(PlanOutcome.WILL_LINK));
    }

    /**
     * The counts of a plan's predictions that occur, then, when it is not what "Will link" already says, how many
     * projects are ticked to link and how many more could be: "Will link: 4 · Already linked: 1  —  3 to link
     * (1 unticked)", or "Needs a project admin: 2  —  0 to link" when none could. Every project that will link is
     * ticked: "Will link: 4 · Already linked: 1", the number once. Empty when no outcome occurs.
     */
    public static String countsText(Map<PlanOutcome, Integer> counts, long ticked, long tickable) {
        Map<String, Integer> labelled = new java.util.LinkedHashMap<>();
        counts.forEach((k, v) -> labelled.put(k.label(), v));
        String line = countsLine(labelled);
        if (line.isEmpty() || ticked == tickable && tickable > 0) {
            return line;
        }
        return line + "  —  " + ticked + " to link" + (ticked < tickable ? " (" + (tickable - ticked) + " unticked)" : "");
    }

    /**
     * "Will link: 3 · Already linked: 1": each label with a count above zero, then a colon and the count, in the
     * given order; the one way a plan's and a run's counts read ({@link PlanResult#countsText()}).
     */
    public static String countsLine(Map<String, Integer> counts) {
        StringBuilder sb = new StringBuilder();
        counts.forEach((label, v) -> {
            if (v > 0) {
                sb.append(sb.length() == 0 ? "" : " · ").append(label).append(": ").append(v);
            }
        });
        return sb.toString();
    }

    /** A copy whose rows are sent or not as given (by project id); other rows keep their choice. */
    public LinkPlan withApply(Map<Long, Boolean> apply) {
        return new LinkPlan(id, createdAt, host, organizationId, organizationName, installation,
                rows.stream().map(r -> apply.containsKey(r.projectId()) ? r.withApply(apply.get(r.projectId())) : r)
                        .toList());
    }

    /**
     * This plan with the installation as PostHog offers it now ({@code offer}, the same installation), so that it
     * names the source project a run sends from. A source PostHog leaves unnamed keeps the name this plan knows for
     * that project (its own source, or one of its rows); the account and its type are the offer's when it says them.
     */
    public LinkPlan withSource(InstallationOption offer) {
        if (!installation.installationId().equals(offer.installationId())) {
            throw new IllegalArgumentException("another installation");
        }
        Long source = offer.sourceProjectId();
        String name = offer.sourceProjectName();
        if ((name == null || name.isBlank()) && source != null) {
            name = source.equals(installation.sourceProjectId()) ? installation.sourceProjectName()
                    : rows.stream().filter(r -> r.projectId() == source).map(Row::projectName).findFirst().orElse(null);
        }
        String account = offer.accountName() == null || offer.accountName().isBlank() ? installation.account()
                : offer.accountName();
        Installation now = new Installation(installation.installationId(), account,
                offer.accountType() == dev.hoglink.model.AccountType.UNKNOWN ? installation.accountType()
                        : offer.accountType(), source, name);
        return new LinkPlan(id, createdAt, host, organizationId, organizationName, now, rows);
    }

    public Organization organization() {
        return new Organization(organizationId == null ? "" : organizationId, organizationName, null, 0);
    }
}
