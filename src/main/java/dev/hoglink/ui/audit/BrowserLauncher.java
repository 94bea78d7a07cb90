package dev.hoglink.ui.audit;

import java.net.URI;
import java.util.Locale;

/** Opens a page in the system browser (over HostServices in the app); tests replace it. */
@FunctionalInterface
public interface BrowserLauncher {

    void open(String url);

    /** Only https pages on github.com are opened from the audit: anything else is refused. */
    static boolean isGitHubPage(String url) {
        if (url == null) {
            return false;
        }
        try {
            URI u = URI.create(url);
            return "https".equals(u.getScheme()) && u.getRawUserInfo() == null && u.getPort() == -1
                    && "github.com".equals(u.getHost() == null ? null : u.getHost().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
