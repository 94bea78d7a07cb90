package dev.hoglink.sandbox;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The sandbox's records, shaped after PostHog's own tables plus the GitHub side it talks to. Plain mutable
 * fields so the whole world serializes to one JSON document for {@code --state}. Callers hold the
 * {@link SandboxState} lock while reading or changing it.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.PUBLIC_ONLY)
@JsonIgnoreProperties(ignoreUnknown = true)
public final class World {

    public static final int LEVEL_MEMBER = 1;
    public static final int LEVEL_ADMIN = 8;
    public static final int LEVEL_OWNER = 15;

    /** PostHog's AvailableFeature keys the sandbox's behaviour depends on. */
    public static final String AUDIT_LOGS = "audit_logs";
    public static final String ORGANIZATION_SECURITY_SETTINGS = "organization_security_settings";
    public static final List<String> PAID_FEATURES = List.of(AUDIT_LOGS, ORGANIZATION_SECURITY_SETTINGS);
    /**
     * AvailableFeature.ACCESS_CONTROL: only with it do a project's access rules count; without it every member has
     * their organization level, capped at admin, on every project (posthog/user_permissions.py; api-notes NM1).
     */
    public static final String ACCESS_CONTROL = "access_control";
    /** A project access rule's words (AccessControl.access_level for resource "project"). */
    public static final String ACCESS_NONE = "none";
    public static final String ACCESS_MEMBER = "member";
    public static final String ACCESS_ADMIN = "admin";

    /**
     * 2: GitHub rows carry PostHog's installation_unavailable_since (docs/api-notes.md NF2); a 1 is marked on load.
     * 3: projects carry PostHog's access rules ({@link Team#defaultAccess}, {@link Team#memberAccess}); a 2's
     * restricted projects are turned into rules on load ({@link #adoptLegacyRestrictions}).
     */
    public int version = 3;
    public String githubClientId = "Iv23liSandboxHoglink01";
    public List<Org> organizations = new ArrayList<>();
    public List<User> users = new ArrayList<>();
    public List<Membership> memberships = new ArrayList<>();
    public List<Team> teams = new ArrayList<>();
    public List<PersonalKey> keys = new ArrayList<>();
    public List<AppInstallation> installations = new ArrayList<>();
    public List<GitHubUser> githubUsers = new ArrayList<>();
    public List<PersonalLink> personalLinks = new ArrayList<>();
    public List<Integration> integrations = new ArrayList<>();
    public List<GitHubInstallRequest> installRequests = new ArrayList<>();
    public List<OAuthState> oauthStates = new ArrayList<>();
    public List<OAuthCode> oauthCodes = new ArrayList<>();
    public List<ActivityRow> activity = new ArrayList<>();
    public int nextIntegrationId = 1;
    public int nextPersonalLinkId = 1;
    public long nextActivitySeq = 1;
    /** The next series of an activity-row id within each millisecond ({@link AuditLog#uuidt}). */
    public Map<Long, Integer> uuidtSeries = new LinkedHashMap<>();

    /** A PostHog organization. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Org {
        public String id;
        public String name;
        public String slug;
        public String createdAt;
        public boolean membersCanUsePersonalApiKeys = true;
        /**
         * Keys of {@code available_product_features}. Null = a paid plan with {@link #PAID_FEATURES}; an empty
         * list = the free plan, where PostHog Cloud answers the activity log with 402 payment_required.
         */
        public List<String> availableFeatures;
        /**
         * The {@code audit_logs} entry's {@code limit} and {@code unit} (billing's entitlement, e.g. 2 and "months"):
         * PostHog shows activity rows of that window only (docs/api-notes.md NF8); null: the entry states none.
         */
        public Integer auditLogsLimit;
        public String auditLogsUnit;

        public List<String> features() {
            return availableFeatures == null ? PAID_FEATURES : availableFeatures;
        }

        public boolean hasFeature(String key) {
            return features().contains(key);
        }
    }

    /** A PostHog user; {@code githubLogin} is the GitHub account they are signed in to in their browser. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class User {
        public int id;
        public String uuid;
        public String distinctId;
        public String email;
        public String firstName;
        public String lastName;
        public String currentOrgId;
        public int currentTeamId;
        public String githubLogin;
        /** The per-user pointer to the newest pending OAuth state (github_authorize_pending:user). */
        public String pendingOAuthState;
    }

    /** Organization membership with PostHog's levels: member 1, admin 8, owner 15. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Membership {
        public String orgId;
        public int userId;
        public int level;
    }

    /**
     * A project and its primary team (one id), with PostHog's project access rules (AccessControl rows of resource
     * "project" for this team): they count only in an organization with {@link #ACCESS_CONTROL}.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Team {
        public int id;
        public String uuid;
        public String orgId;
        public String name;
        public String apiToken;
        public String createdAt;
        public String timezone = "UTC";
        /**
         * The project's default rule (no member, no role): "none", "member" or "admin"; null = no row, which PostHog
         * reads as admin for every member.
         */
        public String defaultAccess;
        /** Rules naming one organization member (user id to "none", "member" or "admin"); these decide alone. */
        public Map<Integer, String> memberAccess = new LinkedHashMap<>();
        /** A state file of version 2: restricted to the users of {@link #legacyMemberLevels}. */
        @com.fasterxml.jackson.annotation.JsonProperty(value = "restricted",
                access = com.fasterxml.jackson.annotation.JsonProperty.Access.WRITE_ONLY)
        public boolean legacyRestricted;
        /** A state file of version 2: user id to level on a restricted project. */
        @com.fasterxml.jackson.annotation.JsonProperty(value = "memberLevels",
                access = com.fasterxml.jackson.annotation.JsonProperty.Access.WRITE_ONLY)
        public Map<Integer, Integer> legacyMemberLevels = new LinkedHashMap<>();
        /** The project this team is an environment of; null for a project's primary team (same id). */
        public Integer parentProjectId;
        /**
         * PostHog's Team.receive_org_level_activity_logs: the team's activity log also lists the organization-level rows
         * (team_id null) of its organization (advanced_activity_logs/viewset.py apply_organization_scoped_filter; NF6).
         */
        public boolean receiveOrgLevelActivityLogs;

        public int projectId() {
            return parentProjectId == null ? id : parentProjectId;
        }
    }

    /** A personal API key. Only the SHA-256 of the value is kept, as PostHog does. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class PersonalKey {
        public String id;
        public String role;
        public String label;
        public String secureValue;
        public String maskValue;
        public int userId;
        public List<String> scopes = new ArrayList<>();
        public List<Integer> scopedTeams = new ArrayList<>();
        public List<String> scopedOrganizations = new ArrayList<>();
        public String createdAt;
        public String lastUsedAt;
    }

    /** A GitHub App installation as GitHub knows it. {@code status}: active, suspended or uninstalled. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class AppInstallation {
        public String installationId;
        public String accountName;
        public String accountType;
        public String status = "active";
        /**
         * GitHub refuses the App's {@code DELETE /app/installations/{id}} for it (an answer other than 204 or 404):
         * PostHog's uninstall at the last project's unlink then fails, and the installation stays active with no
         * PostHog project using it (docs/api-notes.md NH20). A test hook, off in the seed.
         */
        public boolean refusesUninstall;
        public String repositorySelection = "selected";
        public List<Repo> repositories = new ArrayList<>();

        public boolean available() {
            return "active".equals(status);
        }
    }

    /** One repository an installation can reach. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Repo {
        public long id;
        public String name;
        public String fullName;
        public boolean isPrivate;
        public String defaultBranch;
        public String language;
        public String pushedAt;
        public boolean archived;
        public boolean canPush;
    }

    /**
     * A request to install the GitHub App that waits for a GitHub organization owner (PostHog's
     * GitHubInstallRequest, posthog/models/user_integration.py): pending until the installation.created webhook
     * names its requester, approved then; unidentified when the requester could not be resolved (never resolves).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class GitHubInstallRequest {
        public String id;
        public int userId;
        public Long githubUserId;
        public String githubLogin = "";
        public String status = "pending";
        public String installationId;
        public String accountLogin;
        public String accountType;
        public String requestedAt;
        public String resolvedAt;
    }

    /** A GitHub account and the installations its user token can see. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class GitHubUser {
        public String login;
        public long id;
        public List<String> installationIds = new ArrayList<>();
    }

    /** A user's personal GitHub link (a user integration) for one installation; its token may have gone bad. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class PersonalLink {
        public int id;
        public int userId;
        public String installationId;
        public String githubLogin;
        public long githubUserId;
        public boolean tokenValid = true;
        public String createdAt;
        /**
         * The organization the link was made from (PostHog's UserIntegration config {@code originating_organization_id},
         * which GitHubAudit.personal takes as its audit's organization); null: its audit events get no activity row.
         */
        public String originatingOrgId;
    }

    /** An integration row of a team. {@code config} is kept as JSON, as PostHog keeps it. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class Integration {
        public int id;
        public int teamId;
        public String kind;
        public ObjectNode config;
        public String createdAt;
        public Integer createdById;
        public String errors = "";
        /** Things that keep PostHog from deleting the row (names), and running background agent runs. */
        public List<String> activeWorkflows = new ArrayList<>();
        public List<String> dataPipelines = new ArrayList<>();
        public List<String> batchExports = new ArrayList<>();
        /**
         * Uses in states that do not block a delete: PostHog counts only active workflows
         * (get_active_hog_flows_using_integration) and enabled pipelines (get_enabled_hog_functions_using_integration).
         */
        public List<String> inactiveWorkflows = new ArrayList<>();
        public List<String> disabledDataPipelines = new ArrayList<>();
        public int runningAgentRuns;
        /** When github_repos/refresh last asked GitHub (epoch ms); PostHog skips GitHub within 30 s of it. */
        public Long reposRefreshedAtMillis;

        public Optional<String> installationId() {
            if (config == null || !config.hasNonNull("installation_id")) {
                return Optional.empty();
            }
            String v = config.get("installation_id").asText();
            return v.isEmpty() ? Optional.empty() : Optional.of(v);
        }

        /**
         * Whether PostHog has marked this GitHub row's installation gone: a token mint that GitHub refused as
         * uninstalled or suspended wrote {@code installation_unavailable_since} into the config, and no mint has
         * succeeded since (GitHubIntegrationBase.installation_unavailable, posthog/models/github_integration_base.py).
         * PostHog's {@code installation_status} is this stored fact, not a live look at GitHub.
         */
        public boolean markedUnavailable() {
            return config != null && config.path(UNAVAILABLE_SINCE).asLong(0) != 0;
        }

        /** Whether this is a GitHub row of installation {@code id}. */
        public boolean githubRowOf(String id) {
            return "github".equals(kind) && installationId().map(id::equals).orElse(false);
        }

        /** What PostHog sends as a GitHub row's {@code installation_status}: its stored mark, in words. */
        public String installationStatusText() {
            return markedUnavailable() ? "unavailable" : "connected";
        }

        /**
         * A mint refused because the installation is gone (_disarm_proactive_refresh_if_installation_gone and the
         * team row's _on_token_refresh_failed): the token's expiry fields go, the first refusal's time stays, and
         * the row's errors say the refresh failed.
         */
        public void mintRefused(long nowEpochSecond) {
            config.remove("expires_in");
            config.remove("refreshed_at");
            if (!markedUnavailable()) {
                config.put(UNAVAILABLE_SINCE, nowEpochSecond);
            }
            errors = TOKEN_REFRESH_FAILED;
        }

        /** How long after its fetch PostHog counts a token expired: expires_in - max(1, expires_in / 2). */
        private static long halfLife(long expiresIn) {
            return expiresIn - Math.max(1, expiresIn / 2);
        }

        /**
         * Whether a call to GitHub with the stored token mints first: past the token's half-life
         * (access_token_expired), or a row without an expiry (marked), whose stale token GitHub refuses and
         * api_request then mints again.
         */
        public boolean tokenExpired(long nowEpochSecond) {
            long expiresIn = config.path("expires_in").asLong(-1);
            long refreshedAt = config.path("refreshed_at").asLong(-1);
            return expiresIn < 0 || refreshedAt < 0 || nowEpochSecond > refreshedAt + halfLife(expiresIn);
        }

        /**
         * When PostHog's per-minute refresh_integrations task last renewed this GitHub row's token as of
         * {@code nowEpochSecond}: each renewal comes once the token is past half its life (access_token_expired), so
         * every {@code expires_in - max(1, expires_in / 2)} seconds after {@code refreshed_at}. Null when none is due
         * yet, or the row has no expiry (a marked row is never renewed that way).
         */
        public Long scheduledRenewal(long nowEpochSecond) {
            long expiresIn = config == null ? -1 : config.path("expires_in").asLong(-1);
            long refreshedAt = config == null ? -1 : config.path("refreshed_at").asLong(-1);
            long step = halfLife(expiresIn);
            if (!"github".equals(kind) || expiresIn < 0 || refreshedAt < 0 || step <= 0
                    || nowEpochSecond <= refreshedAt + step) {
                return null;
            }
            return refreshedAt + (nowEpochSecond - refreshedAt - 1) / step * step;
        }

        /**
         * A mint that succeeded (refresh_access_token): a fresh expiry, written as the float PostHog computes,
         * the mark and the row's errors cleared.
         */
        public void minted(long nowEpochSecond) {
            config.put("expires_in", 3599.0);
            config.put("refreshed_at", nowEpochSecond);
            config.remove(UNAVAILABLE_SINCE);
            errors = "";
        }
    }

    /** The config key PostHog writes when GitHub refuses a mint for a gone installation. */
    public static final String UNAVAILABLE_SINCE = "installation_unavailable_since";
    /** PostHog's ERROR_TOKEN_REFRESH_FAILED, the row's errors after a failed mint. */
    public static final String TOKEN_REFRESH_FAILED = "TOKEN_REFRESH_FAILED";

    /**
     * PostHog's per-minute refresh_integrations task (posthog/tasks/integrations.py) mints each GitHub row's token
     * at its half-life; for an installation gone on GitHub that mint fails and marks the row. The sandbox runs
     * that task at once when an installation stops being active, on every row that uses it.
     */
    public void refreshFailedFor(String installationId, long nowEpochSecond) {
        integrations.stream().filter(i -> i.githubRowOf(installationId) && i.config != null).forEach(i -> i.mintRefused(nowEpochSecond));
    }

    /**
     * GitHub's {@code installation} webhook with action {@code deleted} (the App uninstalled on GitHub): PostHog
     * deletes every team row and every personal row of the installation
     * (handle_installation_event, posthog/api/github_callback/installation_events.py). Returns the team rows deleted.
     */
    public int installationDeleted(String installationId) {
        int before = integrations.size();
        integrations.removeIf(i -> i.githubRowOf(installationId));
        personalLinks.removeIf(p -> installationId.equals(p.installationId));
        return before - integrations.size();
    }

    /** A pending team OAuth flow (cache key github_authorize:token), 15 minutes, single use. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class OAuthState {
        public static final String TEAM_OAUTH = "team_oauth";
        public static final String TEAM_UPDATE = "team_update";

        public String token;
        public String flow = TEAM_OAUTH;
        public int userId;
        public int teamId;
        public String installationId;
        public String next;
        public String connectFrom;
        public long expiresAtMillis;
        public boolean used;
    }

    /** A GitHub OAuth code handed out by the sandbox's authorize page; lives ten minutes, single use. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class OAuthCode {
        public String code;
        public String githubLogin;
        public long expiresAtMillis;
        public boolean used;
    }

    /** An activity log row (N2). */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public static final class ActivityRow {
        public String id;
        public long seq;
        /** Null for an organization-level row (PostHog's ActivityLog.team_id is nullable; NF6, NL3). */
        public Integer teamId;
        public String organizationId;
        public Integer userId;
        public String activity;
        public String scope;
        public String itemId;
        public ObjectNode detail;
        public String createdAt;
        public boolean isSystem;
    }

    /**
     * A time as Django REST framework's DateTimeField prints it: Python's isoformat (no fraction when the
     * microseconds are 0, else exactly six digits) with {@code +00:00} written {@code Z}. Java's own text would
     * print milliseconds or nanoseconds, which no PostHog answer holds.
     */
    public static String drfTime(java.time.Instant t) {
        java.time.LocalDateTime utc = java.time.LocalDateTime.ofInstant(t, java.time.ZoneOffset.UTC);
        int micros = utc.getNano() / 1000;
        return utc.withNano(0).format(java.time.format.DateTimeFormatter.ISO_LOCAL_DATE_TIME)
                + (micros == 0 ? "" : String.format(java.util.Locale.ROOT, ".%06d", micros)) + "Z";
    }

    /**
     * A stored time as an instant, for ordering: the stored text sorts wrongly, since an instant on a whole second
     * prints without its fraction ("…:01Z" sorts after "…:01.120Z"). Unreadable text is the epoch.
     */
    public static java.time.Instant instant(String iso) {
        try {
            return java.time.OffsetDateTime.parse(iso).toInstant();
        } catch (RuntimeException e) {
            return java.time.Instant.EPOCH;
        }
    }

    // ---- lookups ----

    public Optional<Org> org(String id) {
        return organizations.stream().filter(o -> o.id.equals(id)).findFirst();
    }

    public Optional<User> user(int id) {
        return users.stream().filter(u -> u.id == id).findFirst();
    }

    public Optional<Team> team(int id) {
        if (teamIndex == null || teamIndex.size() != teams.size()) {
            Map<Integer, Team> index = new java.util.HashMap<>();
            teams.forEach(t -> index.put(t.id, t));
            teamIndex = index;
        }
        return Optional.ofNullable(teamIndex.get(id));
    }

    /** Lookup cache for {@link #team(int)}; projects are only added by the seed, never at runtime. */
    @com.fasterxml.jackson.annotation.JsonIgnore
    private transient Map<Integer, Team> teamIndex;

    public Optional<AppInstallation> installation(String installationId) {
        return installations.stream().filter(i -> i.installationId.equals(installationId)).findFirst();
    }

    public Optional<GitHubUser> githubUser(String login) {
        return githubUsers.stream().filter(g -> g.login.equalsIgnoreCase(login)).findFirst();
    }

    public Optional<Integration> integration(int id) {
        return integrations.stream().filter(i -> i.id == id).findFirst();
    }

    /** The user's level in the organization, or -1 when not a member. */
    public int orgLevel(int userId, String orgId) {
        return memberships.stream().filter(m -> m.userId == userId && m.orgId.equals(orgId))
                .mapToInt(m -> m.level).findFirst().orElse(-1);
    }

    /**
     * The user's effective level on a project (PostHog's effective_membership_level), or -1 when they have no access
     * (PostHog's None). posthog/user_permissions.py UserTeamPermissions.effective_membership_level_for_parent_membership:
     * without the access_control feature, or for an organization admin or owner, the organization level capped at
     * admin (an owner reads 8); otherwise the rules naming this member decide alone, the highest winning ("none"
     * only: no access); else the project's default rule; else no row, which is admin. Roles are not modelled: the
     * sandbox's organizations have no role_based_access. The rules read are this team's own (PostHog keys them by the
     * team's id, resource_id {@code str(team.id)}), so an environment that is not its project's main team is decided
     * by its own rules, not its project's (docs/api-notes.md NM2).
     */
    public int projectLevel(int userId, Team team) {
        int level = orgLevel(userId, team.orgId);
        if (level < 0) {
            return -1;
        }
        Org org = org(team.orgId).orElse(null);
        if (org == null || !org.hasFeature(ACCESS_CONTROL) || level >= LEVEL_ADMIN) {
            return Math.min(level, LEVEL_ADMIN);
        }
        String explicit = team.memberAccess.get(userId);
        if (explicit != null) {
            return accessLevel(explicit);
        }
        if (team.defaultAccess != null) {
            return accessLevel(team.defaultAccess);
        }
        return LEVEL_ADMIN; // no access control row: admin by default (default_access_level("project"))
    }

    /** A rule's word as a membership level: admin 8, member 1, anything else (none) no access. */
    private static int accessLevel(String word) {
        if (ACCESS_ADMIN.equals(word)) {
            return LEVEL_ADMIN;
        }
        return ACCESS_MEMBER.equals(word) ? LEVEL_MEMBER : -1;
    }

    /**
     * A version 2 state file's restricted projects as PostHog's rules, so the people who saw a project still do:
     * an organization with a restricted project gets {@link #ACCESS_CONTROL}, its other projects the default rule
     * "member" (a member was a member there), a restricted one the default "none" and a rule per listed user.
     * Organizations without one stay without the feature, where everyone keeps the organization level.
     */
    void adoptLegacyRestrictions() {
        for (Org o : organizations) {
            List<Team> own = teams.stream().filter(t -> t.orgId.equals(o.id)).toList();
            if (own.stream().noneMatch(t -> t.legacyRestricted)) {
                continue;
            }
            List<String> features = new ArrayList<>(o.features());
            if (!features.contains(ACCESS_CONTROL)) {
                features.add(ACCESS_CONTROL);
            }
            o.availableFeatures = features;
            for (Team t : own) {
                if (!t.legacyRestricted) {
                    t.defaultAccess = ACCESS_MEMBER;
                    continue;
                }
                t.defaultAccess = ACCESS_NONE;
                t.legacyMemberLevels.forEach((user, lvl) ->
                        t.memberAccess.put(user, lvl >= LEVEL_ADMIN ? ACCESS_ADMIN : ACCESS_MEMBER));
            }
        }
        teams.forEach(t -> {
            t.legacyRestricted = false;
            t.legacyMemberLevels.clear();
        });
    }

    public boolean canSee(int userId, Team team) {
        return projectLevel(userId, team) >= 0;
    }

    public List<PersonalLink> personalLinksOf(int userId) {
        return personalLinks.stream().filter(p -> p.userId == userId).toList();
    }
}
