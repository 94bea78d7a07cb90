package dev.hoglink.sandbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The deterministic seeded world: three organizations (Acme Analytics, Globex Labs, Hooli Garage) with 36 projects, users of
 * each level, installations covering every case of the contract, and one key per role; plus a generator that
 * adds a large organization for benchmarks. README.md ("Sandbox") describes what each scenario shows.
 */
public final class SeedWorld {

    public static final String ACME_ORG = uuid("org:acme");
    public static final String GLOBEX_ORG = uuid("org:globex");
    public static final String HOOLI_ORG = uuid("org:hooli");
    public static final String INITECH_ORG = uuid("org:initech");
    /** A paid organization whose "Stark Web" project has two environments, GitHub on the second only. */
    public static final String STARK_ORG = uuid("org:stark");
    /** A free-plan organization: no audit_logs feature, so its activity log answers 402. */
    public static final String WAYNE_ORG = uuid("org:wayne");

    /** Fay owns Stark and Wayne; no other seeded user belongs to them, so the older keys see nothing new. */
    public static final int FAY = 6;
    public static final int STARK_WEB = 401;
    public static final int STARK_WEB_STAGING = 402;
    public static final int STARK_API = 403;
    public static final int STARK_DOCS = 404;
    public static final int WAYNE_SITE = 501;

    /** Acme's project where Cy and Dee, members of Acme, are project admins by an explicit rule. */
    public static final int ACME_DESKTOP = 121;
    /** Acme's project closed to its members but Dee (default rule "none", Dee "member"). */
    public static final int ACME_SECRET_LAB = 124;

    public static final int ADA = 1;
    public static final int BEN = 2;
    public static final int CY = 3;
    public static final int DEE = 4;
    public static final int EVE = 5;

    /** Installation ids (GitHub side). */
    public static final String INST_ACME = "10000001";
    public static final String INST_ACME_LABS = "10000002";
    public static final String INST_LEGACY_SUSPENDED = "10000003";
    public static final String INST_DATA_TOKEN_ERROR = "10000004";
    public static final String INST_SECRET_ORPHAN = "10000005";
    public static final String INST_CY_PERSONAL = "10000006";
    public static final String INST_ACME_OSS_ADOPTABLE = "10000007";
    public static final String INST_GLOBEX = "10000008";
    public static final String INST_STARK = "10000009";
    public static final String INST_WAYNE = "10000010";

    /** Seeded key roles, in the order the CLI prints them. */
    public static final List<String> ROLES = List.of("owner", "admin", "member", "member_unlinked",
            "member_stale_github", "readonly", "project_scoped", "stark_owner", "two_projects", "org_scoped");

    static final Instant EPOCH = Instant.parse("2026-05-02T10:00:00Z");

    private SeedWorld() {
    }

    /** The plain value of a seeded key; the same on every run, never stored in the world (only its hash). */
    public static String keyValue(String role) {
        return "phx_sandbox_" + role + "_" + sha256(("hoglink-sandbox-key:" + role)).substring(0, 24);
    }

    /** The seeded keys by role, in {@link #ROLES} order. */
    public static Map<String, String> keysByRole() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String r : ROLES) {
            m.put(r, keyValue(r));
        }
        return m;
    }

    public static World defaultWorld() {
        return build(0);
    }

    /** The default world plus, when {@code extraProjects > 0}, the large Initech organization. */
    public static World build(int extraProjects) {
        World w = new World();
        org(w, ACME_ORG, "Acme Analytics", "acme-analytics", true);
        org(w, GLOBEX_ORG, "Globex Labs", "globex-labs", false);
        org(w, HOOLI_ORG, "Hooli Garage", "hooli-garage", true);
        // The activity-log windows billing sells with audit logs (docs/api-notes.md NF8): Scale, Enterprise, Boost.
        auditLogWindow(w, ACME_ORG, 2, "months");
        auditLogWindow(w, GLOBEX_ORG, 60, "months");
        auditLogWindow(w, HOOLI_ORG, 7, "days");

        user(w, ADA, "ada@acme.test", "Ada", "Owner", ACME_ORG, 101, "ada-gh");
        user(w, BEN, "ben@acme.test", "Ben", "Admin", ACME_ORG, 101, "ben-gh");
        user(w, CY, "cy@acme.test", "Cy", "Member", ACME_ORG, 101, "cy-gh");
        user(w, DEE, "dee@acme.test", "Dee", "Member", ACME_ORG, 101, "dee-gh");
        user(w, EVE, "eve@acme.test", "Eve", "Member", ACME_ORG, 101, "eve-gh");
        member(w, ACME_ORG, ADA, World.LEVEL_OWNER);
        member(w, ACME_ORG, BEN, World.LEVEL_ADMIN);
        member(w, ACME_ORG, CY, World.LEVEL_MEMBER);
        member(w, ACME_ORG, DEE, World.LEVEL_MEMBER);
        member(w, ACME_ORG, EVE, World.LEVEL_MEMBER);
        member(w, GLOBEX_ORG, ADA, World.LEVEL_ADMIN);
        member(w, GLOBEX_ORG, CY, World.LEVEL_MEMBER);
        member(w, HOOLI_ORG, ADA, World.LEVEL_OWNER);
        member(w, HOOLI_ORG, BEN, World.LEVEL_MEMBER);

        String[] acme = {"Web", "Mobile", "API", "Labs", "Legacy", "Data Warehouse", "Docs", "Checkout",
            "Search", "Billing", "Onboarding", "Growth", "Marketing Site", "Admin Console", "Notifications",
            "Reporting", "Feature Flags", "Experiments", "Session Replay", "Surveys", "Desktop", "Partner Portal",
            "Status Page", "Secret Lab"};
        for (int i = 0; i < acme.length; i++) {
            team(w, 101 + i, ACME_ORG, acme[i]);
        }
        // Acme uses PostHog's project access control (docs/api-notes.md NM1): members are plain members on its
        // projects (the default rule "member" it set on each), Secret Lab is closed to everyone but Dee, and on
        // Desktop Cy and Dee are project admins. Its admins and owner are admins everywhere, whatever the rules.
        World.Org acmeOrg = w.org(ACME_ORG).orElseThrow();
        acmeOrg.availableFeatures = new ArrayList<>(World.PAID_FEATURES);
        acmeOrg.availableFeatures.add(World.ACCESS_CONTROL);
        w.teams.stream().filter(t -> t.orgId.equals(ACME_ORG)).forEach(t -> t.defaultAccess = World.ACCESS_MEMBER);
        World.Team secret = w.team(ACME_SECRET_LAB).orElseThrow();
        secret.defaultAccess = World.ACCESS_NONE;
        secret.memberAccess.put(DEE, World.ACCESS_MEMBER);
        World.Team desktop = w.team(ACME_DESKTOP).orElseThrow();
        desktop.memberAccess.put(CY, World.ACCESS_ADMIN);
        desktop.memberAccess.put(DEE, World.ACCESS_ADMIN);
        String[] globex = {"Globex Web", "Globex iOS", "Globex Android", "Hammock", "Cypress Creek", "Sales",
            "Support", "Warehouse", "Infra", "Research"};
        for (int i = 0; i < globex.length; i++) {
            team(w, 201 + i, GLOBEX_ORG, globex[i]);
        }

        team(w, 301, HOOLI_ORG, "Garage App");
        team(w, 302, HOOLI_ORG, "Garage Site");

        installation(w, INST_ACME, "acme", "Organization", "active", "selected", 12);
        installation(w, INST_ACME_LABS, "acme-labs", "Organization", "active", "all", 30);
        installation(w, INST_LEGACY_SUSPENDED, "acme-legacy", "Organization", "suspended", "all", 4);
        installation(w, INST_DATA_TOKEN_ERROR, "acme-data", "Organization", "active", "selected", 6);
        installation(w, INST_SECRET_ORPHAN, "acme-secret", "Organization", "active", "selected", 3);
        installation(w, INST_CY_PERSONAL, "cy-gh", "User", "active", "all", 5);
        installation(w, INST_ACME_OSS_ADOPTABLE, "acme-oss", "Organization", "active", "all", 8);
        installation(w, INST_GLOBEX, "globex", "Organization", "active", "selected", 9);

        githubUser(w, "ada-gh", 9001, INST_ACME, INST_ACME_LABS, INST_SECRET_ORPHAN, INST_ACME_OSS_ADOPTABLE,
                INST_GLOBEX);
        githubUser(w, "ben-gh", 9002, INST_ACME, INST_ACME_LABS, INST_LEGACY_SUSPENDED, INST_DATA_TOKEN_ERROR);
        githubUser(w, "cy-gh", 9003, INST_ACME, INST_CY_PERSONAL, INST_GLOBEX);
        githubUser(w, "dee-gh", 9004, INST_ACME);
        githubUser(w, "eve-gh", 9005, INST_ACME);

        personalLink(w, ADA, INST_ACME, "ada-gh", 9001, true, ACME_ORG);
        personalLink(w, CY, INST_ACME, "cy-gh", 9003, true, ACME_ORG);
        personalLink(w, CY, INST_CY_PERSONAL, "cy-gh", 9003, true, GLOBEX_ORG);
        personalLink(w, EVE, INST_ACME, "eve-gh", 9005, false, ACME_ORG);

        githubRow(w, 101, INST_ACME, ADA, "ada-gh", 0);
        githubRow(w, 102, INST_ACME, ADA, "ada-gh", 1);
        githubRow(w, 103, INST_ACME, BEN, "ben-gh", 2);
        World.Integration labs = githubRow(w, 104, INST_ACME_LABS, BEN, "ben-gh", 3);
        labs.activeWorkflows.add("Deploy digest");
        labs.activeWorkflows.add("PR triage");
        githubRow(w, 105, INST_LEGACY_SUSPENDED, BEN, "ben-gh", 4);
        World.Integration data = githubRow(w, 106, INST_DATA_TOKEN_ERROR, BEN, "ben-gh", 5);
        data.errors = "TOKEN_REFRESH_FAILED";
        data.batchExports.add("Nightly S3 export");
        World.Integration broken = githubRow(w, 107, INST_ACME, ADA, null, 6);
        broken.config.remove("installation_id");
        githubRow(w, 124, INST_SECRET_ORPHAN, ADA, "ada-gh", 7);
        World.Integration globexWeb = githubRow(w, 201, INST_GLOBEX, ADA, "ada-gh", 8);
        globexWeb.runningAgentRuns = 2;
        World.Integration globexIos = githubRow(w, 202, INST_GLOBEX, ADA, "ada-gh", 9);
        globexIos.dataPipelines.add("GitHub issues source");
        World.Integration slack = new World.Integration();
        slack.id = w.nextIntegrationId++;
        slack.teamId = 101;
        slack.kind = "slack";
        slack.config = JsonNodeFactory.instance.objectNode();
        slack.config.putObject("team").put("id", "T0SANDBOX").put("name", "Acme Slack");
        slack.createdAt = EPOCH.plusSeconds(600).toString();
        slack.createdById = ADA;
        w.integrations.add(slack);

        key(w, "owner", ADA, List.of("*"), List.of(), List.of());
        key(w, "admin", BEN, List.of("*"), List.of(), List.of());
        key(w, "member", CY, List.of("*"), List.of(), List.of());
        key(w, "member_unlinked", DEE, List.of("*"), List.of(), List.of());
        key(w, "member_stale_github", EVE, List.of("*"), List.of(), List.of());
        key(w, "readonly", CY, List.of("user:read", "organization:read", "project:read", "integration:read",
                "activity_log:read", "personal_api_key:read"), List.of(), List.of());
        key(w, "project_scoped", ADA, List.of("*"), List.of(102), List.of());

        seedInstallRequests(w);
        addStarkAndWayne(w);
        seedActivityLog(w);
        // Acme Web's log also lists Acme's organization-level rows (receive_org_level_activity_logs); the other
        // projects keep PostHog's default, their own rows only (NF6, NL3).
        w.team(ACME_WEB).orElseThrow().receiveOrgLevelActivityLogs = true;
        if (extraProjects > 0) {
            generateLargeOrg(w, extraProjects);
        }
        markGoneInstallations(w);
        return w;
    }

    /** Globex Sales: Cy linked it to the globex installation after the seeded rows were made, and Ada disconnected it. */
    public static final int GLOBEX_SALES = 206;
    /** Globex Research: Cy's attempt to adopt his own cy-gh installation there was refused. */
    public static final int GLOBEX_RESEARCH = 210;
    /** Acme Checkout: Dee's attempt to link acme there without a personal GitHub link was refused. */
    public static final int ACME_CHECKOUT = 108;
    /** Acme Web: the one seeded project whose log receives the organization's rows of no team. */
    public static final int ACME_WEB = 101;
    /** When Dee's link of Checkout was refused. */
    static final Instant DEE_REJECTED_AT = EPOCH.plus(java.time.Duration.ofDays(2).plusHours(5).plusMinutes(10));
    /** When Cy's adoption of cy-gh for Globex Research was refused. */
    static final Instant CY_REJECTED_AT = EPOCH.plus(java.time.Duration.ofDays(3).minusMinutes(20));
    /** When Cy linked Globex Sales to the globex installation. */
    static final Instant CY_LINKED_SALES_AT = CY_REJECTED_AT.plusSeconds(6 * 60);
    /** When Ada disconnected Globex Sales. */
    static final Instant ADA_DISCONNECTED_SALES_AT = EPOCH.plus(java.time.Duration.ofDays(5).plusHours(1).plusMinutes(20));

    /**
     * The activity-log rows PostHog wrote for the seeded past (docs/api-notes.md NL1), written by the sandbox's own
     * {@link AuditLog} so that they read as its live rows do.
     * <ul>
     * <li>A row that reused an installation an earlier row of its organization already had came through
     * {@code github/link_existing}: {@code link_started} and {@code link_completed} by the row's {@code created_by}
     * at its {@code created_at}. The first row of an installation in an organization came through GitHub's install
     * callback, which writes no activity row, nor does the broken row without an installation id. Rows about
     * personal GitHub links are organization-level (NF6, NL3); the seeded past writes none.</li>
     * <li>Two refused attempts: Dee (no personal GitHub link) linking acme to Checkout, and Cy adopting his own
     * cy-gh installation for Globex Research (a member may not adopt).</li>
     * <li>One earlier disconnect: Cy linked Globex Sales to globex, and Ada disconnected it two days later while
     * Globex Web and iOS kept the installation (so it was not uninstalled). Sales has no row now.</li>
     * </ul>
     * Only the three first organizations get a past; a state file keeps the log it has.
     */
    static void seedActivityLog(World w) {
        java.util.SplittableRandom random = new java.util.SplittableRandom(20_260_502L);
        Map<String, World.Integration> firstOfInstallation = new LinkedHashMap<>();
        List<World.Integration> rows = w.integrations.stream()
                .filter(i -> "github".equals(i.kind) && i.installationId().isPresent())
                .sorted(java.util.Comparator.comparing((World.Integration i) -> Instant.parse(i.createdAt))
                        .thenComparingInt(i -> i.id))
                .toList();
        for (World.Integration row : rows) {
            String org = w.team(row.teamId).orElseThrow().orgId;
            String key = org + "/" + row.installationId().get();
            World.Integration source = firstOfInstallation.putIfAbsent(key, row);
            if (source != null) {
                linkedInThePast(w, pastLog(Instant.parse(row.createdAt), random), row);
            }
        }

        World.User dee = w.user(DEE).orElseThrow();
        refusedInThePast(w, pastLog(DEE_REJECTED_AT, random), dee, w.team(ACME_CHECKOUT).orElseThrow(), INST_ACME,
                "github_link_existing_personal_github_required");
        World.User cy = w.user(CY).orElseThrow();
        refusedInThePast(w, pastLog(CY_REJECTED_AT, random), cy, w.team(GLOBEX_RESEARCH).orElseThrow(),
                INST_CY_PERSONAL, "github_adoption_admin_required");

        // Cy's Sales row: made as link_existing makes it, written to the log, then disconnected; it is not kept.
        World.Integration globexWeb = rows.stream().filter(i -> i.teamId == 201).findFirst().orElseThrow();
        World.Integration sales = new World.Integration();
        sales.id = w.nextIntegrationId++;
        sales.teamId = GLOBEX_SALES;
        sales.kind = "github";
        sales.config = githubConfig(w.installation(INST_GLOBEX).orElseThrow(), CY_LINKED_SALES_AT.getEpochSecond(),
                globexWeb.config.path("connecting_user_github_login").asText(null));
        sales.createdAt = CY_LINKED_SALES_AT.toString();
        sales.createdById = CY;
        linkedInThePast(w, pastLog(CY_LINKED_SALES_AT, random), sales);
        disconnectedInThePast(w, pastLog(ADA_DISCONNECTED_SALES_AT, random), w.user(ADA).orElseThrow(), sales);
    }

    private static AuditLog pastLog(Instant at, java.util.SplittableRandom random) {
        return new AuditLog(java.time.Clock.fixed(at, java.time.ZoneOffset.UTC), random::nextLong);
    }

    /**
     * What GitHubHandler.linkExisting writes for a link that reused an installation an earlier row has: as PostHog's
     * link rows, they name the installation but neither the row they made nor the one they reused (NL2).
     */
    private static void linkedInThePast(World w, AuditLog log, World.Integration row) {
        World.User user = w.user(row.createdById).orElseThrow();
        World.Team team = w.team(row.teamId).orElseThrow();
        String installationId = row.installationId().orElseThrow();
        log.link(w, user, team, "link_started", null, installationId, null);
        log.link(w, user, team, "link_completed", null, installationId,
                JsonNodeFactory.instance.objectNode().put("linked_integration_id", row.id));
    }

    /** What GitHubHandler.linkExisting writes for a link refused with {@code code}. */
    private static void refusedInThePast(World w, AuditLog log, World.User user, World.Team team, String installationId,
                                         String code) {
        log.link(w, user, team, "link_started", null, installationId, null);
        ObjectNode payload = JsonNodeFactory.instance.objectNode();
        payload.putArray("rejection_reason").add(code);
        log.link(w, user, team, "link_rejected", null, installationId, payload);
    }

    /** What IntegrationsHandler.delete writes for a row whose installation other projects still use. */
    private static void disconnectedInThePast(World w, AuditLog log, World.User user, World.Integration row) {
        World.Team team = w.team(row.teamId).orElseThrow();
        String installationId = row.installationId().orElseThrow();
        String owner = row.config.path("account").path("name").asText(installationId);
        log.audit(w, user, team, "disconnect_started", row.id, installationId, owner, null,
                JsonNodeFactory.instance.objectNode().put("last_reference", false));
        log.audit(w, user, team, "uninstall_completed", row.id, installationId, owner, null,
                JsonNodeFactory.instance.objectNode().put("outcome", "skipped").put("reason", "other_project_references"));
        log.audit(w, user, team, "deleted", row.id, installationId, owner, null,
                JsonNodeFactory.instance.objectNode().put("outcome", "disconnected"));
    }

    /** Globex Android, the project {@link #shareAcmeLabsWithGlobex} links to acme-labs. */
    public static final int GLOBEX_ANDROID = 203;

    /**
     * The state {@code hoglink sandbox --shared-elsewhere} adds: Globex Android (203, Globex Labs) linked to acme-labs
     * (10000002), which Acme's Labs (104) alone uses in Acme. PostHog's installation_shared counts rows of every
     * organization (docs/api-notes.md NH35), so Labs reads "elsewhere" in Acme's table, detail pane, audit and
     * exports, and Globex Android the same in Globex's. Nothing changes when the row is there already (a state file).
     */
    static void shareAcmeLabsWithGlobex(World w) {
        boolean there = w.integrations.stream().anyMatch(i -> i.teamId == GLOBEX_ANDROID && "github".equals(i.kind)
                && i.config != null && INST_ACME_LABS.equals(i.config.path("installation_id").asText(null)));
        if (!there) {
            githubRow(w, GLOBEX_ANDROID, INST_ACME_LABS, ADA, "ada-gh", 10);
        }
    }

    /**
     * PostHog's per-minute token refresh has long since met the installations that are not active: their rows are
     * marked (World.refreshFailedFor), as a real PostHog's would be. Also run on a state file from before the mark.
     */
    static void markGoneInstallations(World w) {
        w.installations.stream().filter(i -> !i.available()).forEach(i -> w.refreshFailedFor(i.installationId,
                EPOCH.plusSeconds(3_600).getEpochSecond()));
    }

    /**
     * Install requests in each status (docs/api-notes.md NE1): Ada has one pending (ada-gh asked an acme-oss
     * owner), one approved (acme-oss) and one unidentified (GitHub did not say who asked, so it never resolves);
     * Cy has one pending. The others have none.
     */
    static void seedInstallRequests(World w) {
        installRequest(w, 1, ADA, 9001L, "ada-gh", "pending", null, null, 1);
        World.GitHubInstallRequest approved = installRequest(w, 2, ADA, 9001L, "ada-gh", "approved", INST_ACME_OSS_ADOPTABLE,
                "acme-oss", 9);
        approved.resolvedAt = EPOCH.plus(java.time.Duration.ofDays(8)).toString();
        installRequest(w, 3, ADA, null, "", "unidentified", null, null, 3);
        installRequest(w, 4, CY, 9003L, "cy-gh", "pending", null, null, 2);
    }

    private static World.GitHubInstallRequest installRequest(World w, int n, int user, Long githubUserId, String login,
                                                       String status, String installationId, String account,
                                                       int daysAgo) {
        World.GitHubInstallRequest r = new World.GitHubInstallRequest();
        r.id = uuid("install-request:" + n);
        r.userId = user;
        r.githubUserId = githubUserId;
        r.githubLogin = login;
        r.status = status;
        r.installationId = installationId;
        r.accountLogin = account;
        r.accountType = account == null ? null : "Organization";
        r.requestedAt = EPOCH.plus(java.time.Duration.ofDays(10 - daysAgo)).toString();
        w.installRequests.add(r);
        return r;
    }

    /**
     * What real PostHog has and the first three organizations do not show: a project with two environments
     * (teams 401 and 402, GitHub only on 402), a free-plan organization, and keys limited to two projects or
     * to one organization. Only Fay belongs to these organizations.
     */
    static void addStarkAndWayne(World w) {
        org(w, STARK_ORG, "Stark Industries", "stark-industries", true);
        org(w, WAYNE_ORG, "Wayne Free", "wayne-free", true);
        w.org(WAYNE_ORG).orElseThrow().availableFeatures = new ArrayList<>();
        user(w, FAY, "fay@stark.test", "Fay", "Owner", STARK_ORG, STARK_WEB, "fay-gh");
        member(w, STARK_ORG, FAY, World.LEVEL_OWNER);
        member(w, WAYNE_ORG, FAY, World.LEVEL_OWNER);
        team(w, STARK_WEB, STARK_ORG, "Stark Web");
        team(w, STARK_WEB_STAGING, STARK_ORG, "Stark Web Staging");
        w.team(STARK_WEB_STAGING).orElseThrow().parentProjectId = STARK_WEB;
        team(w, STARK_API, STARK_ORG, "Stark API");
        team(w, STARK_DOCS, STARK_ORG, "Stark Docs");
        team(w, WAYNE_SITE, WAYNE_ORG, "Wayne Site");
        installation(w, INST_STARK, "stark", "Organization", "active", "selected", 250);
        installation(w, INST_WAYNE, "wayne", "Organization", "active", "all", 2);
        githubUser(w, "fay-gh", 9006, INST_STARK, INST_WAYNE);
        personalLink(w, FAY, INST_STARK, "fay-gh", 9006, true, STARK_ORG);
        githubRow(w, STARK_WEB_STAGING, INST_STARK, FAY, "fay-gh", 20);
        World.Integration starkApi = githubRow(w, STARK_API, INST_STARK, FAY, "fay-gh", 21);
        starkApi.inactiveWorkflows.add("Draft release notes");
        starkApi.disabledDataPipelines.add("Paused issues source");
        githubRow(w, WAYNE_SITE, INST_WAYNE, FAY, "fay-gh", 22);
        key(w, "stark_owner", FAY, List.of("*"), List.of(), List.of());
        key(w, "two_projects", FAY, List.of("*"), List.of(STARK_WEB, STARK_API), List.of());
        key(w, "org_scoped", FAY, List.of("*"), List.of(), List.of(STARK_ORG));
    }

    /**
     * Adds "Initech Scale" with {@code projects} projects (ids from 1001), one installation per 40 projects
     * (2,000 projects → 50 installations), each installation linked to about three quarters of its projects.
     * Ada owns it, Ben is admin, Cy is a member; Cy's GitHub account sees every other installation.
     */
    static void generateLargeOrg(World w, int projects) {
        org(w, INITECH_ORG, "Initech Scale", "initech-scale", true);
        member(w, INITECH_ORG, ADA, World.LEVEL_OWNER);
        member(w, INITECH_ORG, BEN, World.LEVEL_ADMIN);
        member(w, INITECH_ORG, CY, World.LEVEL_MEMBER);
        int installationsCount = Math.max(1, (projects + 39) / 40);
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < installationsCount; i++) {
            String id = String.valueOf(20_000_001 + i);
            ids.add(id);
            installation(w, id, "initech-" + (i + 1), i % 10 == 9 ? "User" : "Organization",
                    i % 17 == 16 ? "suspended" : "active", i % 2 == 0 ? "selected" : "all", 3 + i % 9);
        }
        World.GitHubUser cy = w.githubUser("cy-gh").orElseThrow();
        World.GitHubUser ada = w.githubUser("ada-gh").orElseThrow();
        for (int i = 0; i < ids.size(); i++) {
            ada.installationIds.add(ids.get(i));
            if (i % 2 == 0) {
                cy.installationIds.add(ids.get(i));
            }
        }
        for (int p = 0; p < projects; p++) {
            int id = 1001 + p;
            team(w, id, INITECH_ORG, "Initech " + String.format("%04d", p + 1));
            if (p % 4 != 3) {
                githubRow(w, id, ids.get(p / 40 % ids.size()), p % 3 == 0 ? BEN : ADA, "ada-gh", 1000 + p);
            }
        }
    }

    // ---- builders ----

    static String uuid(String name) {
        return UUID.nameUUIDFromBytes(("hoglink-sandbox:" + name).getBytes(StandardCharsets.UTF_8)).toString();
    }

    static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void auditLogWindow(World w, String org, int limit, String unit) {
        World.Org o = w.org(org).orElseThrow();
        o.auditLogsLimit = limit;
        o.auditLogsUnit = unit;
    }

    private static void org(World w, String id, String name, String slug, boolean keysAllowed) {
        World.Org o = new World.Org();
        o.id = id;
        o.name = name;
        o.slug = slug;
        o.createdAt = EPOCH.minusSeconds(86_400L * 200).toString();
        o.membersCanUsePersonalApiKeys = keysAllowed;
        w.organizations.add(o);
    }

    private static void user(World w, int id, String email, String first, String last, String org, int team,
                             String login) {
        World.User u = new World.User();
        u.id = id;
        u.uuid = uuid("user:" + id);
        u.distinctId = "sandbox-distinct-" + id;
        u.email = email;
        u.firstName = first;
        u.lastName = last;
        u.currentOrgId = org;
        u.currentTeamId = team;
        u.githubLogin = login;
        w.users.add(u);
    }

    private static void member(World w, String org, int user, int level) {
        World.Membership m = new World.Membership();
        m.orgId = org;
        m.userId = user;
        m.level = level;
        w.memberships.add(m);
    }

    private static void team(World w, int id, String org, String name) {
        World.Team t = new World.Team();
        t.id = id;
        t.uuid = uuid("team:" + id);
        t.orgId = org;
        t.name = name;
        t.apiToken = "phc_sandbox" + sha256("team:" + id).substring(0, 32);
        t.createdAt = EPOCH.minusSeconds(86_400L * 100 - id * 60L).toString();
        w.teams.add(t);
    }

    private static void installation(World w, String id, String account, String type, String status,
                                     String selection, int repos) {
        World.AppInstallation i = new World.AppInstallation();
        i.installationId = id;
        i.accountName = account;
        i.accountType = type;
        i.status = status;
        i.repositorySelection = selection;
        String[] langs = {"TypeScript", "Python", "Go", "Kotlin", "Rust", null};
        String[] stems = {"web", "api", "mobile", "infra", "docs", "sdk", "etl", "design-system", "cli", "billing"};
        for (int r = 0; r < repos; r++) {
            World.Repo repo = new World.Repo();
            repo.id = Long.parseLong(id) * 100 + r;
            repo.name = stems[r % stems.length] + (r >= stems.length ? "-" + (r / stems.length + 1) : "");
            repo.fullName = account + "/" + repo.name;
            repo.isPrivate = r % 3 != 0;
            repo.defaultBranch = r % 4 == 3 ? "master" : "main";
            repo.language = langs[r % langs.length];
            repo.pushedAt = EPOCH.minusSeconds(3_600L * (r * 7 + 1)).toString();
            repo.archived = r % 11 == 10;
            repo.canPush = r % 5 != 4;
            i.repositories.add(repo);
        }
        w.installations.add(i);
    }

    private static void githubUser(World w, String login, long id, String... installations) {
        World.GitHubUser g = new World.GitHubUser();
        g.login = login;
        g.id = id;
        g.installationIds.addAll(List.of(installations));
        w.githubUsers.add(g);
    }

    /** {@code org}: the organization the link was made from, its audit events' organization (NL3). */
    private static void personalLink(World w, int user, String installation, String login, long ghId, boolean ok,
                                     String org) {
        World.PersonalLink p = new World.PersonalLink();
        p.id = w.nextPersonalLinkId++;
        p.userId = user;
        p.installationId = installation;
        p.githubLogin = login;
        p.githubUserId = ghId;
        p.tokenValid = ok;
        p.createdAt = EPOCH.minusSeconds(86_400).toString();
        p.originatingOrgId = org;
        w.personalLinks.add(p);
    }

    static World.Integration githubRow(World w, int team, String installationId, int createdBy, String login,
                                       int minutes) {
        World.AppInstallation inst = w.installation(installationId).orElseThrow();
        World.Integration row = new World.Integration();
        row.id = w.nextIntegrationId++;
        row.teamId = team;
        row.kind = "github";
        Instant created = EPOCH.plusSeconds(60L * minutes);
        row.config = githubConfig(inst, created.getEpochSecond(), login);
        row.createdAt = created.toString();
        row.createdById = createdBy;
        w.integrations.add(row);
        return row;
    }

    /** The config PostHog stores for a GitHub row after fetching the installation. */
    static ObjectNode githubConfig(World.AppInstallation inst, long refreshedAt, String connectingLogin) {
        ObjectNode c = JsonNodeFactory.instance.objectNode();
        c.put("installation_id", inst.installationId);
        c.put("expires_in", 3599);
        c.put("refreshed_at", refreshedAt);
        c.put("repository_selection", inst.repositorySelection);
        c.putObject("account").put("type", inst.accountType).put("name", inst.accountName);
        c.putObject("permissions").put("contents", "write").put("metadata", "read").put("pull_requests", "write")
                .put("issues", "write");
        if (connectingLogin != null) {
            c.put("connecting_user_github_login", connectingLogin);
        }
        return c;
    }

    private static void key(World w, String role, int user, List<String> scopes, List<Integer> teams,
                            List<String> orgs) {
        key(w, role, keyValue(role), user, scopes, teams, orgs);
    }

    /** Adds a key with this value; the world keeps only its hash. */
    static World.PersonalKey key(World w, String role, String value, int user, List<String> scopes,
                                 List<Integer> teams, List<String> orgs) {
        World.PersonalKey k = new World.PersonalKey();
        k.id = uuid("key:" + role);
        k.role = role;
        k.label = "Sandbox " + role.replace('_', ' ');
        k.secureValue = "sha256$" + sha256(value);
        k.maskValue = value.substring(0, 4) + "..." + value.substring(value.length() - 4);
        k.userId = user;
        k.scopes = new ArrayList<>(scopes);
        k.scopedTeams = new ArrayList<>(teams);
        k.scopedOrganizations = new ArrayList<>(orgs);
        k.createdAt = EPOCH.minusSeconds(86_400L * 30).toString();
        w.keys.add(k);
        return k;
    }
}
