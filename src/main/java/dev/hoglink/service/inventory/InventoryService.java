package dev.hoglink.service.inventory;

import dev.hoglink.service.ServiceException;
import dev.hoglink.model.AvailableInstallations;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.model.ReposPage;
import java.util.List;

/**
 * Read side of one PostHog connection: organizations, projects and their GitHub integrations. Every method
 * blocks (call it off the FX thread) and throws {@link ServiceException} on failure. Implementations go
 * through the client's rate limiter, so callers may run several calls at once.
 */
public interface InventoryService {

    /**
     * Whether the credential has PostHog's {@code integration:write} scope: a personal API key's from its own
     * record (docs/api-notes.md N1), a sign-in with PostHog's from the scopes its token answer granted (NH1);
     * empty when the key may not read its scopes, so nothing is refused in advance.
     */
    default java.util.Optional<Boolean> keyCanWriteIntegrations() {
        return java.util.Optional.empty();
    }

    /**
     * Whether the user has a personal GitHub account linked in PostHog ({@code /api/users/@me/integrations/}, ND1),
     * which a member who is not project admin needs to link (NJ3); empty when PostHog would not say.
     */
    default java.util.Optional<Boolean> hasPersonalGitHub() {
        return java.util.Optional.empty();
    }

    /** True when the connection is a sign-in with PostHog (OAuth) rather than a personal API key. */
    default boolean signedInWithPostHog() {
        return false;
    }

    /** The organizations the key can see. */
    List<Organization> organizations();

    /**
     * How far back PostHog shows the organization's activity log, as its payload said when {@link #organizations()}
     * read it last (docs/api-notes.md NF8); unknown before that, or when the payload listed no features.
     */
    default dev.hoglink.model.ActivityWindow activityWindow(String organizationId) {
        return dev.hoglink.model.ActivityWindow.UNKNOWN;
    }

    /** Every project of the organization that the key can see, all pages. */
    List<Project> projects(String organizationId);

    /**
     * Every project, handing each page to {@code onPage} (on the calling thread) as it arrives, so the window
     * can show the first rows while the rest load. The default hands over the whole list at once.
     */
    default List<Project> projects(String organizationId, java.util.function.Consumer<List<Project>> onPage) {
        List<Project> all = projects(organizationId);
        onPage.accept(all);
        return all;
    }

    /**
     * The user's level on one project as PostHog states it ({@code effective_membership_level} of the project's
     * detail: 8 project admin, 1 member; docs/api-notes.md NM1), one request; for an environment that is not its
     * project's main one, the level on that environment, which PostHog decides by the environment's own rules and
     * states in its own detail (NM2, {@link ProjectLevels}). Null when PostHog stated none. Throws
     * {@link ServiceException} when the read fails. The default knows none.
     */
    default Integer projectLevel(Project project) {
        return null;
    }

    /** Who the key belongs to, as shown to people ("Name <email>" or the email); empty when unknown. */
    default String currentUser() {
        return "";
    }

    /**
     * PostHog's id of the user {@link #currentUser()} read last (users/@me {@code uuid}), without a request; empty
     * before it was read or when unknown. It tells whose cached inventory may be shown ({@link CacheKey}).
     */
    default String currentUserId() {
        return "";
    }

    /**
     * The store every {@link #githubLinks} read goes into, shared by whoever reads over this connection (window,
     * audit, command line); empty when this service keeps none.
     */
    default java.util.Optional<ProjectReads> reads() {
        return java.util.Optional.empty();
    }

    /** The project's GitHub integrations (kind github), oldest first; empty when it has none. */
    List<GitHubLink> githubLinks(long projectId);

    /** Installations linked to sibling projects (or seen by the caller's personal GitHub) that this project could use. */
    AvailableInstallations availableInstallations(long projectId);

    /**
     * One page of the repositories an integration can access.
     *
     * @param search case-insensitive filter, or null/blank for all
     * @param limit  1..500
     */
    ReposPage repositories(long projectId, long integrationId, String search, int offset, int limit);

    /**
     * Asks PostHog to read the integration's repositories from GitHub again (10 a minute per project; within
     * 30 s of the last refresh PostHog answers from its cache). Returns how many repositories it now lists, and
     * whether GitHub refused because the installation is gone (then the list is PostHog's last cached one).
     */
    dev.hoglink.model.RepositoryRefresh refreshRepositories(long projectId, long integrationId);

    /**
     * After {@link #projects}: why the list holds only some of the organization's projects (a key limited to
     * projects, docs/api-notes.md N10), in a sentence for a banner; empty when the list is whole.
     */
    default java.util.Optional<String> limitNote() {
        return java.util.Optional.empty();
    }

    /**
     * After {@link #projects}: true when the credential is limited to some projects (PostHog refused the project list
     * for its {@code scoped_teams}, docs/api-notes.md N10), so the list holds exactly the projects it may read.
     */
    default boolean limitedToProjects() {
        return false;
    }
}
