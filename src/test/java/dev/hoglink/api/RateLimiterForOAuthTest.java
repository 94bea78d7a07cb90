package dev.hoglink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The limiter follows the credential: an OAuth session has no personal-key windows but honours Retry-After. */
class RateLimiterForOAuthTest {

    @Test
    void anOAuthSessionIsNotHeldToThePersonalKeyWindowsEvenOnCloud() throws Exception {
        FakeTime t = new FakeTime();
        RateLimiter oauth = RateLimiter.forOAuth(t, t);
        for (int i = 0; i < 5000; i++) {
            assertEquals(Duration.ZERO, oauth.acquire());
        }
        assertTrue(oauth.limits().isEmpty());
        assertTrue(oauth.forOAuthSession());
        RateLimiter key = RateLimiter.forHost(URI.create("https://us.posthog.com"), t, t);
        assertFalse(key.forOAuthSession());
        assertEquals(RateLimiter.POSTHOG_PERSONAL_KEY, key.limits(), "a personal key keeps PostHog's per-key windows");
    }

    @Test
    void a429sRetryAfterHoldsEveryPermitOfTheSession() throws Exception {
        FakeTime t = new FakeTime();
        RateLimiter oauth = RateLimiter.forOAuth(t, t);
        oauth.throttled(Duration.ofSeconds(7));
        assertEquals(Duration.ofSeconds(7), oauth.nextPermitIn());
        assertEquals(Duration.ofSeconds(7), oauth.acquire());
        assertEquals(Duration.ZERO, oauth.acquire(), "the hold ends with its Retry-After");
        RateLimiter none = RateLimiter.unlimited();
        none.throttled(Duration.ofSeconds(7));
        assertEquals(Duration.ZERO, none.nextPermitIn(), "unlimited stays unlimited (unchanged)");
    }

    @Test
    void aClientWithABearerGetsTheOAuthLimiter() {
        BearerSource bearer = new BearerSource() {
            @Override
            public ApiKey current() {
                return ApiKey.of("pha_test_token_value_0000000000");
            }

            @Override
            public boolean renewAfterUnauthorized(ApiKey refused) {
                return false;
            }
        };
        PostHogClient c = PostHogClient.builder("https://us.posthog.com", bearer.current()).bearer(bearer).build();
        assertTrue(c.rateLimiter().forOAuthSession());
        PostHogClient k = PostHogClient.builder("https://us.posthog.com", ApiKey.of("phx_key_value_000000000000")).build();
        assertFalse(k.rateLimiter().forOAuthSession());
        assertTrue(k.rateLimiter().capped());
    }
}
