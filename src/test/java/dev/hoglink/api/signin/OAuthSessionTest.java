package dev.hoglink.api.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.hoglink.api.ApiKey;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OAuthSessionTest {

    private static OAuthSession session(List<String> scopes) {
        String host = "http://127.0.0.1:9";
        AuthServerMetadata m = new AuthServerMetadata(host, URI.create(host + "/oauth/authorize/"),
                URI.create(host + "/oauth/token/"), URI.create(host + "/oauth/revoke/"), null, List.of(), List.of());
        Instant now = Instant.now();
        TokenSet tokens = new TokenSet(ApiKey.of("pha_access_token_for_the_session_test"), "phr_refresh_for_the_test",
                now, now.plus(Duration.ofHours(1)), scopes, List.of(), List.of());
        return new OAuthSession(new OAuthEndpoints(host, Clock.systemUTC()), m, "client", tokens, Clock.systemUTC(),
                t -> { });
    }

    /**
     * The window asks for the granted scopes on the FX thread (the read-only sign-in wording); a renewal holds the
     * session's lock for as long as the token endpoint takes to answer (up to its timeout), so the scopes must not
     * wait for it.
     */
    @Test
    void theGrantedScopesAreReadWithoutWaitingForARenewalInProgress() throws Exception {
        OAuthSession session = session(List.of("integration:read", "integration:write"));
        CountDownLatch renewing = new CountDownLatch(1);
        CountDownLatch answered = new CountDownLatch(1);
        Thread renewal = new Thread(() -> {
            synchronized (session) { // as refreshNow() holds it while the token endpoint is slow to answer
                renewing.countDown();
                try {
                    answered.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        });
        renewal.setDaemon(true);
        renewal.start();
        try {
            renewing.await(5, TimeUnit.SECONDS);
            Optional<List<String>> scopes = CompletableFuture.supplyAsync(session::grantedScopes)
                    .get(2, TimeUnit.SECONDS);
            assertEquals(Optional.of(List.of("integration:read", "integration:write")), scopes);
        } finally {
            answered.countDown();
            renewal.join(5000);
        }
    }
}
