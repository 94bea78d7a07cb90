package dev.hoglink.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.InvalidHostException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PostHogHostTest {

    @ParameterizedTest(name = "\"{0}\" -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
        "us.posthog.com                          | US_CLOUD    | https://us.posthog.com",
        "https://us.posthog.com/                 | US_CLOUD    | https://us.posthog.com",
        "  HTTPS://US.PostHog.com/project/12?x=1#y | US_CLOUD  | https://us.posthog.com",
        "https://us.posthog.com:443              | US_CLOUD    | https://us.posthog.com",
        "app.posthog.com                         | US_CLOUD    | https://us.posthog.com",
        "eu.posthog.com                          | EU_CLOUD    | https://eu.posthog.com",
        "https://eu.posthog.com/settings/user-api-keys | EU_CLOUD | https://eu.posthog.com",
        "eu.posthog.com.                         | EU_CLOUD    | https://eu.posthog.com",
        "posthog.acme.io                         | SELF_HOSTED | https://posthog.acme.io",
        "https://PostHog.Acme.io:8443/some/path/ | SELF_HOSTED | https://posthog.acme.io:8443",
        "https://us.posthog.com:8443             | SELF_HOSTED | https://us.posthog.com:8443",
        "http://localhost:8000/                  | SELF_HOSTED | http://localhost:8000",
        "http://LOCALHOST                        | SELF_HOSTED | http://localhost",
        "localhost:8010                          | SELF_HOSTED | https://localhost:8010",
        "http://127.0.0.1:8010                   | SELF_HOSTED | http://127.0.0.1:8010",
        "http://127.10.20.30:80                  | SELF_HOSTED | http://127.10.20.30",
        "http://[::1]:8010/api                   | SELF_HOSTED | http://[::1]:8010",
        "http://[0:0:0:0:0:0:0:1]:9000           | SELF_HOSTED | http://[0:0:0:0:0:0:0:1]:9000",
        "https://10.0.0.5                        | SELF_HOSTED | https://10.0.0.5",
    })
    void parseNormalisesWhatUsersType(String input, PostHogHost.Kind kind, String url) {
        PostHogHost host = PostHogHost.parse(input);
        assertEquals(kind, host.kind());
        assertEquals(url, host.url());
    }

    @ParameterizedTest(name = "\"{0}\" is refused")
    @CsvSource(delimiter = '|', value = {
        "''                                | Enter the PostHog address",
        "'   '                             | Enter the PostHog address",
        "http://us.posthog.com             | Use https:// for us.posthog.com",
        "http://posthog.acme.io:8000       | Plain http is allowed only for a PostHog running on this computer",
        "http://10.0.0.5                   | Use https:// for 10.0.0.5",
        "http://128.0.0.1                  | Use https://",
        "http://localhost.evil.com         | Use https://",
        "ftp://posthog.acme.io             | Only https:// addresses are supported",
        "javascript:alert(1)               | Only https:// addresses are supported",
        "file:///etc/passwd                | Only https:// addresses are supported",
        "https://ada:secret@posthog.acme.io | Remove the user name and password",
        "https://post hog.acme.io          | contains spaces",
        "https://posthog_acme.io           | is not a valid host name",
        "https://-bad-.acme.io             | is not a valid host name",
        "https://                          | not a valid address",
        "https://posthog.acme.io:0         | Port 0 is not valid",
        "https://posthog.acme.io:70000     | Port 70000 is not valid",
        "us.i.posthog.com                  | only receives events. For the admin API use https://us.posthog.com (US Cloud)",
        "https://eu.i.posthog.com          | only receives events. For the admin API use https://eu.posthog.com (EU Cloud)",
    })
    void parseRefusesUnsafeOrInvalidAddressesWithAClearMessage(String input, String messagePart) {
        InvalidHostException e = assertThrows(InvalidHostException.class, () -> PostHogHost.parse(input));
        assertTrue(e.getMessage().contains(messagePart), e.getMessage());
    }

    @Test
    void tryParseHandsTheProblemToTheCallerInsteadOfThrowing() {
        java.util.List<String> problems = new java.util.ArrayList<>();
        assertTrue(PostHogHost.tryParse("ftp://posthog.acme.io", problems::add).isEmpty());
        assertEquals(1, problems.size());
        assertTrue(problems.get(0).contains("Only https:// addresses are supported"), problems.get(0));
        assertEquals(Optional.of(PostHogHost.EU_CLOUD), PostHogHost.tryParse("eu.posthog.com", problems::add));
        assertEquals(1, problems.size());
    }

    @Test
    void parseRefusesNull() {
        assertThrows(InvalidHostException.class, () -> PostHogHost.parse(null));
    }

    @Test
    void cloudAddressesParseToTheSharedConstants() {
        assertSame(PostHogHost.US_CLOUD, PostHogHost.parse("https://us.posthog.com"));
        assertSame(PostHogHost.EU_CLOUD, PostHogHost.parse("eu.posthog.com/"));
    }

    @Test
    void otherCloudRegionSwapsUsAndEuAndIsEmptyForSelfHosted() {
        assertEquals(Optional.of(PostHogHost.EU_CLOUD), PostHogHost.US_CLOUD.otherCloudRegion());
        assertEquals(Optional.of(PostHogHost.US_CLOUD), PostHogHost.EU_CLOUD.otherCloudRegion());
        assertEquals(Optional.empty(), PostHogHost.parse("posthog.acme.io").otherCloudRegion());
    }

    @Test
    void loopbackIsDetectedForLocalhostIpv4AndIpv6Only() {
        assertTrue(PostHogHost.parse("http://127.0.0.1:1").isLoopback());
        assertTrue(PostHogHost.parse("http://[::1]:1").isLoopback());
        assertTrue(PostHogHost.parse("http://localhost").isLoopback());
        assertFalse(PostHogHost.parse("https://posthog.acme.io").isLoopback());
        assertFalse(PostHogHost.US_CLOUD.isLoopback());
    }

    @Test
    void resolveJoinsApiPathsWithExactlyOneSlash() {
        PostHogHost host = PostHogHost.parse("https://posthog.acme.io:8443/ignored/");
        assertEquals("https://posthog.acme.io:8443/api/users/@me/", host.resolve("/api/users/@me/").toString());
        assertEquals("https://posthog.acme.io:8443/api/organizations/", host.resolve("api/organizations/").toString());
    }

    @Test
    void displayNameNamesTheCloudRegionOrTheAddress() {
        assertEquals("EU Cloud", PostHogHost.EU_CLOUD.displayName());
        assertEquals("https://posthog.acme.io", PostHogHost.parse("posthog.acme.io").displayName());
        assertEquals(PostHogHost.parse("posthog.acme.io/x"), PostHogHost.parse("HTTPS://posthog.acme.io"));
    }
}
