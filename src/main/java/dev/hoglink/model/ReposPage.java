package dev.hoglink.model;

import java.util.List;

/**
 * One page of github_repos. {@code total} counts every match of the search, not only this page, or is -1 when the
 * answer does not say: PostHog sends only {@code repositories} and {@code has_more} (GitHubReposResponseSerializer,
 * posthog/api/integration.py), so the total is known from the page that has no more after it.
 */
public record ReposPage(List<Repository> repositories, boolean hasMore, int total) {

    public ReposPage {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
    }

    /** Whether {@link #total()} is known. */
    public boolean totalKnown() {
        return total >= 0;
    }

    /**
     * The total an answer implies: the one it names, else (PostHog's shape) offset plus this page's size when no page
     * follows, else unknown (-1).
     */
    public static int totalOf(Integer named, boolean hasMore, int offset, int pageSize) {
        if (named != null && named >= 0) {
            return named;
        }
        return hasMore ? -1 : offset + pageSize;
    }
}
