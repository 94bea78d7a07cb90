package dev.hoglink.ui.audit;

import dev.hoglink.service.audit.AuditReport;
import dev.hoglink.service.audit.AuditReport.Fix;
import dev.hoglink.service.audit.AuditReport.InstallationAudit;
import dev.hoglink.model.LinkStatus;
import dev.hoglink.model.ProjectState;
import dev.hoglink.model.Sharing;
import dev.hoglink.ui.common.DisplayTimes;
import java.time.ZoneId;
import java.util.Locale;

/** The audit's words: link statuses, fix buttons, installation details, export file names, safe GitHub pages. */
public final class AuditTexts {

    private AuditTexts() {
    }

    /**
     * The label of a link status in both details, an installation's and a project's: the app's word for that fact
     * ("GitHub status" in the projects view, the link dialog's Status column, the exports' *_status columns).
     */
    static final String STATUS = "Status: ";

    /**
     * The diagram's detail text for an installation: its name as everywhere else ("acme (id 10000001)"), the
     * account's type, its status, and each project with who linked it.
     */
    static String describe(InstallationAudit i, ZoneId zone) {
        StringBuilder b = new StringBuilder(dev.hoglink.model.InstallationName.of(i.account(), i.installationId()));
        if (i.accountType() != dev.hoglink.model.AccountType.UNKNOWN) {
            b.append(" · ").append(i.accountType().label());
        }
        b.append('\n').append(STATUS).append(statusLabel(i.status()))
                .append(" · ").append(i.projectCount()).append(i.projectCount() == 1 ? " project" : " projects");
        Sharing sharing = i.sharing();
        if (sharing.elsewhere()) { // the table's and the detail pane's words for it, and what they mean
            b.append(" · ").append(sharing.description()).append('\n').append(Sharing.ELSEWHERE_MEANS);
        }
        i.usages().forEach(u -> b.append('\n').append("• ").append(u.projectName()).append(" — linked")
                .append(u.linkedBy() == null ? "" : " by " + u.linkedBy())
                .append(u.linkedAt() == null ? "" : " on " + DisplayTimes.day(u.linkedAt(), zone))
                .append(u.status() == LinkStatus.CONNECTED ? "" : " (" + statusLabel(u.status()) + ")"));
        return b.toString();
    }

    /**
     * The diagram's detail text for a project ("Stark Web Staging (id 402, environment of project Stark Web (id 401))"
     * for an environment): its status and each GitHub link with who made it, in the table's and
     * the detail pane's words (a row naming no installation reads "No installation" there, so here too).
     */
    static String describe(AuditReport.ProjectAudit p) {
        String of = p.project().ofProject(); // an environment: its own name, then its project, as the link dialog says it
        StringBuilder b = new StringBuilder(p.project().ownName()).append(" (id ").append(p.id())
                .append(of.isEmpty() ? "" : ", " + of).append(")\n").append(STATUS)
                .append(p.state().label());
        p.links().forEach(k -> b.append("\n• ").append(k.hasInstallation()
                        ? dev.hoglink.model.InstallationName.of(k.accountName(), k.installationId())
                        : k.accountName() == null ? "?" : k.accountName())
                .append(" — ").append(k.state().label())
                .append(k.createdBy() == null ? "" : ", linked by " + k.createdBy()));
        if (!p.loadError().isEmpty()) {
            b.append("\n").append(p.loadError());
        }
        return b.toString();
    }

    /** A project chip's tip in the diagram: name, id and state, in the table's word for the state. */
    static String chipTip(AuditReport.ProjectAudit p) {
        dev.hoglink.model.Project project = p.project();
        String of = project.ofProject();
        return project.ownName() + " (id " + p.id() + (of.isEmpty() ? "" : ", " + of) + ") · " + p.state().label();
    }

    /** The matrix's Project cell: the name the projects table gives the row, an environment's own name. */
    static String matrixName(AuditReport.ProjectAudit p) {
        return p.project().ownName();
    }

    /** The matrix's Project cell's second line: "environment of project Stark Web (id 401)", or "" for a project. */
    static String matrixNote(AuditReport.ProjectAudit p) {
        return p.project().ofProject();
    }

    /** The matrix's Project cell's tip: the diagram chip's, so the two views say it in the same words. */
    static String matrixTip(AuditReport.ProjectAudit p) {
        return chipTip(p);
    }

    /** The Shared tile's note: how many installations are shared elsewhere only, or "" for none. */
    public static String sharedElsewhereNote(int n) {
        return n == 0 ? "" : "+" + n + " " + Sharing.ELSEWHERE;
    }

    /** The Shared tile's tip: what it counts and what its note means. */
    public static String sharedTileTip(int elsewhere) {
        return "Installations used by more than one project of this organization."
                + (elsewhere == 0 ? "" : " " + elsewhereCount(elsewhere) + " used by one project here and, PostHog "
                + "says, by another project: in another organization, or one you cannot access (the projects "
                + "table's \"elsewhere\").");
    }

    private static String elsewhereCount(int n) {
        return n == 1 ? "1 more installation is" : n + " more installations are";
    }

    /** A link status in words: the projects table's word for a row with that status ({@link ProjectState}). */
    public static String statusLabel(LinkStatus s) {
        return ProjectState.of(s).label();
    }

    /** The button text for a problem's fix, or empty when it has none. */
    public static String fixLabel(Fix f) {
        return switch (f) {
            case LINK -> "Link…";
            case RELINK -> "Re-link…";
            case OAUTH -> "Connect GitHub…";
            case OPEN_ON_GITHUB -> "Open on GitHub";
            case NONE -> "";
        };
    }

    /** A file name for an export: {@code hoglink-audit-<org slug>-<what>.<ext>}. */
    public static String fileName(AuditReport r, String what, String extension) {
        String base = r.organization().slug() != null && !r.organization().slug().isBlank() ? r.organization().slug()
                : r.organization().name();
        String slug = base.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        return "hoglink-audit-" + (slug.isEmpty() ? "organization" : slug) + "-" + what + "." + extension;
    }

    /** Only https pages on github.com itself are opened from the audit: anything else is refused. */
    static boolean isGitHubPage(String url) {
        if (url == null) {
            return false;
        }
        try {
            java.net.URI u = java.net.URI.create(url);
            return "https".equals(u.getScheme()) && u.getRawUserInfo() == null && u.getPort() == -1
                    && "github.com".equals(u.getHost() == null ? null : u.getHost().toLowerCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
