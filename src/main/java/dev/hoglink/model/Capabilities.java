package dev.hoglink.model;

import java.util.Optional;

/**
 * What the signed-in key and user may change, per project: the one rule the UI reads to enable Link, Start
 * OAuth and Unlink, and to say why one is disabled. PostHog's gates (posthog/api/integration.py,
 * team_services.py; docs/api-notes.md N23, NI3): every write needs the key's {@code integration:write} scope and
 * project membership; link_existing also needs project admin or the user's personal GitHub link; deleting an
 * integration and "Manage on GitHub" (prepare_callback) need project admin. A project's level is the organization level unless the project says
 * otherwise: PostHog decides per project (docs/api-notes.md NM1), and the window passes the level a project's detail
 * states for a member as {@code projectOwnLevel}.
 *
 * @param keyCanWrite       whether the key has integration:write; empty when the key may not read its scopes
 * @param organizationName  for the reasons ("you are a member of Acme")
 * @param organizationLevel the user's level in the organization: 1 member, 8 admin, 15 owner; 0 unknown
 * @param personalGitHub    whether the user has linked a personal GitHub account; empty while unknown
 * @param connectionReadOnly the admin marked the connection read-only (as production contexts are marked):
 *                          every change is off, whatever the key and the user's level allow
 * @param signedInWithPostHog the credential is a sign-in with PostHog (OAuth), not a personal API key: only the
 *                          wording of a missing integration:write differs (what to do about it is not the same)
 */
public record Capabilities(Optional<Boolean> keyCanWrite, String organizationName, int organizationLevel,
                           Optional<Boolean> personalGitHub, boolean connectionReadOnly, boolean signedInWithPostHog) {

    /** One action's verdict: allowed, or not with a plain reason. */
    public record Decision(boolean allowed, String why) {
        public static final Decision ALLOWED = new Decision(true, "");

        static Decision no(String why) {
            return new Decision(false, why);
        }
    }

    public static final String READ_ONLY = "This API key is read-only: it lacks integration:write. Create a key "
            + "with integration:write in PostHog (Settings › Personal API keys) to link, unlink or start OAuth.";

    public static final String READ_ONLY_SIGN_IN = "This sign-in is read-only: PostHog granted it no "
            + "integration:write. Sign in with PostHog again and allow integration:write to link, unlink or start OAuth.";

    public static final String READ_ONLY_CONNECTION = "This connection is marked read-only (Connection › "
            + "Read-only connection): Hoglink sends no change over it. Clear the mark to link, unlink or start OAuth.";

    /** Until the scopes and levels are read: nothing is refused in advance (PostHog still decides). */
    public static final Capabilities UNKNOWN = new Capabilities(Optional.empty(), "", 0, Optional.empty());

    public Capabilities {
        organizationName = organizationName == null ? "" : organizationName;
    }

    /** Capabilities of a connection that is not marked read-only. */
    public Capabilities(Optional<Boolean> keyCanWrite, String organizationName, int organizationLevel,
                        Optional<Boolean> personalGitHub) {
        this(keyCanWrite, organizationName, organizationLevel, personalGitHub, false, false);
    }

    /** Capabilities of a personal API key's connection. */
    public Capabilities(Optional<Boolean> keyCanWrite, String organizationName, int organizationLevel,
                        Optional<Boolean> personalGitHub, boolean connectionReadOnly) {
        this(keyCanWrite, organizationName, organizationLevel, personalGitHub, connectionReadOnly, false);
    }

    /** The personal GitHub link unknown again (another organization or user: read it anew). */
    public Capabilities withoutPersonalGitHub() {
        return new Capabilities(keyCanWrite, organizationName, organizationLevel, Optional.empty(),
                connectionReadOnly, signedInWithPostHog);
    }

    public Capabilities withPersonalGitHub(boolean linked) {
        return new Capabilities(keyCanWrite, organizationName, organizationLevel, Optional.of(linked),
                connectionReadOnly, signedInWithPostHog);
    }

    public Capabilities withKeyCanWrite(Optional<Boolean> write) {
        return new Capabilities(write, organizationName, organizationLevel, personalGitHub, connectionReadOnly,
                signedInWithPostHog);
    }

    /** The credential's write permission and whether it is a sign-in with PostHog, as the inventory read them. */
    public Capabilities withKeyCanWrite(Optional<Boolean> write, boolean signedIn) {
        return new Capabilities(write, organizationName, organizationLevel, personalGitHub, connectionReadOnly,
                signedIn);
    }

    public Capabilities withOrganization(String name, int level) {
        return new Capabilities(keyCanWrite, name, level, personalGitHub, connectionReadOnly, signedInWithPostHog);
    }

    public Capabilities withConnectionReadOnly(boolean marked) {
        return new Capabilities(keyCanWrite, organizationName, organizationLevel, personalGitHub, marked,
                signedInWithPostHog);
    }

    /** Why the credential may send no change: the key's wording or the sign-in's. */
    public String readOnlyReason() {
        return readOnlyReason(signedInWithPostHog);
    }

    /** {@link #READ_ONLY_SIGN_IN} for a sign-in with PostHog, else {@link #READ_ONLY}: the one choice between them. */
    public static String readOnlyReason(boolean signedInWithPostHog) {
        return signedInWithPostHog ? READ_ONLY_SIGN_IN : READ_ONLY;
    }

    /** Why no change may be sent at all (a read-only connection, then a read-only key), or empty. */
    private Optional<String> noWrites() {
        if (connectionReadOnly) {
            return Optional.of(READ_ONLY_CONNECTION);
        }
        return readOnly() ? Optional.of(readOnlyReason()) : Optional.empty();
    }

    /**
     * Any change at all (bulk link, "Manage on GitHub", which tells PostHog to expect GitHub's return): off on a
     * read-only connection or key.
     */
    public Decision anyWrite() {
        return noWrites().map(Decision::no).orElse(Decision.ALLOWED);
    }

    /** The user's level on a project: the project's own level when PostHog gave one, else the organization's. */
    public int projectLevel(Integer projectOwnLevel) {
        return projectOwnLevel != null && projectOwnLevel > 0 ? projectOwnLevel : organizationLevel;
    }

    private boolean readOnly() {
        return keyCanWrite.isPresent() && !keyCanWrite.get();
    }

    private boolean knownNotAdmin(Integer projectOwnLevel) {
        int level = projectLevel(projectOwnLevel);
        return Organization.memberOnly(level);
    }

    /** Where a member links their own GitHub account: the last sentence of a note that refuses Link for want of it. */
    private static final String NO_PERSONAL_GITHUB = "No personal GitHub account is linked. "
            + "Link yours in PostHog: Settings › Personal integrations.";

    /** What Link existing installation needs, first in its refusal, its tip, the note and a bulk plan's row. */
    private static final String LINK_NEEDS = "Link existing installation needs project admin or a personal GitHub "
            + "account. ";

    /**
     * Who decided the user is not an admin: "You are a member of Acme, not an admin." while the organization's level
     * stands; once PostHog stated the level on this project or environment (docs/api-notes.md NM1, NM2), that one, as
     * a member may be admin of another project, or of an environment's project, of the same organization.
     */
    private String memberOf(Integer projectOwnLevel, boolean environment) {
        if (projectOwnLevel != null && projectOwnLevel > 0) {
            return environment
                    ? "You are a member of this environment, not its admin (its access is its own, not its project's)."
                    : "You are a member of this project, not its admin.";
        }
        return "You are a member" + (organizationName.isEmpty() ? "" : " of " + organizationName)
                + ", not an admin.";
    }

    /** "Link existing installation…": integration:write, membership, and admin or a personal GitHub link. */
    public Decision link(Integer projectOwnLevel) {
        return link(projectOwnLevel, false);
    }

    /** {@link #link(Integer)} of a project, or of an environment when {@code environment}: the reason names which. */
    public Decision link(Integer projectOwnLevel, boolean environment) {
        if (noWrites().isPresent()) {
            return anyWrite();
        }
        if (knownNotAdmin(projectOwnLevel) && personalGitHub.isPresent() && !personalGitHub.get()) {
            return Decision.no(LINK_NEEDS + memberOf(projectOwnLevel, environment) + " "
                    + NO_PERSONAL_GITHUB);
        }
        return Decision.ALLOWED;
    }

    /** "Start OAuth bootstrap…": integration:write and membership (GitHub checks the rest on return). */
    public Decision startOAuth(Integer projectOwnLevel) {
        return anyWrite();
    }

    /**
     * "Manage on GitHub": integration:write and project admin. Its {@code github/prepare_callback} is not among the
     * actions PostHog keeps at membership, so a POST needs project admin (IntegrationManagementPermission in
     * posthog/api/integration.py, TeamMemberStrictManagementPermission in posthog/permissions.py; api-notes NI3).
     * "Repository access on GitHub" sends nothing and stays open to everyone.
     */
    public Decision manageOnGitHub(Integer projectOwnLevel) {
        return manageOnGitHub(projectOwnLevel, false);
    }

    /** {@link #manageOnGitHub(Integer)} of a project, or of an environment when {@code environment}. */
    public Decision manageOnGitHub(Integer projectOwnLevel, boolean environment) {
        if (noWrites().isPresent()) {
            return anyWrite();
        }
        if (knownNotAdmin(projectOwnLevel)) {
            return Decision.no(refusedNote(projectOwnLevel, environment)); // the detail pane's note, word for word
        }
        return Decision.ALLOWED;
    }

    /**
     * The note under the detail pane's buttons: every action this rule refuses on the project, with its reason, in
     * short sentences an admin scans, empty when none is refused. A read-only connection or credential refuses every
     * change for one reason, which is the note; a member (not project admin) reads, in the buttons' order, "Manage
     * on GitHub and Unlink need project admin. You are a member of Acme, not an admin.", with Link existing
     * installation's own need in front when it is refused too, and then where a personal GitHub account is linked.
     * This note is also the tip of every button it names, and the reason {@link #unlink} and
     * {@link #manageOnGitHub} give, so the two places cannot word the one fact differently.
     */
    public String refusedNote(Integer projectOwnLevel) {
        return refusedNote(projectOwnLevel, false);
    }

    /**
     * {@link #refusedNote(Integer)} of a project, or of an environment when {@code environment}: once PostHog stated
     * the level there, the note says it is this project's (or this environment's) level that refuses, not the
     * organization's.
     */
    public String refusedNote(Integer projectOwnLevel, boolean environment) {
        Optional<String> none = noWrites();
        if (none.isPresent()) {
            return none.get();
        }
        // Manage on GitHub and Unlink both need project admin (their decisions below give this sentence as reason)
        java.util.List<String> needAdmin = knownNotAdmin(projectOwnLevel)
                ? java.util.List.of("Manage on GitHub", "Unlink") : java.util.List.of();
        boolean link = !link(projectOwnLevel, environment).allowed();
        if (!link && needAdmin.isEmpty()) {
            return "";
        }
        String admin = needAdmin.isEmpty() ? "" : String.join(" and ", needAdmin)
                + (needAdmin.size() == 1 ? " needs" : " need") + " project admin. ";
        if (!link) {
            return admin + memberOf(projectOwnLevel, environment);
        }
        return LINK_NEEDS + admin + memberOf(projectOwnLevel, environment)
                + " " + NO_PERSONAL_GITHUB;
    }

    /** "Unlink…": integration:write and project admin. */
    public Decision unlink(Integer projectOwnLevel) {
        return unlink(projectOwnLevel, false);
    }

    /** {@link #unlink(Integer)} of a project, or of an environment when {@code environment}. */
    public Decision unlink(Integer projectOwnLevel, boolean environment) {
        if (noWrites().isPresent()) {
            return anyWrite();
        }
        if (knownNotAdmin(projectOwnLevel)) {
            return Decision.no(refusedNote(projectOwnLevel, environment)); // the detail pane's note, word for word
        }
        return Decision.ALLOWED;
    }
}
