package dev.hoglink.api.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.security.SecureRandom;
import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void theChallengeIsRfc7636sS256OfTheVerifier() {
        // RFC 7636 Appendix B.
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challengeOf("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void eachSignInGetsAFreshVerifierAndStateOfTheRightShape() {
        SecureRandom r = new SecureRandom();
        Pkce a = Pkce.create(r);
        Pkce b = Pkce.create(r);
        assertEquals(43, a.verifier().length());
        assertTrue(a.verifier().matches("[A-Za-z0-9_-]{43}"), "unreserved characters only (RFC 7636 §4.1)");
        assertEquals(Pkce.challengeOf(a.verifier()), a.challenge());
        assertNotEquals(a.verifier(), b.verifier());
        assertNotEquals(a.state(), b.state());
        assertNotEquals(a.state(), a.verifier());
    }

    @Test
    void theStateMatchesOnlyItself() {
        Pkce p = Pkce.create(new SecureRandom());
        assertTrue(p.stateMatches(p.state()));
        assertFalse(p.stateMatches(p.state() + "x"));
        assertFalse(p.stateMatches(""));
        assertFalse(p.stateMatches(null));
    }

    @Test
    void toStringShowsNoSecret() {
        Pkce p = Pkce.create(new SecureRandom());
        assertFalse(p.toString().contains(p.verifier()));
        assertFalse(p.toString().contains(p.state()));
        assertFalse(p.toString().contains(p.challenge()));
    }

    @Test
    void aShortLivedTokenIsRenewedHalfWayNotOnEveryRequest() {
        java.time.Instant t0 = java.time.Instant.parse("2026-01-01T00:00:00Z");
        TokenSet oneMinute = new TokenSet(dev.hoglink.api.ApiKey.of("pha_x"), "phr_y", t0, t0.plusSeconds(60),
                null, null, null);
        assertEquals(t0.plusSeconds(30), oneMinute.renewAt(java.time.Duration.ofMinutes(5)));
        TokenSet week = new TokenSet(dev.hoglink.api.ApiKey.of("pha_x"), "phr_y", t0, t0.plusSeconds(7 * 86400),
                null, null, null);
        assertEquals(t0.plusSeconds(7 * 86400 - 300), week.renewAt(java.time.Duration.ofMinutes(5)));
    }
}
