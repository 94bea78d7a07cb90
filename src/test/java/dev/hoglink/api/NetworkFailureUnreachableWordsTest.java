package dev.hoglink.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * An address that is an IP address needs no name lookup, so "cannot reach" there says only that the connection was
 * refused; a name keeps both causes. Host and advice read the same either way.
 */
class NetworkFailureUnreachableWordsTest {

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1:8000", "127.0.0.1", "10.1.2.3:443", "[::1]:8000", "[::1]", "::1",
            "[2001:db8::5]", "http://127.0.0.1:8000", "https://[fe80::1]:8443/"})
    void anIpAddressReadsAsARefusedConnectionOnly(String where) {
        assertTrue(NetworkFailure.ipLiteral(where), where);
        assertEquals("Cannot reach " + where + ". The connection was refused. Check the address and your network.",
                NetworkFailure.UNREACHABLE.text(where));
    }

    @ParameterizedTest
    @ValueSource(strings = {"posthog.example.com", "posthog.example.com:8443", "localhost:8000", "1.2.3.example.com",
            "256.1.1.1", "1.2.3", "https://eu.posthog.com", "1.2.3.4.5"})
    void aNameKeepsBothCauses(String where) {
        assertFalse(NetworkFailure.ipLiteral(where), where);
        assertEquals("Cannot reach " + where + ". The name was not found or the connection was refused. Check the "
                + "address and your network.", NetworkFailure.UNREACHABLE.text(where));
    }
}
