package dev.hoglink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.util.Redactor;
import java.net.URI;
import org.junit.jupiter.api.Test;

class HostAddressAndKeyTest {

    @Test
    void hostIsNormalisedToSchemeHostPortWithoutTrailingSlash() {
        assertEquals(URI.create("https://us.posthog.com"), HostAddress.normalise(" HTTPS://US.PostHog.com/ "));
        assertEquals(URI.create("https://eu.posthog.com"), HostAddress.normalise("eu.posthog.com"));
        assertEquals(URI.create("https://ph.acme.io:8443/posthog"), HostAddress.normalise("https://ph.acme.io:8443/posthog///"));
        assertEquals(URI.create("http://localhost:8000"), HostAddress.normalise("http://localhost:8000/"));
    }

    @Test
    void plainHttpIsAllowedOnlyForLoopbackNames() {
        for (String ok : new String[] {"http://localhost", "http://127.0.0.1:1", "http://127.5.6.7", "http://[::1]:8000",
                "http://LOCALHOST."}) {
            HostAddress.normalise(ok);
        }
        for (String bad : new String[] {"http://us.posthog.com", "http://10.0.0.5", "http://127.0.0.1.evil.com",
                "http://localhost.evil.com", "http://app.localhost", "http://128.0.0.1", "http://127.0.0.999", "http://[::2]"}) {
            InvalidHostException e = assertThrows(InvalidHostException.class, () -> HostAddress.normalise(bad), bad);
            assertTrue(e.userMessage().contains("https://"), e.userMessage());
        }
    }

    @Test
    void hostWithUserInfoQueryOrOtherSchemeIsRefused() {
        assertThrows(InvalidHostException.class, () -> HostAddress.normalise("https://me:pw@us.posthog.com"));
        assertThrows(InvalidHostException.class, () -> HostAddress.normalise("https://us.posthog.com/?x=1"));
        assertThrows(InvalidHostException.class, () -> HostAddress.normalise("javascript:alert(1)"));
        assertThrows(InvalidHostException.class, () -> HostAddress.normalise(""));
        assertThrows(InvalidHostException.class, () -> HostAddress.normalise("https://"));
    }

    @Test
    void sameOriginComparesSchemeHostAndEffectivePort() {
        assertTrue(HostAddress.sameOrigin(URI.create("https://a.io/x"), URI.create("https://A.io:443/y")));
        assertFalse(HostAddress.sameOrigin(URI.create("https://a.io"), URI.create("http://a.io")));
        assertFalse(HostAddress.sameOrigin(URI.create("http://127.0.0.1:1"), URI.create("http://localhost:1")));
        assertFalse(HostAddress.sameOrigin(URI.create("http://127.0.0.1:1"), URI.create("http://127.0.0.1:2")));
    }

    @Test
    void apiKeyToStringNeverShowsTheKeyAndTheKeyIsRegisteredForRedaction() {
        String raw = "odd_key_shape_0123456789abcdef";
        ApiKey key = ApiKey.of("  " + raw + "\n");
        assertEquals(raw, key.reveal());
        assertFalse(key.toString().contains(raw), key.toString());
        assertFalse(Redactor.redact("x " + raw + " y").contains(raw));
        assertEquals("odd_...cdef", key.hint());
        assertEquals(key, ApiKey.of(raw));
        assertNotEquals(key, ApiKey.of(raw + "1"));
    }

    @Test
    void apiKeyRefusesEmptyOrGarbledInputWithoutEchoingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiKey.of("phx_abc def_secret"));
        assertFalse(e.getMessage().contains("secret"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ApiKey.of("   "));
        assertThrows(IllegalArgumentException.class, () -> ApiKey.of(null));
    }
}
