package dev.hoglink.model;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The one rule for where a project stands with GitHub, and which of its GitHub rows are problems. The
 * inventory table, the detail pane, the audit's tiles and problem list, and the CSV/JSON exports all read
 * it, so one fact gives one answer everywhere.
 *
 * <ul>
 *   <li>A GitHub row that names no installation is a problem, {@link #NO_INSTALLATION}, whatever PostHog's
 *       status of it says: it cannot be used or shared.</li>
 *   <li>A row's own status decides otherwise ({@link #UNAVAILABLE}, {@link #TOKEN_ERROR}, {@link #CONNECTED}).</li>
 *   <li>A project takes the worst state of its rows (unavailable, then token error, then no installation);
 *       with no row at all it is {@link #NOT_CONNECTED}: a state, not a problem.</li>
 *   <li>A project whose rows could not be read is {@link #UNKNOWN}, a problem until they are.</li>
 *   <li>A failed action on a project stands as a problem until a later success on the same project.</li>
 * </ul>
 * The constants are in sort order.
 */
public enum ProjectState {
    CONNECTED("Connected", false),
    NOT_CONNECTED("Not connected", false),
    UNAVAILABLE("Unavailable", true),
    TOKEN_ERROR("Token error", true),
    NO_INSTALLATION("No installation", true),
    UNKNOWN("Couldn't load", true);

    private final String label;
    private final boolean problem;

    ProjectState(String label, boolean problem) {
        this.label = label;
        this.problem = problem;
    }

    /** How it is shown to people. */
    public String label() {
        return label;
    }

    /**
     * Why a GitHub integration is in token error, in words (PostHog sets the row's {@code errors}, e.g.
     * TOKEN_REFRESH_FAILED, once a token mint fails): the table's tip, the detail pane, the link dialog and the audit
     * say it so; the code itself stays in the audit's details and the exports.
     */
    public static final String TOKEN_ERROR_REASON = "PostHog could not refresh its GitHub token";

    /** Why an integration that names no installation is a problem, in words, wherever it is said. */
    public static final String NO_INSTALLATION_REASON = "names no installation, so it cannot be used or shared";

    public boolean isProblem() {
        return problem;
    }

    /** How exports write it: connected, not_connected, unavailable, token_error, no_installation, unknown. */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The state of one GitHub row. */
    public static ProjectState of(GitHubLink link) {
        if (!link.hasInstallation()) {
            return NO_INSTALLATION;
        }
        return of(link.status());
    }

    /**
     * The state of a GitHub row that names an installation with this status: how the table, the detail pane and the
     * audit word an installation's or a link's status.
     */
    public static ProjectState of(LinkStatus status) {
        return switch (status) {
            case UNAVAILABLE -> UNAVAILABLE;
            case TOKEN_ERROR -> TOKEN_ERROR;
            case CONNECTED -> CONNECTED;
        };
    }

    /** The worse of two statuses by this rule: unavailable, then token error, then connected. */
    public static LinkStatus worse(LinkStatus a, LinkStatus b) {
        return severity(of(b)) > severity(of(a)) ? b : a;
    }

    /** The state of a project from its GitHub rows: the worst row; no row is {@link #NOT_CONNECTED}. */
    public static ProjectState of(List<GitHubLink> links) {
        if (links.isEmpty()) {
            return NOT_CONNECTED;
        }
        ProjectState worst = CONNECTED;
        for (GitHubLink l : links) {
            ProjectState s = of(l);
            if (severity(s) > severity(worst)) {
                worst = s;
            }
        }
        return worst;
    }

    /** The project's rows that are problems, in the order given (each one is listed once, as what it is). */
    public static List<GitHubLink> problemLinks(List<GitHubLink> links) {
        return links.stream().filter(l -> of(l).isProblem()).toList();
    }

    /** The row the table's columns describe: the first problem row, else the first row; null when none. */
    public static GitHubLink primaryLink(List<GitHubLink> links) {
        return links.stream().filter(l -> of(l).isProblem()).findFirst().orElse(links.isEmpty() ? null : links.get(0));
    }

    /**
     * Whether a failed action still counts as a problem: it does unless the same project had a success after
     * it.
     *
     * @param lastSuccess the latest success on the same project, or null when there was none
     */
    public static boolean failureStands(Instant failedAt, Instant lastSuccess) {
        return lastSuccess == null || failedAt == null || !lastSuccess.isAfter(failedAt);
    }

    private static int severity(ProjectState s) {
        return switch (s) {
            case UNAVAILABLE -> 3;
            case TOKEN_ERROR -> 2;
            case NO_INSTALLATION -> 1;
            default -> 0;
        };
    }
}
