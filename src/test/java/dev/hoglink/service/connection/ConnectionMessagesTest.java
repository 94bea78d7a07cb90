package dev.hoglink.service.connection;

import dev.hoglink.service.PostHogHost;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.service.connection.ConnectionMessages.ConnectionMessage;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

class ConnectionMessagesTest {

    private static final PostHogHost SELF = PostHogHost.parse("https://posthog.acme.io:8443");

    private static ConnectionMessage describe(ConnectionFailure failure, PostHogHost host, String detail) {
        return ConnectionMessages.describe(new ConnectionProblem(failure, host, detail));
    }

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource(delimiter = '|', value = {
        "INVALID_KEY             | https://posthog.acme.io | ''                | https://posthog.acme.io did not accept this API key. | It may have been revoked, or mistyped",
        "INVALID_KEY             | us.posthog.com          | ''                | US Cloud did not accept this API key.               | If the key was made on EU Cloud (eu.posthog.com), switch the host to EU Cloud.",
        "INVALID_KEY             | eu.posthog.com          | ''                | EU Cloud did not accept this API key.               | If the key was made on US Cloud (us.posthog.com), switch the host to US Cloud.",
        "KEY_FOR_OTHER_REGION    | us.posthog.com          | ''                | This key belongs to EU Cloud, not US Cloud.         | Switch the host to EU Cloud (https://eu.posthog.com) and test again.",
        "KEY_FOR_OTHER_REGION    | eu.posthog.com          | ''                | This key belongs to US Cloud, not EU Cloud.         | Switch the host to US Cloud (https://us.posthog.com)",
        "NOT_POSTHOG             | https://example.com     | ''                | https://example.com does not look like PostHog.     | Use the address you open PostHog at in your browser",
        "TLS                     | https://posthog.acme.io:8443 | ''           | The secure connection to posthog.acme.io:8443 failed. | Hoglink never skips certificate checks",
        "TLS                     | https://posthog.acme.io | ''                | The secure connection to posthog.acme.io failed.    | serves https, not plain http",
        "TIMEOUT                 | us.posthog.com          | ''                | us.posthog.com did not answer in time.              | Check your network, VPN or proxy",
        "UNREACHABLE             | https://posthog.acme.io | ''                | Cannot reach posthog.acme.io.                       | The name was not found or the connection was refused.",
        "CONNECTION_BROKEN       | https://posthog.acme.io | ''                | The connection to posthog.acme.io broke after it was made. | The server was reached",
        "PERSONAL_KEYS_FORBIDDEN | us.posthog.com          | Acme              | The organization \"Acme\" does not allow personal API keys. | Ask an organization admin to allow personal API keys",
        "MISSING_SCOPE           | us.posthog.com          | integration:write | The API key lacks the integration:write scope. Read-only: linking, unlinking and the OAuth bootstrap are disabled. | to add integration:write",
        "MISSING_SCOPE           | us.posthog.com          | integration:read  | The API key lacks the integration:read scope. GitHub status cannot be shown | to add integration:read",
        "MISSING_SCOPE           | us.posthog.com          | ''                | The API key lacks a scope this action needs.        | to add the missing scope",
    })
    void eachFailureHasItsOwnPlainMessage(ConnectionFailure failure, String host, String detail, String headlineStart,
            String adviceContains) {
        ConnectionMessage m = describe(failure, PostHogHost.parse(host), detail);
        assertTrue(m.headline().startsWith(headlineStart), m.headline());
        assertTrue(m.advice().contains(adviceContains), m.advice());
        assertEquals(m.headline() + " " + m.advice(), m.text());
    }

    /**
     * A server that cannot be reached reads one way: in a project's row (the request's own message, as the bulk
     * link result and the link dialog show it) and above everything (the connection dialog, hoglink audit and link).
     */
    @Test
    void anUnreachableServerReadsTheSameInARowAndAboveEverything() throws Exception {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort(); // closed again: nothing listens there
        }
        PostHogHost host = PostHogHost.parse("http://127.0.0.1:" + port);
        dev.hoglink.api.PostHogClient client = dev.hoglink.api.PostHogClient.builder(host.url(),
                dev.hoglink.api.ApiKey.of("phx_" + "a".repeat(40))).retryPolicy(dev.hoglink.api.RetryPolicy.none()).build();
        dev.hoglink.api.NetworkException e = org.junit.jupiter.api.Assertions.assertThrows(
                dev.hoglink.api.NetworkException.class, client::organizations);
        String top = ConnectionMessages.describe(ConnectionProblem.ofNetwork(host, e).orElseThrow()).text();
        assertEquals("Cannot reach 127.0.0.1:" + port + ". The connection was refused. "
                + "Check the address and your network.", top);
        assertEquals(top, e.userMessage());
        assertEquals(top, dev.hoglink.service.ApiFailures.toService(e).userMessage());
    }

    @Test
    void regionHintsSuggestTheOtherCloudAndNothingForSelfHosted() {
        assertEquals(Optional.of(PostHogHost.EU_CLOUD),
                describe(ConnectionFailure.KEY_FOR_OTHER_REGION, PostHogHost.US_CLOUD, null).suggestedHost());
        assertEquals(Optional.of(PostHogHost.US_CLOUD),
                describe(ConnectionFailure.INVALID_KEY, PostHogHost.EU_CLOUD, null).suggestedHost());
        ConnectionMessage self = describe(ConnectionFailure.INVALID_KEY, SELF, null);
        assertEquals(Optional.empty(), self.suggestedHost());
        assertFalse(self.advice().contains("EU Cloud"), self.advice());
    }

    @ParameterizedTest
    @EnumSource(ConnectionFailure.class)
    void everyFailureKindHasADistinctHeadline(ConnectionFailure failure) {
        Set<String> headlines = new HashSet<>();
        for (ConnectionFailure f : EnumSet.allOf(ConnectionFailure.class)) {
            headlines.add(describe(f, PostHogHost.US_CLOUD, null).headline());
        }
        assertEquals(ConnectionFailure.values().length, headlines.size());
        assertFalse(describe(failure, PostHogHost.US_CLOUD, null).advice().isBlank());
    }

    @Test
    void forbiddenDetailsFromTheServerMapToScopeOrOrganizationProblems() {
        ConnectionProblem scope = ConnectionProblem.fromForbiddenDetail(PostHogHost.US_CLOUD,
                "API key missing required scope 'integration:write'").orElseThrow();
        assertEquals(ConnectionFailure.MISSING_SCOPE, scope.failure());
        assertEquals("integration:write", scope.detail());

        ConnectionProblem org = ConnectionProblem.fromForbiddenDetail(PostHogHost.EU_CLOUD,
                "Organization 'Acme Inc' does not allow using personal API keys. Contact an admin.").orElseThrow();
        assertEquals(ConnectionFailure.PERSONAL_KEYS_FORBIDDEN, org.failure());
        assertEquals("Acme Inc", org.detail());

        assertEquals(Optional.empty(), ConnectionProblem.fromForbiddenDetail(PostHogHost.US_CLOUD,
                "API key does not have access to the requested project: ID 102."));
        assertEquals(Optional.empty(), ConnectionProblem.fromForbiddenDetail(PostHogHost.US_CLOUD, null));
    }

    @Test
    void keysInDetailsAreRedactedBeforeTheyReachAMessage() {
        ConnectionMessage m = describe(ConnectionFailure.PERSONAL_KEYS_FORBIDDEN, SELF, "Acme phx_CANARYmessage00000000");
        assertFalse(m.text().contains("CANARY"), m.text());
        assertTrue(m.headline().contains("[redacted]"), m.headline());
    }
}
