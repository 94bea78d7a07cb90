package dev.hoglink.model;

/**
 * Health of one project's GitHub integration. UNAVAILABLE: the App was uninstalled or suspended on GitHub;
 * TOKEN_ERROR: PostHog could not refresh the installation token (the row's {@code errors} is set).
 */
public enum LinkStatus {
    CONNECTED, UNAVAILABLE, TOKEN_ERROR
}
