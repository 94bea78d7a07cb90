package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * What the GitHub handlers and the OAuth callback share: the GitHub rate-limit knob, the caller's personal
 * GitHub link, the team's GitHub row (created or refreshed), random tokens and the audit log.
 */
final class GitHubLinks {

    static final String PERSONAL_GITHUB_REQUIRED = "You must connect your personal GitHub account (via Linked "
            + "Accounts) before linking an existing installation, to confirm you have access to the GitHub App installation.";

    private final SandboxKnobs knobs;
    private final Clock clock;
    private final AuditLog audit;
    private final SecureRandom random = new SecureRandom();

    GitHubLinks(SandboxKnobs knobs, Clock clock, AuditLog audit) {
        this.knobs = knobs;
        this.clock = clock;
        this.audit = audit;
    }

    AuditLog audit() {
        return audit;
    }

    /** Whether available_installations names the source projects (SandboxKnobs#sourceTeamNames). */
    boolean sourceTeamNames() {
        return knobs.sourceTeamNames();
    }

    /** A call PostHog makes to GitHub: refused with GitHub's rate limit while that knob is set. */
    void githubCall() {
        long wait = knobs.githubRateLimitSeconds();
        if (wait > 0) {
            throw ApiError.githubRateLimited(wait);
        }
    }

    long nowMillis() {
        return clock.millis();
    }

    long nowEpochSecond() {
        return clock.instant().getEpochSecond();
    }

    String nowText() {
        return World.drfTime(clock.instant());
    }

    String randomToken(int length) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    /**
     * What the caller's personal GitHub links can show, as PostHog's personal discovery reads them
     * (posthog/api/github_callback/personal_state.py, list_user_github_app_installations): no link → not_connected;
     * links but none with a usable token → unavailable; else the installations GitHub's
     * {@code GET /user/installations?per_page=100} lists for the account of the first usable link, newest first (one
     * page, so at most 100). {@code login} is the newest link's, usable or not (personal_github_login).
     */
    record Personal(String status, String login, boolean connected, World.PersonalLink usable) {
        List<String> visibleInstallations(World w) {
            if (!"ok".equals(status)) {
                return List.of();
            }
            return w.githubUser(usable.githubLogin).map(g -> g.installationIds.stream()
                    .filter(id -> w.installation(id).map(i -> !"uninstalled".equals(i.status)).orElse(false))
                    .limit(100).toList()).orElse(List.of());
        }
    }

    private static Comparator<World.PersonalLink> newestFirst() {
        return Comparator.comparing((World.PersonalLink p) -> World.instant(p.createdAt)).thenComparingInt(p -> p.id).reversed();
    }

    static World.PersonalLink newestLink(World w, int userId) {
        return w.personalLinksOf(userId).stream().sorted(newestFirst()).findFirst().orElse(null);
    }

    /**
     * usable_personal_github_token (personal_state.py): the personal links newest first, the first whose token
     * still works; null when none does. A stale newest link does not hide an older one that works.
     */
    static World.PersonalLink usableLink(World w, int userId) {
        return w.personalLinksOf(userId).stream().sorted(newestFirst()).filter(p -> p.tokenValid).findFirst()
                .orElse(null);
    }

    static Personal personal(World w, World.User u) {
        World.PersonalLink newest = newestLink(w, u.id);
        if (newest == null) {
            return new Personal("not_connected", null, false, null);
        }
        World.PersonalLink usable = usableLink(w, u.id);
        return new Personal(usable != null ? "ok" : "unavailable", newest.githubLogin, true, usable);
    }

    static List<World.Integration> githubRows(World w, Set<Integer> teamIds) {
        return w.integrations.stream().filter(i -> "github".equals(i.kind) && teamIds.contains(i.teamId))
                .sorted(Comparator.comparingInt(i -> i.id)).toList();
    }

    /**
     * Creates or refreshes the team's GitHub row for the installation (unique on team, kind, installation):
     * new token fields, account and selection from GitHub, errors cleared, created_by = the caller.
     */
    World.Integration upsertGithubRow(World w, World.Team team, World.AppInstallation inst, World.User user,
                                      String login, boolean overwriteLogin) {
        World.Integration row = w.integrations.stream()
                .filter(i -> i.teamId == team.id && i.githubRowOf(inst.installationId))
                .findFirst().orElse(null);
        String keepLogin = row == null ? null : row.config.path("connecting_user_github_login").asText(null);
        String connecting = overwriteLogin ? login : (keepLogin != null ? keepLogin : login);
        ObjectNode config = SeedWorld.githubConfig(inst, nowEpochSecond(), connecting);
        if (row == null) {
            row = new World.Integration();
            row.id = w.nextIntegrationId++;
            row.teamId = team.id;
            row.kind = "github";
            row.createdAt = nowText();
            w.integrations.add(row);
        }
        row.config = config;
        row.errors = "";
        row.createdById = user.id;
        return row;
    }
}
