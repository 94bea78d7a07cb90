package dev.hoglink.model;

import java.util.List;

/** One page of github_repos. {@code total} counts every match of the search, not only this page. */
public record ReposPage(List<Repository> repositories, boolean hasMore, int total) {

    public ReposPage {
        repositories = repositories == null ? List.of() : List.copyOf(repositories);
    }
}
