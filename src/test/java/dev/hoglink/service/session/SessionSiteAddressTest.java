package dev.hoglink.service.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.hoglink.api.PostHogClient;
import dev.hoglink.model.Organization;
import dev.hoglink.model.Project;
import dev.hoglink.sandbox.SandboxOptions;
import dev.hoglink.sandbox.SandboxServer;
import dev.hoglink.service.PostHogHost;
import dev.hoglink.service.connection.ConnectionProfile;
import dev.hoglink.service.journal.ActionJournal;
import dev.hoglink.service.oauth.OAuthService;
import dev.hoglink.service.oauth.OAuthUrlValidator;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A connection profile's public site address reaches the OAuth bootstrap's URL check through the session:
 * against a sandbox whose SITE_URL (http://localhost:PORT) differs from the address Hoglink connects to
 * (http://127.0.0.1:PORT), as a self-hosted PostHog behind split DNS does (docs/api-notes.md N14, NE4).
 */
class SessionSiteAddressTest {

    private static SandboxServer sandbox;
    private static PostHogHost host;
    private static final Organization ACME = new Organization("acme", "Acme Analytics", "acme", 1);
    private static final Project WEB = new Project(110, "Project 110", "acme", Instant.EPOCH);

    @TempDir
    Path dir;

    @BeforeAll
    static void start() throws IOException {
        sandbox = SandboxServer.start(SandboxOptions.defaults().withSiteUrl("http://localhost:{port}"));
        host = PostHogHost.parse(sandbox.baseUri().toString());
    }

    @AfterAll
    static void stop() {
        sandbox.stop();
    }

    private Session open(SessionTraits traits) {
        SessionFactory sessions = new SessionFactory((h, k) -> PostHogClient.builder(h.url(), k).build(),
                new ActionJournal(dir.resolve("journal.jsonl"), Clock.systemUTC()), Set::of);
        return sessions.open(host, "Split DNS", true, sandbox.key("member"), traits);
    }

    @Test
    void theProfilesSiteAddressLetsTheOAuthServiceAcceptPostHogsReturnThere() {
        ConnectionProfile profile = new ConnectionProfile("Split DNS", host, null, false,
                PostHogHost.parse(sandbox.siteUri().toString()), false);
        OAuthService oauth = open(new SessionTraits(false, profile.siteUri(), "")).oauth();

        OAuthService.Launch launch = oauth.mint(ACME, WEB, "10000001");

        assertTrue(launch.url().toString().contains("redirect_uri=http%3A%2F%2Flocalhost%3A" + sandbox.port()),
                launch.url().toString());
    }

    @Test
    void withoutASiteAddressTheSameReturnIsRefusedAndNothingOpens() {
        OAuthService oauth = open(SessionTraits.NONE).oauth();

        OAuthService.UrlRefusedException e = assertThrows(OAuthService.UrlRefusedException.class,
                () -> oauth.mint(ACME, WEB, "10000001"));

        assertTrue(e.getMessage().contains("localhost:" + sandbox.port()), e.getMessage());
    }

    @Test
    void aRecordedSiteAddressStillRefusesEveryOtherHost() {
        URI site = URI.create("https://posthog.acme.example");
        OAuthUrlValidator validator = new OAuthUrlValidator(URI.create("https://posthog.internal.example"), Set.of(),
                Optional.empty(), Optional.of(site));
        String authorize = "https://github.com/login/oauth/authorize?client_id=Iv1&state=s&redirect_uri=";

        assertTrue(validator.validate(authorize + "https%3A%2F%2Fposthog.acme.example%2Fcomplete%2Fgithub-link%2F")
                .accepted());
        for (String foreign : new String[] {"https://posthog.acme.example.evil.test", "https://evil.test",
                "http://posthog.acme.example", "https://posthog.acme.example:8443"}) {
            OAuthUrlValidator.Result r = validator.validate(authorize
                    + java.net.URLEncoder.encode(foreign + "/complete/github-link/", java.nio.charset.StandardCharsets.UTF_8));
            assertEquals(false, r.accepted(), foreign);
        }
    }
}
