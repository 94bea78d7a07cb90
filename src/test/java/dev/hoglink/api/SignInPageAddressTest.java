package dev.hoglink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.hoglink.api.signin.OAuthEndpoints;
import dev.hoglink.api.signin.OAuthException;
import java.net.URI;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The sign-in page Hoglink opens in the browser comes from the server's metadata: a hostile or misconfigured
 * server must not make it open a page off the PostHog it signs in to (another host, a look-alike, a user-info
 * trick, another port, or no web page at all). Tokens are already kept to that server; the page goes with them.
 */
class SignInPageAddressTest {

    private final FakeApiServer server = new FakeApiServer();

    @AfterEach
    void stop() {
        server.close();
    }

    private String metadata(String authorize) {
        return "{\"issuer\":\"{{base}}\",\"authorization_endpoint\":\"" + authorize + "\","
                + "\"token_endpoint\":\"{{base}}/oauth/token/\",\"registration_endpoint\":\"{{base}}/oauth/register/\","
                + "\"revocation_endpoint\":\"{{base}}/oauth/revoke/\",\"code_challenge_methods_supported\":[\"S256\"]}";
    }

    @Test
    void aSignInPageOffThePostHogServerIsRefusedBeforeAnyBrowserOpens() {
        List<String> hostile = List.of(
                "https://evil.example/oauth/authorize/",
                "https://127.0.0.1.evil.example/oauth/authorize/",
                "https://127.0.0.1:{{port}}@evil.example/oauth/authorize/",
                "http://user@127.0.0.1:{{port}}/oauth/authorize/",
                "http://127.0.0.1:{{other}}/oauth/authorize/",
                "javascript:alert(1)//",
                "file:///etc/passwd");
        for (String template : hostile) {
            try (FakeApiServer one = new FakeApiServer()) {
                int port = one.port();
                String authorize = template.replace("{{port}}", Integer.toString(port))
                        .replace("{{other}}", Integer.toString(port == 65535 ? port - 1 : port + 1));
                one.on("GET", "/.well-known/oauth-authorization-server", FakeApiServer.json(200, metadata(authorize)));
                OAuthEndpoints endpoints = new OAuthEndpoints(one.base(), Clock.systemUTC());
                assertThrows(OAuthException.class, endpoints::discover, authorize);
            }
        }
    }

    @Test
    void thePostHogServersOwnSignInPageIsKept() {
        server.on("GET", "/.well-known/oauth-authorization-server",
                FakeApiServer.json(200, metadata("{{base}}/oauth/authorize/")));
        assertEquals(URI.create(server.base() + "/oauth/authorize/"),
                new OAuthEndpoints(server.base(), Clock.systemUTC()).discover().authorizationEndpoint());
    }
}
