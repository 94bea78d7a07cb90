package dev.hoglink.service.inventory;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.api.ApiKey;
import dev.hoglink.api.PostHogClient;
import dev.hoglink.api.RateLimiter;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Whether the user has a personal GitHub account linked in PostHog, as the window asks it for a member (NJ3): the
 * sandbox's Cy has one, Dee none, and a key without user:read is not told (PostHog refuses the read).
 */
class PersonalGitHubAgainstSandboxTest {

    private static SandboxServer sandbox;

    @BeforeAll
    static void start() throws Exception {
        sandbox = SandboxServer.start(SandboxOptions.defaults());
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    private static HttpInventoryService as(String key) {
        return new HttpInventoryService(PostHogClient.builder(sandbox.baseUri().toString(), ApiKey.of(key))
                .rateLimiter(RateLimiter.unlimited()).build());
    }

    @Test
    void aMemberWithALinkAMemberWithoutOneAndAKeyThatMayNotAsk() {
        assertEquals(Optional.of(true), as(sandbox.key("member")).hasPersonalGitHub());
        assertEquals(Optional.of(false), as(sandbox.key("member_unlinked")).hasPersonalGitHub());
        sandbox.setKeyScopes(sandbox.key("member_unlinked"), List.of("organization:read", "project:read",
                "integration:read"));
        assertEquals(Optional.empty(), as(sandbox.key("member_unlinked")).hasPersonalGitHub());
    }
}
