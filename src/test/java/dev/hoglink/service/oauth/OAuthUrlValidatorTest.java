package dev.hoglink.service.oauth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class OAuthUrlValidatorTest {

    private static final String REDIRECT = "redirect_uri=https%3A%2F%2Fus.posthog.com%2Fcomplete%2Fgithub-link%2F";
    private static final String GOOD_QUERY = "?client_id=Iv23abc&" + REDIRECT + "&state=token%3DAbC";

    private final OAuthUrlValidator cloud = new OAuthUrlValidator(
            URI.create("https://us.posthog.com"), Set.of("github.acme-corp.com"), Optional.empty());
    private final OAuthUrlValidator sandbox = new OAuthUrlValidator(
            URI.create("http://127.0.0.1:8010"), Set.of(), Optional.of(URI.create("http://127.0.0.1:8010")));

    @ParameterizedTest(name = "accepts {0}")
    @CsvSource(delimiter = '|', value = {
        "https://github.com/login/oauth/authorize" + GOOD_QUERY,
        "https://GitHub.com/login/oauth/authorize" + GOOD_QUERY,
        "https://github.com:443/login/oauth/authorize" + GOOD_QUERY,
        "https://github.acme-corp.com/login/oauth/authorize" + GOOD_QUERY,
    })
    void acceptsGitHubsExactShape(String url) {
        assertTrue(cloud.validate(url).accepted(), () -> cloud.validate(url).toString());
    }

    @ParameterizedTest(name = "refuses {0}")
    @CsvSource(delimiter = '|', value = {
        "http://github.com/login/oauth/authorize" + GOOD_QUERY + "             | does not use https",
        "javascript:alert(1)                                                     | not an absolute web address",
        "file:///etc/passwd                                                      | has no host",
        "https://github.com.evil.com/login/oauth/authorize" + GOOD_QUERY + "    | not to GitHub",
        "https://github.com@evil.com/login/oauth/authorize" + GOOD_QUERY + "    | user name before its host",
        "https://evil.com/github.com/login/oauth/authorize" + GOOD_QUERY + "    | not to GitHub",
        "https://evil.com/login/oauth/authorize" + GOOD_QUERY + "               | not to GitHub",
        "https://api.github.com/login/oauth/authorize" + GOOD_QUERY + "         | not to GitHub",
        "https://github.com:8443/login/oauth/authorize" + GOOD_QUERY + "        | non-standard port",
        "https://github.com/login/oauth/authorize/../../evil" + GOOD_QUERY + "  | sign-in page",
        "https://github.com/login/device" + GOOD_QUERY + "                       | sign-in page",
        "https://github.com/login/oauth/authorize?client_id=Iv23abc&redirect_uri=https%3A%2F%2Fevil.com%2Fcomplete%2Fgithub-link%2F&state=token%3DAbC | not to the connected PostHog host",
        "https://github.com/login/oauth/authorize?client_id=Iv23abc&redirect_uri=http%3A%2F%2Fus.posthog.com%2Fcomplete%2Fgithub-link%2F&state=token%3DAbC | not to the connected PostHog host",
        "https://github.com/login/oauth/authorize?client_id=Iv23abc&redirect_uri=https%3A%2F%2Fus.posthog.com.evil.com%2F&state=x | not to the connected PostHog host",
        "https://github.com/login/oauth/authorize?client_id=Iv23abc&" + REDIRECT + "                | no state",
        "https://github.com/login/oauth/authorize?client_id=Iv23abc&" + REDIRECT + "&state=         | no state",
        "https://github.com/login/oauth/authorize?" + REDIRECT + "&state=token%3DAbC                 | no client_id",
        "https://github.com/login/oauth/authorize?client_id=Iv23abc&state=token%3DAbC                | no redirect_uri",
        "https://github.com/login/oauth/authorize" + GOOD_QUERY + "&" + REDIRECT + "               | repeats redirect_uri",
        "https://github.com./login/oauth/authorize" + GOOD_QUERY + "                | not to GitHub",
        "https://gіthub.com/login/oauth/authorize" + GOOD_QUERY + "           | xn--gthub-n2e.com, not to GitHub",
        "https://xn--gthub-n4a.com/login/oauth/authorize" + GOOD_QUERY + "         | not to GitHub",
        "https://github.acme-corp.com.evil.com/login/oauth/authorize" + GOOD_QUERY + " | not to GitHub",
        "data:text/html,<script>alert(1)</script>                                 | not a valid URL",
        "https://github.com/login/oauth/authorize?client_id=Iv23abc&" + REDIRECT + "#state=token%3DAbC | no state",
        "https://github.com/login/oauth/authorize?client_id=Iv23abc&redirect_uri=https%3A%2F%2Fevil%40us.posthog.com%2Fcomplete%2Fgithub-link%2F&state=x | not to the connected PostHog host",
        "https://github.com/login/oauth/authorize?client_id=Iv23abc&redirect_uri=https%3A%2F%2Fus.posthog.com%3A8443%2Fcomplete%2Fgithub-link%2F&state=x | not to the connected PostHog host",
    })
    void refusesAnythingElseWithAReason(String url, String reason) {
        OAuthUrlValidator.Result r = cloud.validate(url);
        assertTrue(r instanceof OAuthUrlValidator.Refused, () -> url + " was accepted");
        String text = ((OAuthUrlValidator.Refused) r).reason();
        assertTrue(text.contains(reason), () -> "reason '" + text + "' should mention '" + reason + "'");
        assertTrue(text.endsWith("It was not opened."), text);
    }

    @org.junit.jupiter.api.Test
    void encodedCharactersInsideAValueDoNotChangeTheDestination() {
        String url = "https://github.com/login/oauth/authorize?client_id=a%0Ab&" + REDIRECT + "&state=x";
        assertEquals(URI.create(url), ((OAuthUrlValidator.Accepted) cloud.validate(url)).url());
    }

    @ParameterizedTest(name = "raw {0}")
    @CsvSource(delimiter = '|', value = {
        "' https://github.com/login/oauth/authorize?client_id=a&state=b' | spaces or control characters",
        "''                                                              | no authorize link",
    })
    void refusesBlankAndPaddedInput(String url, String reason) {
        OAuthUrlValidator.Result r = cloud.validate(url);
        assertTrue(((OAuthUrlValidator.Refused) r).reason().contains(reason), r::toString);
    }

    @ParameterizedTest(name = "sandbox {0} -> {1}")
    @CsvSource(delimiter = '|', value = {
        "http://127.0.0.1:8010/login/oauth/authorize?client_id=sbx&redirect_uri=http%3A%2F%2F127.0.0.1%3A8010%2Fcomplete%2Fgithub-link%2F&state=token%3Dx | true",
        "http://127.0.0.1:8011/login/oauth/authorize?client_id=sbx&redirect_uri=http%3A%2F%2F127.0.0.1%3A8010%2Fcomplete%2Fgithub-link%2F&state=token%3Dx | false",
        "http://localhost:8010/login/oauth/authorize?client_id=sbx&redirect_uri=http%3A%2F%2F127.0.0.1%3A8010%2Fcomplete%2Fgithub-link%2F&state=token%3Dx | false",
        "http://127.0.0.1:8010/login/oauth/authorize?client_id=sbx&redirect_uri=http%3A%2F%2F127.0.0.1%3A9999%2Fcomplete%2Fgithub-link%2F&state=token%3Dx | false",
    })
    void sandboxModeAcceptsOnlyTheSandboxOrigin(String url, boolean expected) {
        assertEquals(expected, sandbox.validate(url).accepted(), () -> sandbox.validate(url).toString());
    }

    @ParameterizedTest
    @ValueSource(ints = {2_049, 5_000, 1_000_000})
    void refusesALinkLongerThanPostHogCouldBuildWithItsLength(int length) {
        String base = "https://github.com/login/oauth/authorize" + GOOD_QUERY + "&pad=";
        String url = base + "a".repeat(length - base.length());
        OAuthUrlValidator.Result r = cloud.validate(url);
        assertFalse(r.accepted());
        assertEquals("The authorize link is " + length + " characters long; PostHog's are under 500 and Hoglink accepts "
                + "at most 2048. It was not opened.", ((OAuthUrlValidator.Refused) r).reason());
    }

    @Test
    void acceptsTheLongestLinkPostHogPlausiblyBuilds() {
        String host = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + "." + "d".repeat(57) + ".io";
        OAuthUrlValidator selfHosted = new OAuthUrlValidator(URI.create("https://" + host + ":8443"), Set.of(),
                Optional.empty());
        String url = "https://github.com/login/oauth/authorize?client_id=Iv23liAAAAAAAAAAAAAA&redirect_uri=https%3A%2F%2F"
                + host + "%3A8443%2Fcomplete%2Fgithub-link%2F&state=token%3D" + "x".repeat(48);
        assertTrue(url.length() < 500, String.valueOf(url.length()));
        assertTrue(selfHosted.validate(url).accepted());
    }

    @Test
    void aRecordedSiteUrlIsAcceptedAsTheReturnAddressAndEveryOtherHostStillRefused() {
        URI internal = URI.create("https://posthog.internal.corp");
        String publicReturn = "https://github.com/login/oauth/authorize?client_id=Iv23abc&redirect_uri="
                + "https%3A%2F%2Fposthog.acme.com%2Fcomplete%2Fgithub-link%2F&state=token%3DAbC";
        OAuthUrlValidator without = new OAuthUrlValidator(internal, Set.of(), Optional.empty());
        assertFalse(without.validate(publicReturn).accepted(), "without a recorded site URL it is foreign");
        OAuthUrlValidator with = new OAuthUrlValidator(internal, Set.of(), Optional.empty(),
                Optional.of(URI.create("https://posthog.acme.com")));
        assertTrue(with.validate(publicReturn).accepted());
        OAuthUrlValidator.Result foreign = with.validate(publicReturn.replace("posthog.acme.com", "evil.example"));
        assertEquals("The authorize link would return to https://evil.example, not to the connected PostHog host "
                + "https://posthog.internal.corp or its site address https://posthog.acme.com. It was not opened.",
                ((OAuthUrlValidator.Refused) foreign).reason());
    }

    @Test
    void unicodeHostNamesAreComparedInTheirAsciiForm() {
        OAuthUrlValidator idn = new OAuthUrlValidator(URI.create("https://xn--bcher-kva.example"), Set.of(),
                Optional.empty());
        String unicodeReturn = "https://github.com/login/oauth/authorize?client_id=Iv23abc&redirect_uri="
                + "https://b\u00fccher.example/complete/github-link/&state=token%3DAbC";
        assertTrue(idn.validate(unicodeReturn).accepted(), "b\u00fccher.example is xn--bcher-kva.example");
        String homograph = "https://g\u0456thub.com/login/oauth/authorize?client_id=Iv23abc&redirect_uri="
                + "https%3A%2F%2Fxn--bcher-kva.example%2Fcomplete%2Fgithub-link%2F&state=token%3DAbC";
        OAuthUrlValidator.Result r = idn.validate(homograph);
        assertFalse(r.accepted());
        assertTrue(((OAuthUrlValidator.Refused) r).reason().contains("xn--gthub-"), ((OAuthUrlValidator.Refused) r).reason());
    }
}
