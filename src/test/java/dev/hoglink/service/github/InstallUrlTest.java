package dev.hoglink.service.github;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.UnsupportedPostHogApi;
import dev.hoglink.api.dto.GitHubInstallRequestsDto;
import dev.hoglink.service.journal.ActionJournal;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * PostHog's {@code install_url} is opened in the browser ("Open the approval page") and pasted into the message
 * for the organization owner, so a hostile server must not turn it into any other page: only GitHub's own https
 * page passes, or, for a PostHog on this computer (the sandbox), a page on that same server.
 */
class InstallUrlTest {

    @TempDir
    Path tmp;

    private Optional<java.net.URI> served(String host, String installUrl) {
        UnsupportedPostHogApi api = new UnsupportedPostHogApi() {
            @Override
            public GitHubInstallRequestsDto githubInstallRequests() {
                return new GitHubInstallRequestsDto(List.of(), installUrl);
            }
        };
        return new InstallRequestService(api, new ActionJournal(tmp.resolve("journal.jsonl"), Clock.systemUTC()), host)
                .list().installUrl();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "http://github.com/apps/posthog/installations/new",
        "https://github.com.evil.example/apps/posthog/installations/new",
        "https://github.com@evil.example/apps/posthog/installations/new",
        "https://evil.example/apps/posthog/installations/new",
        "https://evil.example/github.com/apps/posthog/installations/new",
        "https://github.com:8443/apps/posthog/installations/new",
        "https://gіthub.com/apps/posthog/installations/new",
        "http://127.0.0.1:8010/apps/posthog/installations/new",
        "javascript:alert(1)",
        "file:///etc/passwd"})
    void anythingButGitHubsOwnPageIsDropped(String url) {
        assertTrue(served("https://us.posthog.com", url).isEmpty(), url);
    }

    @Test
    void gitHubsPageAndTheSandboxsOwnStandInPass() {
        String github = "https://github.com/apps/posthog/installations/new";
        assertEquals(github, served("https://us.posthog.com", github).orElseThrow().toString());
        assertEquals(github, served("http://127.0.0.1:8010", github).orElseThrow().toString());
        String standIn = "http://127.0.0.1:8010/apps/posthog/installations/new";
        assertEquals(standIn, served("http://127.0.0.1:8010", standIn).orElseThrow().toString());
        assertTrue(served("http://127.0.0.1:8010", "http://127.0.0.1:9999/apps/posthog/installations/new").isEmpty());
    }
}
