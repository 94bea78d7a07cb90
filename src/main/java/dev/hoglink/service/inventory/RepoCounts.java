package dev.hoglink.service.inventory;

import dev.hoglink.service.ServiceException;
import dev.hoglink.model.GitHubLink;
import dev.hoglink.model.LinkStatus;
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

    /** Blocking: a project's links, and the repository count of each working installation not counted yet. */
    public List<GitHubLink> linksCounting(InventoryService service, long projectId) {
        List<GitHubLink> links = service.githubLinks(projectId);
        for (GitHubLink l : links) {
            String inst = l.installationId();
            if (l.status() == LinkStatus.CONNECTED && inst != null && requested.add(inst)) {
                try {
                    counts.put(inst, service.repositories(projectId, l.integrationId(), null, 0, 1).total());
                } catch (ServiceException e) {
                    requested.remove(inst);
                    LOGGER.debug("No repository count for installation {}: {}", inst, e.kind());
                }
            }
        }
        return links;
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

    /** Asks again for this installation next time (its repositories may have changed). */
    public void forget(String installationId) {
        if (installationId != null) {
            counts.remove(installationId);
            requested.remove(installationId);
        }
    }

    public void clear() {
        counts.clear();
        requested.clear();
    }
}
