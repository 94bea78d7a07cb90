package dev.hoglink.service.inventory;

import dev.hoglink.service.ServiceException;
import dev.hoglink.model.GitHubLink;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How many repositories each installation can access, asked once per installation while reading projects'
 * links (one small page of its repositories). Safe to use from the reading threads.
 */
public final class RepoCounts {

    private static final Logger LOGGER = LoggerFactory.getLogger(RepoCounts.class);

    private final Map<String, Integer> counts = new ConcurrentHashMap<>();
    private final Set<String> requested = ConcurrentHashMap.newKeySet();

    /**
     * Blocking: a project's links, and the repository count of each installation they name not counted yet. Unavailable
     * and token-error links are counted too: PostHog's github_repos answers its last list whatever GitHub now says
     * (list_cached_repositories), so the table counts the list the detail pane shows.
     */
    public List<GitHubLink> linksCounting(InventoryService service, long projectId) {
        List<GitHubLink> links = service.githubLinks(projectId);
        for (GitHubLink l : links) {
            String inst = l.installationId();
            if (inst != null && requested.add(inst)) {
                try {
                    int n = count(service, projectId, l.integrationId());
                    if (n >= 0) {
                        counts.put(inst, n);
                    } else {
                        counts.remove(inst); // PostHog answered, and no count holds now (over 5,000): not the old one
                    }
                } catch (ServiceException e) {
                    requested.remove(inst);
                    LOGGER.debug("No repository count for installation {}: {}", inst, e.kind());
                }
            }
        }
        return links;
    }

    /** PostHog's largest github_repos page (GitHubReposQuerySerializer: {@code limit} at most 500). */
    public static final int COUNT_PAGE = 500;
    /** Pages read at most for one count: an installation reaching more than 5,000 repositories shows no count. */
    static final int MAX_COUNT_PAGES = 10;

    /**
     * Blocking: how many repositories an integration reaches. PostHog's github_repos names no total (only
     * {@code has_more}), so the count is read page by page, 500 at a time, up to the page with no more after it;
     * -1 when that takes more than {@link #MAX_COUNT_PAGES} pages.
     */
    public static int count(InventoryService service, long projectId, long integrationId) {
        int offset = 0;
        for (int i = 0; i < MAX_COUNT_PAGES; i++) {
            dev.hoglink.model.ReposPage p = service.repositories(projectId, integrationId, null, offset, COUNT_PAGE);
            if (p.totalKnown()) {
                return p.total();
            }
            if (p.repositories().isEmpty()) {
                return -1;
            }
            offset += p.repositories().size();
        }
        return -1;
    }

    /** The counts known so far (a live view). */
    public Map<String, Integer> counts() {
        return counts;
    }

    /** Starts from counts read before (a cached inventory); they are not asked again. */
    public void seed(Map<String, Integer> known) {
        clear();
        counts.putAll(known);
        requested.addAll(known.keySet());
    }

    /**
     * Asks again for this installation next time one of its working rows is read (its repositories may have changed).
     * The count read last stays until then: dropped, the other projects on the installation lost theirs while one
     * project was read again, and one that GitHub now refuses (never counted) would leave it dropped for good, while
     * PostHog still answers that list.
     */
    public void forget(String installationId) {
        if (installationId != null) {
            requested.remove(installationId);
        }
    }

    public void clear() {
        counts.clear();
        requested.clear();
    }
}
