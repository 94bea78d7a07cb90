package dev.hoglink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hoglink.api.signin.AuthServerMetadata;
import dev.hoglink.api.signin.OAuthEndpoints;
import dev.hoglink.api.signin.OAuthException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The sign-in's own requests fail in the same words as every other request to the same host: a server that cannot
 * be reached or does not answer in time reads in the sign-in window and {@code hoglink login} as it reads in a
 * project's row and the connection dialog ({@link NetworkFailure}).
 */
class SignInNetworkWordsTest {

    private static AuthServerMetadata metadata(String base) {
        return new AuthServerMetadata(base, URI.create(base + "/oauth/authorize/"), URI.create(base + "/oauth/token/"),
                URI.create(base + "/oauth/revoke/"), null, List.of(), List.of("S256"));
    }

    @Test
    void aServerThatCannotBeReachedReadsAsARowSaysIt() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        String base = "http://127.0.0.1:" + port;
        OAuthException e = assertThrows(OAuthException.class, () -> new OAuthEndpoints(base, Clock.systemUTC(),
                Duration.ofSeconds(2)).discover());
        NetworkException row = assertThrows(NetworkException.class, () -> PostHogClient.builder(base,
                ApiKey.of("phx_" + "a".repeat(40))).retryPolicy(RetryPolicy.none()).build().me());
        assertEquals(OAuthException.Kind.NETWORK, e.kind());
        assertEquals(row.userMessage(), e.getMessage());
        assertEquals("Cannot reach 127.0.0.1:" + port + ". The connection was refused. "
                + "Check the address and your network.", e.getMessage());
    }

    @Test
    void aServerThatDoesNotAnswerInTimeReadsAsARowSaysIt() {
        try (FakeApiServer server = new FakeApiServer()) {
            server.on("POST", "/oauth/token/", FakeApiServer.stallMidBody());
            OAuthException e = assertThrows(OAuthException.class, () -> new OAuthEndpoints(server.base(),
                    Clock.systemUTC(), Duration.ofMillis(300)).refresh(metadata(server.base()), "client", "refresh-x"));
            String host = URI.create(server.base()).getAuthority();
            assertEquals(NetworkFailure.TIMEOUT.text(host), e.getMessage());
            assertEquals(host + " did not answer in time. Check your network, VPN or proxy and the address, then try "
                    + "again.", e.getMessage());
        }
    }
}
