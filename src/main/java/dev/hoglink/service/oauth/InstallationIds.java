package dev.hoglink.service.oauth;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * GitHub App installation ids as PostHog accepts them in oauth_authorize and link_existing: 1 to 20 digits,
 * no leading zero ({@code ^[1-9]\d{0,19}$}, posthog/api/github_callback).
 */
public final class InstallationIds {

    public static final Pattern PATTERN = Pattern.compile("^[1-9]\\d{0,19}$");

    private InstallationIds() {
    }

    /** Why {@code typed} is not an installation id, or empty when it is one (surrounding spaces ignored). */
    public static Optional<String> problem(String typed) {
        String s = typed == null ? "" : typed.strip();
        if (s.isEmpty()) {
            return Optional.of("Enter the installation id: the number at the end of the app's settings page on GitHub.");
        }
        if (!s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return Optional.of("An installation id has digits only.");
        }
        if (s.charAt(0) == '0') {
            return Optional.of("An installation id does not start with 0.");
        }
        if (s.length() > 20) {
            return Optional.of("An installation id has at most 20 digits.");
        }
        return Optional.empty();
    }
}
